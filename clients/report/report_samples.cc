#include "clients/report/report_samples.h"

#include <string>
#include <utility>
#include <vector>

#include "absl/strings/str_cat.h"
#include "projections/best_endeavours_history.h"
#include "projections/pupil_file_test_util.h"
#include "projections/register_entry.h"
#include "projections/school_overview.h"
#include "projections/self_evaluation_file.h"
#include "projections/self_evaluation_trends.h"
#include "services/domain/event_variant.h"
#include "services/domain/self_evaluation_testing.h"

namespace endeavour::report::testing {
namespace {

namespace t = domain::testing;
using projections::testing::Missed;
using projections::testing::PupilStream;

v1::ReviewHeld Review(std::string id, std::string plan, v1::Date held_on, v1::OutcomeProgress hfw,
                      v1::OutcomeProgress ccvc, v1::ReviewDecision decision) {
  v1::ReviewHeld review = t::FirstReview();
  review.set_review_id(std::move(id));
  review.set_plan_id(std::move(plan));
  *review.mutable_held_on() = held_on;
  review.mutable_outcomes(0)->set_progress(hfw);
  review.mutable_outcomes(1)->set_progress(ccvc);
  review.set_decision(decision);
  return review;
}

// Amelia's first cycle: sessions, an adjustment, the review; events 1-12.
void FirstCycle(PupilStream& stream) {
  stream.AddAll(
      {t::Amelia(), t::ReadingNeed(), t::LanguageNeed(), t::OntoSenSupport(), t::FirstPlan()});
  const v1::Actor ta = projections::testing::TeachingAssistant();
  stream.Add(t::Session("s1", t::D(2025, 10, 9)), ta);   // event-6
  stream.Add(t::Session("s2", t::D(2025, 10, 10)), ta);  // event-7
  stream.Add(Missed("s3", t::D(2025, 10, 13), v1::ATTENDANCE_PUPIL_ABSENT), ta);
  v1::InterventionDelivered phonics = t::Session("ph1", t::D(2025, 10, 14), "phonics");
  phonics.set_minutes(20);
  phonics.set_engagement(v1::ENGAGEMENT_PARTLY_ENGAGED);
  phonics.set_note("Distracted by the noise in the group");
  stream.Add(phonics, ta);
  stream.Add(Missed("ph2", t::D(2025, 10, 16), v1::ATTENDANCE_CANCELLED,
                    "Hall needed for a rehearsal", "phonics"),
             ta);
  stream.Add(t::Adjustment());
  v1::ReviewHeld first = t::FirstReview();
  first.set_decision(v1::REVIEW_DECISION_SEEK_SPECIALIST_ADVICE);
  stream.Add(first);  // event-12
}

}  // namespace

v1::BestEndeavoursHistory SampleHistory() {
  PupilStream stream;
  FirstCycle(stream);
  v1::ExternalAdviceRequested request = t::AdviceRequest();
  *request.mutable_requested_on() = t::D(2025, 11, 28);
  stream.AddAll({request, t::Advice()});
  v1::PlanAgreed second = t::SecondPlan();
  *second.mutable_agreed_on() = t::D(2026, 1, 28);
  *second.mutable_review_date() = t::D(2026, 3, 11);
  stream.Add(second);
  stream.Add(t::Session("s5", t::D(2026, 1, 29), "pt", "plan-2"),
             projections::testing::TeachingAssistant());
  v1::ReviewHeld review = Review("review-2", "plan-2", t::D(2026, 3, 11), v1::OUTCOME_PROGRESS_MET,
                                 v1::OUTCOME_PROGRESS_PARTLY_MET, v1::REVIEW_DECISION_REFINE_PLAN);
  review.set_learnt(
      "The EP's multisensory spelling routine works when it is daily; weekly dictation alone "
      "does not show it.");
  stream.Add(review);
  v1::PlanAgreed third = t::SecondPlan();
  third.set_plan_id("plan-3");
  third.set_cycle(3);
  *third.mutable_agreed_on() = t::D(2026, 3, 16);
  *third.mutable_review_date() = t::D(2026, 4, 29);
  third.set_learnt_from_previous_cycle(
      "Spelling routine kept daily and moved to the morning slot that worked for sight words.");
  stream.Add(third);
  stream.Add(Review("review-3", "plan-3", t::D(2026, 4, 29), v1::OUTCOME_PROGRESS_EXCEEDED,
                    v1::OUTCOME_PROGRESS_NOT_MET,
                    v1::REVIEW_DECISION_REQUEST_EHC_NEEDS_ASSESSMENT));
  v1::EhcNeedsAssessmentRequested ehc = t::EhcRequest();
  *ehc.mutable_requested_on() = t::D(2026, 5, 6);
  stream.Add(ehc);  // event-20

  v1::InterventionDelivered longer = t::Session("s2", t::D(2025, 10, 10));
  longer.set_minutes(15);
  stream.Add(t::Correction("event-7", longer, "Paper log says 15"));
  longer.set_minutes(12);
  stream.Add(t::Correction("event-7", longer, "Timer log says 12"));
  stream.Add(t::Retraction("event-6", "Logged for the wrong pupil"));
  v1::ReviewHeld corrected = t::FirstReview();
  corrected.set_decision(v1::REVIEW_DECISION_SEEK_SPECIALIST_ADVICE);
  *corrected.mutable_outcomes(1) =
      t::Progress("ccvc", v1::OUTCOME_PROGRESS_PARTLY_MET, "Dictation: 6 of 10 unseen CCVC words");
  stream.Add(t::Correction("event-12", corrected, "Second marker's score entered by mistake"));
  v1::NeedIdentified need = t::ReadingNeed();
  need.set_census_type(v1::CENSUS_NEED_TYPE_MLD);
  stream.Add(t::Correction("event-2", need, "EP report: moderate, not specific, difficulty"));
  return projections::RenderHistory(stream.File());
}

namespace {

// Amelia's record as a template for another pupil: the same shape, another name and need.
v1::PupilRegistered PupilNamed(const std::string& id, const std::string& name, int year) {
  v1::PupilRegistered pupil = t::Amelia();
  pupil.set_pupil_id(id);
  pupil.set_display_name(name);
  pupil.set_year_group(year);
  return pupil;
}

v1::NeedIdentified NeedOf(const std::string& id, v1::AreaOfNeed area, v1::CensusNeedType type) {
  v1::NeedIdentified need = t::ReadingNeed();
  need.set_need_id(id);
  need.set_area(area);
  need.set_census_type(type);
  return need;
}

v1::PlanAgreed PlanFor(const std::string& need_id, const std::string& plan_id, int cycle,
                       v1::Date agreed_on, v1::Date review_date) {
  v1::PlanAgreed plan = t::FirstPlan();
  plan.set_plan_id(plan_id);
  plan.set_cycle(cycle);
  plan.clear_need_ids();
  plan.add_need_ids(need_id);
  *plan.mutable_agreed_on() = agreed_on;
  *plan.mutable_review_date() = review_date;
  return plan;
}

v1::RegisterEntry EntryOf(const PupilStream& stream, const std::string& pupil_id) {
  v1::RegisterEntry entry = projections::RenderRegisterEntry(stream.File());
  entry.set_stream_id(absl::StrCat("pupil/", PupilStream::kTenant, "/", pupil_id));
  return entry;
}

// Leo: SEN support, two reviewed cycles with an outcome not met, the third due for review soon.
v1::RegisterEntry Leo() {
  PupilStream stream;
  stream.AddAll({PupilNamed("adm-20533", "Leo Mensah", 5),
                 NeedOf("need-semh", v1::AREA_OF_NEED_SOCIAL_EMOTIONAL_AND_MENTAL_HEALTH,
                        v1::CENSUS_NEED_TYPE_SEMH),
                 t::OntoSenSupport()});
  stream.Add(PlanFor("need-semh", "leo-1", 1, t::D(2025, 9, 15), t::D(2025, 11, 3)));
  stream.Add(Review("leo-review-1", "leo-1", t::D(2025, 11, 3), v1::OUTCOME_PROGRESS_PARTLY_MET,
                    v1::OUTCOME_PROGRESS_NOT_MET, v1::REVIEW_DECISION_REFINE_PLAN));
  stream.Add(PlanFor("need-semh", "leo-2", 2, t::D(2025, 11, 10), t::D(2026, 1, 12)));
  stream.Add(Review("leo-review-2", "leo-2", t::D(2026, 1, 12), v1::OUTCOME_PROGRESS_MET,
                    v1::OUTCOME_PROGRESS_NOT_MET, v1::REVIEW_DECISION_REFINE_PLAN));
  stream.Add(PlanFor("need-semh", "leo-3", 3, t::D(2026, 1, 19), t::D(2026, 2, 12)));
  for (int day : {20, 21, 22, 26, 27}) {
    stream.Add(t::Session(absl::StrCat("leo-", day), t::D(2026, 1, day), "pt", "leo-3"));
  }
  stream.Add(
      Missed("leo-29", t::D(2026, 1, 29), v1::ATTENDANCE_CANCELLED, "Class trip", "pt", "leo-3"));
  return EntryOf(stream, "adm-20533");
}

}  // namespace

v1::SchoolOverview SampleOverview() {
  std::vector<v1::RegisterEntry> entries;
  {  // Amelia: her second plan's review was due yesterday.
    PupilStream stream;
    FirstCycle(stream);
    v1::PlanAgreed second = t::SecondPlan();
    *second.mutable_review_date() = t::D(2026, 2, 4);
    stream.Add(second);
    for (int day : {8, 9, 10, 11, 12, 15, 16}) {
      stream.Add(t::Session(absl::StrCat("s2-", day), t::D(2025, 12, day), "pt", "plan-2"));
    }
    stream.Add(Missed("s2-x", t::D(2025, 12, 17), v1::ATTENDANCE_STAFF_ABSENT, "", "pt", "plan-2"));
    entries.push_back(EntryOf(stream, "adm-20417"));
  }
  entries.push_back(Leo());
  {  // Maya: an EHC plan, autism, a plan agreed in January.
    PupilStream stream;
    stream.AddAll({PupilNamed("adm-20688", "Maya O'Connor", 2),
                   NeedOf("need-asd", v1::AREA_OF_NEED_COMMUNICATION_AND_INTERACTION,
                          v1::CENSUS_NEED_TYPE_ASD),
                   t::OntoSenSupport(),
                   t::StatusChange(v1::SEN_STATUS_SEN_SUPPORT, v1::SEN_STATUS_EHC_PLAN),
                   PlanFor("need-asd", "maya-1", 1, t::D(2026, 1, 12), t::D(2026, 3, 9))});
    for (int day : {13, 14, 15, 16, 19, 20, 21}) {
      stream.Add(t::Session(absl::StrCat("maya-", day), t::D(2026, 1, day), "pt", "maya-1"));
    }
    entries.push_back(EntryOf(stream, "adm-20688"));
  }
  {  // Oliver: put on SEN support before any need was recorded.
    PupilStream stream;
    stream.AddAll({PupilNamed("adm-20702", "Oliver Brown", 3), t::OntoSenSupport()});
    entries.push_back(EntryOf(stream, "adm-20702"));
  }
  {  // Priya: on the roll, not on the register.
    PupilStream stream;
    stream.Add(PupilNamed("adm-20601", "Priya Shah", 6));
    entries.push_back(EntryOf(stream, "adm-20601"));
  }
  {  // Tom: left for another school.
    PupilStream stream;
    stream.AddAll({PupilNamed("adm-20212", "Tom Walsh", 6), t::TransferOut()});
    entries.push_back(EntryOf(stream, "adm-20212"));
  }
  return projections::BuildOverview(PupilStream::kTenant, entries, t::D(2026, 2, 5), 14);
}

namespace {

// Seed 001's tool, three rounds: all seven sections in March and November, the first four in
// July. Ratings climb a point a round towards targets 3 to 5 above where they started.
std::vector<domain::SchoolEvent> SelfEvaluationEvents() {
  const v1::Date rounds[] = {t::D(2025, 3, 14), t::D(2025, 7, 4), t::D(2025, 11, 21)};
  const int statements[] = {7, 7, 7, 7, 5, 5, 7};
  std::vector<domain::SchoolEvent> events;
  for (int round = 0; round < 3; ++round) {
    for (int s = 1; s <= 7; ++s) {
      if (round == 1 && s > 4) continue;
      for (int k = 1; k <= statements[s - 1]; ++k) {
        if (s == 5 && k == 5) continue;  // never rated
        v1::RatingRecorded r;
        r.set_section(static_cast<v1::SelfEvaluationSection>(s));
        r.set_statement(k);
        const bool not_applicable = s == 1 && k == 6;
        const int start = 1 + (s * 3 + k * 5) % 6;
        r.set_current_rating(not_applicable ? 0 : std::min(10, start + round));
        r.set_target_rating(not_applicable ? 0 : std::min(10, start + 3 + (k + s) % 3));
        if (!not_applicable) *r.mutable_target_by() = t::D(2026, 7, 17);
        r.set_evidence(absl::StrCat("Learning walks and pupil voice, round ", round + 1));
        r.set_rated_by("SLT and SEND governor");
        *r.mutable_rated_on() = rounds[round];
        events.push_back(r);
      }
    }
  }
  v1::ImprovementActionPlanned governor = t::GovernorTraining();
  *governor.mutable_planned_on() = t::D(2025, 3, 20);
  *governor.mutable_due_on() = t::D(2025, 10, 31);  // overdue on the view's date
  events.push_back(governor);
  v1::ImprovementActionPlanned pupils = t::GovernorTraining();
  pupils.set_action_id("action-pupil-voice");
  pupils.set_section(v1::SELF_EVALUATION_SECTION_WORKING_WITH_PARENTS_AND_CARERS);
  pupils.set_statement(2);
  pupils.set_action("Termly coffee mornings for parents of pupils with SEND, led by the SENCO.");
  pupils.set_owner("SENCO");
  pupils.set_success_measure("Parent survey: 80% say they feel listened to.");
  *pupils.mutable_planned_on() = t::D(2025, 11, 24);
  *pupils.mutable_due_on() = t::D(2026, 3, 31);
  events.push_back(pupils);
  return events;
}

}  // namespace

v1::SelfEvaluationTrends SampleTrends() {
  projections::SelfEvaluationFile file;
  const std::vector<domain::SchoolEvent> events = SelfEvaluationEvents();
  for (size_t i = 0; i < events.size(); ++i) {
    v1::EventEnvelope envelope;
    envelope.set_position(200 + i);
    envelope.set_stream_id(absl::StrCat("school/", PupilStream::kTenant, "/self-evaluation"));
    envelope.set_stream_version(i + 1);
    envelope.set_event_id(absl::StrCat("se-", i + 1));
    envelope.set_event_type(domain::EventTypeName(events[i]));
    envelope.set_tenant(PupilStream::kTenant);
    envelope.mutable_actor()->set_id("staff/7");
    envelope.mutable_actor()->set_role(v1::ROLE_LEADER);
    envelope.mutable_recorded_at()->set_seconds(1763700000 + static_cast<int64_t>(i));
    envelope.set_payload(domain::SerializeEvent(events[i]));
    EXPECT_TRUE(file.Apply(envelope).ok()) << i;
  }
  v1::SelfEvaluationTrends trends = projections::RenderTrends(file);
  projections::FillTrendsAsOf(t::D(2025, 11, 28), trends);
  return trends;
}

Provenance SampleProvenance() {
  Provenance provenance;
  provenance.tree_size = 230;
  provenance.root_hash = std::string(
      "\x3f\x2a\x91\x00\xde\xad\xbe\xef\x10\x20\x30\x40\x50\x60\x70\x80"
      "\x90\xa0\xb0\xc0\xd0\xe0\xf0\x01\x12\x23\x34\x45\x56\x67\x78\x89",
      32);
  provenance.made_at = absl::FromCivil(absl::CivilMinute(2026, 2, 5, 14, 30), absl::UTCTimeZone());
  return provenance;
}

}  // namespace endeavour::report::testing
