// AppendAsync: the same contract as Append, acknowledged through a callback; callers that wait
// and callers that do not share one log.
#include <algorithm>
#include <atomic>
#include <functional>
#include <string>
#include <thread>
#include <vector>

#include "absl/strings/str_format.h"
#include "absl/synchronization/mutex.h"
#include "absl/synchronization/notification.h"
#include "eventstore/conformance/event_store_conformance.h"

namespace endeavour::eventstore {
namespace {

using conformance::IsOk;
using conformance::MentionsNumber;
using conformance::StatusIs;
using ::testing::AllOf;
using ::testing::ElementsAreArray;
using ::testing::HasSubstr;

// Collects what each callback reports, and how many times callbacks ran.
class Acknowledgements {
 public:
  EventStore::AppendCallback Expect() {
    return [this](absl::StatusOr<AppendResult> result) {
      absl::MutexLock lock(&mu_);
      ++calls_;
      results_.push_back(std::move(result));
    };
  }
  // Waits until `calls` callbacks have run (or 60 seconds pass).
  bool WaitFor(int calls) {
    absl::MutexLock lock(&mu_);
    auto enough = [&]() ABSL_EXCLUSIVE_LOCKS_REQUIRED(mu_) { return calls_ >= calls; };
    return mu_.AwaitWithTimeout(absl::Condition(&enough), absl::Seconds(60));
  }
  int calls() {
    absl::MutexLock lock(&mu_);
    return calls_;
  }
  std::vector<absl::StatusOr<AppendResult>> results() {
    absl::MutexLock lock(&mu_);
    return results_;
  }

 private:
  absl::Mutex mu_;
  int calls_ ABSL_GUARDED_BY(mu_) = 0;
  std::vector<absl::StatusOr<AppendResult>> results_ ABSL_GUARDED_BY(mu_);
};

TEST_P(EventStoreConformanceTest, AsyncAppendsFromManyThreadsAreEachAcknowledgedOnceWithNoGap) {
  constexpr int kThreads = 8;
  constexpr int kAppendsPerThread = 50;
  constexpr int kTotal = kThreads * kAppendsPerThread;
  Acknowledgements acks;
  std::vector<std::thread> threads;
  for (int t = 0; t < kThreads; ++t) {
    threads.emplace_back([&, t] {
      for (int i = 0; i < kAppendsPerThread; ++i) {
        store().AppendAsync(absl::StrFormat("pupil/school-1/p-%04d", i % 5 + 1),
                            ExpectedVersion::Any(), NewEvents(1), acks.Expect());
      }
    });
  }
  for (std::thread& thread : threads) thread.join();
  ASSERT_TRUE(acks.WaitFor(kTotal));
  absl::SleepFor(absl::Milliseconds(20));  // a callback run twice would show up now
  EXPECT_EQ(acks.calls(), kTotal);
  std::vector<uint64_t> positions;
  for (const absl::StatusOr<AppendResult>& result : acks.results()) {
    ASSERT_THAT(result.status(), IsOk());
    EXPECT_EQ(result->first_position, result->last_position);
    positions.push_back(result->first_position);
  }
  std::sort(positions.begin(), positions.end());
  EXPECT_THAT(positions, ElementsAreArray(Range(1, kTotal)));
  EXPECT_EQ(store().HeadPosition(), kTotal);
  EXPECT_THAT(Positions(ReadAllPaged(1, 100)), ElementsAreArray(Range(1, kTotal)));
}

TEST_P(EventStoreConformanceTest, WaitingAndAsyncAppendsShareOneLog) {
  constexpr int kEach = 40;
  Acknowledgements acks;
  std::thread waiting([&] {
    for (int i = 0; i < kEach; ++i) {
      EXPECT_THAT(store().Append(kPupil1, ExpectedVersion::Any(), NewEvents(2)).status(), IsOk());
    }
  });
  std::thread async([&] {
    for (int i = 0; i < kEach; ++i) {
      store().AppendAsync(kPupil2, ExpectedVersion::Exact(i * 2), NewEvents(2), acks.Expect());
      ASSERT_TRUE(acks.WaitFor(i + 1));  // each waits for the one before: exact versions hold
    }
  });
  waiting.join();
  async.join();
  for (const absl::StatusOr<AppendResult>& result : acks.results()) {
    EXPECT_THAT(result.status(), IsOk());
  }
  EXPECT_EQ(store().HeadPosition(), 4u * kEach);
  EXPECT_THAT(Versions(ReadWholeStream(kPupil2)), ElementsAreArray(Range(1, 2 * kEach)));
  EXPECT_THAT(Positions(ReadAllPaged(1, 100)), ElementsAreArray(Range(1, 4 * kEach)));
}

TEST_P(EventStoreConformanceTest, AsyncAppendOfBadInputIsRefusedAtOnceAndChangesNothing) {
  AppendEvents(kPupil1, 2);
  const EventStore::TreeHead before = store().CurrentTreeHead();
  absl::Status refused;
  bool called = false;
  store().AppendAsync("", ExpectedVersion::Any(), NewEvents(1),
                      [&](absl::StatusOr<AppendResult> result) {
                        called = true;
                        refused = result.status();
                      });
  EXPECT_TRUE(called) << "input refused before queuing is reported before AppendAsync returns";
  EXPECT_THAT(refused, StatusIs(absl::StatusCode::kInvalidArgument, HasSubstr("stream_id")));
  EXPECT_EQ(store().HeadPosition(), before.tree_size);
  EXPECT_EQ(store().CurrentTreeHead().root_hash, before.root_hash);
}

TEST_P(EventStoreConformanceTest, AsyncAppendWithAStaleVersionIsAbortedNamingBothVersions) {
  AppendEvents(kPupil1, 3);
  Acknowledgements acks;
  store().AppendAsync(kPupil1, ExpectedVersion::Exact(1), NewEvents(1), acks.Expect());
  ASSERT_TRUE(acks.WaitFor(1));
  EXPECT_THAT(acks.results()[0].status(),
              StatusIs(absl::StatusCode::kAborted, AllOf(MentionsNumber(1), MentionsNumber(3))));
  EXPECT_EQ(VersionOf(kPupil1), 3u);
}

TEST_P(EventStoreConformanceTest, AsyncRetryReturnsTheOriginalResultAndWritesNothing) {
  AppendEvents(kPupil2, 1);
  const std::vector<endeavour::v1::EventEnvelope> events = NewEvents(2);
  Acknowledgements acks;
  store().AppendAsync(kPupil1, ExpectedVersion::NoStream(), events, acks.Expect());
  ASSERT_TRUE(acks.WaitFor(1));
  store().AppendAsync(kPupil1, ExpectedVersion::NoStream(), events, acks.Expect());
  ASSERT_TRUE(acks.WaitFor(2));
  const std::vector<absl::StatusOr<AppendResult>> results = acks.results();
  ASSERT_THAT(results[0].status(), IsOk());
  ASSERT_THAT(results[1].status(), IsOk());
  EXPECT_EQ(FieldsOf(*results[1]), FieldsOf(*results[0]));
  EXPECT_EQ(FieldsOf(*results[0]), ResultFields(2, 3, 2));
  EXPECT_EQ(store().HeadPosition(), 3u);
}

TEST_P(EventStoreConformanceTest, AnAsyncCallbackMayAppendAgain) {
  constexpr int kChain = 30;
  absl::Notification finished;
  std::atomic<int> appended{0};
  // Each acknowledgement appends the next event, expecting the version the last one left.
  std::function<void(absl::StatusOr<AppendResult>)> next = [&](absl::StatusOr<AppendResult> r) {
    EXPECT_THAT(r.status(), IsOk());
    if (!r.ok() || ++appended == kChain) {
      finished.Notify();
      return;
    }
    store().AppendAsync(kPupil1, ExpectedVersion::Exact(r->stream_version), NewEvents(1), next);
  };
  store().AppendAsync(kPupil1, ExpectedVersion::NoStream(), NewEvents(1), next);
  ASSERT_TRUE(finished.WaitForNotificationWithTimeout(absl::Seconds(60)));
  EXPECT_EQ(appended.load(), kChain);
  EXPECT_EQ(VersionOf(kPupil1), static_cast<uint64_t>(kChain));
}

TEST_P(EventStoreConformanceTest, ClosingTheStoreCompletesEveryQueuedAsyncAppend) {
  constexpr int kAppends = 200;
  Acknowledgements acks;
  for (int i = 0; i < kAppends; ++i) {
    store().AppendAsync(absl::StrFormat("pupil/school-1/p-%04d", i % 7 + 1), ExpectedVersion::Any(),
                        NewEvents(1), acks.Expect());
  }
  Close();
  EXPECT_EQ(acks.calls(), kAppends) << "every callback has run once the store is closed";
  Reopen();
  uint64_t acknowledged = 0;
  for (const absl::StatusOr<AppendResult>& result : acks.results()) {
    if (result.ok()) ++acknowledged;
  }
  EXPECT_EQ(acknowledged, static_cast<uint64_t>(kAppends)) << "queued appends are carried out";
  EXPECT_EQ(store().HeadPosition(), acknowledged);
  EXPECT_THAT(store().Verify(), IsOk());
}

}  // namespace
}  // namespace endeavour::eventstore
