// The one place an absl::Status becomes a grpc::Status: the codes are the same canonical codes,
// and the message (which names the field and the rule) goes to the caller unchanged.
#ifndef ENDEAVOUR_SERVICES_SERVER_GRPC_STATUS_H_
#define ENDEAVOUR_SERVICES_SERVER_GRPC_STATUS_H_

#include <grpcpp/support/status.h>

#include "absl/status/status.h"

namespace endeavour::server {

inline grpc::Status ToGrpcStatus(const absl::Status& status) {
  if (status.ok()) return grpc::Status::OK;
  return grpc::Status(static_cast<grpc::StatusCode>(status.code()), std::string(status.message()));
}

}  // namespace endeavour::server

#endif  // ENDEAVOUR_SERVICES_SERVER_GRPC_STATUS_H_
