// Kills a process that runs the projections while it appends a school's records, with SIGKILL,
// over and over, and checks that the runners kept their promise: a projection's state and its
// checkpoint are written in one atomic write, so after any kill the stored state is exactly the
// fold of the log up to the stored checkpoint, and after a restart nothing is applied twice and
// nothing is skipped.
//
// The child (projections_crash_child.cc) runs the views (pupil views, self-evaluation) and the
// event-count projection, which counts each stream's events by adding one per event: a count that
// is not the stream's version up to the checkpoint is an event applied twice or skipped. Every few
// cycles the child runs the other version of the count projection (scale 1 or 10), so kills also
// land in the middle of rebuilds and just around the switch. Kills come at a random moment (early,
// while the runners load; soon after they start; or while they run), and in a third of the cycles
// the child kills itself with SIGKILL right after the runners' Nth state write: a crash point
// between two writes, which would catch a runner that split a flush in two (a random kill finds
// that only by luck). After each kill the parent opens the store and checks, for every projection
// and every version with a checkpoint:
//   - the checkpoint is not past the log's head;
//   - each stream's count is its number of events up to the checkpoint, times the version's scale;
//   - each pupil's stored plan, history and register entry, and the school's trends, are the views
//     rendered from a file folded from the stream's events up to the checkpoint, and streams with
//     no event up to it have none;
//   - each stream in the log is a prefix of the workload's stream (nothing lost, reordered or
//     doubled by the re-appending child).
// Finally a child appends the rest and exits; the parent restarts every runner in-process, waits
// until each has reached the head, and checks the counts against the stream versions and the views
// as Views answers them against fresh renders.
//
// The parent's side of a child (start, read, reap) and the checks of the state the runners left
// after each kill are in projections_crash_util.{h,cc}.
//
// Usage: projections_crash_test [gtest flags] [--cycles=N] [--seed=S]
// (or ENDEAVOUR_CRASH_CYCLES / ENDEAVOUR_CRASH_SEED). The seed is printed so a run can be replayed
// as far as timing allows.
#include <signal.h>
#include <stdlib.h>
#include <sys/wait.h>

#include <algorithm>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <memory>
#include <random>
#include <string>
#include <utility>
#include <vector>

#include "absl/status/status.h"
#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "absl/time/clock.h"
#include "absl/time/time.h"
#include "endeavour/v1/envelope.pb.h"
#include "eventstore/rocksdb_event_store.h"
#include "gtest/gtest.h"
#include "projections/best_endeavours_history.h"
#include "projections/current_plan.h"
#include "projections/projection_runner.h"
#include "projections/pupil_file.h"
#include "projections/register_entry.h"
#include "projections/school_overview.h"
#include "projections/self_evaluation_file.h"
#include "projections/self_evaluation_trends.h"
#include "projections/stored_view.h"
#include "projections/testing/event_count_projection.h"
#include "projections/testing/school_workload.h"
#include "projections/view_projections.h"
#include "projections/views.h"
#include "tests/crash/child_process.h"
#include "tests/crash/crash_flags.h"
#include "tests/crash/projections_crash_util.h"

#ifndef ENDEAVOUR_PROJECTIONS_CRASH_CHILD
#error "ENDEAVOUR_PROJECTIONS_CRASH_CHILD must name the projections_crash_child binary"
#endif

namespace endeavour::projections {
namespace {

using crash::Child;
using crash::ReadUntil;
using crash::Reap;
using crash::SpawnChild;
using crash_util::CheckWrittenState;
using crash_util::ExpectPrefixOfWorkload;
using crash_util::ExpectSameView;
using crash_util::FoldUpTo;
using crash_util::Log;
using crash_util::ReadLog;
using crash_util::Seen;
using crash_util::Streams;
using eventstore::RocksDbEventStore;

int cycles_flag = 20;
uint64_t seed_flag = 0;  // 0: pick one

constexpr char kTenant[] = "crash";
constexpr int kEventsPerPupil = 40;
constexpr int kDueWithinDays = 30;

// Enough pupils that the log grows through more cycles, up to a log of about 23,000 events, which
// each cycle's check reads and folds whole.
int PupilsFor(int cycles) { return std::clamp(4 * cycles, 60, 600); }

// A day inside the workload's school year (it starts 2 September 2024), so some reviews are due
// and some overdue.
v1::Date FixedToday() {
  v1::Date date;
  date.set_year(2025);
  date.set_month(2);
  date.set_day(3);
  return date;
}

class ProjectionsCrashTest : public ::testing::Test {
 protected:
  void SetUp() override {
    std::string pattern = ::testing::TempDir() + "projections_crash_XXXXXX";
    ASSERT_NE(mkdtemp(pattern.data()), nullptr) << pattern;
    dir_ = pattern;
  }
  void TearDown() override {
    if (HasFailure()) {
      std::fprintf(stderr, "projections crash test: keeping the store in %s\n", dir_.c_str());
    } else if (!dir_.empty()) {
      std::filesystem::remove_all(dir_);
    }
  }

  std::vector<std::string> ChildArgs(uint32_t count_version, size_t cache, uint64_t rate) const {
    return {ENDEAVOUR_PROJECTIONS_CRASH_CHILD,
            dir_,
            absl::StrCat("--pupils=", options_.pupils),
            absl::StrCat("--events=", options_.events_per_pupil),
            absl::StrCat("--seed=", options_.seed),
            absl::StrCat("--count_version=", count_version),
            absl::StrCat("--cache=", cache),
            absl::StrCat("--rate=", rate)};
  }
  void BuildWorkload(uint64_t seed, int pupils);
  // Runs the child once and kills it; returns in `how` how long it ran.
  void RunAndKill(std::mt19937_64& rng, int cycle, uint32_t count_version, size_t cache,
                  std::string& how);
  // Runs the child until it has appended the whole workload and exited.
  void RunToTheEnd(uint32_t count_version);
  // Restarts every runner in-process, waits for the head and checks what they answer.
  void CheckAfterRestart();

  std::string dir_;
  testing::WorkloadOptions options_;
  Streams workload_;
  size_t workload_events_ = 0;
  // The pace the killed children append at: a school recording, not a bulk load, so that the log
  // grows through most of the cycles and the runners flush at every batch.
  uint64_t rate_ = 0;
};

void ProjectionsCrashTest::BuildWorkload(uint64_t seed, int pupils) {
  options_.tenant = kTenant;
  options_.pupils = pupils;
  options_.events_per_pupil = kEventsPerPupil;
  options_.seed = seed;
  const testing::SchoolWorkload workload(options_);
  for (auto& event : workload.Interleaved()) {
    workload_[event.stream_id].push_back(std::move(event.envelope));
  }
  for (auto& event : workload.SelfEvaluationEvents()) {
    std::vector<v1::EventEnvelope>& stream = workload_[event.stream_id];
    // The child leaves out what the interleaving has already; so does the parent.
    if (std::none_of(stream.begin(), stream.end(), [&](const v1::EventEnvelope& e) {
          return e.event_id() == event.envelope.event_id();
        })) {
      stream.push_back(std::move(event.envelope));
    }
  }
  for (const auto& [unused, events] : workload_) workload_events_ += events.size();
  // A killed child appends for about 100 ms on average (less the early kills and the time the
  // runners take to start): spread the workload over most of the cycles.
  rate_ = std::max<uint64_t>(100, workload_events_ / (0.1 * cycles_flag));
}

void ProjectionsCrashTest::RunAndKill(std::mt19937_64& rng, int cycle, uint32_t count_version,
                                      size_t cache, std::string& how) {
  // One cycle in six kills early, maybe while the runners load; one in six soon after they have
  // started, while they catch up or rebuild; one in three has the child kill itself right after
  // one of the runners' writes; one in three kills at a random moment while the runners run.
  const int kind = static_cast<int>(rng() % 6);
  const uint64_t kill_at_write = kind == 2 || kind == 3 ? 1 + rng() % 300 : 0;
  std::vector<std::string> args = ChildArgs(count_version, cache, rate_);
  args.push_back(absl::StrCat("--kill_at_write=", kill_at_write));
  Child child = SpawnChild(args);
  ASSERT_GT(child.pid, 0) << "cannot start " << ENDEAVOUR_PROJECTIONS_CRASH_CHILD;
  const bool early = kind == 0;
  absl::Duration delay = kind <= 1 ? absl::Milliseconds(rng() % 50)
                                   : absl::Milliseconds(20 + static_cast<int>(rng() % 381));
  if (kill_at_write != 0) delay = absl::Seconds(2);  // it kills itself well before, unless idle
  if (!early) ReadUntil(child, absl::Now() + absl::Seconds(30), /*until_line=*/true);
  const bool started = early || absl::StrContains(child.buffer, '\n');
  if (started) ReadUntil(child, absl::Now() + delay, /*until_line=*/false);
  const bool died_early = child.eof && kill_at_write == 0;
  kill(child.pid, SIGKILL);
  const int status = Reap(child);
  ASSERT_FALSE(died_early) << "cycle " << cycle << ": the child exited by itself, status " << status
                           << " (its stderr says why)";
  ASSERT_TRUE(started) << "cycle " << cycle << ": the child was not ready in 30 s";
  ASSERT_TRUE(WIFSIGNALED(status) && WTERMSIG(status) == SIGKILL)
      << "cycle " << cycle << ": the child ended with status " << status;
  if (kill_at_write != 0) {
    how = absl::StrContains(child.buffer, "killed at state write")
              ? absl::StrCat("itself right after state write ", kill_at_write)
              : absl::StrCat("2s after ready, before state write ", kill_at_write);
  } else {
    how = absl::StrCat(absl::FormatDuration(delay), " after ", early ? "its start" : "ready");
  }
}

void ProjectionsCrashTest::RunToTheEnd(uint32_t count_version) {
  std::vector<std::string> args = ChildArgs(count_version, 20000, /*rate=*/0);
  args.push_back("--finish");
  Child child = SpawnChild(args);
  ASSERT_GT(child.pid, 0) << "cannot start " << ENDEAVOUR_PROJECTIONS_CRASH_CHILD;
  ReadUntil(child, absl::Now() + absl::Seconds(120), /*until_line=*/false);
  const bool finished = child.eof;
  if (!finished) kill(child.pid, SIGKILL);
  const int status = Reap(child);
  ASSERT_TRUE(finished) << "the last child did not finish in 120 s";
  ASSERT_TRUE(WIFEXITED(status) && WEXITSTATUS(status) == 0)
      << "the last child ended with status " << status << " (its stderr says why)";
  ASSERT_TRUE(absl::StrContains(child.buffer, "appended ")) << child.buffer;
  std::fprintf(stderr, "last child: %s",
               child.buffer.substr(child.buffer.find("appended")).c_str());
}

void ProjectionsCrashTest::CheckAfterRestart() {
  auto opened = RocksDbEventStore::Open(dir_);
  ASSERT_TRUE(opened.ok()) << opened.status();
  RocksDbEventStore& store = **opened;
  Log log;
  ASSERT_NO_FATAL_FAILURE(ReadLog(store, log));
  ASSERT_EQ(log.head, workload_events_) << "the log does not hold the whole workload";
  ASSERT_NO_FATAL_FAILURE(ExpectPrefixOfWorkload(log, workload_));

  // (1) Restart the runners and wait until each has folded in the head.
  auto views = Views::Start(store, store.ProjectionState());
  ASSERT_TRUE(views.ok()) << views.status();
  auto counter = ProjectionRunner::Start(store, store.ProjectionState(),
                                         std::make_unique<testing::EventCountProjection>(1, 1));
  ASSERT_TRUE(counter.ok()) << counter.status();
  const absl::Time deadline = absl::Now() + absl::Seconds(60);
  // When the last child ran version 2, version 1 is rebuilt now; until it takes over, WaitFor
  // answers for version 2, which is at the head already.
  while (!(*counter)->serving() && (*counter)->health().ok() && absl::Now() < deadline) {
    absl::SleepFor(absl::Milliseconds(5));
  }
  ASSERT_TRUE((*counter)->serving())
      << "event_count v1 did not take over: " << (*counter)->health();
  const ProjectionRunner* runners[] = {&(*views)->pupil_runner(), &(*views)->school_runner(),
                                       counter->get()};
  for (const ProjectionRunner* runner : runners) {
    const absl::Status reached = runner->WaitFor(log.head, deadline);
    ASSERT_TRUE(reached.ok()) << runner->name() << ": " << reached;
    // (4) No checkpoint runs ahead of the log.
    EXPECT_EQ(runner->checkpoint(), log.head) << runner->name();
  }

  // (2) Every stream's count is its version: nothing applied twice, nothing skipped.
  for (const auto& [stream_id, events] : log.streams) {
    auto version = store.StreamVersion(stream_id);
    ASSERT_TRUE(version.ok()) << version.status();
    auto count = (*counter)->Get(stream_id);
    ASSERT_TRUE(count.ok()) << count.status();
    ASSERT_TRUE(count->has_value()) << stream_id << " has no count";
    EXPECT_EQ(**count, absl::StrCat(*version)) << stream_id;
  }

  // (3) The views, as Views answers them, are those rendered from the stream's events.
  ViewQuery query;
  query.today = FixedToday();
  const std::string pupil_prefix = absl::StrCat("pupil/", kTenant, "/");
  std::vector<v1::RegisterEntry> entries;
  for (const auto& [stream_id, events] : log.streams) {
    SCOPED_TRACE(stream_id);
    if (absl::StartsWith(stream_id, "school/")) {
      SelfEvaluationFile file;
      ASSERT_NO_FATAL_FAILURE(FoldUpTo(events, log.head, file));
      v1::SelfEvaluationTrends expected = RenderTrends(file);
      FillTrendsAsOf(query.today, expected);
      auto trends = (*views)->SelfEvaluationTrends(kTenant, query);
      ASSERT_TRUE(trends.ok()) << trends.status();
      ExpectSameView(*trends, expected, "SelfEvaluationTrends");
      continue;
    }
    ASSERT_TRUE(absl::StartsWith(stream_id, pupil_prefix));
    const std::string pupil_id = stream_id.substr(pupil_prefix.size());
    PupilFile file;
    ASSERT_NO_FATAL_FAILURE(FoldUpTo(events, log.head, file));
    v1::CurrentPlan expected_plan = RenderCurrentPlan(file);
    FillCurrentPlanAsOf(query.today, expected_plan);
    auto plan = (*views)->CurrentPlan(kTenant, pupil_id, query);
    ASSERT_TRUE(plan.ok()) << plan.status();
    ExpectSameView(*plan, expected_plan, "CurrentPlan");
    auto history = (*views)->History(kTenant, pupil_id, query);
    ASSERT_TRUE(history.ok()) << history.status();
    ExpectSameView(*history, RenderHistory(file), "History");
    entries.push_back(RenderRegisterEntry(file));
    auto stored_entry = (*views)->pupil_runner().Get(RegisterKey(stream_id));
    ASSERT_TRUE(stored_entry.ok()) << stored_entry.status();
    ASSERT_TRUE(stored_entry->has_value()) << "no register entry";
    v1::RegisterEntry entry;
    const absl::Status decoded = DecodeView(**stored_entry, RegisterKey(stream_id), &entry);
    ASSERT_TRUE(decoded.ok()) << decoded;
    ExpectSameView(entry, entries.back(), "RegisterEntry");
    if (HasFailure()) return;
  }
  auto overview = (*views)->Overview(kTenant, query, kDueWithinDays);
  ASSERT_TRUE(overview.ok()) << overview.status();
  ExpectSameView(*overview, BuildOverview(kTenant, entries, query.today, kDueWithinDays),
                 "Overview");

  // And the state as written, with every runner stopped, agrees with the log too.
  counter->reset();
  views->reset();
  Seen seen;
  ASSERT_NO_FATAL_FAILURE(CheckWrittenState(store, workload_, seen));
  EXPECT_EQ(seen.counts.active, 1u);
}

TEST_F(ProjectionsCrashTest, NothingAppliedTwiceOrSkippedAfterSigkill) {
  const uint64_t seed = seed_flag != 0 ? seed_flag : std::random_device()();
  const int pupils = PupilsFor(cycles_flag);
  std::fprintf(stderr, "projections crash test: %d cycles, %d pupils, seed %llu (--seed=%llu)\n",
               cycles_flag, pupils, static_cast<unsigned long long>(seed),
               static_cast<unsigned long long>(seed));
  RecordProperty("seed", std::to_string(seed));
  std::mt19937_64 rng(seed);
  ASSERT_NO_FATAL_FAILURE(BuildWorkload(seed, pupils));

  uint32_t count_version = 1;
  int killed_mid_rebuild = 0;
  int killed_behind = 0;
  for (int cycle = 1; cycle <= cycles_flag; ++cycle) {
    // One cycle in three runs the other version of the count, so the runner rebuilds it.
    if (cycle > 1 && rng() % 3 == 0) count_version = 3 - count_version;
    const size_t cache = rng() % 2 == 0 ? 4 : 20000;  // 4: files are evicted and folded again
    std::string how;
    ASSERT_NO_FATAL_FAILURE(RunAndKill(rng, cycle, count_version, cache, how));
    auto store = RocksDbEventStore::Open(dir_);
    ASSERT_TRUE(store.ok()) << "cycle " << cycle << ": " << store.status();
    Seen seen;
    SCOPED_TRACE(absl::StrCat("cycle ", cycle));
    ASSERT_NO_FATAL_FAILURE(CheckWrittenState(**store, workload_, seen));
    if (HasFailure()) return;
    const bool mid_rebuild = seen.counts.active != 0 && seen.counts.active != count_version;
    killed_mid_rebuild += mid_rebuild;
    killed_behind += seen.pupil_views.CheckpointOf(1) < seen.head;
    std::string rebuilding;
    if (mid_rebuild) {
      rebuilding = absl::StrCat(", v", count_version, " rebuilt to ",
                                seen.counts.CheckpointOf(count_version));
    }
    std::fprintf(stderr,
                 "cycle %d: killed %s (count v%u, cache %zu); log %llu/%zu; event_count v%u at "
                 "%llu%s; pupil_views at %llu\n",
                 cycle, how.c_str(), count_version, cache,
                 static_cast<unsigned long long>(seen.head), workload_events_, seen.counts.active,
                 static_cast<unsigned long long>(seen.counts.CheckpointOf(seen.counts.active)),
                 rebuilding.c_str(),
                 static_cast<unsigned long long>(seen.pupil_views.CheckpointOf(1)));
  }
  std::fprintf(stderr,
               "projections crash test: %d kills mid-rebuild, %d with the views behind the log\n",
               killed_mid_rebuild, killed_behind);

  // The last child appends the rest and exits, leaving the count at version 2 half the time, so
  // the restart below may rebuild version 1 too.
  ASSERT_NO_FATAL_FAILURE(RunToTheEnd(count_version));
  ASSERT_NO_FATAL_FAILURE(CheckAfterRestart());
}

}  // namespace
}  // namespace endeavour::projections

int main(int argc, char** argv) {
  return endeavour::crash::RunCrashTests(argc, argv, endeavour::projections::cycles_flag,
                                         endeavour::projections::seed_flag);
}
