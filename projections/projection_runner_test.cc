#include "projections/projection_runner.h"

#include <sys/resource.h>

#include <filesystem>
#include <fstream>
#include <iterator>
#include <memory>
#include <sstream>
#include <string>
#include <vector>

#include "absl/strings/str_cat.h"
#include "absl/synchronization/notification.h"
#include "eventstore/rocksdb_event_store.h"
#include "eventstore/testing/temp_dir.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "projections/testing/event_count_projection.h"

namespace endeavour::projections {
namespace {

using eventstore::ExpectedVersion;
using eventstore::RocksDbEventStore;
using testing::EventCountProjection;

class ProjectionRunnerTest : public ::testing::Test {
 protected:
  void SetUp() override { Reopen(); }

  void Reopen() {
    store_.reset();
    auto opened = RocksDbEventStore::Open(dir_.path());
    ASSERT_TRUE(opened.ok()) << opened.status();
    store_ = std::move(*opened);
  }

  // Appends `count` events to `stream`; returns the last position.
  uint64_t Append(const std::string& stream, int count) {
    std::vector<v1::EventEnvelope> events;
    for (int i = 0; i < count; ++i) {
      v1::EventEnvelope& e = events.emplace_back();
      e.set_event_id(absl::StrCat("event-", next_id_++));
      e.set_event_type("endeavour.v1.InterventionDelivered");
      e.set_tenant("school-1");
    }
    auto appended = store_->Append(stream, ExpectedVersion::Any(), std::move(events));
    EXPECT_TRUE(appended.ok()) << appended.status();
    return appended.ok() ? appended->last_position : 0;
  }

  std::unique_ptr<ProjectionRunner> StartCounting(uint32_t version, int scale,
                                                  RunnerOptions options = {}) {
    auto projection = std::make_unique<EventCountProjection>(version, scale);
    auto runner =
        ProjectionRunner::Start(*store_, store_->ProjectionState(), std::move(projection), options);
    EXPECT_TRUE(runner.ok()) << runner.status();
    return runner.ok() ? std::move(*runner) : nullptr;
  }

  std::string Count(const ProjectionRunner& runner, const std::string& stream) {
    auto value = runner.Get(stream);
    EXPECT_TRUE(value.ok()) << value.status();
    return value.ok() && value->has_value() ? **value : "(none)";
  }

  endeavour::testing::TempDir dir_{"projection_runner"};
  std::unique_ptr<RocksDbEventStore> store_;
  int next_id_ = 0;
};

TEST_F(ProjectionRunnerTest, FoldsEveryEventOnceAcrossRestarts) {
  Append("pupil/school-1/a", 3);
  const uint64_t head = Append("pupil/school-1/b", 5);
  {
    auto runner = StartCounting(1, 1);
    ASSERT_TRUE(runner->WaitFor(head, absl::Now() + absl::Seconds(10)).ok());
    EXPECT_EQ(Count(*runner, "pupil/school-1/a"), "3");
    EXPECT_EQ(Count(*runner, "pupil/school-1/b"), "5");
    EXPECT_EQ(runner->checkpoint(), head);
  }
  // Live appends after a restart continue from the checkpoint: nothing counted twice.
  Reopen();
  auto runner = StartCounting(1, 1);
  EXPECT_EQ(runner->checkpoint(), head);
  const uint64_t later = Append("pupil/school-1/a", 2);
  ASSERT_TRUE(runner->WaitFor(later, absl::Now() + absl::Seconds(10)).ok());
  EXPECT_EQ(Count(*runner, "pupil/school-1/a"), "5");
  EXPECT_EQ(Count(*runner, "pupil/school-1/b"), "5");
  EXPECT_TRUE(runner->health().ok());
}

TEST_F(ProjectionRunnerTest, LiveWritesAreCoalescedButAWaitingQueryIsAnsweredAtOnce) {
  RunnerOptions options;
  options.live_flush_interval = absl::Hours(1);
  const uint64_t first = Append("pupil/school-1/a", 1);
  auto runner = StartCounting(1, 1, options);
  ASSERT_TRUE(runner->WaitFor(first, absl::Now() + absl::Seconds(10)).ok());
  const uint64_t flushes = runner->stats().flushes;

  // Folded but, with nobody waiting and the interval not over, not yet written.
  uint64_t last = 0;
  for (int i = 0; i < 20; ++i) last = Append("pupil/school-1/a", 1);
  for (absl::Time give_up = absl::Now() + absl::Seconds(10);
       runner->stats().events < 21 && absl::Now() < give_up;) {
    absl::SleepFor(absl::Milliseconds(10));
  }
  absl::SleepFor(absl::Milliseconds(50));  // time to write, were it to write
  ASSERT_EQ(runner->stats().events, 21u);
  EXPECT_EQ(runner->checkpoint(), first);
  EXPECT_EQ(runner->stats().flushes, flushes);

  // A query waiting for the last append has it written well within the hour.
  const absl::Time start = absl::Now();
  ASSERT_TRUE(runner->WaitFor(last, absl::Now() + absl::Seconds(10)).ok());
  EXPECT_LT(absl::Now() - start, absl::Seconds(5));
  EXPECT_EQ(Count(*runner, "pupil/school-1/a"), "21");
  EXPECT_EQ(runner->stats().flushes, flushes + 1) << "twenty appends, one write";
}

TEST_F(ProjectionRunnerTest, SlowLiveWritesAreSpacedByTheirCost) {
  // Every write takes at least 40 ms; with a spacing of 4 writes start at least 200 ms apart,
  // where the 1 ms interval alone would write about every 41 ms.
  RunnerOptions options;
  options.live_flush_interval = absl::Milliseconds(1);
  options.live_flush_spacing = 4;
  auto projection = std::make_unique<EventCountProjection>(1, 1);
  projection->before_flush = [] { absl::SleepFor(absl::Milliseconds(40)); };
  auto started =
      ProjectionRunner::Start(*store_, store_->ProjectionState(), std::move(projection), options);
  ASSERT_TRUE(started.ok()) << started.status();
  ProjectionRunner& runner = **started;
  const uint64_t first = Append("pupil/school-1/a", 1);
  ASSERT_TRUE(runner.WaitFor(first, absl::Now() + absl::Seconds(10)).ok());

  const uint64_t flushes_before = runner.stats().flushes;
  const absl::Time start = absl::Now();
  uint64_t appended = 1;
  while (absl::Now() - start < absl::Seconds(1)) {
    Append("pupil/school-1/a", 1);
    ++appended;
    absl::SleepFor(absl::Milliseconds(2));
  }
  const absl::Duration elapsed = absl::Now() - start;
  const uint64_t flushes = runner.stats().flushes - flushes_before;
  // One write may straddle the start, and the first after it is spaced by the 40 ms one before.
  EXPECT_LE(flushes, static_cast<uint64_t>(elapsed / absl::Milliseconds(200)) + 2)
      << "writes in " << elapsed;
  EXPECT_GE(flushes, 1u) << "a busy log is still written, only less often";

  // Nothing is lost by writing less often: a waiting query gets every event.
  const uint64_t last = Append("pupil/school-1/a", 1);
  ASSERT_TRUE(runner.WaitFor(last, absl::Now() + absl::Seconds(10)).ok());
  EXPECT_EQ(Count(runner, "pupil/school-1/a"), absl::StrCat(appended + 1));
}

// The nice values of this process's threads, from /proc/self/task/<tid>/stat (field 19).
std::vector<int> ThreadNiceValues() {
  std::vector<int> values;
  for (const auto& task : std::filesystem::directory_iterator("/proc/self/task")) {
    std::ifstream in(task.path() / "stat");
    std::string stat((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
    // The name (field 2) may hold spaces: count fields from after its closing parenthesis.
    std::istringstream rest(stat.substr(stat.rfind(')') + 2));
    std::string field;
    for (int i = 3; i <= 19 && rest >> field; ++i) {
    }
    values.push_back(std::stoi(field));
  }
  return values;
}

TEST_F(ProjectionRunnerTest, TheRunnerThreadRunsAtItsNiceValue) {
  ASSERT_THAT(ThreadNiceValues(), ::testing::Not(::testing::Contains(7)));
  RunnerOptions options;
  options.nice = 7;
  auto runner = StartCounting(1, 1, options);
  const uint64_t head = Append("pupil/school-1/a", 1);
  ASSERT_TRUE(runner->WaitFor(head, absl::Now() + absl::Seconds(10)).ok());
  EXPECT_THAT(ThreadNiceValues(), ::testing::Contains(7));
  EXPECT_EQ(getpriority(PRIO_PROCESS, 0), 0) << "the test's own thread is left as it was";
}

TEST_F(ProjectionRunnerTest, WaitingPastTheLogIsDeadlineExceeded) {
  const uint64_t head = Append("pupil/school-1/a", 1);
  auto runner = StartCounting(1, 1);
  ASSERT_TRUE(runner->WaitFor(head, absl::Now() + absl::Seconds(10)).ok());
  absl::Status late = runner->WaitFor(head + 1, absl::Now() + absl::Milliseconds(50));
  EXPECT_EQ(late.code(), absl::StatusCode::kDeadlineExceeded) << late;
  EXPECT_NE(late.message().find("position 2"), std::string::npos) << late;
}

TEST_F(ProjectionRunnerTest, ANewVersionIsRebuiltWhileTheOldOneAnswersThenTakesOver) {
  const uint64_t head = Append("pupil/school-1/a", 3);
  {
    auto v1 = StartCounting(1, 1);
    ASSERT_TRUE(v1->WaitFor(head, absl::Now() + absl::Seconds(10)).ok());
  }
  // Restart with a v2 that cannot get past the first event until released: v1 keeps answering.
  absl::Notification release;
  auto projection = std::make_unique<EventCountProjection>(2, 10);
  projection->before_apply = [&](const eventstore::StoredEvent&) {
    release.WaitForNotification();
    return absl::OkStatus();
  };
  auto v2 = ProjectionRunner::Start(*store_, store_->ProjectionState(), std::move(projection));
  ASSERT_TRUE(v2.ok()) << v2.status();
  EXPECT_EQ((*v2)->active_version(), 1u);
  EXPECT_EQ((*v2)->checkpoint(), head);
  EXPECT_EQ(Count(**v2, "pupil/school-1/a"), "3");
  // Read-your-writes during a rebuild waits for the switch.
  const uint64_t more = Append("pupil/school-1/a", 1);
  EXPECT_EQ((*v2)->WaitFor(more, absl::Now() + absl::Milliseconds(50)).code(),
            absl::StatusCode::kDeadlineExceeded);
  release.Notify();
  ASSERT_TRUE((*v2)->WaitFor(more, absl::Now() + absl::Seconds(10)).ok());
  EXPECT_EQ((*v2)->active_version(), 2u);
  EXPECT_EQ(Count(**v2, "pupil/school-1/a"), "40");
  // The switch dropped the old version's state and checkpoint.
  int old_keys = 0;
  auto count_keys = [&](absl::string_view, absl::string_view) { return ++old_keys > 0; };
  ASSERT_TRUE(store_->ProjectionState().Scan("state/event_count/v1/", count_keys).ok());
  ASSERT_TRUE(store_->ProjectionState().Scan("checkpoint/event_count/v1", count_keys).ok());
  EXPECT_EQ(old_keys, 0);
  // And a restart of v2 carries on from its own checkpoint.
  v2->reset();
  auto again = StartCounting(2, 10);
  EXPECT_TRUE(again->serving());
  EXPECT_EQ(again->checkpoint(), more);
}

TEST_F(ProjectionRunnerTest, TheSwitchAlsoDropsARebuildAbandonedPartWay) {
  const uint64_t head = Append("pupil/school-1/a", 3);
  StartCounting(1, 1)->WaitFor(head, absl::Now() + absl::Seconds(10)).IgnoreError();
  {
    // A rebuild of version 2 that was abandoned part-way left its state and checkpoint.
    eventstore::StateWrite abandoned;
    abandoned.Put(StateKey("event_count", 2, "pupil/school-1/a"), "10");
    abandoned.Put("checkpoint/event_count/v2", std::string("\0\0\0\0\0\0\0\1", 8));
    ASSERT_TRUE(store_->ProjectionState().Write(abandoned).ok());
  }
  auto v3 = StartCounting(3, 100);
  // Until it catches up, version 1 answers (and has already folded the head in).
  for (int i = 0; i < 1000 && !v3->serving(); ++i) absl::SleepFor(absl::Milliseconds(10));
  ASSERT_TRUE(v3->serving());
  int other_keys = 0;
  auto count_keys = [&](absl::string_view, absl::string_view) { return ++other_keys > 0; };
  for (const char* prefix : {"state/event_count/v1/", "state/event_count/v2/",
                             "checkpoint/event_count/v1", "checkpoint/event_count/v2"}) {
    ASSERT_TRUE(store_->ProjectionState().Scan(prefix, count_keys).ok());
  }
  EXPECT_EQ(other_keys, 0);
  EXPECT_EQ(Count(*v3, "pupil/school-1/a"), "300");
}

TEST_F(ProjectionRunnerTest, AnEventTheProjectionCannotFoldStopsItThere) {
  Append("pupil/school-1/a", 2);
  const uint64_t bad = Append("pupil/school-1/b", 1);
  Append("pupil/school-1/a", 1);
  auto projection = std::make_unique<EventCountProjection>(1, 1);
  projection->before_apply = [&](const eventstore::StoredEvent& event) {
    return event.envelope.position() == bad ? absl::InvalidArgumentError("cannot fold this")
                                            : absl::OkStatus();
  };
  auto runner = ProjectionRunner::Start(*store_, store_->ProjectionState(), std::move(projection));
  ASSERT_TRUE(runner.ok()) << runner.status();
  absl::Status waited = (*runner)->WaitFor(bad, absl::Now() + absl::Seconds(10));
  EXPECT_EQ(waited.code(), absl::StatusCode::kInvalidArgument) << waited;
  EXPECT_NE(waited.message().find(absl::StrCat("at position ", bad)), std::string::npos);
  EXPECT_LT((*runner)->checkpoint(), bad);
  EXPECT_EQ((*runner)->health().code(), absl::StatusCode::kInvalidArgument);
}

TEST(ProjectionRunnerStartTest, RefusesABadNameOrVersion) {
  endeavour::testing::TempDir dir("projection_runner");
  auto store = RocksDbEventStore::Open(dir.path());
  ASSERT_TRUE(store.ok());
  auto zero = ProjectionRunner::Start(**store, (*store)->ProjectionState(),
                                      std::make_unique<EventCountProjection>(0, 1));
  EXPECT_EQ(zero.status().code(), absl::StatusCode::kInvalidArgument);
}

}  // namespace
}  // namespace endeavour::projections
