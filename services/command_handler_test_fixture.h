// What the command handler's tests share: small aggregates, a fixture over the real RocksDB
// store in a temp folder, and a store that always reports a conflict.
#ifndef ENDEAVOUR_SERVICES_COMMAND_HANDLER_TEST_FIXTURE_H_
#define ENDEAVOUR_SERVICES_COMMAND_HANDLER_TEST_FIXTURE_H_

#include <gtest/gtest.h>

#include <filesystem>
#include <memory>
#include <string>
#include <variant>
#include <vector>

#include "absl/container/flat_hash_set.h"
#include "endeavour/v1/pupil_commands.pb.h"
#include "endeavour/v1/pupil_events.pb.h"
#include "eventstore/rocksdb_event_store.h"
#include "services/command_handler.h"

namespace endeavour::services::testing {

// Numbers sessions 1, 2, 3, ... from the state it folds, so a lost update shows as a repeated
// number.
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

// Passes every call to the real store; tests override what they need to control.
class ForwardingStore : public eventstore::EventStore {
 public:
  explicit ForwardingStore(eventstore::EventStore* real) : real_(real) {}

  absl::StatusOr<eventstore::AppendResult> Append(const std::string& stream,
                                                  eventstore::ExpectedVersion expected,
                                                  std::vector<v1::EventEnvelope> events) override {
    return real_->Append(stream, expected, std::move(events));
  }
  void AppendAsync(std::string stream, eventstore::ExpectedVersion expected,
                   std::vector<v1::EventEnvelope> events, AppendCallback done) override {
    real_->AppendAsync(std::move(stream), expected, std::move(events), std::move(done));
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

// Every append meets a conflict, as if another writer always won.
class AlwaysConflictingStore : public ForwardingStore {
 public:
  using ForwardingStore::ForwardingStore;
  int appends = 0;

  absl::StatusOr<eventstore::AppendResult> Append(const std::string&, eventstore::ExpectedVersion,
                                                  std::vector<v1::EventEnvelope>) override {
    ++appends;
    return absl::AbortedError("expected_version: expected version 0, actual version 1");
  }
  // The default: through Append, on the calling thread.
  void AppendAsync(std::string stream, eventstore::ExpectedVersion expected,
                   std::vector<v1::EventEnvelope> events, AppendCallback done) override {
    done(Append(stream, expected, std::move(events)));
  }
};

}  // namespace endeavour::services::testing

#endif  // ENDEAVOUR_SERVICES_COMMAND_HANDLER_TEST_FIXTURE_H_
