// The help of each command subcommand: a one-line summary and a real example, kept in a table by
// RPC so that a unit test can check that every RPC of PupilRecordService and
// SelfEvaluationService has one. Together the examples are one pupil's story (Amelia, adm-20417)
// and the school's self-evaluation; the end-to-end test runs them, so they stay true.
#ifndef ENDEAVOUR_CLIENTS_CLI_COMMAND_EXAMPLES_H_
#define ENDEAVOUR_CLIENTS_CLI_COMMAND_EXAMPLES_H_

#include <string>
#include <vector>

#include "absl/strings/string_view.h"

namespace endeavour::cli {

struct CommandExample {
  std::string method;             // full RPC name: "endeavour.v1.PupilRecordService.AgreePlan"
  std::string summary;            // one line, shown in `endeavour --help`
  std::vector<std::string> args;  // after `endeavour <subcommand>`
  std::string file_name;          // the --file the example reads, if any...
  std::string file_text;          // ...and what is in it (YAML)
};

// Every example, in the order the story runs.
const std::vector<CommandExample>& CommandExamples();

// The example for `method` (full RPC name), or nullptr.
const CommandExample* FindCommandExample(absl::string_view method);

// "AgreePlan" -> "agree-plan".
std::string KebabCase(absl::string_view camel_case);

// The example as help text: the command line, shell-quoted, and the file it reads.
std::string FormatExample(const CommandExample& example, absl::string_view subcommand);

}  // namespace endeavour::cli

#endif  // ENDEAVOUR_CLIENTS_CLI_COMMAND_EXAMPLES_H_
