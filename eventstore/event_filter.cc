#include "eventstore/event_filter.h"

#include <algorithm>

#include "absl/strings/match.h"

namespace endeavour::eventstore {

bool MatchesFilter(const EventFilter& filter, const endeavour::v1::EventEnvelope& envelope) {
  if (!absl::StartsWith(envelope.stream_id(), filter.stream_prefix)) return false;
  if (filter.event_types.empty()) return true;
  return std::find(filter.event_types.begin(), filter.event_types.end(), envelope.event_type()) !=
         filter.event_types.end();
}

}  // namespace endeavour::eventstore
