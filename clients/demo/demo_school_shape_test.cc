// The demo school has the shape promised: pupils on roll, a register of the size asked for across
// all four areas, one to four cycles each over two years, every kind of review decision,
// corrections, retractions, a transfer in, and two rounds of self-evaluation. The record is read
// the way the server would fold it: through the real deciders.
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <map>
#include <set>
#include <string>

#include "absl/strings/str_cat.h"
#include "clients/demo/demo_school.h"
#include "services/domain/dates.h"
#include "services/domain/event_variant.h"
#include "services/domain/key_statements.h"
#include "services/domain/pupil_record.h"

namespace endeavour::demo {
namespace {

using domain::PupilRecord;
using domain::PupilState;

// Folds a pupil's requests through the deciders; fails the test on any refusal.
PupilState Fold(const DemoPupil& pupil, std::map<std::string, int>& events_by_type) {
  PupilState state;
  for (const PupilRequest& request : pupil.requests) {
    const v1::CommandHeader& header = HeaderOf(request);
    const domain::PupilCommand command =
        std::visit([](const auto& r) { return domain::PupilCommand(r.command()); }, request);
    auto decided = PupilRecord::Decide(command, state,
                                       domain::CommandContext{header.command_id(), header.today()});
    EXPECT_TRUE(decided.ok()) << header.command_id() << ": " << decided.status();
    if (!decided.ok()) continue;
    for (size_t i = 0; i < decided->size(); ++i) {
      ++events_by_type[domain::EventTypeName((*decided)[i])];
      state = PupilRecord::Evolve(std::move(state), absl::StrCat(header.command_id(), ".", i),
                                  (*decided)[i]);
    }
  }
  return state;
}

struct Census {
  int on_roll = 0;
  int sen_support = 0;
  int ehc_plan = 0;
  int with_sen_history = 0;
  std::map<v1::AreaOfNeed, int> register_by_area;
  std::set<v1::ReviewDecision> decisions;
  std::map<std::string, int> events_by_type;
  int fewest_cycles = 99;
  int most_cycles = 0;
  v1::Date first_plan;
  v1::Date last_plan;
  int missed_sessions = 0;
  int plans_repeating_an_intervention = 0;
  int needs_replaced = 0;
};

Census Count(const DemoSchool& school) {
  Census census;
  census.first_plan = school.end;
  for (const DemoPupil& pupil : school.pupils) {
    const PupilState state = Fold(pupil, census.events_by_type);
    if (state.registered() && !state.closed()) ++census.on_roll;
    if (state.status() == v1::SEN_STATUS_SEN_SUPPORT) ++census.sen_support;
    if (state.status() == v1::SEN_STATUS_EHC_PLAN) ++census.ehc_plan;
    if (state.status() != v1::SEN_STATUS_NO_SEN && state.PrimaryNeed() != nullptr) {
      ++census.register_by_area[state.PrimaryNeed()->current.area()];
    }
    for (const auto& [id, need] : state.needs) {
      if (!need.current.replaces_need_id().empty()) ++census.needs_replaced;
    }
    if (state.plans.empty()) continue;
    ++census.with_sen_history;
    census.fewest_cycles = std::min(census.fewest_cycles, state.LastCycle());
    census.most_cycles = std::max(census.most_cycles, state.LastCycle());
    for (const auto& plan : state.plans) {
      std::set<std::string> interventions;
      for (const v1::Provision& p : plan.current.provisions())
        interventions.insert(p.intervention());
      if (interventions.size() < static_cast<size_t>(plan.current.provisions_size())) {
        ++census.plans_repeating_an_intervention;
      }
      if (domain::CompareDates(plan.current.agreed_on(), census.first_plan) < 0) {
        census.first_plan = plan.current.agreed_on();
      }
      if (domain::CompareDates(plan.current.agreed_on(), census.last_plan) > 0) {
        census.last_plan = plan.current.agreed_on();
      }
    }
    for (const auto& [id, review] : state.reviews)
      census.decisions.insert(review.current.decision());
    for (const auto& [id, session] : state.sessions) {
      if (session.current.attendance() != v1::ATTENDANCE_ATTENDED) ++census.missed_sessions;
    }
  }
  return census;
}

TEST(DemoSchoolShapeTest, TheDefaultSchoolIsTheOnePromised) {
  absl::StatusOr<DemoSchool> school = GenerateDemoSchool(DemoOptions{});
  ASSERT_TRUE(school.ok()) << school.status();
  const Census census = Count(*school);
  const DemoShape& shape = school->shape;
  EXPECT_EQ(census.on_roll, 300);
  EXPECT_EQ(shape.on_roll, 300);
  EXPECT_EQ(census.sen_support + census.ehc_plan, 60);
  EXPECT_EQ(shape.on_register, 60);
  EXPECT_EQ(census.sen_support, shape.sen_support);
  EXPECT_EQ(census.ehc_plan, shape.ehc_plan);
  EXPECT_GE(census.ehc_plan, 1);
  EXPECT_EQ(census.register_by_area, shape.register_by_area);
  EXPECT_EQ(census.register_by_area.size(), 4u) << "all four broad areas of need";
  EXPECT_EQ(census.with_sen_history, 60 + shape.came_off_register);
  EXPECT_GE(shape.came_off_register, 1);
  EXPECT_EQ(census.fewest_cycles, 1);
  EXPECT_EQ(census.most_cycles, 4);
  // Histories spread over the two years: plans from the first term to the last.
  EXPECT_LE(domain::DayNumber(census.first_plan) - domain::DayNumber(school->options.start), 42);
  EXPECT_LE(domain::DayNumber(school->end) - domain::DayNumber(census.last_plan), 70);
  for (int d = v1::REVIEW_DECISION_REDUCE_SUPPORT;
       d <= v1::REVIEW_DECISION_NO_LONGER_NEEDS_SEN_SUPPORT; ++d) {
    EXPECT_TRUE(census.decisions.contains(static_cast<v1::ReviewDecision>(d)))
        << v1::ReviewDecision_Name(d);
  }
  const auto& events = census.events_by_type;
  auto count = [&](const std::string& type) {
    auto it = events.find("endeavour.v1." + type);
    return it == events.end() ? 0 : it->second;
  };
  EXPECT_EQ(count("PupilTransferred"), 1) << "a transfer in";
  EXPECT_GE(count("RecordCorrected"), 3);
  EXPECT_GE(count("RecordRetracted"), 1);
  EXPECT_GE(count("PlanAdjusted"), 5);
  EXPECT_GE(count("ExternalAdviceRequested"), 2);
  EXPECT_GE(count("ExternalAdviceReceived"), 1);
  EXPECT_GE(count("EhcNeedsAssessmentRequested"), 1);
  EXPECT_GE(count("InterventionDelivered"), 1000);
  EXPECT_GE(census.missed_sessions, 50);
  EXPECT_EQ(census.plans_repeating_an_intervention, 0);
  EXPECT_GE(census.needs_replaced, 1) << "a primary need made exact by specialist advice";
}

TEST(DemoSchoolShapeTest, TwoRoundsOfSelfEvaluationRateEveryKeyStatementWithActions) {
  absl::StatusOr<DemoSchool> school = GenerateDemoSchool(DemoOptions{});
  ASSERT_TRUE(school.ok());
  size_t statements = 0;
  for (const domain::Section& section : domain::SelfEvaluationSections()) {
    statements += section.statements.size();
  }
  std::map<std::string, int> ratings_by_date;
  std::set<std::string> action_dates;
  int with_target = 0;
  for (const SchoolRequest& request : school->self_evaluation) {
    if (const auto* rate = std::get_if<v1::RecordRatingRequest>(&request)) {
      ++ratings_by_date[domain::FormatDate(rate->command().rating().rated_on())];
      if (rate->command().rating().target_rating() > rate->command().rating().current_rating()) {
        ++with_target;
      }
    } else {
      action_dates.insert(domain::FormatDate(
          std::get<v1::PlanImprovementActionRequest>(request).command().action().planned_on()));
    }
  }
  ASSERT_EQ(ratings_by_date.size(), 2u);
  for (const auto& [date, n] : ratings_by_date)
    EXPECT_EQ(static_cast<size_t>(n), statements) << date;
  EXPECT_GE(with_target, static_cast<int>(statements));
  EXPECT_EQ(action_dates.size(), 2u) << "improvement actions after each round";
}

TEST(DemoSchoolShapeTest, TheSmallSchoolOfTheEndToEndTestHasEveryAreaToo) {
  DemoOptions options;
  options.pupils = 60;
  options.sen = 15;
  absl::StatusOr<DemoSchool> school = GenerateDemoSchool(options);
  ASSERT_TRUE(school.ok()) << school.status();
  const Census census = Count(*school);
  EXPECT_EQ(census.on_roll, 60);
  EXPECT_EQ(census.sen_support + census.ehc_plan, 15);
  EXPECT_EQ(census.register_by_area, school->shape.register_by_area);
  EXPECT_EQ(census.register_by_area.size(), 4u);
}

TEST(DemoSchoolShapeTest, AnotherStartDateAndSeedMakeAnotherValidSchool) {
  DemoOptions options;
  options.seed = 7;
  options.start = domain::AddDays(DefaultStartDate(), 126);  // a January start
  options.pupils = 120;
  options.sen = 25;
  absl::StatusOr<DemoSchool> school = GenerateDemoSchool(options);
  ASSERT_TRUE(school.ok()) << school.status();
  const Census census = Count(*school);
  EXPECT_EQ(census.on_roll, 120);
  EXPECT_EQ(census.sen_support + census.ehc_plan, 25);
}

TEST(DemoSchoolShapeTest, TinyAndLargeSchoolsAreValidToo) {
  const std::pair<int, int> kSizes[] = {{1, 0}, {7, 1}, {10, 3}, {1000, 200}};
  for (const auto& [pupils, sen] : kSizes) {
    DemoOptions options;
    options.seed = 3;
    options.pupils = pupils;
    options.sen = sen;
    absl::StatusOr<DemoSchool> school = GenerateDemoSchool(options);
    ASSERT_TRUE(school.ok()) << pupils << " pupils: " << school.status();
    const Census census = Count(*school);
    EXPECT_EQ(census.on_roll, pupils);
    EXPECT_EQ(census.sen_support + census.ehc_plan, sen) << pupils << " pupils";
  }
}

TEST(DemoSchoolShapeTest, OptionsThatCannotMakeASchoolNameTheFlag) {
  DemoOptions too_many;
  too_many.pupils = 20;
  too_many.sen = 19;
  EXPECT_THAT(std::string(GenerateDemoSchool(too_many).status().message()),
              ::testing::HasSubstr("--sen"));
  DemoOptions none;
  none.pupils = 0;
  EXPECT_THAT(std::string(GenerateDemoSchool(none).status().message()),
              ::testing::HasSubstr("--pupils"));
  DemoOptions bad_date;
  bad_date.start.set_year(2025);
  bad_date.start.set_month(2);
  bad_date.start.set_day(30);
  const absl::Status status = GenerateDemoSchool(bad_date).status();
  EXPECT_EQ(status.code(), absl::StatusCode::kInvalidArgument);
  EXPECT_THAT(std::string(status.message()), ::testing::HasSubstr("--start-date"));
}

}  // namespace
}  // namespace endeavour::demo
