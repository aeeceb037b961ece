// Plan: a plan addresses an identified need with SMART outcomes and provision, a review date after
// it was agreed, cycles 1, 2, 3 with no gap, what was learnt from cycle 2 on, and one active plan
// at a time.
#include "services/domain/pupil_record_test_util.h"

namespace endeavour::domain::testing {
namespace {

using absl::StatusCode;
using Pupil = Spec<PupilRecord>;

Facts Assessed() { return {Amelia(), ReadingNeed(), OntoSenSupport()}; }

Facts FirstCycleReviewed() {
  return {Amelia(), ReadingNeed(), OntoSenSupport(), FirstPlan(), FirstReview()};
}

TEST(Plan, AFirstPlanIsAgreed) {
  Pupil().Given(Assessed()).When(Agree(FirstPlan())).Then({FirstPlan()});
}

TEST(Plan, TheAgreedPlanIsActiveInCycleOne) {
  PupilState state = Fold(WithActivePlan());
  ASSERT_NE(state.ActivePlan(), nullptr);
  EXPECT_EQ(state.ActivePlan()->current.plan_id(), "plan-1");
  EXPECT_EQ(state.LastCycle(), 1);
}

TEST(Plan, TheSamePlanAgainDecidesNothing) {
  Pupil().Given(WithActivePlan()).When(Agree(FirstPlan())).ThenNothing();
}

TEST(Plan, APlanIdIsNotReusedForOtherContent) {
  v1::PlanAgreed plan = FirstPlan();
  plan.mutable_provisions(0)->set_minutes_per_session(15);
  Pupil()
      .Given(WithActivePlan())
      .When(Agree(plan))
      .ThenError(StatusCode::kAlreadyExists, "plan.plan_id: plan \"plan-1\" is already recorded");
}

TEST(Plan, NeedsAnIdentifiedNeed) {
  Pupil()
      .Given({Amelia()})
      .When(Agree(FirstPlan()))
      .ThenError(StatusCode::kNotFound,
                 "plan.need_ids[0]: no need \"need-reading\" has been identified");
}

TEST(Plan, SaysWhichNeedItAddresses) {
  v1::PlanAgreed plan = FirstPlan();
  plan.clear_need_ids();
  Pupil()
      .Given(Assessed())
      .When(Agree(plan))
      .ThenError(StatusCode::kInvalidArgument, "plan.need_ids");
}

TEST(Plan, AddressesTheNeedsAsNowUnderstood) {
  v1::NeedIdentified dld = LanguageNeed();
  dld.set_need_id("need-dld");
  dld.set_rank(v1::NEED_RANK_PRIMARY);
  dld.set_replaces_need_id("need-reading");
  Pupil()
      .Given({Amelia(), ReadingNeed(), dld})
      .When(Agree(FirstPlan()))
      .ThenError(StatusCode::kFailedPrecondition,
                 "plan.need_ids[0]: need \"need-reading\" was replaced by \"need-dld\"");
}

TEST(Plan, HasAtLeastOneOutcome) {
  v1::PlanAgreed plan = FirstPlan();
  plan.clear_outcomes();
  Pupil()
      .Given(Assessed())
      .When(Agree(plan))
      .ThenError(StatusCode::kInvalidArgument, "plan.outcomes: a plan needs at least one SMART");
}

TEST(Plan, EachOutcomeHasSuccessCriteria) {
  v1::PlanAgreed plan = FirstPlan();
  plan.mutable_outcomes(1)->clear_success_criteria();
  Pupil()
      .Given(Assessed())
      .When(Agree(plan))
      .ThenError(StatusCode::kInvalidArgument,
                 "plan.outcomes[1].success_criteria: say how everyone will know");
}

TEST(Plan, EachOutcomeSaysHowProgressIsMeasured) {
  v1::PlanAgreed plan = FirstPlan();
  plan.mutable_outcomes(0)->clear_measured_how();
  Pupil()
      .Given(Assessed())
      .When(Agree(plan))
      .ThenError(StatusCode::kInvalidArgument, "plan.outcomes[0].measured_how");
}

TEST(Plan, EachOutcomeSaysWhoMeasuresProgress) {
  v1::PlanAgreed plan = FirstPlan();
  plan.mutable_outcomes(0)->set_measured_by(" ");
  Pupil()
      .Given(Assessed())
      .When(Agree(plan))
      .ThenError(StatusCode::kInvalidArgument, "plan.outcomes[0].measured_by");
}

TEST(Plan, EachOutcomeHasATargetDate) {
  v1::PlanAgreed plan = FirstPlan();
  plan.mutable_outcomes(1)->clear_target_date();
  Pupil()
      .Given(Assessed())
      .When(Agree(plan))
      .ThenError(StatusCode::kInvalidArgument,
                 "plan.outcomes[1].target_date: the date is required");
}

TEST(Plan, OutcomesHaveTheirOwnIds) {
  v1::PlanAgreed plan = FirstPlan();
  plan.mutable_outcomes(1)->set_outcome_id("hfw");
  Pupil()
      .Given(Assessed())
      .When(Agree(plan))
      .ThenError(StatusCode::kInvalidArgument, "plan.outcomes[1].outcome_id: two outcomes");
}

TEST(Plan, HasAtLeastOneProvision) {
  v1::PlanAgreed plan = FirstPlan();
  plan.clear_provisions();
  Pupil()
      .Given(Assessed())
      .When(Agree(plan))
      .ThenError(StatusCode::kInvalidArgument, "plan.provisions: a plan needs at least one");
}

TEST(Plan, EachProvisionSaysWhoDeliversIt) {
  v1::PlanAgreed plan = FirstPlan();
  plan.mutable_provisions(1)->clear_delivered_by();
  Pupil()
      .Given(Assessed())
      .When(Agree(plan))
      .ThenError(StatusCode::kInvalidArgument, "plan.provisions[1].delivered_by");
}

TEST(Plan, TheReviewDateComesAfterThePlanIsAgreed) {
  v1::PlanAgreed plan = FirstPlan();
  *plan.mutable_review_date() = plan.agreed_on();
  Pupil()
      .Given(Assessed())
      .When(Agree(plan))
      .ThenError(StatusCode::kInvalidArgument,
                 "plan.review_date: the review comes after the plan is agreed");
}

TEST(Plan, IsNotAgreedAfterToday) {
  v1::PlanAgreed plan = FirstPlan();
  *plan.mutable_agreed_on() = D(2026, 11, 30);
  *plan.mutable_review_date() = D(2027, 1, 20);
  for (auto& outcome : *plan.mutable_outcomes()) *outcome.mutable_target_date() = D(2027, 1, 20);
  Pupil()
      .Given(Assessed())
      .When(Agree(plan))
      .ThenError(StatusCode::kInvalidArgument, "plan.agreed_on: 2026-11-30 is after today");
}

TEST(Cycles, TheFirstPlanIsCycleOne) {
  v1::PlanAgreed plan = SecondPlan();
  Pupil()
      .Given(Assessed())
      .When(Agree(plan))
      .ThenError(StatusCode::kFailedPrecondition, "plan.cycle: the next cycle is 1, not 2");
}

TEST(Cycles, TheNextPlanIsTheNextCycle) {
  Pupil().Given(FirstCycleReviewed()).When(Agree(SecondPlan())).Then({SecondPlan()});
}

TEST(Cycles, RunWithNoGap) {
  v1::PlanAgreed plan = SecondPlan();
  plan.set_cycle(3);
  Pupil()
      .Given(FirstCycleReviewed())
      .When(Agree(plan))
      .ThenError(StatusCode::kFailedPrecondition,
                 "plan.cycle: the next cycle is 2, not 3: cycles run 1, 2, 3 with no gap");
}

TEST(Cycles, FromTheSecondCycleAPlanCarriesWhatWasLearnt) {
  v1::PlanAgreed plan = SecondPlan();
  plan.clear_learnt_from_previous_cycle();
  Pupil()
      .Given(FirstCycleReviewed())
      .When(Agree(plan))
      .ThenError(StatusCode::kInvalidArgument,
                 "plan.learnt_from_previous_cycle: from the second cycle on, say what the "
                 "previous cycle taught");
}

TEST(ActivePlan, OnlyOnePlanIsActiveAtATime) {
  Pupil()
      .Given(WithActivePlan())
      .When(Agree(SecondPlan()))
      .ThenError(StatusCode::kFailedPrecondition,
                 "plan: plan \"plan-1\" (cycle 1) is still active: review it before agreeing");
}

TEST(ActivePlan, AReviewEndsTheCycle) {
  PupilState state = Fold(FirstCycleReviewed());
  EXPECT_EQ(state.ActivePlan(), nullptr);
  EXPECT_EQ(state.LastCycle(), 1);
  ASSERT_NE(state.ReviewOf("plan-1"), nullptr);
  EXPECT_EQ(state.ReviewOf("plan-1")->current.review_id(), "review-1");
}

TEST(ActivePlan, TheNewPlanBecomesActive) {
  Facts facts = FirstCycleReviewed();
  facts.push_back(SecondPlan());
  PupilState state = Fold(facts);
  ASSERT_NE(state.ActivePlan(), nullptr);
  EXPECT_EQ(state.ActivePlan()->current.plan_id(), "plan-2");
  EXPECT_EQ(state.LastCycle(), 2);
}

}  // namespace
}  // namespace endeavour::domain::testing
