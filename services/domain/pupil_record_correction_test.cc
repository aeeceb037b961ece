// Corrections and retractions: they name an earlier event of this record that is not retracted
// and say why; the original is never changed, the state marks it.
#include "services/domain/pupil_record_test_util.h"

namespace endeavour::domain::testing {
namespace {

using absl::StatusCode;
using Pupil = Spec<PupilRecord>;

// The record with one session, event "s-event", logged at 45 minutes instead of 10.
std::vector<std::pair<std::string, PupilEvent>> WithMistypedSession() {
  v1::InterventionDelivered session = Session("s-1", D(2025, 10, 13));
  session.set_minutes(45);
  return {{"e-registered", Amelia()},
          {"e-need", ReadingNeed()},
          {"e-status", OntoSenSupport()},
          {"e-plan", FirstPlan()},
          {"s-event", session}};
}

v1::RecordCorrected SessionCorrected() {
  return Correction("s-event", Session("s-1", D(2025, 10, 13)),
                    "45 typed for 10 minutes; the TA's paper log says 10");
}

PupilState Folded(std::vector<std::pair<std::string, PupilEvent>> events) {
  PupilState state;
  for (auto& [id, event] : events) state = PupilRecord::Evolve(std::move(state), id, event);
  return state;
}

TEST(Correction, NamesAnEventAndGivesTheCorrectedContent) {
  Pupil()
      .GivenWithIds(WithMistypedSession())
      .When(Correct(SessionCorrected()))
      .Then({SessionCorrected()});
}

TEST(Correction, LeavesTheOriginalAndMarksItCorrected) {
  auto events = WithMistypedSession();
  events.emplace_back("e-correction", SessionCorrected());
  PupilState state = Folded(events);
  EXPECT_TRUE(state.IsCorrected("s-event"));
  EXPECT_FALSE(state.IsRetracted("s-event"));
  const auto& session = state.sessions.at("s-1");
  EXPECT_EQ(session.original().minutes(), 45);
  EXPECT_EQ(session.current.minutes(), 10);
  EXPECT_EQ(state.events.at("s-event").amendments->corrected_by,
            std::vector<std::string>{"e-correction"});
  EXPECT_EQ(state.Tally("plan-1").minutes, 10);
}

// A second correction replaces the first one's content; the original stays as first recorded.
TEST(Correction, ASecondCorrectionLeavesTheOriginalAsFirstRecorded) {
  auto events = WithMistypedSession();
  events.emplace_back("e-correction", SessionCorrected());
  v1::InterventionDelivered fifteen = Session("s-1", D(2025, 10, 13));
  fifteen.set_minutes(15);
  events.emplace_back("e-second-correction",
                      Correction("s-event", fifteen, "the teacher's planner says 15 minutes"));
  PupilState state = Folded(events);
  const auto& session = state.sessions.at("s-1");
  EXPECT_EQ(session.original().minutes(), 45);
  EXPECT_EQ(session.current.minutes(), 15);
  EXPECT_EQ(state.events.at("s-event").amendments->corrected_by,
            (std::vector<std::string>{"e-correction", "e-second-correction"}));
}

// A fact never corrected answers original() with its one copy.
TEST(Correction, AnUncorrectedFactIsItsOwnOriginal) {
  PupilState state = Folded(WithMistypedSession());
  const auto& session = state.sessions.at("s-1");
  EXPECT_EQ(session.first_recorded, nullptr);
  EXPECT_EQ(&session.original(), &session.current);
  EXPECT_EQ(session.original().minutes(), 45);
}

TEST(Correction, TheSameCorrectionAgainDecidesNothing) {
  auto events = WithMistypedSession();
  events.emplace_back("e-correction", SessionCorrected());
  Pupil().GivenWithIds(events).When(Correct(SessionCorrected())).ThenNothing();
}

TEST(Correction, SaysWhy) {
  v1::RecordCorrected correction = SessionCorrected();
  correction.clear_reason();
  Pupil()
      .GivenWithIds(WithMistypedSession())
      .When(Correct(correction))
      .ThenError(StatusCode::kInvalidArgument, "correction.reason: say what was wrong");
}

TEST(Correction, NamesAnEventOfThisRecord) {
  v1::RecordCorrected correction = SessionCorrected();
  correction.set_corrected_event_id("s-other-pupil");
  Pupil()
      .GivenWithIds(WithMistypedSession())
      .When(Correct(correction))
      .ThenError(
          StatusCode::kNotFound,
          "correction.corrected_event_id: no event \"s-other-pupil\" in this pupil's record");
}

TEST(Correction, KeepsTheTypeOfTheEventItCorrects) {
  v1::RecordCorrected correction = Correction("s-event", Adjustment());
  Pupil()
      .GivenWithIds(WithMistypedSession())
      .When(Correct(correction))
      .ThenError(StatusCode::kFailedPrecondition,
                 "correction.corrected_event_type: event \"s-event\" is of type "
                 "endeavour.v1.InterventionDelivered");
}

TEST(Correction, CarriesContentThatParses) {
  v1::RecordCorrected correction = SessionCorrected();
  correction.set_corrected_payload("\xff\xff\xff");
  Pupil()
      .GivenWithIds(WithMistypedSession())
      .When(Correct(correction))
      .ThenError(
          StatusCode::kInvalidArgument,
          "correction.corrected_payload: does not parse as endeavour.v1.InterventionDelivered");
}

TEST(Correction, KeepsTheIdOfTheFact) {
  v1::RecordCorrected correction = Correction("s-event", Session("s-9", D(2025, 10, 13)));
  Pupil()
      .GivenWithIds(WithMistypedSession())
      .When(Correct(correction))
      .ThenError(StatusCode::kFailedPrecondition,
                 "correction.corrected_payload.session_id: a correction fixes the details of the "
                 "same fact");
}

TEST(Correction, ItsContentKeepsTheRules) {
  v1::InterventionDelivered session = Session("s-1", D(2025, 10, 13));
  session.set_minutes(0);
  Pupil()
      .GivenWithIds(WithMistypedSession())
      .When(Correct(Correction("s-event", session)))
      .ThenError(StatusCode::kInvalidArgument, "correction.corrected_payload.minutes");
}

TEST(Correction, ItsContentIsNotDatedBeforeThePlan) {
  Pupil()
      .GivenWithIds(WithMistypedSession())
      .When(Correct(Correction("s-event", Session("s-1", D(2025, 10, 1)))))
      .ThenError(StatusCode::kFailedPrecondition,
                 "correction.corrected_payload.delivered_on: 2025-10-01 is before plan");
}

TEST(Correction, ChangesSomething) {
  v1::InterventionDelivered session = Session("s-1", D(2025, 10, 13));
  session.set_minutes(45);
  Pupil()
      .GivenWithIds(WithMistypedSession())
      .When(Correct(Correction("s-event", session)))
      .ThenError(StatusCode::kInvalidArgument, "the correction changes nothing");
}

TEST(Correction, OfARegistrationFixesThePupilsDetails) {
  v1::PupilRegistered pupil = Amelia();
  pupil.set_display_name("Amélie Hughes");
  auto events = WithMistypedSession();
  events.emplace_back("e-fix", Correction("e-registered", pupil));
  PupilState state = Folded(events);
  EXPECT_EQ(state.pupil->current.display_name(), "Amélie Hughes");
  EXPECT_EQ(state.pupil->original().display_name(), "Amelia Hughes");
}

TEST(Correction, DoesNotCorrectARetractedEvent) {
  auto events = WithMistypedSession();
  events.emplace_back("e-retraction", Retraction("s-event"));
  Pupil()
      .GivenWithIds(events)
      .When(Correct(SessionCorrected()))
      .ThenError(StatusCode::kFailedPrecondition, "event \"s-event\" was retracted");
}

TEST(Correction, IsNotItselfCorrected) {
  auto events = WithMistypedSession();
  events.emplace_back("e-correction", SessionCorrected());
  Pupil()
      .GivenWithIds(events)
      .When(Correct(Correction("e-correction", SessionCorrected())))
      .ThenError(StatusCode::kFailedPrecondition, "is itself a correction or retraction");
}

TEST(Correction, DoesNotChangeAStatusChangesStatuses) {
  Pupil()
      .GivenWithIds(WithMistypedSession())
      .When(Correct(
          Correction("e-status", StatusChange(v1::SEN_STATUS_NO_SEN, v1::SEN_STATUS_EHC_PLAN))))
      .ThenError(StatusCode::kFailedPrecondition, "correction.corrected_payload.to_status");
}

TEST(Correction, FixesTheDateParentsWereTold) {
  v1::SenStatusChanged change = OntoSenSupport();
  *change.mutable_parents_informed_on() = D(2025, 10, 7);
  v1::RecordCorrected correction = Correction("e-status", change);
  Pupil().GivenWithIds(WithMistypedSession()).When(Correct(correction)).Then({correction});
}

TEST(Retraction, WithdrawsAnEventRecordedInError) {
  Pupil()
      .GivenWithIds(WithMistypedSession())
      .When(Retract(Retraction("s-event")))
      .Then({Retraction("s-event")});
}

TEST(Retraction, LeavesTheOriginalAndMarksItRetracted) {
  auto events = WithMistypedSession();
  events.emplace_back("e-retraction", Retraction("s-event"));
  PupilState state = Folded(events);
  EXPECT_TRUE(state.IsRetracted("s-event"));
  EXPECT_TRUE(state.sessions.at("s-1").retracted);
  EXPECT_EQ(state.sessions.at("s-1").original().minutes(), 45);
  EXPECT_EQ(state.Tally("plan-1").logged, 0);
}

TEST(Retraction, SaysWhy) {
  v1::RecordRetracted retraction = Retraction("s-event");
  retraction.clear_reason();
  Pupil()
      .GivenWithIds(WithMistypedSession())
      .When(Retract(retraction))
      .ThenError(StatusCode::kInvalidArgument, "retraction.reason");
}

TEST(Retraction, NamesAnEventOfThisRecord) {
  Pupil()
      .GivenWithIds(WithMistypedSession())
      .When(Retract(Retraction("nope")))
      .ThenError(StatusCode::kNotFound, "retraction.retracted_event_id: no event \"nope\"");
}

TEST(Retraction, TheSameRetractionAgainDecidesNothing) {
  auto events = WithMistypedSession();
  events.emplace_back("e-retraction", Retraction("s-event"));
  Pupil().GivenWithIds(events).When(Retract(Retraction("s-event"))).ThenNothing();
}

TEST(Retraction, DoesNotRetractAnEventTwice) {
  auto events = WithMistypedSession();
  events.emplace_back("e-retraction", Retraction("s-event"));
  Pupil()
      .GivenWithIds(events)
      .When(Retract(Retraction("s-event", "Duplicate of s-2")))
      .ThenError(StatusCode::kFailedPrecondition, "event \"s-event\" is already retracted");
}

TEST(Retraction, DoesNotRetractTheRegistration) {
  Pupil()
      .GivenWithIds(WithMistypedSession())
      .When(Retract(Retraction("e-registered")))
      .ThenError(StatusCode::kFailedPrecondition,
                 "it cannot be retracted, but it can be corrected");
}

TEST(Retraction, DoesNotRetractAPlanThatSessionsStandOn) {
  Pupil()
      .GivenWithIds(WithMistypedSession())
      .When(Retract(Retraction("e-plan")))
      .ThenError(StatusCode::kFailedPrecondition,
                 "event \"e-plan\" cannot be retracted yet: session \"s-1\" was logged "
                 "against this plan");
}

TEST(Retraction, ARetractedPlanIsNoLongerActive) {
  auto events = WithMistypedSession();
  events.emplace_back("e-r1", Retraction("s-event"));
  events.emplace_back("e-r2", Retraction("e-plan"));
  PupilState state = Folded(events);
  EXPECT_EQ(state.ActivePlan(), nullptr);
  EXPECT_EQ(state.LastCycle(), 0);
}

TEST(Retraction, ARetractedNeedIsNotPlannedFor) {
  std::vector<std::pair<std::string, PupilEvent>> events = {
      {"e-registered", Amelia()}, {"e-need", ReadingNeed()}, {"e-r", Retraction("e-need")}};
  Pupil()
      .GivenWithIds(events)
      .When(Agree(FirstPlan()))
      .ThenError(StatusCode::kFailedPrecondition,
                 "plan.need_ids[0]: need \"need-reading\" was retracted");
}

TEST(Retraction, DoesNotRetractThePrimaryNeedOfAPupilOnSenSupport) {
  std::vector<std::pair<std::string, PupilEvent>> events = {
      {"e-registered", Amelia()}, {"e-need", ReadingNeed()}, {"e-status", OntoSenSupport()}};
  Pupil()
      .GivenWithIds(events)
      .When(Retract(Retraction("e-need")))
      .ThenError(StatusCode::kFailedPrecondition,
                 "this is the primary need of a pupil whose status is K (SEN support)");
}

TEST(Retraction, DoesNotRetractANeedAPlanAddresses) {
  std::vector<std::pair<std::string, PupilEvent>> events = {
      {"e-registered", Amelia()}, {"e-need", ReadingNeed()}, {"e-plan", FirstPlan()}};
  Pupil()
      .GivenWithIds(events)
      .When(Retract(Retraction("e-need")))
      .ThenError(StatusCode::kFailedPrecondition, "plan \"plan-1\" addresses this need");
}

TEST(Retraction, RetractsTheLatestStatusChange) {
  std::vector<std::pair<std::string, PupilEvent>> events = {
      {"e-registered", Amelia()}, {"e-need", ReadingNeed()}, {"e-status", OntoSenSupport()}};
  Pupil().GivenWithIds(events).When(Retract(Retraction("e-status"))).Then({Retraction("e-status")});
  events.emplace_back("e-r", Retraction("e-status"));
  EXPECT_EQ(Folded(events).status(), v1::SEN_STATUS_NO_SEN);
}

TEST(Retraction, DoesNotRetractAStatusChangeALaterOneFollows) {
  std::vector<std::pair<std::string, PupilEvent>> events = {
      {"e-registered", Amelia()},
      {"e-need", ReadingNeed()},
      {"e-status", OntoSenSupport()},
      {"e-off", StatusChange(v1::SEN_STATUS_SEN_SUPPORT, v1::SEN_STATUS_NO_SEN)}};
  Pupil()
      .GivenWithIds(events)
      .When(Retract(Retraction("e-status")))
      .ThenError(StatusCode::kFailedPrecondition, "a later status change follows this one");
}

TEST(Retraction, DoesNotRetractAReviewALaterPlanFollows) {
  std::vector<std::pair<std::string, PupilEvent>> events = {{"e-registered", Amelia()},
                                                            {"e-need", ReadingNeed()},
                                                            {"e-plan", FirstPlan()},
                                                            {"e-review", FirstReview()},
                                                            {"e-plan-2", SecondPlan()}};
  Pupil()
      .GivenWithIds(events)
      .When(Retract(Retraction("e-review")))
      .ThenError(StatusCode::kFailedPrecondition, "plan \"plan-2\" was agreed after this review");
}

TEST(Retraction, ARetractedReviewLeavesThePlanActive) {
  std::vector<std::pair<std::string, PupilEvent>> events = {{"e-registered", Amelia()},
                                                            {"e-need", ReadingNeed()},
                                                            {"e-plan", FirstPlan()},
                                                            {"e-review", FirstReview()},
                                                            {"e-r", Retraction("e-review")}};
  PupilState state = Folded(events);
  ASSERT_NE(state.ActivePlan(), nullptr);
  EXPECT_EQ(state.ActivePlan()->current.plan_id(), "plan-1");
}

TEST(Retraction, DoesNotRetractARequestThatAdviceAnswered) {
  std::vector<std::pair<std::string, PupilEvent>> events = {
      {"e-registered", Amelia()}, {"e-request", AdviceRequest()}, {"e-advice", Advice()}};
  Pupil()
      .GivenWithIds(events)
      .When(Retract(Retraction("e-request")))
      .ThenError(StatusCode::kFailedPrecondition, "advice answering this request");
}

TEST(Retraction, ARetractedAnswerLeavesTheRequestOpen) {
  std::vector<std::pair<std::string, PupilEvent>> events = {
      {"e-registered", Amelia()},
      {"e-request", AdviceRequest()},
      {"e-advice", Advice()},
      {"e-r", Retraction("e-advice", "Another pupil's report")}};
  v1::ExternalAdviceReceived advice = Advice();
  advice.set_summary("The report for Amelia");
  Pupil().GivenWithIds(events).When(ReceiveAdvice(advice)).Then({advice});
}

}  // namespace
}  // namespace endeavour::domain::testing
