// How a report's footer says the point its view was computed as of (the --as-of flag, parsed by
// clients/cli/as_of.h).
#ifndef ENDEAVOUR_CLIENTS_REPORT_AS_OF_FLAG_H_
#define ENDEAVOUR_CLIENTS_REPORT_AS_OF_FLAG_H_

#include <string>

#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"
#include "endeavour/v1/api.pb.h"

namespace endeavour::report {

// "log position 120", "what had happened by 1 September 2025", "the record as it stood at
// 2025-09-01 08:00 UTC"; "" when no point is set.
std::string DescribeAsOf(const v1::AsOf& as_of);

}  // namespace endeavour::report

#endif  // ENDEAVOUR_CLIENTS_REPORT_AS_OF_FLAG_H_
