#include "services/server/caller.h"

#include <atomic>

#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/string_view.h"

namespace endeavour::server {
namespace {

std::atomic<int> calls_without_deadline{0};

}  // namespace

NoDeadlineSlot::~NoDeadlineSlot() {
  if (held_) --calls_without_deadline;
}

absl::StatusOr<NoDeadlineSlot> TakeNoDeadlineSlot(const grpc::ServerContextBase& context) {
  if (context.raw_deadline().tv_sec != gpr_inf_future(GPR_CLOCK_REALTIME).tv_sec) {
    return NoDeadlineSlot(false);
  }
  if (++calls_without_deadline > kMaxCallsWithoutDeadline) {
    --calls_without_deadline;
    return absl::ResourceExhaustedError(absl::StrCat(
        "deadline: more than ", kMaxCallsWithoutDeadline,
        " calls without a deadline are running; set a deadline on the call or try again later"));
  }
  return NoDeadlineSlot(true);
}

absl::StatusOr<auth::Principal> Authenticate(const grpc::ServerContextBase& context,
                                             const auth::TokenStore& tokens) {
  const auto& metadata = context.client_metadata();
  auto it = metadata.find("authorization");
  if (it == metadata.end()) {
    return absl::UnauthenticatedError(
        "authorization: no bearer token (send metadata \"authorization: Bearer <token>\")");
  }
  absl::string_view value(it->second.data(), it->second.size());
  constexpr absl::string_view kBearer = "Bearer ";
  if (!absl::StartsWithIgnoreCase(value, kBearer)) {
    return absl::UnauthenticatedError("authorization: expected \"Bearer <token>\"");
  }
  value.remove_prefix(kBearer.size());
  std::optional<auth::Principal> principal = tokens.Authenticate(value);
  if (!principal.has_value()) {
    return absl::UnauthenticatedError("authorization: the token is not valid");
  }
  return *principal;
}

absl::StatusOr<Caller> Authorize(const grpc::ServerContextBase& context,
                                 const auth::TokenStore& tokens, auth::Operation op,
                                 const std::string& school) {
  absl::StatusOr<auth::Principal> principal = Authenticate(context, tokens);
  if (!principal.ok()) return principal.status();
  absl::StatusOr<NoDeadlineSlot> slot = TakeNoDeadlineSlot(context);
  if (!slot.ok()) return slot.status();
  Caller caller{*std::move(principal), school, *std::move(slot)};
  if (caller.school.empty()) caller.school = caller.principal.tenant;
  if (absl::Status allowed = auth::CheckAccess(caller.principal, op, caller.school);
      !allowed.ok()) {
    return allowed;
  }
  return caller;
}

}  // namespace endeavour::server
