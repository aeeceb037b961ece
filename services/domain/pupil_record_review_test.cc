// Review: progress on every outcome of the active plan, a decision from the closed list, and the
// next review date; then the advice and escalation around the cycle.
#include "services/domain/pupil_record_test_util.h"

namespace endeavour::domain::testing {
namespace {

using absl::StatusCode;
using Pupil = Spec<PupilRecord>;

TEST(Review, TheActivePlanIsReviewed) {
  Pupil().Given(WithActivePlan()).When(Review(FirstReview())).Then({FirstReview()});
}

TEST(Review, TheSameReviewAgainDecidesNothing) {
  Facts facts = WithActivePlan();
  facts.push_back(FirstReview());
  Pupil().Given(facts).When(Review(FirstReview())).ThenNothing();
}

TEST(Review, NeedsAnActivePlan) {
  Facts facts = WithActivePlan();
  facts.push_back(FirstReview());
  v1::ReviewHeld again = FirstReview();
  again.set_review_id("review-1b");
  Pupil()
      .Given(facts)
      .When(Review(again))
      .ThenError(StatusCode::kFailedPrecondition,
                 "review.plan_id: no plan is active: agree a plan before you record a review");
}

TEST(Review, GivesProgressForEveryOutcome) {
  v1::ReviewHeld review = FirstReview();
  review.mutable_outcomes()->RemoveLast();
  Pupil()
      .Given(WithActivePlan())
      .When(Review(review))
      .ThenError(StatusCode::kInvalidArgument,
                 "review.outcomes: give progress for outcome \"ccvc\" (Spells CVC and CCVC words "
                 "with adjacent consonants)");
}

TEST(Review, GivesProgressOnlyForTheOutcomesOfThePlan) {
  v1::ReviewHeld review = FirstReview();
  *review.add_outcomes() = Progress("maths", v1::OUTCOME_PROGRESS_MET, "Times tables");
  Pupil()
      .Given(WithActivePlan())
      .When(Review(review))
      .ThenError(StatusCode::kNotFound,
                 "review.outcomes[2].outcome_id: plan \"plan-1\" has no outcome \"maths\"");
}

TEST(Review, SaysWhatShowsTheProgress) {
  v1::ReviewHeld review = FirstReview();
  review.mutable_outcomes(0)->clear_evidence();
  Pupil()
      .Given(WithActivePlan())
      .When(Review(review))
      .ThenError(StatusCode::kInvalidArgument, "review.outcomes[0].evidence");
}

TEST(Review, ReachesADecisionFromTheClosedList) {
  v1::ReviewHeld review = FirstReview();
  review.clear_decision();
  Pupil()
      .Given(WithActivePlan())
      .When(Review(review))
      .ThenError(StatusCode::kInvalidArgument, "review.decision: say what the review concluded");
}

TEST(Review, SetsTheNextReviewDate) {
  v1::ReviewHeld review = FirstReview();
  review.clear_next_review_date();
  Pupil()
      .Given(WithActivePlan())
      .When(Review(review))
      .ThenError(StatusCode::kInvalidArgument, "review.next_review_date: set the next review date");
}

TEST(Review, NoNextReviewWhenSenSupportEnds) {
  v1::ReviewHeld review = FirstReview();
  review.clear_next_review_date();
  review.set_decision(v1::REVIEW_DECISION_NO_LONGER_NEEDS_SEN_SUPPORT);
  Pupil().Given(WithActivePlan()).When(Review(review)).Then({review});
}

TEST(Review, TheNextReviewComesAfterThisOne) {
  v1::ReviewHeld review = FirstReview();
  *review.mutable_next_review_date() = review.held_on();
  Pupil()
      .Given(WithActivePlan())
      .When(Review(review))
      .ThenError(StatusCode::kInvalidArgument,
                 "review.next_review_date: the next review comes after this one");
}

TEST(Review, IsNotHeldAfterToday) {
  v1::ReviewHeld review = FirstReview();
  *review.mutable_held_on() = D(2026, 12, 2);
  *review.mutable_next_review_date() = D(2027, 2, 2);
  Pupil()
      .Given(WithActivePlan())
      .When(Review(review))
      .ThenError(StatusCode::kInvalidArgument, "review.held_on: 2026-12-02 is after today");
}

TEST(Review, IsNotHeldBeforeThePlanWasAgreed) {
  v1::ReviewHeld review = FirstReview();
  *review.mutable_held_on() = D(2025, 10, 1);
  review.mutable_invitees(0)->clear_invited_on();
  Pupil()
      .Given(WithActivePlan())
      .When(Review(review))
      .ThenError(StatusCode::kFailedPrecondition,
                 "review.held_on: 2025-10-01 is before plan \"plan-1\" was agreed");
}

TEST(Review, SaysHowDeliveryDifferedWhenNotImplementedAsAgreed) {
  v1::ReviewHeld review = FirstReview();
  review.set_implemented_as_agreed(false);
  Pupil()
      .Given(WithActivePlan())
      .When(Review(review))
      .ThenError(StatusCode::kInvalidArgument, "review.implementation_notes");
}

TEST(Review, InvitationsGoOutBeforeTheReview) {
  v1::ReviewHeld review = FirstReview();
  *review.mutable_invitees(0)->mutable_invited_on() = D(2025, 11, 27);
  Pupil()
      .Given(WithActivePlan())
      .When(Review(review))
      .ThenError(StatusCode::kInvalidArgument, "review.invitees[0].invited_on");
}

TEST(ExternalAdvice, ARequestIsRecorded) {
  Pupil().Given(WithActivePlan()).When(AskAdvice(AdviceRequest())).Then({AdviceRequest()});
}

TEST(ExternalAdvice, ARequestNamesTheService) {
  v1::ExternalAdviceRequested request = AdviceRequest();
  request.clear_service();
  Pupil()
      .Given(WithActivePlan())
      .When(AskAdvice(request))
      .ThenError(StatusCode::kInvalidArgument, "request.service");
}

TEST(ExternalAdvice, AdviceAnswersARequestThatExists) {
  Pupil()
      .Given(WithActivePlan())
      .When(ReceiveAdvice(Advice()))
      .ThenError(StatusCode::kNotFound, "advice.request_id: no request for advice \"ep-1\"");
}

TEST(ExternalAdvice, AdviceReceivedIsRecorded) {
  Facts facts = WithActivePlan();
  facts.push_back(AdviceRequest());
  Pupil().Given(facts).When(ReceiveAdvice(Advice())).Then({Advice()});
}

TEST(ExternalAdvice, TheSameAdviceAgainDecidesNothing) {
  Facts facts = WithActivePlan();
  facts.push_back(AdviceRequest());
  facts.push_back(Advice());
  Pupil().Given(facts).When(ReceiveAdvice(Advice())).ThenNothing();
}

TEST(ExternalAdvice, ARequestIsAnsweredOnce) {
  Facts facts = WithActivePlan();
  facts.push_back(AdviceRequest());
  facts.push_back(Advice());
  v1::ExternalAdviceReceived more = Advice();
  more.set_summary("A second report");
  Pupil()
      .Given(facts)
      .When(ReceiveAdvice(more))
      .ThenError(StatusCode::kAlreadyExists,
                 "advice.request_id: the request \"ep-1\" was already answered on 2026-01-26");
}

TEST(ExternalAdvice, AdviceArrivesAfterTheRequest) {
  Facts facts = WithActivePlan();
  facts.push_back(AdviceRequest());
  v1::ExternalAdviceReceived advice = Advice();
  *advice.mutable_received_on() = D(2025, 12, 1);
  Pupil()
      .Given(facts)
      .When(ReceiveAdvice(advice))
      .ThenError(StatusCode::kFailedPrecondition, "advice.received_on: advice arrives after");
}

TEST(EhcNeedsAssessment, ARequestIsRecorded) {
  Pupil().Given(WithActivePlan()).When(AskEhc(EhcRequest())).Then({EhcRequest()});
}

TEST(EhcNeedsAssessment, SaysWhoAsks) {
  v1::EhcNeedsAssessmentRequested request = EhcRequest();
  request.clear_requested_by();
  Pupil()
      .Given(WithActivePlan())
      .When(AskEhc(request))
      .ThenError(StatusCode::kInvalidArgument, "request.requested_by");
}

TEST(EhcNeedsAssessment, IsNotForAPupilWhoHasAnEhcPlan) {
  Facts facts = WithActivePlan();
  facts.push_back(StatusChange(v1::SEN_STATUS_SEN_SUPPORT, v1::SEN_STATUS_EHC_PLAN));
  Pupil()
      .Given(facts)
      .When(AskEhc(EhcRequest()))
      .ThenError(StatusCode::kFailedPrecondition, "the pupil already has an EHC plan");
}

TEST(EhcNeedsAssessment, IsNotRequestedAfterToday) {
  v1::EhcNeedsAssessmentRequested request = EhcRequest();
  *request.mutable_requested_on() = D(2026, 11, 25);
  Pupil()
      .Given(WithActivePlan())
      .When(AskEhc(request))
      .ThenError(StatusCode::kInvalidArgument, "request.requested_on: 2026-11-25 is after today");
}

}  // namespace
}  // namespace endeavour::domain::testing
