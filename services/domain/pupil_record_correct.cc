// Decide for corrections and retractions. Neither changes the original event: a correction
// carries the event's content in full, as it should have been; a retraction withdraws an event
// recorded in error. Both name an earlier fact of this record and say why.
#include <map>
#include <vector>

#include "absl/strings/str_cat.h"
#include "services/domain/event_variant.h"
#include "services/domain/pupil_record_internal.h"

namespace endeavour::domain::pupil {
namespace {

using google::protobuf::FieldDescriptor;

// What a correction cannot change: the ids other facts refer to, and what would break the rules
// of the record if changed after the fact (a need's rank, a status change's statuses, a plan's
// cycle). To change those, record a new fact.
const std::vector<std::string>& KeptFields(const std::string& type) {
  static const auto* kKept = new std::map<std::string, std::vector<std::string>>{
      {"endeavour.v1.PupilRegistered", {"pupil_id"}},
      {"endeavour.v1.NeedIdentified", {"need_id", "rank", "replaces_need_id"}},
      {"endeavour.v1.SenStatusChanged", {"from_status", "to_status"}},
      {"endeavour.v1.PlanAgreed", {"plan_id", "cycle"}},
      {"endeavour.v1.InterventionDelivered", {"session_id", "plan_id"}},
      {"endeavour.v1.ReviewHeld", {"review_id", "plan_id"}},
      {"endeavour.v1.PlanAdjusted", {"adjustment_id", "plan_id", "provision_id"}},
      {"endeavour.v1.ExternalAdviceRequested", {"request_id"}},
      {"endeavour.v1.ExternalAdviceReceived", {"request_id"}},
      {"endeavour.v1.EhcNeedsAssessmentRequested", {"request_id"}},
  };
  static const std::vector<std::string> kNone;
  auto it = kKept->find(type);
  return it == kKept->end() ? kNone : it->second;
}

absl::Status CheckKept(const google::protobuf::Message& original,
                       const google::protobuf::Message& corrected, const std::string& field) {
  for (const std::string& name : KeptFields(original.GetDescriptor()->full_name())) {
    const FieldDescriptor* fd = original.GetDescriptor()->FindFieldByName(name);
    google::protobuf::util::MessageDifferencer differ;
    if (differ.CompareWithFields(original, corrected, {fd}, {fd})) continue;
    return Precondition(absl::StrCat(field, ".", name),
                        absl::StrCat("a correction fixes the details of the same fact and keeps "
                                     "its ",
                                     name, "; to change it, record a new one"));
  }
  return absl::OkStatus();
}

// The content checks of each fact, and the rules that tie it to the rest of the record.
struct CheckCorrected {
  const PupilState& state;
  const CommandContext& context;
  const std::string field = "correction.corrected_payload";

  absl::Status operator()(const v1::PupilRegistered& e) { return CheckPupil(e, field, context); }
  absl::Status operator()(const v1::NeedIdentified& e) {
    PUPIL_RETURN_IF_ERROR(CheckNeed(e, field, context));
    return CheckCensusType(state, e, field);
  }
  absl::Status operator()(const v1::SenStatusChanged& e) {
    return CheckStatusChange(e, field, context);
  }
  absl::Status operator()(const v1::PlanAgreed& e) {
    PUPIL_RETURN_IF_ERROR(CheckPlan(e, field, context));
    return CheckPlanNeeds(state, e, field);
  }
  absl::Status operator()(const v1::InterventionDelivered& e) {
    PUPIL_RETURN_IF_ERROR(CheckSession(e, field, context));
    return CheckSessionFitsPlan(state, e, field);
  }
  absl::Status operator()(const v1::ReviewHeld& e) {
    PUPIL_RETURN_IF_ERROR(CheckReview(e, field, context));
    return CheckReviewFitsPlan(state, e, field);
  }
  absl::Status operator()(const v1::PlanAdjusted& e) {
    PUPIL_RETURN_IF_ERROR(CheckAdjustment(e, field, context));
    return CheckAdjustmentFitsPlan(state, e, field);
  }
  absl::Status operator()(const v1::ExternalAdviceRequested& e) {
    return CheckAdviceRequest(e, field, context);
  }
  absl::Status operator()(const v1::ExternalAdviceReceived& e) {
    return CheckAdvice(e, field, context);
  }
  absl::Status operator()(const v1::EhcNeedsAssessmentRequested& e) {
    return CheckEhcRequest(e, field, context);
  }
  // Refused before the content is looked at (see TargetRule).
  absl::Status operator()(const v1::PupilTransferred&) { return absl::OkStatus(); }
  absl::Status operator()(const v1::RecordCorrected&) { return absl::OkStatus(); }
  absl::Status operator()(const v1::RecordRetracted&) { return absl::OkStatus(); }
};

// The events that are not facts to correct or retract.
absl::Status TargetRule(const std::string& id, const EventRef& ref, const std::string& field,
                        bool retracting) {
  if (Is<v1::RecordCorrected>(ref.type()) || Is<v1::RecordRetracted>(ref.type())) {
    return Precondition(field, absl::StrCat("event ", Quote(id),
                                            " is itself a correction or retraction: correct the "
                                            "original event again instead"));
  }
  if (Is<v1::PupilTransferred>(ref.type())) {
    return Precondition(field, absl::StrCat("event ", Quote(id),
                                            " is a transfer, which links two schools' records: it "
                                            "cannot be corrected or retracted"));
  }
  if (retracting && Is<v1::PupilRegistered>(ref.type())) {
    return Precondition(field, absl::StrCat("event ", Quote(id),
                                            " registered the pupil and starts this record: it "
                                            "cannot be retracted, but it can be corrected"));
  }
  return absl::OkStatus();
}

// Why a fact cannot be retracted while other facts stand on it, or "" when it can: one function
// per kind of fact that others stand on.
std::string NeedDependent(const PupilState& state, const std::string& id, const EventRef& ref) {
  for (const auto& plan : state.plans) {
    if (plan.retracted) continue;
    for (const std::string& need : plan.current.need_ids()) {
      if (need != ref.key) continue;
      return absl::StrCat("plan ", Quote(plan.current.plan_id()),
                          " addresses this need: retract or correct the plan first");
    }
  }
  const Recorded<v1::NeedIdentified>* primary = state.PrimaryNeed();
  if (primary == nullptr || primary->event_id != id || state.status() == v1::SEN_STATUS_NO_SEN) {
    return "";
  }
  return absl::StrCat("this is the primary need of a pupil whose status is ",
                      StatusName(state.status()),
                      ": identify the new primary need that replaces it instead");
}

std::string StatusDependent(const PupilState& state, const std::string& id) {
  const Recorded<v1::SenStatusChanged>* latest = state.LatestStatusChange();
  if (latest == nullptr || latest->event_id == id) return "";
  return "a later status change follows this one: retract that first";
}

std::string PlanDependent(const PupilState& state, const std::string& plan_id) {
  for (const auto& [id, session] : state.sessions) {
    if (session.retracted || session.current.plan_id() != plan_id) continue;
    return absl::StrCat("session ", Quote(id),
                        " was logged against this plan: retract its sessions first");
  }
  for (const auto& [id, adjustment] : state.adjustments) {
    if (adjustment.retracted || adjustment.current.plan_id() != plan_id) continue;
    return absl::StrCat("adjustment ", Quote(id),
                        " changed this plan: retract its adjustments first");
  }
  if (const Recorded<v1::ReviewHeld>* review = state.ReviewOf(plan_id); review != nullptr) {
    return absl::StrCat("review ", Quote(review->current.review_id()),
                        " reviewed this plan: retract the review first");
  }
  return "";
}

std::string ReviewDependent(const PupilState& state, const std::string& review_id) {
  const Recorded<v1::PlanAgreed>* latest = state.LatestPlan();
  const auto review = state.reviews.find(review_id);
  if (latest == nullptr || review == state.reviews.end() ||
      latest->current.plan_id() == review->second.current.plan_id()) {
    return "";
  }
  return absl::StrCat("plan ", Quote(latest->current.plan_id()),
                      " was agreed after this review: retract that plan first");
}

std::string RequestDependent(const PupilState& state, const std::string& request_id) {
  auto answer = state.advice_received.find(request_id);
  if (answer == state.advice_received.end() || answer->second.retracted) return "";
  return "advice answering this request has been recorded: retract the advice first";
}

std::string Dependent(const PupilState& state, const std::string& id, const EventRef& ref) {
  if (Is<v1::NeedIdentified>(ref.type())) return NeedDependent(state, id, ref);
  if (Is<v1::SenStatusChanged>(ref.type())) return StatusDependent(state, id);
  if (Is<v1::PlanAgreed>(ref.type())) return PlanDependent(state, ref.key);
  if (Is<v1::ReviewHeld>(ref.type())) return ReviewDependent(state, ref.key);
  if (Is<v1::ExternalAdviceRequested>(ref.type())) return RequestDependent(state, ref.key);
  return "";
}

// The corrected content against the fact as it stands: the same fact, and not the same content.
absl::Status CheckAgainstCurrent(const PupilState& state, const std::string& id,
                                 const EventRef& ref, const PupilEvent& corrected) {
  absl::Status status;
  WithFact(state, id, ref, [&](const auto& fact) {
    using Message = std::decay_t<decltype(fact.current)>;
    const Message& content = std::get<Message>(corrected);
    status = CheckKept(fact.current, content, "correction.corrected_payload");
    if (status.ok() && SameContent(fact.current, content)) {
      status = Invalid("correction.corrected_payload",
                       "the correction changes nothing: the record already says this");
    }
  });
  return status;
}

}  // namespace

absl::StatusOr<Events> DecideCommand(const v1::CorrectRecord& command, const PupilState& state,
                                     const CommandContext& context) {
  const v1::RecordCorrected& c = command.correction();
  const std::string target = "correction.corrected_event_id";
  PUPIL_RETURN_IF_ERROR(
      CheckText(c.corrected_event_id(), target, "name the event being corrected"));
  PUPIL_RETURN_IF_ERROR(
      CheckText(c.reason(), "correction.reason", "say what was wrong and why it is corrected"));
  auto it = state.events.find(c.corrected_event_id());
  if (it == state.events.end()) {
    return NotFound(target, absl::StrCat("no event ", Quote(c.corrected_event_id()),
                                         " in this pupil's record"));
  }
  const auto& [id, ref] = *it;
  if (ref.last_correction() != nullptr && SameContent(*ref.last_correction(), c)) return Events{};
  if (ref.retracted()) {
    return Precondition(target, absl::StrCat("event ", Quote(id),
                                             " was retracted: a retracted event is not corrected"));
  }
  PUPIL_RETURN_IF_ERROR(TargetRule(id, ref, target, /*retracting=*/false));
  if (c.corrected_event_type() != ref.type()) {
    return Precondition("correction.corrected_event_type",
                        absl::StrCat("event ", Quote(id), " is of type ", ref.type(),
                                     "; a correction keeps the type of the event it corrects"));
  }
  absl::StatusOr<PupilEvent> corrected = ParseEvent<PupilEvent>(ref.type(), c.corrected_payload());
  if (!corrected.ok()) {
    return Invalid("correction.corrected_payload", absl::StrCat("does not parse as ", ref.type()));
  }
  PUPIL_RETURN_IF_ERROR(CheckAgainstCurrent(state, id, ref, *corrected));
  PUPIL_RETURN_IF_ERROR(std::visit(CheckCorrected{state, context}, *corrected));
  return Events{c};
}

absl::StatusOr<Events> DecideCommand(const v1::RetractRecord& command, const PupilState& state,
                                     const CommandContext& context) {
  const v1::RecordRetracted& r = command.retraction();
  const std::string target = "retraction.retracted_event_id";
  PUPIL_RETURN_IF_ERROR(
      CheckText(r.retracted_event_id(), target, "name the event being retracted"));
  PUPIL_RETURN_IF_ERROR(
      CheckText(r.reason(), "retraction.reason", "say why the event was recorded in error"));
  auto it = state.events.find(r.retracted_event_id());
  if (it == state.events.end()) {
    return NotFound(target, absl::StrCat("no event ", Quote(r.retracted_event_id()),
                                         " in this pupil's record"));
  }
  const auto& [id, ref] = *it;
  if (ref.retracted()) {
    if (SameContent(*ref.retraction(), r)) return Events{};
    return Precondition(target, absl::StrCat("event ", Quote(id), " is already retracted"));
  }
  PUPIL_RETURN_IF_ERROR(TargetRule(id, ref, target, /*retracting=*/true));
  if (std::string dependent = Dependent(state, id, ref); !dependent.empty()) {
    return Precondition(target,
                        absl::StrCat("event ", Quote(id), " cannot be retracted yet: ", dependent));
  }
  return Events{r};
}

}  // namespace endeavour::domain::pupil
