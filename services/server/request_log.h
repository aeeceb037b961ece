// One log line per call at the edge of the server: method, principal, status code and duration,
// and never a payload (the payloads are records about children).
#ifndef ENDEAVOUR_SERVICES_SERVER_REQUEST_LOG_H_
#define ENDEAVOUR_SERVICES_SERVER_REQUEST_LOG_H_

#include <grpcpp/support/server_interceptor.h>

#include <cstdio>

#include "services/auth/token_store.h"
#include "services/server/metrics.h"

namespace endeavour::server {

// Writes the lines to `out` (stderr in endeavourd), and counts each call in `metrics` unless it
// is null. `tokens` and `metrics` must outlive the factory.
class RequestLogFactory final : public grpc::experimental::ServerInterceptorFactoryInterface {
 public:
  RequestLogFactory(const auth::TokenStore& tokens, std::FILE* out, ServerMetrics* metrics)
      : tokens_(tokens), out_(out), metrics_(metrics) {}
  grpc::experimental::Interceptor* CreateServerInterceptor(
      grpc::experimental::ServerRpcInfo* info) override;

 private:
  const auth::TokenStore& tokens_;
  std::FILE* const out_;
  ServerMetrics* const metrics_;
};

}  // namespace endeavour::server

#endif  // ENDEAVOUR_SERVICES_SERVER_REQUEST_LOG_H_
