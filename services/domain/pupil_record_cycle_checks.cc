// The checks of what a person recorded about one Assess-Plan-Do-Review cycle and the advice around
// it: plans, sessions, reviews, adjustments, external advice, EHC needs assessment requests. The
// content alone, before the record is consulted.
#include "absl/container/flat_hash_set.h"
#include "absl/strings/str_cat.h"
#include "services/domain/pupil_record_internal.h"

namespace endeavour::domain::pupil {
namespace {

absl::Status CheckOutcome(const v1::PlanOutcome& outcome, const std::string& at,
                          const v1::Date& agreed_on) {
  PUPIL_RETURN_IF_ERROR(CheckText(outcome.outcome_id(), at + ".outcome_id",
                                  "give the outcome an id to review it by"));
  PUPIL_RETURN_IF_ERROR(CheckText(outcome.description(), at + ".description",
                                  "say specifically what the pupil will achieve"));
  PUPIL_RETURN_IF_ERROR(CheckText(outcome.success_criteria(), at + ".success_criteria",
                                  "say how everyone will know the outcome has been achieved"));
  PUPIL_RETURN_IF_ERROR(
      CheckText(outcome.measured_how(), at + ".measured_how", "say how progress is measured"));
  PUPIL_RETURN_IF_ERROR(
      CheckText(outcome.measured_by(), at + ".measured_by", "say who measures progress"));
  PUPIL_RETURN_IF_ERROR(CheckDate(outcome.target_date(), at + ".target_date"));
  if (CompareDates(outcome.target_date(), agreed_on) <= 0) {
    return Invalid(at + ".target_date", "an outcome is achieved after the plan is agreed");
  }
  return absl::OkStatus();
}

// At least one SMART outcome and one provision, each with its own id.
absl::Status CheckOutcomesAndProvisions(const v1::PlanAgreed& plan, const std::string& field) {
  if (plan.outcomes().empty()) {
    return Invalid(field + ".outcomes", "a plan needs at least one SMART outcome");
  }
  absl::flat_hash_set<std::string> ids;
  for (int i = 0; i < plan.outcomes_size(); ++i) {
    const std::string at = absl::StrCat(field, ".outcomes[", i, "]");
    PUPIL_RETURN_IF_ERROR(CheckOutcome(plan.outcomes(i), at, plan.agreed_on()));
    if (!ids.insert(plan.outcomes(i).outcome_id()).second) {
      return Invalid(at + ".outcome_id", "two outcomes of a plan cannot share an id");
    }
  }
  if (plan.provisions().empty()) {
    return Invalid(field + ".provisions",
                   "a plan needs at least one provision: the intervention or support put in place");
  }
  ids.clear();
  for (int i = 0; i < plan.provisions_size(); ++i) {
    const std::string at = absl::StrCat(field, ".provisions[", i, "]");
    PUPIL_RETURN_IF_ERROR(CheckProvision(plan.provisions(i), at));
    if (!ids.insert(plan.provisions(i).provision_id()).second) {
      return Invalid(at + ".provision_id", "two provisions of a plan cannot share an id");
    }
  }
  return absl::OkStatus();
}

}  // namespace

absl::Status CheckProvision(const v1::Provision& provision, const std::string& field) {
  PUPIL_RETURN_IF_ERROR(CheckText(provision.provision_id(), field + ".provision_id",
                                  "give the provision an id to log sessions against"));
  PUPIL_RETURN_IF_ERROR(CheckText(provision.intervention(), field + ".intervention",
                                  "name the intervention, for example \"Precision teaching\""));
  if (provision.wave() == v1::WAVE_UNSPECIFIED) {
    return Invalid(field + ".wave", "say which wave of provision this is: 1, 2 or 3");
  }
  PUPIL_RETURN_IF_ERROR(
      CheckText(provision.delivered_by(), field + ".delivered_by", "say who delivers it"));
  if (provision.sessions_per_week() <= 0) {
    return Invalid(field + ".sessions_per_week", "say how many sessions a week (at least 1)");
  }
  if (provision.minutes_per_session() <= 0) {
    return Invalid(field + ".minutes_per_session", "say how many minutes a session lasts");
  }
  if (provision.group_size() < 1) {
    return Invalid(field + ".group_size", "say how many pupils are in the group (1: one-to-one)");
  }
  if (provision.weekly_cost_pence() < 0) {
    return Invalid(field + ".weekly_cost_pence", "a cost cannot be negative");
  }
  return absl::OkStatus();
}

absl::Status CheckPlan(const v1::PlanAgreed& plan, const std::string& field,
                       const CommandContext& context) {
  PUPIL_RETURN_IF_ERROR(
      CheckText(plan.plan_id(), field + ".plan_id", "give the plan an id to refer to it by"));
  if (plan.cycle() < 1) return Invalid(field + ".cycle", "cycles are numbered from 1");
  PUPIL_RETURN_IF_ERROR(CheckPastDate(plan.agreed_on(), field + ".agreed_on", context));
  if (plan.need_ids().empty()) {
    return Invalid(field + ".need_ids", "say which identified need or needs the plan addresses");
  }
  for (int i = 0; i < plan.need_ids_size(); ++i) {
    PUPIL_RETURN_IF_ERROR(CheckText(plan.need_ids(i), absl::StrCat(field, ".need_ids[", i, "]"),
                                    "name an identified need"));
  }
  PUPIL_RETURN_IF_ERROR(CheckOutcomesAndProvisions(plan, field));
  PUPIL_RETURN_IF_ERROR(CheckDate(plan.review_date(), field + ".review_date"));
  if (CompareDates(plan.review_date(), plan.agreed_on()) <= 0) {
    return Invalid(field + ".review_date",
                   "the review comes after the plan is agreed (typically 6-8 weeks after)");
  }
  if (plan.cycle() >= 2) {
    PUPIL_RETURN_IF_ERROR(CheckText(
        plan.learnt_from_previous_cycle(), field + ".learnt_from_previous_cycle",
        "from the second cycle on, say what the previous cycle taught and how this plan uses it "
        "(no starting again)"));
  }
  return absl::OkStatus();
}

absl::Status CheckSession(const v1::InterventionDelivered& session, const std::string& field,
                          const CommandContext& context) {
  PUPIL_RETURN_IF_ERROR(CheckText(session.session_id(), field + ".session_id",
                                  "give the session an id so it is recorded once"));
  PUPIL_RETURN_IF_ERROR(
      CheckText(session.plan_id(), field + ".plan_id", "name the plan the session delivers"));
  PUPIL_RETURN_IF_ERROR(CheckText(session.provision_id(), field + ".provision_id",
                                  "name the provision of the plan the session delivers"));
  PUPIL_RETURN_IF_ERROR(CheckPastDate(session.delivered_on(), field + ".delivered_on", context));
  switch (session.attendance()) {
    case v1::ATTENDANCE_ATTENDED:
      if (session.minutes() <= 0) {
        return Invalid(field + ".minutes", "say how many minutes the pupil attended");
      }
      return CheckText(session.delivered_by(), field + ".delivered_by",
                       "say who delivered the session");
    case v1::ATTENDANCE_PUPIL_ABSENT:
    case v1::ATTENDANCE_STAFF_ABSENT:
    case v1::ATTENDANCE_CANCELLED:
      if (session.minutes() != 0) {
        return Invalid(field + ".minutes", "a session that did not take place has no minutes");
      }
      if (session.attendance() != v1::ATTENDANCE_CANCELLED) return absl::OkStatus();
      return CheckText(session.cancellation_reason(), field + ".cancellation_reason",
                       "say why the session was cancelled");
    default:
      return Invalid(field + ".attendance",
                     "say whether the pupil attended, was absent, staff were absent, or the "
                     "session was cancelled");
  }
}

namespace {

// Who was invited (before the review), and progress given once per outcome with its evidence.
absl::Status CheckInviteesAndProgress(const v1::ReviewHeld& review, const std::string& field) {
  for (int i = 0; i < review.invitees_size(); ++i) {
    const v1::ReviewInvitee& invitee = review.invitees(i);
    const std::string at = absl::StrCat(field, ".invitees[", i, "]");
    PUPIL_RETURN_IF_ERROR(CheckText(invitee.name(), at + ".name", "say who was invited"));
    if (IsDateSet(invitee.invited_on())) {
      PUPIL_RETURN_IF_ERROR(CheckDate(invitee.invited_on(), at + ".invited_on"));
      if (CompareDates(invitee.invited_on(), review.held_on()) > 0) {
        return Invalid(at + ".invited_on", "an invitation goes out before the review is held");
      }
    }
  }
  absl::flat_hash_set<std::string> ids;
  for (int i = 0; i < review.outcomes_size(); ++i) {
    const v1::OutcomeReview& outcome = review.outcomes(i);
    const std::string at = absl::StrCat(field, ".outcomes[", i, "]");
    PUPIL_RETURN_IF_ERROR(CheckText(outcome.outcome_id(), at + ".outcome_id",
                                    "name the outcome of the plan this progress is for"));
    if (!ids.insert(outcome.outcome_id()).second) {
      return Invalid(at + ".outcome_id", "give progress for each outcome once");
    }
    if (outcome.progress() == v1::OUTCOME_PROGRESS_UNSPECIFIED) {
      return Invalid(at + ".progress",
                     "say whether the outcome was exceeded, met, partly met or "
                     "not met");
    }
    PUPIL_RETURN_IF_ERROR(
        CheckText(outcome.evidence(), at + ".evidence", "say what shows the progress"));
  }
  return absl::OkStatus();
}

// A next review date after this one, unless SEN support ends.
absl::Status CheckNextReview(const v1::ReviewHeld& review, const std::string& field) {
  const bool support_ends = review.decision() == v1::REVIEW_DECISION_NO_LONGER_NEEDS_SEN_SUPPORT;
  if (support_ends && !IsDateSet(review.next_review_date())) return absl::OkStatus();
  if (!IsDateSet(review.next_review_date())) {
    return Invalid(field + ".next_review_date",
                   "set the next review date (only a pupil who no longer needs SEN support has "
                   "none)");
  }
  PUPIL_RETURN_IF_ERROR(CheckDate(review.next_review_date(), field + ".next_review_date"));
  if (CompareDates(review.next_review_date(), review.held_on()) <= 0) {
    return Invalid(field + ".next_review_date", "the next review comes after this one");
  }
  return absl::OkStatus();
}

}  // namespace

absl::Status CheckReview(const v1::ReviewHeld& review, const std::string& field,
                         const CommandContext& context) {
  PUPIL_RETURN_IF_ERROR(
      CheckText(review.review_id(), field + ".review_id", "give the review an id"));
  PUPIL_RETURN_IF_ERROR(
      CheckText(review.plan_id(), field + ".plan_id", "name the plan being reviewed"));
  PUPIL_RETURN_IF_ERROR(CheckPastDate(review.held_on(), field + ".held_on", context));
  PUPIL_RETURN_IF_ERROR(CheckInviteesAndProgress(review, field));
  if (!review.implemented_as_agreed()) {
    PUPIL_RETURN_IF_ERROR(CheckText(review.implementation_notes(), field + ".implementation_notes",
                                    "say how delivery differed from the plan as agreed"));
  }
  if (review.decision() == v1::REVIEW_DECISION_UNSPECIFIED) {
    return Invalid(field + ".decision",
                   "say what the review concluded: reduce support, continue, refine the plan, "
                   "seek specialist advice, request an EHC needs assessment, or no longer needs "
                   "SEN support");
  }
  return CheckNextReview(review, field);
}

absl::Status CheckAdjustment(const v1::PlanAdjusted& adjustment, const std::string& field,
                             const CommandContext& context) {
  PUPIL_RETURN_IF_ERROR(
      CheckText(adjustment.adjustment_id(), field + ".adjustment_id", "give the adjustment an id"));
  PUPIL_RETURN_IF_ERROR(
      CheckText(adjustment.plan_id(), field + ".plan_id", "name the plan being adjusted"));
  PUPIL_RETURN_IF_ERROR(CheckText(adjustment.provision_id(), field + ".provision_id",
                                  "name the provision being adjusted"));
  PUPIL_RETURN_IF_ERROR(CheckPastDate(adjustment.adjusted_on(), field + ".adjusted_on", context));
  if (adjustment.resource_change() == v1::RESOURCE_CHANGE_UNSPECIFIED) {
    return Invalid(field + ".resource_change",
                   "say whether the resource goes up, goes down, or stays the same");
  }
  if (adjustment.resource_change() == v1::RESOURCE_CHANGE_NONE &&
      !adjustment.intervention_modified()) {
    return Invalid(field + ".resource_change",
                   "an adjustment changes the amount of resource (more or less), modifies the "
                   "intervention, or both");
  }
  if (!adjustment.has_provision()) {
    return Invalid(field + ".provision", "give the provision as it stands after the adjustment");
  }
  PUPIL_RETURN_IF_ERROR(CheckProvision(adjustment.provision(), field + ".provision"));
  if (adjustment.provision().provision_id() != adjustment.provision_id()) {
    return Invalid(
        field + ".provision.provision_id",
        absl::StrCat("the adjusted provision keeps its id ", Quote(adjustment.provision_id())));
  }
  return CheckText(adjustment.reason(), field + ".reason", "say why the provision is adjusted");
}

absl::Status CheckAdviceRequest(const v1::ExternalAdviceRequested& request,
                                const std::string& field, const CommandContext& context) {
  PUPIL_RETURN_IF_ERROR(
      CheckText(request.request_id(), field + ".request_id", "give the request an id"));
  if (request.service() == v1::EXTERNAL_SERVICE_UNSPECIFIED) {
    return Invalid(field + ".service", "say which specialist service is asked");
  }
  PUPIL_RETURN_IF_ERROR(CheckPastDate(request.requested_on(), field + ".requested_on", context));
  return CheckText(request.question(), field + ".question", "say what the school wants to know");
}

absl::Status CheckAdvice(const v1::ExternalAdviceReceived& advice, const std::string& field,
                         const CommandContext& context) {
  PUPIL_RETURN_IF_ERROR(CheckText(advice.request_id(), field + ".request_id",
                                  "name the request this advice answers"));
  PUPIL_RETURN_IF_ERROR(CheckPastDate(advice.received_on(), field + ".received_on", context));
  PUPIL_RETURN_IF_ERROR(
      CheckText(advice.advised_by(), field + ".advised_by", "say who gave the advice"));
  return CheckText(advice.summary(), field + ".summary", "summarise the advice");
}

absl::Status CheckEhcRequest(const v1::EhcNeedsAssessmentRequested& request,
                             const std::string& field, const CommandContext& context) {
  PUPIL_RETURN_IF_ERROR(
      CheckText(request.request_id(), field + ".request_id", "give the request an id"));
  PUPIL_RETURN_IF_ERROR(CheckPastDate(request.requested_on(), field + ".requested_on", context));
  if (request.requested_by() == v1::EHC_REQUESTER_UNSPECIFIED) {
    return Invalid(field + ".requested_by",
                   "say who asks the local authority: the school, the parents or the young person");
  }
  return CheckText(request.evidence_summary(), field + ".evidence_summary",
                   "summarise the relevant and purposeful action taken so far");
}

}  // namespace endeavour::domain::pupil
