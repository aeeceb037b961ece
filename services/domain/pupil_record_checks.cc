// Errors, dates, and the checks of what a person recorded in a registration, need, status change
// or transfer: the content alone, before the record is consulted.
#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/strip.h"
#include "services/domain/pupil_record_internal.h"

namespace endeavour::domain::pupil {
namespace {

std::string Message(absl::string_view field, absl::string_view rule) {
  return absl::StrCat(field, ": ", rule);
}

}  // namespace

absl::Status Invalid(absl::string_view field, absl::string_view rule) {
  return absl::InvalidArgumentError(Message(field, rule));
}
absl::Status Precondition(absl::string_view field, absl::string_view rule) {
  return absl::FailedPreconditionError(Message(field, rule));
}
absl::Status NotFound(absl::string_view field, absl::string_view rule) {
  return absl::NotFoundError(Message(field, rule));
}
absl::Status Exists(absl::string_view field, absl::string_view rule) {
  return absl::AlreadyExistsError(Message(field, rule));
}

std::string Quote(absl::string_view id) { return absl::StrCat("\"", id, "\""); }

std::string StatusName(v1::SenStatus status) {
  switch (status) {
    case v1::SEN_STATUS_NO_SEN:
      return "N (no special educational need)";
    case v1::SEN_STATUS_SEN_SUPPORT:
      return "K (SEN support)";
    case v1::SEN_STATUS_EHC_PLAN:
      return "E (EHC plan)";
    default:
      return "not given";
  }
}

absl::Status CheckDate(const v1::Date& date, absl::string_view field) {
  if (!IsDateSet(date)) return Invalid(field, "the date is required");
  if (!IsRealDate(date)) {
    return Invalid(field, absl::StrCat(FormatDate(date), " is not a real date (year, month, day)"));
  }
  return absl::OkStatus();
}

absl::Status CheckPastDate(const v1::Date& date, absl::string_view field,
                           const CommandContext& context) {
  PUPIL_RETURN_IF_ERROR(CheckDate(date, field));
  if (CompareDates(date, context.today) > 0) {
    return Invalid(field,
                   absl::StrCat(FormatDate(date), " is after today (", FormatDate(context.today),
                                "): only what has already happened can be recorded"));
  }
  return absl::OkStatus();
}

absl::Status CheckText(const std::string& value, absl::string_view field, absl::string_view what) {
  if (absl::StripAsciiWhitespace(value).empty()) return Invalid(field, what);
  return absl::OkStatus();
}

absl::Status CheckPupil(const v1::PupilRegistered& pupil, const std::string& field,
                        const CommandContext& context) {
  PUPIL_RETURN_IF_ERROR(CheckText(pupil.pupil_id(), field + ".pupil_id",
                                  "give the school's identifier for the pupil, such as the "
                                  "admission number"));
  PUPIL_RETURN_IF_ERROR(CheckText(pupil.display_name(), field + ".display_name",
                                  "give the name staff know the pupil by"));
  PUPIL_RETURN_IF_ERROR(CheckPastDate(pupil.date_of_birth(), field + ".date_of_birth", context));
  if (pupil.year_group() < -2 || pupil.year_group() > 14) {
    return Invalid(field + ".year_group",
                   absl::StrCat(pupil.year_group(),
                                " is not a year group (nursery -2 and -1, Reception 0, "
                                "Years 1 to 14)"));
  }
  PUPIL_RETURN_IF_ERROR(CheckPastDate(pupil.registered_on(), field + ".registered_on", context));
  if (CompareDates(pupil.registered_on(), pupil.date_of_birth()) < 0) {
    return Invalid(field + ".registered_on", "a pupil cannot be registered before they were born");
  }
  return absl::OkStatus();
}

// What an identification of need rests on: at least one piece of evidence, each saying what it
// shows.
absl::Status CheckEvidence(const v1::NeedIdentified& need, const std::string& field,
                           const CommandContext& context) {
  if (need.evidence().empty()) {
    return Invalid(field + ".evidence",
                   "say what the identification rests on: at least one assessment, observation, "
                   "attainment data, parent or pupil view, or external report");
  }
  for (int i = 0; i < need.evidence_size(); ++i) {
    const v1::Evidence& evidence = need.evidence(i);
    const std::string at = absl::StrCat(field, ".evidence[", i, "]");
    if (evidence.kind() == v1::EVIDENCE_KIND_UNSPECIFIED) {
      return Invalid(at + ".kind", "say what kind of evidence this is");
    }
    PUPIL_RETURN_IF_ERROR(CheckText(evidence.summary(), at + ".summary", "say what it shows"));
    if (IsDateSet(evidence.dated())) {
      PUPIL_RETURN_IF_ERROR(CheckPastDate(evidence.dated(), at + ".dated", context));
    }
  }
  return absl::OkStatus();
}

absl::Status CheckNeed(const v1::NeedIdentified& need, const std::string& field,
                       const CommandContext& context) {
  PUPIL_RETURN_IF_ERROR(
      CheckText(need.need_id(), field + ".need_id", "give the need an id to refer to it by"));
  PUPIL_RETURN_IF_ERROR(CheckPastDate(need.identified_on(), field + ".identified_on", context));
  if (need.area() == v1::AREA_OF_NEED_UNSPECIFIED) {
    return Invalid(field + ".area",
                   "say which broad area of need: communication and interaction; cognition and "
                   "learning; social, emotional and mental health; or sensory and/or physical");
  }
  if (need.census_type() == v1::CENSUS_NEED_TYPE_UNSPECIFIED) {
    return Invalid(field + ".census_type", "say how the need is recorded on the school census");
  }
  if (need.rank() == v1::NEED_RANK_UNSPECIFIED) {
    return Invalid(field + ".rank", "say whether this is the primary need or a secondary one");
  }
  PUPIL_RETURN_IF_ERROR(CheckEvidence(need, field, context));
  if (need.parents_agree() == v1::AGREEMENT_UNSPECIFIED) {
    return Invalid(
        field + ".parents_agree",
        "say whether parents agree with this view, or that they have not been asked yet");
  }
  if (need.professionals_agree() == v1::AGREEMENT_UNSPECIFIED) {
    return Invalid(field + ".professionals_agree",
                   "say whether other professionals agree with this view, or that they have not "
                   "been asked yet");
  }
  if (!need.replaces_need_id().empty()) {
    if (need.rank() != v1::NEED_RANK_PRIMARY) {
      return Invalid(field + ".replaces_need_id", "only a new primary need replaces another need");
    }
    if (need.replaces_need_id() == need.need_id()) {
      return Invalid(field + ".replaces_need_id", "a need cannot replace itself");
    }
  }
  return absl::OkStatus();
}

absl::Status CheckStatusChange(const v1::SenStatusChanged& change, const std::string& field,
                               const CommandContext& context) {
  if (change.from_status() == v1::SEN_STATUS_UNSPECIFIED) {
    return Invalid(field + ".from_status", "say what the pupil's status was: N, K or E");
  }
  if (change.to_status() == v1::SEN_STATUS_UNSPECIFIED) {
    return Invalid(field + ".to_status", "say what the pupil's status becomes: N, K or E");
  }
  if (change.to_status() == change.from_status()) {
    return Invalid(field + ".to_status", "the new status must differ from the old one");
  }
  PUPIL_RETURN_IF_ERROR(CheckPastDate(change.decided_on(), field + ".decided_on", context));
  PUPIL_RETURN_IF_ERROR(
      CheckPastDate(change.parents_informed_on(), field + ".parents_informed_on", context));
  if (CompareDates(change.parents_informed_on(), change.decided_on()) < 0) {
    return Invalid(field + ".parents_informed_on",
                   absl::StrCat("parents are told of a decision on or after it is made (",
                                FormatDate(change.decided_on()), "), not before"));
  }
  return CheckText(change.reason(), field + ".reason", "say why the status changes");
}

absl::Status CheckTransfer(const v1::PupilTransferred& transfer,
                           v1::PupilTransferred::Direction direction, const std::string& field,
                           const CommandContext& context) {
  const bool in = direction == v1::PupilTransferred::DIRECTION_IN;
  if (transfer.direction() != direction) {
    return Invalid(field + ".direction", in ? "a transfer in has direction DIRECTION_IN"
                                            : "a transfer out has direction DIRECTION_OUT");
  }
  PUPIL_RETURN_IF_ERROR(
      CheckPastDate(transfer.transferred_on(), field + ".transferred_on", context));
  PUPIL_RETURN_IF_ERROR(CheckText(
      transfer.other_school(), field + ".other_school",
      in ? "say which school the pupil comes from" : "say which school the pupil moves to"));
  if (!in) return absl::OkStatus();
  if (!absl::StartsWith(transfer.from_stream_id(), "pupil/")) {
    return Invalid(field + ".from_stream_id",
                   "name the sending school's record of the pupil (pupil/<school>/<pupil id>)");
  }
  if (transfer.from_head_position() == 0) {
    return Invalid(field + ".from_head_position",
                   "give the log position of the last event of the sending school's record");
  }
  if (transfer.from_head_leaf_hash().size() != 32) {
    return Invalid(field + ".from_head_leaf_hash",
                   absl::StrCat("give the 32-byte SHA-256 leaf hash of the last event of the "
                                "sending school's record, not ",
                                transfer.from_head_leaf_hash().size(), " bytes"));
  }
  if (!transfer.has_pupil()) {
    return Invalid(field + ".pupil", "give the pupil as the sending school recorded them");
  }
  return CheckPupil(transfer.pupil(), field + ".pupil", context);
}

}  // namespace endeavour::domain::pupil
