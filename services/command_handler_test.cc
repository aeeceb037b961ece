// The command handler against the real RocksDB store, with the small aggregates of
// command_handler_test_fixture.h.
#include "services/command_handler.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <set>
#include <thread>

#include "services/command_handler_test_fixture.h"

namespace endeavour::services {
namespace {

using testing::AlwaysConflictingStore;
using testing::CommandHandlerTest;
using testing::EveryCommandRecorded;
using ::testing::HasSubstr;
using testing::NumberedSessions;
using testing::OrderedStages;

TEST_F(CommandHandlerTest, AppendsWhatWasDecidedWithTheEnvelopeFilledIn) {
  CommandHandler<NumberedSessions> handler(store_.get());
  auto result = handler.Handle(kStream, Session("s1"), Context("cmd-1"), Fields());
  ASSERT_TRUE(result.ok()) << result.status();
  EXPECT_EQ(result->stream_version, 1u);
  EXPECT_EQ(result->position, 1u);
  EXPECT_THAT(result->event_ids, ::testing::ElementsAre("cmd-1.0"));
  auto page = store_->ReadStream(kStream, 1, eventstore::ReadDirection::kForwards, 10);
  const v1::EventEnvelope& e = page->events.at(0).envelope;
  EXPECT_EQ(e.event_type(), "endeavour.v1.InterventionDelivered");
  EXPECT_EQ(e.tenant(), "school-1");
  EXPECT_EQ(e.actor().id(), "staff/7");
  EXPECT_EQ(e.causation_id(), "cmd-1");
}

TEST_F(CommandHandlerTest, ACommandAlreadyCarriedOutAppendsNothing) {
  CommandHandler<NumberedSessions> handler(store_.get());
  ASSERT_TRUE(handler.Handle(kStream, Session("s1"), Context("cmd-1"), Fields()).ok());
  auto again = handler.Handle(kStream, Session("s1"), Context("cmd-2"), Fields());
  ASSERT_TRUE(again.ok()) << again.status();
  EXPECT_TRUE(again->event_ids.empty());
  EXPECT_EQ(again->stream_version, 1u);
  EXPECT_EQ(store_->HeadPosition(), 1u);
}

TEST_F(CommandHandlerTest, ARefusedCommandWritesNothing) {
  CommandHandler<NumberedSessions> handler(store_.get());
  auto refused = handler.Handle(kStream, Session(""), Context("cmd-1"), Fields());
  EXPECT_EQ(refused.status().code(), absl::StatusCode::kInvalidArgument);
  EXPECT_EQ(store_->HeadPosition(), 0u);
}

TEST_F(CommandHandlerTest, ACommandIdNeedsToBeAUsableKey) {
  CommandHandler<NumberedSessions> handler(store_.get());
  EXPECT_THAT(
      std::string(handler.Handle(kStream, Session("s1"), Context(""), Fields()).status().message()),
      HasSubstr("command_id"));
  EXPECT_EQ(handler.Handle(kStream, Session("s1"), Context("has space"), Fields()).status().code(),
            absl::StatusCode::kInvalidArgument);
  EXPECT_EQ(store_->HeadPosition(), 0u);
}

TEST_F(CommandHandlerTest, ReusingACommandIdForADifferentCommandIsRefused) {
  CommandHandler<NumberedSessions> handler(store_.get());
  ASSERT_TRUE(handler.Handle(kStream, Session("s1"), Context("cmd-1"), Fields()).ok());
  auto reused = handler.Handle(kStream, Session("s2"), Context("cmd-1"), Fields());
  EXPECT_EQ(reused.status().code(), absl::StatusCode::kAlreadyExists) << reused.status();
  EXPECT_THAT(std::string(reused.status().message()), HasSubstr("command_id"));
  EXPECT_EQ(store_->HeadPosition(), 1u);
}

TEST_F(CommandHandlerTest, ConcurrentCommandsOnOneStreamLoseNoUpdate) {
  CommandHandler<NumberedSessions> handler(store_.get(), /*max_attempts=*/1000);
  constexpr int kThreads = 8, kPerThread = 25;
  std::vector<std::thread> threads;
  for (int t = 0; t < kThreads; ++t) {
    threads.emplace_back([&, t] {
      for (int i = 0; i < kPerThread; ++i) {
        const std::string id = absl::StrCat("t", t, "-", i);
        auto result = handler.Handle(kStream, Session(id), Context(id), Fields());
        EXPECT_TRUE(result.ok()) << result.status();
      }
    });
  }
  for (std::thread& t : threads) t.join();
  std::vector<int> numbers = Numbers();
  ASSERT_EQ(numbers.size(), size_t{kThreads * kPerThread});
  for (size_t i = 0; i < numbers.size(); ++i) {
    EXPECT_EQ(numbers[i], static_cast<int>(i) + 1) << "a lost update renumbers a session";
  }
}

TEST_F(CommandHandlerTest, HandlersSharingAStoreSeeEachOthersWrites) {
  // Each handler keeps its own folded states; a state made stale by the other handler must be
  // caught up (or the append refused), never decided on as it stands.
  CommandHandler<NumberedSessions> first(store_.get(), /*max_attempts=*/1000);
  CommandHandler<NumberedSessions> second(store_.get(), /*max_attempts=*/1000);
  std::vector<std::thread> threads;
  for (int t = 0; t < 4; ++t) {
    threads.emplace_back([&, t] {
      CommandHandler<NumberedSessions>& handler = t % 2 == 0 ? first : second;
      for (int i = 0; i < 25; ++i) {
        const std::string id = absl::StrCat("t", t, "-", i);
        auto result = handler.Handle(kStream, Session(id), Context(id), Fields());
        EXPECT_TRUE(result.ok()) << result.status();
      }
    });
  }
  for (std::thread& t : threads) t.join();
  std::vector<int> numbers = Numbers();
  ASSERT_EQ(numbers.size(), 100u);
  for (size_t i = 0; i < numbers.size(); ++i) EXPECT_EQ(numbers[i], static_cast<int>(i) + 1);
}

TEST_F(CommandHandlerTest, AnAppendStraightToTheStoreIsFoldedIntoTheNextDecision) {
  CommandHandler<NumberedSessions> handler(store_.get());
  ASSERT_TRUE(handler.Handle(kStream, Session("s1"), Context("cmd-1"), Fields()).ok());
  v1::EventEnvelope direct;
  direct.set_event_id("direct-1");
  direct.set_event_type("endeavour.v1.InterventionDelivered");
  v1::InterventionDelivered session = Session("s2").session();
  session.set_minutes(2);
  direct.set_payload(session.SerializeAsString());
  ASSERT_TRUE(store_->Append(kStream, eventstore::ExpectedVersion::Exact(1), {direct}).ok());

  // s2 is in the store, not in the handler's folded state: deciding on the cached state alone
  // would log it a second time.
  auto again = handler.Handle(kStream, Session("s2"), Context("cmd-2"), Fields());
  ASSERT_TRUE(again.ok()) << again.status();
  EXPECT_TRUE(again->event_ids.empty());
  ASSERT_TRUE(handler.Handle(kStream, Session("s3"), Context("cmd-3"), Fields()).ok());
  EXPECT_THAT(Numbers(), ::testing::ElementsAre(1, 2, 3));
}

TEST_F(CommandHandlerTest, ARetriedCommandLeavesTheFoldedStateAsItWas) {
  CommandHandler<NumberedSessions> handler(store_.get());
  ASSERT_TRUE(handler.Handle(kStream, Session("s1"), Context("cmd-1"), Fields()).ok());
  auto retried = handler.Handle(kStream, Session("s1"), Context("cmd-1"), Fields());
  ASSERT_TRUE(retried.ok()) << retried.status();
  EXPECT_EQ(retried->stream_version, 1u);
  ASSERT_TRUE(handler.Handle(kStream, Session("s2"), Context("cmd-2"), Fields()).ok());
  ASSERT_TRUE(handler.Handle(kStream, Session("s3"), Context("cmd-3"), Fields()).ok());
  EXPECT_THAT(Numbers(), ::testing::ElementsAre(1, 2, 3));
}

TEST(FoldedStreamCacheTest, KeepsTheMostRecentlyUsedStreamsAndTheLatestVersion) {
  struct Counter {
    using State = int;
  };
  auto at = [](uint64_t version) {
    LoadedStream<Counter> loaded;
    loaded.state = static_cast<int>(version);
    loaded.version = version;
    loaded.last_position = version;
    return loaded;
  };
  FoldedStreamCache<Counter> cache(2);
  cache.CheckIn("a", at(1));
  cache.CheckIn("b", at(2));
  cache.CheckIn("c", at(3));  // a is the least recently used and goes
  EXPECT_EQ(cache.size(), 2u);
  EXPECT_FALSE(cache.CheckOut("a").has_value());

  cache.CheckIn("b", at(1));  // older than what is there: kept as it was
  std::optional<LoadedStream<Counter>> b = cache.CheckOut("b");
  ASSERT_TRUE(b.has_value());
  EXPECT_EQ(b->version, 2u);
  EXPECT_FALSE(cache.CheckOut("b").has_value()) << "checked out: no second command gets it";

  FoldedStreamCache<Counter> none(0);
  none.CheckIn("a", at(1));
  EXPECT_FALSE(none.CheckOut("a").has_value());
}

TEST_F(CommandHandlerTest, ACommandDecidedAgainAndFoundInTheStoreReportsNoNewEvents) {
  CommandHandler<EveryCommandRecorded> handler(store_.get());
  auto first = handler.Handle(kStream, Session("s1"), Context("cmd-1"), Fields());
  ASSERT_TRUE(first.ok()) << first.status();
  EXPECT_EQ(first->event_ids.size(), 1u);
  ASSERT_TRUE(handler.Handle(kStream, Session("s2"), Context("cmd-2"), Fields()).ok());
  auto again = handler.Handle(kStream, Session("s1"), Context("cmd-1"), Fields());
  ASSERT_TRUE(again.ok()) << again.status();
  EXPECT_EQ(again->stream_version, 1u);
  EXPECT_EQ(again->position, first->position);
  EXPECT_TRUE(again->event_ids.empty()) << "nothing new was recorded";
  EXPECT_EQ(store_->HeadPosition(), 2u);
}

TEST_F(CommandHandlerTest, ACommandSentAgainAfterTheRecordMovedOnGetsItsOriginalResult) {
  CommandHandler<OrderedStages> handler(store_.get());
  auto stage = [](int n) {
    v1::LogIntervention command = Session(absl::StrCat("stage-", n));
    command.mutable_session()->set_minutes(n);
    return command;
  };
  auto first = handler.Handle(kStream, stage(1), Context("cmd-1"), Fields());
  ASSERT_TRUE(first.ok()) << first.status();
  ASSERT_TRUE(handler.Handle(kStream, stage(2), Context("cmd-2"), Fields()).ok());

  // Deciding cmd-1 again would be refused now (the record is at stage 2), but it was carried out.
  for (bool cached : {true, false}) {
    CommandHandler<OrderedStages> fresh(store_.get());
    CommandHandler<OrderedStages>& sender = cached ? handler : fresh;
    auto again = sender.Handle(kStream, stage(1), Context("cmd-1"), Fields());
    ASSERT_TRUE(again.ok()) << again.status();
    EXPECT_EQ(again->stream_version, first->stream_version);
    EXPECT_EQ(again->position, first->position);
    EXPECT_TRUE(again->event_ids.empty());
  }
  // A new command the rule refuses is still refused, and the id of a command carried out cannot
  // be reused for one that would record something else.
  EXPECT_EQ(handler.Handle(kStream, stage(5), Context("cmd-5"), Fields()).status().code(),
            absl::StatusCode::kFailedPrecondition);
  EXPECT_EQ(handler.Handle(kStream, stage(3), Context("cmd-1"), Fields()).status().code(),
            absl::StatusCode::kAlreadyExists);
  EXPECT_EQ(store_->HeadPosition(), 2u);
}

TEST_F(CommandHandlerTest, GivesUpWithAbortedAfterItsAttempts) {
  AlwaysConflictingStore conflicting(store_.get());
  CommandHandler<NumberedSessions> handler(&conflicting, /*max_attempts=*/3);
  auto result = handler.Handle(kStream, Session("s1"), Context("cmd-1"), Fields());
  EXPECT_EQ(result.status().code(), absl::StatusCode::kAborted);
  EXPECT_THAT(std::string(result.status().message()), HasSubstr("gave up after 3"));
  EXPECT_THAT(std::string(result.status().message()), HasSubstr("actual version"));
  EXPECT_EQ(conflicting.appends, 3);
}

}  // namespace
}  // namespace endeavour::services
