// A projection for testing the runner: counts the events of each stream by adding one per event,
// the kind of fold that shows it at once if the runner ever applies an event twice or skips one
// (a count that differs from the stream's version). Each count is stored as count * `scale`, so
// two versions with different scales write different state.
#ifndef ENDEAVOUR_PROJECTIONS_TESTING_EVENT_COUNT_PROJECTION_H_
#define ENDEAVOUR_PROJECTIONS_TESTING_EVENT_COUNT_PROJECTION_H_

#include <functional>
#include <string>
#include <utility>

#include "absl/container/flat_hash_map.h"
#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "projections/projection.h"

namespace endeavour::projections::testing {

class EventCountProjection final : public Projection {
 public:
  EventCountProjection(uint32_t version, int scale, eventstore::EventFilter filter = {})
      : version_(version), scale_(scale), filter_(std::move(filter)) {}

  // Called before each event is folded; an error fails the fold. Tests pause or break it here.
  std::function<absl::Status(const eventstore::StoredEvent&)> before_apply;
  // Called at the start of each Flush; tests make writing slow here.
  std::function<void()> before_flush;

  std::string name() const override { return "event_count"; }
  uint32_t version() const override { return version_; }
  eventstore::EventFilter filter() const override { return filter_; }

  absl::Status Apply(const eventstore::StoredEvent& event, const FlushedState& flushed) override {
    if (before_apply) {
      if (absl::Status s = before_apply(event); !s.ok()) return s;
    }
    const std::string& stream = event.envelope.stream_id();
    auto it = counts_.find(stream);
    if (it == counts_.end()) {
      absl::StatusOr<std::optional<std::string>> stored = flushed.Get(stream);
      if (!stored.ok()) return stored.status();
      int64_t count = 0;
      if (stored->has_value() && !absl::SimpleAtoi(**stored, &count)) {
        return absl::DataLossError("stored count is not a number");
      }
      it = counts_.emplace(stream, count / scale_).first;
    }
    ++it->second;
    dirty_[stream] = true;
    return absl::OkStatus();
  }

  absl::Status Flush(StateChanges& changes) override {
    if (before_flush) before_flush();
    for (const auto& [stream, unused] : dirty_) {
      changes.emplace_back(stream, absl::StrCat(counts_[stream] * scale_));
    }
    dirty_.clear();
    return absl::OkStatus();
  }

  void Reset() override {
    counts_.clear();
    dirty_.clear();
  }

 private:
  const uint32_t version_;
  const int scale_;
  const eventstore::EventFilter filter_;
  absl::flat_hash_map<std::string, int64_t> counts_;
  absl::flat_hash_map<std::string, bool> dirty_;
};

}  // namespace endeavour::projections::testing

#endif  // ENDEAVOUR_PROJECTIONS_TESTING_EVENT_COUNT_PROJECTION_H_
