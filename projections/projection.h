// A projection: a fold of the log into keyed state, with a name and a version.
//
// The runner (projection_runner.h) feeds a projection the events that match its filter, in log
// order, from its checkpoint; every so often it asks for the state changes made since the last
// flush and writes them together with the checkpoint in one atomic write. A projection keeps
// whatever it likes in memory between flushes, but its output must be a function of the events
// alone: after Reset() and a replay from the checkpoint it must write the same state.
//
// Changing what a projection writes means a new version(): the runner rebuilds the new version
// from position 0 beside the old one, which keeps answering queries until the new one catches up.
#ifndef ENDEAVOUR_PROJECTIONS_PROJECTION_H_
#define ENDEAVOUR_PROJECTIONS_PROJECTION_H_

#include <cstdint>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "eventstore/event_store.h"

namespace endeavour::projections {

// What a projection flushed earlier, as stored: keys are the projection's own, without the
// runner's name and version prefix.
class FlushedState {
 public:
  virtual ~FlushedState() = default;
  virtual absl::StatusOr<std::optional<std::string>> Get(const std::string& key) const = 0;
};

// Key-value pairs to store, keys relative to the projection.
using StateChanges = std::vector<std::pair<std::string, std::string>>;

class Projection {
 public:
  virtual ~Projection() = default;

  // Lower-case letters, digits and '_': part of every key the runner writes for it.
  virtual std::string name() const = 0;
  // From 1. A different number than the one stored means a rebuild.
  virtual uint32_t version() const = 0;
  // The events it folds; the runner passes no others.
  virtual eventstore::EventFilter filter() const = 0;

  // Folds one event in. An error stops the runner at this event (it is never skipped).
  virtual absl::Status Apply(const eventstore::StoredEvent& event, const FlushedState& flushed) = 0;

  // Folds a batch of events, in log order. The default folds them one at a time; a projection
  // whose state is kept per stream may fold different streams at once, as long as each stream's
  // events are folded in order. After an error nothing of the batch is written: the runner stops,
  // or resets the projection and replays from its checkpoint.
  virtual absl::Status ApplyBatch(const std::vector<eventstore::StoredEvent>& events,
                                  const FlushedState& flushed);

  // Appends the state changes since the last Flush to `changes` and counts them as flushed.
  virtual absl::Status Flush(StateChanges& changes) = 0;

  // Forgets everything held in memory. The runner calls it when a write failed, before replaying
  // from the stored checkpoint.
  virtual void Reset() = 0;
};

}  // namespace endeavour::projections

#endif  // ENDEAVOUR_PROJECTIONS_PROJECTION_H_
