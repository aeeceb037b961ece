#include "services/domain/dates.h"

#include "absl/strings/str_cat.h"

namespace endeavour::domain {
namespace {

int DaysInMonth(int year, int month) {
  static constexpr int kDays[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  const bool leap = (year % 4 == 0 && year % 100 != 0) || year % 400 == 0;
  return month == 2 && leap ? 29 : kDays[month - 1];
}

}  // namespace

bool IsDateSet(const endeavour::v1::Date& date) {
  return date.year() != 0 || date.month() != 0 || date.day() != 0;
}

bool IsRealDate(const endeavour::v1::Date& date) {
  return date.year() >= 1900 && date.year() <= 2200 && date.month() >= 1 && date.month() <= 12 &&
         date.day() >= 1 && date.day() <= DaysInMonth(date.year(), date.month());
}

int CompareDates(const endeavour::v1::Date& a, const endeavour::v1::Date& b) {
  if (a.year() != b.year()) return a.year() < b.year() ? -1 : 1;
  if (a.month() != b.month()) return a.month() < b.month() ? -1 : 1;
  if (a.day() != b.day()) return a.day() < b.day() ? -1 : 1;
  return 0;
}

// Howard Hinnant's days_from_civil / civil_from_days: the proleptic Gregorian calendar counted
// in 400-year eras, exact for every date the record accepts.
int64_t DayNumber(const endeavour::v1::Date& date) {
  const int64_t y = date.year() - (date.month() <= 2 ? 1 : 0);
  const int64_t era = (y >= 0 ? y : y - 399) / 400;
  const int64_t year_of_era = y - era * 400;
  const int64_t m = date.month();
  const int64_t day_of_year = (153 * (m > 2 ? m - 3 : m + 9) + 2) / 5 + date.day() - 1;
  const int64_t day_of_era = year_of_era * 365 + year_of_era / 4 - year_of_era / 100 + day_of_year;
  return era * 146097 + day_of_era - 719468;
}

endeavour::v1::Date AddDays(const endeavour::v1::Date& date, int64_t days) {
  const int64_t z = DayNumber(date) + days + 719468;
  const int64_t era = (z >= 0 ? z : z - 146096) / 146097;
  const int64_t day_of_era = z - era * 146097;
  const int64_t year_of_era =
      (day_of_era - day_of_era / 1460 + day_of_era / 36524 - day_of_era / 146096) / 365;
  const int64_t day_of_year =
      day_of_era - (365 * year_of_era + year_of_era / 4 - year_of_era / 100);
  const int64_t mp = (5 * day_of_year + 2) / 153;
  const int64_t day = day_of_year - (153 * mp + 2) / 5 + 1;
  const int64_t month = mp < 10 ? mp + 3 : mp - 9;
  endeavour::v1::Date result;
  result.set_year(static_cast<int32_t>(year_of_era + era * 400 + (month <= 2 ? 1 : 0)));
  result.set_month(static_cast<int32_t>(month));
  result.set_day(static_cast<int32_t>(day));
  return result;
}

std::string FormatDate(const endeavour::v1::Date& date) {
  auto two = [](int n) { return absl::StrCat(n < 10 && n >= 0 ? "0" : "", n); };
  return absl::StrCat(date.year(), "-", two(date.month()), "-", two(date.day()));
}

}  // namespace endeavour::domain
