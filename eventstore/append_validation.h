// The checks an append must pass before it reaches the committer, so that bad input is refused
// without touching the log. Each error names the field and the rule.
#ifndef ENDEAVOUR_EVENTSTORE_APPEND_VALIDATION_H_
#define ENDEAVOUR_EVENTSTORE_APPEND_VALIDATION_H_

#include <cstddef>
#include <string>
#include <vector>

#include "absl/status/status.h"
#include "endeavour/v1/envelope.pb.h"
#include "eventstore/expected_version.h"

namespace endeavour::eventstore {

inline constexpr size_t kMaxStreamIdBytes = 256;
inline constexpr size_t kMaxEventIdBytes = 128;
inline constexpr size_t kMaxEventTypeBytes = 128;

struct AppendLimits {
  size_t max_event_bytes;
  size_t max_batch_bytes;
  size_t max_batch_events;
};

// INVALID_ARGUMENT unless `stream_id` is 1-256 bytes of letters, digits and . _ - : / @.
absl::Status ValidateStreamId(const std::string& stream_id);

// Checks the whole request. Returns the total serialized size of the events on success through
// `batch_bytes` (for the committer's group bound).
absl::Status ValidateAppend(const std::string& stream_id, const ExpectedVersion& expected,
                            const std::vector<endeavour::v1::EventEnvelope>& events,
                            const AppendLimits& limits, size_t* batch_bytes);

// True when the caller-supplied parts of two envelopes agree: everything but the fields the store
// assigns (position, stream_id, stream_version, recorded_at). This is what makes a retry "the
// same append".
bool SameCallerContent(const endeavour::v1::EventEnvelope& a,
                       const endeavour::v1::EventEnvelope& b);

}  // namespace endeavour::eventstore

#endif  // ENDEAVOUR_EVENTSTORE_APPEND_VALIDATION_H_
