#include "clients/report/as_of_flag.h"

#include "absl/strings/ascii.h"
#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "absl/time/civil_time.h"
#include "absl/time/time.h"
#include "clients/report/labels.h"

namespace endeavour::report {
std::string DescribeAsOf(const v1::AsOf& as_of) {
  switch (as_of.point_case()) {
    case v1::AsOf::kPosition:
      return absl::StrCat("log position ", as_of.position());
    case v1::AsOf::kOccurredOn:
      return absl::StrCat("what had happened by ", DateText(as_of.occurred_on()));
    case v1::AsOf::kRecordedAt:
      return absl::StrCat("the record as it stood at ",
                          TimeText(absl::FromUnixSeconds(as_of.recorded_at().seconds()) +
                                   absl::Nanoseconds(as_of.recorded_at().nanos())));
    default:
      return "";
  }
}

}  // namespace endeavour::report
