// The pupil record's deciders through the command handler, on the real RocksDB store, with many
// staff recording for one pupil at once: no session is lost and no cycle number is taken twice.
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <atomic>
#include <filesystem>
#include <thread>

#include "eventstore/rocksdb_event_store.h"
#include "services/command_handler.h"
#include "services/domain/pupil_record.h"
#include "services/domain/pupil_record_test_util.h"
#include "services/domain/streams.h"

namespace endeavour::services {
namespace {

using domain::PupilRecord;
namespace t = domain::testing;

class PupilCommandHandlerTest : public ::testing::Test {
 protected:
  void SetUp() override {
    std::string pattern = ::testing::TempDir() + "pupil_command_handler_test_XXXXXX";
    dir_ = mkdtemp(pattern.data());
    auto store = eventstore::RocksDbEventStore::Open(dir_);
    ASSERT_TRUE(store.ok()) << store.status();
    store_ = *std::move(store);
    handler_ = std::make_unique<CommandHandler<PupilRecord>>(store_.get(), /*max_attempts=*/1000);
  }
  void TearDown() override {
    handler_.reset();
    store_.reset();
    std::filesystem::remove_all(dir_);
  }

  absl::StatusOr<CommandResult> Run(const domain::PupilCommand& command,
                                    const std::string& command_id) {
    domain::CommandContext context = t::Today(2026, 11, 24);
    context.command_id = command_id;
    EnvelopeFields fields;
    fields.tenant = "school-1";
    fields.actor.set_id("staff/senco");
    fields.actor.set_role(v1::ROLE_SENCO);
    return handler_->Handle(stream_, command, context, fields);
  }

  domain::PupilState State() {
    auto loaded = LoadStream<PupilRecord>(*store_, stream_);
    EXPECT_TRUE(loaded.ok()) << loaded.status();
    return loaded.ok() ? loaded->state : domain::PupilState{};
  }

  // Registered, a primary need, on SEN support, with the first plan active.
  void RecordUpToTheFirstPlan() {
    ASSERT_TRUE(Run(t::Register(t::Amelia()), "c-register").ok());
    ASSERT_TRUE(Run(t::Identify(t::ReadingNeed()), "c-need").ok());
    ASSERT_TRUE(Run(t::Change(t::OntoSenSupport()), "c-status").ok());
    auto plan = Run(t::Agree(t::FirstPlan()), "c-plan-1");
    ASSERT_TRUE(plan.ok()) << plan.status();
  }

  std::string dir_;
  std::unique_ptr<eventstore::RocksDbEventStore> store_;
  const std::string stream_ = domain::PupilStreamId("school-1", "adm-20417");
  std::unique_ptr<CommandHandler<PupilRecord>> handler_;
};

TEST_F(PupilCommandHandlerTest, SessionsLoggedAtOnceByManyStaffAreAllKept) {
  RecordUpToTheFirstPlan();
  constexpr int kStaff = 8, kSessionsEach = 15;
  std::vector<std::thread> staff;
  for (int s = 0; s < kStaff; ++s) {
    staff.emplace_back([&, s] {
      for (int i = 0; i < kSessionsEach; ++i) {
        const std::string id = absl::StrCat("session-", s, "-", i);
        auto logged = Run(t::Log(t::Session(id, t::D(2025, 10, 9 + i))), id);
        EXPECT_TRUE(logged.ok()) << logged.status();
      }
    });
  }
  for (std::thread& t : staff) t.join();
  domain::PupilState state = State();
  EXPECT_EQ(state.sessions.size(), size_t{kStaff * kSessionsEach});
  EXPECT_EQ(state.Tally("plan-1").logged, kStaff * kSessionsEach);
}

TEST_F(PupilCommandHandlerTest, RacingPlansForTheNextCycleTakeItOnce) {
  RecordUpToTheFirstPlan();
  ASSERT_TRUE(Run(t::Review(t::FirstReview()), "c-review-1").ok());
  // Eight people agree "the" second plan at once, each under their own plan id.
  std::atomic<int> agreed{0}, refused{0};
  std::vector<std::thread> senco;
  for (int s = 0; s < 8; ++s) {
    senco.emplace_back([&, s] {
      v1::PlanAgreed plan = t::SecondPlan();
      plan.set_plan_id(absl::StrCat("plan-2-", s));
      auto result = Run(t::Agree(plan), absl::StrCat("c-plan-2-", s));
      if (result.ok()) {
        agreed++;
      } else {
        EXPECT_EQ(result.status().code(), absl::StatusCode::kFailedPrecondition) << result.status();
        refused++;
      }
    });
  }
  for (std::thread& t : senco) t.join();
  EXPECT_EQ(agreed.load(), 1);
  EXPECT_EQ(refused.load(), 7);
  domain::PupilState state = State();
  ASSERT_EQ(state.plans.size(), 2u);
  EXPECT_EQ(state.plans[0].current.cycle(), 1);
  EXPECT_EQ(state.plans[1].current.cycle(), 2);
}

TEST_F(PupilCommandHandlerTest, ARetriedCommandIsRecordedOnce) {
  RecordUpToTheFirstPlan();
  const uint64_t head = store_->HeadPosition();
  auto again = Run(t::Agree(t::FirstPlan()), "c-plan-1");
  ASSERT_TRUE(again.ok()) << again.status();
  EXPECT_TRUE(again->event_ids.empty());
  EXPECT_EQ(store_->HeadPosition(), head);
}

TEST_F(PupilCommandHandlerTest, AStatusChangeSentAgainAfterALaterOneGetsItsOriginalResult) {
  RecordUpToTheFirstPlan();
  const uint64_t onto_support = store_->HeadPosition() - 1;  // c-status, before the plan
  v1::SenStatusChanged to_ehc_plan =
      t::StatusChange(v1::SEN_STATUS_SEN_SUPPORT, v1::SEN_STATUS_EHC_PLAN);
  ASSERT_TRUE(Run(t::Change(to_ehc_plan), "c-status-ehc").ok());
  const uint64_t head = store_->HeadPosition();
  // No SEN -> SEN support would be refused now (the pupil has an EHC plan), but c-status was
  // carried out: sending it again is answered with what it did then.
  auto again = Run(t::Change(t::OntoSenSupport()), "c-status");
  ASSERT_TRUE(again.ok()) << again.status();
  EXPECT_EQ(again->position, onto_support);
  EXPECT_TRUE(again->event_ids.empty());
  EXPECT_EQ(store_->HeadPosition(), head);
}

}  // namespace
}  // namespace endeavour::services
