#include "projections/delivery.h"

#include "gtest/gtest.h"

namespace endeavour::projections {
namespace {

v1::Date D(int y, int m, int d) {
  v1::Date date;
  date.set_year(y);
  date.set_month(m);
  date.set_day(d);
  return date;
}

v1::ProvisionDelivery ThreeTimesAWeek() {
  v1::ProvisionDelivery delivery;
  v1::DeliveryPeriod* period = delivery.add_periods();
  *period->mutable_from() = D(2025, 9, 29);
  period->set_sessions_per_week(3);
  period->set_minutes_per_session(20);
  period->set_weekly_cost_pence(4500);
  *delivery.mutable_planned_until() = D(2025, 11, 24);  // eight weeks
  return delivery;
}

TEST(FillPlannedTest, CountsWholeWeeksUpToTheDate) {
  v1::ProvisionDelivery delivery = ThreeTimesAWeek();
  FillPlanned(D(2025, 10, 15), delivery);  // two whole weeks and two days
  EXPECT_EQ(delivery.sessions_planned(), 6);
  EXPECT_EQ(delivery.minutes_planned(), 120);
  EXPECT_EQ(delivery.cost_planned_pence(), 9000);
}

TEST(FillPlannedTest, StopsAtTheReviewAndStartsAtThePlan) {
  v1::ProvisionDelivery delivery = ThreeTimesAWeek();
  FillPlanned(D(2026, 3, 1), delivery);
  EXPECT_EQ(delivery.sessions_planned(), 24);
  FillPlanned(D(2025, 9, 1), delivery);
  EXPECT_EQ(delivery.sessions_planned(), 0);
  EXPECT_EQ(delivery.minutes_planned(), 0);
}

TEST(FillPlannedTest, AnAdjustmentChangesTheRateFromItsDate) {
  v1::ProvisionDelivery delivery = ThreeTimesAWeek();
  v1::DeliveryPeriod* more = delivery.add_periods();
  *more->mutable_from() = D(2025, 10, 27);  // after four weeks
  more->set_sessions_per_week(5);
  more->set_minutes_per_session(30);
  FillPlanned(D(2025, 11, 24), delivery);
  EXPECT_EQ(delivery.sessions_planned(), 4 * 3 + 4 * 5);
  EXPECT_EQ(delivery.minutes_planned(), 4 * 3 * 20 + 4 * 5 * 30);
}

TEST(FillPlannedTest, AttendanceRateIsAttendedOverLogged) {
  v1::ProvisionDelivery delivery = ThreeTimesAWeek();
  FillPlanned(D(2025, 10, 1), delivery);
  EXPECT_EQ(delivery.attendance_rate(), 0.0);
  delivery.set_sessions_logged(8);
  delivery.set_sessions_attended(6);
  FillPlanned(D(2025, 10, 1), delivery);
  EXPECT_DOUBLE_EQ(delivery.attendance_rate(), 0.75);
}

}  // namespace
}  // namespace endeavour::projections
