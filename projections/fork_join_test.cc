#include "projections/fork_join.h"

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

TEST(ForkJoinTest, EveryPartRunsOnceOnAThreadOfItsOwnAndRunWaitsForAll) {
  ForkJoin fork_join(3);
  absl::Mutex mu;
  std::vector<int> runs(3);
  std::set<std::thread::id> threads;
  fork_join.Run(3, [&](size_t part) {
    absl::SleepFor(absl::Milliseconds(part == 2 ? 50 : 0));  // the last to finish is not part 0
    absl::MutexLock lock(&mu);
    ++runs[part];
    threads.insert(std::this_thread::get_id());
  });
  EXPECT_THAT(runs, ::testing::ElementsAre(1, 1, 1));
  EXPECT_EQ(threads.size(), 3u);
  EXPECT_TRUE(threads.contains(std::this_thread::get_id())) << "part 0 runs on the caller's";
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

TEST(ForkJoinTest, PartsPastTheWidthRunOnTheCallersThread) {
  ForkJoin fork_join(2);
  absl::Mutex mu;
  std::vector<std::thread::id> ran_on(5);
  fork_join.Run(5, [&](size_t part) {
    absl::MutexLock lock(&mu);
    ran_on[part] = std::this_thread::get_id();
  });
  for (size_t part : {0, 2, 3, 4}) EXPECT_EQ(ran_on[part], std::this_thread::get_id()) << part;
  EXPECT_NE(ran_on[1], std::this_thread::get_id());
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
