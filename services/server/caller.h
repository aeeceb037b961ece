// Who is calling: the principal named by the call's bearer token, and whether it may do what it
// asks. Every RPC starts here; nothing reads or writes a record before it passes.
#ifndef ENDEAVOUR_SERVICES_SERVER_CALLER_H_
#define ENDEAVOUR_SERVICES_SERVER_CALLER_H_

#include <grpcpp/server_context.h>

#include <string>

#include "absl/status/statusor.h"
#include "services/auth/access_policy.h"
#include "services/auth/principal.h"
#include "services/auth/token_store.h"

namespace endeavour::server {

// The principal of the "authorization: Bearer <token>" metadata. UNAUTHENTICATED, saying only
// that the token is missing or not valid (never why a token did not match), otherwise.
absl::StatusOr<auth::Principal> Authenticate(const grpc::ServerContextBase& context,
                                             const auth::TokenStore& tokens);

// Calls without a deadline could otherwise pile up for ever (a subscription, a wait for a
// position): at most this many run at once, and a call past the cap gets RESOURCE_EXHAUSTED.
inline constexpr int kMaxCallsWithoutDeadline = 128;

// Holds one of the kMaxCallsWithoutDeadline places while the call runs.
class NoDeadlineSlot {
 public:
  NoDeadlineSlot() = default;
  explicit NoDeadlineSlot(bool held) : held_(held) {}
  NoDeadlineSlot(NoDeadlineSlot&& other) noexcept : held_(other.held_) { other.held_ = false; }
  NoDeadlineSlot& operator=(NoDeadlineSlot&&) = delete;
  ~NoDeadlineSlot();

 private:
  bool held_ = false;
};

// Authenticates the caller and checks that it may do `op` on `school`'s records ("" means its own
// school). Returns the principal and the school the call acts on.
struct Caller {
  auth::Principal principal;
  std::string school;
  NoDeadlineSlot slot;
};

// Takes a place for a call without a deadline (nothing for a call with one). RESOURCE_EXHAUSTED
// when every place is taken.
absl::StatusOr<NoDeadlineSlot> TakeNoDeadlineSlot(const grpc::ServerContextBase& context);
absl::StatusOr<Caller> Authorize(const grpc::ServerContextBase& context,
                                 const auth::TokenStore& tokens, auth::Operation op,
                                 const std::string& school = "");

}  // namespace endeavour::server

#endif  // ENDEAVOUR_SERVICES_SERVER_CALLER_H_
