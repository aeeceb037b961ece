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

}  // namespace
}  // namespace endeavour::cli
