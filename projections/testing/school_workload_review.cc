// What happens around the sessions of a cycle (adjustments, requests for advice, corrections and
// retractions) and at its review, whose decision shapes what comes next.
#include <string>
#include <utility>

#include "projections/testing/school_workload_pupil.h"

namespace endeavour::projections::testing::workload {
namespace {

// A pupil who meets an outcome `responsiveness` times in a hundred exceeds it a quarter of those
// times; of the rest, half are partly met.
v1::OutcomeProgress ProgressFrom(int roll, int responsiveness) {
  if (roll < responsiveness / 4) return v1::OUTCOME_PROGRESS_EXCEEDED;
  if (roll < responsiveness) return v1::OUTCOME_PROGRESS_MET;
  if (roll < responsiveness + (100 - responsiveness) / 2) return v1::OUTCOME_PROGRESS_PARTLY_MET;
  return v1::OUTCOME_PROGRESS_NOT_MET;
}

}  // namespace

void PupilStory::Adjust(int64_t day) {
  const size_t which =
      static_cast<size_t>(rng_.Between(0, static_cast<int>(provisions_.size()) - 1));
  v1::Provision provision = provisions_[which];
  v1::PlanAdjusted adjustment;
  const int roll = rng_.Between(0, 99);
  if (roll < 45 && provision.sessions_per_week() < 5) {
    provision.set_sessions_per_week(provision.sessions_per_week() + 1);
    adjustment.set_resource_change(v1::RESOURCE_CHANGE_MORE);
    adjustment.set_reason("Progress flat for three weeks: one more session a week.");
  } else if (roll < 70 && provision.sessions_per_week() > 1) {
    provision.set_sessions_per_week(provision.sessions_per_week() - 1);
    adjustment.set_resource_change(v1::RESOURCE_CHANGE_LESS);
    adjustment.set_reason(
        "Target nearly reached: one session a week fewer, to build independence.");
  } else {
    provision.set_intervention(absl::StrCat(provision.intervention(), " with visual supports"));
    adjustment.set_resource_change(v1::RESOURCE_CHANGE_NONE);
    adjustment.set_intervention_modified(true);
    adjustment.set_reason("Instructions not retained: visual prompts added to every session.");
  }
  provision.set_weekly_cost_pence(
      static_cast<int64_t>(provision.sessions_per_week()) * provision.minutes_per_session() *
      provision_staff_[which]->pence_per_minute / provision.group_size());
  adjustment.set_adjustment_id(absl::StrCat("c", cycle_, "-adj"));
  adjustment.set_plan_id(plan_id_);
  adjustment.set_provision_id(provision.provision_id());
  *adjustment.mutable_adjusted_on() = ToDate(day);
  *adjustment.mutable_provision() = provision;
  if (Record(adjustment, day)) provisions_[which] = std::move(provision);
}

void PupilStory::RequestAdvice(int64_t day) {
  const AdviceTemplate& advice = primary_->advice;
  v1::ExternalAdviceRequested request;
  request.set_request_id(absl::StrCat("advice-", ++advice_requests_));
  request.set_service(advice.service);
  *request.mutable_requested_on() = ToDate(day);
  request.set_question(advice.question);
  if (!Record(request, day)) return;
  seek_advice_ = false;
  // Specialist services answer in three to eight weeks, often after the review.
  const int64_t due = AddSchoolDays(day, rng_.Between(15, 40));
  v1::ExternalAdviceReceived received;
  received.set_request_id(request.request_id());
  *received.mutable_received_on() = ToDate(due);
  received.set_advised_by(advice.advised_by);
  received.set_summary(advice.summary);
  for (const char* recommendation : advice.recommendations) {
    received.add_recommendations(recommendation);
  }
  pending_.push_back({due, std::move(received)});
}

// A session's minutes were typed wrongly: the correction carries the same session, right minutes.
bool PupilStory::CorrectSession(int64_t day) {
  Logged* target = nullptr;
  int seen = 0;
  for (Logged& logged : logged_) {
    // Reservoir sampling: a uniform pick in one pass.
    if (!logged.attended || logged.corrected || logged.retracted) continue;
    if (rng_.Between(0, seen++) == 0) target = &logged;
  }
  if (target == nullptr) return false;
  const v1::EventEnvelope& original = events_[target->event].envelope;
  v1::InterventionDelivered session;
  session.ParseFromString(original.payload());
  session.set_minutes(session.minutes() >= 15 ? session.minutes() - 5 : session.minutes() + 5);
  v1::RecordCorrected correction;
  correction.set_corrected_event_id(original.event_id());
  correction.set_reason("Minutes typed wrongly; corrected from the intervention log.");
  correction.set_corrected_event_type(v1::InterventionDelivered::descriptor()->full_name());
  session.SerializeToString(correction.mutable_corrected_payload());
  if (!Record(correction, day)) return false;
  target->corrected = true;
  return true;
}

bool PupilStory::RetractSession(int64_t day) {
  Logged* target = nullptr;
  int seen = 0;
  for (Logged& logged : logged_) {
    if (logged.retracted) continue;
    if (rng_.Between(0, seen++) == 0) target = &logged;
  }
  if (target == nullptr) return false;
  v1::RecordRetracted retraction;
  retraction.set_retracted_event_id(events_[target->event].envelope.event_id());
  retraction.set_reason(rng_.Pick(RetractionReasons()));
  if (!Record(retraction, day)) return false;
  target->retracted = true;
  return true;
}

// Outcomes all met: reduce or continue, and near the end of the budget sometimes end SEN
// support. Some not met: refine, seek advice, or after repeated reviews with outcomes not met,
// request an EHC needs assessment.
v1::ReviewDecision PupilStory::Decide(int partly, int not_met) {
  if (partly == 0 && not_met == 0) {
    if (status_ == v1::SEN_STATUS_SEN_SUPPORT && !ehc_requested_ && Remaining() <= kEndingWindow &&
        rng_.Percent(40)) {
      return v1::REVIEW_DECISION_NO_LONGER_NEEDS_SEN_SUPPORT;
    }
    return rng_.Percent(50) ? v1::REVIEW_DECISION_REDUCE_SUPPORT : v1::REVIEW_DECISION_CONTINUE;
  }
  if (not_met == 0) {
    return rng_.Percent(60) ? v1::REVIEW_DECISION_CONTINUE : v1::REVIEW_DECISION_REFINE_PLAN;
  }
  ++reviews_with_not_met_;
  if (cycle_ >= 2 && reviews_with_not_met_ >= 2 && !ehc_requested_ &&
      status_ == v1::SEN_STATUS_SEN_SUPPORT && rng_.Percent(20)) {
    return v1::REVIEW_DECISION_REQUEST_EHC_NEEDS_ASSESSMENT;
  }
  return rng_.Percent(35) ? v1::REVIEW_DECISION_SEEK_SPECIALIST_ADVICE
                          : v1::REVIEW_DECISION_REFINE_PLAN;
}

void PupilStory::Review(const v1::PlanAgreed& plan, int64_t held) {
  if (Full()) return;
  v1::ReviewHeld review;
  review.set_review_id(absl::StrCat("review-", cycle_));
  review.set_plan_id(plan_id_);
  *review.mutable_held_on() = ToDate(held);
  const v1::Date invited = ToDate(held - 14);
  const std::pair<const std::string*, const char*> invitees[] = {{&parent_name_, "parent"},
                                                                 {&first_name_, "pupil"}};
  for (const auto& [name, role] : invitees) {
    v1::ReviewInvitee* invitee = review.add_invitees();
    invitee->set_name(*name);
    invitee->set_role(role);
    *invitee->mutable_invited_on() = invited;
    invitee->set_attended(rng_.Percent(85));
  }
  int partly = 0, not_met = 0;
  for (const v1::PlanOutcome& outcome : plan.outcomes()) {
    const v1::OutcomeProgress progress = ProgressFrom(rng_.Between(0, 99), responsiveness_);
    partly += progress == v1::OUTCOME_PROGRESS_PARTLY_MET;
    not_met += progress == v1::OUTCOME_PROGRESS_NOT_MET;
    v1::OutcomeReview* reviewed = review.add_outcomes();
    reviewed->set_outcome_id(outcome.outcome_id());
    reviewed->set_progress(progress);
    reviewed->set_evidence(ProgressEvidenceFor(progress));
  }
  int missed = 0;
  for (const Logged& logged : logged_) missed += !logged.attended && !logged.retracted;
  // Implemented as agreed unless more than a quarter of the sessions did not happen.
  review.set_implemented_as_agreed(missed * 4 <= static_cast<int>(logged_.size()));
  if (!review.implemented_as_agreed()) {
    review.set_implementation_notes("Sessions lost to absence, staff cover and cancellations.");
  }
  review.set_pupil_views(rng_.Pick(PupilViews()));
  review.set_parent_views(rng_.Pick(ParentViews()));
  review.set_staff_views(rng_.Pick(StaffViews()));
  if (!advice_arrived_.empty()) review.set_professional_views(std::move(advice_arrived_));
  advice_arrived_.clear();
  const v1::ReviewDecision decision = Decide(partly, not_met);
  review.set_decision(decision);
  review.set_decision_reason(DecisionReasonFor(decision));
  review.set_learnt(LearntFor(decision));
  learnt_ = LearntFor(decision);
  const bool support_ends = decision == v1::REVIEW_DECISION_NO_LONGER_NEEDS_SEN_SUPPORT;
  next_review_ = support_ends ? 0 : SchoolDayOnOrAfter(held + rng_.Between(42, 56));
  if (!support_ends) *review.mutable_next_review_date() = ToDate(next_review_);
  if (!Record(review, held)) return;
  if (support_ends) {
    ChangeStatus(v1::SEN_STATUS_SEN_SUPPORT, v1::SEN_STATUS_NO_SEN,
                 AddSchoolDays(held, rng_.Between(1, 5)),
                 "Outcomes met; needs now met through quality-first teaching.");
    ended_ = true;
  } else if (decision == v1::REVIEW_DECISION_SEEK_SPECIALIST_ADVICE) {
    seek_advice_ = true;
  } else if (decision == v1::REVIEW_DECISION_REQUEST_EHC_NEEDS_ASSESSMENT) {
    RequestEhcAssessment(AddSchoolDays(held, rng_.Between(1, 5)));
  }
}

void PupilStory::RequestEhcAssessment(int64_t day) {
  v1::EhcNeedsAssessmentRequested request;
  request.set_request_id("ehc-1");
  *request.mutable_requested_on() = ToDate(day);
  request.set_requested_by(rng_.Percent(80) ? v1::EHC_REQUESTER_SCHOOL : v1::EHC_REQUESTER_PARENT);
  request.set_evidence_summary(absl::StrCat(cycle_,
                                            " cycles of SEN support with specialist advice "
                                            "implemented; the gap to peers is widening."));
  if (!Record(request, day)) return;
  ehc_requested_ = true;
  // Most requests lead to a plan, issued within the statutory 20 weeks.
  if (!rng_.Percent(60)) return;
  const int64_t issued = AddSchoolDays(day + 140, 0);
  pending_.push_back(
      {issued, StatusChange(v1::SEN_STATUS_SEN_SUPPORT, v1::SEN_STATUS_EHC_PLAN, issued,
                            "The local authority issued an EHC plan after the "
                            "needs assessment.")});
}

}  // namespace endeavour::projections::testing::workload
