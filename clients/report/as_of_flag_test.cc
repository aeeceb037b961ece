#include "clients/report/as_of_flag.h"

#include "clients/cli/as_of.h"
#include "gtest/gtest.h"

namespace endeavour::report {
namespace {

using cli::ParseAsOf;

TEST(DescribeAsOfTest, NoPointIsTheRecordAsItStands) { EXPECT_EQ(DescribeAsOf(v1::AsOf()), ""); }

TEST(DescribeAsOfTest, SaysEachKindOfPointInWords) {
  EXPECT_EQ(DescribeAsOf(*ParseAsOf("120")), "log position 120");
  EXPECT_EQ(DescribeAsOf(*ParseAsOf("2025-09-01")), "what had happened by 1 September 2025");
  EXPECT_EQ(DescribeAsOf(*ParseAsOf("2025-09-01T08:00:00Z")),
            "the record as it stood at 2025-09-01 08:00 UTC");
}

}  // namespace
}  // namespace endeavour::report
