#include "projections/school_overview.h"

#include <string>
#include <vector>

#include "absl/strings/str_cat.h"
#include "gtest/gtest.h"
#include "services/domain/dates.h"

namespace endeavour::projections {
namespace {

v1::Date D(int y, int m, int d) {
  v1::Date date;
  date.set_year(y);
  date.set_month(m);
  date.set_day(d);
  return date;
}

v1::RegisterEntry Entry(const std::string& pupil_id, v1::SenStatus status) {
  v1::RegisterEntry entry;
  entry.set_stream_id(absl::StrCat("pupil/oak/", pupil_id));
  entry.set_pupil_id(pupil_id);
  entry.set_display_name(absl::StrCat("Pupil ", pupil_id));
  entry.set_year_group(4);
  entry.set_status(status);
  return entry;
}

v1::RegisterEntry WithNeed(v1::RegisterEntry entry, v1::AreaOfNeed area, v1::CensusNeedType type) {
  entry.set_primary_area(area);
  entry.set_primary_census_type(type);
  return entry;
}

v1::RegisterEntry WithReview(v1::RegisterEntry entry, const v1::Date& date) {
  *entry.mutable_next_review_date() = date;
  return entry;
}

v1::RegisterEntry TransferredOut(v1::RegisterEntry entry) {
  entry.set_transferred_out(true);
  return entry;
}

std::vector<std::string> IdsOf(const auto& lines) {
  std::vector<std::string> ids;
  for (const auto& line : lines) ids.push_back(line.pupil_id());
  return ids;
}

const v1::Date kAsOf = D(2026, 3, 2);

TEST(BuildOverviewTest, RegisterHoldsSenSupportAndEhcPupilsStillAtTheSchool) {
  v1::RegisterEntry p02 =
      WithNeed(Entry("p02", v1::SEN_STATUS_SEN_SUPPORT),
               v1::AREA_OF_NEED_SOCIAL_EMOTIONAL_AND_MENTAL_HEALTH, v1::CENSUS_NEED_TYPE_SEMH);
  p02.set_active_plan_id("plan-1");
  p02.set_active_cycle(2);
  p02.set_last_position(40);
  v1::RegisterEntry elsewhere = Entry("p07", v1::SEN_STATUS_SEN_SUPPORT);
  elsewhere.set_stream_id("pupil/elm/p07");
  const std::vector<v1::RegisterEntry> entries = {
      Entry("p06", v1::SEN_STATUS_SEN_SUPPORT),  // no need recorded yet
      TransferredOut(Entry("p04", v1::SEN_STATUS_SEN_SUPPORT)),
      WithNeed(Entry("p03", v1::SEN_STATUS_EHC_PLAN),
               v1::AREA_OF_NEED_COMMUNICATION_AND_INTERACTION, v1::CENSUS_NEED_TYPE_ASD),
      elsewhere,
      Entry("p01", v1::SEN_STATUS_NO_SEN),
      p02,
      Entry("p05", v1::SEN_STATUS_UNSPECIFIED),
  };
  const v1::SchoolOverview overview = BuildOverview("oak", entries, kAsOf, 14);

  EXPECT_EQ(overview.tenant(), "oak");
  EXPECT_EQ(overview.due_within_days(), 14);
  EXPECT_EQ(overview.last_position(), 40u);
  EXPECT_EQ(overview.entries_left_out(), 1);
  EXPECT_EQ(IdsOf(overview.sen_register()), (std::vector<std::string>{"p02", "p03", "p06"}));
  const v1::OverviewRegisterLine& line = overview.sen_register(0);
  EXPECT_EQ(line.stream_id(), "pupil/oak/p02");
  EXPECT_EQ(line.primary_census_type(), v1::CENSUS_NEED_TYPE_SEMH);
  EXPECT_EQ(line.active_plan_id(), "plan-1");
  EXPECT_EQ(line.active_cycle(), 2);

  const v1::OverviewRegisterCounts& counts = overview.counts();
  EXPECT_EQ(counts.pupils(), 5);
  EXPECT_EQ(counts.no_sen(), 2);
  EXPECT_EQ(counts.sen_support(), 2);
  EXPECT_EQ(counts.ehc_plan(), 1);
  EXPECT_EQ(counts.on_register(), 3);
  EXPECT_EQ(counts.transferred_out(), 1);

  ASSERT_EQ(overview.by_area_size(), 3);
  EXPECT_EQ(overview.by_area(0).area(), v1::AREA_OF_NEED_UNSPECIFIED);
  EXPECT_EQ(overview.by_area(0).sen_support(), 1);
  EXPECT_EQ(overview.by_area(1).area(), v1::AREA_OF_NEED_COMMUNICATION_AND_INTERACTION);
  EXPECT_EQ(overview.by_area(1).ehc_plan(), 1);
  EXPECT_EQ(overview.by_area(1).total(), 1);
  EXPECT_EQ(overview.by_area(2).area(), v1::AREA_OF_NEED_SOCIAL_EMOTIONAL_AND_MENTAL_HEALTH);
  ASSERT_EQ(overview.by_census_type_size(), 3);
  EXPECT_EQ(overview.by_census_type(1).census_type(), v1::CENSUS_NEED_TYPE_SEMH);
  EXPECT_EQ(overview.by_census_type(1).sen_support(), 1);
  EXPECT_EQ(overview.by_census_type(2).census_type(), v1::CENSUS_NEED_TYPE_ASD);
  EXPECT_EQ(overview.by_census_type(2).ehc_plan(), 1);
}

TEST(BuildOverviewTest, ReviewsDueWithinTheWindowAndOverdueBeforeTheDate) {
  const std::vector<v1::RegisterEntry> entries = {
      WithReview(Entry("a", v1::SEN_STATUS_SEN_SUPPORT), D(2026, 3, 1)),   // yesterday
      WithReview(Entry("b", v1::SEN_STATUS_SEN_SUPPORT), D(2026, 3, 2)),   // today
      WithReview(Entry("c", v1::SEN_STATUS_EHC_PLAN), D(2026, 3, 16)),     // last day in
      WithReview(Entry("d", v1::SEN_STATUS_SEN_SUPPORT), D(2026, 3, 17)),  // first day out
      WithReview(Entry("e", v1::SEN_STATUS_SEN_SUPPORT), D(2026, 2, 1)),
      TransferredOut(WithReview(Entry("f", v1::SEN_STATUS_SEN_SUPPORT), D(2026, 2, 1))),
      Entry("g", v1::SEN_STATUS_SEN_SUPPORT),
      WithReview(Entry("bb", v1::SEN_STATUS_SEN_SUPPORT), D(2026, 3, 16)),
  };
  const v1::SchoolOverview overview = BuildOverview("oak", entries, kAsOf, 14);
  EXPECT_EQ(IdsOf(overview.reviews_overdue()), (std::vector<std::string>{"e", "a"}));
  EXPECT_EQ(overview.reviews_overdue(0).days(), 29);
  EXPECT_EQ(overview.reviews_overdue(1).days(), 1);
  EXPECT_EQ(IdsOf(overview.reviews_due()), (std::vector<std::string>{"b", "bb", "c"}));
  EXPECT_EQ(overview.reviews_due(0).days(), 0);
  EXPECT_EQ(overview.reviews_due(2).days(), 14);
  EXPECT_EQ(overview.reviews_due(2).status(), v1::SEN_STATUS_EHC_PLAN);
  EXPECT_EQ(domain::CompareDates(overview.reviews_due(2).review_date(), D(2026, 3, 16)), 0);
}

v1::ProvisionDelivery Provision(const std::string& id, const v1::Date& from, int per_week,
                                int minutes, int64_t weekly_cost) {
  v1::ProvisionDelivery p;
  p.set_plan_id("plan-1");
  p.set_provision_id(id);
  v1::DeliveryPeriod* period = p.add_periods();
  *period->mutable_from() = from;
  period->set_sessions_per_week(per_week);
  period->set_minutes_per_session(minutes);
  period->set_weekly_cost_pence(weekly_cost);
  return p;
}

void Logged(v1::ProvisionDelivery& p, int attended, int pupil_absent, int staff_absent,
            int cancelled, int minutes) {
  p.set_sessions_logged(attended + pupil_absent + staff_absent + cancelled);
  p.set_sessions_attended(attended);
  p.set_sessions_pupil_absent(pupil_absent);
  p.set_sessions_staff_absent(staff_absent);
  p.set_sessions_cancelled(cancelled);
  p.set_minutes_delivered(minutes);
}

TEST(BuildOverviewTest, DeliveryAgainstPlanPerPupilAndAcrossTheSchool) {
  const v1::Date as_of = D(2025, 10, 15);
  v1::RegisterEntry p1 = Entry("p1", v1::SEN_STATUS_SEN_SUPPORT);
  v1::ProvisionDelivery reading = Provision("reading", D(2025, 9, 29), 3, 20, 4500);
  *reading.mutable_planned_until() = D(2025, 11, 24);
  Logged(reading, 3, 1, 0, 1, 60);  // planned 6 by the date
  reading.add_cancellation_reasons(" Trip ");
  v1::ProvisionDelivery talk = Provision("talk", D(2025, 10, 6), 1, 30, 2000);
  Logged(talk, 2, 0, 1, 0, 60);  // planned 1, logged 3
  *p1.add_delivery() = reading;
  *p1.add_delivery() = talk;

  v1::RegisterEntry p2 = Entry("p2", v1::SEN_STATUS_EHC_PLAN);
  v1::ProvisionDelivery daily = Provision("daily", D(2025, 9, 1), 5, 15, 0);
  Logged(daily, 6, 0, 0, 4, 120);  // planned 30: six whole weeks
  daily.add_cancellation_reasons("Trip");
  daily.add_cancellation_reasons(" ");
  daily.add_cancellation_reasons("Trip");
  *p2.add_delivery() = daily;

  v1::RegisterEntry gone = TransferredOut(Entry("p0", v1::SEN_STATUS_SEN_SUPPORT));
  *gone.add_delivery() = daily;
  const std::vector<v1::RegisterEntry> entries = {p2, gone, p1, Entry("p3", v1::SEN_STATUS_NO_SEN)};
  const v1::SchoolOverview overview = BuildOverview("oak", entries, as_of, 14);

  ASSERT_EQ(IdsOf(overview.delivery_by_pupil()), (std::vector<std::string>{"p1", "p2"}));
  const v1::OverviewPupilDelivery& first = overview.delivery_by_pupil(0);
  ASSERT_EQ(first.provisions_size(), 2);
  EXPECT_EQ(first.provisions(0).sessions_planned(), 6);
  EXPECT_EQ(first.provisions(0).minutes_planned(), 120);
  EXPECT_EQ(first.provisions(1).sessions_planned(), 1);
  EXPECT_EQ(first.totals().sessions_planned(), 7);
  EXPECT_EQ(first.totals().sessions_logged(), 8);
  EXPECT_EQ(first.totals().sessions_not_logged(), 1);  // talk's extra sessions do not offset it
  EXPECT_DOUBLE_EQ(first.totals().attendance_rate(), 5.0 / 8);
  ASSERT_EQ(first.totals().cancellation_reasons_size(), 1);
  EXPECT_EQ(first.totals().cancellation_reasons(0).reason(), "Trip");
  EXPECT_EQ(entries[2].delivery(0).sessions_planned(), 0);  // the input is not touched

  const v1::OverviewDelivery& school = overview.delivery();
  EXPECT_EQ(school.sessions_planned(), 37);
  EXPECT_EQ(school.sessions_logged(), 18);
  EXPECT_EQ(school.sessions_attended(), 11);
  EXPECT_EQ(school.sessions_not_logged(), 21);
  EXPECT_EQ(school.sessions_pupil_absent(), 1);
  EXPECT_EQ(school.sessions_staff_absent(), 1);
  EXPECT_EQ(school.sessions_cancelled(), 5);
  EXPECT_EQ(school.minutes_planned(), 120 + 30 + 450);
  EXPECT_EQ(school.minutes_delivered(), 240);
  EXPECT_EQ(school.cost_planned_pence(), 2 * 4500 + 2000);
  EXPECT_DOUBLE_EQ(school.attendance_rate(), 11.0 / 18);
  ASSERT_EQ(school.cancellation_reasons_size(), 2);
  EXPECT_EQ(school.cancellation_reasons(0).reason(), "Trip");
  EXPECT_EQ(school.cancellation_reasons(0).sessions(), 3);
  EXPECT_EQ(school.cancellation_reasons(1).reason(), "(no reason given)");
  EXPECT_EQ(school.cancellation_reasons(1).sessions(), 2);  // one blank, one missing
}

v1::RegisterEntry Reviewed(const std::string& id, v1::SenStatus status, int cycles, int not_met) {
  v1::RegisterEntry entry = Entry(id, status);
  entry.set_reviewed_cycles(cycles);
  entry.set_reviewed_cycles_with_not_met(not_met);
  *entry.mutable_last_review_on() = D(2026, 2, 10);
  entry.set_last_review_decision(v1::REVIEW_DECISION_REFINE_PLAN);
  return entry;
}

TEST(BuildOverviewTest, EscalationsAreSenSupportPupilsWithTwoCyclesAndAnOutcomeNotMet) {
  v1::RegisterEntry requested = Reviewed("k4", v1::SEN_STATUS_SEN_SUPPORT, 2, 2);
  requested.set_ehc_needs_assessment_requested(true);
  requested.set_last_review_decision(v1::REVIEW_DECISION_REQUEST_EHC_NEEDS_ASSESSMENT);
  const std::vector<v1::RegisterEntry> entries = {
      requested,
      Reviewed("k2", v1::SEN_STATUS_SEN_SUPPORT, 1, 1),  // one cycle only
      Reviewed("k3", v1::SEN_STATUS_SEN_SUPPORT, 3, 0),  // every outcome met
      Reviewed("e1", v1::SEN_STATUS_EHC_PLAN, 2, 2),     // has a plan already
      TransferredOut(Reviewed("k5", v1::SEN_STATUS_SEN_SUPPORT, 2, 1)),
      Reviewed("n1", v1::SEN_STATUS_NO_SEN, 2, 1),
      Reviewed("k1", v1::SEN_STATUS_SEN_SUPPORT, 2, 1),
  };
  const v1::SchoolOverview overview = BuildOverview("oak", entries, kAsOf, 14);
  ASSERT_EQ(IdsOf(overview.escalations()), (std::vector<std::string>{"k1", "k4"}));
  EXPECT_FALSE(overview.escalations(0).ehc_needs_assessment_requested());
  EXPECT_EQ(overview.escalations(0).reviewed_cycles(), 2);
  EXPECT_EQ(overview.escalations(0).reviewed_cycles_with_not_met(), 1);
  EXPECT_EQ(domain::CompareDates(overview.escalations(0).last_review_on(), D(2026, 2, 10)), 0);
  EXPECT_TRUE(overview.escalations(1).ehc_needs_assessment_requested());
  EXPECT_EQ(overview.escalations(1).last_review_decision(),
            v1::REVIEW_DECISION_REQUEST_EHC_NEEDS_ASSESSMENT);
}

}  // namespace
}  // namespace endeavour::projections
