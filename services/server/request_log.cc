#include "services/server/request_log.h"

#include <string>

#include "absl/strings/match.h"
#include "absl/strings/strip.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_format.h"
#include "absl/time/clock.h"

namespace endeavour::server {
namespace {

using grpc::experimental::InterceptionHookPoints;

class RequestLogInterceptor final : public grpc::experimental::Interceptor {
 public:
  RequestLogInterceptor(grpc::experimental::ServerRpcInfo* info, const auth::TokenStore& tokens,
                        std::FILE* out)
      : method_(info->method()), tokens_(tokens), out_(out), start_(absl::Now()) {}

  void Intercept(grpc::experimental::InterceptorBatchMethods* methods) override {
    if (methods->QueryInterceptionHookPoint(InterceptionHookPoints::POST_RECV_INITIAL_METADATA)) {
      principal_ = DescribeCaller(*methods->GetRecvInitialMetadata());
    }
    if (methods->QueryInterceptionHookPoint(InterceptionHookPoints::PRE_SEND_STATUS)) {
      const grpc::Status status = methods->GetSendStatus();
      absl::FPrintF(out_, "endeavourd: rpc %s principal=%s code=%s ms=%.3f\n", method_, principal_,
                    CodeName(status.error_code()),
                    absl::ToDoubleMilliseconds(absl::Now() - start_));
    }
    methods->Proceed();
  }

 private:
  // "actor(role@school)", "none" without a token, "invalid" for a token that is not valid.
  std::string DescribeCaller(const std::multimap<grpc::string_ref, grpc::string_ref>& metadata) {
    auto it = metadata.find("authorization");
    if (it == metadata.end()) return "none";
    absl::string_view value(it->second.data(), it->second.size());
    if (!absl::ConsumePrefix(&value, "Bearer ")) return "invalid";
    std::optional<auth::Principal> principal = tokens_.Authenticate(value);
    if (!principal.has_value()) return "invalid";
    return absl::StrCat(principal->actor_id, "(", auth::RoleName(principal->role), "@",
                        principal->tenant, ")");
  }

  static const char* CodeName(grpc::StatusCode code) {
    static constexpr const char* kNames[] = {"OK",
                                             "CANCELLED",
                                             "UNKNOWN",
                                             "INVALID_ARGUMENT",
                                             "DEADLINE_EXCEEDED",
                                             "NOT_FOUND",
                                             "ALREADY_EXISTS",
                                             "PERMISSION_DENIED",
                                             "RESOURCE_EXHAUSTED",
                                             "FAILED_PRECONDITION",
                                             "ABORTED",
                                             "OUT_OF_RANGE",
                                             "UNIMPLEMENTED",
                                             "INTERNAL",
                                             "UNAVAILABLE",
                                             "DATA_LOSS",
                                             "UNAUTHENTICATED"};
    const int i = static_cast<int>(code);
    return i >= 0 && i < 17 ? kNames[i] : "UNKNOWN";
  }

  const char* const method_;
  const auth::TokenStore& tokens_;
  std::FILE* const out_;
  const absl::Time start_;
  std::string principal_ = "none";
};

}  // namespace

grpc::experimental::Interceptor* RequestLogFactory::CreateServerInterceptor(
    grpc::experimental::ServerRpcInfo* info) {
  // gRPC takes ownership of the interceptor and deletes it when the call ends.
  return new RequestLogInterceptor(info, tokens_, out_);
}

}  // namespace endeavour::server
