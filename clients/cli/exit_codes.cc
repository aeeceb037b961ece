#include <cstdio>
#include <string>

#include "absl/status/status.h"
#include "clients/cli/cli.h"
#include "clients/cli/local_failure.h"

namespace endeavour::cli {

ExitCode ExitCodeFor(grpc::StatusCode code) {
  switch (code) {
    case grpc::StatusCode::OK:
      return kExitOk;
    case grpc::StatusCode::NOT_FOUND:
      return kExitNotFound;
    case grpc::StatusCode::UNAUTHENTICATED:
    case grpc::StatusCode::PERMISSION_DENIED:
      return kExitRefused;
    case grpc::StatusCode::ABORTED:
    case grpc::StatusCode::ALREADY_EXISTS:
      return kExitConflict;
    case grpc::StatusCode::UNAVAILABLE:
    case grpc::StatusCode::DEADLINE_EXCEEDED:
      return kExitUnavailable;
    case grpc::StatusCode::INVALID_ARGUMENT:
    case grpc::StatusCode::FAILED_PRECONDITION:
    case grpc::StatusCode::OUT_OF_RANGE:
      return kExitRejected;
    default:
      return kExitFailed;
  }
}

int ReportFailure(const std::string& what, const grpc::Status& status) {
  // gRPC's codes are absl's canonical codes, so absl names them.
  const std::string code =
      absl::StatusCodeToString(static_cast<absl::StatusCode>(status.error_code()));
  std::fprintf(stderr, "endeavour: %s: %s: %s\n", what.c_str(), code.c_str(),
               status.error_message().c_str());
  return ExitCodeFor(status.error_code());
}

int ReportLocalFailure(const std::string& what, const absl::Status& status) {
  std::fprintf(stderr, "endeavour: %s: %s\n", what.c_str(), std::string(status.message()).c_str());
  return status.code() == absl::StatusCode::kInvalidArgument ? kExitUsage : kExitFailed;
}

}  // namespace endeavour::cli
