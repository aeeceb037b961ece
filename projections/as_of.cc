#include "projections/as_of.h"

#include <string>

#include "absl/container/flat_hash_map.h"
#include "absl/container/flat_hash_set.h"
#include "absl/strings/str_cat.h"
#include "endeavour/v1/pupil_events.pb.h"
#include "endeavour/v1/school_events.pb.h"
#include "services/domain/dates.h"
#include "services/domain/event_variant.h"
#include "services/domain/pupil_record.h"
#include "services/domain/self_evaluation.h"

namespace endeavour::projections {
namespace {

std::optional<v1::Date> DateOf(const v1::PupilRegistered& e) { return e.registered_on(); }
std::optional<v1::Date> DateOf(const v1::NeedIdentified& e) { return e.identified_on(); }
std::optional<v1::Date> DateOf(const v1::SenStatusChanged& e) { return e.decided_on(); }
std::optional<v1::Date> DateOf(const v1::PlanAgreed& e) { return e.agreed_on(); }
std::optional<v1::Date> DateOf(const v1::InterventionDelivered& e) { return e.delivered_on(); }
std::optional<v1::Date> DateOf(const v1::ReviewHeld& e) { return e.held_on(); }
std::optional<v1::Date> DateOf(const v1::PlanAdjusted& e) { return e.adjusted_on(); }
std::optional<v1::Date> DateOf(const v1::ExternalAdviceRequested& e) { return e.requested_on(); }
std::optional<v1::Date> DateOf(const v1::ExternalAdviceReceived& e) { return e.received_on(); }
std::optional<v1::Date> DateOf(const v1::EhcNeedsAssessmentRequested& e) {
  return e.requested_on();
}
std::optional<v1::Date> DateOf(const v1::PupilTransferred& e) { return e.transferred_on(); }
std::optional<v1::Date> DateOf(const v1::RecordCorrected&) { return std::nullopt; }
std::optional<v1::Date> DateOf(const v1::RecordRetracted&) { return std::nullopt; }
std::optional<v1::Date> DateOf(const v1::RatingRecorded& e) { return e.rated_on(); }
std::optional<v1::Date> DateOf(const v1::ImprovementActionPlanned& e) { return e.planned_on(); }

template <typename Variant>
std::optional<v1::Date> DateOfPayload(const std::string& type, const std::string& payload) {
  absl::StatusOr<Variant> event = domain::ParseEvent<Variant>(type, payload);
  if (!event.ok()) return std::nullopt;
  return std::visit([](const auto& e) { return DateOf(e); }, *event);
}

std::optional<v1::Date> DateOfFact(const std::string& type, const std::string& payload) {
  if (std::optional<v1::Date> date = DateOfPayload<domain::PupilEvent>(type, payload)) {
    return date;
  }
  return DateOfPayload<domain::SchoolEvent>(type, payload);
}

const std::string& CorrectedType() {
  static const std::string* type = new std::string(v1::RecordCorrected::descriptor()->full_name());
  return *type;
}
const std::string& RetractedType() {
  static const std::string* type = new std::string(v1::RecordRetracted::descriptor()->full_name());
  return *type;
}

absl::StatusOr<std::vector<const v1::EventEnvelope*>> SelectOccurredOn(
    const std::vector<v1::EventEnvelope>& stream, const v1::Date& date) {
  // First the date each fact stands at, after its latest correction; then keep the facts on or
  // before `date`, and the corrections and retractions of the facts kept.
  absl::flat_hash_map<std::string, std::optional<v1::Date>> fact_date;
  for (const v1::EventEnvelope& e : stream) {
    if (e.event_type() == CorrectedType()) {
      v1::RecordCorrected correction;
      if (!correction.ParseFromString(e.payload())) {
        return absl::DataLossError(absl::StrCat("payload of event ", e.event_id(), " (position ",
                                                e.position(), ") does not parse"));
      }
      std::optional<v1::Date> corrected =
          DateOfFact(correction.corrected_event_type(), correction.corrected_payload());
      if (corrected.has_value()) fact_date[correction.corrected_event_id()] = corrected;
    } else if (e.event_type() != RetractedType()) {
      fact_date.try_emplace(e.event_id(), FactDate(e));
    }
  }
  absl::flat_hash_set<std::string> kept;
  std::vector<const v1::EventEnvelope*> selected;
  for (const v1::EventEnvelope& e : stream) {
    std::string target;
    if (e.event_type() == CorrectedType()) {
      v1::RecordCorrected correction;
      correction.ParseFromString(e.payload());
      target = correction.corrected_event_id();
    } else if (e.event_type() == RetractedType()) {
      v1::RecordRetracted retraction;
      if (!retraction.ParseFromString(e.payload())) {
        return absl::DataLossError(absl::StrCat("payload of event ", e.event_id(), " (position ",
                                                e.position(), ") does not parse"));
      }
      target = retraction.retracted_event_id();
    }
    if (!target.empty()) {
      if (kept.contains(target)) selected.push_back(&e);
      continue;
    }
    auto it = fact_date.find(e.event_id());
    // A fact without a date of its own counts from the day the client said it occurred.
    const v1::Date fact =
        it != fact_date.end() && it->second.has_value() && domain::IsDateSet(*it->second)
            ? *it->second
            : e.occurred_on();
    if (domain::IsDateSet(fact) && domain::CompareDates(fact, date) <= 0) {
      kept.insert(e.event_id());
      selected.push_back(&e);
    }
  }
  return selected;
}

}  // namespace

AsOf AsOf::Position(uint64_t position) {
  AsOf as_of;
  as_of.kind = Kind::kPosition;
  as_of.position = position;
  return as_of;
}

AsOf AsOf::RecordedAt(absl::Time time) {
  AsOf as_of;
  as_of.kind = Kind::kRecordedAt;
  as_of.recorded_at = time;
  return as_of;
}

AsOf AsOf::OccurredOn(const v1::Date& date) {
  AsOf as_of;
  as_of.kind = Kind::kOccurredOn;
  as_of.occurred_on = date;
  return as_of;
}

std::optional<v1::Date> FactDate(const v1::EventEnvelope& envelope) {
  return DateOfFact(envelope.event_type(), envelope.payload());
}

absl::StatusOr<std::vector<const v1::EventEnvelope*>> SelectAsOf(
    const std::vector<v1::EventEnvelope>& stream, const AsOf& as_of) {
  std::vector<const v1::EventEnvelope*> selected;
  switch (as_of.kind) {
    case AsOf::Kind::kNow:
      for (const v1::EventEnvelope& e : stream) selected.push_back(&e);
      return selected;
    case AsOf::Kind::kPosition:
      for (const v1::EventEnvelope& e : stream) {
        if (e.position() <= as_of.position) selected.push_back(&e);
      }
      return selected;
    case AsOf::Kind::kRecordedAt:
      for (const v1::EventEnvelope& e : stream) {
        const absl::Time recorded = absl::FromUnixSeconds(e.recorded_at().seconds()) +
                                    absl::Nanoseconds(e.recorded_at().nanos());
        if (recorded <= as_of.recorded_at) selected.push_back(&e);
      }
      return selected;
    case AsOf::Kind::kOccurredOn:
      return SelectOccurredOn(stream, as_of.occurred_on);
  }
  return selected;
}

}  // namespace endeavour::projections
