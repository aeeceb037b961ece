#include "clients/cli/command_examples.h"

#include <set>
#include <string>

#include "absl/strings/match.h"
#include "clients/cli/command_document.h"
#include "clients/cli/command_request.h"
#include "clients/cli/record_commands.h"
#include "endeavour/v1/api.pb.h"
#include "google/protobuf/descriptor.h"
#include "gtest/gtest.h"

namespace endeavour::cli {
namespace {

namespace pb = google::protobuf;

TEST(CommandExamplesTest, EveryRpcOfTheCommandServicesHasAnExample) {
  const std::vector<const pb::MethodDescriptor*> methods = CommandMethods();
  // Both services, every RPC: 14 pupil commands and 2 self-evaluation commands today.
  ASSERT_GE(methods.size(), 16u);
  for (const pb::MethodDescriptor* method : methods) {
    const CommandExample* example = FindCommandExample(method->full_name());
    ASSERT_NE(example, nullptr) << method->full_name()
                                << " has no example: add one to command_examples.cc";
    EXPECT_FALSE(example->summary.empty()) << method->full_name();
    EXPECT_FALSE(example->args.empty()) << method->full_name();
  }
}

TEST(CommandExamplesTest, EveryExampleNamesARealRpcOnce) {
  std::set<std::string> seen;
  for (const CommandExample& example : CommandExamples()) {
    EXPECT_TRUE(seen.insert(example.method).second) << example.method << " twice";
    EXPECT_NE(pb::DescriptorPool::generated_pool()->FindMethodByName(example.method), nullptr)
        << example.method;
  }
}

TEST(CommandExamplesTest, EveryRpcIsACommandTheRequestBuilderUnderstands) {
  for (const pb::MethodDescriptor* method : CommandMethods()) {
    EXPECT_TRUE(IsCommandMethod(*method))
        << method->full_name() << ": its request needs a CommandHeader header and a command";
  }
}

// The examples' files and flags build valid requests (the end-to-end test sends them).
TEST(CommandExamplesTest, EveryExampleFileParsesIntoItsCommand) {
  for (const pb::MethodDescriptor* method : CommandMethods()) {
    const CommandExample* example = FindCommandExample(method->full_name());
    ASSERT_NE(example, nullptr);
    if (example->file_name.empty()) continue;
    const pb::Descriptor& command =
        *method->input_type()->FindFieldByName("command")->message_type();
    absl::StatusOr<std::string> json =
        CommandDocumentToJson(example->file_text, example->file_name, command);
    EXPECT_TRUE(json.ok()) << method->full_name() << ": " << json.status();
  }
}

TEST(CommandExamplesTest, KebabCaseSplitsAtEachCapital) {
  EXPECT_EQ(KebabCase("AgreePlan"), "agree-plan");
  EXPECT_EQ(KebabCase("RequestEhcNeedsAssessment"), "request-ehc-needs-assessment");
  EXPECT_EQ(KebabCase("RecordRating"), "record-rating");
}

TEST(CommandExamplesTest, TheHelpShowsTheCommandLineQuotedAndTheFile) {
  const CommandExample* example =
      FindCommandExample("endeavour.v1.PupilRecordService.RegisterPupil");
  ASSERT_NE(example, nullptr);
  const std::string text = FormatExample(*example, "register-pupil");
  EXPECT_TRUE(absl::StrContains(text, "$ endeavour register-pupil adm-20417")) << text;
  EXPECT_TRUE(absl::StrContains(text, "'pupil.display_name=Amelia Hughes'")) << text;
  const CommandExample* plan = FindCommandExample("endeavour.v1.PupilRecordService.AgreePlan");
  ASSERT_NE(plan, nullptr);
  const std::string plan_text = FormatExample(*plan, "agree-plan");
  EXPECT_TRUE(absl::StrContains(plan_text, "where plan.yaml is:")) << plan_text;
  EXPECT_TRUE(absl::StrContains(plan_text, "    plan:")) << plan_text;
}

}  // namespace
}  // namespace endeavour::cli
