#include "clients/cli/command_document.h"

#include "endeavour/v1/pupil_commands.pb.h"
#include "gtest/gtest.h"

namespace endeavour::cli {
namespace {

TEST(CommandDocumentTest, YamlWithDatesEnumsAndListsBecomesTheCommand) {
  v1::IdentifyNeed command;
  absl::Status parsed = ParseCommandDocument(R"(need:
  need_id: need-reading
  area: cognition-and-learning
  census_type: spld
  rank: primary
  evidence:
    - kind: assessment
      summary: "Reading age 6y2m: at 8y4m"
      dated: 2025-09-22
  parents_agree: AGREEMENT_AGREES
  identified_on: 2025-10-01
)",
                                             "need.yaml", command);
  ASSERT_TRUE(parsed.ok()) << parsed;
  EXPECT_EQ(command.need().area(), v1::AREA_OF_NEED_COGNITION_AND_LEARNING);
  EXPECT_EQ(command.need().parents_agree(), v1::AGREEMENT_AGREES);
  ASSERT_EQ(command.need().evidence_size(), 1);
  EXPECT_EQ(command.need().evidence(0).summary(), "Reading age 6y2m: at 8y4m");
  EXPECT_EQ(command.need().evidence(0).dated().day(), 22);
  EXPECT_EQ(command.need().identified_on().year(), 2025);
}

TEST(CommandDocumentTest, JsonInProtobufsOwnMappingIsReadToo) {
  v1::LogIntervention command;
  absl::Status parsed = ParseCommandDocument(
      R"({"session": {"sessionId": "s-1", "minutes": 10, "attendance": "ATTENDANCE_ATTENDED",
          "deliveredOn": {"year": 2025, "month": 10, "day": 9}}})",
      "session.json", command);
  ASSERT_TRUE(parsed.ok()) << parsed;
  EXPECT_EQ(command.session().session_id(), "s-1");
  EXPECT_EQ(command.session().minutes(), 10);
  EXPECT_EQ(command.session().attendance(), v1::ATTENDANCE_ATTENDED);
  EXPECT_EQ(command.session().delivered_on().month(), 10);
}

TEST(CommandDocumentTest, ACorrectionMayGiveTheCorrectedEventAsADocument) {
  v1::CorrectRecord command;
  absl::Status parsed = ParseCommandDocument(R"(correction:
  corrected_event_id: session-s-1.0
  reason: Typed in error
  corrected_event_type: endeavour.v1.InterventionDelivered
  corrected_event:
    session_id: s-1
    minutes: 12
)",
                                             "correction.yaml", command);
  ASSERT_TRUE(parsed.ok()) << parsed;
  v1::InterventionDelivered corrected;
  ASSERT_TRUE(corrected.ParseFromString(command.correction().corrected_payload()));
  EXPECT_EQ(corrected.session_id(), "s-1");
  EXPECT_EQ(corrected.minutes(), 12);
}

void ExpectRefused(const std::string& yaml, const std::string& mentions) {
  v1::AgreePlan command;
  absl::Status status = ParseCommandDocument(yaml, "plan.yaml", command);
  ASSERT_FALSE(status.ok()) << yaml;
  EXPECT_EQ(status.code(), absl::StatusCode::kInvalidArgument);
  EXPECT_NE(status.message().find(mentions), absl::string_view::npos)
      << yaml << " -> " << status.message();
  EXPECT_NE(status.message().find("plan.yaml"), absl::string_view::npos) << status.message();
}

TEST(CommandDocumentTest, MistakesAreRefusedNamingThePath) {
  ExpectRefused("plan:\n  plan_id: [a, b]\n", "plan.plan_id");
  ExpectRefused("plan:\n  outcomes:\n    - target_date: 2025-13-01\n",
                "plan.outcomes[0].target_date");
  ExpectRefused("plan:\n  provisions:\n    - wave: 7\n", "plan.provisions[0].wave");
  ExpectRefused("plan:\n  cycel: 2\n", "plan.cycel: no such field");
  ExpectRefused("plan:\n  need_ids: need-reading\n", "must be a list");
  ExpectRefused("plan: [\n", "not YAML or JSON");
  ExpectRefused("- just\n- a list\n", "mapping");
}

TEST(CommandDocumentTest, ACorrectedEventNeedsItsType) {
  v1::CorrectRecord command;
  absl::Status status =
      ParseCommandDocument("correction:\n  corrected_event:\n    minutes: 3\n", "c.yaml", command);
  ASSERT_FALSE(status.ok());
  EXPECT_NE(status.message().find("corrected_event_type"), absl::string_view::npos) << status;
}

}  // namespace
}  // namespace endeavour::cli
