// Evolve and the views of the state. Evolve records; it never judges (Decide did).
#include "services/domain/pupil_record.h"

#include <utility>

#include "services/domain/event_variant.h"
#include "services/domain/pupil_record_internal.h"

namespace endeavour::domain {
namespace {

using pupil::WithFact;

template <typename Message>
Recorded<Message> Record(const std::string& event_id, int64_t ordinal, const Message& message) {
  return Recorded<Message>{event_id, ordinal, message, message, false};
}

// Records one event's fact and returns its natural id (the key of EventRef).
struct Recorder {
  PupilState& s;
  const std::string& id;
  int64_t ordinal;

  std::string operator()(const v1::PupilRegistered& e) {
    s.pupil = Record(id, ordinal, e);
    return e.pupil_id();
  }
  std::string operator()(const v1::NeedIdentified& e) {
    s.needs.emplace(e.need_id(), Record(id, ordinal, e));
    return e.need_id();
  }
  std::string operator()(const v1::SenStatusChanged& e) {
    s.status_changes.push_back(Record(id, ordinal, e));
    return id;
  }
  std::string operator()(const v1::PlanAgreed& e) {
    s.plans.push_back(Record(id, ordinal, e));
    return e.plan_id();
  }
  std::string operator()(const v1::InterventionDelivered& e) {
    s.sessions.emplace(e.session_id(), Record(id, ordinal, e));
    return e.session_id();
  }
  std::string operator()(const v1::ReviewHeld& e) {
    s.reviews.emplace(e.review_id(), Record(id, ordinal, e));
    return e.review_id();
  }
  std::string operator()(const v1::PlanAdjusted& e) {
    s.adjustments.emplace(e.adjustment_id(), Record(id, ordinal, e));
    return e.adjustment_id();
  }
  std::string operator()(const v1::ExternalAdviceRequested& e) {
    s.advice_requests.emplace(e.request_id(), Record(id, ordinal, e));
    return e.request_id();
  }
  std::string operator()(const v1::ExternalAdviceReceived& e) {
    s.advice_received.insert_or_assign(e.request_id(), Record(id, ordinal, e));
    return e.request_id();
  }
  std::string operator()(const v1::EhcNeedsAssessmentRequested& e) {
    s.ehc_requests.emplace(e.request_id(), Record(id, ordinal, e));
    return e.request_id();
  }
  std::string operator()(const v1::PupilTransferred& e) {
    if (e.direction() == v1::PupilTransferred::DIRECTION_IN) {
      s.transferred_in = e;
      s.pupil = Record(id, ordinal, e.pupil());
    } else {
      s.transferred_out = e;
    }
    return id;
  }
  // The original is untouched; its fact takes the corrected content.
  std::string operator()(const v1::RecordCorrected& e) {
    auto it = s.events.find(e.corrected_event_id());
    if (it == s.events.end()) return id;
    EventRef& ref = it->second;
    ref.corrected_by.push_back(id);
    ref.last_correction = e;
    absl::StatusOr<PupilEvent> content =
        ParseEvent<PupilEvent>(e.corrected_event_type(), e.corrected_payload());
    if (!content.ok() || e.corrected_event_type() != ref.type) return id;
    WithFact(s, it->first, ref, [&](auto& fact) {
      using Message = decltype(fact.current);
      if (const auto* m = std::get_if<Message>(&*content)) fact.current = *m;
    });
    return id;
  }
  std::string operator()(const v1::RecordRetracted& e) {
    auto it = s.events.find(e.retracted_event_id());
    if (it == s.events.end()) return id;
    it->second.retraction = e;
    WithFact(s, it->first, it->second, [](auto& fact) { fact.retracted = true; });
    return id;
  }
};

}  // namespace

PupilState PupilRecord::Evolve(PupilState state, const std::string& event_id,
                               const PupilEvent& event) {
  const int64_t ordinal = static_cast<int64_t>(state.events.size()) + 1;
  std::string key = std::visit(Recorder{state, event_id, ordinal}, event);
  EventRef& ref = state.events[event_id];
  ref.type = EventTypeName(event);
  ref.key = std::move(key);
  ref.ordinal = ordinal;
  return state;
}

const Recorded<v1::SenStatusChanged>* PupilState::LatestStatusChange() const {
  for (auto it = status_changes.rbegin(); it != status_changes.rend(); ++it) {
    if (!it->retracted) return &*it;
  }
  return nullptr;
}

v1::SenStatus PupilState::status() const {
  const Recorded<v1::SenStatusChanged>* latest = LatestStatusChange();
  return latest == nullptr ? v1::SEN_STATUS_NO_SEN : latest->current.to_status();
}

std::string PupilState::ReplacedBy(const std::string& need_id) const {
  for (const auto& [id, need] : needs) {
    if (!need.retracted && need.current.replaces_need_id() == need_id) return id;
  }
  return "";
}

bool PupilState::Standing(const std::string& need_id) const {
  auto it = needs.find(need_id);
  return it != needs.end() && !it->second.retracted && ReplacedBy(need_id).empty();
}

const Recorded<v1::NeedIdentified>* PupilState::PrimaryNeed() const {
  for (const auto& [id, need] : needs) {
    if (need.current.rank() == v1::NEED_RANK_PRIMARY && Standing(id)) return &need;
  }
  return nullptr;
}

const Recorded<v1::PlanAgreed>* PupilState::FindPlan(const std::string& plan_id) const {
  for (const auto& plan : plans) {
    if (plan.current.plan_id() == plan_id) return &plan;
  }
  return nullptr;
}

const Recorded<v1::PlanAgreed>* PupilState::LatestPlan() const {
  for (auto it = plans.rbegin(); it != plans.rend(); ++it) {
    if (!it->retracted) return &*it;
  }
  return nullptr;
}

const Recorded<v1::ReviewHeld>* PupilState::ReviewOf(const std::string& plan_id) const {
  for (const auto& [id, review] : reviews) {
    if (!review.retracted && review.current.plan_id() == plan_id) return &review;
  }
  return nullptr;
}

const Recorded<v1::PlanAgreed>* PupilState::ActivePlan() const {
  const Recorded<v1::PlanAgreed>* latest = LatestPlan();
  if (latest == nullptr || ReviewOf(latest->current.plan_id()) != nullptr) return nullptr;
  return latest;
}

int PupilState::LastCycle() const {
  const Recorded<v1::PlanAgreed>* latest = LatestPlan();
  return latest == nullptr ? 0 : latest->current.cycle();
}

const v1::Provision* PupilState::FindProvision(const std::string& plan_id,
                                               const std::string& provision_id) const {
  const Recorded<v1::PlanAgreed>* plan = FindPlan(plan_id);
  if (plan == nullptr) return nullptr;
  const v1::Provision* found = nullptr;
  for (const v1::Provision& provision : plan->current.provisions()) {
    if (provision.provision_id() == provision_id) found = &provision;
  }
  if (found == nullptr) return nullptr;
  int64_t latest = 0;
  for (const auto& [id, adjustment] : adjustments) {
    const v1::PlanAdjusted& a = adjustment.current;
    if (adjustment.retracted || a.plan_id() != plan_id || a.provision_id() != provision_id ||
        adjustment.ordinal < latest) {
      continue;
    }
    latest = adjustment.ordinal;
    found = &a.provision();
  }
  return found;
}

SessionTally PupilState::Tally(const std::string& plan_id) const {
  SessionTally tally;
  for (const auto& [id, session] : sessions) {
    const v1::InterventionDelivered& s = session.current;
    if (session.retracted || s.plan_id() != plan_id) continue;
    ++tally.logged;
    tally.minutes += s.minutes();
    switch (s.attendance()) {
      case v1::ATTENDANCE_ATTENDED:
        ++tally.attended;
        break;
      case v1::ATTENDANCE_PUPIL_ABSENT:
        ++tally.pupil_absent;
        break;
      case v1::ATTENDANCE_STAFF_ABSENT:
        ++tally.staff_absent;
        break;
      case v1::ATTENDANCE_CANCELLED:
        ++tally.cancelled;
        break;
      default:
        break;
    }
  }
  return tally;
}

bool PupilState::IsCorrected(const std::string& event_id) const {
  auto it = events.find(event_id);
  return it != events.end() && it->second.corrected();
}

bool PupilState::IsRetracted(const std::string& event_id) const {
  auto it = events.find(event_id);
  return it != events.end() && it->second.retracted();
}

}  // namespace endeavour::domain
