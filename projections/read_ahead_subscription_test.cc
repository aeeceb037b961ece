#include "projections/read_ahead_subscription.h"

#include <atomic>
#include <deque>
#include <memory>
#include <thread>
#include <utility>
#include <vector>

#include "absl/synchronization/mutex.h"
#include "absl/time/clock.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"

namespace endeavour::projections {
namespace {

using eventstore::SubscriptionBatch;
using ::testing::ElementsAre;

SubscriptionBatch Batch(uint64_t first, uint64_t last, bool caught_up = false) {
  SubscriptionBatch batch;
  for (uint64_t position = first; position <= last; ++position) {
    batch.events.emplace_back().envelope.set_position(position);
  }
  batch.checkpoint = last;
  batch.caught_up = caught_up;
  return batch;
}

std::vector<uint64_t> Positions(const SubscriptionBatch& batch) {
  std::vector<uint64_t> positions;
  for (const auto& event : batch.events) positions.push_back(event.envelope.position());
  return positions;
}

// Hands out what it was given, one item a call; then, like a subscription at the head, waits for
// the timeout (or Cancel) and returns an empty batch.
class ScriptedSubscription final : public eventstore::Subscription {
 public:
  explicit ScriptedSubscription(std::deque<absl::StatusOr<SubscriptionBatch>> script)
      : script_(std::move(script)) {}

  absl::StatusOr<SubscriptionBatch> Next(absl::Duration timeout) override {
    absl::MutexLock lock(&mu_);
    ++calls_;
    if (!script_.empty()) {
      // Taken apart rather than moved whole: GCC 12 warns (wrongly) of a StatusOr moved out of a
      // deque as maybe uninitialized.
      if (!script_.front().ok()) {
        absl::Status failed = script_.front().status();
        script_.pop_front();
        return failed;
      }
      SubscriptionBatch next = *std::move(script_.front());
      script_.pop_front();
      checkpoint_ = next.checkpoint;
      return next;
    }
    mu_.AwaitWithTimeout(absl::Condition(&cancelled_), timeout);
    if (cancelled_) return absl::CancelledError("cancelled");
    SubscriptionBatch none;
    none.checkpoint = checkpoint_;
    none.caught_up = true;
    return none;
  }

  void Cancel() override {
    absl::MutexLock lock(&mu_);
    cancelled_ = true;
  }

  int calls() const {
    absl::MutexLock lock(&mu_);
    return calls_;
  }

 private:
  mutable absl::Mutex mu_;
  std::deque<absl::StatusOr<SubscriptionBatch>> script_ ABSL_GUARDED_BY(mu_);
  uint64_t checkpoint_ ABSL_GUARDED_BY(mu_) = 0;
  bool cancelled_ ABSL_GUARDED_BY(mu_) = false;
  int calls_ ABSL_GUARDED_BY(mu_) = 0;
};

std::deque<absl::StatusOr<SubscriptionBatch>> Batches(int count, uint64_t size) {
  std::deque<absl::StatusOr<SubscriptionBatch>> script;
  for (int i = 0; i < count; ++i) script.push_back(Batch(i * size + 1, (i + 1) * size));
  return script;
}

TEST(ReadAheadSubscriptionTest, HandsOutEveryEventOnceInOrder) {
  auto script = Batches(5, 3);
  script.back()->caught_up = true;
  ReadAheadSubscription subscription(std::make_unique<ScriptedSubscription>(std::move(script)), 0,
                                     2);
  std::vector<uint64_t> positions;
  SubscriptionBatch last;
  while (positions.size() < 15) {
    absl::StatusOr<SubscriptionBatch> batch = subscription.Next(absl::Seconds(5));
    ASSERT_TRUE(batch.ok()) << batch.status();
    ASSERT_FALSE(batch->events.empty() && !batch->caught_up) << "nothing arrived in 5 s";
    for (uint64_t position : Positions(*batch)) positions.push_back(position);
    if (!batch->events.empty()) {
      EXPECT_EQ(batch->checkpoint, positions.back());
    }
    last = *std::move(batch);
  }
  std::vector<uint64_t> expected(15);
  for (uint64_t i = 0; i < 15; ++i) expected[i] = i + 1;
  EXPECT_EQ(positions, expected);
  EXPECT_TRUE(last.caught_up);
}

TEST(ReadAheadSubscriptionTest, ReadsNoMoreThanItsDepthAheadAndHandsItAllOutAtOnce) {
  auto inner = std::make_unique<ScriptedSubscription>(Batches(20, 2));
  ScriptedSubscription* scripted = inner.get();
  ReadAheadSubscription subscription(std::move(inner), 0, 3);
  for (int i = 0; i < 500 && scripted->calls() < 3; ++i) absl::SleepFor(absl::Milliseconds(10));
  absl::SleepFor(absl::Milliseconds(100));  // time to read a fourth, if it would
  EXPECT_EQ(scripted->calls(), 3);
  absl::StatusOr<SubscriptionBatch> batch = subscription.Next(absl::Seconds(5));
  ASSERT_TRUE(batch.ok()) << batch.status();
  EXPECT_THAT(Positions(*batch), ElementsAre(1, 2, 3, 4, 5, 6));
  EXPECT_EQ(batch->checkpoint, 6u);
}

TEST(ReadAheadSubscriptionTest, AnErrorComesAfterWhatWasReadBeforeItAndStays) {
  std::deque<absl::StatusOr<SubscriptionBatch>> script;
  script.push_back(Batch(1, 2));
  script.push_back(absl::DataLossError("position 3 does not parse"));
  ReadAheadSubscription subscription(std::make_unique<ScriptedSubscription>(std::move(script)), 0,
                                     4);
  absl::StatusOr<SubscriptionBatch> batch = subscription.Next(absl::Seconds(5));
  ASSERT_TRUE(batch.ok()) << batch.status();
  EXPECT_THAT(Positions(*batch), ElementsAre(1, 2));
  for (int i = 0; i < 2; ++i) {
    batch = subscription.Next(absl::Seconds(5));
    EXPECT_EQ(batch.status().code(), absl::StatusCode::kDataLoss);
    EXPECT_EQ(batch.status().message(), "position 3 does not parse");
  }
}

TEST(ReadAheadSubscriptionTest, NothingReadyIsAnEmptyBatchAtTheCheckpointAlreadyHandedOut) {
  std::deque<absl::StatusOr<SubscriptionBatch>> script;
  script.push_back(Batch(42, 43, /*caught_up=*/true));
  ReadAheadSubscription subscription(std::make_unique<ScriptedSubscription>(std::move(script)), 41,
                                     2);
  absl::StatusOr<SubscriptionBatch> batch = subscription.Next(absl::Seconds(5));
  ASSERT_TRUE(batch.ok()) << batch.status();
  EXPECT_THAT(Positions(*batch), ElementsAre(42, 43));
  batch = subscription.Next(absl::Milliseconds(20));
  ASSERT_TRUE(batch.ok()) << batch.status();
  EXPECT_TRUE(batch->events.empty());
  EXPECT_EQ(batch->checkpoint, 43u);
  EXPECT_TRUE(batch->caught_up);
}

TEST(ReadAheadSubscriptionTest, BeforeAnythingIsReadTheCheckpointIsTheOneItStartedFrom) {
  ReadAheadSubscription subscription(
      std::make_unique<ScriptedSubscription>(std::deque<absl::StatusOr<SubscriptionBatch>>{}), 41,
      2);
  absl::StatusOr<SubscriptionBatch> batch = subscription.Next(absl::Milliseconds(20));
  ASSERT_TRUE(batch.ok()) << batch.status();
  EXPECT_TRUE(batch->events.empty());
  EXPECT_EQ(batch->checkpoint, 41u);
}

TEST(ReadAheadSubscriptionTest, AtTheHeadItPausesAfterEachReadThatMovedTheCheckpoint) {
  std::deque<absl::StatusOr<SubscriptionBatch>> script;
  for (uint64_t position = 1; position <= 3; ++position) {
    script.push_back(Batch(position, position, /*caught_up=*/true));
  }
  auto inner = std::make_unique<ScriptedSubscription>(std::move(script));
  ScriptedSubscription* scripted = inner.get();
  auto subscription = std::make_unique<ReadAheadSubscription>(std::move(inner), 0, 8,
                                                              /*live_pause=*/absl::Seconds(30));
  for (int i = 0; i < 500 && scripted->calls() < 1; ++i) absl::SleepFor(absl::Milliseconds(10));
  absl::SleepFor(absl::Milliseconds(100));  // time to read the other two, if it would
  EXPECT_EQ(scripted->calls(), 1) << "read again without pausing at the head";
  absl::StatusOr<SubscriptionBatch> batch = subscription->Next(absl::Seconds(5));
  ASSERT_TRUE(batch.ok()) << batch.status();
  EXPECT_THAT(Positions(*batch), ElementsAre(1));
  EXPECT_TRUE(batch->caught_up);

  const absl::Time start = absl::Now();
  subscription.reset();  // cancels and joins the reader, which is in its pause
  EXPECT_LT(absl::Now() - start, absl::Seconds(5)) << "Cancel did not end the pause";
}

TEST(ReadAheadSubscriptionTest, WithoutAPauseItReadsOnAtTheHead) {
  std::deque<absl::StatusOr<SubscriptionBatch>> script;
  for (uint64_t position = 1; position <= 3; ++position) {
    script.push_back(Batch(position, position, /*caught_up=*/true));
  }
  auto inner = std::make_unique<ScriptedSubscription>(std::move(script));
  ScriptedSubscription* scripted = inner.get();
  ReadAheadSubscription subscription(std::move(inner), 0, 8);
  for (int i = 0; i < 500 && scripted->calls() < 4; ++i) absl::SleepFor(absl::Milliseconds(10));
  EXPECT_EQ(scripted->calls(), 4) << "three batches, then a wait at the head";
  absl::StatusOr<SubscriptionBatch> batch = subscription.Next(absl::Seconds(5));
  ASSERT_TRUE(batch.ok()) << batch.status();
  EXPECT_THAT(Positions(*batch), ElementsAre(1, 2, 3));
}

TEST(ReadAheadSubscriptionTest, CancelWakesAWaitingNextPromptly) {
  ReadAheadSubscription subscription(
      std::make_unique<ScriptedSubscription>(std::deque<absl::StatusOr<SubscriptionBatch>>{}), 0,
      2);
  absl::StatusOr<SubscriptionBatch> batch;
  const absl::Time start = absl::Now();
  std::thread waiter([&] { batch = subscription.Next(absl::Seconds(30)); });
  absl::SleepFor(absl::Milliseconds(50));
  subscription.Cancel();
  waiter.join();
  EXPECT_EQ(batch.status().code(), absl::StatusCode::kCancelled);
  EXPECT_LT(absl::Now() - start, absl::Seconds(10));
}

}  // namespace
}  // namespace endeavour::projections
