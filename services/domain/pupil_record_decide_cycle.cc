// Decide for one Assess-Plan-Do-Review cycle: agreeing a plan, logging its sessions, adjusting
// its provision, and the review that ends it.
#include <utility>
#include <variant>

#include "absl/container/flat_hash_set.h"
#include "absl/strings/str_cat.h"
#include "services/domain/pupil_record_internal.h"

namespace endeavour::domain::pupil {
namespace {

absl::StatusOr<Events> One(PupilEvent event) { return Events{std::move(event)}; }

// The plan a session, adjustment or review names must be the active one.
absl::Status CheckActivePlan(const PupilState& state, const std::string& plan_id,
                             const std::string& field, absl::string_view doing) {
  const Recorded<v1::PlanAgreed>* active = state.ActivePlan();
  if (active == nullptr) {
    return Precondition(field, absl::StrCat("no plan is active: agree a plan before you ", doing));
  }
  const std::string& active_id = active->current.plan_id();
  if (plan_id == active_id) return absl::OkStatus();
  const Recorded<v1::PlanAgreed>* plan = state.FindPlan(plan_id);
  if (plan == nullptr) {
    return NotFound(field, absl::StrCat("no plan ", Quote(plan_id),
                                        " has been agreed; the active "
                                        "plan is ",
                                        Quote(active_id)));
  }
  if (const Recorded<v1::ReviewHeld>* review = state.ReviewOf(plan_id); review != nullptr) {
    return Precondition(
        field, absl::StrCat("plan ", Quote(plan_id), " was reviewed on ",
                            FormatDate(review->current.held_on()),
                            ", which ended its cycle; the active plan is ", Quote(active_id)));
  }
  return Precondition(field, absl::StrCat("plan ", Quote(plan_id),
                                          " is not the active plan; the "
                                          "active plan is ",
                                          Quote(active_id)));
}

// Nothing happens for a plan before it is agreed.
absl::Status CheckNotBeforePlan(const v1::Date& date, const v1::PlanAgreed& plan,
                                const std::string& field) {
  if (CompareDates(date, plan.agreed_on()) >= 0) return absl::OkStatus();
  return Precondition(field,
                      absl::StrCat(FormatDate(date), " is before plan ", Quote(plan.plan_id()),
                                   " was agreed (", FormatDate(plan.agreed_on()), ")"));
}

absl::Status CheckProvisionOf(const PupilState& state, const std::string& plan_id,
                              const std::string& provision_id, const std::string& field) {
  if (state.FindProvision(plan_id, provision_id) != nullptr) return absl::OkStatus();
  return NotFound(field,
                  absl::StrCat("plan ", Quote(plan_id), " has no provision ", Quote(provision_id)));
}

}  // namespace

absl::Status CheckPlanNeeds(const PupilState& state, const v1::PlanAgreed& plan,
                            const std::string& field) {
  for (int i = 0; i < plan.need_ids_size(); ++i) {
    const std::string& id = plan.need_ids(i);
    const std::string at = absl::StrCat(field, ".need_ids[", i, "]");
    auto need = state.needs.find(id);
    if (need == state.needs.end()) {
      return NotFound(at,
                      absl::StrCat("no need ", Quote(id),
                                   " has been identified: a plan addresses an identified need"));
    }
    if (need->second.retracted) {
      return Precondition(at, absl::StrCat("need ", Quote(id), " was retracted"));
    }
  }
  return absl::OkStatus();
}

absl::Status CheckSessionFitsPlan(const PupilState& state, const v1::InterventionDelivered& session,
                                  const std::string& field) {
  const Recorded<v1::PlanAgreed>* plan = state.FindPlan(session.plan_id());
  if (plan == nullptr) {
    return NotFound(field + ".plan_id",
                    absl::StrCat("no plan ", Quote(session.plan_id()), " has been agreed"));
  }
  PUPIL_RETURN_IF_ERROR(
      CheckProvisionOf(state, session.plan_id(), session.provision_id(), field + ".provision_id"));
  return CheckNotBeforePlan(session.delivered_on(), plan->current, field + ".delivered_on");
}

absl::Status CheckAdjustmentFitsPlan(const PupilState& state, const v1::PlanAdjusted& adjustment,
                                     const std::string& field) {
  const Recorded<v1::PlanAgreed>* plan = state.FindPlan(adjustment.plan_id());
  if (plan == nullptr) {
    return NotFound(field + ".plan_id",
                    absl::StrCat("no plan ", Quote(adjustment.plan_id()), " has been agreed"));
  }
  PUPIL_RETURN_IF_ERROR(CheckProvisionOf(state, adjustment.plan_id(), adjustment.provision_id(),
                                         field + ".provision_id"));
  return CheckNotBeforePlan(adjustment.adjusted_on(), plan->current, field + ".adjusted_on");
}

absl::Status CheckReviewFitsPlan(const PupilState& state, const v1::ReviewHeld& review,
                                 const std::string& field) {
  const Recorded<v1::PlanAgreed>* plan = state.FindPlan(review.plan_id());
  if (plan == nullptr) {
    return NotFound(field + ".plan_id",
                    absl::StrCat("no plan ", Quote(review.plan_id()), " has been agreed"));
  }
  const v1::PlanAgreed& agreed = plan->current;
  PUPIL_RETURN_IF_ERROR(CheckNotBeforePlan(review.held_on(), agreed, field + ".held_on"));
  absl::flat_hash_set<std::string> planned;
  for (const v1::PlanOutcome& outcome : agreed.outcomes()) planned.insert(outcome.outcome_id());
  absl::flat_hash_set<std::string> reviewed;
  for (int i = 0; i < review.outcomes_size(); ++i) {
    const std::string& id = review.outcomes(i).outcome_id();
    if (!planned.contains(id)) {
      return NotFound(absl::StrCat(field, ".outcomes[", i, "].outcome_id"),
                      absl::StrCat("plan ", Quote(agreed.plan_id()), " has no outcome ", Quote(id),
                                   ": a review gives progress on the plan's own outcomes"));
    }
    reviewed.insert(id);
  }
  for (const v1::PlanOutcome& outcome : agreed.outcomes()) {
    if (reviewed.contains(outcome.outcome_id())) continue;
    return Invalid(field + ".outcomes",
                   absl::StrCat("give progress for outcome ", Quote(outcome.outcome_id()), " (",
                                outcome.description(), "): a review covers every outcome of plan ",
                                Quote(agreed.plan_id())));
  }
  return absl::OkStatus();
}

absl::StatusOr<Events> DecideCommand(const v1::AgreePlan& command, const PupilState& state,
                                     const CommandContext& context) {
  const v1::PlanAgreed& plan = command.plan();
  PUPIL_RETURN_IF_ERROR(CheckPlan(plan, "plan", context));
  absl::StatusOr<bool> done =
      AlreadyDone(state.FindPlan(plan.plan_id()), plan, plan.plan_id(), "plan.plan_id", "plan");
  if (!done.ok()) return done.status();
  if (*done) return Events{};
  PUPIL_RETURN_IF_ERROR(CheckPlanNeeds(state, plan, "plan"));
  for (int i = 0; i < plan.need_ids_size(); ++i) {
    if (std::string by = state.ReplacedBy(plan.need_ids(i)); !by.empty()) {
      return Precondition(
          absl::StrCat("plan.need_ids[", i, "]"),
          absl::StrCat("need ", Quote(plan.need_ids(i)), " was replaced by ", Quote(by),
                       ": a plan addresses the needs as now understood"));
    }
  }
  if (const Recorded<v1::PlanAgreed>* active = state.ActivePlan(); active != nullptr) {
    return Precondition("plan", absl::StrCat("plan ", Quote(active->current.plan_id()), " (cycle ",
                                             active->current.cycle(),
                                             ") is still active: review it before agreeing a new "
                                             "plan"));
  }
  if (int next = state.LastCycle() + 1; plan.cycle() != next) {
    return Precondition("plan.cycle",
                        absl::StrCat("the next cycle is ", next, ", not ", plan.cycle(),
                                     ": cycles run 1, 2, 3 with no gap"));
  }
  return One(plan);
}

absl::StatusOr<Events> DecideCommand(const v1::LogIntervention& command, const PupilState& state,
                                     const CommandContext& context) {
  const v1::InterventionDelivered& session = command.session();
  PUPIL_RETURN_IF_ERROR(CheckSession(session, "session", context));
  absl::StatusOr<bool> done =
      AlreadyDone(state.sessions, session, session.session_id(), "session.session_id", "session");
  if (!done.ok()) return done.status();
  if (*done) return Events{};
  PUPIL_RETURN_IF_ERROR(
      CheckActivePlan(state, session.plan_id(), "session.plan_id", "log a session"));
  PUPIL_RETURN_IF_ERROR(CheckSessionFitsPlan(state, session, "session"));
  return One(session);
}

absl::StatusOr<Events> DecideCommand(const v1::AdjustPlan& command, const PupilState& state,
                                     const CommandContext& context) {
  const v1::PlanAdjusted& adjustment = command.adjustment();
  PUPIL_RETURN_IF_ERROR(CheckAdjustment(adjustment, "adjustment", context));
  absl::StatusOr<bool> done = AlreadyDone(state.adjustments, adjustment, adjustment.adjustment_id(),
                                          "adjustment.adjustment_id", "adjustment");
  if (!done.ok()) return done.status();
  if (*done) return Events{};
  PUPIL_RETURN_IF_ERROR(
      CheckActivePlan(state, adjustment.plan_id(), "adjustment.plan_id", "adjust a plan"));
  PUPIL_RETURN_IF_ERROR(CheckAdjustmentFitsPlan(state, adjustment, "adjustment"));
  return One(adjustment);
}

absl::StatusOr<Events> DecideCommand(const v1::RecordReview& command, const PupilState& state,
                                     const CommandContext& context) {
  const v1::ReviewHeld& review = command.review();
  PUPIL_RETURN_IF_ERROR(CheckReview(review, "review", context));
  absl::StatusOr<bool> done =
      AlreadyDone(state.reviews, review, review.review_id(), "review.review_id", "review");
  if (!done.ok()) return done.status();
  if (*done) return Events{};
  PUPIL_RETURN_IF_ERROR(
      CheckActivePlan(state, review.plan_id(), "review.plan_id", "record a review"));
  PUPIL_RETURN_IF_ERROR(CheckReviewFitsPlan(state, review, "review"));
  return One(review);
}

}  // namespace endeavour::domain::pupil
