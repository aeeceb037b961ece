#include "projections/testing/school_workload_pupil.h"

#include <algorithm>
#include <iterator>
#include <utility>

#include "services/domain/streams.h"

namespace endeavour::projections::testing::workload {
namespace {

// Weekly session timetables (0 = Monday; -1 ends a two-session week).
constexpr int kPatterns[][3] = {{0, 2, 4}, {1, 3, -1}, {0, 3, -1},
                                {1, 2, 4}, {0, 2, -1}, {1, 3, 4}};

}  // namespace

PupilStory::PupilStory(const WorkloadOptions& options, int index)
    : rng_(StreamSeed(options.seed, static_cast<uint64_t>(index) + 1)),
      target_(static_cast<size_t>(std::max(0, options.events_per_pupil))),
      start_(SchoolDayOnOrAfter(domain::DayNumber(options.start))),
      stamper_(options, domain::PupilStreamId(options.tenant, PupilId(index)),
               absl::StrCat(IdSafeTenant(options.tenant), ":s", options.seed, "-p", index, "-e")),
      correlation_prefix_(
          absl::StrCat(IdSafeTenant(options.tenant), ":s", options.seed, "-p", index, "-c")),
      correlation_(correlation_prefix_ + "0"),
      academic_year_(options.start.month() >= 9 ? options.start.year() : options.start.year() - 1),
      index_(index) {
  events_.reserve(target_);
}

std::vector<WorkloadEvent> PupilStory::Tell() && {
  Register();
  IdentifyNeeds();
  ChangeStatus(v1::SEN_STATUS_NO_SEN, v1::SEN_STATUS_SEN_SUPPORT,
               AddSchoolDays(clock_, rng_.Between(1, 8)), rng_.Pick(StatusReasons()));
  while (!Full() && !ended_) RunCycle();
  return std::move(events_);
}

void PupilStory::FlushDue(int64_t day) {
  while (true) {
    auto due = std::min_element(pending_.begin(), pending_.end(),
                                [](const Pending& a, const Pending& b) { return a.day < b.day; });
    if (due == pending_.end() || due->day > day) return;
    Pending next = std::move(*due);
    pending_.erase(due);
    if (auto* advice = std::get_if<v1::ExternalAdviceReceived>(&next.fact)) {
      Append(*advice, next.day, Senco());
      advice_arrived_ = advice->summary();
    } else {
      const auto& change = std::get<v1::SenStatusChanged>(next.fact);
      Append(change, next.day, Senco());
      status_ = change.to_status();
    }
  }
}

void PupilStory::ChangeStatus(v1::SenStatus from, v1::SenStatus to, int64_t day,
                              const char* reason) {
  Record(StatusChange(from, to, day, reason), day);
  status_ = to;
}

void PupilStory::Register() {
  first_name_ = rng_.Pick(FirstNames());
  const char* surname = rng_.Pick(Surnames());
  static constexpr const char* kTitles[] = {"Mrs ", "Mr ", "Ms "};
  parent_name_ = absl::StrCat(rng_.Pick(kTitles), surname);
  const int year_group = rng_.Between(0, 6);
  v1::Date first_of_september;
  first_of_september.set_year(academic_year_ - year_group - 5);
  first_of_september.set_month(9);
  first_of_september.set_day(1);
  // Most pupils are on roll from the first day; the rest join during the autumn.
  const int64_t registered = rng_.Percent(70) ? start_ : AddSchoolDays(start_, rng_.Between(1, 40));
  v1::PupilRegistered pupil;
  pupil.set_pupil_id(PupilId(index_));
  pupil.set_display_name(absl::StrCat(first_name_, " ", surname));
  *pupil.mutable_date_of_birth() =
      ToDate(domain::DayNumber(first_of_september) + rng_.Between(0, 364));
  pupil.set_year_group(year_group);
  *pupil.mutable_registered_on() = ToDate(registered);
  Record(pupil, registered);
}

v1::NeedIdentified PupilStory::Need(const NeedProfile& profile, int number, v1::NeedRank rank,
                                    int64_t day) {
  v1::NeedIdentified need;
  need.set_need_id(absl::StrCat("need-", number));
  need.set_area(profile.area);
  need.set_census_type(profile.census_type);
  need.set_rank(rank);
  const int pieces = rng_.Between(rank == v1::NEED_RANK_PRIMARY ? 2 : 1, 3);
  for (int i = 0; i < pieces; ++i) {
    v1::Evidence* evidence = need.add_evidence();
    evidence->set_kind(profile.evidence[i].kind);
    evidence->set_summary(profile.evidence[i].summary);
    *evidence->mutable_dated() = ToDate(day - rng_.Between(1, 10));
  }
  static constexpr v1::Agreement kParents[] = {v1::AGREEMENT_AGREES, v1::AGREEMENT_AGREES,
                                               v1::AGREEMENT_AGREES, v1::AGREEMENT_PARTLY_AGREES,
                                               v1::AGREEMENT_DISAGREES};
  static constexpr v1::Agreement kProfessionals[] = {
      v1::AGREEMENT_NOT_YET_ASKED, v1::AGREEMENT_NOT_YET_ASKED, v1::AGREEMENT_AGREES,
      v1::AGREEMENT_PARTLY_AGREES};
  need.set_parents_agree(rng_.Pick(kParents));
  need.set_professionals_agree(rng_.Pick(kProfessionals));
  need.set_views(profile.views);
  *need.mutable_identified_on() = ToDate(day);
  return need;
}

void PupilStory::IdentifyNeeds() {
  primary_ = &NeedProfileFor(rng_.Between(0, 99));
  responsiveness_ = rng_.Between(30, 85);
  int64_t day = AddSchoolDays(clock_, rng_.Between(10, 45));
  need_ids_.push_back("need-1");
  Record(Need(*primary_, 1, v1::NEED_RANK_PRIMARY, day), day);
  if (!rng_.Percent(30)) return;
  const NeedProfile* secondary = &NeedProfileFor(rng_.Between(0, 99));
  if (secondary->census_type == primary_->census_type) return;
  day = AddSchoolDays(day, rng_.Between(1, 10));
  need_ids_.push_back("need-2");
  Record(Need(*secondary, 2, v1::NEED_RANK_SECONDARY, day), day);
}

v1::SenStatusChanged PupilStory::StatusChange(v1::SenStatus from, v1::SenStatus to, int64_t day,
                                              const char* reason) {
  v1::SenStatusChanged change;
  change.set_from_status(from);
  change.set_to_status(to);
  *change.mutable_decided_on() = ToDate(day);
  *change.mutable_parents_informed_on() = ToDate(AddSchoolDays(day, rng_.Between(0, 2)));
  change.set_reason(reason);
  return change;
}

void PupilStory::RunCycle() {
  ++cycle_;
  correlation_ = absl::StrCat(correlation_prefix_, cycle_);
  const int64_t agreed = AddSchoolDays(clock_, rng_.Between(cycle_ == 1 ? 3 : 1, 6));
  // The review date set at the last review, unless the new plan starts too close to it.
  const int64_t review_date =
      next_review_ > agreed + 28 ? next_review_ : SchoolDayOnOrAfter(agreed + rng_.Between(42, 56));
  const v1::PlanAgreed plan = Plan(agreed, review_date);
  if (!Record(plan, agreed)) return;
  LogSessions(agreed, review_date);
  Review(plan, review_date);
  responsiveness_ = std::min(90, responsiveness_ + 3);
}

v1::Provision PupilStory::ProvisionFrom(const InterventionTemplate& intervention) {
  const StaffMember& staff = Staff()[intervention.staff];
  v1::Provision provision;
  provision.set_provision_id(intervention.id);
  provision.set_intervention(intervention.name);
  provision.set_wave(intervention.wave);
  provision.set_delivered_by(staff.name);
  provision.set_deliverer_trained(rng_.Percent(90));
  provision.set_evidence_based(rng_.Percent(85));
  provision.set_sessions_per_week(intervention.sessions_per_week);
  provision.set_minutes_per_session(intervention.minutes);
  provision.set_group_size(intervention.group_size);
  provision.set_weekly_cost_pence(static_cast<int64_t>(intervention.sessions_per_week) *
                                  intervention.minutes * staff.pence_per_minute /
                                  intervention.group_size);
  provision_staff_.push_back(&staff);
  return provision;
}

v1::PlanAgreed PupilStory::Plan(int64_t agreed, int64_t review_date) {
  v1::PlanAgreed plan;
  plan_id_ = absl::StrCat("plan-", cycle_);
  plan.set_plan_id(plan_id_);
  plan.set_cycle(cycle_);
  *plan.mutable_agreed_on() = ToDate(agreed);
  for (const std::string& id : need_ids_) plan.add_need_ids(id);
  const v1::Date target = ToDate(review_date);
  const int outcomes = rng_.Between(2, 3), first_outcome = rng_.Between(0, 2);
  for (int i = 0; i < outcomes; ++i) {
    const OutcomeTemplate& t = primary_->outcomes[(first_outcome + i) % 3];
    v1::PlanOutcome* outcome = plan.add_outcomes();
    outcome->set_outcome_id(t.id);
    outcome->set_description(
        absl::StrCat(t.before, std::min(t.start + t.step * (cycle_ - 1), t.cap), t.after));
    outcome->set_success_criteria(t.success_criteria);
    outcome->set_measured_how(t.measured_how);
    outcome->set_measured_by(t.measured_by);
    *outcome->mutable_target_date() = target;
  }
  provisions_.clear();
  provision_staff_.clear();
  const int provisions = rng_.Between(1, 3), first_provision = rng_.Between(0, 2);
  for (int i = 0; i < provisions; ++i) {
    provisions_.push_back(ProvisionFrom(primary_->interventions[(first_provision + i) % 3]));
    *plan.add_provisions() = provisions_.back();
  }
  plan.add_classroom_adjustments(rng_.Pick(ClassroomAdjustments()));
  if (rng_.Percent(50)) plan.add_classroom_adjustments(rng_.Pick(ClassroomAdjustments()));
  v1::Participant* parent = plan.add_participants();
  parent->set_name(parent_name_);
  parent->set_role("parent");
  parent->set_views(rng_.Pick(ParentViews()));
  v1::Participant* pupil = plan.add_participants();
  pupil->set_name(first_name_);
  pupil->set_role("pupil");
  pupil->set_views(rng_.Pick(PupilViews()));
  *plan.mutable_review_date() = target;
  if (rng_.Percent(30)) plan.add_training_needs(rng_.Pick(TrainingNeeds()));
  plan.add_actions_at_home(rng_.Pick(ActionsAtHome()));
  if (cycle_ >= 2) plan.set_learnt_from_previous_cycle(learnt_);
  return plan;
}

// Do: two or three sessions a week on a fixed timetable until the review, with an occasional
// week lost (trips, assessments) and now and then an adjustment, a request for advice, a
// correction or a retraction, each on the first session day at or after it was due.
void PupilStory::LogSessions(int64_t agreed, int64_t held) {
  logged_.clear();
  sessions_ = 0;
  const int64_t span = held - agreed;
  int64_t advice_day =
      seek_advice_ || rng_.Percent(10) ? agreed + rng_.Between(1, span / 3) : kNever;
  int64_t adjust_day = rng_.Percent(25) ? agreed + span / 3 + rng_.Between(0, span / 3) : kNever;
  int64_t correct_day = rng_.Percent(12) ? agreed + span / 2 + rng_.Between(0, span / 3) : kNever;
  int64_t retract_day = rng_.Percent(8) ? agreed + span / 3 + rng_.Between(0, span / 2) : kNever;
  const int* pattern = kPatterns[rng_.Between(0, static_cast<int>(std::size(kPatterns)) - 1)];
  for (int64_t monday = agreed - DayOfWeek(agreed); monday < held; monday += 7) {
    if (rng_.Percent(5)) continue;
    for (int i = 0; i < 3 && pattern[i] >= 0; ++i) {
      const int64_t day = monday + pattern[i];
      if (day <= agreed || day >= held || !IsSchoolDay(day)) continue;
      if (advice_day <= day) {
        advice_day = kNever;
        RequestAdvice(day);
      }
      if (adjust_day <= day) {
        adjust_day = kNever;
        Adjust(day);
      }
      if (correct_day <= day && CorrectSession(day)) correct_day = kNever;
      if (retract_day <= day && RetractSession(day)) retract_day = kNever;
      LogSession(day);
      if (Full()) return;
    }
  }
}

void PupilStory::LogSession(int64_t day) {
  const size_t which = static_cast<size_t>(sessions_) % provisions_.size();
  const v1::Provision& provision = provisions_[which];
  v1::InterventionDelivered session;
  session.set_session_id(absl::StrCat("c", cycle_, "-s", ++sessions_));
  session.set_plan_id(plan_id_);
  session.set_provision_id(provision.provision_id());
  *session.mutable_delivered_on() = ToDate(day);
  session.set_delivered_by(provision.delivered_by());
  const int roll = rng_.Between(0, 99);
  if (roll < 85) {
    static constexpr v1::Engagement kEngagement[] = {
        v1::ENGAGEMENT_FULLY_ENGAGED,  v1::ENGAGEMENT_FULLY_ENGAGED,  v1::ENGAGEMENT_FULLY_ENGAGED,
        v1::ENGAGEMENT_MOSTLY_ENGAGED, v1::ENGAGEMENT_MOSTLY_ENGAGED, v1::ENGAGEMENT_PARTLY_ENGAGED,
        v1::ENGAGEMENT_NOT_ENGAGED};
    const int minutes = provision.minutes_per_session();
    // Now and then a session is cut short.
    session.set_minutes(minutes > 5 && rng_.Percent(10) ? minutes - 5 : minutes);
    session.set_attendance(v1::ATTENDANCE_ATTENDED);
    session.set_engagement(rng_.Pick(kEngagement));
    if (rng_.Percent(10)) session.set_note(rng_.Pick(SessionNotes()));
  } else if (roll < 91) {
    session.set_attendance(v1::ATTENDANCE_PUPIL_ABSENT);
  } else if (roll < 96) {
    session.set_attendance(v1::ATTENDANCE_STAFF_ABSENT);
  } else {
    session.set_attendance(v1::ATTENDANCE_CANCELLED);
    session.set_cancellation_reason(rng_.Pick(CancellationReasons()));
  }
  if (Record(session, day, *provision_staff_[which])) {
    logged_.push_back({events_.size() - 1, session.attendance() == v1::ATTENDANCE_ATTENDED});
  }
}

std::string PupilId(int index) { return absl::StrCat("adm-", 10000 + index); }

std::vector<WorkloadEvent> GeneratePupil(const WorkloadOptions& options, int index) {
  return PupilStory(options, index).Tell();
}

}  // namespace endeavour::projections::testing::workload
