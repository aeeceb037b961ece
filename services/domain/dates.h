// Calendar dates as the record keeps them (endeavour.v1.Date): whether one is given, whether it
// is a real day, their order, and how they are written in messages.
#ifndef ENDEAVOUR_SERVICES_DOMAIN_DATES_H_
#define ENDEAVOUR_SERVICES_DOMAIN_DATES_H_

#include <cstdint>
#include <string>

#include "endeavour/v1/common.pb.h"

namespace endeavour::domain {

// False for the empty date (0-0-0): the field was left out.
bool IsDateSet(const endeavour::v1::Date& date);

// A day that exists, between 1900 and 2200: month 1-12, day within that month (leap years too).
bool IsRealDate(const endeavour::v1::Date& date);

// <0, 0 or >0 as `a` is before, on or after `b`.
int CompareDates(const endeavour::v1::Date& a, const endeavour::v1::Date& b);

// Days since 1970-01-01 (negative before), for a real date: differences count days between dates.
int64_t DayNumber(const endeavour::v1::Date& date);

// The date `days` after (or before, when negative) `date`.
endeavour::v1::Date AddDays(const endeavour::v1::Date& date, int64_t days);

// "2025-11-26".
std::string FormatDate(const endeavour::v1::Date& date);

}  // namespace endeavour::domain

#endif  // ENDEAVOUR_SERVICES_DOMAIN_DATES_H_
