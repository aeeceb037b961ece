#include "clients/cli/as_of.h"

#include <cstdint>

#include "absl/strings/ascii.h"
#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "clients/cli/field_values.h"

namespace endeavour::cli {

absl::StatusOr<v1::AsOf> ParseAsOf(absl::string_view text) {
  text = absl::StripAsciiWhitespace(text);
  v1::AsOf as_of;
  if (!text.empty() && text.find_first_not_of("0123456789") == absl::string_view::npos) {
    uint64_t position;
    if (!absl::SimpleAtoi(text, &position) || position == 0) {
      return absl::InvalidArgumentError(
          absl::StrCat("--as-of ", std::string(text), ": a log position counts from 1"));
    }
    as_of.set_position(position);
    return as_of;
  }
  if (text.size() == 10) {
    absl::StatusOr<v1::Date> date = ParseDate(text);
    if (!date.ok()) {
      return absl::InvalidArgumentError(absl::StrCat("--as-of: ", date.status().message()));
    }
    *as_of.mutable_occurred_on() = *date;
    return as_of;
  }
  if (absl::StatusOr<google::protobuf::Timestamp> time = ParseTimestamp(text); time.ok()) {
    *as_of.mutable_recorded_at() = *time;
    return as_of;
  }
  return absl::InvalidArgumentError(absl::StrCat(
      "--as-of \"", std::string(text),
      "\": give a log position (42), an occurred-on date (2026-09-01) or a recorded-at time "
      "(2026-09-01T12:00:00Z)"));
}

}  // namespace endeavour::cli
