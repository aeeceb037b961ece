// The command handler against the real RocksDB store. A small aggregate defined here numbers
// sessions 1, 2, 3, ... from the state it folds, so a lost update shows as a repeated number.
#include "services/command_handler.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <filesystem>
#include <set>
#include <thread>
#include <variant>

#include "absl/container/flat_hash_set.h"
#include "endeavour/v1/pupil_commands.pb.h"
#include "endeavour/v1/pupil_events.pb.h"
#include "eventstore/rocksdb_event_store.h"

namespace endeavour::services {
namespace {

using ::testing::HasSubstr;

struct NumberedSessions {
  struct State {
    int sessions = 0;
    absl::flat_hash_set<std::string> session_ids;
  };
  using Event = std::variant<v1::InterventionDelivered>;
  using Command = v1::LogIntervention;

  static State Evolve(State state, const std::string&, const Event& event) {
    state.sessions++;
    state.session_ids.insert(std::get<v1::InterventionDelivered>(event).session_id());
    return state;
  }
  static absl::StatusOr<std::vector<Event>> Decide(const Command& command, const State& state,
                                                   const domain::CommandContext&) {
    if (command.session().session_id().empty()) {
      return absl::InvalidArgumentError("session.session_id: required");
    }
    if (state.session_ids.contains(command.session().session_id())) return std::vector<Event>{};
    v1::InterventionDelivered session = command.session();
    session.set_minutes(state.sessions + 1);  // the n-th session is numbered n
    return std::vector<Event>{session};
  }
};

// Stages taken strictly in order: a command to reach stage n is refused unless the record is at
// n - 1, so a command sent again after the record moved on is refused by the rule.
struct OrderedStages {
  struct State {
    int stage = 0;
  };
  using Event = std::variant<v1::InterventionDelivered>;
  using Command = v1::LogIntervention;

  static State Evolve(State state, const std::string&, const Event& event) {
    state.stage = std::get<v1::InterventionDelivered>(event).minutes();
    return state;
  }
  static absl::StatusOr<std::vector<Event>> Decide(const Command& command, const State& state,
                                                   const domain::CommandContext&) {
    if (command.session().minutes() != state.stage + 1) {
      return absl::FailedPreconditionError(
          absl::StrCat("session.minutes: stage ", command.session().minutes(), " follows stage ",
                       command.session().minutes() - 1, ", and the record is at ", state.stage));
    }
    return std::vector<Event>{command.session()};
  }
};

// Records every command it is given: a command sent again is decided again, and only the store's
// event ids tell that it was done.
struct EveryCommandRecorded {
  struct State {};
  using Event = std::variant<v1::InterventionDelivered>;
  using Command = v1::LogIntervention;
  static State Evolve(State state, const std::string&, const Event&) { return state; }
  static absl::StatusOr<std::vector<Event>> Decide(const Command& command, const State&,
                                                   const domain::CommandContext&) {
    return std::vector<Event>{command.session()};
  }
};

class CommandHandlerTest : public ::testing::Test {
 protected:
  void SetUp() override {
    std::string pattern = ::testing::TempDir() + "command_handler_test_XXXXXX";
    dir_ = mkdtemp(pattern.data());
    auto store = eventstore::RocksDbEventStore::Open(dir_);
    ASSERT_TRUE(store.ok()) << store.status();
    store_ = *std::move(store);
  }
  void TearDown() override {
    store_.reset();
    std::filesystem::remove_all(dir_);
  }

  static v1::LogIntervention Session(const std::string& id) {
    v1::LogIntervention command;
    command.mutable_session()->set_session_id(id);
    command.mutable_session()->set_plan_id("plan-1");
    return command;
  }
  static domain::CommandContext Context(const std::string& command_id) {
    domain::CommandContext context;
    context.command_id = command_id;
    return context;
  }
  EnvelopeFields Fields() const {
    EnvelopeFields fields;
    fields.tenant = "school-1";
    fields.actor.set_id("staff/7");
    fields.actor.set_role(v1::ROLE_TEACHER);
    return fields;
  }
  std::vector<int> Numbers() const {
    auto loaded = LoadStream<NumberedSessions>(*store_, kStream);
    EXPECT_TRUE(loaded.ok()) << loaded.status();
    auto page = store_->ReadStream(kStream, 1, eventstore::ReadDirection::kForwards, 10000);
    std::vector<int> numbers;
    for (const auto& e : page->events) {
      v1::InterventionDelivered session;
      EXPECT_TRUE(session.ParseFromString(e.envelope.payload()));
      numbers.push_back(session.minutes());
    }
    return numbers;
  }

  static constexpr char kStream[] = "pupil/school-1/p-1";
  std::string dir_;
  std::unique_ptr<eventstore::RocksDbEventStore> store_;
};

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

// Reads from the real store; every append meets a conflict, as if another writer always won.
class AlwaysConflictingStore : public eventstore::EventStore {
 public:
  explicit AlwaysConflictingStore(eventstore::EventStore* real) : real_(real) {}
  int appends = 0;

  absl::StatusOr<eventstore::AppendResult> Append(const std::string&, eventstore::ExpectedVersion,
                                                  std::vector<v1::EventEnvelope>) override {
    ++appends;
    return absl::AbortedError("expected_version: expected version 0, actual version 1");
  }
  absl::StatusOr<eventstore::StreamPage> ReadStream(const std::string& stream, uint64_t from,
                                                    eventstore::ReadDirection direction,
                                                    size_t max) const override {
    return real_->ReadStream(stream, from, direction, max);
  }
  absl::StatusOr<eventstore::LogPage> ReadAll(uint64_t from, size_t max,
                                              const eventstore::EventFilter& f) const override {
    return real_->ReadAll(from, max, f);
  }
  absl::StatusOr<std::unique_ptr<eventstore::Subscription>> Subscribe(
      uint64_t from, eventstore::EventFilter f) override {
    return real_->Subscribe(from, std::move(f));
  }
  uint64_t HeadPosition() const override { return real_->HeadPosition(); }
  absl::StatusOr<uint64_t> StreamVersion(const std::string& s) const override {
    return real_->StreamVersion(s);
  }
  TreeHead CurrentTreeHead() const override { return real_->CurrentTreeHead(); }
  absl::Status Verify() const override { return real_->Verify(); }

 private:
  eventstore::EventStore* real_;
};

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
