// A school's self-evaluation as the trends view reads it: the domain's fold of the
// "school/<tenant>/self-evaluation" stream plus, for every event, where it sits in the log and
// who recorded it. The trends view is a pure function of a SelfEvaluationFile.
#ifndef ENDEAVOUR_PROJECTIONS_SELF_EVALUATION_FILE_H_
#define ENDEAVOUR_PROJECTIONS_SELF_EVALUATION_FILE_H_

#include <cstdint>
#include <string>

#include "absl/container/flat_hash_map.h"
#include "absl/status/status.h"
#include "endeavour/v1/envelope.pb.h"
#include "endeavour/v1/views.pb.h"
#include "services/domain/self_evaluation.h"

namespace endeavour::projections {

struct SelfEvaluationFile {
  std::string stream_id;  // "school/<tenant>/self-evaluation"
  std::string tenant;
  domain::SelfEvaluationState state;
  // Every event folded in, by event id.
  absl::flat_hash_map<std::string, v1::EventSource> sources;
  uint64_t last_position = 0;

  // Folds one stored event of the stream in, in stream order. INVALID_ARGUMENT for an event of
  // another stream or an unknown type, DATA_LOSS for a payload that does not parse.
  absl::Status Apply(const v1::EventEnvelope& envelope);
};

}  // namespace endeavour::projections

#endif  // ENDEAVOUR_PROJECTIONS_SELF_EVALUATION_FILE_H_
