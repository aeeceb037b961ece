// Amelia's record driven through the real write path (command handler, RocksDB store) and read
// back through the projection runners: each command's position is waited for (read-your-writes),
// the stored views equal the views rendered from her stream, they survive a restart, and a review
// typed up a week after it was held shows up correctly as of a position, a recorded time and an
// occurred-on date.
#include <memory>
#include <string>

#include "absl/synchronization/mutex.h"
#include "absl/time/civil_time.h"
#include "eventstore/rocksdb_event_store.h"
#include "eventstore/testing/temp_dir.h"
#include "gtest/gtest.h"
#include "projections/best_endeavours_history.h"
#include "projections/current_plan.h"
#include "projections/pupil_file.h"
#include "projections/views.h"
#include "services/command_handler.h"
#include "services/domain/pupil_record_test_util.h"
#include "services/domain/streams.h"

namespace endeavour {
namespace {

namespace t = domain::testing;
using projections::AsOf;
using projections::ViewQuery;
using services::CommandHandler;
using services::CommandResult;

constexpr char kTenant[] = "school-1";
constexpr char kPupil[] = "adm-20417";

absl::Time At(const v1::Date& day, int hour = 16) {
  return absl::FromCivil(absl::CivilHour(day.year(), day.month(), day.day(), hour),
                         absl::UTCTimeZone());
}

class ViewsScenarioTest : public ::testing::Test {
 protected:
  void SetUp() override { Open(); }

  void Open() {
    eventstore::RocksDbStoreOptions options;
    options.clock = [this] {
      absl::MutexLock lock(&clock_mu_);
      return now_;
    };
    auto store = eventstore::RocksDbEventStore::Open(dir_.path(), options);
    ASSERT_TRUE(store.ok()) << store.status();
    store_ = std::move(*store);
    handler_ = std::make_unique<CommandHandler<domain::PupilRecord>>(store_.get());
    projections::ViewsOptions views_options;
    views_options.runner.catch_up_flush_interval = absl::Milliseconds(1);
    auto views = projections::Views::Start(*store_, store_->ProjectionState(), views_options);
    ASSERT_TRUE(views.ok()) << views.status();
    views_ = std::move(*views);
  }

  void Close() {
    views_.reset();
    handler_.reset();
    store_.reset();
  }

  // Records `command` on `recorded_on` (the server's clock) and returns the result.
  CommandResult Run(const domain::PupilCommand& command, const v1::Date& recorded_on) {
    {
      absl::MutexLock lock(&clock_mu_);
      now_ = At(recorded_on);
    }
    domain::CommandContext context =
        t::Today(recorded_on.year(), recorded_on.month(), recorded_on.day());
    context.command_id = absl::StrCat("command-", ++commands_);
    services::EnvelopeFields fields;
    fields.tenant = kTenant;
    fields.actor.set_id("staff/1042");
    fields.actor.set_role(v1::ROLE_SENCO);
    auto result = handler_->Handle(stream_, command, context, fields);
    EXPECT_TRUE(result.ok()) << result.status();
    return result.ok() ? *result : CommandResult{};
  }

  // Read-your-writes: the plan as it stands once the views have folded in `position`.
  v1::CurrentPlan PlanAfter(uint64_t position) {
    ViewQuery query;
    query.wait_for_position = position;
    query.wait_deadline = absl::Now() + absl::Seconds(10);
    query.today = t::D(2026, 1, 5);
    auto plan = views_->CurrentPlan(kTenant, kPupil, query);
    EXPECT_TRUE(plan.ok()) << plan.status();
    return plan.ok() ? *plan : v1::CurrentPlan{};
  }

  v1::BestEndeavoursHistory HistoryAsOf(const AsOf& as_of) {
    ViewQuery query;
    query.as_of = as_of;
    auto history = views_->History(kTenant, kPupil, query);
    EXPECT_TRUE(history.ok()) << history.status();
    return history.ok() ? *history : v1::BestEndeavoursHistory{};
  }

  // Amelia's first cycle and the start of her second. The first review, held on 26 November,
  // is typed up on 3 December; returns its position.
  uint64_t RecordTwoCycles() {
    Run(t::Register(t::Amelia()), t::D(2025, 9, 8));
    Run(t::Identify(t::ReadingNeed()), t::D(2025, 10, 1));
    Run(t::Change(t::OntoSenSupport()), t::D(2025, 10, 6));
    EXPECT_TRUE(
        PlanAfter(Run(t::Agree(t::FirstPlan()), t::D(2025, 10, 8)).position).has_active_plan());
    Run(t::Log(t::Session("s-1", t::D(2025, 10, 9))), t::D(2025, 10, 9));
    mistyped_ = Run(t::Log(t::Session("s-2", t::D(2025, 10, 10))), t::D(2025, 10, 10)).event_ids[0];
    v1::InterventionDelivered absent = t::Session("s-3", t::D(2025, 10, 13));
    absent.set_minutes(0);
    absent.set_attendance(v1::ATTENDANCE_PUPIL_ABSENT);
    Run(t::Log(absent), t::D(2025, 10, 13));
    wrong_pupil_ =
        Run(t::Log(t::Session("s-4", t::D(2025, 10, 14))), t::D(2025, 10, 14)).event_ids[0];
    Run(t::Adjust(t::Adjustment()), t::D(2025, 11, 3));
    v1::InterventionDelivered fixed = t::Session("s-2", t::D(2025, 10, 10));
    fixed.set_minutes(25);
    Run(t::Correct(t::Correction(mistyped_, fixed, "2 typed for 25")), t::D(2025, 11, 4));
    const CommandResult retracted = Run(t::Retract(t::Retraction(wrong_pupil_)), t::D(2025, 11, 5));
    v1::CurrentPlan plan = PlanAfter(retracted.position);
    EXPECT_EQ(plan.plan().plan_id(), "plan-1");
    // Two sessions attended (10 and, as corrected, 25 minutes), one missed, one retracted.
    int minutes = 0, logged = 0;
    for (const v1::ProvisionDelivery& d : plan.delivery()) {
      minutes += d.minutes_delivered();
      logged += d.sessions_logged();
    }
    EXPECT_EQ(logged, 3);
    EXPECT_EQ(minutes, 35);

    const uint64_t review = Run(t::Review(t::FirstReview()), t::D(2025, 12, 3)).position;
    const CommandResult second = Run(t::Agree(t::SecondPlan()), t::D(2025, 12, 3));
    EXPECT_EQ(PlanAfter(second.position).plan().plan_id(), "plan-2");
    return review;
  }

  endeavour::testing::TempDir dir_{"views_scenario"};
  absl::Mutex clock_mu_;
  absl::Time now_ ABSL_GUARDED_BY(clock_mu_) = At(t::D(2025, 9, 1));
  std::unique_ptr<eventstore::RocksDbEventStore> store_;
  std::unique_ptr<CommandHandler<domain::PupilRecord>> handler_;
  std::unique_ptr<projections::Views> views_;
  const std::string stream_ = domain::PupilStreamId(kTenant, kPupil);
  int commands_ = 0;
  std::string mistyped_;
  std::string wrong_pupil_;
};

// The stored views equal the views of a file folded straight from the stream.
TEST_F(ViewsScenarioTest, StoredViewsAreTheViewsOfTheStreamAndSurviveARestart) {
  RecordTwoCycles();
  const uint64_t head = store_->HeadPosition();
  ASSERT_TRUE(views_->pupil_runner().WaitFor(head, absl::Now() + absl::Seconds(10)).ok());

  projections::PupilFile file;
  auto page = store_->ReadStream(stream_, 1, eventstore::ReadDirection::kForwards, 1000);
  ASSERT_TRUE(page.ok());
  for (const auto& event : page->events) ASSERT_TRUE(file.Apply(event.envelope).ok());
  const std::string expected = projections::RenderHistory(file).SerializeAsString();

  EXPECT_EQ(HistoryAsOf(AsOf::Now()).SerializeAsString(), expected);
  Close();
  Open();
  EXPECT_EQ(views_->pupil_runner().checkpoint(), head);
  v1::BestEndeavoursHistory history = HistoryAsOf(AsOf::Now());
  EXPECT_EQ(history.SerializeAsString(), expected);
  ASSERT_EQ(history.cycles_size(), 2);
  EXPECT_TRUE(history.cycles(0).has_review());
  EXPECT_EQ(history.cycles(1).plan().current().plan_id(), "plan-2");
  EXPECT_EQ(history.totals().corrections(), 1);
  EXPECT_EQ(history.totals().retractions(), 1);
  // The retracted session is shown, marked, with who withdrew it and where.
  int retracted = 0;
  for (const v1::ProvisionResource& resource : history.cycles(0).resources()) {
    for (const v1::SessionShown& session : resource.sessions()) {
      if (!session.trail().retracted()) continue;
      ++retracted;
      EXPECT_EQ(session.current().session_id(), "s-4");
      EXPECT_GT(session.trail().retracted_by().position(), session.trail().source().position());
      EXPECT_EQ(session.trail().retracted_by().recorded_by().id(), "staff/1042");
    }
  }
  EXPECT_EQ(retracted, 1);
}

TEST_F(ViewsScenarioTest, ALateTypedReviewAsOfPositionRecordedTimeAndOccurredOn) {
  const uint64_t review_position = RecordTwoCycles();
  // Held on 26 November, typed up on 3 December.
  EXPECT_FALSE(HistoryAsOf(AsOf::Position(review_position - 1)).cycles(0).has_review());
  EXPECT_TRUE(HistoryAsOf(AsOf::Position(review_position)).cycles(0).has_review());

  // What the record said on 30 November: no review yet, plan 1 still active.
  const absl::Time november_30 = At(t::D(2025, 11, 30), 23);
  v1::BestEndeavoursHistory said = HistoryAsOf(AsOf::RecordedAt(november_30));
  ASSERT_EQ(said.cycles_size(), 1);
  EXPECT_FALSE(said.cycles(0).has_review());
  ViewQuery query;
  query.as_of = AsOf::RecordedAt(november_30);
  auto plan = views_->CurrentPlan(kTenant, kPupil, query);
  ASSERT_TRUE(plan.ok()) << plan.status();
  EXPECT_EQ(plan->plan().plan_id(), "plan-1");

  // What had happened by 30 November: the review had been held.
  v1::BestEndeavoursHistory happened = HistoryAsOf(AsOf::OccurredOn(t::D(2025, 11, 30)));
  ASSERT_EQ(happened.cycles_size(), 1);
  EXPECT_TRUE(happened.cycles(0).has_review());
  // And by 25 November it had not.
  EXPECT_FALSE(HistoryAsOf(AsOf::OccurredOn(t::D(2025, 11, 25))).cycles(0).has_review());

  // Before anything was recorded there is no record at all.
  query.as_of = AsOf::RecordedAt(At(t::D(2025, 9, 1)));
  EXPECT_EQ(views_->History(kTenant, kPupil, query).status().code(), absl::StatusCode::kNotFound);
}

TEST_F(ViewsScenarioTest, ACorrectionAsOfARecordedTimeBeforeItShowsTheOriginal) {
  RecordTwoCycles();
  // On 3 November the mistyped session still said 10 minutes; on 4 November it was corrected.
  auto minutes_of_s2 = [&](const AsOf& as_of) {
    ViewQuery query;
    query.as_of = as_of;
    query.today = t::D(2025, 11, 5);
    auto plan = views_->CurrentPlan(kTenant, kPupil, query);
    EXPECT_TRUE(plan.ok()) << plan.status();
    int minutes = 0;
    for (const v1::ProvisionDelivery& d : plan->delivery()) minutes += d.minutes_delivered();
    return minutes;
  };
  EXPECT_EQ(minutes_of_s2(AsOf::RecordedAt(At(t::D(2025, 11, 3), 23))), 10 + 10 + 10);
  EXPECT_EQ(minutes_of_s2(AsOf::RecordedAt(At(t::D(2025, 11, 4), 23))), 10 + 25 + 10);
  EXPECT_EQ(minutes_of_s2(AsOf::RecordedAt(At(t::D(2025, 11, 5), 23))), 10 + 25);
}

TEST_F(ViewsScenarioTest, WaitingForAPositionNotYetWrittenIsDeadlineExceeded) {
  RecordTwoCycles();
  ViewQuery query;
  query.wait_for_position = store_->HeadPosition() + 1;
  query.wait_deadline = absl::Now() + absl::Milliseconds(50);
  EXPECT_EQ(views_->CurrentPlan(kTenant, kPupil, query).status().code(),
            absl::StatusCode::kDeadlineExceeded);
}

TEST_F(ViewsScenarioTest, BadQueriesAreRefusedNamingTheField) {
  RecordTwoCycles();
  ViewQuery query;
  auto no_tenant = views_->CurrentPlan("", kPupil, query);
  EXPECT_EQ(no_tenant.status().code(), absl::StatusCode::kInvalidArgument);
  EXPECT_NE(no_tenant.status().message().find("tenant"), std::string::npos);
  EXPECT_EQ(views_->History("school-1/../school-2", kPupil, query).status().code(),
            absl::StatusCode::kInvalidArgument);
  EXPECT_EQ(views_->History(kTenant, "", query).status().code(),
            absl::StatusCode::kInvalidArgument);
  EXPECT_EQ(views_->CurrentPlan(kTenant, "adm-00000", query).status().code(),
            absl::StatusCode::kNotFound);
  EXPECT_EQ(views_->CurrentPlan("school-2", kPupil, query).status().code(),
            absl::StatusCode::kNotFound);
  query.as_of = AsOf::Position(store_->HeadPosition() + 1);
  auto past = views_->History(kTenant, kPupil, query);
  EXPECT_EQ(past.status().code(), absl::StatusCode::kInvalidArgument);
  EXPECT_NE(past.status().message().find("as_of.position"), std::string::npos);
}

TEST_F(ViewsScenarioTest, TheOverviewListsThePupilNowAndAsOfADate) {
  RecordTwoCycles();
  ViewQuery query;
  query.wait_for_position = store_->HeadPosition();
  query.wait_deadline = absl::Now() + absl::Seconds(10);
  query.today = t::D(2026, 1, 5);
  auto now = views_->Overview(kTenant, query, 60);
  ASSERT_TRUE(now.ok()) << now.status();
  ASSERT_EQ(now->sen_register_size(), 1);
  EXPECT_EQ(now->sen_register(0).pupil_id(), kPupil);

  // As it stood on 20 September: registered, not yet on SEN support.
  query.as_of = AsOf::OccurredOn(t::D(2025, 9, 20));
  auto before = views_->Overview(kTenant, query, 60);
  ASSERT_TRUE(before.ok()) << before.status();
  EXPECT_EQ(before->sen_register_size(), 0);
  // Another school sees nothing of her.
  query.as_of = AsOf::Now();
  auto other = views_->Overview("school-2", query, 60);
  ASSERT_TRUE(other.ok()) << other.status();
  EXPECT_EQ(other->sen_register_size(), 0);
}

TEST_F(ViewsScenarioTest, TwoCyclesWithOutcomesNotMetAreListedForEscalation) {
  RecordTwoCycles();
  v1::ReviewHeld review = t::FirstReview();
  review.set_review_id("review-2");
  review.set_plan_id("plan-2");
  *review.mutable_held_on() = t::D(2026, 2, 4);
  *review.mutable_next_review_date() = t::D(2026, 3, 25);
  review.clear_outcomes();
  const v1::PlanAgreed second_plan = t::SecondPlan();
  for (const v1::PlanOutcome& outcome : second_plan.outcomes()) {
    *review.add_outcomes() =
        t::Progress(outcome.outcome_id(), v1::OUTCOME_PROGRESS_NOT_MET, "Probe scores flat");
  }
  review.set_decision(v1::REVIEW_DECISION_SEEK_SPECIALIST_ADVICE);
  const uint64_t reviewed = Run(t::Review(review), t::D(2026, 2, 4)).position;

  ViewQuery query;
  query.wait_for_position = reviewed;
  query.wait_deadline = absl::Now() + absl::Seconds(10);
  query.today = t::D(2026, 2, 5);
  auto overview = views_->Overview(kTenant, query, 60);
  ASSERT_TRUE(overview.ok()) << overview.status();
  ASSERT_EQ(overview->escalations_size(), 1);
  EXPECT_EQ(overview->escalations(0).pupil_id(), kPupil);
  auto history = views_->History(kTenant, kPupil, query);
  ASSERT_TRUE(history.ok()) << history.status();
  EXPECT_EQ(history->totals().reviewed_cycles(), 2);
  EXPECT_EQ(history->totals().cycles_with_outcome_not_met(), 2);
  EXPECT_EQ(history->cycles(1).plan().current().learnt_from_previous_cycle(),
            t::SecondPlan().learnt_from_previous_cycle());
}

}  // namespace
}  // namespace endeavour
