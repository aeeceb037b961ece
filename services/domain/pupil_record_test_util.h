// Realistic facts for the pupil record's tests: Amelia, in Year 4, whose reading and spelling lag
// well behind her peers. Each builder returns a valid fact; a test changes the one thing it is
// about. The default context's today is 2026-11-24 (decider_spec.h).
#ifndef ENDEAVOUR_SERVICES_DOMAIN_PUPIL_RECORD_TEST_UTIL_H_
#define ENDEAVOUR_SERVICES_DOMAIN_PUPIL_RECORD_TEST_UTIL_H_

#include <string>
#include <utility>
#include <vector>

#include "services/domain/decider_spec.h"
#include "services/domain/pupil_record.h"

namespace endeavour::domain::testing {

using Facts = std::vector<PupilEvent>;

inline v1::Date D(int year, int month, int day) {
  v1::Date date;
  date.set_year(year);
  date.set_month(month);
  date.set_day(day);
  return date;
}

inline CommandContext Today(int year, int month, int day) {
  CommandContext context = Spec<PupilRecord>::DefaultContext();
  context.today = D(year, month, day);
  return context;
}

inline v1::PupilRegistered Amelia() {
  v1::PupilRegistered pupil;
  pupil.set_pupil_id("adm-20417");
  pupil.set_display_name("Amelia Hughes");
  *pupil.mutable_date_of_birth() = D(2017, 5, 14);
  pupil.set_year_group(4);
  *pupil.mutable_registered_on() = D(2021, 9, 6);
  return pupil;
}

inline v1::Evidence Evidence(v1::EvidenceKind kind, std::string summary, v1::Date dated) {
  v1::Evidence evidence;
  evidence.set_kind(kind);
  evidence.set_summary(std::move(summary));
  *evidence.mutable_dated() = dated;
  return evidence;
}

// need-reading: the primary need, a specific learning difficulty in reading and spelling.
inline v1::NeedIdentified ReadingNeed() {
  v1::NeedIdentified need;
  need.set_need_id("need-reading");
  need.set_area(v1::AREA_OF_NEED_COGNITION_AND_LEARNING);
  need.set_census_type(v1::CENSUS_NEED_TYPE_SPLD);
  need.set_rank(v1::NEED_RANK_PRIMARY);
  *need.add_evidence() = Evidence(v1::EVIDENCE_KIND_ASSESSMENT,
                                  "Salford sentence reading test: reading age 6y2m at "
                                  "chronological age 8y4m",
                                  D(2025, 9, 22));
  *need.add_evidence() = Evidence(v1::EVIDENCE_KIND_ATTAINMENT_DATA,
                                  "Working towards the expected standard in reading and writing "
                                  "since Year 2; Year 1 phonics screening 24/40",
                                  D(2025, 9, 19));
  *need.add_evidence() = Evidence(v1::EVIDENCE_KIND_PARENT_VIEWS,
                                  "Mum says Amelia avoids reading at home and gets upset at "
                                  "spelling tests",
                                  D(2025, 9, 30));
  need.set_parents_agree(v1::AGREEMENT_AGREES);
  need.set_professionals_agree(v1::AGREEMENT_NOT_YET_ASKED);
  need.set_views("Class teacher and parents agree that reading is the main barrier.");
  *need.mutable_identified_on() = D(2025, 10, 1);
  return need;
}

// need-language: a secondary need, speech, language and communication.
inline v1::NeedIdentified LanguageNeed() {
  v1::NeedIdentified need = ReadingNeed();
  need.set_need_id("need-language");
  need.set_area(v1::AREA_OF_NEED_COMMUNICATION_AND_INTERACTION);
  need.set_census_type(v1::CENSUS_NEED_TYPE_SLCN);
  need.set_rank(v1::NEED_RANK_SECONDARY);
  need.clear_evidence();
  *need.add_evidence() = Evidence(v1::EVIDENCE_KIND_OBSERVATION,
                                  "Struggles to retell a short story in sequence; limited "
                                  "vocabulary in class discussion",
                                  D(2025, 9, 24));
  return need;
}

inline v1::SenStatusChanged StatusChange(v1::SenStatus from, v1::SenStatus to) {
  v1::SenStatusChanged change;
  change.set_from_status(from);
  change.set_to_status(to);
  *change.mutable_decided_on() = D(2025, 10, 3);
  *change.mutable_parents_informed_on() = D(2025, 10, 6);
  change.set_reason(
      "Less than expected progress in reading despite quality-first teaching and "
      "differentiation; special educational provision is needed.");
  return change;
}
inline v1::SenStatusChanged OntoSenSupport() {
  return StatusChange(v1::SEN_STATUS_NO_SEN, v1::SEN_STATUS_SEN_SUPPORT);
}

inline v1::PlanOutcome Outcome(std::string id, std::string description, std::string criteria,
                               std::string how, std::string by, v1::Date target) {
  v1::PlanOutcome outcome;
  outcome.set_outcome_id(std::move(id));
  outcome.set_description(std::move(description));
  outcome.set_success_criteria(std::move(criteria));
  outcome.set_measured_how(std::move(how));
  outcome.set_measured_by(std::move(by));
  *outcome.mutable_target_date() = target;
  return outcome;
}

inline v1::Provision Provision(std::string id, std::string intervention, v1::Wave wave,
                               int per_week, int minutes, int group, int64_t pence) {
  v1::Provision provision;
  provision.set_provision_id(std::move(id));
  provision.set_intervention(std::move(intervention));
  provision.set_wave(wave);
  provision.set_delivered_by("Mrs Patel (teaching assistant)");
  provision.set_deliverer_trained(true);
  provision.set_evidence_based(true);
  provision.set_sessions_per_week(per_week);
  provision.set_minutes_per_session(minutes);
  provision.set_group_size(group);
  provision.set_weekly_cost_pence(pence);
  return provision;
}

inline v1::Provision PrecisionTeaching() {
  return Provision("pt", "Precision teaching", v1::WAVE_3, 5, 10, 1, 1250);
}
inline v1::Provision PhonicsCatchUp() {
  return Provision("phonics", "Little Wandle Rapid Catch-up", v1::WAVE_2, 3, 20, 4, 500);
}

// plan-1, cycle 1: agreed 2025-10-08, reviewed by 2025-11-26.
inline v1::PlanAgreed FirstPlan() {
  v1::PlanAgreed plan;
  plan.set_plan_id("plan-1");
  plan.set_cycle(1);
  *plan.mutable_agreed_on() = D(2025, 10, 8);
  plan.add_need_ids("need-reading");
  *plan.add_outcomes() =
      Outcome("hfw", "Reads 45 of the first 100 high-frequency words on sight",
              "Reads 45 of 100 words correctly within one second each on two probes in a row",
              "One-minute precision teaching probe, charted daily",
              "Mrs Patel (teaching assistant)", D(2025, 11, 26));
  *plan.add_outcomes() =
      Outcome("ccvc", "Spells CVC and CCVC words with adjacent consonants",
              "Spells 8 of 10 unseen CCVC words correctly in a weekly dictation",
              "Weekly dictation of 10 unseen words", "Mr Okafor (class teacher)", D(2025, 11, 26));
  *plan.add_provisions() = PrecisionTeaching();
  *plan.add_provisions() = PhonicsCatchUp();
  plan.add_classroom_adjustments("Word mat of high-frequency words on her table");
  plan.add_classroom_adjustments("Instructions given one step at a time and written on the board");
  v1::Participant* mum = plan.add_participants();
  mum->set_name("Sarah Hughes");
  mum->set_role("parent");
  mum->set_views("Wants Amelia to enjoy books again; happy to read with her each evening.");
  v1::Participant* amelia = plan.add_participants();
  amelia->set_name("Amelia");
  amelia->set_role("pupil");
  amelia->set_views("I want to read the Rainbow Magic books like my friends.");
  *plan.mutable_review_date() = D(2025, 11, 26);
  plan.add_training_needs("Mrs Patel: precision teaching refresher with the SENCO");
  plan.add_actions_at_home("Ten minutes of shared reading with the decodable book each evening");
  return plan;
}

// plan-2, cycle 2, after FirstPlan's review.
inline v1::PlanAgreed SecondPlan() {
  v1::PlanAgreed plan = FirstPlan();
  plan.set_plan_id("plan-2");
  plan.set_cycle(2);
  *plan.mutable_agreed_on() = D(2025, 12, 1);
  *plan.mutable_review_date() = D(2026, 2, 4);
  for (v1::PlanOutcome& outcome : *plan.mutable_outcomes()) {
    *outcome.mutable_target_date() = D(2026, 2, 4);
  }
  plan.mutable_outcomes(0)->set_description(
      "Reads 70 of the first 100 high-frequency words on sight");
  plan.mutable_outcomes(0)->set_success_criteria(
      "Reads 70 of 100 words correctly within one second each on two probes in a row");
  plan.set_learnt_from_previous_cycle(
      "Short daily one-to-one work moved her sight vocabulary; group phonics did not. She "
      "works best first thing in the morning.");
  return plan;
}

inline v1::InterventionDelivered Session(std::string id, v1::Date on, std::string provision = "pt",
                                         std::string plan = "plan-1") {
  v1::InterventionDelivered session;
  session.set_session_id(std::move(id));
  session.set_plan_id(std::move(plan));
  session.set_provision_id(std::move(provision));
  *session.mutable_delivered_on() = on;
  session.set_minutes(10);
  session.set_delivered_by("Mrs Patel (teaching assistant)");
  session.set_attendance(v1::ATTENDANCE_ATTENDED);
  session.set_engagement(v1::ENGAGEMENT_FULLY_ENGAGED);
  return session;
}

inline v1::OutcomeReview Progress(std::string outcome_id, v1::OutcomeProgress progress,
                                  std::string evidence) {
  v1::OutcomeReview review;
  review.set_outcome_id(std::move(outcome_id));
  review.set_progress(progress);
  review.set_evidence(std::move(evidence));
  return review;
}

// review-1 of plan-1, held 2025-11-26: refine the plan.
inline v1::ReviewHeld FirstReview() {
  v1::ReviewHeld review;
  review.set_review_id("review-1");
  review.set_plan_id("plan-1");
  *review.mutable_held_on() = D(2025, 11, 26);
  v1::ReviewInvitee* mum = review.add_invitees();
  mum->set_name("Sarah Hughes");
  mum->set_role("parent");
  *mum->mutable_invited_on() = D(2025, 11, 12);
  mum->set_attended(true);
  *review.add_outcomes() = Progress("hfw", v1::OUTCOME_PROGRESS_PARTLY_MET,
                                    "Probe 2025-11-24: 38 of 100 words (from 12 in October)");
  *review.add_outcomes() =
      Progress("ccvc", v1::OUTCOME_PROGRESS_NOT_MET, "Dictation: 3 of 10 unseen CCVC words");
  review.set_implemented_as_agreed(true);
  review.set_pupil_views("The flash cards are fun. The group is too noisy.");
  review.set_parent_views("Reading at home is calmer; spelling is still a battle.");
  review.set_staff_views("Strong gains one-to-one; little transfer from the group sessions.");
  review.set_decision(v1::REVIEW_DECISION_REFINE_PLAN);
  review.set_decision_reason("Sight words moving well; spelling needs a different approach.");
  review.set_learnt("Daily one-to-one beats group work for Amelia; mornings are best.");
  *review.mutable_next_review_date() = D(2026, 2, 4);
  return review;
}

inline v1::PlanAdjusted Adjustment() {
  v1::PlanAdjusted adjustment;
  adjustment.set_adjustment_id("adj-1");
  adjustment.set_plan_id("plan-1");
  adjustment.set_provision_id("phonics");
  *adjustment.mutable_adjusted_on() = D(2025, 11, 3);
  adjustment.set_resource_change(v1::RESOURCE_CHANGE_MORE);
  adjustment.set_intervention_modified(false);
  *adjustment.mutable_provision() =
      Provision("phonics", "Little Wandle Rapid Catch-up", v1::WAVE_2, 4, 20, 2, 1000);
  adjustment.set_reason(
      "Dictation scores flat for three weeks in a group of four: smaller group, "
      "one more session a week.");
  return adjustment;
}

inline v1::ExternalAdviceRequested AdviceRequest() {
  v1::ExternalAdviceRequested request;
  request.set_request_id("ep-1");
  request.set_service(v1::EXTERNAL_SERVICE_EDUCATIONAL_PSYCHOLOGY);
  *request.mutable_requested_on() = D(2025, 12, 10);
  request.set_question(
      "Is there an underlying phonological processing or working memory "
      "difficulty, and what would best support spelling?");
  return request;
}

inline v1::ExternalAdviceReceived Advice() {
  v1::ExternalAdviceReceived advice;
  advice.set_request_id("ep-1");
  *advice.mutable_received_on() = D(2026, 1, 26);
  advice.set_advised_by("Dr Nadia Rahman, educational psychologist");
  advice.set_summary(
      "Phonological awareness and verbal working memory well below average; "
      "visual skills a relative strength.");
  advice.add_recommendations("Multisensory structured spelling programme, daily, one-to-one");
  advice.add_recommendations("Pre-teach topic vocabulary with pictures");
  return advice;
}

inline v1::EhcNeedsAssessmentRequested EhcRequest() {
  v1::EhcNeedsAssessmentRequested request;
  request.set_request_id("ehc-1");
  *request.mutable_requested_on() = D(2026, 3, 30);
  request.set_requested_by(v1::EHC_REQUESTER_SCHOOL);
  request.set_evidence_summary(
      "Three cycles of SEN support since October 2025, EP and specialist "
      "teacher advice implemented; gap to peers widening.");
  return request;
}

inline v1::PupilTransferred TransferOut() {
  v1::PupilTransferred transfer;
  transfer.set_direction(v1::PupilTransferred::DIRECTION_OUT);
  *transfer.mutable_transferred_on() = D(2026, 4, 17);
  transfer.set_other_school("school-0381");
  return transfer;
}

inline v1::PupilTransferred TransferIn() {
  v1::PupilTransferred transfer;
  transfer.set_direction(v1::PupilTransferred::DIRECTION_IN);
  *transfer.mutable_transferred_on() = D(2026, 4, 20);
  transfer.set_other_school("school-0112");
  transfer.set_from_stream_id("pupil/school-0112/adm-20417");
  transfer.set_from_head_position(918273);
  transfer.set_from_head_leaf_hash(std::string(32, '\x5a'));
  *transfer.mutable_pupil() = Amelia();
  return transfer;
}

template <typename Message>
v1::RecordCorrected Correction(
    std::string event_id, const Message& corrected,
    std::string reason = "Typed in error; corrected from the paper log") {
  v1::RecordCorrected correction;
  correction.set_corrected_event_id(std::move(event_id));
  correction.set_reason(std::move(reason));
  correction.set_corrected_event_type(Message::descriptor()->full_name());
  correction.set_corrected_payload(corrected.SerializeAsString());
  return correction;
}

inline v1::RecordRetracted Retraction(std::string event_id,
                                      std::string reason = "Recorded against the wrong pupil") {
  v1::RecordRetracted retraction;
  retraction.set_retracted_event_id(std::move(event_id));
  retraction.set_reason(std::move(reason));
  return retraction;
}

// Commands that carry a fact.
template <typename Command, typename Fact>
PupilCommand Carrying(const Fact& fact, Fact* (Command::*field)()) {
  Command command;
  *(command.*field)() = fact;
  return command;
}
inline PupilCommand Register(const v1::PupilRegistered& f) {
  return Carrying(f, &v1::RegisterPupil::mutable_pupil);
}
inline PupilCommand Identify(const v1::NeedIdentified& f) {
  return Carrying(f, &v1::IdentifyNeed::mutable_need);
}
inline PupilCommand Change(const v1::SenStatusChanged& f) {
  return Carrying(f, &v1::ChangeSenStatus::mutable_change);
}
inline PupilCommand Agree(const v1::PlanAgreed& f) {
  return Carrying(f, &v1::AgreePlan::mutable_plan);
}
inline PupilCommand Log(const v1::InterventionDelivered& f) {
  return Carrying(f, &v1::LogIntervention::mutable_session);
}
inline PupilCommand Review(const v1::ReviewHeld& f) {
  return Carrying(f, &v1::RecordReview::mutable_review);
}
inline PupilCommand Adjust(const v1::PlanAdjusted& f) {
  return Carrying(f, &v1::AdjustPlan::mutable_adjustment);
}
inline PupilCommand AskAdvice(const v1::ExternalAdviceRequested& f) {
  return Carrying(f, &v1::RequestExternalAdvice::mutable_request);
}
inline PupilCommand ReceiveAdvice(const v1::ExternalAdviceReceived& f) {
  return Carrying(f, &v1::RecordExternalAdvice::mutable_advice);
}
inline PupilCommand AskEhc(const v1::EhcNeedsAssessmentRequested& f) {
  return Carrying(f, &v1::RequestEhcNeedsAssessment::mutable_request);
}
inline PupilCommand LeaveFor(const v1::PupilTransferred& f) {
  return Carrying(f, &v1::TransferPupilOut::mutable_transfer);
}
inline PupilCommand ArriveFrom(const v1::PupilTransferred& f) {
  return Carrying(f, &v1::ReceivePupilTransfer::mutable_transfer);
}
inline PupilCommand Correct(const v1::RecordCorrected& f) {
  return Carrying(f, &v1::CorrectRecord::mutable_correction);
}
inline PupilCommand Retract(const v1::RecordRetracted& f) {
  return Carrying(f, &v1::RetractRecord::mutable_retraction);
}

// Given events folded, for tests of the state: ids "given-1", "given-2", ... as in Spec.
inline PupilState Fold(const Facts& facts) {
  PupilState state;
  int n = 0;
  for (const PupilEvent& e : facts) {
    state = PupilRecord::Evolve(std::move(state), "given-" + std::to_string(++n), e);
  }
  return state;
}

// The record up to an active first plan.
inline Facts WithActivePlan() { return {Amelia(), ReadingNeed(), OntoSenSupport(), FirstPlan()}; }

}  // namespace endeavour::domain::testing

#endif  // ENDEAVOUR_SERVICES_DOMAIN_PUPIL_RECORD_TEST_UTIL_H_
