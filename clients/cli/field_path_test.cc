#include "clients/cli/field_path.h"

#include "endeavour/v1/pupil_commands.pb.h"
#include "gtest/gtest.h"

namespace endeavour::cli {
namespace {

absl::Status Set(google::protobuf::Message& m, const std::string& assignment) {
  return ApplyFieldAssignment(m, assignment);
}

TEST(FieldPathTest, SetsScalarsDatesAndEnumsByTheirShortNames) {
  v1::IdentifyNeed command;
  ASSERT_TRUE(Set(command, "need.need_id=need-reading").ok());
  ASSERT_TRUE(Set(command, "need.area=cognition-and-learning").ok());
  ASSERT_TRUE(Set(command, "need.census_type=SpLD").ok());
  ASSERT_TRUE(Set(command, "need.rank=NEED_RANK_PRIMARY").ok());
  ASSERT_TRUE(Set(command, "need.identified_on=2025-10-01").ok());
  EXPECT_EQ(command.need().need_id(), "need-reading");
  EXPECT_EQ(command.need().area(), v1::AREA_OF_NEED_COGNITION_AND_LEARNING);
  EXPECT_EQ(command.need().census_type(), v1::CENSUS_NEED_TYPE_SPLD);
  EXPECT_EQ(command.need().rank(), v1::NEED_RANK_PRIMARY);
  EXPECT_EQ(command.need().identified_on().month(), 10);
}

TEST(FieldPathTest, AcceptsJsonNamesAndListIndexes) {
  v1::AgreePlan command;
  ASSERT_TRUE(Set(command, "plan.outcomes[0].outcome_id=hfw").ok());
  ASSERT_TRUE(Set(command, "plan.outcomes[0].targetDate=2025-11-26").ok());
  ASSERT_TRUE(Set(command, "plan.outcomes[1].outcome_id=ccvc").ok());
  ASSERT_TRUE(Set(command, "plan.outcomes[0].outcome_id=hfw-2").ok());  // replaces
  ASSERT_TRUE(Set(command, "plan.need_ids=need-reading").ok());         // appends
  ASSERT_TRUE(Set(command, "plan.need_ids=need-language").ok());
  ASSERT_TRUE(Set(command, "plan.need_ids[0]=need-spelling").ok());
  ASSERT_TRUE(Set(command, "plan.provisions[0].weekly_cost_pence=1250").ok());
  ASSERT_TRUE(Set(command, "plan.provisions[0].deliverer_trained=yes").ok());
  ASSERT_EQ(command.plan().outcomes_size(), 2);
  EXPECT_EQ(command.plan().outcomes(0).outcome_id(), "hfw-2");
  EXPECT_EQ(command.plan().outcomes(0).target_date().day(), 26);
  EXPECT_EQ(command.plan().outcomes(1).outcome_id(), "ccvc");
  ASSERT_EQ(command.plan().need_ids_size(), 2);
  EXPECT_EQ(command.plan().need_ids(0), "need-spelling");
  EXPECT_EQ(command.plan().need_ids(1), "need-language");
  EXPECT_EQ(command.plan().provisions(0).weekly_cost_pence(), 1250);
  EXPECT_TRUE(command.plan().provisions(0).deliverer_trained());
}

TEST(FieldPathTest, ValuesMayHoldEqualsSigns) {
  v1::LogIntervention command;
  ASSERT_TRUE(Set(command, "session.note=a=b").ok());
  EXPECT_EQ(command.session().note(), "a=b");
}

void ExpectRefused(google::protobuf::Message& m, const std::string& assignment,
                   const std::string& mentions) {
  absl::Status status = Set(m, assignment);
  ASSERT_FALSE(status.ok()) << assignment;
  EXPECT_EQ(status.code(), absl::StatusCode::kInvalidArgument) << status;
  EXPECT_NE(status.message().find(mentions), absl::string_view::npos)
      << assignment << " -> " << status.message();
}

TEST(FieldPathTest, MistakesAreRefusedNamingThePathAndTheReason) {
  v1::AgreePlan command;
  ExpectRefused(command, "plan.reveiw_date=2025-11-26", "no field \"reveiw_date\"");
  ExpectRefused(command, "plan.reveiw_date=2025-11-26", "review_date");  // lists the real ones
  ExpectRefused(command, "plan.review_date=2025-02-30", "plan.review_date");
  ExpectRefused(command, "plan.review_date=26/11/2025", "YYYY-MM-DD");
  ExpectRefused(command, "plan.cycle=two", "plan.cycle");
  ExpectRefused(command, "plan.cycle=99999999999", "plan.cycle");
  ExpectRefused(command, "plan.provisions[0].wave=4", "wave");
  ExpectRefused(command, "plan.provisions[0].wave=4", "1, 2, 3");
  ExpectRefused(command, "plan.outcomes[3].outcome_id=x", "index may be 0 to 0");
  ExpectRefused(command, "plan.outcomes.outcome_id=x", "give an index");
  ExpectRefused(command, "plan.outcomes=x", "set its fields");
  ExpectRefused(command, "plan.plan_id.x=y", "plan.plan_id");
  ExpectRefused(command, "plan.plan_id", "path=value");
  ExpectRefused(command, "plan..plan_id=x", "empty");
}

}  // namespace
}  // namespace endeavour::cli
