#include "tests/cli/cli_runner.h"

#include <atomic>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <utility>

#include "absl/strings/str_cat.h"
#include "tests/e2e/server_process.h"

namespace endeavour::testing {
namespace {

std::string ReadAll(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  return std::string((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
}

}  // namespace

CliRunner::CliRunner(std::string binary, std::string scratch)
    : binary_(std::move(binary)), scratch_(std::move(scratch)), home_(scratch_ + "/home") {
  std::filesystem::create_directories(home_);
}

bool WriteFile(const std::string& path, const std::string& text) {
  std::ofstream out(path, std::ios::binary | std::ios::trunc);
  out << text;
  return static_cast<bool>(out);
}

CliResult CliRunner::Run(const std::vector<std::string>& args,
                         const std::map<std::string, std::string>& env,
                         const std::string& standard_input) const {
  static std::atomic<int> runs{0};
  const std::string stem = scratch_ + "/run-" + std::to_string(++runs);
  const std::string in = stem + ".in";
  const std::string err = stem + ".err";
  WriteFile(in, standard_input);
  // env -i: nothing of the test's own environment leaks in; the shell only redirects.
  std::vector<std::string> argv = {"-i", "HOME=" + home_, "PATH=/usr/bin:/bin"};
  // ...except the sanitizers' settings (deploy/test.sh --sanitize), which the client must keep.
  for (const char* name : {"ASAN_OPTIONS", "LSAN_OPTIONS", "UBSAN_OPTIONS"}) {
    if (const char* value = std::getenv(name)) argv.push_back(absl::StrCat(name, "=", value));
  }
  for (const auto& [name, value] : env) argv.push_back(name + "=" + value);
  for (const std::string& a :
       {std::string("/bin/sh"), std::string("-c"),
        std::string("in=$1; err=$2; shift 2; exec \"$@\" <\"$in\" 2>\"$err\""), std::string("sh"),
        in, err, binary_}) {
    argv.push_back(a);
  }
  argv.insert(argv.end(), args.begin(), args.end());
  Output output = RunToCompletion("/usr/bin/env", argv);
  CliResult result;
  result.out = std::move(output.out);
  result.exit_code = output.exit_code;
  result.err = ReadAll(err);
  return result;
}

}  // namespace endeavour::testing
