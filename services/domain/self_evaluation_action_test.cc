// Rules for planning an improvement action, as given / when / then; and what the state keeps.
#include <gtest/gtest.h>

#include "services/domain/decider_spec.h"
#include "services/domain/self_evaluation.h"
#include "services/domain/self_evaluation_testing.h"

namespace endeavour::domain {
namespace {

using ::absl::StatusCode;
using testing::Day;
using testing::Fold;
using testing::GovernorRating;
using testing::GovernorTraining;
using testing::On;
using testing::Plan;
using testing::Rate;
using Self = Spec<SelfEvaluation>;

// The statement the action is for, rated.
Self Rated() {
  Self spec;
  spec.Given({GovernorRating()});
  return spec;
}

TEST(PlanImprovementAction, PlansAnActionForARatedStatement) {
  Rated().When(Plan(GovernorTraining())).Then({GovernorTraining()});
}

TEST(PlanImprovementAction, RefusesACommandWithoutAnAction) {
  Rated().When(v1::PlanImprovementAction()).ThenError(StatusCode::kInvalidArgument, "action: ");
}

TEST(PlanImprovementAction, HasAnId) {
  auto a = GovernorTraining();
  a.set_action_id("");
  Rated().When(Plan(a)).ThenError(StatusCode::kInvalidArgument,
                                  "action.action_id: an improvement action needs an id");
}

TEST(PlanImprovementAction, NamesOneOfTheSevenSections) {
  auto a = GovernorTraining();
  a.set_section(v1::SELF_EVALUATION_SECTION_UNSPECIFIED);
  Rated().When(Plan(a)).ThenError(StatusCode::kInvalidArgument, "action.section: say which");
}

TEST(PlanImprovementAction, NamesAKeyStatementThatExistsInItsSection) {
  auto a = GovernorTraining();
  a.set_statement(8);
  Rated().When(Plan(a)).ThenError(StatusCode::kInvalidArgument,
                                  "action.statement: \"Leadership of SEND\" has key statements 1 "
                                  "to 7; there is no key statement 8");
}

TEST(PlanImprovementAction, SaysWhatWillBeDone) {
  auto a = GovernorTraining();
  a.set_action("\t");
  Rated().When(Plan(a)).ThenError(StatusCode::kInvalidArgument,
                                  "action.action: say what will be done");
}

TEST(PlanImprovementAction, HasAnOwner) {
  auto a = GovernorTraining();
  a.clear_owner();
  Rated().When(Plan(a)).ThenError(StatusCode::kInvalidArgument,
                                  "action.owner: say who is responsible");
}

TEST(PlanImprovementAction, SaysHowSuccessWillBeMeasured) {
  auto a = GovernorTraining();
  a.clear_success_measure();
  Rated().When(Plan(a)).ThenError(StatusCode::kInvalidArgument,
                                  "action.success_measure: say how the school will know");
}

TEST(PlanImprovementAction, IsDatedWhenPlannedAndNotAfterToday) {
  auto a = GovernorTraining();
  *a.mutable_planned_on() = Day(2026, 11, 24);
  Rated().When(Plan(a), On(Day(2026, 11, 24))).Then({a});
  *a.mutable_planned_on() = Day(2026, 11, 25);
  Rated()
      .When(Plan(a), On(Day(2026, 11, 24)))
      .ThenError(StatusCode::kInvalidArgument, "action.planned_on: 2026-11-25 is after today");
  a.clear_planned_on();
  Rated().When(Plan(a)).ThenError(StatusCode::kInvalidArgument, "action.planned_on");
}

TEST(PlanImprovementAction, HasADueDate) {
  auto a = GovernorTraining();
  a.clear_due_on();
  Rated().When(Plan(a)).ThenError(StatusCode::kInvalidArgument,
                                  "action.due_on: an action needs a due date");
  *a.mutable_due_on() = Day(2027, 4, 31);
  Rated().When(Plan(a)).ThenError(StatusCode::kInvalidArgument, "not a real date");
}

TEST(PlanImprovementAction, IsNotDueBeforeItWasPlanned) {
  auto a = GovernorTraining();
  *a.mutable_due_on() = a.planned_on();
  Rated().When(Plan(a)).Then({a});
  *a.mutable_due_on() = Day(2026, 11, 20);
  Rated().When(Plan(a)).ThenError(StatusCode::kInvalidArgument,
                                  "action.due_on: the due date (2026-11-20) is before the action "
                                  "was planned (2026-11-21)");
}

TEST(PlanImprovementAction, NeedsTheStatementToHaveBeenRated) {
  Self()
      .When(Plan(GovernorTraining()))
      .ThenError(StatusCode::kFailedPrecondition,
                 "action.statement: key statement 4 of \"Leadership of SEND\" has not been "
                 "rated yet");
}

TEST(PlanImprovementAction, IsNotPlannedForAStatementRatedNotApplicable) {
  auto not_applicable = GovernorRating();
  not_applicable.set_current_rating(0);
  not_applicable.set_target_rating(0);
  not_applicable.clear_target_by();
  Self()
      .Given({not_applicable})
      .When(Plan(GovernorTraining()))
      .ThenError(StatusCode::kFailedPrecondition, "is rated as not applicable to this setting");
  auto now_applies = not_applicable;
  now_applies.set_target_rating(5);
  *now_applies.mutable_target_by() = Day(2027, 7, 16);
  Self()
      .Given({not_applicable, now_applies})
      .When(Plan(GovernorTraining()))
      .Then({GovernorTraining()});
}

TEST(PlanImprovementAction, TheSameActionAgainDecidesNothing) {
  Self().Given({GovernorRating(), GovernorTraining()}).When(Plan(GovernorTraining())).ThenNothing();
}

TEST(PlanImprovementAction, TheSameActionAgainDecidesNothingAfterTheStatementIsReRated) {
  auto not_applicable = GovernorRating();
  not_applicable.set_current_rating(0);
  not_applicable.set_target_rating(0);
  not_applicable.clear_target_by();
  *not_applicable.mutable_rated_on() = Day(2026, 11, 23);
  Self()
      .Given({GovernorRating(), GovernorTraining(), not_applicable})
      .When(Plan(GovernorTraining()))
      .ThenNothing();
}

TEST(PlanImprovementAction, AnIdAlreadyUsedForAnotherActionIsRefused) {
  auto other = GovernorTraining();
  other.set_owner("Headteacher");
  Self()
      .Given({GovernorRating(), GovernorTraining()})
      .When(Plan(other))
      .ThenError(StatusCode::kAlreadyExists,
                 "action.action_id: the improvement plan already has an action with id "
                 "\"action-governor-training\" and different content");
}

TEST(PlanImprovementAction, TwoActionsWithTheSameWordsButTheirOwnIdsAreBothPlanned) {
  auto second = GovernorTraining();
  second.set_action_id("action-governor-training-2");
  Self().Given({GovernorRating(), GovernorTraining()}).When(Plan(second)).Then({second});
}

TEST(SelfEvaluationState, ListsTheActionsOfAStatementInTheOrderPlanned) {
  auto visit = GovernorTraining();
  visit.set_action_id("action-governor-visit");
  visit.set_action("The SEND governor visits two intervention sessions and meets the SENCO.");
  const SelfEvaluationState state = Fold({GovernorRating(), GovernorTraining(), visit});
  const StatementRecord* record = state.Find(v1::SELF_EVALUATION_SECTION_LEADERSHIP, 4);
  ASSERT_NE(record, nullptr);
  ASSERT_EQ(record->actions.size(), 2u);
  EXPECT_EQ(record->actions[0].action.action_id(), "action-governor-training");
  EXPECT_EQ(record->actions[1].event_id, "e-3");
  ASSERT_NE(state.FindAction("action-governor-visit"), nullptr);
  EXPECT_EQ(state.FindAction("action-governor-visit")->action(), visit.action());
  EXPECT_EQ(state.FindAction("action-nobody-planned"), nullptr);
}

}  // namespace
}  // namespace endeavour::domain
