#include "eventstore/expected_version.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

namespace endeavour::eventstore {
namespace {

using ::testing::HasSubstr;

TEST(ExpectedVersionTest, AnyHoldsForEveryVersion) {
  EXPECT_TRUE(ExpectedVersion::Any().Check("s", 0).ok());
  EXPECT_TRUE(ExpectedVersion::Any().Check("s", 9).ok());
}

TEST(ExpectedVersionTest, NoStreamHoldsOnlyForAMissingStream) {
  EXPECT_TRUE(ExpectedVersion::NoStream().Check("s", 0).ok());
  EXPECT_EQ(ExpectedVersion::NoStream().Check("s", 2).code(), absl::StatusCode::kAborted);
}

TEST(ExpectedVersionTest, StreamExistsHoldsOnlyForAnExistingStream) {
  EXPECT_EQ(ExpectedVersion::StreamExists().Check("s", 0).code(), absl::StatusCode::kAborted);
  EXPECT_TRUE(ExpectedVersion::StreamExists().Check("s", 1).ok());
}

TEST(ExpectedVersionTest, ExactConflictNamesExpectedAndActual) {
  absl::Status s = ExpectedVersion::Exact(3).Check("pupil/t/p1", 5);
  EXPECT_EQ(s.code(), absl::StatusCode::kAborted);
  EXPECT_THAT(std::string(s.message()), HasSubstr("expected version 3"));
  EXPECT_THAT(std::string(s.message()), HasSubstr("actual version 5"));
  EXPECT_THAT(std::string(s.message()), HasSubstr("pupil/t/p1"));
  EXPECT_TRUE(ExpectedVersion::Exact(5).Check("pupil/t/p1", 5).ok());
}

TEST(ExpectedVersionTest, UnknownFormIsInvalidArgument) {
  ExpectedVersion odd = ExpectedVersion::FromParts(static_cast<ExpectedVersion::Form>(42), 0);
  EXPECT_EQ(odd.Validate().code(), absl::StatusCode::kInvalidArgument);
  EXPECT_EQ(odd.Check("s", 0).code(), absl::StatusCode::kInvalidArgument);
}

}  // namespace
}  // namespace endeavour::eventstore
