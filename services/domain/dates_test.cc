#include "services/domain/dates.h"

#include "gtest/gtest.h"

namespace endeavour::domain {
namespace {

v1::Date D(int y, int m, int d) {
  v1::Date date;
  date.set_year(y);
  date.set_month(m);
  date.set_day(d);
  return date;
}

TEST(DatesTest, DayNumberCountsFromTheUnixEpoch) {
  EXPECT_EQ(DayNumber(D(1970, 1, 1)), 0);
  EXPECT_EQ(DayNumber(D(1969, 12, 31)), -1);
  EXPECT_EQ(DayNumber(D(2000, 3, 1)) - DayNumber(D(2000, 2, 28)), 2);  // 2000 was a leap year
  EXPECT_EQ(DayNumber(D(1900, 3, 1)) - DayNumber(D(1900, 2, 28)), 1);  // 1900 was not
  EXPECT_EQ(DayNumber(D(2025, 1, 1)) - DayNumber(D(2024, 1, 1)), 366);
}

TEST(DatesTest, AddDaysWalksEveryDayAndBack) {
  v1::Date day = D(1999, 12, 1);
  for (int i = 0; i < 3000; ++i) {
    v1::Date next = AddDays(day, 1);
    ASSERT_TRUE(IsRealDate(next)) << FormatDate(next);
    ASSERT_LT(CompareDates(day, next), 0);
    ASSERT_EQ(DayNumber(next), DayNumber(day) + 1);
    ASSERT_EQ(CompareDates(AddDays(next, -1), day), 0);
    day = next;
  }
  EXPECT_EQ(FormatDate(AddDays(D(2024, 2, 28), 1)), "2024-02-29");
  EXPECT_EQ(FormatDate(AddDays(D(2025, 9, 1), -365)), "2024-09-01");
}

}  // namespace
}  // namespace endeavour::domain
