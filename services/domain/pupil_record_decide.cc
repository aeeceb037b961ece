// Decide: the gate every command passes (an open record, a registered pupil, a real today), then
// the commands about the pupil rather than one cycle: registration, needs, SEN status, external
// advice, EHC needs assessment requests and transfers.
#include <utility>
#include <variant>

#include "absl/strings/str_cat.h"
#include "services/domain/pupil_record.h"
#include "services/domain/pupil_record_internal.h"

namespace endeavour::domain {
namespace pupil {
namespace {

absl::StatusOr<Events> One(PupilEvent event) { return Events{std::move(event)}; }

}  // namespace

absl::StatusOr<Events> DecideCommand(const v1::RegisterPupil& command, const PupilState& state,
                                     const CommandContext& context) {
  if (state.transferred_in.has_value()) {
    return Exists("pupil", absl::StrCat("the pupil is already on this record: they transferred in "
                                        "from ",
                                        state.transferred_in->other_school()));
  }
  if (state.registered()) {
    if (SameContent(state.pupil->original(), command.pupil())) return Events{};
    return Exists("pupil", absl::StrCat("the pupil is already registered (as ",
                                        Quote(state.pupil->original().pupil_id()),
                                        "); a pupil is registered once: correct the registration "
                                        "to change it"));
  }
  PUPIL_RETURN_IF_ERROR(CheckPupil(command.pupil(), "pupil", context));
  return One(command.pupil());
}

absl::Status CheckCensusType(const PupilState& state, const v1::NeedIdentified& need,
                             const std::string& field) {
  if (need.census_type() != v1::CENSUS_NEED_TYPE_NSA ||
      state.status() == v1::SEN_STATUS_SEN_SUPPORT) {
    return absl::OkStatus();
  }
  return Precondition(field + ".census_type",
                      absl::StrCat("NSA (SEN support, no specialist assessment of the type of "
                                   "need) is only for a pupil on SEN support (K); this pupil's "
                                   "status is ",
                                   StatusName(state.status())));
}

absl::StatusOr<Events> DecideCommand(const v1::IdentifyNeed& command, const PupilState& state,
                                     const CommandContext& context) {
  const v1::NeedIdentified& need = command.need();
  PUPIL_RETURN_IF_ERROR(CheckNeed(need, "need", context));
  absl::StatusOr<bool> done =
      AlreadyDone(state.needs, need, need.need_id(), "need.need_id", "need");
  if (!done.ok()) return done.status();
  if (*done) return Events{};
  PUPIL_RETURN_IF_ERROR(CheckCensusType(state, need, "need"));
  if (need.rank() != v1::NEED_RANK_PRIMARY) return One(need);
  const Recorded<v1::NeedIdentified>* primary = state.PrimaryNeed();
  const std::string& replaces = need.replaces_need_id();
  if (replaces.empty() && primary == nullptr) return One(need);
  if (replaces.empty()) {
    return Precondition(
        "need.replaces_need_id",
        absl::StrCat("the pupil already has a primary need ", Quote(primary->current.need_id()),
                     "; a pupil has one primary need at a time, so a new one "
                     "names the need it replaces"));
  }
  if (!state.needs.contains(replaces)) {
    return NotFound("need.replaces_need_id",
                    absl::StrCat("no need ", Quote(replaces), " has been identified"));
  }
  if (primary == nullptr || primary->current.need_id() != replaces) {
    return Precondition(
        "need.replaces_need_id",
        absl::StrCat(Quote(replaces), " is not the pupil's primary need; ",
                     primary == nullptr ? "there is no primary need to replace"
                                        : absl::StrCat("the primary need is ",
                                                       Quote(primary->current.need_id()))));
  }
  return One(need);
}

absl::StatusOr<Events> DecideCommand(const v1::ChangeSenStatus& command, const PupilState& state,
                                     const CommandContext& context) {
  const v1::SenStatusChanged& change = command.change();
  PUPIL_RETURN_IF_ERROR(CheckStatusChange(change, "change", context));
  const Recorded<v1::SenStatusChanged>* latest = state.LatestStatusChange();
  if (latest != nullptr && SameContent(latest->original(), change)) return Events{};
  if (change.from_status() != state.status()) {
    return Precondition("change.from_status",
                        absl::StrCat("the pupil's status is ", StatusName(state.status()), ", not ",
                                     StatusName(change.from_status())));
  }
  if (change.to_status() == v1::SEN_STATUS_NO_SEN) return One(change);
  if (state.PrimaryNeed() == nullptr) {
    return Precondition("change.to_status",
                        "a pupil on SEN support or with an EHC plan has a primary need on the "
                        "census: identify the need first");
  }
  if (change.to_status() != v1::SEN_STATUS_EHC_PLAN) return One(change);
  for (const auto& [id, need] : state.needs) {
    if (state.Standing(id) && need.current.census_type() == v1::CENSUS_NEED_TYPE_NSA) {
      return Precondition("change.to_status",
                          absl::StrCat("need ", Quote(id),
                                       " is recorded as NSA, which is only for SEN support: "
                                       "identify the assessed type of need first"));
    }
  }
  return One(change);
}

absl::StatusOr<Events> DecideCommand(const v1::RequestExternalAdvice& command,
                                     const PupilState& state, const CommandContext& context) {
  const v1::ExternalAdviceRequested& request = command.request();
  PUPIL_RETURN_IF_ERROR(CheckAdviceRequest(request, "request", context));
  absl::StatusOr<bool> done = AlreadyDone(state.advice_requests, request, request.request_id(),
                                          "request.request_id", "request for advice");
  if (!done.ok()) return done.status();
  if (*done) return Events{};
  return One(request);
}

absl::StatusOr<Events> DecideCommand(const v1::RecordExternalAdvice& command,
                                     const PupilState& state, const CommandContext& context) {
  const v1::ExternalAdviceReceived& advice = command.advice();
  PUPIL_RETURN_IF_ERROR(CheckAdvice(advice, "advice", context));
  auto request = state.advice_requests.find(advice.request_id());
  if (request == state.advice_requests.end()) {
    return NotFound(
        "advice.request_id",
        absl::StrCat("no request for advice ", Quote(advice.request_id()), " has been made"));
  }
  if (request->second.retracted) {
    return Precondition(
        "advice.request_id",
        absl::StrCat("the request for advice ", Quote(advice.request_id()), " was retracted"));
  }
  if (auto answer = state.advice_received.find(advice.request_id());
      answer != state.advice_received.end() && !answer->second.retracted) {
    if (SameContent(answer->second.original(), advice)) return Events{};
    return Exists(
        "advice.request_id",
        absl::StrCat("the request ", Quote(advice.request_id()), " was already answered on ",
                     FormatDate(answer->second.current.received_on()), " by ",
                     answer->second.current.advised_by(),
                     ": correct that advice rather than record it again"));
  }
  if (CompareDates(advice.received_on(), request->second.current.requested_on()) < 0) {
    return Precondition("advice.received_on",
                        absl::StrCat("advice arrives after it was requested (",
                                     FormatDate(request->second.current.requested_on()), ")"));
  }
  return One(advice);
}

absl::StatusOr<Events> DecideCommand(const v1::RequestEhcNeedsAssessment& command,
                                     const PupilState& state, const CommandContext& context) {
  const v1::EhcNeedsAssessmentRequested& request = command.request();
  PUPIL_RETURN_IF_ERROR(CheckEhcRequest(request, "request", context));
  absl::StatusOr<bool> done =
      AlreadyDone(state.ehc_requests, request, request.request_id(), "request.request_id",
                  "request for an EHC needs assessment");
  if (!done.ok()) return done.status();
  if (*done) return Events{};
  if (state.status() == v1::SEN_STATUS_EHC_PLAN) {
    return Precondition("request",
                        "the pupil already has an EHC plan: its annual review, not a "
                        "needs assessment request, is the next step");
  }
  return One(request);
}

absl::StatusOr<Events> DecideCommand(const v1::TransferPupilOut& command, const PupilState& state,
                                     const CommandContext& context) {
  PUPIL_RETURN_IF_ERROR(
      CheckTransfer(command.transfer(), v1::PupilTransferred::DIRECTION_OUT, "transfer", context));
  return One(command.transfer());
}

absl::StatusOr<Events> DecideCommand(const v1::ReceivePupilTransfer& command,
                                     const PupilState& state, const CommandContext& context) {
  if (!state.events.empty()) {
    if (state.transferred_in.has_value() &&
        SameContent(*state.transferred_in, command.transfer())) {
      return Events{};
    }
    return Precondition("transfer",
                        "a transfer in must be the first event of a pupil's record, and this "
                        "record already has events: the pupil is already on it");
  }
  PUPIL_RETURN_IF_ERROR(
      CheckTransfer(command.transfer(), v1::PupilTransferred::DIRECTION_IN, "transfer", context));
  return One(command.transfer());
}

}  // namespace pupil

absl::StatusOr<std::vector<PupilEvent>> PupilRecord::Decide(const PupilCommand& command,
                                                            const PupilState& state,
                                                            const CommandContext& context) {
  if (!IsRealDate(context.today)) {
    return absl::InvalidArgumentError("today: the command carries no real date for today");
  }
  auto decide = [&](const auto& c) { return pupil::DecideCommand(c, state, context); };
  if (state.closed()) {
    // A retry of something done before the transfer is still done; nothing new is accepted.
    const auto* out = std::get_if<v1::TransferPupilOut>(&command);
    if (out != nullptr && pupil::SameContent(out->transfer(), *state.transferred_out)) {
      return pupil::Events{};
    }
    if (absl::StatusOr<pupil::Events> retry = std::visit(decide, command);
        retry.ok() && retry->empty()) {
      return retry;
    }
    return absl::FailedPreconditionError(absl::StrCat(
        "the pupil has transferred to ", state.transferred_out->other_school(), " (on ",
        FormatDate(state.transferred_out->transferred_on()),
        "): this record is closed, and the pupil's record continues at their new school"));
  }
  if (!state.registered() && !std::holds_alternative<v1::RegisterPupil>(command) &&
      !std::holds_alternative<v1::ReceivePupilTransfer>(command)) {
    return absl::NotFoundError(
        "no pupil is registered on this record: register the pupil (or receive their transfer "
        "from another school) first");
  }
  return std::visit([&](const auto& c) { return pupil::DecideCommand(c, state, context); },
                    command);
}

}  // namespace endeavour::domain
