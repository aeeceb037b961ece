#include "clients/report/as_of_flag.h"

#include "gmock/gmock.h"
#include "gtest/gtest.h"

namespace endeavour::report {
namespace {

using ::testing::HasSubstr;

TEST(ParseAsOfTest, NothingMeansTheRecordAsItStands) {
  absl::StatusOr<v1::AsOf> as_of = ParseAsOf("");
  ASSERT_TRUE(as_of.ok());
  EXPECT_EQ(as_of->point_case(), v1::AsOf::POINT_NOT_SET);
  EXPECT_EQ(DescribeAsOf(*as_of), "");
}

TEST(ParseAsOfTest, DigitsAreALogPosition) {
  absl::StatusOr<v1::AsOf> as_of = ParseAsOf("120");
  ASSERT_TRUE(as_of.ok());
  EXPECT_EQ(as_of->position(), 120u);
  EXPECT_EQ(DescribeAsOf(*as_of), "log position 120");
  EXPECT_THAT(ParseAsOf("0").status().message(), HasSubstr("log positions start at 1"));
  EXPECT_THAT(ParseAsOf("99999999999999999999999").status().message(), HasSubstr("too large"));
}

TEST(ParseAsOfTest, ADateIsWhatHadHappenedByThen) {
  absl::StatusOr<v1::AsOf> as_of = ParseAsOf("2025-09-01");
  ASSERT_TRUE(as_of.ok());
  EXPECT_EQ(as_of->occurred_on().year(), 2025);
  EXPECT_EQ(as_of->occurred_on().month(), 9);
  EXPECT_EQ(as_of->occurred_on().day(), 1);
  EXPECT_EQ(DescribeAsOf(*as_of), "what had happened by 1 September 2025");
  const absl::Status no_such_day = ParseAsOf("2026-02-29").status();
  EXPECT_EQ(no_such_day.code(), absl::StatusCode::kInvalidArgument);
  EXPECT_THAT(no_such_day.message(), HasSubstr("--as-of \"2026-02-29\": no such date"));
  EXPECT_TRUE(ParseAsOf("2028-02-29").ok());
}

TEST(ParseAsOfTest, AnRfc3339TimeIsWhatTheRecordSaidThen) {
  absl::StatusOr<v1::AsOf> as_of = ParseAsOf("2025-09-01T08:00:00Z");
  ASSERT_TRUE(as_of.ok());
  EXPECT_EQ(as_of->recorded_at().seconds(), 1756713600);
  EXPECT_EQ(DescribeAsOf(*as_of), "the record as it stood at 2025-09-01 08:00 UTC");
  absl::StatusOr<v1::AsOf> offset = ParseAsOf("2025-09-01T09:00:00.25+01:00");
  ASSERT_TRUE(offset.ok());
  EXPECT_EQ(offset->recorded_at().seconds(), 1756713600);
  EXPECT_EQ(offset->recorded_at().nanos(), 250000000);
}

TEST(ParseAsOfTest, AnythingElseNamesTheFlagAndTheThreeForms) {
  for (const char* bad : {"yesterday", "2025-9-1", "-5", "2025-09-01 08:00", "12a"}) {
    const absl::Status status = ParseAsOf(bad).status();
    EXPECT_EQ(status.code(), absl::StatusCode::kInvalidArgument) << bad;
    EXPECT_THAT(status.message(), HasSubstr("--as-of")) << bad;
    EXPECT_THAT(status.message(), HasSubstr("log position")) << bad;
    EXPECT_THAT(status.message(), HasSubstr("RFC 3339")) << bad;
  }
}

}  // namespace
}  // namespace endeavour::report
