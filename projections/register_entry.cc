#include "projections/register_entry.h"

#include <utility>

#include "projections/current_plan.h"
#include "services/domain/dates.h"

namespace endeavour::projections {
namespace {

using domain::PupilState;
using domain::Recorded;

bool AnyNotMet(const v1::ReviewHeld& review) {
  for (const v1::OutcomeReview& outcome : review.outcomes()) {
    if (outcome.progress() == v1::OUTCOME_PROGRESS_NOT_MET) return true;
  }
  return false;
}

// The reviewed cycles, and the last review: the one that ended the latest reviewed plan.
void AddReviews(const PupilState& state, v1::RegisterEntry& entry) {
  const Recorded<v1::ReviewHeld>* last = nullptr;
  for (const auto& plan : state.plans) {
    if (plan.retracted) continue;
    const Recorded<v1::ReviewHeld>* review = state.ReviewOf(plan.current.plan_id());
    if (review == nullptr) continue;
    entry.set_reviewed_cycles(entry.reviewed_cycles() + 1);
    if (AnyNotMet(review->current)) {
      entry.set_reviewed_cycles_with_not_met(entry.reviewed_cycles_with_not_met() + 1);
    }
    last = review;
  }
  if (last == nullptr) return;
  *entry.mutable_last_review_on() = last->current.held_on();
  entry.set_last_review_decision(last->current.decision());
  if (domain::IsDateSet(last->current.next_review_date())) {
    *entry.mutable_next_review_date() = last->current.next_review_date();
  }
}

}  // namespace

v1::RegisterEntry RenderRegisterEntry(const PupilFile& file) {
  const PupilState& state = file.state;
  v1::RegisterEntry entry;
  entry.set_stream_id(file.stream_id);
  if (state.pupil.has_value()) {
    const v1::PupilRegistered& pupil = state.pupil->current;
    entry.set_pupil_id(pupil.pupil_id());
    entry.set_display_name(pupil.display_name());
    entry.set_year_group(pupil.year_group());
  }
  entry.set_status(state.status());
  if (const Recorded<v1::NeedIdentified>* primary = state.PrimaryNeed()) {
    entry.set_primary_area(primary->current.area());
    entry.set_primary_census_type(primary->current.census_type());
  }
  AddReviews(state, entry);
  if (const Recorded<v1::PlanAgreed>* active = state.ActivePlan()) {
    const v1::PlanAgreed& plan = active->current;
    entry.set_active_plan_id(plan.plan_id());
    entry.set_active_cycle(plan.cycle());
    *entry.mutable_active_plan_agreed_on() = plan.agreed_on();
    *entry.mutable_next_review_date() = plan.review_date();
    for (v1::ProvisionDelivery& delivery : DeliveryOf(file, plan.plan_id())) {
      *entry.add_delivery() = std::move(delivery);
    }
  }
  for (const auto& [id, request] : state.ehc_requests) {
    if (!request.retracted) entry.set_ehc_needs_assessment_requested(true);
  }
  entry.set_transferred_out(state.closed());
  // A pupil who has left has no review due here, however the last plan stood.
  if (state.closed()) entry.clear_next_review_date();
  entry.set_last_position(file.last_position);
  return entry;
}

}  // namespace endeavour::projections
