#include "clients/cli/as_of.h"

#include "gtest/gtest.h"

namespace endeavour::cli {
namespace {

TEST(AsOfTest, AnIntegerIsALogPosition) {
  absl::StatusOr<v1::AsOf> as_of = ParseAsOf("42");
  ASSERT_TRUE(as_of.ok()) << as_of.status();
  EXPECT_EQ(as_of->position(), 42u);
}

TEST(AsOfTest, ADateIsAnOccurredOnDate) {
  absl::StatusOr<v1::AsOf> as_of = ParseAsOf("2026-09-01");
  ASSERT_TRUE(as_of.ok()) << as_of.status();
  ASSERT_TRUE(as_of->has_occurred_on());
  EXPECT_EQ(as_of->occurred_on().year(), 2026);
  EXPECT_EQ(as_of->occurred_on().month(), 9);
  EXPECT_EQ(as_of->occurred_on().day(), 1);
}

TEST(AsOfTest, AnRfc3339TimeIsARecordedAtTime) {
  absl::StatusOr<v1::AsOf> as_of = ParseAsOf("2026-09-01T12:00:00Z");
  ASSERT_TRUE(as_of.ok()) << as_of.status();
  ASSERT_TRUE(as_of->has_recorded_at());
  EXPECT_EQ(as_of->recorded_at().seconds(), 1788264000);
}

TEST(AsOfTest, AnythingElseIsRefusedNamingTheFlag) {
  for (const char* bad : {"yesterday", "2026-02-30", "0", "12x", ""}) {
    absl::StatusOr<v1::AsOf> as_of = ParseAsOf(bad);
    ASSERT_FALSE(as_of.ok()) << bad;
    EXPECT_EQ(as_of.status().code(), absl::StatusCode::kInvalidArgument);
    EXPECT_NE(as_of.status().message().find("--as-of"), absl::string_view::npos) << as_of.status();
  }
}

TEST(AsOfTest, APositionCountsFromOneAndFitsSixtyFourBits) {
  EXPECT_NE(ParseAsOf("0").status().message().find("log positions start at 1"),
            absl::string_view::npos);
  EXPECT_NE(ParseAsOf("99999999999999999999999").status().message().find("too large"),
            absl::string_view::npos);
}

TEST(AsOfTest, ADateMustExist) {
  const absl::Status no_such_day = ParseAsOf("2026-02-29").status();
  EXPECT_EQ(no_such_day.code(), absl::StatusCode::kInvalidArgument);
  EXPECT_NE(no_such_day.message().find("--as-of \"2026-02-29\": no such date"),
            absl::string_view::npos);
  EXPECT_TRUE(ParseAsOf("2028-02-29").ok());
}

TEST(AsOfTest, ATimeMayCarryAnOffsetAndFractions) {
  absl::StatusOr<v1::AsOf> offset = ParseAsOf("2025-09-01T09:00:00.25+01:00");
  ASSERT_TRUE(offset.ok()) << offset.status();
  EXPECT_EQ(offset->recorded_at().seconds(), 1756713600);
  EXPECT_EQ(offset->recorded_at().nanos(), 250000000);
}

}  // namespace
}  // namespace endeavour::cli
