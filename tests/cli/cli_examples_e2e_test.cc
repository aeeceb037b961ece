// Every command RPC has a subcommand, and every subcommand's --help example is true: run in the
// order the table keeps them, against a real endeavourd, each records what it says. The RPCs are
// enumerated from the descriptors, so one added to the protos cannot escape.
#include <algorithm>
#include <cstdint>
#include <set>
#include <string>
#include <vector>

#include "absl/strings/match.h"
#include "clients/cli/command_examples.h"
#include "clients/cli/record_commands.h"
#include "gtest/gtest.h"
#include "tests/cli/cli_fixture.h"

namespace endeavour::testing {
namespace {

using cli::CommandExample;

TEST_F(CliEndToEndTest, EveryCommandRpcHasASubcommandWithHelpAndAnExample) {
  const auto methods = cli::CommandMethods();
  ASSERT_GE(methods.size(), 16u);
  for (const google::protobuf::MethodDescriptor* method : methods) {
    const std::string name = cli::KebabCase(method->name());
    CliResult help = cli_.Run({name, "--help"});
    EXPECT_EQ(help.exit_code, 0) << name << ": " << help.err;
    EXPECT_TRUE(absl::StrContains(help.out, "Example:\n  $ endeavour " + name)) << help.out;
    EXPECT_TRUE(absl::StrContains(help.out, "--set PATH=VALUE")) << help.out;
  }
}

TEST_F(CliEndToEndTest, EveryHelpExampleRecordsWhatItSays) {
  std::set<std::string> ran;
  uint64_t head = 0;
  for (const CommandExample& example : cli::CommandExamples()) {
    const std::string method = example.method.substr(example.method.rfind('.') + 1);
    std::vector<std::string> args = {cli::KebabCase(method)};
    for (const std::string& arg : example.args) {
      args.push_back(arg == example.file_name ? File(example.file_name, example.file_text) : arg);
    }
    v1::CommandReply reply = Command(senco_, args);
    EXPECT_EQ(reply.event_ids_size(), 1) << example.method;
    EXPECT_GT(reply.position(), 0u) << example.method;
    ran.insert(example.method);
    head = std::max(head, reply.position());
  }
  for (const google::protobuf::MethodDescriptor* method : cli::CommandMethods()) {
    EXPECT_TRUE(ran.count(method->full_name())) << method->full_name() << " was never run";
  }
  // The story the examples tell, read back: the session corrected and then retracted, the
  // review, the pupil gone to another school, and the transfer-in's pupil on the register.
  const std::string wait_for = std::to_string(head);
  CliResult history = As(senco_, {"history", "adm-20417", "--wait-for", wait_for, "-o", "json"});
  ASSERT_EQ(history.exit_code, 0) << history.err;
  auto view = Parse<v1::BestEndeavoursHistory>(history.out);
  ASSERT_EQ(view.cycles_size(), 1);
  EXPECT_EQ(view.cycles(0).review().current().review_id(), "review-1");
  EXPECT_EQ(view.totals().corrections(), 1);
  EXPECT_EQ(view.totals().retractions(), 1);
  EXPECT_EQ(view.transferred_out().transfer().other_school(), "school-0381");
  CliResult overview = As(senco_, {"overview", "--wait-for", wait_for, "-o", "json"});
  ASSERT_EQ(overview.exit_code, 0) << overview.err;
  EXPECT_EQ(Parse<v1::SchoolOverview>(overview.out).counts().transferred_out(), 1);
}

}  // namespace
}  // namespace endeavour::testing
