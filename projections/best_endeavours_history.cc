// The history as a whole: the pupil, the status changes, the transfers, the cycles (rendered in
// best_endeavours_history_cycle.cc), what falls outside any cycle, and the totals. Also the
// trails that show each correction beside what it changed.
#include "projections/best_endeavours_history.h"

#include <algorithm>
#include <memory>
#include <set>
#include <string>
#include <utility>
#include <vector>

#include "absl/strings/escaping.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "google/protobuf/text_format.h"
#include "projections/current_plan.h"
#include "services/domain/dates.h"

namespace endeavour::projections {
namespace {

using domain::PupilState;
using domain::Recorded;
using google::protobuf::FieldDescriptor;
using google::protobuf::Message;
using google::protobuf::Reflection;

// One value of a field as a person reads it: dates as 2025-11-26, enums by name.
std::string ValueText(const Message& message, const FieldDescriptor* field, int index) {
  const Reflection* r = message.GetReflection();
  const bool repeated = field->is_repeated();
  switch (field->cpp_type()) {
    case FieldDescriptor::CPPTYPE_STRING: {
      std::string value =
          repeated ? r->GetRepeatedString(message, field, index) : r->GetString(message, field);
      // Bytes (a hash) are not text, and a view's strings must be valid UTF-8.
      if (field->type() == FieldDescriptor::TYPE_BYTES) return absl::BytesToHexString(value);
      return value;
    }
    case FieldDescriptor::CPPTYPE_INT32:
      return absl::StrCat(repeated ? r->GetRepeatedInt32(message, field, index)
                                   : r->GetInt32(message, field));
    case FieldDescriptor::CPPTYPE_INT64:
      return absl::StrCat(repeated ? r->GetRepeatedInt64(message, field, index)
                                   : r->GetInt64(message, field));
    case FieldDescriptor::CPPTYPE_UINT32:
      return absl::StrCat(repeated ? r->GetRepeatedUInt32(message, field, index)
                                   : r->GetUInt32(message, field));
    case FieldDescriptor::CPPTYPE_UINT64:
      return absl::StrCat(repeated ? r->GetRepeatedUInt64(message, field, index)
                                   : r->GetUInt64(message, field));
    case FieldDescriptor::CPPTYPE_DOUBLE:
      return absl::StrCat(repeated ? r->GetRepeatedDouble(message, field, index)
                                   : r->GetDouble(message, field));
    case FieldDescriptor::CPPTYPE_FLOAT:
      return absl::StrCat(repeated ? r->GetRepeatedFloat(message, field, index)
                                   : r->GetFloat(message, field));
    case FieldDescriptor::CPPTYPE_BOOL:
      return (repeated ? r->GetRepeatedBool(message, field, index) : r->GetBool(message, field))
                 ? "true"
                 : "false";
    case FieldDescriptor::CPPTYPE_ENUM:
      return (repeated ? r->GetRepeatedEnum(message, field, index) : r->GetEnum(message, field))
          ->name();
    case FieldDescriptor::CPPTYPE_MESSAGE: {
      const Message& value =
          repeated ? r->GetRepeatedMessage(message, field, index) : r->GetMessage(message, field);
      if (const auto* date = dynamic_cast<const v1::Date*>(&value)) {
        return domain::IsDateSet(*date) ? domain::FormatDate(*date) : "";
      }
      // One line, and names and views in the words typed (not octal escapes).
      google::protobuf::TextFormat::Printer printer;
      printer.SetSingleLineMode(true);
      printer.SetUseUtf8StringEscaping(true);
      std::string text;
      printer.PrintToString(value, &text);
      while (!text.empty() && text.back() == ' ') text.pop_back();
      return text;
    }
  }
  return "";
}

std::string FieldText(const Message& message, const FieldDescriptor* field) {
  if (!field->is_repeated()) return ValueText(message, field, -1);
  std::vector<std::string> values;
  const int size = message.GetReflection()->FieldSize(message, field);
  for (int i = 0; i < size; ++i) values.push_back(ValueText(message, field, i));
  return absl::StrJoin(values, "; ");
}

// The fields that differ between two versions of a fact, as text.
void AddChanges(const Message& before, const Message& after, v1::CorrectionShown& shown) {
  const google::protobuf::Descriptor* descriptor = before.GetDescriptor();
  for (int i = 0; i < descriptor->field_count(); ++i) {
    const FieldDescriptor* field = descriptor->field(i);
    std::string was = FieldText(before, field);
    std::string is = FieldText(after, field);
    if (was == is) continue;
    v1::FieldChange* change = shown.add_changes();
    change->set_field(field->name());
    change->set_before(std::move(was));
    change->set_after(std::move(is));
  }
}

// The transfer events, by event id: a stream has at most one in (its first event) and one out
// (its last), so order tells them apart.
void AddTransfers(const PupilFile& file, v1::BestEndeavoursHistory& history) {
  const PupilState& state = file.state;
  std::vector<std::pair<int64_t, std::string>> ids;
  for (const auto& [id, ref] : state.events) {
    if (ref.descriptor == v1::PupilTransferred::descriptor()) ids.emplace_back(ref.ordinal, id);
  }
  if (ids.empty()) return;
  std::sort(ids.begin(), ids.end());
  auto show = [&](const v1::PupilTransferred& transfer, const std::string& id) {
    v1::TransferShown shown;
    *shown.mutable_transfer() = transfer;
    if (std::optional<v1::EventSource> source = file.SourceOf(id))
      *shown.mutable_source() = std::move(*source);
    return shown;
  };
  if (state.transferred_in) {
    *history.mutable_transferred_in() = show(*state.transferred_in, ids.front().second);
  }
  if (state.transferred_out) {
    *history.mutable_transferred_out() = show(*state.transferred_out, ids.back().second);
  }
}

// Needs no standing plan addresses, in the order identified.
void AddNeedsOutsideCycles(const PupilFile& file, v1::BestEndeavoursHistory& history) {
  const PupilState& state = file.state;
  std::set<std::string> planned;
  for (const auto& plan : state.plans) {
    if (plan.retracted) continue;
    planned.insert(plan.current.need_ids().begin(), plan.current.need_ids().end());
  }
  std::vector<const Recorded<v1::NeedIdentified>*> needs;
  for (const auto& [id, need] : state.needs) {
    if (!planned.contains(id)) needs.push_back(&need);
  }
  std::stable_sort(needs.begin(), needs.end(), [](const auto* a, const auto* b) {
    const int order = domain::CompareDates(a->current.identified_on(), b->current.identified_on());
    return order != 0 ? order < 0 : a->ordinal < b->ordinal;
  });
  for (const auto* need : needs) *history.add_needs_outside_cycles() = ShowNeed(file, *need);
}

void Add(const v1::DeliveryTotals& from, v1::DeliveryTotals& to) {
  to.set_sessions_logged(to.sessions_logged() + from.sessions_logged());
  to.set_sessions_attended(to.sessions_attended() + from.sessions_attended());
  to.set_sessions_pupil_absent(to.sessions_pupil_absent() + from.sessions_pupil_absent());
  to.set_sessions_staff_absent(to.sessions_staff_absent() + from.sessions_staff_absent());
  to.set_sessions_cancelled(to.sessions_cancelled() + from.sessions_cancelled());
  to.set_minutes_delivered(to.minutes_delivered() + from.minutes_delivered());
  to.set_sessions_planned(to.sessions_planned() + from.sessions_planned());
  to.set_minutes_planned(to.minutes_planned() + from.minutes_planned());
  to.set_cost_planned_pence(to.cost_planned_pence() + from.cost_planned_pence());
  to.set_attendance_rate(to.sessions_logged() == 0
                             ? 0.0
                             : static_cast<double>(to.sessions_attended()) / to.sessions_logged());
}

v1::HistoryTotals Totals(const PupilFile& file, const v1::BestEndeavoursHistory& history) {
  const PupilState& state = file.state;
  v1::HistoryTotals totals;
  for (const v1::CycleHistory& cycle : history.cycles()) {
    if (cycle.plan().trail().retracted()) continue;
    totals.set_cycles(totals.cycles() + 1);
    if (cycle.has_review()) totals.set_reviewed_cycles(totals.reviewed_cycles() + 1);
    if (cycle.questions().outcomes_not_met() > 0) {
      totals.set_cycles_with_outcome_not_met(totals.cycles_with_outcome_not_met() + 1);
    }
    Add(cycle.questions().delivery().totals(), *totals.mutable_delivery());
  }
  for (const auto& [id, request] : state.advice_requests) {
    if (!request.retracted) totals.set_advice_requests(totals.advice_requests() + 1);
  }
  for (const auto& [id, advice] : state.advice_received) {
    if (!advice.retracted) totals.set_advice_received(totals.advice_received() + 1);
  }
  for (const auto& [id, request] : state.ehc_requests) {
    if (!request.retracted) totals.set_ehc_requests(totals.ehc_requests() + 1);
  }
  totals.set_corrections(static_cast<int32_t>(file.corrections.size()));
  for (const auto& [id, ref] : state.events) {
    if (ref.retracted()) totals.set_retractions(totals.retractions() + 1);
  }
  return totals;
}

}  // namespace

v1::FactTrail TrailOf(const PupilFile& file, const std::string& event_id,
                      const google::protobuf::Message& original) {
  v1::FactTrail trail;
  auto ref = file.state.events.find(event_id);
  if (ref == file.state.events.end()) return trail;
  if (!file.FillSource(event_id, ref->second, *trail.mutable_source())) trail.clear_source();
  if (!ref->second.corrected() && !ref->second.retracted()) return trail;  // most facts
  std::unique_ptr<Message> before(original.New());
  before->CopyFrom(original);
  for (const auto& [id, correction] : file.corrections) {
    if (correction.corrected_event_id() != event_id) continue;
    std::unique_ptr<Message> after(original.New());
    // The fold ignores a correction whose content is not of the fact's type; so does the trail.
    if (correction.corrected_event_type() != original.GetDescriptor()->full_name() ||
        !after->ParseFromString(correction.corrected_payload())) {
      continue;
    }
    v1::CorrectionShown* shown = trail.add_corrections();
    if (std::optional<v1::EventSource> source = file.SourceOf(id))
      *shown->mutable_source() = std::move(*source);
    shown->set_reason(correction.reason());
    AddChanges(*before, *after, *shown);
    before = std::move(after);
  }
  if (ref->second.retracted()) {
    trail.set_retracted(true);
    trail.set_retraction_reason(ref->second.retraction()->reason());
    if (auto by = file.retracted_by.find(event_id); by != file.retracted_by.end()) {
      if (std::optional<v1::EventSource> source = file.SourceOf(by->second)) {
        *trail.mutable_retracted_by() = std::move(*source);
      }
    }
  }
  return trail;
}

v1::NeedShown ShowNeed(const PupilFile& file, const Recorded<v1::NeedIdentified>& need) {
  v1::NeedShown shown = ShowFact<v1::NeedShown>(file, need);
  shown.set_replaced_by_need_id(file.state.ReplacedBy(need.current.need_id()));
  shown.set_standing(file.state.Standing(need.current.need_id()));
  return shown;
}

v1::BestEndeavoursHistory RenderHistory(const PupilFile& file) {
  const PupilState& state = file.state;
  v1::BestEndeavoursHistory history;
  history.set_stream_id(file.stream_id);
  if (state.pupil.has_value()) {
    *history.mutable_pupil() = ShowFact<v1::PupilShown>(file, *state.pupil);
  }
  history.set_status(state.status());
  for (const auto& change : state.status_changes) {
    *history.add_status_changes() = ShowFact<v1::StatusChangeShown>(file, change);
  }
  AddTransfers(file, history);
  const Recorded<v1::PlanAgreed>* first_standing = nullptr;
  for (const auto& plan : state.plans) {
    *history.add_cycles() = RenderCycle(file, plan);
    if (first_standing == nullptr && !plan.retracted) first_standing = &plan;
  }
  AddNeedsOutsideCycles(file, history);
  // Everything before the first plan that stands is outside the cycles; with no plan, all of it.
  const v1::Date unset;
  const v1::Date& first = first_standing == nullptr ? unset : first_standing->current.agreed_on();
  for (v1::AdviceShown& advice : AdviceDated(file, unset, first)) {
    *history.add_advice_outside_cycles() = std::move(advice);
  }
  for (v1::EhcRequestShown& request : EhcRequestsDated(file, unset, first)) {
    *history.add_ehc_requests_outside_cycles() = std::move(request);
  }
  *history.mutable_totals() = Totals(file, history);
  history.set_last_position(file.last_position);
  return history;
}

}  // namespace endeavour::projections
