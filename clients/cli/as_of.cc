#include "clients/cli/as_of.h"

#include <cstdint>
#include <string>

#include "absl/strings/ascii.h"
#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "absl/time/civil_time.h"
#include "absl/time/time.h"

namespace endeavour::cli {

namespace {

constexpr char kForms[] =
    "expected a log position (an integer from 1, e.g. 120), a date YYYY-MM-DD (what had happened "
    "by that day) or an RFC 3339 time such as 2025-09-01T08:00:00Z (what the record said then)";

bool AllDigits(absl::string_view text) {
  for (char c : text) {
    if (!absl::ascii_isdigit(c)) return false;
  }
  return !text.empty();
}

bool LooksLikeDate(absl::string_view text) {
  return text.size() == 10 && text[4] == '-' && text[7] == '-' && AllDigits(text.substr(0, 4)) &&
         AllDigits(text.substr(5, 2)) && AllDigits(text.substr(8, 2));
}

absl::Status Invalid(absl::string_view text, absl::string_view why) {
  return absl::InvalidArgumentError(absl::StrCat("--as-of \"", std::string(text), "\": ", why));
}

}  // namespace

absl::StatusOr<v1::AsOf> ParseAsOf(absl::string_view text) {
  v1::AsOf as_of;
  if (AllDigits(text)) {
    uint64_t position = 0;
    if (!absl::SimpleAtoi(text, &position)) return Invalid(text, "too large for a log position");
    if (position == 0) return Invalid(text, "log positions start at 1");
    as_of.set_position(position);
    return as_of;
  }
  if (LooksLikeDate(text)) {
    int year = 0, month = 0, day = 0;
    absl::SimpleAtoi(text.substr(0, 4), &year);
    absl::SimpleAtoi(text.substr(5, 2), &month);
    absl::SimpleAtoi(text.substr(8, 2), &day);
    const absl::CivilDay civil(year, month, day);
    if (civil.year() != year || civil.month() != month || civil.day() != day) {
      return Invalid(text, "no such date");
    }
    v1::Date* date = as_of.mutable_occurred_on();
    date->set_year(year);
    date->set_month(month);
    date->set_day(day);
    return as_of;
  }
  absl::Time time;
  std::string error;
  if (absl::ParseTime(absl::RFC3339_full, std::string(text), &time, &error)) {
    // Whole seconds rounded down, so the nanoseconds are never negative (as Timestamp asks).
    const int64_t seconds = absl::ToUnixSeconds(time);
    as_of.mutable_recorded_at()->set_seconds(seconds);
    as_of.mutable_recorded_at()->set_nanos(
        static_cast<int32_t>(absl::ToInt64Nanoseconds(time - absl::FromUnixSeconds(seconds))));
    return as_of;
  }
  return Invalid(text, kForms);
}

}  // namespace endeavour::cli
