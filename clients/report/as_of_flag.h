// The --as-of flag of the report commands: the point a report's view is computed as of, and how
// the report's footer says it.
#ifndef ENDEAVOUR_CLIENTS_REPORT_AS_OF_FLAG_H_
#define ENDEAVOUR_CLIENTS_REPORT_AS_OF_FLAG_H_

#include <string>

#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"
#include "endeavour/v1/api.pb.h"

namespace endeavour::report {

// "" for the record as it stands (no point set); digits for a log position ("120", from 1); a
// date YYYY-MM-DD for what had happened by that day; an RFC 3339 time ("2025-09-01T08:00:00Z")
// for what the record said then. INVALID_ARGUMENT naming --as-of and the three forms otherwise.
absl::StatusOr<v1::AsOf> ParseAsOf(absl::string_view text);

// "log position 120", "what had happened by 1 September 2025", "the record as it stood at
// 2025-09-01 08:00 UTC"; "" when no point is set.
std::string DescribeAsOf(const v1::AsOf& as_of);

}  // namespace endeavour::report

#endif  // ENDEAVOUR_CLIENTS_REPORT_AS_OF_FLAG_H_
