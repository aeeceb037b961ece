#include "clients/demo/demo_review.h"

#include <algorithm>
#include <utility>
#include <vector>

#include "absl/strings/str_cat.h"
#include "absl/strings/substitute.h"

namespace endeavour::demo {
namespace {

using domain::AddDays;
using domain::CompareDates;

struct DecisionWords {
  v1::ReviewDecision decision;
  absl::string_view reason;
  absl::string_view learnt;
  absl::string_view pupil;
  absl::string_view parent;
  absl::string_view staff;
};

constexpr DecisionWords kWords[] = {
    {v1::REVIEW_DECISION_REDUCE_SUPPORT,
     "$0 exceeded the targets: support is reduced to build independence.",
     "$0 responds quickly to short, regular practice; the next step is using the strategies in "
     "class without an adult.",
     "$0 says the sessions helped and wants to try on their own now.",
     "Delighted with the progress; happy for support to be reduced.",
     "Clear gains seen in class as well as in the sessions."},
    {v1::REVIEW_DECISION_CONTINUE,
     "Expected progress: the provision works and continues with new "
     "targets.",
     "Small steps and regular practice suit $0; the provision is working and should carry on.",
     "$0 likes the group and wants to keep going.",
     "Pleased with the steady progress; keen for it to continue.",
     "Steady progress; the adjustments are now routine in class."},
    {v1::REVIEW_DECISION_REFINE_PLAN,
     "Less than expected progress: the intervention is refined for the next cycle.",
     "The provision in its current form was not enough for $0; shorter, more frequent practice "
     "and pre-teaching are needed.",
     "$0 finds some sessions hard and would like more help in class.",
     "Worried that progress is slow; agree the plan should change.",
     "Some progress, but gaps remain; the intervention needs changing."},
    {v1::REVIEW_DECISION_SEEK_SPECIALIST_ADVICE,
     "Progress remains limited after refining the plan: specialist advice is needed to understand "
     "the barriers.",
     "The school's own adjustments have not unlocked progress for $0; a specialist view of the "
     "needs is required.",
     "$0 says the work is still too hard.",
     "Want a specialist to assess $0; consent given for the referral.",
     "We have tried our usual approaches; we need advice."},
    {v1::REVIEW_DECISION_REQUEST_EHC_NEEDS_ASSESSMENT,
     "Significant concerns remain despite rigorous cycles of support and specialist advice: the "
     "school will request an EHC needs assessment.",
     "The support $0 needs goes beyond what the school can provide from its own resources.",
     "$0 says they want to be able to do the same work as friends.",
     "Parents support a request for an EHC needs assessment.",
     "Needs are complex and persistent; the evidence supports a request."},
    {v1::REVIEW_DECISION_NO_LONGER_NEEDS_SEN_SUPPORT,
     "$0's needs can now be met through quality-first teaching: SEN support ends, with progress "
     "monitored by the class teacher.",
     "The adjustments that worked for $0 are now part of everyday teaching in class.",
     "$0 is proud to be doing the same work as everyone else.",
     "Very happy; understand the school will keep an eye on progress.",
     "Working at age-related expectations with ordinary classroom support."},
};

// Other ways a review puts what it learnt, so a long history does not repeat itself.
constexpr std::pair<v1::ReviewDecision, absl::string_view> kMoreLearnt[] = {
    {v1::REVIEW_DECISION_REDUCE_SUPPORT,
     "$0 now uses the strategies unprompted; fading adult support is the next step."},
    {v1::REVIEW_DECISION_CONTINUE,
     "$0 responds well to the routine of the sessions; keep it and raise the targets."},
    {v1::REVIEW_DECISION_CONTINUE,
     "Progress is steady when sessions happen as planned; the timetable slot must be protected."},
    {v1::REVIEW_DECISION_REFINE_PLAN,
     "$0 made progress only when an adult modelled each step; the next plan builds in modelling "
     "and more practice."},
    {v1::REVIEW_DECISION_REFINE_PLAN,
     "The group moved too fast for $0; smaller steps and more repetition are needed."},
    {v1::REVIEW_DECISION_SEEK_SPECIALIST_ADVICE,
     "Refining the plan has not changed the picture for $0; the barrier must be understood "
     "before the plan changes again."},
};

std::string Learnt(StoryState& s, const DecisionWords& words) {
  std::vector<absl::string_view> ways = {words.learnt};
  for (const auto& [decision, learnt] : kMoreLearnt) {
    if (decision == words.decision) ways.push_back(learnt);
  }
  return absl::Substitute(s.rng.Pick(ways), s.pupil.first_name);
}

const DecisionWords& WordsFor(v1::ReviewDecision decision) {
  for (const DecisionWords& words : kWords) {
    if (words.decision == decision) return words;
  }
  return kWords[1];
}

v1::OutcomeProgress Progress(StoryState& s, v1::ReviewDecision decision, int index) {
  switch (decision) {
    case v1::REVIEW_DECISION_REDUCE_SUPPORT:
    case v1::REVIEW_DECISION_NO_LONGER_NEEDS_SEN_SUPPORT:
      return index == 0 || s.rng.Percent(40) ? v1::OUTCOME_PROGRESS_EXCEEDED
                                             : v1::OUTCOME_PROGRESS_MET;
    case v1::REVIEW_DECISION_CONTINUE:
      return index == 0 || s.rng.Percent(60) ? v1::OUTCOME_PROGRESS_MET
                                             : v1::OUTCOME_PROGRESS_PARTLY_MET;
    case v1::REVIEW_DECISION_REFINE_PLAN:
      return index == 0 || s.rng.Percent(50) ? v1::OUTCOME_PROGRESS_PARTLY_MET
                                             : v1::OUTCOME_PROGRESS_NOT_MET;
    default:
      return index == 0 || s.rng.Percent(70) ? v1::OUTCOME_PROGRESS_NOT_MET
                                             : v1::OUTCOME_PROGRESS_PARTLY_MET;
  }
}

std::string ProgressEvidence(v1::OutcomeProgress progress) {
  switch (progress) {
    case v1::OUTCOME_PROGRESS_EXCEEDED:
      return "Target passed weeks early and sustained in class work";
    case v1::OUTCOME_PROGRESS_MET:
      return "Success criteria met on the last two checks";
    case v1::OUTCOME_PROGRESS_PARTLY_MET:
      return "Improving: about half-way to the success criteria";
    default:
      return "Little change on the checks since the plan was agreed";
  }
}

v1::ReviewInvitee Invitee(std::string name, std::string role, const v1::Date& invited_on,
                          bool attended) {
  v1::ReviewInvitee invitee;
  invitee.set_name(std::move(name));
  invitee.set_role(std::move(role));
  *invitee.mutable_invited_on() = invited_on;
  invitee.set_attended(attended);
  return invitee;
}

int SchoolYearOf(const v1::Date& date) { return date.month() >= 9 ? date.year() : date.year() - 1; }

}  // namespace

bool GoodDecision(v1::ReviewDecision decision) {
  return decision == v1::REVIEW_DECISION_REDUCE_SUPPORT ||
         decision == v1::REVIEW_DECISION_CONTINUE ||
         decision == v1::REVIEW_DECISION_NO_LONGER_NEEDS_SEN_SUPPORT;
}

absl::string_view ClassTeacherOn(const StoryState& s, const v1::Date& date) {
  return ClassTeacher(s.pupil.year_group + SchoolYearOf(date) - SchoolYearOf(s.frame.start));
}

std::string ParentPlanView(StoryState& s) {
  constexpr absl::string_view kViews[] = {
      "Happy with the plan; will do the home activities each week.",
      "Worried about $0's confidence but pleased there is a clear plan.",
      "Would like a weekly update in the home-school book.",
      "Agree with the targets; $0 has said the same things at home."};
  return absl::Substitute(s.rng.Pick(kViews), s.pupil.first_name);
}

std::string PupilPlanView(StoryState& s, const ProvisionChoice& provision) {
  return absl::StrCat(s.pupil.first_name,
                      " chose a reward for reaching the targets and is happy "
                      "to try: ",
                      provision.spec->name);
}

std::string LearntForPlan(StoryState& s, const v1::Date& agreed_on) {
  std::string learnt = s.learnt;
  if (!s.advice_summary.empty() && CompareDates(s.specialist_from, agreed_on) <= 0) {
    absl::StrAppend(&learnt, " Advice from ", s.specialist, ": ", s.advice_summary);
    s.advice_summary.clear();  // brought into this plan; later plans build on it
  }
  return learnt;
}

v1::Engagement SessionEngagement(StoryState& s, bool good) {
  const int roll = s.rng.Between(0, 99);
  if (good) {
    return roll < 50   ? v1::ENGAGEMENT_FULLY_ENGAGED
           : roll < 85 ? v1::ENGAGEMENT_MOSTLY_ENGAGED
                       : v1::ENGAGEMENT_PARTLY_ENGAGED;
  }
  return roll < 30   ? v1::ENGAGEMENT_MOSTLY_ENGAGED
         : roll < 75 ? v1::ENGAGEMENT_PARTLY_ENGAGED
                     : v1::ENGAGEMENT_NOT_ENGAGED;
}

std::string SessionNote(StoryState& s, bool good) {
  constexpr absl::string_view kGood[] = {"Good focus today", "Used the strategy without a prompt",
                                         "Worked well with a partner"};
  constexpr absl::string_view kHard[] = {"Tired after PE", "Needed several reminders to start",
                                         "Upset after playtime; settled after ten minutes"};
  return std::string(good ? s.rng.Pick(kGood) : s.rng.Pick(kHard));
}

v1::ReviewHeld BuildReview(StoryState& s, const v1::PlanAgreed& plan, const CycleDates& d,
                           v1::ReviewDecision decision, const v1::Date& next_review,
                           const Delivery& delivery) {
  const std::string& name = s.pupil.first_name;
  v1::ReviewHeld review;
  review.set_review_id(absl::StrCat("review-c", plan.cycle()));
  review.set_plan_id(plan.plan_id());
  *review.mutable_held_on() = d.held_on;
  const v1::Date invited = PreviousSchoolDay(AddDays(d.held_on, -s.rng.Between(14, 21)));
  *review.add_invitees() = Invitee(s.pupil.parent, "parent", invited, s.rng.Percent(90));
  *review.add_invitees() =
      Invitee(std::string(ClassTeacherOn(s, d.held_on)), "class teacher", invited, true);
  *review.add_invitees() = Invitee(std::string(SencoName()), "SENCO", invited, true);
  *review.add_invitees() = Invitee(name, "pupil", invited, true);
  const bool specialist = !s.specialist.empty() && CompareDates(s.specialist_from, d.held_on) <= 0;
  const bool specialist_came = specialist && s.rng.Percent(50);
  if (specialist)
    *review.add_invitees() = Invitee(s.specialist, "specialist", invited, specialist_came);
  for (int i = 0; i < plan.outcomes_size(); ++i) {
    v1::OutcomeReview* outcome = review.add_outcomes();
    outcome->set_outcome_id(plan.outcomes(i).outcome_id());
    outcome->set_progress(Progress(s, decision, i));
    outcome->set_evidence(ProgressEvidence(outcome->progress()));
  }
  const bool as_agreed = delivery.planned == 0 || delivery.attended * 100 >= delivery.planned * 80;
  review.set_implemented_as_agreed(as_agreed);
  review.set_implementation_notes(
      as_agreed ? absl::StrCat("Delivered as agreed: ", delivery.attended, " of ", delivery.planned,
                               " planned sessions attended.")
                : absl::StrCat("Only ", delivery.attended, " of ", delivery.planned,
                               " planned sessions took place: staff absence, cancellations and "
                               "sessions not logged."));
  const DecisionWords& words = WordsFor(decision);
  review.set_pupil_views(absl::Substitute(words.pupil, name));
  review.set_parent_views(absl::Substitute(words.parent, name));
  review.set_staff_views(absl::Substitute(words.staff, name));
  if (specialist_came) {
    review.set_professional_views(
        "The recommendations are in place and starting to make a "
        "difference.");
  }
  review.set_decision(decision);
  review.set_decision_reason(absl::Substitute(words.reason, name));
  review.set_learnt(Learnt(s, words));
  if (domain::IsDateSet(next_review)) *review.mutable_next_review_date() = next_review;
  return review;
}

void CorrectReview(StoryState& s, const v1::ReviewHeld& review, const std::string& event_id) {
  const v1::Date on = AddSchoolDays(review.held_on(), s.rng.Between(2, 4));
  if (CompareDates(on, s.frame.end) > 0) return;
  v1::ReviewHeld corrected = review;
  corrected.set_parent_views(
      absl::StrCat(review.parent_views(),
                   " Added after the meeting: parents would like the home reading book "
                   "changed weekly."));
  v1::CorrectRecordRequest request;
  v1::RecordCorrected* c = request.mutable_command()->mutable_correction();
  c->set_corrected_event_id(event_id);
  c->set_reason("Parents' written views arrived after the meeting and were left out");
  c->set_corrected_event_type(v1::ReviewHeld::descriptor()->full_name());
  c->set_corrected_payload(corrected.SerializeAsString());
  s.script.Add(on, request);
}

void ChangeProvisions(StoryState& s, v1::ReviewDecision decision) {
  ProvisionChoice& first = s.provisions.front();
  switch (decision) {
    case v1::REVIEW_DECISION_REFINE_PLAN:
      if (first.sessions_per_week < 5 && s.rng.Percent(50)) {
        ++first.sessions_per_week;
      } else {
        first = ChooseProvision(s, *first.area, UnusedIntervention(s, *first.area));
      }
      break;
    case v1::REVIEW_DECISION_REDUCE_SUPPORT:
      if (s.provisions.size() > 1) {
        s.provisions.pop_back();
      } else {
        first.sessions_per_week = std::max(1, first.sessions_per_week - 1);
      }
      break;
    case v1::REVIEW_DECISION_REQUEST_EHC_NEEDS_ASSESSMENT:
      first.wave = v1::WAVE_3;
      first.group_size = 1;
      first.sessions_per_week = std::min(5, first.sessions_per_week + 1);
      break;
    default:
      break;
  }
}

}  // namespace endeavour::demo
