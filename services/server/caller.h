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

// Authenticates the caller and checks that it may do `op` on `school`'s records ("" means its own
// school). Returns the principal and the school the call acts on.
struct Caller {
  auth::Principal principal;
  std::string school;
};
absl::StatusOr<Caller> Authorize(const grpc::ServerContextBase& context,
                                 const auth::TokenStore& tokens, auth::Operation op,
                                 const std::string& school = "");

}  // namespace endeavour::server

#endif  // ENDEAVOUR_SERVICES_SERVER_CALLER_H_
