// The end-to-end fixture of the CLI tests: a real endeavourd with a token for each role of
// school-1 (and a SENCO of school-2), and the real `endeavour` binary to drive it.
#ifndef ENDEAVOUR_TESTS_CLI_CLI_FIXTURE_H_
#define ENDEAVOUR_TESTS_CLI_CLI_FIXTURE_H_

#include <cstdint>
#include <string>
#include <vector>

#include "endeavour/v1/api.pb.h"
#include "eventstore/testing/temp_dir.h"
#include "google/protobuf/util/json_util.h"
#include "gtest/gtest.h"
#include "tests/cli/cli_runner.h"
#include "tests/e2e/server_process.h"

namespace endeavour::testing {

class CliEndToEndTest : public ::testing::Test {
 protected:
  void SetUp() override;

  std::string AddToken(const std::string& tenant, const std::string& role, const std::string& actor,
                       const std::string& grant = "");

  // `endeavour --server <the server> --token <token> args...`.
  CliResult As(const std::string& token, const std::vector<std::string>& args,
               const std::string& standard_input = "") const;

  // A command that must succeed, run with -o json; its reply.
  v1::CommandReply Command(const std::string& token, const std::vector<std::string>& args,
                           const std::string& standard_input = "");

  // Runs the --help examples (command_examples.cc) in order, as the SENCO, up to and including
  // the one of `last_method` ("AgreePlan"); returns the log position of the last.
  uint64_t RunExamplesThrough(const std::string& last_method);

  // Writes a file into the test's folder and returns its path.
  std::string File(const std::string& name, const std::string& text) const;

  // Parses JSON output into a message; fails the test if it does not parse.
  template <typename Message>
  Message Parse(const std::string& json) {
    Message message;
    const auto status = google::protobuf::util::JsonStringToMessage(json, &message);
    EXPECT_TRUE(status.ok()) << status.ToString() << "\n" << json;
    return message;
  }

  TempDir dir_{"cli_e2e"};
  const std::string tokens_ = dir_.path() + "/tokens";
  CliRunner cli_{ENDEAVOUR_CLI, dir_.path()};
  ServerProcess server_;
  std::string senco_, teacher_, leader_, governor_, feed_, admin_, la_officer_, inspector_,
      other_senco_;
};

}  // namespace endeavour::testing

#endif  // ENDEAVOUR_TESTS_CLI_CLI_FIXTURE_H_
