// Failures found before any call is made: a flag that does not parse, a file that cannot be read.
#ifndef ENDEAVOUR_CLIENTS_CLI_LOCAL_FAILURE_H_
#define ENDEAVOUR_CLIENTS_CLI_LOCAL_FAILURE_H_

#include <string>

#include "absl/status/status.h"

namespace endeavour::cli {

// Prints "endeavour: <what>: <message>" on standard error. INVALID_ARGUMENT (the user's input is
// wrong) exits kExitUsage; anything else (a file unreadable) kExitFailed.
int ReportLocalFailure(const std::string& what, const absl::Status& status);

}  // namespace endeavour::cli

#endif  // ENDEAVOUR_CLIENTS_CLI_LOCAL_FAILURE_H_
