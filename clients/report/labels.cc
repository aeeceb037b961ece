#include "clients/report/labels.h"

#include <cmath>
#include <cstdlib>
#include <vector>

#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_format.h"
#include "absl/strings/str_split.h"

namespace endeavour::report {
namespace {

constexpr const char* kMonths[] = {"January",   "February", "March",    "April",
                                   "May",       "June",     "July",     "August",
                                   "September", "October",  "November", "December"};

bool IsSet(const v1::Date& date) {
  return date.year() != 0 && date.month() >= 1 && date.month() <= 12;
}

}  // namespace

std::string DateText(const v1::Date& date) {
  if (!IsSet(date)) return "not set";
  return absl::StrCat(date.day(), " ", kMonths[date.month() - 1], " ", date.year());
}

std::string ShortDateText(const v1::Date& date) {
  if (!IsSet(date)) return "not set";
  return absl::StrCat(date.day(), " ", std::string(kMonths[date.month() - 1]).substr(0, 3), " ",
                      date.year());
}

std::string TimeText(absl::Time time) {
  return absl::FormatTime("%Y-%m-%d %H:%M UTC", time, absl::UTCTimeZone());
}

std::string MoneyText(int64_t pence) {
  const bool negative = pence < 0;
  const uint64_t magnitude = negative ? -static_cast<uint64_t>(pence) : pence;
  const std::string digits = absl::StrCat(magnitude / 100);
  std::string pounds;
  for (size_t i = 0; i < digits.size(); ++i) {
    if (i > 0 && (digits.size() - i) % 3 == 0) pounds += ',';
    pounds += digits[i];
  }
  return absl::StrFormat("%s£%s.%02d", negative ? "-" : "", pounds,
                         static_cast<int>(magnitude % 100));
}

std::string PercentText(double share) {
  return absl::StrCat(static_cast<int64_t>(std::lround(share * 100)), "%");
}

std::string OneDecimal(double value) { return absl::StrFormat("%.1f", value); }

std::string Count(int64_t n, const std::string& singular, const std::string& plural) {
  return absl::StrCat(n, " ", n == 1 ? singular : plural);
}

std::string Sentence(const std::string& text) {
  if (text.empty() || absl::EndsWith(text, ".") || absl::EndsWith(text, "!") ||
      absl::EndsWith(text, "?")) {
    return text;
  }
  return absl::StrCat(text, ".");
}

std::string YesNo(bool value) { return value ? "Yes" : "No"; }

std::string SourceText(const v1::EventSource& source) {
  std::string text = "recorded";
  if (source.has_recorded_at()) {
    absl::StrAppend(&text, " ",
                    TimeText(absl::FromUnixSeconds(source.recorded_at().seconds()) +
                             absl::Nanoseconds(source.recorded_at().nanos())));
  }
  if (!source.recorded_by().id().empty()) {
    absl::StrAppend(&text, " by ", source.recorded_by().id(), " (",
                    RoleText(source.recorded_by().role()), ")");
  }
  absl::StrAppend(&text, ", log position ", source.position());
  return text;
}

std::string RateText(const v1::Provision& provision) {
  std::string text = absl::StrCat(provision.sessions_per_week(), " × ",
                                  provision.minutes_per_session(), " min a week");
  if (provision.group_size() == 1) {
    absl::StrAppend(&text, ", one-to-one");
  } else if (provision.group_size() > 1) {
    absl::StrAppend(&text, ", group of ", provision.group_size());
  }
  absl::StrAppend(&text, ", ", MoneyText(provision.weekly_cost_pence()), " a week");
  return text;
}

std::string SchoolOfStream(const std::string& stream_id) {
  std::vector<std::string> parts = absl::StrSplit(stream_id, '/');
  return parts.size() >= 3 ? parts[1] : "";
}

}  // namespace endeavour::report
