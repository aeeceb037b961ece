// What goes wrong, and how a script tells which: every failure prints a message naming the flag,
// field or rule on standard error, and exits with its own code (cli.h): 2 usage, 3 not found,
// 4 refused, 5 conflict, 6 unavailable, 7 rejected, 1 anything else.
#include <arpa/inet.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <unistd.h>

#include <string>

#include "absl/strings/match.h"
#include "gtest/gtest.h"
#include "tests/cli/cli_fixture.h"

namespace endeavour::testing {
namespace {

using CliErrorsTest = CliEndToEndTest;

void ExpectFailure(const CliResult& result, int exit_code, const std::string& mentions) {
  EXPECT_EQ(result.exit_code, exit_code) << result.err << result.out;
  EXPECT_TRUE(absl::StrContains(result.err, mentions))
      << "\"" << mentions << "\" not in: " << result.err;
}

TEST_F(CliErrorsTest, UsageErrorsExit2NamingTheFlagOrField) {
  ExpectFailure(cli_.Run({}), 2, "A subcommand is required");
  ExpectFailure(cli_.Run({"plan"}), 2, "pupil is required");
  ExpectFailure(cli_.Run({"plan", "adm-1", "--bogus"}), 2, "--bogus");
  ExpectFailure(cli_.Run({"plan", "adm-1", "-o", "xml"}), 2, "xml");
  ExpectFailure(cli_.Run({"no-such-subcommand"}), 2, "unknown subcommand \"no-such-subcommand\"");
  ExpectFailure(As(senco_, {"plan", "adm-1", "--as-of", "last tuesday"}), 2, "--as-of");
  ExpectFailure(As(senco_, {"plan", "adm-1", "--today", "2025-02-30"}), 2, "--today");
  ExpectFailure(As(senco_, {"agree-plan", "adm-1", "--set", "plan.reveiw_date=2025-11-26"}), 2,
                "--set plan.reveiw_date: no field \"reveiw_date\"");
  ExpectFailure(As(senco_, {"agree-plan", "adm-1", "--set", "plan.cycle=two"}), 2,
                "--set plan.cycle: \"two\" is not a whole number");
  ExpectFailure(As(senco_, {"log-intervention", "adm-1", "--set", "session.attendance=late"}), 2,
                "attended, pupil-absent, staff-absent, cancelled");
  ExpectFailure(As(senco_, {"agree-plan", "adm-1", "--file", "-"}, "plan:\n  cycel: 2\n"), 2,
                "standard input: plan.cycel: no such field");
  ExpectFailure(As(senco_, {"agree-plan", "adm-1", "--file", "-"}, "plan: [unclosed\n"), 2,
                "not YAML or JSON");
  ExpectFailure(As(senco_, {"register-pupil", "adm-1", "--command-id", "x", "--today", "soon"}), 2,
                "--today");
}

TEST_F(CliErrorsTest, NoServerOrTokenConfiguredExits2SayingWhereToPutThem) {
  ExpectFailure(cli_.Run({"plan", "adm-1"}), 2, "no server configured: give --server HOST:PORT");
  ExpectFailure(cli_.Run({"plan", "adm-1", "--server", server_.address()}), 2,
                "no token configured: give --token TOKEN, set ENDEAVOUR_TOKEN");
}

TEST_F(CliErrorsTest, AnUnreadableFileExits1) {
  ExpectFailure(As(senco_, {"agree-plan", "adm-1", "--file", dir_.path() + "/missing.yaml"}), 1,
                "missing.yaml: cannot read");
}

TEST_F(CliErrorsTest, AnUnknownPupilIsNotFound) {
  ExpectFailure(As(senco_, {"plan", "adm-nobody"}), 3, "NOT_FOUND");
  RunExamplesThrough("AgreePlan");
  ExpectFailure(
      As(senco_, {"log-intervention", "adm-20417", "--set", "session.session_id=s-9", "--set",
                  "session.plan_id=plan-1", "--set", "session.provision_id=no-such-provision",
                  "--set", "session.delivered_on=2025-10-09", "--set", "session.minutes=10",
                  "--set", "session.delivered_by=Mrs Patel", "--set", "session.attendance=attended",
                  "--set", "session.engagement=fully-engaged"}),
      3, "provision");
}

TEST_F(CliErrorsTest, AnotherRolesCommandOrABadTokenIsRefused) {
  RunExamplesThrough("RegisterPupil");
  ExpectFailure(
      As(teacher_, {"change-sen-status", "adm-20417", "--set", "change.to_status=sen-support"}), 4,
      "PERMISSION_DENIED");
  ExpectFailure(As(governor_, {"plan", "adm-20417"}), 4, "PERMISSION_DENIED");
  ExpectFailure(As(senco_, {"tail", "--count", "1"}), 4, "PERMISSION_DENIED");
  ExpectFailure(As(std::string(43, 'x'), {"plan", "adm-20417"}), 4, "UNAUTHENTICATED");
}

TEST_F(CliErrorsTest, ACommandIdReusedForADifferentCommandIsAConflict) {
  RunExamplesThrough("IdentifyNeed");
  Command(senco_, {"change-sen-status", "adm-20417", "--command-id", "c-1", "--set",
                   "change.from_status=no-sen", "--set", "change.to_status=sen-support", "--set",
                   "change.decided_on=2025-10-03", "--set", "change.parents_informed_on=2025-10-06",
                   "--set", "change.reason=Progress"});
  ExpectFailure(As(senco_, {"identify-need", "adm-20417",
                            "--command-id",  "c-1",
                            "--set",         "need.need_id=need-language",
                            "--set",         "need.area=communication-and-interaction",
                            "--set",         "need.census_type=slcn",
                            "--set",         "need.rank=secondary",
                            "--set",         "need.evidence[0].kind=observation",
                            "--set",         "need.evidence[0].summary=Struggles to retell a story",
                            "--set",         "need.parents_agree=agrees",
                            "--set",         "need.professionals_agree=not-yet-asked",
                            "--set",         "need.identified_on=2025-10-02"}),
                5, "command_id: \"c-1\" was already used for a different command");
}

TEST_F(CliErrorsTest, AServerThatIsNotThereIsUnavailable) {
  // A port that was free a moment ago and that nothing listens on.
  const int fd = socket(AF_INET, SOCK_STREAM, 0);
  sockaddr_in address{};
  address.sin_family = AF_INET;
  address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  ASSERT_EQ(bind(fd, reinterpret_cast<sockaddr*>(&address), sizeof(address)), 0);
  socklen_t size = sizeof(address);
  ASSERT_EQ(getsockname(fd, reinterpret_cast<sockaddr*>(&address), &size), 0);
  close(fd);
  const std::string nowhere = "127.0.0.1:" + std::to_string(ntohs(address.sin_port));
  ExpectFailure(cli_.Run({"--server", nowhere, "--token", senco_, "plan", "adm-1"}), 6,
                "UNAVAILABLE");
  ExpectFailure(cli_.Run({"--server", nowhere, "--token", senco_, "record-rating", "--set",
                          "rating.statement=1"}),
                6, "endeavour: record-rating: UNAVAILABLE");
}

TEST_F(CliErrorsTest, ADomainRuleBrokenIsRejectedNamingTheFieldAndTheRule) {
  RunExamplesThrough("ChangeSenStatus");  // no plan yet
  ExpectFailure(As(senco_, {"register-pupil", "adm-2", "--set", "pupil.display_name=Noah", "--set",
                            "pupil.date_of_birth=2016-02-11", "--set", "pupil.year_group=20",
                            "--set", "pupil.registered_on=2021-09-06"}),
                7, "pupil.year_group");
  CliResult review = As(senco_, {"record-review", "adm-20417", "--set", "review.review_id=review-1",
                                 "--set", "review.plan_id=plan-1", "--set",
                                 "review.held_on=2025-11-26", "--set", "review.decision=continue"});
  EXPECT_EQ(review.exit_code, 7) << review.err;
  EXPECT_TRUE(absl::StrContains(review.err, "endeavour: record-review: ")) << review.err;
  EXPECT_TRUE(absl::StrContains(review.err, "review.")) << review.err;
}

}  // namespace
}  // namespace endeavour::testing
