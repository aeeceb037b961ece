// HandleAsync: the same outcomes as Handle, with no thread waiting for the append; conflicts are
// decided again from the store's callback.
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <functional>
#include <string>
#include <thread>
#include <vector>

#include "absl/synchronization/mutex.h"
#include "services/command_handler.h"
#include "services/command_handler_test_fixture.h"

namespace endeavour::services {
namespace {

using testing::AlwaysConflictingStore;
using testing::CommandHandlerTest;
using ::testing::ElementsAre;
using ::testing::HasSubstr;
using testing::NumberedSessions;

// What the `done` callbacks reported, in the order they ran.
class Outcomes {
 public:
  CommandHandler<NumberedSessions>::Done Expect() {
    return [this](absl::StatusOr<CommandResult> result) {
      absl::MutexLock lock(&mu_);
      results_.push_back(std::move(result));
    };
  }
  // Waits until `count` have run (or 60 seconds pass), and returns them.
  std::vector<absl::StatusOr<CommandResult>> WaitFor(size_t count) {
    absl::MutexLock lock(&mu_);
    auto enough = [&]() ABSL_EXCLUSIVE_LOCKS_REQUIRED(mu_) { return results_.size() >= count; };
    mu_.AwaitWithTimeout(absl::Condition(&enough), absl::Seconds(60));
    return results_;
  }

 private:
  absl::Mutex mu_;
  std::vector<absl::StatusOr<CommandResult>> results_ ABSL_GUARDED_BY(mu_);
};

class CommandHandlerAsyncTest : public CommandHandlerTest {
 protected:
  // From each of `threads` threads, `per_thread` commands on kStream: through HandleAsync from
  // the threads `async` picks, through Handle (checked OK) from the others. Returns once all are
  // sent; the asynchronous ones report to `outcomes`.
  void SendFromThreads(CommandHandler<NumberedSessions>& handler, int threads, int per_thread,
                       const std::function<bool(int)>& async, Outcomes& outcomes) {
    std::vector<std::thread> senders;
    for (int t = 0; t < threads; ++t) {
      senders.emplace_back([&, t] {
        for (int i = 0; i < per_thread; ++i) {
          const std::string id = absl::StrCat("t", t, "-", i);
          if (async(t)) {
            handler.HandleAsync(kStream, Session(id), Context(id), Fields(), outcomes.Expect());
          } else {
            auto result = handler.Handle(kStream, Session(id), Context(id), Fields());
            EXPECT_TRUE(result.ok()) << result.status();
          }
        }
      });
    }
    for (std::thread& sender : senders) sender.join();
  }
};

TEST_F(CommandHandlerAsyncTest, AsyncCommandsGetWhatHandleWouldReturn) {
  CommandHandler<NumberedSessions> handler(store_.get());
  Outcomes outcomes;
  handler.HandleAsync(kStream, Session("s1"), Context("cmd-1"), Fields(), outcomes.Expect());
  ASSERT_EQ(outcomes.WaitFor(1).size(), 1u);
  handler.HandleAsync(kStream, Session("s1"), Context("cmd-2"), Fields(), outcomes.Expect());
  handler.HandleAsync(kStream, Session(""), Context("cmd-3"), Fields(), outcomes.Expect());
  handler.HandleAsync(kStream, Session("s4"), Context("bad id"), Fields(), outcomes.Expect());
  handler.HandleAsync(kStream, Session("s5"), Context("cmd-1"), Fields(), outcomes.Expect());
  const std::vector<absl::StatusOr<CommandResult>> results = outcomes.WaitFor(5);
  ASSERT_EQ(results.size(), 5u);

  ASSERT_TRUE(results[0].ok()) << results[0].status();
  EXPECT_EQ(results[0]->stream_version, 1u);
  EXPECT_EQ(results[0]->position, 1u);
  EXPECT_THAT(results[0]->event_ids, ElementsAre("cmd-1.0"));
  ASSERT_TRUE(results[1].ok()) << "already carried out: " << results[1].status();
  EXPECT_TRUE(results[1]->event_ids.empty());
  EXPECT_EQ(results[2].status().code(), absl::StatusCode::kInvalidArgument);
  EXPECT_THAT(std::string(results[3].status().message()), HasSubstr("command_id"));
  EXPECT_EQ(results[4].status().code(), absl::StatusCode::kAlreadyExists) << "s5 reuses cmd-1";
  EXPECT_EQ(store_->HeadPosition(), 1u);
}

TEST_F(CommandHandlerAsyncTest, ConcurrentAsyncAndWaitingCommandsOnOneStreamLoseNoUpdate) {
  CommandHandler<NumberedSessions> handler(store_.get(), /*max_attempts=*/1000,
                                           /*cached_streams=*/16, /*max_waiting_per_stream=*/1000);
  constexpr int kThreads = 8, kPerThread = 25;
  Outcomes outcomes;
  SendFromThreads(
      handler, kThreads, kPerThread, [](int t) { return t % 2 == 0; }, outcomes);
  const size_t async_commands = kThreads / 2 * kPerThread;
  const std::vector<absl::StatusOr<CommandResult>> results = outcomes.WaitFor(async_commands);
  ASSERT_EQ(results.size(), async_commands);
  for (const auto& result : results) EXPECT_TRUE(result.ok()) << result.status();
  std::vector<int> numbers = Numbers();
  ASSERT_EQ(numbers.size(), size_t{kThreads * kPerThread});
  for (size_t i = 0; i < numbers.size(); ++i) {
    EXPECT_EQ(numbers[i], static_cast<int>(i) + 1) << "a lost update renumbers a session";
  }
}

TEST_F(CommandHandlerAsyncTest, AsyncCommandsOnOneStreamTakeTurnsAndNeverConflict) {
  // One attempt each: a command that decided on a state another had moved on would fail.
  CommandHandler<NumberedSessions> handler(store_.get(), /*max_attempts=*/1,
                                           /*cached_streams=*/16, /*max_waiting_per_stream=*/1000);
  constexpr int kThreads = 4, kPerThread = 25;
  Outcomes outcomes;
  SendFromThreads(
      handler, kThreads, kPerThread, [](int) { return true; }, outcomes);
  const std::vector<absl::StatusOr<CommandResult>> results =
      outcomes.WaitFor(kThreads * kPerThread);
  ASSERT_EQ(results.size(), size_t{kThreads * kPerThread});
  for (const auto& result : results) EXPECT_TRUE(result.ok()) << result.status();
  std::vector<int> numbers = Numbers();
  ASSERT_EQ(numbers.size(), size_t{kThreads * kPerThread});
  for (size_t i = 0; i < numbers.size(); ++i) EXPECT_EQ(numbers[i], static_cast<int>(i) + 1);
}

// Holds asynchronous appends until released, so commands pile up behind one under way.
class HeldAppendsStore : public testing::ForwardingStore {
 public:
  using ForwardingStore::ForwardingStore;
  void AppendAsync(std::string stream, eventstore::ExpectedVersion expected,
                   std::vector<v1::EventEnvelope> events, AppendCallback done) override {
    absl::MutexLock lock(&mu_);
    held_.push_back({std::move(stream), expected, std::move(events), std::move(done)});
  }
  size_t held() {
    absl::MutexLock lock(&mu_);
    return held_.size();
  }
  // Passes the held appends on to the real store (and any held later, as they come).
  void Release() {
    std::vector<Held> held;
    {
      absl::MutexLock lock(&mu_);
      held.swap(held_);
    }
    for (Held& h : held) {
      ForwardingStore::AppendAsync(std::move(h.stream), h.expected, std::move(h.events),
                                   std::move(h.done));
    }
  }

 private:
  struct Held {
    std::string stream;
    eventstore::ExpectedVersion expected;
    std::vector<v1::EventEnvelope> events;
    AppendCallback done;
  };
  absl::Mutex mu_;
  std::vector<Held> held_ ABSL_GUARDED_BY(mu_);
};

TEST_F(CommandHandlerAsyncTest, TooManyCommandsWaitingForOneStreamAreRefused) {
  HeldAppendsStore held(store_.get());
  CommandHandler<NumberedSessions> handler(&held, /*max_attempts=*/1, /*cached_streams=*/16,
                                           /*max_waiting_per_stream=*/3);
  Outcomes outcomes;
  // One under way (its append held), three waiting, the fifth refused; another stream is free.
  for (int i = 1; i <= 5; ++i) {
    const std::string id = absl::StrCat("cmd-", i);
    handler.HandleAsync(kStream, Session(id), Context(id), Fields(), outcomes.Expect());
  }
  handler.HandleAsync("pupil/school-1/p-2", Session("other"), Context("other"), Fields(),
                      outcomes.Expect());
  std::vector<absl::StatusOr<CommandResult>> results = outcomes.WaitFor(1);
  ASSERT_EQ(results.size(), 1u);
  EXPECT_EQ(results[0].status().code(), absl::StatusCode::kResourceExhausted);
  EXPECT_THAT(std::string(results[0].status().message()), HasSubstr(kStream));
  EXPECT_EQ(held.held(), 2u) << "one append under way on each stream";

  // Released, the waiting commands run in turn: each one's append is held until released too.
  for (int round = 0; round < 10 && outcomes.WaitFor(0).size() < 6; ++round) {
    held.Release();
    absl::SleepFor(absl::Milliseconds(20));
  }
  results = outcomes.WaitFor(6);
  ASSERT_EQ(results.size(), 6u);
  for (size_t i = 1; i < results.size(); ++i) EXPECT_TRUE(results[i].ok()) << results[i].status();
  EXPECT_THAT(Numbers(), ElementsAre(1, 2, 3, 4));
}

TEST_F(CommandHandlerAsyncTest, AsyncGivesUpWithAbortedAfterItsAttempts) {
  AlwaysConflictingStore conflicting(store_.get());
  CommandHandler<NumberedSessions> handler(&conflicting, /*max_attempts=*/3);
  Outcomes outcomes;
  handler.HandleAsync(kStream, Session("s1"), Context("cmd-1"), Fields(), outcomes.Expect());
  const std::vector<absl::StatusOr<CommandResult>> results = outcomes.WaitFor(1);
  ASSERT_EQ(results.size(), 1u);
  EXPECT_EQ(results[0].status().code(), absl::StatusCode::kAborted);
  EXPECT_THAT(std::string(results[0].status().message()), HasSubstr("gave up after 3"));
  EXPECT_EQ(conflicting.appends, 3);
}

}  // namespace
}  // namespace endeavour::services
