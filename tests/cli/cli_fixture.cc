#include "tests/cli/cli_fixture.h"

#include "clients/cli/command_examples.h"

namespace endeavour::testing {

void CliEndToEndTest::SetUp() {
  senco_ = AddToken("school-1", "senco", "staff/1042");
  teacher_ = AddToken("school-1", "teacher", "staff/2210");
  leader_ = AddToken("school-1", "leader", "staff/3001");
  governor_ = AddToken("school-1", "governor", "gov/17");
  feed_ = AddToken("school-1", "feed", "svc/mis");
  admin_ = AddToken("school-1", "admin", "ops/1");
  la_officer_ = AddToken("la-1", "la_officer", "la/77", "school-1");
  inspector_ = AddToken("ofsted-1", "inspector", "hmi/5", "school-1");
  other_senco_ = AddToken("school-2", "senco", "staff/9001");
  ASSERT_FALSE(HasFailure()) << "could not make the tokens";
  ASSERT_TRUE(server_.Start(ENDEAVOURD, {"--data", dir_.path() + "/data", "--tokens", tokens_}));
}

std::string CliEndToEndTest::AddToken(const std::string& tenant, const std::string& role,
                                      const std::string& actor, const std::string& grant) {
  Output out = testing::AddToken(ENDEAVOURD, tokens_, tenant, role, actor, grant);
  EXPECT_EQ(out.exit_code, 0) << out.out;
  return out.out;
}

CliResult CliEndToEndTest::As(const std::string& token, const std::vector<std::string>& args,
                              const std::string& standard_input) const {
  std::vector<std::string> all = {"--server", server_.address(), "--token", token};
  all.insert(all.end(), args.begin(), args.end());
  return cli_.Run(all, {}, standard_input);
}

v1::CommandReply CliEndToEndTest::Command(const std::string& token,
                                          const std::vector<std::string>& args,
                                          const std::string& standard_input) {
  std::vector<std::string> all = args;
  all.push_back("-o");
  all.push_back("json");
  CliResult result = As(token, all, standard_input);
  EXPECT_EQ(result.exit_code, 0) << "endeavour " << args.front() << ": " << result.err;
  if (result.exit_code != 0) return v1::CommandReply();
  return Parse<v1::CommandReply>(result.out);
}

uint64_t CliEndToEndTest::RunExamplesThrough(const std::string& last_method) {
  uint64_t position = 0;
  for (const cli::CommandExample& example : cli::CommandExamples()) {
    const std::string method = example.method.substr(example.method.rfind('.') + 1);
    std::vector<std::string> args = {cli::KebabCase(method)};
    for (const std::string& arg : example.args) {
      args.push_back(arg == example.file_name ? File(example.file_name, example.file_text) : arg);
    }
    position = Command(senco_, args).position();
    if (method == last_method) return position;
  }
  ADD_FAILURE() << "no example of " << last_method;
  return position;
}

std::string CliEndToEndTest::File(const std::string& name, const std::string& text) const {
  const std::string path = dir_.path() + "/" + name;
  EXPECT_TRUE(WriteFile(path, text)) << path;
  return path;
}

}  // namespace endeavour::testing
