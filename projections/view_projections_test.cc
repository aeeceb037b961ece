#include "projections/view_projections.h"

#include <algorithm>
#include <map>
#include <memory>
#include <string>
#include <utility>
#include <vector>

#include "absl/strings/str_cat.h"
#include "eventstore/rocksdb_event_store.h"
#include "eventstore/testing/temp_dir.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "projections/testing/school_workload.h"

namespace endeavour::projections {
namespace {

using eventstore::ExpectedVersion;
using eventstore::RocksDbEventStore;
using eventstore::StoredEvent;

// Nothing flushed yet: every file starts from its stream's first event.
class NothingFlushed final : public FlushedState {
 public:
  absl::StatusOr<std::optional<std::string>> Get(const std::string&) const override {
    return std::nullopt;
  }
};

class ViewProjectionsTest : public ::testing::Test {
 protected:
  void SetUp() override {
    auto opened = RocksDbEventStore::Open(dir_.path());
    ASSERT_TRUE(opened.ok()) << opened.status();
    store_ = std::move(*opened);
  }

  // A school's pupils, their events interleaved in the log as a school records them.
  void AppendSchool(int pupils, int events_per_pupil, const std::string& tenant = "school-1") {
    testing::WorkloadOptions options;
    options.tenant = tenant;
    options.pupils = pupils;
    options.events_per_pupil = events_per_pupil;
    for (testing::WorkloadEvent& e : testing::SchoolWorkload(options).Interleaved()) {
      auto appended = store_->Append(e.stream_id, ExpectedVersion::Any(), {std::move(e.envelope)});
      ASSERT_TRUE(appended.ok()) << appended.status();
    }
  }

  // An event no pupil view can fold: a type the pupil record does not know.
  uint64_t AppendUnknown(const std::string& stream_id, const std::string& id) {
    v1::EventEnvelope envelope;
    envelope.set_event_id(id);
    envelope.set_event_type("endeavour.v1.NotAPupilEvent");
    envelope.set_tenant("school-1");
    auto appended = store_->Append(stream_id, ExpectedVersion::Any(), {std::move(envelope)});
    EXPECT_TRUE(appended.ok()) << appended.status();
    return appended.ok() ? appended->last_position : 0;
  }

  std::vector<StoredEvent> WholeLog() {
    std::vector<StoredEvent> events;
    for (uint64_t from = 1;;) {
      auto page = store_->ReadAll(from, 1000, {});
      EXPECT_TRUE(page.ok()) << page.status();
      if (!page.ok() || page->events.empty()) return events;
      for (StoredEvent& e : page->events) events.push_back(std::move(e));
      from = page->next_position;
    }
  }

  static std::map<std::string, std::string> Flushed(Projection& projection) {
    StateChanges changes;
    EXPECT_TRUE(projection.Flush(changes).ok());
    return std::map<std::string, std::string>(changes.begin(), changes.end());
  }

  endeavour::testing::TempDir dir_{"view_projections"};
  std::unique_ptr<RocksDbEventStore> store_;
  const NothingFlushed flushed_;
};

TEST_F(ViewProjectionsTest, ALargeBatchFoldsToTheViewsOfOneEventAtATime) {
  AppendSchool(40, 30);
  const std::vector<StoredEvent> log = WholeLog();
  ASSERT_GT(log.size(), 1000u);
  auto one_at_a_time = MakePupilViewsProjection(*store_);
  for (const StoredEvent& event : log) {
    ASSERT_TRUE(one_at_a_time->Apply(event, flushed_).ok()) << event.envelope.position();
  }
  auto batched = MakePupilViewsProjection(*store_);
  ASSERT_TRUE(batched->ApplyBatch(log, flushed_).ok());
  const std::map<std::string, std::string> expected = Flushed(*one_at_a_time);
  EXPECT_EQ(expected.size(), 3u * 40);
  EXPECT_TRUE(Flushed(*batched) == expected) << "a batch folded to other views";
}

TEST_F(ViewProjectionsTest, ABatchReportsItsEarliestEventThatCannotBeFolded) {
  AppendSchool(40, 10);
  // One event that cannot be folded in each of many pupils' streams, appended from the last pupil
  // to the first: whichever shard each lands in, and in whatever order a shard takes its streams,
  // the error is the one folding one event at a time would have stopped at, the earliest.
  std::vector<uint64_t> bad;
  for (int pupil = 39; pupil >= 0; --pupil) {
    testing::WorkloadOptions options;
    const std::string stream = testing::SchoolWorkload(options).PupilStreamId(pupil);
    bad.push_back(AppendUnknown(stream, absl::StrCat("bad-", pupil)));
  }
  AppendSchool(1, 5, "school-2");  // and more events after them
  const std::vector<StoredEvent> log = WholeLog();
  ASSERT_GT(log.size(), 256u);  // large enough to be folded in parallel
  auto projection = MakePupilViewsProjection(*store_);
  absl::Status folded = projection->ApplyBatch(log, flushed_);
  EXPECT_EQ(folded.code(), absl::StatusCode::kInvalidArgument) << folded;
  const uint64_t earliest = *std::min_element(bad.begin(), bad.end());
  EXPECT_THAT(std::string(folded.message()),
              ::testing::StartsWith(absl::StrCat("at position ", earliest, ": ")));
}

}  // namespace
}  // namespace endeavour::projections
