// Do: sessions delivered against a provision of the active plan, and adjustments to that
// provision between reviews.
#include "services/domain/pupil_record_test_util.h"

namespace endeavour::domain::testing {
namespace {

using absl::StatusCode;
using Pupil = Spec<PupilRecord>;

Facts FirstCycleReviewed() {
  return {Amelia(), ReadingNeed(), OntoSenSupport(), FirstPlan(), FirstReview()};
}

TEST(Session, ADeliveredSessionIsLogged) {
  v1::InterventionDelivered session = Session("s-1", D(2025, 10, 13));
  Pupil().Given(WithActivePlan()).When(Log(session)).Then({session});
}

TEST(Session, TheSameSessionAgainDecidesNothing) {
  v1::InterventionDelivered session = Session("s-1", D(2025, 10, 13));
  Facts facts = WithActivePlan();
  facts.push_back(session);
  Pupil().Given(facts).When(Log(session)).ThenNothing();
}

TEST(Session, ASessionIdIsNotReusedForAnotherSession) {
  Facts facts = WithActivePlan();
  facts.push_back(Session("s-1", D(2025, 10, 13)));
  Pupil()
      .Given(facts)
      .When(Log(Session("s-1", D(2025, 10, 14))))
      .ThenError(StatusCode::kAlreadyExists, "session.session_id: session \"s-1\" is already");
}

TEST(Session, NamesAProvisionOfTheActivePlan) {
  Pupil()
      .Given(WithActivePlan())
      .When(Log(Session("s-1", D(2025, 10, 13), "talk-boost")))
      .ThenError(StatusCode::kNotFound,
                 "session.provision_id: plan \"plan-1\" has no provision \"talk-boost\"");
}

TEST(Session, NeedsAnActivePlan) {
  Pupil()
      .Given({Amelia(), ReadingNeed(), OntoSenSupport()})
      .When(Log(Session("s-1", D(2025, 10, 13))))
      .ThenError(StatusCode::kFailedPrecondition,
                 "session.plan_id: no plan is active: agree a plan before you log a session");
}

TEST(Session, IsNotLoggedAgainstAReviewedPlan) {
  Facts facts = FirstCycleReviewed();
  facts.push_back(SecondPlan());
  Pupil()
      .Given(facts)
      .When(Log(Session("s-late", D(2025, 11, 25))))
      .ThenError(StatusCode::kFailedPrecondition,
                 "session.plan_id: plan \"plan-1\" was reviewed on 2025-11-26, which ended its "
                 "cycle; the active plan is \"plan-2\"");
}

TEST(Session, NamesAPlanThatWasAgreed) {
  Pupil()
      .Given(WithActivePlan())
      .When(Log(Session("s-1", D(2025, 10, 13), "pt", "plan-9")))
      .ThenError(StatusCode::kNotFound, "session.plan_id: no plan \"plan-9\" has been agreed");
}

TEST(Session, IsNotDatedBeforeThePlanWasAgreed) {
  Pupil()
      .Given(WithActivePlan())
      .When(Log(Session("s-1", D(2025, 10, 7))))
      .ThenError(StatusCode::kFailedPrecondition,
                 "session.delivered_on: 2025-10-07 is before plan \"plan-1\" was agreed "
                 "(2025-10-08)");
}

TEST(Session, OnTheDayThePlanWasAgreedIsAccepted) {
  v1::InterventionDelivered session = Session("s-1", D(2025, 10, 8));
  Pupil().Given(WithActivePlan()).When(Log(session)).Then({session});
}

TEST(Session, IsNotDatedAfterToday) {
  Pupil()
      .Given(WithActivePlan())
      .When(Log(Session("s-1", D(2026, 11, 25))))
      .ThenError(StatusCode::kInvalidArgument,
                 "session.delivered_on: 2026-11-25 is after today (2026-11-24)");
}

TEST(Session, HasMinutesWhenAttended) {
  v1::InterventionDelivered session = Session("s-1", D(2025, 10, 13));
  session.set_minutes(0);
  Pupil()
      .Given(WithActivePlan())
      .When(Log(session))
      .ThenError(StatusCode::kInvalidArgument,
                 "session.minutes: say how many minutes the pupil attended");
}

TEST(Session, APupilAbsenceIsLoggedWithoutMinutes) {
  v1::InterventionDelivered session = Session("s-1", D(2025, 10, 13));
  session.set_attendance(v1::ATTENDANCE_PUPIL_ABSENT);
  session.set_minutes(0);
  session.clear_engagement();
  Pupil().Given(WithActivePlan()).When(Log(session)).Then({session});
}

TEST(Session, ASessionThatDidNotHappenHasNoMinutes) {
  v1::InterventionDelivered session = Session("s-1", D(2025, 10, 13));
  session.set_attendance(v1::ATTENDANCE_STAFF_ABSENT);
  Pupil()
      .Given(WithActivePlan())
      .When(Log(session))
      .ThenError(StatusCode::kInvalidArgument,
                 "session.minutes: a session that did not take place");
}

TEST(Session, ACancellationGivesAReason) {
  v1::InterventionDelivered session = Session("s-1", D(2025, 10, 13));
  session.set_attendance(v1::ATTENDANCE_CANCELLED);
  session.set_minutes(0);
  Pupil()
      .Given(WithActivePlan())
      .When(Log(session))
      .ThenError(StatusCode::kInvalidArgument,
                 "session.cancellation_reason: say why the session was cancelled");
}

TEST(Session, ACancellationWithAReasonIsLogged) {
  v1::InterventionDelivered session = Session("s-1", D(2025, 10, 13));
  session.set_attendance(v1::ATTENDANCE_CANCELLED);
  session.set_minutes(0);
  session.set_cancellation_reason("Whole-school fire drill");
  Pupil().Given(WithActivePlan()).When(Log(session)).Then({session});
}

TEST(Session, SaysWhetherThePupilAttended) {
  v1::InterventionDelivered session = Session("s-1", D(2025, 10, 13));
  session.clear_attendance();
  Pupil()
      .Given(WithActivePlan())
      .When(Log(session))
      .ThenError(StatusCode::kInvalidArgument, "session.attendance");
}

TEST(Session, SessionsAreTalliedPerPlan) {
  v1::InterventionDelivered absent = Session("s-2", D(2025, 10, 14));
  absent.set_attendance(v1::ATTENDANCE_PUPIL_ABSENT);
  absent.set_minutes(0);
  Facts facts = WithActivePlan();
  facts.push_back(Session("s-1", D(2025, 10, 13)));
  facts.push_back(absent);
  facts.push_back(Session("s-3", D(2025, 10, 15), "phonics"));
  SessionTally tally = Fold(facts).Tally("plan-1");
  EXPECT_EQ(tally.logged, 3);
  EXPECT_EQ(tally.attended, 2);
  EXPECT_EQ(tally.pupil_absent, 1);
  EXPECT_EQ(tally.minutes, 20);
}

TEST(Adjustment, MoreResourceForAProvisionOfTheActivePlan) {
  Pupil().Given(WithActivePlan()).When(Adjust(Adjustment())).Then({Adjustment()});
}

TEST(Adjustment, ChangesTheProvisionAsItStands) {
  Facts facts = WithActivePlan();
  facts.push_back(Adjustment());
  const PupilState state = Fold(facts);
  const v1::Provision* phonics = state.FindProvision("plan-1", "phonics");
  ASSERT_NE(phonics, nullptr);
  EXPECT_EQ(phonics->group_size(), 2);
  EXPECT_EQ(phonics->sessions_per_week(), 4);
}

TEST(Adjustment, AModifiedInterventionAloneIsAnAdjustment) {
  v1::PlanAdjusted adjustment = Adjustment();
  adjustment.set_resource_change(v1::RESOURCE_CHANGE_NONE);
  adjustment.set_intervention_modified(true);
  adjustment.mutable_provision()->set_intervention(
      "Little Wandle Rapid Catch-up with Fresh Start "
      "word lists");
  Pupil().Given(WithActivePlan()).When(Adjust(adjustment)).Then({adjustment});
}

TEST(Adjustment, ChangesSomething) {
  v1::PlanAdjusted adjustment = Adjustment();
  adjustment.set_resource_change(v1::RESOURCE_CHANGE_NONE);
  adjustment.set_intervention_modified(false);
  Pupil()
      .Given(WithActivePlan())
      .When(Adjust(adjustment))
      .ThenError(StatusCode::kInvalidArgument,
                 "adjustment.resource_change: an adjustment changes the amount of resource");
}

TEST(Adjustment, SaysWhy) {
  v1::PlanAdjusted adjustment = Adjustment();
  adjustment.clear_reason();
  Pupil()
      .Given(WithActivePlan())
      .When(Adjust(adjustment))
      .ThenError(StatusCode::kInvalidArgument, "adjustment.reason: say why");
}

TEST(Adjustment, ChangesAProvisionThePlanHas) {
  v1::PlanAdjusted adjustment = Adjustment();
  adjustment.set_provision_id("talk-boost");
  adjustment.mutable_provision()->set_provision_id("talk-boost");
  Pupil()
      .Given(WithActivePlan())
      .When(Adjust(adjustment))
      .ThenError(StatusCode::kNotFound,
                 "adjustment.provision_id: plan \"plan-1\" has no provision \"talk-boost\"");
}

TEST(Adjustment, NeedsAnActivePlan) {
  Pupil()
      .Given(FirstCycleReviewed())
      .When(Adjust(Adjustment()))
      .ThenError(StatusCode::kFailedPrecondition, "adjustment.plan_id: no plan is active");
}

TEST(Adjustment, TheSameAdjustmentAgainDecidesNothing) {
  Facts facts = WithActivePlan();
  facts.push_back(Adjustment());
  Pupil().Given(facts).When(Adjust(Adjustment())).ThenNothing();
}

}  // namespace
}  // namespace endeavour::domain::testing
