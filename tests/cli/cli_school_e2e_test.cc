// The school-wide subcommands through the CLI: the self-evaluation (recorded by a leader, read by
// a governor), the overview, the audit reads (access log, tree head, verify), a granted role
// reading another school with --school, and `tail` following the event feed.
#include <signal.h>

#include <string>
#include <vector>

#include "absl/strings/match.h"
#include "absl/strings/str_split.h"
#include "gtest/gtest.h"
#include "tests/cli/cli_fixture.h"

namespace endeavour::testing {
namespace {

using CliSchoolTest = CliEndToEndTest;

TEST_F(CliSchoolTest, ALeaderRatesAndPlansAndAGovernorReadsTheTrends) {
  Command(leader_, {"record-rating", "--set", "rating.section=leadership", "--set",
                    "rating.statement=4", "--set", "rating.current_rating=3", "--set",
                    "rating.target_rating=6", "--set", "rating.target_by=2027-07-16", "--set",
                    "rating.evidence=Named in September; not yet trained", "--set",
                    "rating.rated_by=SLT and SEND governor", "--set", "rating.rated_on=2026-11-20",
                    "--today", "2026-11-24"});
  const uint64_t position =
      Command(leader_, {"plan-improvement-action", "--set", "action.action_id=governor-training",
                        "--set", "action.section=leadership", "--set", "action.statement=4",
                        "--set", "action.action=Book the SEND governor on training", "--set",
                        "action.owner=Chair of governors", "--set", "action.due_on=2027-03-31",
                        "--set", "action.success_measure=Reports termly", "--set",
                        "action.planned_on=2026-11-21", "--today", "2026-11-24"})
          .position();
  CliResult json = As(governor_, {"self-evaluation", "--wait-for", std::to_string(position),
                                  "--today", "2026-11-24", "-o", "json"});
  ASSERT_EQ(json.exit_code, 0) << json.err;
  auto trends = Parse<v1::SelfEvaluationTrends>(json.out);
  EXPECT_EQ(trends.overall().statements(), 1);
  ASSERT_EQ(trends.gaps_size(), 1);
  EXPECT_EQ(trends.gaps(0).gap(), 3);
  EXPECT_EQ(trends.gaps(0).actions(), 1);
  CliResult table = As(governor_, {"self-evaluation", "--today", "2026-11-24"});
  ASSERT_EQ(table.exit_code, 0) << table.err;
  for (const char* shown : {"Leadership of SEND", "leadership 4", "governor-training",
                            "Chair of governors", "3.0 now, 6.0 target (over 1 statement)"}) {
    EXPECT_TRUE(absl::StrContains(table.out, shown)) << shown << " not in:\n" << table.out;
  }
  // As of the day it was rated, the rating is there; the day before, there was nothing yet.
  CliResult on_the_day = As(senco_, {"self-evaluation", "--as-of", "2026-11-20", "-o", "json"});
  ASSERT_EQ(on_the_day.exit_code, 0) << on_the_day.err;
  EXPECT_EQ(Parse<v1::SelfEvaluationTrends>(on_the_day.out).overall().statements(), 1);
  CliResult before = As(senco_, {"self-evaluation", "--as-of", "2026-11-19"});
  EXPECT_EQ(before.exit_code, 3) << before.err;
  EXPECT_TRUE(absl::StrContains(before.err, "no self-evaluation")) << before.err;
}

TEST_F(CliSchoolTest, TheOverviewListsTheRegisterAndTheReviewsDue) {
  const uint64_t position = RunExamplesThrough("AgreePlan");  // plan-1, review 2025-11-26
  CliResult json = As(senco_, {"overview", "--wait-for", std::to_string(position), "--today",
                               "2025-11-20", "--due-within-days", "10", "-o", "json"});
  ASSERT_EQ(json.exit_code, 0) << json.err;
  auto overview = Parse<v1::SchoolOverview>(json.out);
  EXPECT_EQ(overview.due_within_days(), 10);
  ASSERT_EQ(overview.sen_register_size(), 1);
  EXPECT_EQ(overview.sen_register(0).active_plan_id(), "plan-1");
  ASSERT_EQ(overview.reviews_due_size(), 1);
  EXPECT_EQ(overview.reviews_due(0).days(), 6);
  CliResult overdue = As(senco_, {"overview", "--today", "2025-12-01"});
  ASSERT_EQ(overdue.exit_code, 0) << overdue.err;
  EXPECT_TRUE(absl::StrContains(overdue.out, "Reviews overdue\nPUPIL")) << overdue.out;
  EXPECT_TRUE(absl::StrContains(overdue.out, "Amelia Hughes")) << overdue.out;
  // Past the limit the server keeps, the flag is refused before anything is sent.
  EXPECT_EQ(As(senco_, {"overview", "--due-within-days", "400"}).exit_code, 2);
}

TEST_F(CliSchoolTest, EveryReadIsInTheAccessLogAndTheLogVerifies) {
  const uint64_t position = RunExamplesThrough("AgreePlan");
  ASSERT_EQ(As(senco_, {"plan", "adm-20417", "--wait-for", std::to_string(position)}).exit_code, 0);
  ASSERT_EQ(As(senco_, {"history", "adm-20417", "--as-of", "2025-11-01"}).exit_code, 0);
  CliResult log = As(senco_, {"access-log", "-o", "json"});
  ASSERT_EQ(log.exit_code, 0) << log.err;
  auto entries = Parse<v1::AccessLogReply>(log.out);
  ASSERT_EQ(entries.entries_size(), 2);
  EXPECT_EQ(entries.entries(0).view(), "current_plan");
  EXPECT_EQ(entries.entries(1).view(), "history");
  EXPECT_EQ(entries.entries(1).as_of(), "occurred 2025-11-01");
  CliResult page = As(senco_, {"access-log", "--from", "2", "--max", "1"});
  ASSERT_EQ(page.exit_code, 0) << page.err;
  EXPECT_TRUE(absl::StrContains(page.out, "staff/1042")) << page.out;
  EXPECT_TRUE(absl::StrContains(page.out, "occurred 2025-11-01")) << page.out;

  CliResult head = As(senco_, {"tree-head", "-o", "json"});
  ASSERT_EQ(head.exit_code, 0) << head.err;
  const auto tree = Parse<v1::TreeHeadReply>(head.out);
  EXPECT_GE(tree.tree_size(), position);
  EXPECT_EQ(tree.root_hash().size(), 32u);
  CliResult verify = As(admin_, {"verify", "-o", "json"});
  ASSERT_EQ(verify.exit_code, 0) << verify.err;
  EXPECT_TRUE(Parse<v1::VerifyReply>(verify.out).verified());
  CliResult verify_table = As(admin_, {"verify"});
  EXPECT_TRUE(absl::StrContains(verify_table.out, "verified   yes")) << verify_table.out;
}

TEST_F(CliSchoolTest, AGrantedRoleReadsAnotherSchoolWithSchool) {
  const uint64_t position = RunExamplesThrough("AgreePlan");
  CliResult history = As(la_officer_, {"history", "adm-20417", "--school", "school-1", "--wait-for",
                                       std::to_string(position), "-o", "json"});
  ASSERT_EQ(history.exit_code, 0) << history.err;
  EXPECT_EQ(Parse<v1::BestEndeavoursHistory>(history.out).cycles_size(), 1);
  CliResult as_of = As(inspector_, {"plan", "adm-20417", "--school", "school-1", "--as-of",
                                    std::to_string(position), "-o", "json"});
  ASSERT_EQ(as_of.exit_code, 0) << as_of.err;
  EXPECT_EQ(Parse<v1::CurrentPlan>(as_of.out).plan().plan_id(), "plan-1");
  // Without the grant, naming the school is refused.
  CliResult refused = As(other_senco_, {"history", "adm-20417", "--school", "school-1"});
  EXPECT_EQ(refused.exit_code, 4) << refused.err;
}

TEST_F(CliSchoolTest, TailPrintsEventsAsJsonLinesOrOneLineEach) {
  RunExamplesThrough("AgreePlan");  // 4 events
  CliResult json = As(feed_, {"tail", "--from", "2", "--count", "3", "-o", "json"});
  ASSERT_EQ(json.exit_code, 0) << json.err;
  std::vector<std::string> lines = absl::StrSplit(json.out, '\n', absl::SkipEmpty());
  ASSERT_EQ(lines.size(), 3u) << json.out;
  for (size_t i = 0; i < lines.size(); ++i) {
    const auto event = Parse<v1::EventEnvelope>(lines[i]);
    EXPECT_EQ(event.position(), 2 + i);
    EXPECT_EQ(event.stream_id(), "pupil/school-1/adm-20417");
  }
  EXPECT_EQ(Parse<v1::EventEnvelope>(lines[2]).event_type(), "endeavour.v1.PlanAgreed");
  CliResult table = As(feed_, {"tail", "--type", "PlanAgreed", "--count", "1"});
  ASSERT_EQ(table.exit_code, 0) << table.err;
  EXPECT_TRUE(absl::StrContains(table.out, "POSITION")) << table.out;
  EXPECT_TRUE(absl::StrContains(table.out, "endeavour.v1.PlanAgreed")) << table.out;
  EXPECT_FALSE(absl::StrContains(table.out, "endeavour.v1.PupilRegistered")) << table.out;
}

// Followed until caught up, then stopped with SIGTERM: the checkpoint is on standard error and
// the exit code is 0. The shell waits for the checkpoint line itself, so no timing is involved.
TEST_F(CliSchoolTest, TailReportsTheCheckpointAndExitsCleanlyOnSigterm) {
  RunExamplesThrough("IdentifyNeed");  // 2 events
  const std::string fifo = dir_.path() + "/tail.err";
  const std::string script =
      "mkfifo \"$1\"; shift; fifo_err=\"$0\"; "
      "\"$@\" 2>\"$fifo_err\" & pid=$!; "
      "exec 3<\"$fifo_err\"; "
      "while read -r line <&3; do echo \"$line\" >&2; "
      "case \"$line\" in *'caught up'*) break;; esac; done; "
      "kill -TERM $pid; cat <&3 >/dev/null & wait $pid; echo \"exit=$?\"";
  Output out = RunToCompletion("/bin/sh", {"-c", script, fifo, fifo, ENDEAVOUR_CLI, "--server",
                                           server_.address(), "--token", feed_, "tail"});
  EXPECT_TRUE(absl::StrContains(out.out, "endeavour.v1.NeedIdentified")) << out.out;
  EXPECT_TRUE(absl::StrContains(out.out, "exit=0")) << out.out;
}

}  // namespace
}  // namespace endeavour::testing
