#include "projections/current_plan.h"

#include <algorithm>
#include <string>
#include <utility>
#include <vector>

#include "projections/delivery.h"
#include "projections/fact_order.h"
#include "services/domain/dates.h"

namespace endeavour::projections {
namespace {

using domain::PupilState;
using domain::Recorded;

// The adjustments of a plan's provision that stand, in date order; all provisions when
// `provision_id` is empty.
std::vector<const Recorded<v1::PlanAdjusted>*> StandingAdjustments(
    const PlanFacts& facts, const std::string& provision_id) {
  std::vector<const Recorded<v1::PlanAdjusted>*> found;
  for (const auto* adjustment : facts.adjustments) {
    if (adjustment->retracted) continue;
    if (!provision_id.empty() && adjustment->current.provision_id() != provision_id) continue;
    found.push_back(adjustment);
  }
  SortByDate(found, &v1::PlanAdjusted::adjusted_on);
  return found;
}

// The sessions of a plan that stand, in the order logged; all provisions when `provision_id` is
// empty.
std::vector<const Recorded<v1::InterventionDelivered>*> StandingSessions(
    const PlanFacts& facts, const std::string& provision_id) {
  std::vector<const Recorded<v1::InterventionDelivered>*> found;
  for (const auto* session : facts.sessions) {
    if (session->retracted) continue;
    if (!provision_id.empty() && session->current.provision_id() != provision_id) continue;
    found.push_back(session);
  }
  std::sort(found.begin(), found.end(),
            [](const auto* a, const auto* b) { return a->ordinal < b->ordinal; });
  return found;
}

void AddPeriod(const v1::Date& from, const v1::Provision& rate, v1::ProvisionDelivery& delivery) {
  v1::DeliveryPeriod* period = delivery.add_periods();
  *period->mutable_from() = from;
  period->set_sessions_per_week(rate.sessions_per_week());
  period->set_minutes_per_session(rate.minutes_per_session());
  period->set_weekly_cost_pence(rate.weekly_cost_pence());
}

// The review ends the planned delivery; until then the review date the plan set does, or the
// pupil's transfer out if that came first (nothing is delivered at a school the pupil has left).
v1::Date PlannedUntil(const PupilState& state, const v1::PlanAgreed& plan) {
  const Recorded<v1::ReviewHeld>* review = state.ReviewOf(plan.plan_id());
  v1::Date until = review != nullptr ? review->current.held_on() : plan.review_date();
  if (state.transferred_out.has_value() &&
      domain::CompareDates(state.transferred_out->transferred_on(), until) < 0) {
    until = state.transferred_out->transferred_on();
  }
  return until;
}

void Count(const v1::InterventionDelivered& session, v1::ProvisionDelivery& delivery) {
  delivery.set_sessions_logged(delivery.sessions_logged() + 1);
  switch (session.attendance()) {
    case v1::ATTENDANCE_ATTENDED:
      delivery.set_sessions_attended(delivery.sessions_attended() + 1);
      delivery.set_minutes_delivered(delivery.minutes_delivered() + session.minutes());
      break;
    case v1::ATTENDANCE_PUPIL_ABSENT:
      delivery.set_sessions_pupil_absent(delivery.sessions_pupil_absent() + 1);
      break;
    case v1::ATTENDANCE_STAFF_ABSENT:
      delivery.set_sessions_staff_absent(delivery.sessions_staff_absent() + 1);
      break;
    case v1::ATTENDANCE_CANCELLED:
      delivery.set_sessions_cancelled(delivery.sessions_cancelled() + 1);
      delivery.add_cancellation_reasons(session.cancellation_reason());
      break;
    default:
      break;
  }
}

double Rate(int attended, int logged) {
  return logged == 0 ? 0.0 : static_cast<double>(attended) / logged;
}

// The plan as it stands: as agreed with its corrections, each provision as last adjusted.
v1::PlanAgreed PlanAsItStands(const PupilState& state, const v1::PlanAgreed& agreed) {
  v1::PlanAgreed plan = agreed;
  for (v1::Provision& provision : *plan.mutable_provisions()) {
    const v1::Provision* stands = state.FindProvision(plan.plan_id(), provision.provision_id());
    if (stands != nullptr) provision = *stands;
  }
  return plan;
}

std::vector<v1::LostSession> LostSessions(const PlanFacts& facts) {
  std::vector<const Recorded<v1::InterventionDelivered>*> sessions = StandingSessions(facts, "");
  SortByDate(sessions, &v1::InterventionDelivered::delivered_on);
  std::vector<v1::LostSession> lost;
  for (const auto* session : sessions) {
    const v1::InterventionDelivered& s = session->current;
    if (s.attendance() == v1::ATTENDANCE_ATTENDED) continue;
    v1::LostSession& entry = lost.emplace_back();
    entry.set_session_id(s.session_id());
    entry.set_provision_id(s.provision_id());
    *entry.mutable_planned_on() = s.delivered_on();
    entry.set_attendance(s.attendance());
    entry.set_cancellation_reason(s.cancellation_reason());
    entry.set_note(s.note());
  }
  return lost;
}

// The standing needs, the primary first, then in the order identified.
std::vector<v1::NeedIdentified> StandingNeeds(const PupilState& state) {
  std::vector<const Recorded<v1::NeedIdentified>*> needs;
  for (const auto& [id, need] : state.needs) {
    if (state.Standing(id)) needs.push_back(&need);
  }
  std::sort(needs.begin(), needs.end(), [](const auto* a, const auto* b) {
    const bool a_primary = a->current.rank() == v1::NEED_RANK_PRIMARY;
    const bool b_primary = b->current.rank() == v1::NEED_RANK_PRIMARY;
    return a_primary != b_primary ? a_primary : a->ordinal < b->ordinal;
  });
  std::vector<v1::NeedIdentified> result;
  for (const auto* need : needs) result.push_back(need->current);
  return result;
}

// The review that stands of the latest plan reviewed, or nullptr.
const Recorded<v1::ReviewHeld>* LatestReview(const PupilState& state) {
  const Recorded<v1::ReviewHeld>* latest = nullptr;
  for (const auto& plan : state.plans) {
    if (plan.retracted) continue;
    if (const auto* review = state.ReviewOf(plan.current.plan_id())) latest = review;
  }
  return latest;
}

void RenderActivePlan(const PupilFile& file, const Recorded<v1::PlanAgreed>& active,
                      v1::CurrentPlan& view) {
  const PupilState& state = file.state;
  const std::string& plan_id = active.current.plan_id();
  view.set_has_active_plan(true);
  *view.mutable_plan() = PlanAsItStands(state, active.current);
  if (std::optional<v1::EventSource> source = file.SourceOf(active.event_id)) {
    *view.mutable_plan_source() = std::move(*source);
  }
  const PlanFacts facts = FactsOfPlan(state, plan_id);
  for (const auto* adjustment : StandingAdjustments(facts, "")) {
    *view.add_adjustments() = adjustment->current;
  }
  for (v1::ProvisionDelivery& delivery : DeliveryOf(file, plan_id)) {
    *view.add_delivery() = std::move(delivery);
  }
  *view.mutable_totals() = SumDelivery(view.delivery());
  for (v1::LostSession& lost : LostSessions(facts)) {
    *view.add_lost_sessions() = std::move(lost);
  }
  *view.mutable_next_review_date() = active.current.review_date();
}

}  // namespace

const v1::Provision* AgreedProvision(const v1::PlanAgreed& plan, const std::string& provision_id) {
  const v1::Provision* found = nullptr;
  for (const v1::Provision& provision : plan.provisions()) {
    if (provision.provision_id() == provision_id) found = &provision;
  }
  return found;
}

PlanFacts FactsOfPlan(const PupilState& state, const std::string& plan_id) {
  PlanFacts facts;
  for (const auto& [id, session] : state.sessions) {
    if (session.current.plan_id() == plan_id) facts.sessions.push_back(&session);
  }
  for (const auto& [id, adjustment] : state.adjustments) {
    if (adjustment.current.plan_id() == plan_id) facts.adjustments.push_back(&adjustment);
  }
  return facts;
}

v1::ProvisionDelivery DeliveryOfProvision(const PupilFile& file, const std::string& plan_id,
                                          const std::string& provision_id) {
  return DeliveryOfProvision(file, plan_id, provision_id, FactsOfPlan(file.state, plan_id));
}

v1::ProvisionDelivery DeliveryOfProvision(const PupilFile& file, const std::string& plan_id,
                                          const std::string& provision_id, const PlanFacts& facts) {
  const PupilState& state = file.state;
  v1::ProvisionDelivery delivery;
  delivery.set_plan_id(plan_id);
  delivery.set_provision_id(provision_id);
  if (const Recorded<v1::PlanAgreed>* plan = state.FindPlan(plan_id); plan != nullptr) {
    if (const v1::Provision* agreed = AgreedProvision(plan->current, provision_id)) {
      const v1::Provision& stands = *state.FindProvision(plan_id, provision_id);
      delivery.set_intervention(stands.intervention());
      delivery.set_wave(stands.wave());
      delivery.set_delivered_by(stands.delivered_by());
      AddPeriod(plan->current.agreed_on(), *agreed, delivery);
      for (const auto* adjustment : StandingAdjustments(facts, provision_id)) {
        AddPeriod(adjustment->current.adjusted_on(), adjustment->current.provision(), delivery);
      }
    }
    *delivery.mutable_planned_until() = PlannedUntil(state, plan->current);
  }
  for (const auto* session : StandingSessions(facts, provision_id)) {
    Count(session->current, delivery);
  }
  delivery.set_attendance_rate(Rate(delivery.sessions_attended(), delivery.sessions_logged()));
  return delivery;
}

std::vector<v1::ProvisionDelivery> DeliveryOf(const PupilFile& file, const std::string& plan_id) {
  std::vector<v1::ProvisionDelivery> result;
  const Recorded<v1::PlanAgreed>* plan = file.state.FindPlan(plan_id);
  if (plan == nullptr) return result;
  const PlanFacts facts = FactsOfPlan(file.state, plan_id);
  for (const v1::Provision& provision : plan->current.provisions()) {
    result.push_back(DeliveryOfProvision(file, plan_id, provision.provision_id(), facts));
  }
  return result;
}

v1::DeliveryTotals SumDelivery(
    const google::protobuf::RepeatedPtrField<v1::ProvisionDelivery>& delivery) {
  v1::DeliveryTotals totals;
  for (const v1::ProvisionDelivery& d : delivery) {
    totals.set_sessions_logged(totals.sessions_logged() + d.sessions_logged());
    totals.set_sessions_attended(totals.sessions_attended() + d.sessions_attended());
    totals.set_sessions_pupil_absent(totals.sessions_pupil_absent() + d.sessions_pupil_absent());
    totals.set_sessions_staff_absent(totals.sessions_staff_absent() + d.sessions_staff_absent());
    totals.set_sessions_cancelled(totals.sessions_cancelled() + d.sessions_cancelled());
    totals.set_minutes_delivered(totals.minutes_delivered() + d.minutes_delivered());
    totals.set_sessions_planned(totals.sessions_planned() + d.sessions_planned());
    totals.set_minutes_planned(totals.minutes_planned() + d.minutes_planned());
    totals.set_cost_planned_pence(totals.cost_planned_pence() + d.cost_planned_pence());
  }
  totals.set_attendance_rate(Rate(totals.sessions_attended(), totals.sessions_logged()));
  return totals;
}

v1::CurrentPlan RenderCurrentPlan(const PupilFile& file) {
  const PupilState& state = file.state;
  v1::CurrentPlan view;
  view.set_stream_id(file.stream_id);
  if (state.pupil.has_value()) *view.mutable_pupil() = state.pupil->current;
  view.set_status(state.status());
  if (const auto* change = state.LatestStatusChange())
    *view.mutable_status_change() = change->current;
  for (v1::NeedIdentified& need : StandingNeeds(state))
    *view.add_standing_needs() = std::move(need);
  if (const Recorded<v1::ReviewHeld>* review = LatestReview(state)) {
    *view.mutable_latest_review() = review->current;
    if (std::optional<v1::EventSource> source = file.SourceOf(review->event_id)) {
      *view.mutable_latest_review_source() = std::move(*source);
    }
    if (domain::IsDateSet(review->current.next_review_date())) {
      *view.mutable_next_review_date() = review->current.next_review_date();
    }
  }
  if (const Recorded<v1::PlanAgreed>* active = state.ActivePlan()) {
    RenderActivePlan(file, *active, view);
  }
  // A pupil who has left has no review due here, however the last plan stood.
  if (state.closed()) view.clear_next_review_date();
  view.set_transferred_out(state.closed());
  view.set_last_position(file.last_position);
  return view;
}

void FillCurrentPlanAsOf(const v1::Date& today, v1::CurrentPlan& plan) {
  *plan.mutable_as_of() = today;
  for (v1::ProvisionDelivery& delivery : *plan.mutable_delivery()) FillPlanned(today, delivery);
  *plan.mutable_totals() = SumDelivery(plan.delivery());
  plan.clear_days_to_review();
  plan.set_review_overdue(false);
  if (!domain::IsDateSet(plan.next_review_date())) return;
  const int64_t days = domain::DayNumber(plan.next_review_date()) - domain::DayNumber(today);
  plan.set_days_to_review(static_cast<int32_t>(days));
  plan.set_review_overdue(days < 0);
}

}  // namespace endeavour::projections
