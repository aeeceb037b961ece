// Running the real `endeavour` binary from a test, as a user's shell would: a clean environment
// (HOME in the test's folder, no ENDEAVOUR_* variables unless the test sets them), standard input
// from a string, standard output and standard error kept apart.
#ifndef ENDEAVOUR_TESTS_CLI_CLI_RUNNER_H_
#define ENDEAVOUR_TESTS_CLI_CLI_RUNNER_H_

#include <map>
#include <string>
#include <vector>

namespace endeavour::testing {

struct CliResult {
  std::string out;
  std::string err;
  int exit_code = -1;
};

class CliRunner {
 public:
  // `binary` is the endeavour executable; `scratch` a folder the runner may write in (HOME is
  // `scratch`/home).
  CliRunner(std::string binary, std::string scratch);

  CliResult Run(const std::vector<std::string>& args,
                const std::map<std::string, std::string>& env = {},
                const std::string& standard_input = "") const;

  const std::string& home() const { return home_; }

 private:
  std::string binary_;
  std::string scratch_;
  std::string home_;
};

// Writes `text` to `path`; false if it cannot.
bool WriteFile(const std::string& path, const std::string& text);

}  // namespace endeavour::testing

#endif  // ENDEAVOUR_TESTS_CLI_CLI_RUNNER_H_
