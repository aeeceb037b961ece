// One pupil's graduated approach through the CLI, as a SENCO would type it: registered from YAML
// on standard input, a need from a JSON file, a plan from a YAML file, sessions logged (one by a
// teacher), a review, a correction and a retraction, then a second cycle from the same file with
// --set overrides. The views are read back as JSON (parsed into the reply types) and as tables,
// now and as of a position, a date and a time.
#include <string>

#include "absl/strings/match.h"
#include "absl/time/clock.h"
#include "absl/time/time.h"
#include "gtest/gtest.h"
#include "tests/cli/cli_fixture.h"

namespace endeavour::testing {
namespace {

constexpr char kPupilYaml[] = R"yaml(pupil:
  display_name: Amelia Hughes
  date_of_birth: 2017-05-14
  year_group: 4
  registered_on: 2021-09-06
)yaml";

// protobuf's JSON mapping, as another program would write it; dates may still be written out.
constexpr char kNeedJson[] = R"json({"need": {
  "needId": "need-reading", "area": "AREA_OF_NEED_COGNITION_AND_LEARNING",
  "censusType": "CENSUS_NEED_TYPE_SPLD", "rank": "NEED_RANK_PRIMARY",
  "evidence": [{"kind": "EVIDENCE_KIND_ASSESSMENT", "summary": "Salford reading age 6y2m at 8y4m",
                "dated": "2025-09-22"}],
  "parentsAgree": "AGREEMENT_AGREES", "professionalsAgree": "AGREEMENT_NOT_YET_ASKED",
  "identifiedOn": {"year": 2025, "month": 10, "day": 1}}})json";

constexpr char kPlanYaml[] = R"yaml(plan:
  plan_id: plan-1
  cycle: 1
  agreed_on: 2025-10-08
  need_ids: [need-reading]
  outcomes:
    - {outcome_id: hfw, description: Reads 45 high-frequency words on sight,
       success_criteria: 45 of 100 on two probes, measured_how: daily probe,
       measured_by: Mrs Patel, target_date: 2025-11-26}
    - {outcome_id: ccvc, description: Spells CCVC words, success_criteria: 8 of 10 unseen words,
       measured_how: weekly dictation, measured_by: Mr Okafor, target_date: 2025-11-26}
  provisions:
    - {provision_id: pt, intervention: Precision teaching, wave: 3, delivered_by: Mrs Patel,
       deliverer_trained: true, evidence_based: true, sessions_per_week: 5,
       minutes_per_session: 10, group_size: 1, weekly_cost_pence: 1250}
    - {provision_id: phonics, intervention: Little Wandle Rapid Catch-up, wave: 2,
       delivered_by: Mrs Patel, deliverer_trained: true, evidence_based: true,
       sessions_per_week: 3, minutes_per_session: 20, group_size: 4, weekly_cost_pence: 500}
  participants:
    - {name: Sarah Hughes, role: parent, views: Wants Amelia to enjoy books again}
  review_date: 2025-11-26
)yaml";

constexpr char kReviewYaml[] = R"yaml(review:
  review_id: review-1
  plan_id: plan-1
  held_on: 2025-11-26
  invitees: [{name: Sarah Hughes, role: parent, invited_on: 2025-11-12, attended: true}]
  outcomes:
    - {outcome_id: hfw, progress: partly-met, evidence: 38 of 100 words}
    - {outcome_id: ccvc, progress: not-met, evidence: 3 of 10 words}
  implemented_as_agreed: true
  decision: refine-plan
  decision_reason: Sight words moving; spelling needs a different approach
  learnt: Daily one-to-one beats group work for Amelia
  next_review_date: 2026-02-04
)yaml";

constexpr char kCorrectionYaml[] = R"yaml(correction:
  reason: The paper log says 12 minutes
  corrected_event_type: endeavour.v1.InterventionDelivered
  corrected_event:
    {session_id: s-1, plan_id: plan-1, provision_id: pt, delivered_on: 2025-10-09, minutes: 12,
     delivered_by: Mrs Patel, attendance: attended, engagement: fully-engaged}
)yaml";

class CliStoryTest : public CliEndToEndTest {
 protected:
  v1::CommandReply LogSession(const std::string& token, const std::string& id,
                              const std::string& day, const std::string& attendance) {
    std::vector<std::string> args = {"log-intervention",
                                     "adm-20417",
                                     "--command-id",
                                     "session-" + id,
                                     "--set",
                                     "session.session_id=" + id,
                                     "--set",
                                     "session.plan_id=plan-1",
                                     "--set",
                                     "session.provision_id=pt",
                                     "--set",
                                     "session.delivered_on=" + day,
                                     "--set",
                                     "session.delivered_by=Mrs Patel",
                                     "--set",
                                     "session.attendance=" + attendance};
    if (attendance == "attended") {
      args.insert(args.end(),
                  {"--set", "session.minutes=10", "--set", "session.engagement=mostly-engaged"});
    }
    return Command(token, args);
  }

  template <typename View>
  View Read(const std::vector<std::string>& args) {
    std::vector<std::string> all = args;
    all.insert(all.end(), {"-o", "json"});
    CliResult result = As(senco_, all);
    EXPECT_EQ(result.exit_code, 0) << result.err;
    return Parse<View>(result.out);
  }
};

TEST_F(CliStoryTest, ASencoRecordsTwoCyclesAndReadsThemBack) {
  Command(senco_, {"register-pupil", "adm-20417", "--file", "-"}, kPupilYaml);
  Command(senco_, {"identify-need", "adm-20417", "--file", File("need.json", kNeedJson)});
  Command(senco_, {"change-sen-status", "adm-20417", "--set", "change.from_status=no-sen", "--set",
                   "change.to_status=sen-support", "--set", "change.decided_on=2025-10-03", "--set",
                   "change.parents_informed_on=2025-10-06", "--set",
                   "change.reason=Less than expected progress despite quality-first teaching"});
  const std::string plan_file = File("plan.yaml", kPlanYaml);
  const uint64_t plan_1 =
      Command(senco_, {"agree-plan", "adm-20417", "--file", plan_file}).position();
  ASSERT_GT(plan_1, 0u);
  const std::string after_plan_1 =
      absl::FormatTime(absl::RFC3339_full, absl::Now(), absl::UTCTimeZone());
  LogSession(senco_, "s-1", "2025-10-09", "attended");
  LogSession(teacher_, "s-2", "2025-10-10", "attended");  // teachers log sessions too
  const uint64_t logged = LogSession(senco_, "s-3", "2025-10-13", "pupil-absent").position();

  // The plan as it stands, with delivery so far.
  auto plan = Read<v1::CurrentPlan>(
      {"plan", "adm-20417", "--wait-for", std::to_string(logged), "--today", "2025-10-20"});
  EXPECT_TRUE(plan.has_active_plan());
  EXPECT_EQ(plan.plan().plan_id(), "plan-1");
  EXPECT_EQ(plan.pupil().pupil_id(), "adm-20417");  // filled from the positional argument
  EXPECT_EQ(plan.standing_needs(0).evidence(0).dated().day(), 22);
  EXPECT_EQ(plan.totals().sessions_logged(), 3);
  EXPECT_EQ(plan.totals().sessions_attended(), 2);
  CliResult table = As(senco_, {"plan", "adm-20417", "--today", "2025-10-20"});
  ASSERT_EQ(table.exit_code, 0) << table.err;
  for (const char* shown : {"Amelia Hughes (adm-20417), year 4", "cognition and learning (SPLD",
                            "plan-1, cycle 1, agreed 2025-10-08", "Reads 45 high-frequency",
                            "Precision teaching", "£12.50", "2025-11-26", "pupil absent"}) {
    EXPECT_TRUE(absl::StrContains(table.out, shown)) << shown << " not in:\n" << table.out;
  }

  // Review, correct one session, retract another, and agree the next cycle's plan from the same
  // file with what changed set on the command line.
  Command(senco_, {"record-review", "adm-20417", "--file", File("review.yaml", kReviewYaml)});
  Command(senco_, {"correct-record", "adm-20417", "--file", File("fix.yaml", kCorrectionYaml),
                   "--set", "correction.corrected_event_id=session-s-1.0"});
  Command(senco_,
          {"retract-record", "adm-20417", "--set", "retraction.retracted_event_id=session-s-2.0",
           "--set", "retraction.reason=Logged against the wrong pupil"});
  const uint64_t plan_2 =
      Command(senco_,
              {"agree-plan", "adm-20417", "--file", plan_file, "--set", "plan.plan_id=plan-2",
               "--set", "plan.cycle=2", "--set", "plan.agreed_on=2025-12-01", "--set",
               "plan.review_date=2026-02-04", "--set", "plan.outcomes[0].target_date=2026-02-04",
               "--set", "plan.outcomes[1].target_date=2026-02-04", "--set",
               "plan.learnt_from_previous_cycle=Daily one-to-one beats group work"})
          .position();

  auto history = Read<v1::BestEndeavoursHistory>(
      {"history", "adm-20417", "--wait-for", std::to_string(plan_2)});
  ASSERT_EQ(history.cycles_size(), 2);
  EXPECT_EQ(history.cycles(0).review().current().decision(), v1::REVIEW_DECISION_REFINE_PLAN);
  EXPECT_EQ(history.cycles(1).plan().current().learnt_from_previous_cycle(),
            "Daily one-to-one beats group work");
  EXPECT_EQ(history.totals().corrections(), 1);
  EXPECT_EQ(history.totals().retractions(), 1);
  EXPECT_EQ(history.totals().cycles_with_outcome_not_met(), 1);
  CliResult history_table = As(senco_, {"history", "adm-20417"});
  ASSERT_EQ(history_table.exit_code, 0) << history_table.err;
  for (const char* shown : {"Cycle 1 (plan-1)", "Cycle 2 (plan-2)", "refine plan", "not met",
                            "Corrections  1; retractions 1"}) {
    EXPECT_TRUE(absl::StrContains(history_table.out, shown)) << shown << " not in:\n"
                                                             << history_table.out;
  }

  // The same pupil as of a log position, an occurred-on date and a recorded-at time: plan-1.
  EXPECT_EQ(Read<v1::CurrentPlan>({"plan", "adm-20417", "--as-of", std::to_string(plan_1)})
                .plan()
                .plan_id(),
            "plan-1");
  EXPECT_EQ(Read<v1::CurrentPlan>({"plan", "adm-20417", "--as-of", "2025-11-01"}).plan().plan_id(),
            "plan-1");
  EXPECT_EQ(Read<v1::CurrentPlan>({"plan", "adm-20417", "--as-of", after_plan_1}).plan().plan_id(),
            "plan-1");
  EXPECT_EQ(Read<v1::CurrentPlan>({"plan", "adm-20417"}).plan().plan_id(), "plan-2");
  EXPECT_EQ(Read<v1::BestEndeavoursHistory>({"history", "adm-20417", "--as-of", "2025-11-01"})
                .cycles_size(),
            1);
}

TEST_F(CliStoryTest, TheSameCommandIdAgainRecordsNothingNew) {
  const uint64_t position = RunExamplesThrough("IdentifyNeed");
  const std::vector<std::string> args = {"change-sen-status",
                                         "adm-20417",
                                         "--command-id",
                                         "status-1",
                                         "--set",
                                         "change.from_status=no-sen",
                                         "--set",
                                         "change.to_status=sen-support",
                                         "--set",
                                         "change.decided_on=2025-10-03",
                                         "--set",
                                         "change.parents_informed_on=2025-10-06",
                                         "--set",
                                         "change.reason=Less than expected progress"};
  v1::CommandReply first = Command(senco_, args);
  EXPECT_GT(first.position(), position);
  EXPECT_EQ(first.event_ids_size(), 1);
  v1::CommandReply again = Command(senco_, args);
  EXPECT_EQ(again.position(), first.position());
  EXPECT_EQ(again.event_ids_size(), 0);
  CliResult table = As(senco_, args);
  EXPECT_EQ(table.exit_code, 0) << table.err;
  EXPECT_TRUE(absl::StrContains(table.out, "already been carried out")) << table.out;
  EXPECT_TRUE(absl::StrContains(table.out, "command id      status-1")) << table.out;
}

TEST_F(CliStoryTest, AGeneratedCommandIdIsPrintedAndTheDryRunSendsNothing) {
  CliResult dry = As(senco_,
                     {"register-pupil", "adm-1", "--file", "-", "--dry-run", "--today",
                      "2026-01-05", "--correlation-id", "intake-2026"},
                     kPupilYaml);
  ASSERT_EQ(dry.exit_code, 0) << dry.err;
  auto request = Parse<v1::RegisterPupilRequest>(dry.out);
  EXPECT_EQ(request.pupil_id(), "adm-1");
  EXPECT_EQ(request.command().pupil().display_name(), "Amelia Hughes");
  EXPECT_EQ(request.header().today().month(), 1);
  EXPECT_EQ(request.header().correlation_id(), "intake-2026");
  EXPECT_EQ(request.header().command_id().size(), 36u);  // a UUID
  CliResult tree = As(senco_, {"tree-head", "-o", "json"});
  ASSERT_EQ(tree.exit_code, 0) << tree.err;
  EXPECT_EQ(Parse<v1::TreeHeadReply>(tree.out).tree_size(), 0u);  // nothing was sent

  CliResult sent = As(senco_, {"register-pupil", "adm-1", "--file", "-", "-o", "json"}, kPupilYaml);
  ASSERT_EQ(sent.exit_code, 0) << sent.err;
  EXPECT_TRUE(absl::StrContains(sent.err, "endeavour: command id ")) << sent.err;
}

}  // namespace
}  // namespace endeavour::testing
