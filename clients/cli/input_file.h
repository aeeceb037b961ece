// Reading what the user names on the command line: a file, or standard input for "-".
#ifndef ENDEAVOUR_CLIENTS_CLI_INPUT_FILE_H_
#define ENDEAVOUR_CLIENTS_CLI_INPUT_FILE_H_

#include <string>

#include "absl/status/statusor.h"

namespace endeavour::cli {

// The whole of `path`, or of standard input when `path` is "-". NOT_FOUND or
// PERMISSION_DENIED naming the path and the system's reason when it cannot be read.
absl::StatusOr<std::string> ReadInputFile(const std::string& path);

}  // namespace endeavour::cli

#endif  // ENDEAVOUR_CLIENTS_CLI_INPUT_FILE_H_
