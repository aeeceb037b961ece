// Shared by the pupil record's .cc files only: dates, errors that name a field and a rule, the
// checks of each fact's own content, and the way from an event id to the fact it recorded.
#ifndef ENDEAVOUR_SERVICES_DOMAIN_PUPIL_RECORD_INTERNAL_H_
#define ENDEAVOUR_SERVICES_DOMAIN_PUPIL_RECORD_INTERNAL_H_

#include <google/protobuf/util/message_differencer.h>

#include <map>
#include <string>
#include <vector>

#include "absl/status/status.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/string_view.h"
#include "services/domain/dates.h"
#include "services/domain/pupil_record.h"

#define PUPIL_RETURN_IF_ERROR(expr)                     \
  do {                                                  \
    if (absl::Status status_ = (expr); !status_.ok()) { \
      return status_;                                   \
    }                                                   \
  } while (false)

namespace endeavour::domain::pupil {

// Errors: "<field>: <rule in a SENCO's words>".
absl::Status Invalid(absl::string_view field, absl::string_view rule);
absl::Status Precondition(absl::string_view field, absl::string_view rule);
absl::Status NotFound(absl::string_view field, absl::string_view rule);
absl::Status Exists(absl::string_view field, absl::string_view rule);

// "\"p-1\"": ids quoted as the user typed them.
std::string Quote(absl::string_view id);
// "K (SEN support)".
std::string StatusName(v1::SenStatus status);

// Dates: IsDateSet, IsRealDate, CompareDates and FormatDate come from dates.h.
// Required and real.
absl::Status CheckDate(const v1::Date& date, absl::string_view field);
// Required, real, and not after the school's today: "what happened" dates.
absl::Status CheckPastDate(const v1::Date& date, absl::string_view field,
                           const CommandContext& context);
// INVALID_ARGUMENT when `value` is empty or only spaces.
absl::Status CheckText(const std::string& value, absl::string_view field, absl::string_view what);

// The checks of each fact's own content (no state): required fields, closed lists, dates.
// `field` is where the fact sits in the command ("plan", "correction.corrected_payload").
absl::Status CheckPupil(const v1::PupilRegistered& pupil, const std::string& field,
                        const CommandContext& context);
absl::Status CheckNeed(const v1::NeedIdentified& need, const std::string& field,
                       const CommandContext& context);
absl::Status CheckStatusChange(const v1::SenStatusChanged& change, const std::string& field,
                               const CommandContext& context);
absl::Status CheckProvision(const v1::Provision& provision, const std::string& field);
absl::Status CheckPlan(const v1::PlanAgreed& plan, const std::string& field,
                       const CommandContext& context);
absl::Status CheckSession(const v1::InterventionDelivered& session, const std::string& field,
                          const CommandContext& context);
absl::Status CheckReview(const v1::ReviewHeld& review, const std::string& field,
                         const CommandContext& context);
absl::Status CheckAdjustment(const v1::PlanAdjusted& adjustment, const std::string& field,
                             const CommandContext& context);
absl::Status CheckAdviceRequest(const v1::ExternalAdviceRequested& request,
                                const std::string& field, const CommandContext& context);
absl::Status CheckAdvice(const v1::ExternalAdviceReceived& advice, const std::string& field,
                         const CommandContext& context);
absl::Status CheckEhcRequest(const v1::EhcNeedsAssessmentRequested& request,
                             const std::string& field, const CommandContext& context);
absl::Status CheckTransfer(const v1::PupilTransferred& transfer,
                           v1::PupilTransferred::Direction direction, const std::string& field,
                           const CommandContext& context);

// The rules that tie a fact to the plan it names, for new facts and corrections alike
// (pupil_record_decide.cc). `field` is where the fact sits in the command.
absl::Status CheckPlanNeeds(const PupilState& state, const v1::PlanAgreed& plan,
                            const std::string& field);
absl::Status CheckSessionFitsPlan(const PupilState& state, const v1::InterventionDelivered& session,
                                  const std::string& field);
absl::Status CheckReviewFitsPlan(const PupilState& state, const v1::ReviewHeld& review,
                                 const std::string& field);
absl::Status CheckAdjustmentFitsPlan(const PupilState& state, const v1::PlanAdjusted& adjustment,
                                     const std::string& field);
// NSA only for a pupil on SEN support.
absl::Status CheckCensusType(const PupilState& state, const v1::NeedIdentified& need,
                             const std::string& field);

using Events = std::vector<PupilEvent>;

// One per command, for a registered pupil whose record is open (Decide checks both first, except
// that registration and a transfer in need no registration). pupil_record_decide.cc: registration,
// needs, status, advice, transfers; pupil_record_decide_cycle.cc: plans, sessions, adjustments,
// reviews; pupil_record_correct.cc: corrections and retractions.
absl::StatusOr<Events> DecideCommand(const v1::RegisterPupil& command, const PupilState& state,
                                     const CommandContext& context);
absl::StatusOr<Events> DecideCommand(const v1::IdentifyNeed& command, const PupilState& state,
                                     const CommandContext& context);
absl::StatusOr<Events> DecideCommand(const v1::ChangeSenStatus& command, const PupilState& state,
                                     const CommandContext& context);
absl::StatusOr<Events> DecideCommand(const v1::AgreePlan& command, const PupilState& state,
                                     const CommandContext& context);
absl::StatusOr<Events> DecideCommand(const v1::LogIntervention& command, const PupilState& state,
                                     const CommandContext& context);
absl::StatusOr<Events> DecideCommand(const v1::RecordReview& command, const PupilState& state,
                                     const CommandContext& context);
absl::StatusOr<Events> DecideCommand(const v1::AdjustPlan& command, const PupilState& state,
                                     const CommandContext& context);
absl::StatusOr<Events> DecideCommand(const v1::RequestExternalAdvice& command,
                                     const PupilState& state, const CommandContext& context);
absl::StatusOr<Events> DecideCommand(const v1::RecordExternalAdvice& command,
                                     const PupilState& state, const CommandContext& context);
absl::StatusOr<Events> DecideCommand(const v1::RequestEhcNeedsAssessment& command,
                                     const PupilState& state, const CommandContext& context);
absl::StatusOr<Events> DecideCommand(const v1::TransferPupilOut& command, const PupilState& state,
                                     const CommandContext& context);
absl::StatusOr<Events> DecideCommand(const v1::ReceivePupilTransfer& command,
                                     const PupilState& state, const CommandContext& context);
absl::StatusOr<Events> DecideCommand(const v1::CorrectRecord& command, const PupilState& state,
                                     const CommandContext& context);
absl::StatusOr<Events> DecideCommand(const v1::RetractRecord& command, const PupilState& state,
                                     const CommandContext& context);

template <typename Message>
bool SameContent(const Message& a, const Message& b) {
  return google::protobuf::util::MessageDifferencer::Equals(a, b);
}

// A natural id seen before: true (already done) when `fact` holds the same content, as first
// recorded or as corrected; ALREADY_EXISTS when it holds other content; false for a new id.
template <typename Message>
absl::StatusOr<bool> AlreadyDone(const Recorded<Message>* fact, const Message& message,
                                 const std::string& id, const std::string& field,
                                 absl::string_view what) {
  if (fact == nullptr) return false;
  if (SameContent(fact->original(), message) || SameContent(fact->current, message)) return true;
  return Exists(field, absl::StrCat(what, " ", Quote(id),
                                    " is already recorded with different content: give this one a "
                                    "new id, or correct the record"));
}
template <typename Message>
absl::StatusOr<bool> AlreadyDone(const std::map<std::string, Recorded<Message>>& facts,
                                 const Message& message, const std::string& id,
                                 const std::string& field, absl::string_view what) {
  auto it = facts.find(id);
  return AlreadyDone(it == facts.end() ? nullptr : &it->second, message, id, field, what);
}

template <typename Message>
bool Is(const std::string& type) {
  return type == Message::descriptor()->full_name();
}

namespace internal {
template <typename Map, typename F>
void InMap(Map& map, const std::string& key, const std::string& event_id, F& f) {
  if (auto it = map.find(key); it != map.end() && it->second.event_id == event_id) f(it->second);
}
template <typename Vector, typename F>
void InVector(Vector& vector, const std::string& event_id, F& f) {
  for (auto& fact : vector) {
    if (fact.event_id == event_id) f(fact);
  }
}
}  // namespace internal

// Calls f(Recorded<M>&) on the fact that event `ref` recorded, if the record keeps one
// (transfers, corrections and retractions are not kept as facts). `State` is PupilState or
// const PupilState.
template <typename State, typename F>
void WithFact(State& s, const std::string& event_id, const EventRef& ref, F&& f) {
  const std::string& t = ref.type();
  if (Is<v1::PupilRegistered>(t) && s.pupil.has_value() && s.pupil->event_id == event_id) {
    f(*s.pupil);
  }
  if (Is<v1::NeedIdentified>(t)) internal::InMap(s.needs, ref.key, event_id, f);
  if (Is<v1::SenStatusChanged>(t)) internal::InVector(s.status_changes, event_id, f);
  if (Is<v1::PlanAgreed>(t)) internal::InVector(s.plans, event_id, f);
  if (Is<v1::InterventionDelivered>(t)) internal::InMap(s.sessions, ref.key, event_id, f);
  if (Is<v1::ReviewHeld>(t)) internal::InMap(s.reviews, ref.key, event_id, f);
  if (Is<v1::PlanAdjusted>(t)) internal::InMap(s.adjustments, ref.key, event_id, f);
  if (Is<v1::ExternalAdviceRequested>(t)) internal::InMap(s.advice_requests, ref.key, event_id, f);
  if (Is<v1::ExternalAdviceReceived>(t)) internal::InMap(s.advice_received, ref.key, event_id, f);
  if (Is<v1::EhcNeedsAssessmentRequested>(t)) internal::InMap(s.ehc_requests, ref.key, event_id, f);
}

}  // namespace endeavour::domain::pupil

#endif  // ENDEAVOUR_SERVICES_DOMAIN_PUPIL_RECORD_INTERNAL_H_
