// Rules for rating a key statement, as given / when / then; and what the state keeps of ratings.
#include "services/domain/self_evaluation.h"

#include <gtest/gtest.h>

#include "services/domain/decider_spec.h"
#include "services/domain/self_evaluation_testing.h"

namespace endeavour::domain {
namespace {

using ::absl::StatusCode;
using testing::Day;
using testing::Fold;
using testing::GovernorRating;
using testing::On;
using testing::Rate;
using Self = Spec<SelfEvaluation>;

TEST(RecordRating, RecordsARatingOfAKeyStatementWithATarget) {
  Self().When(Rate(GovernorRating())).Then({GovernorRating()});
}

TEST(RecordRating, RefusesACommandWithoutARating) {
  Self().When(v1::RecordRating()).ThenError(StatusCode::kInvalidArgument, "rating: ");
}

TEST(RecordRating, NamesOneOfTheSevenSections) {
  auto r = GovernorRating();
  r.set_section(v1::SELF_EVALUATION_SECTION_UNSPECIFIED);
  Self().When(Rate(r)).ThenError(StatusCode::kInvalidArgument, "rating.section: say which");
  r.set_section(static_cast<v1::SelfEvaluationSection>(8));
  Self().When(Rate(r)).ThenError(StatusCode::kInvalidArgument, "rating.section");
}

TEST(RecordRating, NamesAKeyStatementThatExistsInItsSection) {
  auto r = GovernorRating();
  r.set_section(v1::SELF_EVALUATION_SECTION_ASSESSMENT_AND_IDENTIFICATION);
  r.set_statement(5);
  Self().When(Rate(r)).Then({r});
  r.set_statement(6);
  Self().When(Rate(r)).ThenError(StatusCode::kInvalidArgument,
                                 "rating.statement: \"Assessment and identification of pupils "
                                 "with SEND\" has key statements 1 to 5; there is no key "
                                 "statement 6");
  r.set_statement(0);
  Self().When(Rate(r)).ThenError(StatusCode::kInvalidArgument, "rating.statement");
}

TEST(RecordRating, CurrentRatingIsOnTheScaleFromZeroToTen) {
  auto r = GovernorRating();
  r.set_current_rating(10);
  r.set_target_rating(10);
  Self().When(Rate(r)).Then({r});
  r.set_current_rating(11);
  Self().When(Rate(r)).ThenError(StatusCode::kInvalidArgument,
                                 "rating.current_rating: a rating is from 0 to 10");
  r.set_current_rating(-1);
  Self().When(Rate(r)).ThenError(StatusCode::kInvalidArgument, "-1 is not on the scale");
}

TEST(RecordRating, TargetRatingIsOnTheScaleFromZeroToTen) {
  auto r = GovernorRating();
  r.set_target_rating(11);
  Self().When(Rate(r)).ThenError(StatusCode::kInvalidArgument,
                                 "rating.target_rating: a rating is from 0 to 10");
}

TEST(RecordRating, TargetIsNotBelowTheCurrentRating) {
  auto r = GovernorRating();
  r.set_current_rating(7);
  r.set_target_rating(7);  // keeping a strength where it is
  Self().When(Rate(r)).Then({r});
  r.set_target_rating(5);
  Self().When(Rate(r)).ThenError(StatusCode::kInvalidArgument,
                                 "rating.target_rating: the target is where the school wants to "
                                 "be, so it cannot be below the current rating of 7");
}

TEST(RecordRating, TargetOfZeroIsRefusedForAStatementThatApplies) {
  auto r = GovernorRating();
  r.set_target_rating(0);
  r.clear_target_by();
  Self().When(Rate(r)).ThenError(StatusCode::kInvalidArgument, "rating.target_rating");
}

TEST(RecordRating, TargetNeedsTheDateByWhichToReachIt) {
  auto r = GovernorRating();
  r.clear_target_by();
  Self().When(Rate(r)).ThenError(StatusCode::kInvalidArgument,
                                 "rating.target_by: a target needs the date");
}

TEST(RecordRating, TargetDateIsAfterTheDateOfTheRating) {
  auto r = GovernorRating();
  *r.mutable_target_by() = Day(2026, 11, 21);
  Self().When(Rate(r)).Then({r});
  *r.mutable_target_by() = Day(2026, 11, 20);
  Self().When(Rate(r)).ThenError(StatusCode::kInvalidArgument,
                                 "rating.target_by: the target date (2026-11-20) must be after "
                                 "the date of the rating (2026-11-20)");
}

TEST(RecordRating, NotApplicableWithNoTargetNeedsNoTargetDate) {
  auto r = GovernorRating();
  r.set_current_rating(0);
  r.set_target_rating(0);
  r.clear_target_by();
  r.set_evidence("We have no SEND governor role: the trust board holds SEND centrally.");
  Self().When(Rate(r)).Then({r});
}

TEST(RecordRating, NotApplicableWithATargetNeedsATargetDate) {
  auto r = GovernorRating();
  r.set_current_rating(0);
  r.set_target_rating(5);
  Self().When(Rate(r)).Then({r});
  r.clear_target_by();
  Self().When(Rate(r)).ThenError(StatusCode::kInvalidArgument, "rating.target_by");
}

TEST(RecordRating, NotApplicableWithAGivenTargetDateStillHasItAfterTheRating) {
  auto r = GovernorRating();
  r.set_current_rating(0);
  r.set_target_rating(0);
  *r.mutable_target_by() = Day(2026, 1, 1);
  Self().When(Rate(r)).ThenError(StatusCode::kInvalidArgument, "rating.target_by");
}

TEST(RecordRating, IsDated) {
  auto r = GovernorRating();
  r.clear_rated_on();
  Self().When(Rate(r)).ThenError(StatusCode::kInvalidArgument,
                                 "rating.rated_on: the date of the rating is required");
}

TEST(RecordRating, IsDatedWithARealDate) {
  auto r = GovernorRating();
  *r.mutable_rated_on() = Day(2026, 2, 29);
  Self().When(Rate(r)).ThenError(StatusCode::kInvalidArgument,
                                 "rating.rated_on: 2026-2-29 is not a real date");
  *r.mutable_rated_on() = Day(2024, 2, 29);
  Self().When(Rate(r)).Then({r});
}

TEST(RecordRating, IsNotDatedAfterToday) {
  auto r = GovernorRating();
  *r.mutable_rated_on() = Day(2026, 11, 24);
  Self().When(Rate(r), On(Day(2026, 11, 24))).Then({r});
  *r.mutable_rated_on() = Day(2026, 11, 25);
  Self()
      .When(Rate(r), On(Day(2026, 11, 24)))
      .ThenError(StatusCode::kInvalidArgument,
                 "rating.rated_on: 2026-11-25 is after today (2026-11-24)");
}

TEST(RecordRating, SaysWhoRated) {
  auto r = GovernorRating();
  r.set_rated_by(" ");
  Self().When(Rate(r)).ThenError(StatusCode::kInvalidArgument, "rating.rated_by: say who rated");
}

TEST(RecordRating, MayComeBeforeItsEvidence) {
  auto r = GovernorRating();
  r.clear_evidence();
  Self().When(Rate(r)).Then({r});
}

TEST(RecordRating, TheSameRatingAgainDecidesNothing) {
  Self().Given({GovernorRating()}).When(Rate(GovernorRating())).ThenNothing();
}

TEST(RecordRating, ARatingAtTheNextReviewIsRecorded) {
  auto spring = GovernorRating();
  spring.set_current_rating(5);
  *spring.mutable_rated_on() = Day(2027, 3, 19);
  Self().Given({GovernorRating()}).When(Rate(spring), On(Day(2027, 3, 19))).Then({spring});
}

TEST(RecordRating, AChangedRatingOnTheSameDayIsRecorded) {
  auto changed = GovernorRating();
  changed.set_current_rating(4);
  Self().Given({GovernorRating()}).When(Rate(changed)).Then({changed});
}

TEST(RecordRating, NewEvidenceForTheSameRatingIsRecorded) {
  auto more = GovernorRating();
  more.set_evidence("Governor minutes of 19 November show SEND as a standing item.");
  Self().Given({GovernorRating()}).When(Rate(more)).Then({more});
}

TEST(RecordRating, ChangingASameDayChangeBackIsRecorded) {
  auto changed = GovernorRating();
  changed.set_current_rating(4);
  Self().Given({GovernorRating(), changed}).When(Rate(GovernorRating())).Then({GovernorRating()});
}

TEST(SelfEvaluationState, KeepsEveryRatingOfAStatementAndTheLatestByDate) {
  auto spring = GovernorRating();
  spring.set_current_rating(5);
  *spring.mutable_rated_on() = Day(2027, 3, 19);
  const SelfEvaluationState state = Fold({GovernorRating(), spring});
  const StatementRecord* record = state.Find(v1::SELF_EVALUATION_SECTION_LEADERSHIP, 4);
  ASSERT_NE(record, nullptr);
  ASSERT_EQ(record->ratings.size(), 2u);
  EXPECT_EQ(record->ratings[0].event_id, "e-1");
  EXPECT_EQ(record->LatestRating()->current_rating(), 5);
  EXPECT_EQ(state.LatestRating(v1::SELF_EVALUATION_SECTION_LEADERSHIP, 3), nullptr);
}

TEST(SelfEvaluationState, ARatingTypedUpLateForAnEarlierDateIsNotTheLatest) {
  auto spring = GovernorRating();
  spring.set_current_rating(5);
  *spring.mutable_rated_on() = Day(2027, 3, 19);
  const SelfEvaluationState state = Fold({spring, GovernorRating()});
  EXPECT_EQ(state.LatestRating(v1::SELF_EVALUATION_SECTION_LEADERSHIP, 4)->current_rating(), 5);
}

TEST(SelfEvaluationState, TheLastRatingRecordedForTheSameDayIsTheLatest) {
  auto changed = GovernorRating();
  changed.set_current_rating(4);
  const SelfEvaluationState state = Fold({GovernorRating(), changed});
  EXPECT_EQ(state.LatestRating(v1::SELF_EVALUATION_SECTION_LEADERSHIP, 4)->current_rating(), 4);
}

}  // namespace
}  // namespace endeavour::domain
