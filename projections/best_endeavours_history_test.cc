#include "projections/best_endeavours_history.h"

#include "gtest/gtest.h"
#include "projections/pupil_file_test_util.h"

namespace endeavour::projections {
namespace {

using domain::testing::Adjustment;
using domain::testing::Advice;
using domain::testing::AdviceRequest;
using domain::testing::Amelia;
using domain::testing::Correction;
using domain::testing::D;
using domain::testing::EhcRequest;
using domain::testing::FirstPlan;
using domain::testing::FirstReview;
using domain::testing::LanguageNeed;
using domain::testing::OntoSenSupport;
using domain::testing::Progress;
using domain::testing::ReadingNeed;
using domain::testing::Retraction;
using domain::testing::SecondPlan;
using domain::testing::Session;
using domain::testing::TransferIn;
using domain::testing::TransferOut;
using testing::Missed;
using testing::PupilStream;
using testing::TeachingAssistant;

constexpr char kLearntInCycleTwo[] =
    "The EP's multisensory spelling routine works when it is daily; weekly dictation alone "
    "does not show it.";
constexpr char kUsedInCycleThree[] =
    "Spelling routine kept daily and moved to the morning slot that worked for sight words.";

v1::ReviewHeld Review(std::string id, std::string plan, v1::Date held_on, v1::OutcomeProgress hfw,
                      v1::OutcomeProgress ccvc, v1::ReviewDecision decision) {
  v1::ReviewHeld review = FirstReview();
  review.set_review_id(std::move(id));
  review.set_plan_id(std::move(plan));
  *review.mutable_held_on() = held_on;
  review.mutable_outcomes(0)->set_progress(hfw);
  review.mutable_outcomes(1)->set_progress(ccvc);
  review.set_decision(decision);
  return review;
}

// Amelia's three cycles: the first reviewed with an outcome not met and specialist advice
// sought; the second built on what the first taught and the EP's advice; the third ending in a
// request for an EHC needs assessment. Her language need is identified but never planned for.
class HistoryTest : public ::testing::Test {
 protected:
  void SetUp() override {
    stream_.AddAll({Amelia(), ReadingNeed(), LanguageNeed(), OntoSenSupport(), FirstPlan()});
    const v1::Actor ta = TeachingAssistant();
    stream_.Add(Session("s1", D(2025, 10, 9)), ta);
    stream_.Add(Session("s2", D(2025, 10, 10)), ta);
    stream_.Add(Missed("s3", D(2025, 10, 13), v1::ATTENDANCE_PUPIL_ABSENT), ta);
    v1::InterventionDelivered phonics = Session("ph1", D(2025, 10, 14), "phonics");
    phonics.set_minutes(20);
    stream_.Add(phonics, ta);
    stream_.Add(Missed("ph2", D(2025, 10, 16), v1::ATTENDANCE_CANCELLED, "Hall needed", "phonics"),
                ta);
    stream_.Add(Adjustment());
    v1::ReviewHeld first = FirstReview();
    first.set_decision(v1::REVIEW_DECISION_SEEK_SPECIALIST_ADVICE);
    stream_.Add(first);  // event-12
    v1::ExternalAdviceRequested request = AdviceRequest();
    *request.mutable_requested_on() = D(2025, 11, 28);
    stream_.AddAll({request, Advice()});
    v1::PlanAgreed second = SecondPlan();
    *second.mutable_agreed_on() = D(2026, 1, 28);
    *second.mutable_review_date() = D(2026, 3, 11);
    stream_.Add(second);
    stream_.Add(Session("s5", D(2026, 1, 29), "pt", "plan-2"), ta);
    v1::ReviewHeld review =
        Review("review-2", "plan-2", D(2026, 3, 11), v1::OUTCOME_PROGRESS_MET,
               v1::OUTCOME_PROGRESS_PARTLY_MET, v1::REVIEW_DECISION_REFINE_PLAN);
    review.set_learnt(kLearntInCycleTwo);
    stream_.Add(review);
    v1::PlanAgreed third = SecondPlan();
    third.set_plan_id("plan-3");
    third.set_cycle(3);
    *third.mutable_agreed_on() = D(2026, 3, 16);
    *third.mutable_review_date() = D(2026, 4, 29);
    third.set_learnt_from_previous_cycle(kUsedInCycleThree);
    stream_.Add(third);
    stream_.Add(Review("review-3", "plan-3", D(2026, 4, 29), v1::OUTCOME_PROGRESS_EXCEEDED,
                       v1::OUTCOME_PROGRESS_NOT_MET,
                       v1::REVIEW_DECISION_REQUEST_EHC_NEEDS_ASSESSMENT));
    v1::EhcNeedsAssessmentRequested ehc = EhcRequest();
    *ehc.mutable_requested_on() = D(2026, 5, 6);
    stream_.Add(ehc);  // event-20
  }

  v1::BestEndeavoursHistory History() { return RenderHistory(stream_.File()); }

  PupilStream stream_;
};

TEST_F(HistoryTest, ShowsThePupilStatusAndEveryCycleInOrder) {
  const v1::BestEndeavoursHistory history = History();
  EXPECT_EQ(history.stream_id(), PupilStream::kStreamId);
  EXPECT_EQ(history.pupil().current().pupil_id(), "adm-20417");
  EXPECT_EQ(history.pupil().trail().source().position(), 101u);
  EXPECT_EQ(history.status(), v1::SEN_STATUS_SEN_SUPPORT);
  ASSERT_EQ(history.status_changes_size(), 1);
  EXPECT_EQ(history.status_changes(0).current().parents_informed_on().day(), 6);
  EXPECT_EQ(history.status_changes(0).trail().source().recorded_by().id(), "staff/1042");
  ASSERT_EQ(history.cycles_size(), 3);
  EXPECT_EQ(history.cycles(0).plan_id(), "plan-1");
  EXPECT_EQ(history.cycles(1).cycle(), 2);
  EXPECT_EQ(history.cycles(2).plan_id(), "plan-3");
  EXPECT_EQ(history.last_position(), 98u + 3 * 20);
}

TEST_F(HistoryTest, AssessShowsTheNeedsWithEvidenceAndAgreement) {
  const v1::CycleHistory cycle = History().cycles(0);
  ASSERT_EQ(cycle.needs_size(), 1);
  EXPECT_EQ(cycle.needs(0).current().need_id(), "need-reading");
  EXPECT_EQ(cycle.needs(0).current().evidence_size(), 3);
  EXPECT_TRUE(cycle.needs(0).standing());
  const v1::NeedQuestion& need = cycle.questions().need();
  EXPECT_TRUE(need.parents_not_agreed_need_ids().empty());
  ASSERT_EQ(need.professionals_not_agreed_need_ids_size(), 1);  // not yet asked
  EXPECT_FALSE(need.need_confirmed());
  EXPECT_EQ(need.advice_received(), 1);
}

TEST_F(HistoryTest, DoShowsResourcesDeliveredAgainstPlannedUpToTheReview) {
  const v1::CycleHistory cycle = History().cycles(0);
  ASSERT_EQ(cycle.resources_size(), 2);
  const v1::ProvisionResource& pt = cycle.resources(0);
  EXPECT_EQ(pt.as_agreed().delivered_by(), "Mrs Patel (teaching assistant)");
  EXPECT_TRUE(pt.as_agreed().deliverer_trained());
  ASSERT_EQ(pt.sessions_size(), 3);
  EXPECT_EQ(pt.sessions(2).current().attendance(), v1::ATTENDANCE_PUPIL_ABSENT);
  EXPECT_EQ(pt.sessions(0).trail().source().recorded_by().role(), v1::ROLE_TEACHER);
  EXPECT_EQ(pt.delivery().minutes_delivered(), 20);
  // Seven whole weeks from 8 October to the review on 26 November, at 5 a week.
  EXPECT_EQ(pt.delivery().sessions_planned(), 35);
  EXPECT_EQ(pt.delivery().cost_planned_pence(), 7 * 1250);
  const v1::ProvisionResource& phonics = cycle.resources(1);
  EXPECT_EQ(phonics.as_agreed().sessions_per_week(), 3);
  EXPECT_EQ(phonics.as_stands().sessions_per_week(), 4);
  ASSERT_EQ(phonics.adjustments_size(), 1);
  EXPECT_EQ(phonics.adjustments(0).current().resource_change(), v1::RESOURCE_CHANGE_MORE);
  EXPECT_EQ(phonics.delivery().sessions_planned(), 3 * 3 + 3 * 4);
  const v1::DeliveryQuestion& delivery = cycle.questions().delivery();
  EXPECT_TRUE(delivery.implemented_as_agreed());
  EXPECT_EQ(delivery.totals().minutes_delivered(), 40);
  EXPECT_EQ(delivery.totals().minutes_planned(), 350 + 420);
  EXPECT_EQ(delivery.totals().cost_planned_pence(), 8750 + 1500 + 3000);
  EXPECT_EQ(delivery.totals().sessions_cancelled(), 1);
  EXPECT_DOUBLE_EQ(delivery.share_of_planned_minutes_delivered(), 40.0 / 770);
  EXPECT_TRUE(delivery.all_deliverers_trained());
  EXPECT_EQ(cycle.questions().adjustments(), 1);
  EXPECT_EQ(cycle.questions().adjustments_more_resource(), 1);
}

TEST_F(HistoryTest, ReviewShowsEachOutcomeAndWhetherProgressWasEnough) {
  const v1::BestEndeavoursHistory history = History();
  const v1::CycleHistory& first = history.cycles(0);
  EXPECT_EQ(first.review().current().review_id(), "review-1");
  ASSERT_EQ(first.outcomes_size(), 2);
  EXPECT_EQ(first.outcomes(0).outcome().outcome_id(), "hfw");
  EXPECT_EQ(first.outcomes(0).progress(), v1::OUTCOME_PROGRESS_PARTLY_MET);
  EXPECT_EQ(first.outcomes(1).evidence(), "Dictation: 3 of 10 unseen CCVC words");
  EXPECT_FALSE(first.outcomes(1).has_as_first_recorded());
  EXPECT_EQ(first.questions().progress(), v1::PROGRESS_VERDICT_NOT_ENOUGH);
  EXPECT_EQ(first.questions().outcomes_not_met(), 1);
  EXPECT_EQ(history.cycles(1).questions().progress(), v1::PROGRESS_VERDICT_PARTLY);
  EXPECT_EQ(history.cycles(2).questions().outcomes_exceeded(), 1);
  EXPECT_EQ(history.cycles(2).questions().progress(), v1::PROGRESS_VERDICT_NOT_ENOUGH);
}

TEST_F(HistoryTest, AdviceAndEscalationSitInTheCycleTheyHappenedIn) {
  const v1::BestEndeavoursHistory history = History();
  const v1::CycleHistory& first = history.cycles(0);
  ASSERT_EQ(first.advice_size(), 1);
  EXPECT_EQ(first.advice(0).current().requested_on().month(), 11);
  EXPECT_EQ(first.advice(0).received().current().advised_by(),
            "Dr Nadia Rahman, educational psychologist");
  EXPECT_TRUE(first.questions().advice_sought());
  EXPECT_EQ(history.cycles(1).advice_size(), 0);
  ASSERT_EQ(history.cycles(2).ehc_requests_size(), 1);
  EXPECT_TRUE(history.cycles(2).questions().ehc_needs_assessment_requested());
  EXPECT_FALSE(first.questions().ehc_needs_assessment_requested());
  EXPECT_EQ(history.advice_outside_cycles_size(), 0);
}

TEST_F(HistoryTest, LearnShowsWhatEachNextPlanMadeOfIt) {
  const v1::BestEndeavoursHistory history = History();
  EXPECT_EQ(history.cycles(0).learnt(), FirstReview().learnt());
  EXPECT_EQ(history.cycles(0).next_plan_id(), "plan-2");
  EXPECT_EQ(history.cycles(0).used_by_next_plan(), SecondPlan().learnt_from_previous_cycle());
  EXPECT_EQ(history.cycles(1).learnt(), kLearntInCycleTwo);
  EXPECT_EQ(history.cycles(1).used_by_next_plan(), kUsedInCycleThree);
  EXPECT_EQ(history.cycles(2).next_plan_id(), "");
}

TEST_F(HistoryTest, TotalsCountTheWholeRecord) {
  v1::PupilTransferred leaving = TransferOut();
  *leaving.mutable_transferred_on() = D(2026, 5, 22);
  stream_.Add(leaving);
  const v1::BestEndeavoursHistory history = History();
  const v1::HistoryTotals& totals = history.totals();
  EXPECT_EQ(totals.cycles(), 3);
  EXPECT_EQ(totals.reviewed_cycles(), 3);
  EXPECT_EQ(totals.cycles_with_outcome_not_met(), 2);
  EXPECT_EQ(totals.delivery().sessions_logged(), 6);
  EXPECT_EQ(totals.delivery().minutes_delivered(), 50);
  // Plan 2: six whole weeks at 5 + 3 a week; plan 3 as agreed: six weeks.
  EXPECT_EQ(totals.delivery().sessions_planned(), 56 + 6 * 8 + 6 * 8);
  EXPECT_EQ(totals.advice_requests(), 1);
  EXPECT_EQ(totals.advice_received(), 1);
  EXPECT_EQ(totals.ehc_requests(), 1);
  EXPECT_EQ(totals.corrections(), 0);
  ASSERT_EQ(history.needs_outside_cycles_size(), 1);
  EXPECT_EQ(history.needs_outside_cycles(0).current().need_id(), "need-language");
  EXPECT_EQ(history.transferred_out().transfer().other_school(), "school-0381");
  EXPECT_EQ(history.transferred_out().source().stream_version(), 21u);
  EXPECT_FALSE(history.has_transferred_in());
}

TEST_F(HistoryTest, ACorrectedSessionShowsEachCorrectionBesideTheOriginal) {
  v1::InterventionDelivered longer = Session("s2", D(2025, 10, 10));
  longer.set_minutes(15);
  const std::string first = stream_.Add(Correction("event-7", longer, "Paper log says 15"));
  longer.set_minutes(12);
  stream_.Add(Correction("event-7", longer, "Timer log says 12"));
  const v1::BestEndeavoursHistory history = History();
  const v1::ProvisionResource& pt = history.cycles(0).resources(0);
  const v1::SessionShown& session = pt.sessions(1);
  EXPECT_EQ(session.current().minutes(), 12);
  EXPECT_EQ(session.original().minutes(), 10);
  ASSERT_EQ(session.trail().corrections_size(), 2);
  const v1::CorrectionShown& correction = session.trail().corrections(0);
  EXPECT_EQ(correction.source().event_id(), first);
  EXPECT_EQ(correction.source().recorded_by().role(), v1::ROLE_SENCO);
  EXPECT_EQ(correction.reason(), "Paper log says 15");
  ASSERT_EQ(correction.changes_size(), 1);
  EXPECT_EQ(correction.changes(0).field(), "minutes");
  EXPECT_EQ(correction.changes(0).before(), "10");
  EXPECT_EQ(correction.changes(0).after(), "15");
  EXPECT_EQ(session.trail().corrections(1).changes(0).before(), "15");
  EXPECT_EQ(session.trail().corrections(1).changes(0).after(), "12");
  EXPECT_EQ(pt.delivery().minutes_delivered(), 22);
  EXPECT_EQ(history.totals().corrections(), 2);
  // Nothing else was corrected, so nothing else carries an original.
  EXPECT_FALSE(pt.sessions(0).has_original());
}

TEST_F(HistoryTest, ARetractedSessionIsShownMarkedAndLeftOutOfTheFigures) {
  stream_.Add(Retraction("event-6", "Logged for the wrong pupil"));
  const v1::BestEndeavoursHistory history = History();
  const v1::ProvisionResource& pt = history.cycles(0).resources(0);
  ASSERT_EQ(pt.sessions_size(), 3);
  EXPECT_EQ(pt.sessions(0).current().session_id(), "s1");
  EXPECT_TRUE(pt.sessions(0).trail().retracted());
  EXPECT_EQ(pt.sessions(0).trail().retraction_reason(), "Logged for the wrong pupil");
  EXPECT_FALSE(pt.sessions(1).trail().retracted());
  EXPECT_EQ(pt.delivery().sessions_logged(), 2);
  EXPECT_EQ(pt.delivery().minutes_delivered(), 10);
  EXPECT_EQ(history.totals().retractions(), 1);
}

TEST_F(HistoryTest, ACorrectedReviewOutcomeShowsWhatWasFirstRecorded) {
  v1::ReviewHeld corrected = FirstReview();
  corrected.set_decision(v1::REVIEW_DECISION_SEEK_SPECIALIST_ADVICE);
  *corrected.mutable_outcomes(1) =
      Progress("ccvc", v1::OUTCOME_PROGRESS_PARTLY_MET, "Dictation: 6 of 10 unseen CCVC words");
  stream_.Add(Correction("event-12", corrected, "Second marker's score entered by mistake"));
  const v1::BestEndeavoursHistory history = History();
  const v1::CycleHistory& cycle = history.cycles(0);
  EXPECT_EQ(cycle.outcomes(1).progress(), v1::OUTCOME_PROGRESS_PARTLY_MET);
  EXPECT_EQ(cycle.outcomes(1).as_first_recorded().progress(), v1::OUTCOME_PROGRESS_NOT_MET);
  EXPECT_FALSE(cycle.outcomes(0).has_as_first_recorded());
  EXPECT_EQ(cycle.review().original().outcomes(1).progress(), v1::OUTCOME_PROGRESS_NOT_MET);
  ASSERT_EQ(cycle.review().trail().corrections_size(), 1);
  EXPECT_EQ(cycle.review().trail().corrections(0).changes(0).field(), "outcomes");
  EXPECT_EQ(cycle.questions().progress(), v1::PROGRESS_VERDICT_PARTLY);
  EXPECT_EQ(history.totals().cycles_with_outcome_not_met(), 1);
}

TEST_F(HistoryTest, ACorrectedNeedCastsDoubtOnTheNeed) {
  v1::NeedIdentified corrected = ReadingNeed();
  corrected.set_census_type(v1::CENSUS_NEED_TYPE_MLD);
  stream_.Add(Correction("event-2", corrected, "EP report: moderate, not specific, difficulty"));
  const v1::CycleHistory cycle = History().cycles(0);
  const v1::NeedShown& need = cycle.needs(0);
  EXPECT_EQ(need.current().census_type(), v1::CENSUS_NEED_TYPE_MLD);
  EXPECT_EQ(need.original().census_type(), v1::CENSUS_NEED_TYPE_SPLD);
  ASSERT_EQ(need.trail().corrections(0).changes_size(), 1);
  EXPECT_EQ(need.trail().corrections(0).changes(0).before(), "CENSUS_NEED_TYPE_SPLD");
  EXPECT_EQ(need.trail().corrections(0).changes(0).after(), "CENSUS_NEED_TYPE_MLD");
  ASSERT_EQ(cycle.questions().need().corrected_need_ids_size(), 1);
  EXPECT_EQ(cycle.questions().need().corrected_need_ids(0), "need-reading");
}

TEST_F(HistoryTest, ACorrectionShowsDatesAndListsAsText) {
  v1::PlanAgreed corrected = FirstPlan();
  *corrected.mutable_review_date() = D(2025, 11, 27);
  corrected.mutable_outcomes(0)->set_description("Reads 50 of the first 100 words on sight");
  corrected.add_classroom_adjustments("Coloured overlay for reading");
  stream_.Add(Correction("event-5", corrected, "Plan typed up from an earlier draft"));
  const v1::PlanShown plan = History().cycles(0).plan();
  ASSERT_EQ(plan.trail().corrections_size(), 1);
  const auto& changes = plan.trail().corrections(0).changes();
  ASSERT_EQ(changes.size(), 3);
  EXPECT_EQ(changes[0].field(), "outcomes");
  EXPECT_NE(changes[0].after().find("description: \"Reads 50 of the first 100 words on sight\""),
            std::string::npos);
  EXPECT_EQ(changes[1].field(), "classroom_adjustments");
  EXPECT_EQ(changes[1].after(),
            "Word mat of high-frequency words on her table; Instructions given one step at a time "
            "and written on the board; Coloured overlay for reading");
  EXPECT_EQ(changes[2].field(), "review_date");
  EXPECT_EQ(changes[2].before(), "2025-11-26");
  EXPECT_EQ(changes[2].after(), "2025-11-27");
  EXPECT_EQ(plan.original().review_date().day(), 26);
}

TEST_F(HistoryTest, AReplacedNeedSaysWhatReplacedIt) {
  v1::NeedIdentified memory = ReadingNeed();
  memory.set_need_id("need-memory");
  memory.set_census_type(v1::CENSUS_NEED_TYPE_MLD);
  memory.set_replaces_need_id("need-reading");
  *memory.mutable_identified_on() = D(2026, 5, 1);
  stream_.Add(memory);
  const v1::BestEndeavoursHistory history = History();
  const v1::NeedShown& need = history.cycles(2).needs(0);
  EXPECT_EQ(need.replaced_by_need_id(), "need-memory");
  EXPECT_FALSE(need.standing());
  EXPECT_EQ(history.cycles(2).questions().need().replaced_need_ids(0), "need-reading");
  ASSERT_EQ(history.needs_outside_cycles_size(), 2);
  EXPECT_EQ(history.needs_outside_cycles(1).current().need_id(), "need-memory");
}

TEST(HistoryOfAnActiveCycleTest, LeavesPlannedFiguresForTheDayItIsRead) {
  PupilStream stream;
  stream.AddAll({Amelia(), ReadingNeed(), OntoSenSupport(), FirstPlan()});
  stream.Add(Session("s1", D(2025, 10, 9)));
  const v1::CycleHistory cycle = RenderHistory(stream.File()).cycles(0);
  EXPECT_FALSE(cycle.has_review());
  EXPECT_EQ(cycle.questions().progress(), v1::PROGRESS_VERDICT_NOT_YET_REVIEWED);
  EXPECT_EQ(cycle.resources(0).delivery().sessions_logged(), 1);
  EXPECT_EQ(cycle.resources(0).delivery().sessions_planned(), 0);
  EXPECT_EQ(cycle.resources(0).delivery().planned_until().day(), 26);
}

TEST(HistoryOfARetractedPlanTest, ShowsItMarkedBesideThePlanThatReplacedIt) {
  PupilStream stream;
  stream.AddAll({Amelia(), ReadingNeed(), OntoSenSupport()});
  const std::string wrong = stream.Add(FirstPlan());
  stream.Add(Retraction(wrong, "Draft plan saved before the meeting"));
  v1::PlanAgreed agreed = FirstPlan();
  agreed.set_plan_id("plan-1b");
  stream.Add(agreed);
  const v1::BestEndeavoursHistory history = RenderHistory(stream.File());
  ASSERT_EQ(history.cycles_size(), 2);
  EXPECT_TRUE(history.cycles(0).plan().trail().retracted());
  EXPECT_EQ(history.cycles(0).plan().trail().retraction_reason(),
            "Draft plan saved before the meeting");
  EXPECT_EQ(history.cycles(0).questions().progress(), v1::PROGRESS_VERDICT_UNSPECIFIED);
  EXPECT_FALSE(history.cycles(1).plan().trail().retracted());
  EXPECT_EQ(history.totals().cycles(), 1);
  EXPECT_EQ(history.totals().retractions(), 1);
}

TEST(HistoryOfATransferredPupilTest, BeginsWhereTheSendingSchoolLeftOff) {
  PupilStream stream;
  stream.Add(TransferIn());
  v1::ExternalAdviceRequested request = AdviceRequest();
  *request.mutable_requested_on() = D(2026, 4, 22);
  stream.AddAll({ReadingNeed(), request});
  const v1::BestEndeavoursHistory history = RenderHistory(stream.File());
  EXPECT_EQ(history.transferred_in().transfer().from_stream_id(), "pupil/school-0112/adm-20417");
  EXPECT_EQ(history.transferred_in().source().position(), 101u);
  EXPECT_EQ(history.pupil().current().display_name(), "Amelia Hughes");
  EXPECT_EQ(history.pupil().trail().source().event_id(), "event-1");
  EXPECT_EQ(history.cycles_size(), 0);
  // With no plan yet, the need and the advice stand outside any cycle.
  EXPECT_EQ(history.needs_outside_cycles_size(), 1);
  ASSERT_EQ(history.advice_outside_cycles_size(), 1);
  EXPECT_FALSE(history.advice_outside_cycles(0).has_received());
  EXPECT_EQ(history.status(), v1::SEN_STATUS_NO_SEN);
}

}  // namespace
}  // namespace endeavour::projections
