// A school through two rounds of self-evaluation, as seed 001 describes them: in the autumn term
// leaders rate every key statement of the seven sections where the school is now and where it
// wants to be by the summer (rating first, evidence later); they plan improvement actions on the
// three largest gaps; four months later they rate every statement again. Each decided event is
// folded into the state, and the state is checked after each step.
#include <gtest/gtest.h>

#include <algorithm>
#include <string>
#include <tuple>
#include <utility>
#include <vector>

#include "absl/strings/str_cat.h"
#include "services/domain/key_statements.h"
#include "services/domain/self_evaluation.h"
#include "services/domain/self_evaluation_testing.h"

namespace endeavour::domain {
namespace {

using testing::Day;
using testing::On;

// One line of the school's ratings: autumn rating, target for July, spring rating.
struct Line {
  v1::SelfEvaluationSection section;
  int statement;
  int autumn;
  int target;
  int spring;
};

// An infant school: no destination data of its own, no pupils from specialist settings or
// alternative provision, no wrap-around care on site; those three are rated 0 (not applicable).
constexpr Line kLines[] = {
    {v1::SELF_EVALUATION_SECTION_OUTCOMES, 1, 5, 7, 5},
    {v1::SELF_EVALUATION_SECTION_OUTCOMES, 2, 3, 6, 4},
    {v1::SELF_EVALUATION_SECTION_OUTCOMES, 3, 3, 5, 4},
    {v1::SELF_EVALUATION_SECTION_OUTCOMES, 4, 5, 6, 5},
    {v1::SELF_EVALUATION_SECTION_OUTCOMES, 5, 0, 0, 0},
    {v1::SELF_EVALUATION_SECTION_OUTCOMES, 6, 3, 5, 4},
    {v1::SELF_EVALUATION_SECTION_OUTCOMES, 7, 7, 7, 7},
    {v1::SELF_EVALUATION_SECTION_LEADERSHIP, 1, 5, 7, 6},
    {v1::SELF_EVALUATION_SECTION_LEADERSHIP, 2, 5, 7, 5},
    {v1::SELF_EVALUATION_SECTION_LEADERSHIP, 3, 3, 6, 4},
    {v1::SELF_EVALUATION_SECTION_LEADERSHIP, 4, 1, 6, 5},  // gap 5: the SEND governor
    {v1::SELF_EVALUATION_SECTION_LEADERSHIP, 5, 5, 7, 6},
    {v1::SELF_EVALUATION_SECTION_LEADERSHIP, 6, 1, 5, 4},
    {v1::SELF_EVALUATION_SECTION_LEADERSHIP, 7, 0, 0, 0},
    {v1::SELF_EVALUATION_SECTION_TEACHING_AND_LEARNING, 1, 3, 6, 5},
    {v1::SELF_EVALUATION_SECTION_TEACHING_AND_LEARNING, 2, 5, 6, 5},
    {v1::SELF_EVALUATION_SECTION_TEACHING_AND_LEARNING, 3, 3, 5, 4},
    {v1::SELF_EVALUATION_SECTION_TEACHING_AND_LEARNING, 4, 5, 7, 6},
    {v1::SELF_EVALUATION_SECTION_TEACHING_AND_LEARNING, 5, 3, 5, 3},
    {v1::SELF_EVALUATION_SECTION_TEACHING_AND_LEARNING, 6, 3, 6, 5},
    {v1::SELF_EVALUATION_SECTION_TEACHING_AND_LEARNING, 7, 1, 4, 3},
    {v1::SELF_EVALUATION_SECTION_WORKING_WITH_PARENTS_AND_CARERS, 1, 7, 8, 8},
    {v1::SELF_EVALUATION_SECTION_WORKING_WITH_PARENTS_AND_CARERS, 2, 5, 6, 5},
    {v1::SELF_EVALUATION_SECTION_WORKING_WITH_PARENTS_AND_CARERS, 3, 3, 5, 4},
    {v1::SELF_EVALUATION_SECTION_WORKING_WITH_PARENTS_AND_CARERS, 4, 5, 6, 6},
    {v1::SELF_EVALUATION_SECTION_WORKING_WITH_PARENTS_AND_CARERS, 5, 1, 4, 3},
    {v1::SELF_EVALUATION_SECTION_WORKING_WITH_PARENTS_AND_CARERS, 6, 0, 0, 0},
    {v1::SELF_EVALUATION_SECTION_WORKING_WITH_PARENTS_AND_CARERS, 7, 3, 6, 6},
    {v1::SELF_EVALUATION_SECTION_ASSESSMENT_AND_IDENTIFICATION, 1, 5, 6, 6},
    {v1::SELF_EVALUATION_SECTION_ASSESSMENT_AND_IDENTIFICATION, 2, 3, 5, 5},
    {v1::SELF_EVALUATION_SECTION_ASSESSMENT_AND_IDENTIFICATION, 3, 3, 5, 4},
    {v1::SELF_EVALUATION_SECTION_ASSESSMENT_AND_IDENTIFICATION, 4, 7, 8, 7},
    {v1::SELF_EVALUATION_SECTION_ASSESSMENT_AND_IDENTIFICATION, 5, 5, 7, 6},
    {v1::SELF_EVALUATION_SECTION_MONITORING_TRACKING_AND_EVALUATION, 1, 5, 7, 6},
    {v1::SELF_EVALUATION_SECTION_MONITORING_TRACKING_AND_EVALUATION, 2, 3, 6, 5},
    {v1::SELF_EVALUATION_SECTION_MONITORING_TRACKING_AND_EVALUATION, 3, 1, 7, 4},  // gap 6
    {v1::SELF_EVALUATION_SECTION_MONITORING_TRACKING_AND_EVALUATION, 4, 3, 5, 4},
    {v1::SELF_EVALUATION_SECTION_MONITORING_TRACKING_AND_EVALUATION, 5, 3, 5, 4},
    {v1::SELF_EVALUATION_SECTION_EFFICIENT_USE_OF_RESOURCES, 1, 5, 7, 6},
    {v1::SELF_EVALUATION_SECTION_EFFICIENT_USE_OF_RESOURCES, 2, 3, 6, 4},
    {v1::SELF_EVALUATION_SECTION_EFFICIENT_USE_OF_RESOURCES, 3, 2, 7, 5},  // gap 5: TA deployment
    {v1::SELF_EVALUATION_SECTION_EFFICIENT_USE_OF_RESOURCES, 4, 5, 7, 6},
    {v1::SELF_EVALUATION_SECTION_EFFICIENT_USE_OF_RESOURCES, 5, 3, 6, 5},
    {v1::SELF_EVALUATION_SECTION_EFFICIENT_USE_OF_RESOURCES, 6, 5, 6, 5},
    {v1::SELF_EVALUATION_SECTION_EFFICIENT_USE_OF_RESOURCES, 7, 3, 5, 4},
};

const v1::Date kAutumn = Day(2025, 11, 14);
const v1::Date kActionsPlanned = Day(2025, 11, 28);
const v1::Date kSpring = Day(2026, 3, 13);  // four months on
const v1::Date kTargetBy = Day(2026, 7, 17);

v1::RatingRecorded RatingOf(const Line& line, int current, const v1::Date& on,
                            std::string evidence) {
  v1::RatingRecorded r;
  r.set_section(line.section);
  r.set_statement(line.statement);
  r.set_current_rating(current);
  r.set_target_rating(line.target);
  if (line.target != 0) *r.mutable_target_by() = kTargetBy;
  r.set_evidence(std::move(evidence));
  r.set_rated_by("Headteacher, SENCO and SEND governor");
  *r.mutable_rated_on() = on;
  return r;
}

// Decides `command` on `today`, expects `expected_events` events and folds them into `state`.
void DecideAndFold(SelfEvaluationState& state, const SchoolCommand& command,
                   const CommandContext& context, size_t expected_events) {
  auto decided = SelfEvaluation::Decide(command, state, context);
  ASSERT_TRUE(decided.ok()) << context.command_id << ": " << decided.status();
  ASSERT_EQ(decided->size(), expected_events) << context.command_id;
  for (size_t i = 0; i < decided->size(); ++i) {
    state = SelfEvaluation::Evolve(std::move(state), absl::StrCat(context.command_id, "/", i),
                                   (*decided)[i]);
  }
}

std::string CommandId(const char* round, const Line& line) {
  return absl::StrCat(round, "-", static_cast<int>(line.section), "-", line.statement);
}

// The mean of the latest current ratings, leaving out 0 (not applicable) as the tool says.
double MeanOfApplicable(const SelfEvaluationState& state) {
  int sum = 0, count = 0;
  for (const auto& [key, record] : state.statements) {
    if (const auto* r = record.LatestRating(); r != nullptr && r->current_rating() != 0) {
      sum += r->current_rating();
      ++count;
    }
  }
  return count == 0 ? 0 : static_cast<double>(sum) / count;
}

// The statements with the largest gap between target and latest rating, largest first.
std::vector<StatementKey> LargestGaps(const SelfEvaluationState& state, size_t how_many) {
  std::vector<std::tuple<int, StatementKey>> gaps;
  for (const auto& [key, record] : state.statements) {
    const auto* r = record.LatestRating();
    if (r != nullptr) gaps.emplace_back(r->target_rating() - r->current_rating(), key);
  }
  std::stable_sort(gaps.begin(), gaps.end(),
                   [](const auto& a, const auto& b) { return std::get<0>(a) > std::get<0>(b); });
  std::vector<StatementKey> keys;
  for (size_t i = 0; i < how_many && i < gaps.size(); ++i) keys.push_back(std::get<1>(gaps[i]));
  return keys;
}

TEST(SelfEvaluationScenario, TwoRoundsOfSelfEvaluationWithAnImprovementPlanBetween) {
  SelfEvaluationState state;
  size_t statements_in_tool = 0;
  for (const Section& section : SelfEvaluationSections()) {
    statements_in_tool += section.statements.size();
  }
  ASSERT_EQ(std::size(kLines), statements_in_tool) << "every statement of every section is rated";

  // Round 1, autumn: ratings first; evidence is left for the evidence pages.
  for (const Line& line : kLines) {
    v1::RecordRating command;
    *command.mutable_rating() = RatingOf(line, line.autumn, kAutumn, "");
    DecideAndFold(state, command, On(kAutumn, CommandId("autumn", line)), 1);
  }
  ASSERT_EQ(state.statements.size(), 45u);
  int not_applicable = 0;
  for (const Line& line : kLines) {
    const StatementRecord* record = state.Find(line.section, line.statement);
    ASSERT_NE(record, nullptr);
    ASSERT_EQ(record->ratings.size(), 1u);
    EXPECT_EQ(record->ratings[0].event_id, CommandId("autumn", line) + "/0");
    EXPECT_EQ(record->LatestRating()->current_rating(), line.autumn);
    EXPECT_TRUE(record->actions.empty());
    if (line.autumn == kNotApplicable) ++not_applicable;
  }
  EXPECT_EQ(not_applicable, 3);
  const double autumn_mean = MeanOfApplicable(state);
  EXPECT_NEAR(autumn_mean, 157.0 / 42, 1e-9);

  // The form is sent again by mistake: nothing new is recorded.
  {
    v1::RecordRating again;
    *again.mutable_rating() = RatingOf(kLines[10], kLines[10].autumn, kAutumn, "");
    DecideAndFold(state, again, On(kAutumn, "autumn-resent"), 0);
    EXPECT_EQ(state.Find(kLines[10].section, kLines[10].statement)->ratings.size(), 1u);
  }

  // The improvement plan: one action on each of the three largest gaps.
  const std::vector<StatementKey> gaps = LargestGaps(state, 3);
  ASSERT_EQ(gaps, (std::vector<StatementKey>{
                      {v1::SELF_EVALUATION_SECTION_MONITORING_TRACKING_AND_EVALUATION, 3},
                      {v1::SELF_EVALUATION_SECTION_LEADERSHIP, 4},
                      {v1::SELF_EVALUATION_SECTION_EFFICIENT_USE_OF_RESOURCES, 3}}));
  const char* kWhat[] = {
      "Set up an intervention register recording entry and exit data for every intervention; "
      "review it at each half-termly provision meeting and stop what does not work.",
      "Train the SEND governor (LA governor SEND course) and add a termly SEND visit and report.",
      "Review TA deployment against the provision map; move TA time to where the data shows "
      "the greatest need and set each TA one intervention to evaluate."};
  const char* kOwners[] = {"SENCO", "Chair of governors", "Deputy headteacher"};
  const char* kMeasures[] = {
      "Every intervention this term has entry and exit data, and two were changed as a result.",
      "The SEND governor has been trained and has reported to governors twice.",
      "A deployment review is minuted; pupils on TA-led interventions make expected progress."};
  for (size_t i = 0; i < gaps.size(); ++i) {
    v1::PlanImprovementAction command;
    v1::ImprovementActionPlanned& a = *command.mutable_action();
    a.set_action_id(absl::StrCat("plan-2025-26-", i + 1));
    a.set_section(gaps[i].first);
    a.set_statement(gaps[i].second);
    a.set_action(kWhat[i]);
    a.set_owner(kOwners[i]);
    *a.mutable_due_on() = Day(2026, 2, 27);
    a.set_success_measure(kMeasures[i]);
    *a.mutable_planned_on() = kActionsPlanned;
    DecideAndFold(state, command, On(kActionsPlanned, a.action_id()), 1);
  }
  ASSERT_EQ(state.action_index.size(), 3u);
  for (size_t i = 0; i < gaps.size(); ++i) {
    const StatementRecord* record = state.Find(gaps[i].first, gaps[i].second);
    ASSERT_EQ(record->actions.size(), 1u);
    EXPECT_EQ(record->actions[0].action.owner(), kOwners[i]);
    EXPECT_EQ(state.FindAction(absl::StrCat("plan-2025-26-", i + 1)), &record->actions[0].action);
  }

  // Round 2, spring, four months on: every statement rated again, now with evidence.
  for (const Line& line : kLines) {
    v1::RecordRating command;
    *command.mutable_rating() =
        RatingOf(line, line.spring, kSpring,
                 line.spring == 0 ? "" : "Learning walks, provision map and governor minutes.");
    DecideAndFold(state, command, On(kSpring, CommandId("spring", line)), 1);
  }
  ASSERT_EQ(state.statements.size(), 45u);
  for (const Line& line : kLines) {
    const StatementRecord* record = state.Find(line.section, line.statement);
    ASSERT_EQ(record->ratings.size(), 2u);
    EXPECT_EQ(record->ratings[0].rating.current_rating(), line.autumn);
    EXPECT_EQ(record->LatestRating()->current_rating(), line.spring);
    EXPECT_EQ(record->LatestRating()->rated_on().month(), 3);
    EXPECT_GE(line.spring, line.autumn);
  }
  for (const StatementKey& key : gaps) {
    const StatementRecord* record = state.Find(key.first, key.second);
    EXPECT_GE(record->LatestRating()->current_rating() - record->ratings[0].rating.current_rating(),
              3)
        << "the planned actions closed most of the largest gaps";
    EXPECT_EQ(record->actions.size(), 1u);
  }
  const double spring_mean = MeanOfApplicable(state);
  EXPECT_NEAR(spring_mean, 208.0 / 42, 1e-9);
  EXPECT_GT(spring_mean, autumn_mean);
  EXPECT_EQ(state.action_index.size(), 3u);
}

}  // namespace
}  // namespace endeavour::domain
