#include "projections/fork_join.h"

#include <algorithm>
#include <atomic>
#include <set>
#include <thread>
#include <vector>

#include "absl/synchronization/mutex.h"
#include "absl/time/clock.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"

namespace endeavour::projections {
namespace {

// Blocks until `count` parts have called it (or 10 s pass, so a broken ForkJoin fails rather
// than hangs); true if they all arrived.
class Arrivals {
 public:
  bool ArriveAndWait(int count) {
    absl::MutexLock lock(&mu_);
    ++arrived_;
    auto all = [&]() ABSL_EXCLUSIVE_LOCKS_REQUIRED(mu_) { return arrived_ >= count; };
    return mu_.AwaitWithTimeout(absl::Condition(&all), absl::Seconds(10));
  }

 private:
  absl::Mutex mu_;
  int arrived_ ABSL_GUARDED_BY(mu_) = 0;
};

TEST(ForkJoinTest, PartsRunAtOnceOnAsManyThreadsAsTheWidthAndRunWaitsForAll) {
  ForkJoin fork_join(3);
  Arrivals arrivals;
  absl::Mutex mu;
  std::vector<int> runs(3);
  std::set<std::thread::id> threads;
  std::atomic<bool> all_arrived{true};
  fork_join.Run(3, [&](size_t part) {
    // No part returns before all three have started: only three threads at once get past this.
    if (!arrivals.ArriveAndWait(3)) all_arrived = false;
    absl::SleepFor(absl::Milliseconds(part == 2 ? 50 : 0));  // the last to finish is not part 0
    absl::MutexLock lock(&mu);
    ++runs[part];
    threads.insert(std::this_thread::get_id());
  });
  EXPECT_TRUE(all_arrived.load());
  EXPECT_THAT(runs, ::testing::ElementsAre(1, 1, 1));
  EXPECT_EQ(threads.size(), 3u);
  EXPECT_TRUE(threads.contains(std::this_thread::get_id())) << "the caller's thread works too";
}

TEST(ForkJoinTest, ManyRoundsOfDifferentWidthsLoseNoPart) {
  ForkJoin fork_join(4);
  std::atomic<int> total{0};
  int expected = 0;
  for (int round = 0; round < 2000; ++round) {
    const size_t parts = 1 + round % 4;
    std::vector<std::atomic<int>> runs(parts);
    fork_join.Run(parts, [&](size_t part) {
      runs[part].fetch_add(1);
      total.fetch_add(1);
    });
    for (size_t part = 0; part < parts; ++part) ASSERT_EQ(runs[part].load(), 1) << round;
    expected += static_cast<int>(parts);
  }
  EXPECT_EQ(total.load(), expected);
}

TEST(ForkJoinTest, ASlowPartDoesNotHoldUpTheParts) {
  // Two threads, ten parts: whichever thread takes the slow part, the other one runs the nine
  // others meanwhile. Handing parts out by number up front would leave some of them queued behind
  // the slow one, and it would wait for them in vain.
  ForkJoin fork_join(2);
  absl::Mutex mu;
  std::vector<int> runs(10);
  std::set<std::thread::id> threads;
  std::atomic<bool> others_ran{false};
  fork_join.Run(10, [&](size_t part) {
    auto others_done = [&]() ABSL_EXCLUSIVE_LOCKS_REQUIRED(mu) {
      return std::count(runs.begin() + 1, runs.end(), 1) == 9;
    };
    absl::MutexLock lock(&mu);
    threads.insert(std::this_thread::get_id());
    if (part == 0) {
      others_ran = mu.AwaitWithTimeout(absl::Condition(&others_done), absl::Seconds(10));
    }
    ++runs[part];
  });
  EXPECT_TRUE(others_ran.load());
  EXPECT_THAT(runs, ::testing::Each(1));
  EXPECT_EQ(threads.size(), 2u);
}

TEST(ForkJoinTest, OneWideRunsOnTheCallersThreadAndOneNeverRunStopsCleanly) {
  { ForkJoin never_run(4); }
  ForkJoin narrow(1);
  std::thread::id ran_on;
  narrow.Run(1, [&](size_t) { ran_on = std::this_thread::get_id(); });
  EXPECT_EQ(ran_on, std::this_thread::get_id());
}

}  // namespace
}  // namespace endeavour::projections
