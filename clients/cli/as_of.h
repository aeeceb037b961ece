// `--as-of POINT` of the view queries: a log position (42), an occurred-on date (2026-09-01) or a
// recorded-at time (2026-09-01T12:00:00Z).
#ifndef ENDEAVOUR_CLIENTS_CLI_AS_OF_H_
#define ENDEAVOUR_CLIENTS_CLI_AS_OF_H_

#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"
#include "endeavour/v1/api.pb.h"

namespace endeavour::cli {

// INVALID_ARGUMENT naming --as-of and the three forms when `text` is none of them.
absl::StatusOr<v1::AsOf> ParseAsOf(absl::string_view text);

}  // namespace endeavour::cli

#endif  // ENDEAVOUR_CLIENTS_CLI_AS_OF_H_
