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

std::string FormatDate(const endeavour::v1::Date& date) {
  auto two = [](int n) { return absl::StrCat(n < 10 && n >= 0 ? "0" : "", n); };
  return absl::StrCat(date.year(), "-", two(date.month()), "-", two(date.day()));
}

}  // namespace endeavour::domain
