#include "clients/demo/demo_calendar.h"

#include <algorithm>

#include "services/domain/dates.h"

namespace endeavour::demo {
namespace {

// Days of the year as month * 100 + day.
int MonthDay(const v1::Date& date) { return date.month() * 100 + date.day(); }

struct Span {
  int from;
  int to;
};

// Holidays, the same days every year: the end of Christmas, the February half-term, Easter, the
// May half-term, the summer, the October half-term and the start of Christmas.
constexpr Span kHolidays[] = {{101, 103}, {216, 220},   {401, 414},  {526, 530},
                              {722, 901}, {1027, 1031}, {1220, 1231}};

// Spring, summer and autumn terms, in the order they come in a calendar year.
constexpr Span kTerms[] = {{104, 331}, {415, 721}, {902, 1219}};

}  // namespace

v1::Date MakeDate(int year, int month, int day) {
  v1::Date date;
  date.set_year(year);
  date.set_month(month);
  date.set_day(day);
  return date;
}

int64_t DaysBetween(const v1::Date& a, const v1::Date& b) {
  return domain::DayNumber(b) - domain::DayNumber(a);
}

int Weekday(const v1::Date& date) {
  // 1970-01-01 was a Thursday (3 with Monday as 0).
  const int64_t day = domain::DayNumber(date) + 3;
  return static_cast<int>(((day % 7) + 7) % 7);
}

bool IsSchoolDay(const v1::Date& date) {
  if (Weekday(date) >= 5) return false;
  const int md = MonthDay(date);
  for (const Span& holiday : kHolidays) {
    if (md >= holiday.from && md <= holiday.to) return false;
  }
  return true;
}

v1::Date NextSchoolDay(const v1::Date& date) {
  v1::Date day = date;
  while (!IsSchoolDay(day)) day = domain::AddDays(day, 1);
  return day;
}

v1::Date PreviousSchoolDay(const v1::Date& date) {
  v1::Date day = date;
  while (!IsSchoolDay(day)) day = domain::AddDays(day, -1);
  return day;
}

v1::Date AddSchoolDays(const v1::Date& date, int days) {
  v1::Date day = days >= 0 ? NextSchoolDay(date) : PreviousSchoolDay(date);
  const int step = days >= 0 ? 1 : -1;
  for (int left = days >= 0 ? days : -days; left > 0; --left) {
    day = domain::AddDays(day, step);
    while (!IsSchoolDay(day)) day = domain::AddDays(day, step);
  }
  return day;
}

std::vector<Term> TermsBetween(const v1::Date& from, const v1::Date& to) {
  std::vector<Term> terms;
  for (int year = from.year() - 1; year <= to.year(); ++year) {
    for (const Span& span : kTerms) {
      Term term;
      term.ends = PreviousSchoolDay(MakeDate(year, span.to / 100, span.to % 100));
      term.begins = NextSchoolDay(MakeDate(year, span.from / 100, span.from % 100));
      if (domain::CompareDates(term.begins, from) < 0) term.begins = NextSchoolDay(from);
      term.last = domain::CompareDates(term.ends, to) > 0 ? PreviousSchoolDay(to) : term.ends;
      if (DaysBetween(term.begins, term.last) >= 35) terms.push_back(term);
    }
  }
  return terms;
}

}  // namespace endeavour::demo
