#include "projections/self_evaluation_trends.h"

#include <string>
#include <vector>

#include "absl/strings/str_cat.h"
#include "gtest/gtest.h"
#include "services/domain/dates.h"
#include "services/domain/event_variant.h"
#include "services/domain/key_statements.h"
#include "services/domain/self_evaluation_testing.h"

namespace endeavour::projections {
namespace {

using domain::testing::Day;
constexpr v1::SelfEvaluationSection kOutcomes = v1::SELF_EVALUATION_SECTION_OUTCOMES;
constexpr v1::SelfEvaluationSection kLeadership = v1::SELF_EVALUATION_SECTION_LEADERSHIP;

v1::RatingRecorded Rating(v1::SelfEvaluationSection section, int statement, int current, int target,
                          const v1::Date& rated_on, const v1::Date& target_by) {
  v1::RatingRecorded r;
  r.set_section(section);
  r.set_statement(statement);
  r.set_current_rating(current);
  r.set_target_rating(target);
  if (target != 0) *r.mutable_target_by() = target_by;
  r.set_evidence(absl::StrCat("evidence ", statement, " ", current));
  r.set_rated_by("SLT and SEND governor");
  *r.mutable_rated_on() = rated_on;
  return r;
}

v1::ImprovementActionPlanned Action(const std::string& id, v1::SelfEvaluationSection section,
                                    int statement, const v1::Date& planned_on,
                                    const v1::Date& due_on) {
  v1::ImprovementActionPlanned a;
  a.set_action_id(id);
  a.set_section(section);
  a.set_statement(statement);
  a.set_action(absl::StrCat("do ", id));
  a.set_owner("SENCO");
  a.set_success_measure(absl::StrCat("measure ", id));
  *a.mutable_planned_on() = planned_on;
  *a.mutable_due_on() = due_on;
  return a;
}

// Applies the events as positions 1, 2, ... of "school/oak/self-evaluation".
SelfEvaluationFile FileOf(const std::vector<domain::SchoolEvent>& events) {
  SelfEvaluationFile file;
  for (size_t i = 0; i < events.size(); ++i) {
    v1::EventEnvelope envelope;
    envelope.set_position(i + 1);
    envelope.set_stream_id("school/oak/self-evaluation");
    envelope.set_stream_version(i + 1);
    envelope.set_event_id(absl::StrCat("event-", i + 1));
    envelope.set_event_type(domain::EventTypeName(events[i]));
    envelope.set_tenant("oak");
    envelope.mutable_actor()->set_id("staff/7");
    envelope.mutable_actor()->set_role(v1::ROLE_LEADER);
    envelope.mutable_recorded_at()->set_seconds(1800000000 + static_cast<int64_t>(i));
    envelope.set_payload(domain::SerializeEvent(events[i]));
    EXPECT_TRUE(file.Apply(envelope).ok()) << i;
  }
  return file;
}

const v1::Date kRound1 = Day(2026, 11, 20);
const v1::Date kLate = Day(2026, 12, 1);
const v1::Date kRound2 = Day(2027, 3, 10);
const v1::Date kSummer = Day(2027, 7, 16);
const v1::Date kDecember = Day(2027, 12, 15);

// Two rounds, then a rating typed up after the second round for a day between them.
SelfEvaluationFile TwoRounds() {
  return FileOf({
      Rating(kLeadership, 1, 3, 6, kRound1, kSummer),  // 1
      Rating(kLeadership, 2, 4, 7, kRound1, kSummer),  // 2
      Rating(kLeadership, 4, 7, 9, kRound1, kSummer),  // 3: before 3, to test the order
      Rating(kLeadership, 3, 6, 8, kRound1, kSummer),  // 4
      Rating(kOutcomes, 1, 0, 0, kRound1, kSummer),    // 5: not applicable
      Rating(kOutcomes, 2, 2, 5, kRound1, kSummer),    // 6
      Action("a-outcomes-2", kOutcomes, 2, Day(2026, 11, 21), Day(2027, 2, 1)),       // 7
      Action("a-leadership-1", kLeadership, 1, Day(2026, 11, 21), Day(2027, 3, 31)),  // 8
      Rating(kLeadership, 1, 5, 7, kRound2, kDecember),                               // 9
      Rating(kOutcomes, 2, 4, 8, kRound2, kDecember),                                 // 10
      Rating(kOutcomes, 3, 3, 5, kRound2, kSummer),                                   // 11
      Rating(kLeadership, 1, 4, 7, kLate, kSummer),  // 12: typed up late
      Action("a-leadership-1b", kLeadership, 1, Day(2027, 3, 11), Day(2027, 4, 30)),  // 13
  });
}

const v1::TrendStatement& StatementOf(const v1::SelfEvaluationTrends& trends,
                                      v1::SelfEvaluationSection section, int number) {
  return trends.sections(section - 1).statements(number - 1);
}

TEST(RenderTrendsTest, EverySectionAndStatementOfTheToolInOrder) {
  const v1::SelfEvaluationTrends trends = RenderTrends(FileOf({}));
  ASSERT_EQ(trends.sections_size(), 7);
  int statements = 0;
  for (int s = 0; s < 7; ++s) {
    EXPECT_EQ(trends.sections(s).section(), s + 1);
    for (const v1::TrendStatement& statement : trends.sections(s).statements()) {
      ++statements;
      EXPECT_EQ(statement.band(), v1::EVIDENCE_BAND_UNSPECIFIED);
      EXPECT_FALSE(statement.has_latest());
    }
  }
  EXPECT_EQ(statements, 45);
  EXPECT_EQ(trends.sections(1).title(), "Leadership of SEND");
  EXPECT_EQ(StatementOf(trends, kLeadership, 4).text(),
            std::string(domain::FindKeyStatement(kLeadership, 4)->text));
  EXPECT_EQ(trends.gaps_size(), 0);
  EXPECT_EQ(trends.rounds_size(), 0);
  EXPECT_EQ(trends.overall().statements(), 0);
}

TEST(RenderTrendsTest, SeriesIsInDateOrderAndALateRatingDoesNotBecomeTheLatest) {
  const v1::SelfEvaluationTrends trends = RenderTrends(TwoRounds());
  EXPECT_EQ(trends.tenant(), "oak");
  EXPECT_EQ(trends.last_position(), 13u);
  const v1::TrendStatement& l1 = StatementOf(trends, kLeadership, 1);
  ASSERT_EQ(l1.ratings_size(), 3);
  EXPECT_EQ(l1.ratings(0).current_rating(), 3);
  EXPECT_EQ(l1.ratings(1).current_rating(), 4);  // the late one, by its date
  EXPECT_EQ(l1.ratings(1).source().position(), 12u);
  EXPECT_EQ(l1.ratings(2).current_rating(), 5);
  for (const v1::TrendRating& point : l1.ratings()) EXPECT_FALSE(point.superseded());

  EXPECT_EQ(l1.latest().current_rating(), 5);
  EXPECT_EQ(l1.latest().target_rating(), 7);
  EXPECT_EQ(domain::CompareDates(l1.latest().rated_on(), kRound2), 0);
  EXPECT_EQ(l1.latest().source().event_id(), "event-9");
  EXPECT_EQ(l1.latest().source().recorded_by().id(), "staff/7");
  EXPECT_EQ(l1.latest().evidence(), "evidence 1 5");
  EXPECT_EQ(l1.gap(), 2);
}

TEST(RenderTrendsTest, BandsAtTheBoundariesAndNotApplicableApart) {
  const v1::SelfEvaluationTrends trends = RenderTrends(TwoRounds());
  EXPECT_EQ(StatementOf(trends, kOutcomes, 3).band(), v1::EVIDENCE_BAND_NOT_YET_ADDRESSED);  // 3
  EXPECT_EQ(StatementOf(trends, kLeadership, 2).band(), v1::EVIDENCE_BAND_BEING_ADDRESSED);  // 4
  EXPECT_EQ(StatementOf(trends, kLeadership, 3).band(), v1::EVIDENCE_BAND_BEING_ADDRESSED);  // 6
  EXPECT_EQ(StatementOf(trends, kLeadership, 4).band(),
            v1::EVIDENCE_BAND_STRATEGICALLY_ADDRESSED);  // 7
  const v1::TrendStatement& o1 = StatementOf(trends, kOutcomes, 1);
  EXPECT_EQ(o1.band(), v1::EVIDENCE_BAND_NOT_APPLICABLE);
  EXPECT_EQ(o1.gap(), 0);
  EXPECT_EQ(StatementOf(trends, kOutcomes, 4).band(), v1::EVIDENCE_BAND_UNSPECIFIED);
}

TEST(RenderTrendsTest, GapsRankedLargestFirstTiesInTheToolsOrderNotApplicableLeftOut) {
  const v1::SelfEvaluationTrends trends = RenderTrends(TwoRounds());
  std::vector<std::string> order;
  for (const v1::TrendGap& gap : trends.gaps()) {
    order.push_back(
        absl::StrCat(gap.section() == kOutcomes ? "O" : "L", gap.statement(), ":", gap.gap()));
  }
  EXPECT_EQ(order, (std::vector<std::string>{"O2:4", "L2:3", "O3:2", "L1:2", "L3:2", "L4:2"}));
  EXPECT_EQ(trends.gaps(0).current_rating(), 4);
  EXPECT_EQ(trends.gaps(0).target_rating(), 8);
  EXPECT_EQ(trends.gaps(0).actions(), 1);
  EXPECT_EQ(trends.gaps(3).actions(), 2);
  EXPECT_EQ(trends.gaps(1).actions(), 0);
}

TEST(RenderTrendsTest, SectionAveragesOfTheLatestRatingsLeaveOutZero) {
  const v1::SelfEvaluationTrends trends = RenderTrends(TwoRounds());
  const v1::TrendSection& outcomes = trends.sections(0);
  EXPECT_EQ(outcomes.statements_rated(), 3);
  EXPECT_EQ(outcomes.statements_not_applicable(), 1);
  EXPECT_EQ(outcomes.latest().statements(), 2);  // 4/8 and 3/5
  EXPECT_DOUBLE_EQ(outcomes.latest().current(), 3.5);
  EXPECT_DOUBLE_EQ(outcomes.latest().target(), 6.5);
  const v1::TrendSection& leadership = trends.sections(1);
  EXPECT_EQ(leadership.latest().statements(), 4);  // 5/7 4/7 6/8 7/9
  EXPECT_DOUBLE_EQ(leadership.latest().current(), 5.5);
  EXPECT_DOUBLE_EQ(leadership.latest().target(), 7.75);
  EXPECT_EQ(trends.sections(2).latest().statements(), 0);
  EXPECT_DOUBLE_EQ(trends.sections(2).latest().current(), 0.0);
  EXPECT_EQ(trends.overall().statements(), 6);
  EXPECT_DOUBLE_EQ(trends.overall().current(), 29.0 / 6);
  EXPECT_DOUBLE_EQ(trends.overall().target(), 44.0 / 6);
}

TEST(RenderTrendsTest, RoundsAreTheRatingsOfOneDay) {
  const v1::SelfEvaluationTrends trends = RenderTrends(TwoRounds());
  ASSERT_EQ(trends.rounds_size(), 3);
  const v1::TrendRound& first = trends.rounds(0);
  EXPECT_EQ(domain::CompareDates(first.rated_on(), kRound1), 0);
  EXPECT_EQ(first.ratings(), 6);  // the not-applicable one counted, not averaged
  ASSERT_EQ(first.sections_size(), 2);
  EXPECT_EQ(first.sections(0).section(), kOutcomes);
  EXPECT_EQ(first.sections(0).averages().statements(), 1);
  EXPECT_DOUBLE_EQ(first.sections(0).averages().current(), 2.0);
  EXPECT_DOUBLE_EQ(first.sections(0).averages().target(), 5.0);
  EXPECT_EQ(first.sections(1).section(), kLeadership);
  EXPECT_DOUBLE_EQ(first.sections(1).averages().current(), 5.0);  // 3 4 6 7
  EXPECT_DOUBLE_EQ(first.sections(1).averages().target(), 7.5);   // 6 7 8 9
  EXPECT_EQ(first.overall().statements(), 5);
  EXPECT_DOUBLE_EQ(first.overall().current(), 4.4);

  const v1::TrendRound& late = trends.rounds(1);
  EXPECT_EQ(domain::CompareDates(late.rated_on(), kLate), 0);
  EXPECT_EQ(late.ratings(), 1);
  ASSERT_EQ(late.sections_size(), 1);
  EXPECT_DOUBLE_EQ(late.sections(0).averages().current(), 4.0);

  const v1::TrendRound& second = trends.rounds(2);
  EXPECT_EQ(second.ratings(), 3);
  EXPECT_EQ(second.sections(0).averages().statements(), 2);
  EXPECT_DOUBLE_EQ(second.sections(0).averages().current(), 3.5);
  EXPECT_DOUBLE_EQ(second.sections(1).averages().target(), 7.0);
}

TEST(RenderTrendsTest, ARatingAgainOnTheSameDaySupersedesTheFirst) {
  const v1::SelfEvaluationTrends trends = RenderTrends(FileOf({
      Rating(kLeadership, 1, 3, 6, kRound1, kSummer),
      Rating(kLeadership, 1, 4, 6, kRound1, kSummer),
  }));
  const v1::TrendStatement& l1 = StatementOf(trends, kLeadership, 1);
  ASSERT_EQ(l1.ratings_size(), 2);
  EXPECT_TRUE(l1.ratings(0).superseded());
  EXPECT_FALSE(l1.ratings(1).superseded());
  EXPECT_EQ(l1.latest().current_rating(), 4);
  EXPECT_EQ(l1.band(), v1::EVIDENCE_BAND_BEING_ADDRESSED);
  ASSERT_EQ(trends.rounds_size(), 1);
  EXPECT_EQ(trends.rounds(0).ratings(), 1);
  EXPECT_DOUBLE_EQ(trends.rounds(0).overall().current(), 4.0);
}

TEST(RenderTrendsTest, ActionsUnderTheirStatementInPlannedOrderNotYetOverdue) {
  const v1::SelfEvaluationTrends trends = RenderTrends(TwoRounds());
  const v1::TrendStatement& l1 = StatementOf(trends, kLeadership, 1);
  ASSERT_EQ(l1.actions_size(), 2);
  EXPECT_EQ(l1.actions(0).action_id(), "a-leadership-1");
  EXPECT_EQ(l1.actions(0).owner(), "SENCO");
  EXPECT_EQ(l1.actions(0).success_measure(), "measure a-leadership-1");
  EXPECT_EQ(l1.actions(0).source().position(), 8u);
  EXPECT_EQ(l1.actions(1).action_id(), "a-leadership-1b");
  EXPECT_FALSE(l1.actions(0).overdue());
  EXPECT_FALSE(trends.has_as_of());
}

TEST(FillTrendsAsOfTest, OverdueOnlyAfterTheDueDay) {
  v1::SelfEvaluationTrends trends = RenderTrends(TwoRounds());
  FillTrendsAsOf(Day(2027, 3, 31), trends);  // a-leadership-1 is due today
  const v1::TrendAction& due_today = StatementOf(trends, kLeadership, 1).actions(0);
  EXPECT_FALSE(due_today.overdue());
  EXPECT_EQ(due_today.days_overdue(), 0);
  const v1::TrendAction& february = StatementOf(trends, kOutcomes, 2).actions(0);
  EXPECT_TRUE(february.overdue());
  EXPECT_EQ(february.days_overdue(), 58);
  EXPECT_EQ(trends.overdue_actions(), 1);
  EXPECT_EQ(domain::CompareDates(trends.as_of(), Day(2027, 3, 31)), 0);

  FillTrendsAsOf(Day(2027, 4, 1), trends);
  EXPECT_TRUE(StatementOf(trends, kLeadership, 1).actions(0).overdue());
  EXPECT_EQ(StatementOf(trends, kLeadership, 1).actions(0).days_overdue(), 1);
  EXPECT_FALSE(StatementOf(trends, kLeadership, 1).actions(1).overdue());
  EXPECT_EQ(trends.sections(0).overdue_actions(), 1);
  EXPECT_EQ(trends.sections(1).overdue_actions(), 1);
  EXPECT_EQ(trends.overdue_actions(), 2);

  FillTrendsAsOf(Day(2027, 1, 1), trends);  // an earlier date undoes what a later one filled
  EXPECT_FALSE(StatementOf(trends, kOutcomes, 2).actions(0).overdue());
  EXPECT_EQ(trends.overdue_actions(), 0);
  EXPECT_EQ(trends.sections(0).overdue_actions(), 0);
}

TEST(FillTrendsAsOfTest, TargetDatePassedOnlyWhenTheTargetIsNotReached) {
  v1::SelfEvaluationTrends trends = RenderTrends(TwoRounds());
  FillTrendsAsOf(kSummer, trends);
  EXPECT_FALSE(StatementOf(trends, kOutcomes, 3).target_date_passed());
  FillTrendsAsOf(Day(2027, 7, 17), trends);
  EXPECT_TRUE(StatementOf(trends, kOutcomes, 3).target_date_passed());     // 3 of 5 by July
  EXPECT_TRUE(StatementOf(trends, kLeadership, 4).target_date_passed());   // 7 of 9 by July
  EXPECT_FALSE(StatementOf(trends, kLeadership, 1).target_date_passed());  // due December
  EXPECT_FALSE(StatementOf(trends, kOutcomes, 1).target_date_passed());    // not applicable
  EXPECT_FALSE(StatementOf(trends, kOutcomes, 4).target_date_passed());    // not rated
}

}  // namespace
}  // namespace endeavour::projections
