// Evolve and the views of the state. Evolve records; it never judges (Decide did).
#include "services/domain/pupil_record.h"

#include <utility>

#include "services/domain/event_variant.h"
#include "services/domain/pupil_record_internal.h"

namespace endeavour::domain {
namespace {

using pupil::WithFact;

template <typename Message>
Recorded<Message> Record(const std::string& event_id, int64_t ordinal, Message&& message) {
  return Recorded<Message>{event_id, ordinal, std::move(message), nullptr, false};
}

// A copy of the event's amendments to change: the one it has may be shared with copies of the
// state.
std::shared_ptr<EventRef::Amendments> Amended(const EventRef& ref) {
  return ref.amendments == nullptr ? std::make_shared<EventRef::Amendments>()
                                   : std::make_shared<EventRef::Amendments>(*ref.amendments);
}

// Records one event's fact and returns its natural id (the key of EventRef).
struct Recorder {
  PupilState& s;
  const std::string& id;
  int64_t ordinal;

  // Files a fact under its natural id (the first one recorded under an id stays).
  template <typename Message>
  std::string Keyed(std::map<std::string, Recorded<Message>>& facts, const std::string& key,
                    Message& message) {
    std::string natural_id = key;
    facts.try_emplace(natural_id, id, ordinal, std::move(message));
    return natural_id;
  }

  std::string operator()(v1::PupilRegistered&& e) {
    std::string key = e.pupil_id();
    s.pupil = Record(id, ordinal, std::move(e));
    return key;
  }
  std::string operator()(v1::NeedIdentified&& e) { return Keyed(s.needs, e.need_id(), e); }
  std::string operator()(v1::SenStatusChanged&& e) {
    s.status_changes.push_back(Record(id, ordinal, std::move(e)));
    return id;
  }
  std::string operator()(v1::PlanAgreed&& e) {
    std::string key = e.plan_id();
    s.plans.push_back(Record(id, ordinal, std::move(e)));
    return key;
  }
  std::string operator()(v1::InterventionDelivered&& e) {
    return Keyed(s.sessions, e.session_id(), e);
  }
  std::string operator()(v1::ReviewHeld&& e) { return Keyed(s.reviews, e.review_id(), e); }
  std::string operator()(v1::PlanAdjusted&& e) {
    return Keyed(s.adjustments, e.adjustment_id(), e);
  }
  std::string operator()(v1::ExternalAdviceRequested&& e) {
    return Keyed(s.advice_requests, e.request_id(), e);
  }
  std::string operator()(v1::ExternalAdviceReceived&& e) {
    std::string key = e.request_id();
    s.advice_received.insert_or_assign(key, Record(id, ordinal, std::move(e)));
    return key;
  }
  std::string operator()(v1::EhcNeedsAssessmentRequested&& e) {
    return Keyed(s.ehc_requests, e.request_id(), e);
  }
  std::string operator()(v1::PupilTransferred&& e) {
    if (e.direction() == v1::PupilTransferred::DIRECTION_IN) {
      s.pupil = Record(id, ordinal, v1::PupilRegistered(e.pupil()));
      s.transferred_in = std::move(e);
    } else {
      s.transferred_out = std::move(e);
    }
    return id;
  }
  // The original is untouched; its fact takes the corrected content.
  std::string operator()(v1::RecordCorrected&& e) {
    auto it = s.events.find(e.corrected_event_id());
    if (it == s.events.end()) return id;
    EventRef& ref = it->second;
    auto amendments = Amended(ref);
    amendments->corrected_by.push_back(id);
    amendments->last_correction = e;
    ref.amendments = std::move(amendments);
    absl::StatusOr<PupilEvent> content =
        ParseEvent<PupilEvent>(e.corrected_event_type(), e.corrected_payload());
    if (!content.ok() || e.corrected_event_type() != ref.type()) return id;
    WithFact(s, it->first, ref, [&](auto& fact) {
      using Message = decltype(fact.current);
      auto* m = std::get_if<Message>(&*content);
      if (m == nullptr) return;
      if (fact.first_recorded == nullptr) {
        fact.first_recorded = std::make_shared<const Message>(std::move(fact.current));
      }
      fact.current = std::move(*m);
    });
    return id;
  }
  std::string operator()(v1::RecordRetracted&& e) {
    auto it = s.events.find(e.retracted_event_id());
    if (it == s.events.end()) return id;
    auto amendments = Amended(it->second);
    amendments->retraction = e;
    it->second.amendments = std::move(amendments);
    WithFact(s, it->first, it->second, [](auto& fact) { fact.retracted = true; });
    return id;
  }
};

}  // namespace

PupilState PupilRecord::Evolve(PupilState state, const std::string& event_id,
                               const PupilEvent& event) {
  return Evolve(std::move(state), event_id, PupilEvent(event));
}

PupilState PupilRecord::Evolve(PupilState state, const std::string& event_id, PupilEvent&& event) {
  EvolveInPlace(state, event_id, std::move(event));
  return state;
}

void PupilRecord::EvolveInPlace(PupilState& state, const std::string& event_id,
                                PupilEvent&& event) {
  const int64_t ordinal = static_cast<int64_t>(state.events.size()) + 1;
  // The type first: the visit below moves the message out of `event`.
  const google::protobuf::Descriptor* descriptor = EventDescriptor(event);
  std::string key = std::visit(Recorder{state, event_id, ordinal}, std::move(event));
  EventRef& ref = state.events[event_id];
  ref.descriptor = descriptor;
  ref.key = std::move(key);
  ref.ordinal = ordinal;
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
