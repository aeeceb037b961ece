// The demo school's calendar: three terms a year with half-terms and holidays on fixed days of
// the year (fictional, but the shape of an English school year), so sessions fall on school days
// and plans run term by term.
#ifndef ENDEAVOUR_CLIENTS_DEMO_DEMO_CALENDAR_H_
#define ENDEAVOUR_CLIENTS_DEMO_DEMO_CALENDAR_H_

#include <cstdint>
#include <vector>

#include "endeavour/v1/common.pb.h"

namespace endeavour::demo {

// 0 Monday ... 6 Sunday.
int Weekday(const v1::Date& date);

// A weekday in term time.
bool IsSchoolDay(const v1::Date& date);

// `date` if it is a school day, else the next (or, for Previous, the last) one.
v1::Date NextSchoolDay(const v1::Date& date);
v1::Date PreviousSchoolDay(const v1::Date& date);

// `days` school days after `date` (before it when negative), counted from `date` moved onto a
// school day.
v1::Date AddSchoolDays(const v1::Date& date, int days);

// v1::Date from numbers.
v1::Date MakeDate(int year, int month, int day);

// Calendar days from `a` to `b`.
int64_t DaysBetween(const v1::Date& a, const v1::Date& b);

struct Term {
  v1::Date begins;  // first school day (not before the period asked for)
  v1::Date ends;    // last school day of the term as the calendar has it
  v1::Date last;    // last school day within the period asked for (ends, or earlier)
};

// The terms that overlap [from, to] by at least five weeks of days, in order.
std::vector<Term> TermsBetween(const v1::Date& from, const v1::Date& to);

}  // namespace endeavour::demo

#endif  // ENDEAVOUR_CLIENTS_DEMO_DEMO_CALENDAR_H_
