// Making an evidence pack over gRPC: sign the log's head now, find the pupil's events from its
// history as of that head, fetch each event's stored bytes and inclusion proof (many calls in
// flight at once, so the server's group commit batches the access-log records they make), render
// the history from those bytes, and fetch a consistency proof from an earlier head when asked.
#ifndef ENDEAVOUR_CLIENTS_EVIDENCE_PACK_MAKER_H_
#define ENDEAVOUR_CLIENTS_EVIDENCE_PACK_MAKER_H_

#include <grpcpp/grpcpp.h>

#include <optional>
#include <string>

#include "clients/cli/cli.h"
#include "endeavour/v1/api.pb.h"
#include "endeavour/v1/evidence.pb.h"

namespace endeavour::evidence {

struct PackRequest {
  std::string pupil_id;
  std::string school;  // empty: the caller's own
  std::optional<v1::SignedTreeHead> earlier;
};

// A call that failed: which step, and the status (the server's, or a local one mapped to a code).
struct PackFailure {
  std::string step;
  grpc::Status status;
};

// The pack, or the step that failed.
struct PackResult {
  std::optional<v1::EvidencePack> pack;
  std::optional<PackFailure> failure;
};

PackResult MakePack(const cli::Connection& connection, const PackRequest& request);

}  // namespace endeavour::evidence

#endif  // ENDEAVOUR_CLIENTS_EVIDENCE_PACK_MAKER_H_
