#include "services/server/request_log.h"

#include <string>

#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_format.h"
#include "absl/strings/strip.h"
#include "absl/time/clock.h"
#include "services/server/grpc_status.h"

namespace endeavour::server {
namespace {

using grpc::experimental::InterceptionHookPoints;

class RequestLogInterceptor final : public grpc::experimental::Interceptor {
 public:
  RequestLogInterceptor(grpc::experimental::ServerRpcInfo* info, const auth::TokenStore& tokens,
                        std::FILE* out, ServerMetrics* metrics)
      : method_(info->method()),
        tokens_(tokens),
        out_(out),
        metrics_(metrics),
        start_(absl::Now()) {}

  void Intercept(grpc::experimental::InterceptorBatchMethods* methods) override {
    if (methods->QueryInterceptionHookPoint(InterceptionHookPoints::POST_RECV_INITIAL_METADATA)) {
      principal_ = DescribeCaller(*methods->GetRecvInitialMetadata());
    }
    if (methods->QueryInterceptionHookPoint(InterceptionHookPoints::PRE_SEND_STATUS)) {
      const grpc::Status status = methods->GetSendStatus();
      const absl::Duration took = absl::Now() - start_;
      absl::FPrintF(out_, "endeavourd: rpc %s principal=%s code=%s ms=%.3f\n", method_, principal_,
                    StatusCodeName(status.error_code()), absl::ToDoubleMilliseconds(took));
      if (metrics_ != nullptr) {
        metrics_->ObserveCall(method_, status.error_code(), absl::ToDoubleSeconds(took));
      }
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

  const char* const method_;
  const auth::TokenStore& tokens_;
  std::FILE* const out_;
  ServerMetrics* const metrics_;
  const absl::Time start_;
  std::string principal_ = "none";
};

}  // namespace

grpc::experimental::Interceptor* RequestLogFactory::CreateServerInterceptor(
    grpc::experimental::ServerRpcInfo* info) {
  // gRPC takes ownership of the interceptor and deletes it when the call ends.
  return new RequestLogInterceptor(info, tokens_, out_, metrics_);
}

}  // namespace endeavour::server
