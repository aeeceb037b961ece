// One cycle of the best-endeavours history, phase by phase (assess, plan, do, review, learn), and
// the answers to seed 000's questions read from it.
#include <algorithm>
#include <map>
#include <set>
#include <string>
#include <vector>

#include "projections/best_endeavours_history.h"
#include "projections/current_plan.h"
#include "projections/delivery.h"
#include "projections/fact_order.h"
#include "services/domain/dates.h"

namespace endeavour::projections {
namespace {

using domain::PupilState;
using domain::Recorded;

// On or after `from` and before `until`; an unset date leaves that end open.
bool Within(const v1::Date& date, const v1::Date& from, const v1::Date& until) {
  if (domain::IsDateSet(from) && domain::CompareDates(date, from) < 0) return false;
  return !domain::IsDateSet(until) || domain::CompareDates(date, until) < 0;
}

// The facts of a map, retracted ones too, that `keep` selects, in date order.
template <typename Message, typename Keep>
std::vector<const Recorded<Message>*> Select(const std::map<std::string, Recorded<Message>>& facts,
                                             const v1::Date& (Message::*date)() const, Keep keep) {
  std::vector<const Recorded<Message>*> found;
  for (const auto& [id, fact] : facts) {
    if (keep(fact.current)) found.push_back(&fact);
  }
  SortByDate(found, date);
  return found;
}

// The facts of a plan, retracted ones too, of one provision, in date order.
template <typename Message>
std::vector<const Recorded<Message>*> OfProvision(
    const std::vector<const Recorded<Message>*>& facts, const std::string& provision_id,
    const v1::Date& (Message::*date)() const) {
  std::vector<const Recorded<Message>*> found;
  for (const auto* fact : facts) {
    if (fact->current.provision_id() == provision_id) found.push_back(fact);
  }
  SortByDate(found, date);
  return found;
}

// The plan's provisions in its order, then any other provision its sessions or adjustments name.
std::vector<std::string> ProvisionIds(const v1::PlanAgreed& plan, const PlanFacts& facts) {
  std::vector<std::string> ids;
  for (const v1::Provision& provision : plan.provisions()) ids.push_back(provision.provision_id());
  auto add = [&](const std::string& provision_id) {
    if (std::find(ids.begin(), ids.end(), provision_id) == ids.end()) ids.push_back(provision_id);
  };
  for (const auto* session : facts.sessions) add(session->current.provision_id());
  for (const auto* adjustment : facts.adjustments) add(adjustment->current.provision_id());
  return ids;
}

v1::ProvisionResource Resource(const PupilFile& file, const v1::PlanAgreed& plan,
                               const std::string& provision_id, const PlanFacts& facts) {
  const PupilState& state = file.state;
  v1::ProvisionResource resource;
  resource.set_provision_id(provision_id);
  if (const v1::Provision* agreed = AgreedProvision(plan, provision_id)) {
    *resource.mutable_as_agreed() = *agreed;
    *resource.mutable_as_stands() = *state.FindProvision(plan.plan_id(), provision_id);
  } else {
    resource.set_not_in_plan(true);
  }
  *resource.mutable_delivery() = DeliveryOfProvision(file, plan.plan_id(), provision_id, facts);
  // A reviewed cycle's planned figures are fixed: they run up to the review.
  if (const Recorded<v1::ReviewHeld>* review = state.ReviewOf(plan.plan_id())) {
    FillPlanned(review->current.held_on(), *resource.mutable_delivery());
  }
  for (const auto* adjustment :
       OfProvision(facts.adjustments, provision_id, &v1::PlanAdjusted::adjusted_on)) {
    *resource.add_adjustments() = ShowFact<v1::AdjustmentShown>(file, *adjustment);
  }
  for (const auto* session :
       OfProvision(facts.sessions, provision_id, &v1::InterventionDelivered::delivered_on)) {
    *resource.add_sessions() = ShowFact<v1::SessionShown>(file, *session);
  }
  return resource;
}

const v1::OutcomeReview* FindOutcome(const v1::ReviewHeld& review, const std::string& outcome_id) {
  for (const v1::OutcomeReview& outcome : review.outcomes()) {
    if (outcome.outcome_id() == outcome_id) return &outcome;
  }
  return nullptr;
}

// The outcome with its progress at the review; the entry as first recorded beside it when a
// correction of the review changed it (uncorrected, original and current are the same).
v1::OutcomeResult Result(const v1::PlanOutcome& outcome, const Recorded<v1::ReviewHeld>* review) {
  v1::OutcomeResult result;
  *result.mutable_outcome() = outcome;
  if (review == nullptr) return result;
  if (const v1::OutcomeReview* now = FindOutcome(review->current, outcome.outcome_id())) {
    result.set_progress(now->progress());
    result.set_evidence(now->evidence());
  }
  const v1::OutcomeReview* first = FindOutcome(review->original(), outcome.outcome_id());
  if (first != nullptr &&
      (first->progress() != result.progress() || first->evidence() != result.evidence())) {
    *result.mutable_as_first_recorded() = *first;
  }
  return result;
}

// Review: the review that stands, retracted ones, and each outcome's progress.
void AddReview(const PupilFile& file, const v1::PlanAgreed& plan, v1::CycleHistory& cycle) {
  const PupilState& state = file.state;
  const Recorded<v1::ReviewHeld>* review = state.ReviewOf(plan.plan_id());
  if (review != nullptr) *cycle.mutable_review() = ShowFact<v1::ReviewShown>(file, *review);
  auto of_plan = [&](const v1::ReviewHeld& r) { return r.plan_id() == plan.plan_id(); };
  for (const auto* r : Select(state.reviews, &v1::ReviewHeld::held_on, of_plan)) {
    if (r->retracted) *cycle.add_retracted_reviews() = ShowFact<v1::ReviewShown>(file, *r);
  }
  std::set<std::string> planned;
  for (const v1::PlanOutcome& outcome : plan.outcomes()) {
    *cycle.add_outcomes() = Result(outcome, review);
    planned.insert(outcome.outcome_id());
  }
  if (review == nullptr) return;
  // An outcome the review speaks of that the plan (as corrected) no longer has: kept, not lost.
  for (const v1::OutcomeReview& outcome : review->current.outcomes()) {
    if (planned.contains(outcome.outcome_id())) continue;
    v1::PlanOutcome unplanned;
    unplanned.set_outcome_id(outcome.outcome_id());
    *cycle.add_outcomes() = Result(unplanned, review);
  }
}

// The next plan that stands after `plan`, or nullptr.
const Recorded<v1::PlanAgreed>* NextPlan(const PupilState& state,
                                         const Recorded<v1::PlanAgreed>& plan) {
  for (const auto& other : state.plans) {
    if (other.ordinal > plan.ordinal && !other.retracted) return &other;
  }
  return nullptr;
}

// Learn: what the review says was learnt and what the next plan made of it.
void AddLearning(const Recorded<v1::PlanAgreed>* next, v1::CycleHistory& cycle) {
  cycle.set_learnt(cycle.review().current().learnt());
  if (next == nullptr) return;
  cycle.set_next_plan_id(next->current.plan_id());
  cycle.set_used_by_next_plan(next->current.learnt_from_previous_cycle());
}

void CountProgress(const v1::CycleHistory& cycle, v1::CycleQuestions& q) {
  if (!cycle.has_review()) {
    q.set_progress(v1::PROGRESS_VERDICT_NOT_YET_REVIEWED);
    return;
  }
  for (const v1::OutcomeResult& outcome : cycle.outcomes()) {
    switch (outcome.progress()) {
      case v1::OUTCOME_PROGRESS_EXCEEDED:
        q.set_outcomes_exceeded(q.outcomes_exceeded() + 1);
        break;
      case v1::OUTCOME_PROGRESS_MET:
        q.set_outcomes_met(q.outcomes_met() + 1);
        break;
      case v1::OUTCOME_PROGRESS_PARTLY_MET:
        q.set_outcomes_partly_met(q.outcomes_partly_met() + 1);
        break;
      case v1::OUTCOME_PROGRESS_NOT_MET:
        q.set_outcomes_not_met(q.outcomes_not_met() + 1);
        break;
      default:
        break;
    }
  }
  q.set_progress(q.outcomes_not_met() > 0      ? v1::PROGRESS_VERDICT_NOT_ENOUGH
                 : q.outcomes_partly_met() > 0 ? v1::PROGRESS_VERDICT_PARTLY
                                               : v1::PROGRESS_VERDICT_ENOUGH);
}

v1::NeedQuestion AskAboutNeeds(const v1::CycleHistory& cycle) {
  v1::NeedQuestion q;
  for (const v1::NeedShown& need : cycle.needs()) {
    const std::string& id = need.current().need_id();
    if (need.trail().corrections_size() > 0) q.add_corrected_need_ids(id);
    if (!need.replaced_by_need_id().empty()) q.add_replaced_need_ids(id);
    if (need.current().parents_agree() != v1::AGREEMENT_AGREES)
      q.add_parents_not_agreed_need_ids(id);
    if (need.current().professionals_agree() != v1::AGREEMENT_AGREES) {
      q.add_professionals_not_agreed_need_ids(id);
    }
  }
  for (const v1::AdviceShown& advice : cycle.advice()) {
    if (advice.has_received() && !advice.received().trail().retracted()) {
      q.set_advice_received(q.advice_received() + 1);
    }
  }
  q.set_need_confirmed(q.corrected_need_ids().empty() && q.replaced_need_ids().empty() &&
                       q.parents_not_agreed_need_ids().empty() &&
                       q.professionals_not_agreed_need_ids().empty());
  return q;
}

v1::DeliveryQuestion AskAboutDelivery(const v1::CycleHistory& cycle) {
  v1::DeliveryQuestion q;
  q.set_implemented_as_agreed(cycle.review().current().implemented_as_agreed());
  q.set_implementation_notes(cycle.review().current().implementation_notes());
  google::protobuf::RepeatedPtrField<v1::ProvisionDelivery> delivery;
  bool trained = true, evidence_based = true;
  for (const v1::ProvisionResource& resource : cycle.resources()) {
    *delivery.Add() = resource.delivery();
    if (resource.not_in_plan()) continue;
    trained = trained && resource.as_stands().deliverer_trained();
    evidence_based = evidence_based && resource.as_stands().evidence_based();
  }
  *q.mutable_totals() = SumDelivery(delivery);
  q.set_share_of_planned_minutes_delivered(
      q.totals().minutes_planned() == 0
          ? 0.0
          : static_cast<double>(q.totals().minutes_delivered()) / q.totals().minutes_planned());
  q.set_all_deliverers_trained(trained);
  q.set_all_evidence_based(evidence_based);
  return q;
}

v1::CycleQuestions Ask(const v1::CycleHistory& cycle) {
  v1::CycleQuestions q;
  CountProgress(cycle, q);
  for (const v1::ProvisionResource& resource : cycle.resources()) {
    for (const v1::AdjustmentShown& adjustment : resource.adjustments()) {
      if (adjustment.trail().retracted()) continue;
      const v1::PlanAdjusted& a = adjustment.current();
      q.set_adjustments(q.adjustments() + 1);
      if (a.resource_change() == v1::RESOURCE_CHANGE_MORE) {
        q.set_adjustments_more_resource(q.adjustments_more_resource() + 1);
      } else if (a.resource_change() == v1::RESOURCE_CHANGE_LESS) {
        q.set_adjustments_less_resource(q.adjustments_less_resource() + 1);
      }
      if (a.intervention_modified()) {
        q.set_adjustments_intervention_modified(q.adjustments_intervention_modified() + 1);
      }
    }
  }
  *q.mutable_need() = AskAboutNeeds(cycle);
  *q.mutable_delivery() = AskAboutDelivery(cycle);
  for (const v1::AdviceShown& advice : cycle.advice()) {
    if (!advice.trail().retracted()) q.set_advice_sought(true);
  }
  for (const v1::EhcRequestShown& request : cycle.ehc_requests()) {
    if (!request.trail().retracted()) q.set_ehc_needs_assessment_requested(true);
  }
  return q;
}

}  // namespace

std::vector<v1::AdviceShown> AdviceDated(const PupilFile& file, const v1::Date& from,
                                         const v1::Date& until) {
  const PupilState& state = file.state;
  auto dated = [&](const v1::ExternalAdviceRequested& r) {
    return Within(r.requested_on(), from, until);
  };
  std::vector<v1::AdviceShown> result;
  for (const auto* request :
       Select(state.advice_requests, &v1::ExternalAdviceRequested::requested_on, dated)) {
    v1::AdviceShown& shown = result.emplace_back(ShowFact<v1::AdviceShown>(file, *request));
    if (auto answer = state.advice_received.find(request->current.request_id());
        answer != state.advice_received.end()) {
      *shown.mutable_received() = ShowFact<v1::AdviceReceivedShown>(file, answer->second);
    }
  }
  return result;
}

std::vector<v1::EhcRequestShown> EhcRequestsDated(const PupilFile& file, const v1::Date& from,
                                                  const v1::Date& until) {
  auto dated = [&](const v1::EhcNeedsAssessmentRequested& r) {
    return Within(r.requested_on(), from, until);
  };
  std::vector<v1::EhcRequestShown> result;
  for (const auto* request :
       Select(file.state.ehc_requests, &v1::EhcNeedsAssessmentRequested::requested_on, dated)) {
    result.push_back(ShowFact<v1::EhcRequestShown>(file, *request));
  }
  return result;
}

v1::CycleHistory RenderCycle(const PupilFile& file, const Recorded<v1::PlanAgreed>& plan) {
  const PupilState& state = file.state;
  const v1::PlanAgreed& p = plan.current;
  v1::CycleHistory cycle;
  cycle.set_cycle(p.cycle());
  cycle.set_plan_id(p.plan_id());
  for (const std::string& need_id : p.need_ids()) {
    if (auto need = state.needs.find(need_id); need != state.needs.end()) {
      *cycle.add_needs() = ShowNeed(file, need->second);
    }
  }
  *cycle.mutable_plan() = ShowFact<v1::PlanShown>(file, plan);
  const PlanFacts facts = FactsOfPlan(state, p.plan_id());
  for (const std::string& provision_id : ProvisionIds(p, facts)) {
    *cycle.add_resources() = Resource(file, p, provision_id, facts);
  }
  AddReview(file, p, cycle);
  // A retracted plan was never part of the record's cycles: no advice, learning or answers hang
  // on it.
  if (plan.retracted) return cycle;
  const Recorded<v1::PlanAgreed>* next = NextPlan(state, plan);
  const v1::Date until = next != nullptr ? next->current.agreed_on() : v1::Date();
  for (v1::AdviceShown& advice : AdviceDated(file, p.agreed_on(), until)) {
    *cycle.add_advice() = std::move(advice);
  }
  for (v1::EhcRequestShown& request : EhcRequestsDated(file, p.agreed_on(), until)) {
    *cycle.add_ehc_requests() = std::move(request);
  }
  AddLearning(next, cycle);
  *cycle.mutable_questions() = Ask(cycle);
  return cycle;
}

}  // namespace endeavour::projections
