// One Assess-Plan-Do-Review cycle of a demo pupil: the plan agreed, the sessions of each
// provision on its days of the week (most attended, some missed, a few never logged), perhaps an
// adjustment half-way, and the review whose outcomes fit its decision.
#include "clients/demo/demo_cycle.h"

#include <algorithm>
#include <optional>
#include <utility>

#include "absl/strings/str_cat.h"
#include "absl/strings/substitute.h"
#include "clients/demo/demo_review.h"

namespace endeavour::demo {
namespace {

using domain::AddDays;
using domain::CompareDates;
using domain::FormatDate;

// The weekdays a provision of `per_week` sessions runs on.
bool SessionDay(int weekday, int per_week) {
  switch (per_week) {
    case 1:
      return weekday == 2;
    case 2:
      return weekday == 1 || weekday == 3;
    case 3:
      return weekday == 0 || weekday == 2 || weekday == 4;
    case 4:
      return weekday <= 3;
    default:
      return weekday <= 4;
  }
}

int64_t WeeklyCostPence(const ProvisionChoice& p) {
  const int pence_per_minute = p.spec->by_teacher ? 60 : 30;
  return static_cast<int64_t>(p.sessions_per_week) * p.spec->minutes * pence_per_minute /
         p.group_size;
}

v1::Provision ToProvision(const ProvisionChoice& p, int cycle, size_t index) {
  v1::Provision provision;
  provision.set_provision_id(absl::StrCat("c", cycle, "-p", index + 1));
  provision.set_intervention(std::string(p.spec->name));
  provision.set_wave(p.wave);
  provision.set_delivered_by(p.delivered_by);
  provision.set_deliverer_trained(p.trained);
  provision.set_evidence_based(true);
  provision.set_sessions_per_week(p.sessions_per_week);
  provision.set_minutes_per_session(p.spec->minutes);
  provision.set_group_size(p.group_size);
  provision.set_weekly_cost_pence(WeeklyCostPence(p));
  return provision;
}

v1::Participant Participant(std::string name, std::string role, std::string views) {
  v1::Participant participant;
  participant.set_name(std::move(name));
  participant.set_role(std::move(role));
  participant.set_views(std::move(views));
  return participant;
}

void AddOutcomes(StoryState& s, int cycle, const CycleDates& d, v1::PlanAgreed& plan) {
  const auto& outcomes = s.area->outcomes;
  const int count = s.rng.Between(2, 3);
  auto add = [&](const OutcomeSpec& spec) {
    v1::PlanOutcome* outcome = plan.add_outcomes();
    outcome->set_outcome_id(absl::StrCat("c", cycle, "-o", plan.outcomes_size()));
    outcome->set_description(absl::Substitute(spec.description, s.pupil.first_name));
    outcome->set_success_criteria(std::string(spec.success_criteria));
    outcome->set_measured_how(std::string(spec.measured_how));
    outcome->set_measured_by(std::string(spec.measured_by));
    *outcome->mutable_target_date() = d.review_date;
  };
  for (int i = 0; i < count; ++i) add(outcomes[(s.outcome_offset + i) % outcomes.size()]);
  if (s.secondary_area != nullptr && s.rng.Percent(50)) add(s.rng.Pick(s.secondary_area->outcomes));
  ++s.outcome_offset;  // the next plan keeps some targets and brings in one more
}

v1::PlanAgreed BuildPlan(StoryState& s, int cycle, const CycleDates& d) {
  v1::PlanAgreed plan;
  plan.set_plan_id(absl::StrCat("plan-c", cycle));
  plan.set_cycle(cycle);
  *plan.mutable_agreed_on() = d.agreed_on;
  if (!s.replacing_need.empty() && CompareDates(s.replacing_from, d.agreed_on) <= 0) {
    s.primary_need = std::exchange(s.replacing_need, "");
  }
  plan.add_need_ids(s.primary_need);
  if (!s.secondary_need.empty()) plan.add_need_ids(s.secondary_need);
  AddOutcomes(s, cycle, d, plan);
  for (size_t i = 0; i < s.provisions.size(); ++i) {
    *plan.add_provisions() = ToProvision(s.provisions[i], cycle, i);
    if (!s.provisions[i].trained) {
      plan.add_training_needs(absl::StrCat(s.provisions[i].delivered_by,
                                           " to complete training in ", s.provisions[i].spec->name,
                                           " before the first session"));
    }
  }
  const auto& adjustments = s.area->adjustments;
  for (int i = 0; i < 3; ++i) {
    plan.add_classroom_adjustments(std::string(adjustments[(cycle + i) % adjustments.size()]));
  }
  *plan.add_participants() = Participant(s.pupil.parent, "parent", ParentPlanView(s));
  *plan.add_participants() = Participant(std::string(ClassTeacherOn(s, d.agreed_on)),
                                         "class teacher", "Will use the adjustments every day.");
  *plan.add_participants() =
      Participant(std::string(SencoName()), "SENCO", "Will check delivery each half-term.");
  *plan.add_participants() =
      Participant(s.pupil.first_name, "pupil", PupilPlanView(s, s.provisions.front()));
  if (!s.specialist.empty() && CompareDates(s.specialist_from, d.agreed_on) <= 0) {
    *plan.add_participants() =
        Participant(s.specialist, "specialist", "Recommendations from the advice are built in.");
  }
  *plan.mutable_review_date() = d.review_date;
  plan.add_actions_at_home(std::string(s.rng.Pick(s.area->home_actions)));
  if (cycle >= 2 || s.profile.story == Story::kTransferIn) {
    plan.set_learnt_from_previous_cycle(LearntForPlan(s, d.agreed_on));
  }
  return plan;
}

struct Adjustment {
  size_t provision = 0;
  v1::Date on;
  int sessions_per_week = 0;
};

// Sometimes, half-way through, a provision is changed: more or less of it, or done differently.
std::optional<Adjustment> MaybeAdjust(StoryState& s, int cycle, const CycleDates& d,
                                      const v1::PlanAgreed& plan, const v1::Date& stop) {
  if (!s.rng.Percent(30)) return std::nullopt;
  Adjustment adjustment{static_cast<size_t>(s.rng.Between(0, plan.provisions_size() - 1)),
                        AddSchoolDays(d.agreed_on, s.rng.Between(15, 25)), 0};
  if (DaysBetween(adjustment.on, stop) < 10) return std::nullopt;
  const v1::Provision& before = plan.provisions(static_cast<int>(adjustment.provision));
  v1::PlanAdjusted adjusted;
  adjusted.set_adjustment_id(absl::StrCat("adj-c", cycle));
  adjusted.set_plan_id(plan.plan_id());
  adjusted.set_provision_id(before.provision_id());
  *adjusted.mutable_adjusted_on() = adjustment.on;
  v1::Provision* after = adjusted.mutable_provision();
  *after = before;
  const int kind = s.rng.Between(0, 2);
  if (kind == 0 && before.sessions_per_week() < 5) {
    adjusted.set_resource_change(v1::RESOURCE_CHANGE_MORE);
    after->set_sessions_per_week(before.sessions_per_week() + 1);
    adjusted.set_reason(
        "Slower progress than hoped at the half-way check: one more session a week");
  } else if (kind == 1 && before.sessions_per_week() > 1) {
    adjusted.set_resource_change(v1::RESOURCE_CHANGE_LESS);
    after->set_sessions_per_week(before.sessions_per_week() - 1);
    adjusted.set_reason(absl::Substitute(
        "$0 is ahead of the expected steps: one session a week released to the class",
        s.pupil.first_name));
  } else {
    adjusted.set_resource_change(v1::RESOURCE_CHANGE_NONE);
    adjusted.set_intervention_modified(true);
    after->set_intervention(absl::StrCat(before.intervention(), ", with visual prompt cards"));
    adjusted.set_reason("Adapted after an observation: visual prompt cards added to each session");
  }
  after->set_weekly_cost_pence(before.weekly_cost_pence() * after->sessions_per_week() /
                               before.sessions_per_week());
  adjustment.sessions_per_week = after->sessions_per_week();
  v1::AdjustPlanRequest request;
  *request.mutable_command()->mutable_adjustment() = adjusted;
  s.script.Add(adjustment.on, request);
  return adjustment;
}

// What became of a planned session, from a roll of 0-99: most were attended; a disrupted cycle
// (`missed` 3) loses three times as many. UNSPECIFIED: never logged at all.
v1::Attendance SessionFate(int roll, int missed) {
  if (roll < 3 * missed) return v1::ATTENDANCE_UNSPECIFIED;
  if (roll < 4 * missed) return v1::ATTENDANCE_CANCELLED;
  if (roll < 6 * missed) return v1::ATTENDANCE_STAFF_ABSENT;
  if (roll < 8 * missed) return v1::ATTENDANCE_PUPIL_ABSENT;
  return v1::ATTENDANCE_ATTENDED;
}

v1::InterventionDelivered Session(StoryState& s, const v1::PlanAgreed& plan,
                                  const v1::Provision& provision, const v1::Date& day, bool good,
                                  v1::Attendance attendance) {
  v1::InterventionDelivered session;
  session.set_session_id(absl::StrCat(provision.provision_id(), "-", FormatDate(day)));
  session.set_plan_id(plan.plan_id());
  session.set_provision_id(provision.provision_id());
  *session.mutable_delivered_on() = day;
  session.set_attendance(attendance);
  if (attendance == v1::ATTENDANCE_ATTENDED) {
    const int minutes = provision.minutes_per_session();
    session.set_minutes(minutes > 10 && s.rng.Percent(10) ? minutes - 5 : minutes);
    session.set_delivered_by(provision.delivered_by());
    session.set_engagement(SessionEngagement(s, good));
    if (s.rng.Percent(15)) session.set_note(SessionNote(s, good));
  } else if (attendance == v1::ATTENDANCE_CANCELLED) {
    session.set_cancellation_reason(std::string(s.rng.Pick(CancellationReasons())));
  } else if (attendance == v1::ATTENDANCE_STAFF_ABSENT) {
    session.set_note("No cover available");
  }
  return session;
}

// A session corrected (the minutes were wrong) or logged twice and the copy retracted.
void PutRightSession(StoryState& s, const v1::InterventionDelivered& session,
                     const std::string& event_id) {
  const v1::Date on = AddSchoolDays(session.delivered_on(), s.rng.Between(1, 3));
  if (CompareDates(on, s.frame.end) > 0) return;
  if (s.profile.corrects_session) {
    v1::InterventionDelivered corrected = session;
    corrected.set_minutes(session.minutes() > 10 ? session.minutes() - 10 : session.minutes() + 5);
    corrected.set_note("Session cut short by a fire drill");
    v1::CorrectRecordRequest request;
    v1::RecordCorrected* c = request.mutable_command()->mutable_correction();
    c->set_corrected_event_id(event_id);
    c->set_reason("Minutes logged from the timetable, not the session as delivered");
    c->set_corrected_event_type(v1::InterventionDelivered::descriptor()->full_name());
    c->set_corrected_payload(corrected.SerializeAsString());
    s.script.Add(on, request);
  }
  if (s.profile.retracts_duplicate_session) {
    v1::InterventionDelivered copy = session;
    copy.set_session_id(absl::StrCat(session.session_id(), "-b"));
    copy.set_delivered_by(std::string(TeachingAssistants().back()));
    v1::LogInterventionRequest log;
    *log.mutable_command()->mutable_session() = copy;
    const std::string copy_id = s.script.Add(session.delivered_on(), log);
    v1::RetractRecordRequest request;
    request.mutable_command()->mutable_retraction()->set_retracted_event_id(copy_id);
    request.mutable_command()->mutable_retraction()->set_reason(
        absl::StrCat("Logged twice: the session of ", FormatDate(session.delivered_on()),
                     " was already recorded by ", session.delivered_by()));
    s.script.Add(on, request);
  }
}

Delivery WriteSessions(StoryState& s, const CycleDates& d, const v1::PlanAgreed& plan, bool good,
                       bool first_cycle) {
  const v1::Date stop = d.reviewed ? d.held_on : AddDays(s.frame.end, 1);
  const std::optional<Adjustment> adjustment = MaybeAdjust(s, plan.cycle(), d, plan, stop);
  const int missed = !good && s.rng.Percent(35) ? 3 : 1;  // a disrupted cycle loses more
  Delivery delivery;
  bool put_right = !first_cycle;
  for (v1::Date day = AddDays(d.agreed_on, 1); CompareDates(day, stop) < 0; day = AddDays(day, 1)) {
    if (!IsSchoolDay(day)) continue;
    for (int k = 0; k < plan.provisions_size(); ++k) {
      const v1::Provision& provision = plan.provisions(k);
      int per_week = provision.sessions_per_week();
      if (adjustment && adjustment->provision == static_cast<size_t>(k) &&
          CompareDates(day, adjustment->on) > 0) {
        per_week = adjustment->sessions_per_week;
      }
      if (!SessionDay(Weekday(day), per_week)) continue;
      ++delivery.planned;
      const v1::Attendance attendance = SessionFate(s.rng.Between(0, 99), missed);
      if (attendance == v1::ATTENDANCE_UNSPECIFIED) continue;  // never logged
      const v1::InterventionDelivered session = Session(s, plan, provision, day, good, attendance);
      v1::LogInterventionRequest request;
      *request.mutable_command()->mutable_session() = session;
      const std::string event_id = s.script.Add(day, request);
      if (attendance != v1::ATTENDANCE_ATTENDED) continue;
      ++delivery.attended;
      if (!put_right && delivery.attended == 6) {
        PutRightSession(s, session, event_id);
        put_right = true;
      }
    }
  }
  return delivery;
}

}  // namespace

const InterventionSpec& UnusedIntervention(StoryState& s, const AreaCatalogue& area) {
  std::vector<const InterventionSpec*> unused;
  for (const InterventionSpec& spec : area.interventions) {
    const bool used = std::any_of(s.provisions.begin(), s.provisions.end(),
                                  [&](const ProvisionChoice& p) { return p.spec == &spec; });
    if (!used) unused.push_back(&spec);
  }
  return unused.empty() ? s.rng.Pick(area.interventions) : *s.rng.Pick(unused);
}

ProvisionChoice ChooseProvision(StoryState& s, const AreaCatalogue& area,
                                const InterventionSpec& spec) {
  ProvisionChoice choice;
  choice.area = &area;
  choice.spec = &spec;
  choice.sessions_per_week = spec.sessions_per_week;
  choice.group_size = spec.group_size;
  choice.wave = spec.wave;
  choice.delivered_by = spec.by_teacher ? std::string(ClassTeacher(s.pupil.year_group))
                                        : std::string(s.rng.Pick(TeachingAssistants()));
  choice.trained = s.rng.Percent(85);
  return choice;
}

void WriteCycle(StoryState& s, int cycle, const CycleDates& d, v1::ReviewDecision decision,
                const v1::Date& next_review) {
  const v1::PlanAgreed plan = BuildPlan(s, cycle, d);
  v1::AgreePlanRequest agree;
  *agree.mutable_command()->mutable_plan() = plan;
  s.script.Add(d.agreed_on, agree);
  const bool good = GoodDecision(decision) || !d.reviewed;
  const Delivery delivery = WriteSessions(s, d, plan, good, cycle == 1);
  for (ProvisionChoice& provision : s.provisions) provision.trained = true;
  if (!d.reviewed) return;
  const v1::ReviewHeld review = BuildReview(s, plan, d, decision, next_review, delivery);
  v1::RecordReviewRequest record;
  *record.mutable_command()->mutable_review() = review;
  const std::string review_event = s.script.Add(d.held_on, record);
  if (cycle == 1 && s.profile.corrects_review) CorrectReview(s, review, review_event);
  s.learnt = review.learnt();
  ChangeProvisions(s, decision);
}

}  // namespace endeavour::demo
