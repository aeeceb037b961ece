#include "eventstore/expected_version.h"

#include "absl/strings/str_cat.h"

namespace endeavour::eventstore {

absl::Status ExpectedVersion::Validate() const {
  switch (form_) {
    case Form::kAny:
    case Form::kNoStream:
    case Form::kStreamExists:
    case Form::kExact:
      return absl::OkStatus();
  }
  return absl::InvalidArgumentError(
      absl::StrCat("expected_version: unknown form ", static_cast<int>(form_),
                   "; use any, no stream, stream exists or an exact version"));
}

absl::Status ExpectedVersion::Check(const std::string& stream_id, uint64_t actual) const {
  if (absl::Status s = Validate(); !s.ok()) return s;
  bool holds = false;
  switch (form_) {
    case Form::kAny:
      holds = true;
      break;
    case Form::kNoStream:
      holds = actual == 0;
      break;
    case Form::kStreamExists:
      holds = actual > 0;
      break;
    case Form::kExact:
      holds = actual == version_;
      break;
  }
  if (holds) return absl::OkStatus();
  return absl::AbortedError(absl::StrCat("expected_version: stream ", stream_id, " expected ",
                                         ToString(), ", actual version ", actual,
                                         actual == 0 ? " (no stream)" : ""));
}

std::string ExpectedVersion::ToString() const {
  switch (form_) {
    case Form::kAny:
      return "any";
    case Form::kNoStream:
      return "no stream";
    case Form::kStreamExists:
      return "stream exists";
    case Form::kExact:
      return absl::StrCat("version ", version_);
  }
  return absl::StrCat("unknown form ", static_cast<int>(form_));
}

}  // namespace endeavour::eventstore
