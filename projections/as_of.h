// As-of: which events of a stream the record held at a point, three ways.
//
//  - As of a log position: the events at or before it.
//  - As of a recorded time ("what the record said on 1 September"): the events made durable at
//    or before it.
//  - As of an occurred-on date ("what had happened by 1 September", as the record now knows it):
//    the facts whose own date (held_on, delivered_on, ...) is on or before it, counting a
//    corrected fact at its corrected date, with the corrections and retractions of the facts
//    kept. A review held on 3 March and typed up on 10 March is in the occurred-on view of
//    5 March but not in the recorded-time view of 5 March.
//
// A view as of a point is the view function applied to a scratch file folded from the events
// selected here.
#ifndef ENDEAVOUR_PROJECTIONS_AS_OF_H_
#define ENDEAVOUR_PROJECTIONS_AS_OF_H_

#include <cstdint>
#include <optional>
#include <vector>

#include "absl/status/statusor.h"
#include "absl/time/time.h"
#include "endeavour/v1/common.pb.h"
#include "endeavour/v1/envelope.pb.h"

namespace endeavour::projections {

struct AsOf {
  enum class Kind { kNow, kPosition, kRecordedAt, kOccurredOn };
  Kind kind = Kind::kNow;
  uint64_t position = 0;
  absl::Time recorded_at;
  v1::Date occurred_on;

  static AsOf Now() { return AsOf(); }
  static AsOf Position(uint64_t position);
  static AsOf RecordedAt(absl::Time time);
  static AsOf OccurredOn(const v1::Date& date);
};

// The date a fact of a pupil or self-evaluation stream says it happened on, from its payload;
// nullopt for corrections and retractions (they take their target's) and for unknown types.
std::optional<v1::Date> FactDate(const v1::EventEnvelope& envelope);

// The events of one stream, given in stream order, that `as_of` keeps, in the same order.
// DATA_LOSS for a payload that does not parse.
absl::StatusOr<std::vector<const v1::EventEnvelope*>> SelectAsOf(
    const std::vector<v1::EventEnvelope>& stream, const AsOf& as_of);

}  // namespace endeavour::projections

#endif  // ENDEAVOUR_PROJECTIONS_AS_OF_H_
