#include "eventstore/event_filter.h"

#include <string>

#include "gtest/gtest.h"

namespace endeavour::eventstore {
namespace {

std::string StoredEnvelope(const std::string& stream_id) {
  v1::EventEnvelope envelope;
  envelope.set_event_id("e-1");
  envelope.set_stream_id(stream_id);
  envelope.set_event_type("endeavour.v1.ReviewHeld");
  envelope.set_position(7);
  envelope.set_payload(std::string(300, 'p'));
  envelope.mutable_actor()->set_id("senco/1");
  return envelope.SerializeAsString();
}

EventFilter Prefix(const std::string& prefix) {
  EventFilter filter;
  filter.stream_prefix = prefix;
  return filter;
}

TEST(StoredBytesMayMatchTest, AgreesWithTheParsedFilterOnTheStreamPrefix) {
  const std::string bytes = StoredEnvelope("pupil/school-1/p-1");
  v1::EventEnvelope parsed;
  ASSERT_TRUE(parsed.ParseFromString(bytes));
  for (const std::string prefix : {"", "pupil/", "pupil/school-1/", "pupil/school-1/p-1", "school/",
                                   "pupil/school-10", "pupil/school-1/p-10"}) {
    EXPECT_EQ(StoredBytesMayMatch(Prefix(prefix), bytes), MatchesFilter(Prefix(prefix), parsed))
        << prefix;
  }
}

TEST(StoredBytesMayMatchTest, TheLastStreamIdInTheBytesCountsAsAParseWouldHaveIt) {
  // Protobuf keeps the last value of a field that appears twice.
  v1::EventEnvelope later;
  later.set_stream_id("school/school-1/sef");
  const std::string bytes = StoredEnvelope("pupil/school-1/p-1") + later.SerializeAsString();
  v1::EventEnvelope parsed;
  ASSERT_TRUE(parsed.ParseFromString(bytes));
  ASSERT_EQ(parsed.stream_id(), "school/school-1/sef");
  EXPECT_TRUE(StoredBytesMayMatch(Prefix("school/"), bytes));
  EXPECT_FALSE(StoredBytesMayMatch(Prefix("pupil/"), bytes));
}

TEST(StoredBytesMayMatchTest, AnEnvelopeWithoutAStreamIdHasTheEmptyOne) {
  v1::EventEnvelope envelope;
  envelope.set_event_id("e-1");
  EXPECT_FALSE(StoredBytesMayMatch(Prefix("pupil/"), envelope.SerializeAsString()));
  EXPECT_TRUE(StoredBytesMayMatch(Prefix(""), envelope.SerializeAsString()));
}

TEST(StoredBytesMayMatchTest, BytesThatDoNotParseAreLeftToTheFullParse) {
  const std::string bytes = StoredEnvelope("pupil/school-1/p-1");
  // Cut inside the payload (the last field), and a tag of wire type 7, which does not exist.
  EXPECT_TRUE(StoredBytesMayMatch(Prefix("school/"), bytes.substr(0, bytes.size() - 10)));
  EXPECT_TRUE(StoredBytesMayMatch(Prefix("school/"), bytes + "\x0f"));
  // A stream id whose length runs past the end.
  EXPECT_TRUE(StoredBytesMayMatch(Prefix("school/"), std::string("\x12\x7f"
                                                                 "pupil/",
                                                                 8)));
}

}  // namespace
}  // namespace endeavour::eventstore
