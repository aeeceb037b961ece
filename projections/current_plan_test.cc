#include "projections/current_plan.h"

#include "gtest/gtest.h"
#include "projections/pupil_file_test_util.h"

namespace endeavour::projections {
namespace {

using domain::testing::Adjustment;
using domain::testing::Amelia;
using domain::testing::Correction;
using domain::testing::D;
using domain::testing::FirstPlan;
using domain::testing::FirstReview;
using domain::testing::LanguageNeed;
using domain::testing::OntoSenSupport;
using domain::testing::ReadingNeed;
using domain::testing::Retraction;
using domain::testing::Session;
using domain::testing::TransferOut;
using testing::Missed;
using testing::PupilStream;
using testing::TeachingAssistant;

// Amelia's first plan four weeks in: precision teaching (5 a week, 10 minutes) and phonics
// (3 a week, 20 minutes, raised to 4 a week from 3 November), with some sessions lost.
class CurrentPlanTest : public ::testing::Test {
 protected:
  void SetUp() override {
    stream_.AddAll({Amelia(), LanguageNeed(), ReadingNeed(), OntoSenSupport()});
    plan_event_ = stream_.Add(FirstPlan());
    const v1::Actor ta = TeachingAssistant();
    session_event_ = stream_.Add(Session("s1", D(2025, 10, 9)), ta);
    stream_.Add(Session("s2", D(2025, 10, 10)), ta);
    stream_.Add(Missed("s3", D(2025, 10, 13), v1::ATTENDANCE_PUPIL_ABSENT), ta);
    stream_.Add(Session("ph1", D(2025, 10, 14), "phonics"), ta);
    stream_.Add(Missed("ph2", D(2025, 10, 16), v1::ATTENDANCE_CANCELLED,
                       "Hall needed for the Harvest assembly", "phonics"),
                ta);
    stream_.Add(Missed("s4", D(2025, 10, 15), v1::ATTENDANCE_STAFF_ABSENT), ta);
    stream_.Add(Adjustment());
  }

  const v1::ProvisionDelivery& Delivery(const v1::CurrentPlan& view, const std::string& id) {
    for (const v1::ProvisionDelivery& delivery : view.delivery()) {
      if (delivery.provision_id() == id) return delivery;
    }
    ADD_FAILURE() << "no delivery for provision " << id;
    static const v1::ProvisionDelivery kNone;
    return kNone;
  }

  PupilStream stream_;
  std::string plan_event_;
  std::string session_event_;
};

TEST(CurrentPlanWithoutPlanTest, SaysSoWithThePupilAndStatus) {
  PupilStream stream;
  stream.AddAll({Amelia(), ReadingNeed(), OntoSenSupport()});
  const v1::CurrentPlan view = RenderCurrentPlan(stream.File());
  EXPECT_FALSE(view.has_active_plan());
  EXPECT_EQ(view.stream_id(), PupilStream::kStreamId);
  EXPECT_EQ(view.pupil().display_name(), "Amelia Hughes");
  EXPECT_EQ(view.status(), v1::SEN_STATUS_SEN_SUPPORT);
  EXPECT_EQ(view.status_change().parents_informed_on().day(), 6);
  ASSERT_EQ(view.standing_needs_size(), 1);
  EXPECT_EQ(view.standing_needs(0).need_id(), "need-reading");
  EXPECT_FALSE(view.has_plan());
  EXPECT_EQ(view.delivery_size(), 0);
  EXPECT_FALSE(view.has_latest_review());
  EXPECT_FALSE(view.has_next_review_date());
  EXPECT_EQ(view.last_position(), 107u);
}

TEST(CurrentPlanWithoutPlanTest, AfterTheReviewShowsWhereTheCycleEnded) {
  PupilStream stream;
  stream.AddAll({Amelia(), ReadingNeed(), OntoSenSupport(), FirstPlan()});
  const std::string review_event = stream.Add(FirstReview());
  v1::CurrentPlan view = RenderCurrentPlan(stream.File());
  EXPECT_FALSE(view.has_active_plan());
  EXPECT_EQ(view.latest_review().review_id(), "review-1");
  EXPECT_EQ(view.latest_review().decision(), v1::REVIEW_DECISION_REFINE_PLAN);
  EXPECT_EQ(view.latest_review_source().event_id(), review_event);
  EXPECT_EQ(view.latest_review_source().stream_version(), 5u);
  // Between plans the next review is the one the last review set.
  EXPECT_EQ(view.next_review_date().month(), 2);
  FillCurrentPlanAsOf(D(2026, 2, 1), view);
  EXPECT_EQ(view.days_to_review(), 3);
  EXPECT_FALSE(view.review_overdue());
}

TEST_F(CurrentPlanTest, ShowsThePlanAsItStandsWithItsSource) {
  const v1::CurrentPlan view = RenderCurrentPlan(stream_.File());
  ASSERT_TRUE(view.has_active_plan());
  EXPECT_EQ(view.plan().plan_id(), "plan-1");
  EXPECT_EQ(view.plan().outcomes_size(), 2);
  EXPECT_EQ(view.plan().classroom_adjustments(0), "Word mat of high-frequency words on her table");
  ASSERT_EQ(view.plan().provisions_size(), 2);
  EXPECT_EQ(view.plan().provisions(0).sessions_per_week(), 5);
  // Phonics as the adjustment left it, and the adjustment beside it to say why.
  EXPECT_EQ(view.plan().provisions(1).sessions_per_week(), 4);
  EXPECT_EQ(view.plan().provisions(1).group_size(), 2);
  ASSERT_EQ(view.adjustments_size(), 1);
  EXPECT_EQ(view.adjustments(0).adjustment_id(), "adj-1");
  EXPECT_EQ(view.next_review_date().day(), 26);
  EXPECT_EQ(view.plan_source().event_id(), plan_event_);
  EXPECT_EQ(view.plan_source().position(), 113u);
  EXPECT_EQ(view.plan_source().stream_version(), 5u);
  EXPECT_EQ(view.plan_source().recorded_by().role(), v1::ROLE_SENCO);
  // The primary need first, though the secondary was identified before it.
  ASSERT_EQ(view.standing_needs_size(), 2);
  EXPECT_EQ(view.standing_needs(0).need_id(), "need-reading");
  EXPECT_EQ(view.standing_needs(1).need_id(), "need-language");
}

TEST_F(CurrentPlanTest, TalliesSessionsPerProvision) {
  const v1::CurrentPlan view = RenderCurrentPlan(stream_.File());
  const v1::ProvisionDelivery& pt = Delivery(view, "pt");
  EXPECT_EQ(pt.intervention(), "Precision teaching");
  EXPECT_EQ(pt.sessions_logged(), 4);
  EXPECT_EQ(pt.sessions_attended(), 2);
  EXPECT_EQ(pt.sessions_pupil_absent(), 1);
  EXPECT_EQ(pt.sessions_staff_absent(), 1);
  EXPECT_EQ(pt.minutes_delivered(), 20);
  EXPECT_DOUBLE_EQ(pt.attendance_rate(), 0.5);
  ASSERT_EQ(pt.periods_size(), 1);
  EXPECT_EQ(pt.periods(0).from().day(), 8);
  const v1::ProvisionDelivery& phonics = Delivery(view, "phonics");
  EXPECT_EQ(phonics.sessions_cancelled(), 1);
  EXPECT_EQ(phonics.minutes_delivered(), 10);
  ASSERT_EQ(phonics.cancellation_reasons_size(), 1);
  EXPECT_EQ(phonics.cancellation_reasons(0), "Hall needed for the Harvest assembly");
  // Agreed at 3 a week, then 4 a week from the adjustment.
  ASSERT_EQ(phonics.periods_size(), 2);
  EXPECT_EQ(phonics.periods(0).sessions_per_week(), 3);
  EXPECT_EQ(phonics.periods(1).from().month(), 11);
  EXPECT_EQ(phonics.periods(1).sessions_per_week(), 4);
  EXPECT_EQ(phonics.periods(1).weekly_cost_pence(), 1000);
  EXPECT_EQ(phonics.planned_until().month(), 11);
  EXPECT_EQ(phonics.planned_until().day(), 26);
  // Not filled until someone asks as of a day.
  EXPECT_EQ(phonics.sessions_planned(), 0);
  EXPECT_EQ(view.totals().sessions_logged(), 6);
  EXPECT_EQ(view.totals().minutes_delivered(), 30);
  EXPECT_DOUBLE_EQ(view.totals().attendance_rate(), 0.5);
}

TEST_F(CurrentPlanTest, ListsLostSessionsInDateOrderWithWhy) {
  const v1::CurrentPlan view = RenderCurrentPlan(stream_.File());
  ASSERT_EQ(view.lost_sessions_size(), 3);
  EXPECT_EQ(view.lost_sessions(0).session_id(), "s3");
  EXPECT_EQ(view.lost_sessions(0).attendance(), v1::ATTENDANCE_PUPIL_ABSENT);
  EXPECT_EQ(view.lost_sessions(1).session_id(), "s4");
  EXPECT_EQ(view.lost_sessions(1).attendance(), v1::ATTENDANCE_STAFF_ABSENT);
  EXPECT_EQ(view.lost_sessions(2).session_id(), "ph2");
  EXPECT_EQ(view.lost_sessions(2).planned_on().day(), 16);
  EXPECT_EQ(view.lost_sessions(2).cancellation_reason(), "Hall needed for the Harvest assembly");
}

TEST_F(CurrentPlanTest, ACorrectedSessionCountsAsCorrected) {
  v1::InterventionDelivered longer = Session("s1", D(2025, 10, 9));
  longer.set_minutes(15);
  stream_.Add(Correction(session_event_, longer));
  v1::InterventionDelivered attended = Session("s3", D(2025, 10, 13));
  stream_.Add(Correction("event-8", attended, "She came late; the TA logged her absent"));
  const v1::CurrentPlan view = RenderCurrentPlan(stream_.File());
  const v1::ProvisionDelivery& pt = Delivery(view, "pt");
  EXPECT_EQ(pt.minutes_delivered(), 15 + 10 + 10);
  EXPECT_EQ(pt.sessions_attended(), 3);
  EXPECT_EQ(pt.sessions_pupil_absent(), 0);
  EXPECT_EQ(view.lost_sessions_size(), 2);
}

TEST_F(CurrentPlanTest, ARetractedSessionIsLeftOut) {
  stream_.Add(Retraction(session_event_, "Logged for the wrong pupil"));
  const v1::CurrentPlan view = RenderCurrentPlan(stream_.File());
  const v1::ProvisionDelivery& pt = Delivery(view, "pt");
  EXPECT_EQ(pt.sessions_logged(), 3);
  EXPECT_EQ(pt.sessions_attended(), 1);
  EXPECT_EQ(pt.minutes_delivered(), 10);
}

TEST_F(CurrentPlanTest, ARetractedAdjustmentRestoresTheAgreedRate) {
  stream_.Add(Retraction("event-12", "Adjustment discussed but never agreed with parents"));
  const v1::CurrentPlan view = RenderCurrentPlan(stream_.File());
  EXPECT_EQ(view.plan().provisions(1).sessions_per_week(), 3);
  EXPECT_EQ(view.adjustments_size(), 0);
  EXPECT_EQ(Delivery(view, "phonics").periods_size(), 1);
}

TEST_F(CurrentPlanTest, FillsPlannedFiguresAndDaysToReviewAsOfToday) {
  v1::CurrentPlan view = RenderCurrentPlan(stream_.File());
  FillCurrentPlanAsOf(D(2025, 11, 5), view);
  EXPECT_EQ(view.as_of().day(), 5);
  // Four whole weeks of precision teaching since 8 October.
  const v1::ProvisionDelivery& pt = Delivery(view, "pt");
  EXPECT_EQ(pt.sessions_planned(), 20);
  EXPECT_EQ(pt.minutes_planned(), 200);
  EXPECT_EQ(pt.cost_planned_pence(), 5000);
  // Three whole weeks at 3 a week before the adjustment, none yet at 4.
  const v1::ProvisionDelivery& phonics = Delivery(view, "phonics");
  EXPECT_EQ(phonics.sessions_planned(), 9);
  EXPECT_EQ(phonics.cost_planned_pence(), 1500);
  EXPECT_EQ(view.totals().sessions_planned(), 29);
  EXPECT_EQ(view.totals().minutes_planned(), 380);
  EXPECT_EQ(view.totals().cost_planned_pence(), 6500);
  EXPECT_EQ(view.totals().sessions_logged(), 6);
  EXPECT_EQ(view.days_to_review(), 21);
  EXPECT_FALSE(view.review_overdue());
}

TEST_F(CurrentPlanTest, AReviewDatePassedIsOverdueAndPlanningStopsThere) {
  v1::CurrentPlan view = RenderCurrentPlan(stream_.File());
  FillCurrentPlanAsOf(D(2025, 12, 1), view);
  EXPECT_EQ(view.days_to_review(), -5);
  EXPECT_TRUE(view.review_overdue());
  // Seven whole weeks to the review date, not to today.
  EXPECT_EQ(Delivery(view, "pt").sessions_planned(), 35);
  EXPECT_EQ(Delivery(view, "phonics").sessions_planned(), 9 + 12);
  EXPECT_EQ(view.totals().cost_planned_pence(), 7 * 1250 + 3 * 500 + 3 * 1000);
}

TEST_F(CurrentPlanTest, APupilWhoLeftHasNoReviewDue) {
  stream_.Add(TransferOut());
  v1::CurrentPlan view = RenderCurrentPlan(stream_.File());
  EXPECT_TRUE(view.transferred_out());
  EXPECT_FALSE(view.has_next_review_date());
  FillCurrentPlanAsOf(D(2026, 6, 1), view);
  EXPECT_FALSE(view.has_days_to_review());
  EXPECT_FALSE(view.review_overdue());
}

TEST_F(CurrentPlanTest, NothingIsPlannedAfterThePupilLeft) {
  v1::PupilTransferred leaving = TransferOut();
  *leaving.mutable_transferred_on() = D(2025, 10, 22);
  stream_.Add(leaving);
  v1::CurrentPlan view = RenderCurrentPlan(stream_.File());
  EXPECT_EQ(Delivery(view, "pt").planned_until().day(), 22);
  FillCurrentPlanAsOf(D(2025, 12, 1), view);
  EXPECT_EQ(Delivery(view, "pt").sessions_planned(), 2 * 5);
}

TEST_F(CurrentPlanTest, DeliveryOfAReviewedPlanRunsToTheReview) {
  v1::ReviewHeld early = FirstReview();
  *early.mutable_held_on() = D(2025, 11, 19);
  stream_.Add(early);
  const PupilFile file = stream_.File();
  std::vector<v1::ProvisionDelivery> delivery = DeliveryOf(file, "plan-1");
  ASSERT_EQ(delivery.size(), 2u);
  EXPECT_EQ(delivery[0].provision_id(), "pt");
  EXPECT_EQ(delivery[0].planned_until().day(), 19);
  EXPECT_EQ(delivery[0].sessions_logged(), 4);
  EXPECT_TRUE(DeliveryOf(file, "plan-9").empty());
  EXPECT_FALSE(RenderCurrentPlan(file).has_active_plan());
}

}  // namespace
}  // namespace endeavour::projections
