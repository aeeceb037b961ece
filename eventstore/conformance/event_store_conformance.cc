// The conformance suite's fixture, its helpers and matchers, and the rules of expected versions.
// The other rules are in event_store_conformance_writes.cc and event_store_conformance_reads.cc.
#include "eventstore/conformance/event_store_conformance.h"

#include <stdlib.h>

#include <algorithm>
#include <atomic>
#include <cerrno>
#include <cstring>
#include <filesystem>
#include <utility>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_format.h"
#include "absl/time/clock.h"

namespace endeavour::eventstore {

void PrintTo(const EventStoreFactory& factory, std::ostream* os) { *os << factory.name; }

std::string EventStoreFactoryName(const ::testing::TestParamInfo<EventStoreFactory>& info) {
  return info.param.name;
}

namespace conformance {
namespace {

MATCHER(IsOkStatus, "is OK") { return arg.ok(); }

class StatusIsMatcher {
 public:
  using is_gtest_matcher = void;
  StatusIsMatcher(::testing::Matcher<absl::StatusCode> code,
                  ::testing::Matcher<const std::string&> message)
      : code_(std::move(code)), message_(std::move(message)) {}

  bool MatchAndExplain(const absl::Status& status, std::ostream*) const {
    return code_.Matches(status.code()) && message_.Matches(std::string(status.message()));
  }
  void DescribeTo(std::ostream* os) const {
    *os << "has a code that ";
    code_.DescribeTo(os);
    *os << " and a message that ";
    message_.DescribeTo(os);
  }
  void DescribeNegationTo(std::ostream* os) const {
    *os << "does not have both a code that ";
    code_.DescribeTo(os);
    *os << " and a message that ";
    message_.DescribeTo(os);
  }

 private:
  ::testing::Matcher<absl::StatusCode> code_;
  ::testing::Matcher<const std::string&> message_;
};

class MentionsNumberMatcher {
 public:
  using is_gtest_matcher = void;
  explicit MentionsNumberMatcher(uint64_t number) : digits_(absl::StrCat(number)) {}

  bool MatchAndExplain(const std::string& text, std::ostream*) const {
    auto is_digit = [](char c) { return c >= '0' && c <= '9'; };
    for (size_t at = text.find(digits_); at != std::string::npos; at = text.find(digits_, at + 1)) {
      const size_t end = at + digits_.size();
      if ((at == 0 || !is_digit(text[at - 1])) && (end == text.size() || !is_digit(text[end]))) {
        return true;
      }
    }
    return false;
  }
  void DescribeTo(std::ostream* os) const { *os << "mentions the number " << digits_; }
  void DescribeNegationTo(std::ostream* os) const { *os << "does not mention " << digits_; }

 private:
  std::string digits_;
};

}  // namespace

::testing::Matcher<const absl::Status&> IsOk() { return IsOkStatus(); }

::testing::Matcher<const absl::Status&> StatusIs(::testing::Matcher<absl::StatusCode> code,
                                                 ::testing::Matcher<const std::string&> message) {
  return StatusIsMatcher(std::move(code), std::move(message));
}

::testing::Matcher<const std::string&> MentionsNumber(uint64_t number) {
  return MentionsNumberMatcher(number);
}

}  // namespace conformance

using conformance::IsOk;
using conformance::MentionsNumber;
using conformance::StatusIs;
using ::endeavour::v1::EventEnvelope;
using ::testing::AllOf;
using ::testing::HasSubstr;

void EventStoreConformanceTest::SetUp() {
  std::string pattern = absl::StrCat(::testing::TempDir(), "endeavour-conformance-XXXXXX");
  ASSERT_NE(mkdtemp(pattern.data()), nullptr)
      << "mkdtemp(" << pattern << "): " << std::strerror(errno);
  dir_ = pattern;
  ASSERT_TRUE(GetParam().open) << "factory " << GetParam().name << " has no open function";
  ASSERT_NO_FATAL_FAILURE(Reopen());
}

void EventStoreConformanceTest::TearDown() {
  store_.reset();
  if (dir_.empty()) return;
  std::error_code error;
  std::filesystem::remove_all(dir_, error);
  EXPECT_FALSE(error) << "removing " << dir_ << ": " << error.message();
}

void EventStoreConformanceTest::Close() { store_.reset(); }

void EventStoreConformanceTest::Reopen() {
  store_.reset();
  absl::StatusOr<std::unique_ptr<EventStore>> opened = GetParam().open(dir_);
  ASSERT_THAT(opened.status(), IsOk()) << "opening the store in " << dir_;
  store_ = *std::move(opened);
}

EventEnvelope EventStoreConformanceTest::NewEvent(const std::string& type) {
  static std::atomic<uint64_t> next_id{1};
  const uint64_t n = next_id.fetch_add(1);
  EventEnvelope event;
  event.set_event_id(absl::StrFormat("5f0c2a9e-7b4d-4e8a-9c1f-%012d", n));
  event.set_event_type(type);
  event.set_tenant("school-1");
  event.mutable_actor()->set_id("staff/1042");
  event.mutable_actor()->set_role(endeavour::v1::ROLE_SENCO);
  event.mutable_occurred_on()->set_year(2024);
  event.mutable_occurred_on()->set_month(3);
  event.mutable_occurred_on()->set_day(3);
  event.set_correlation_id(absl::StrFormat("req-%d", n));
  event.set_payload(absl::StrCat(
      "session ", n,
      ": small-group phonics (wave 2) delivered by a trained teaching assistant; 20 minutes; "
      "pupil attended and engaged well; blending CVC words improved from 6/10 to 8/10; next "
      "session to introduce consonant digraphs; no concerns raised by parents this week."));
  return event;
}

std::vector<EventEnvelope> EventStoreConformanceTest::NewEvents(int count,
                                                                const std::string& type) {
  std::vector<EventEnvelope> events;
  for (int i = 0; i < count; ++i) events.push_back(NewEvent(type));
  return events;
}

std::vector<EventEnvelope> EventStoreConformanceTest::AppendEvents(const std::string& stream,
                                                                   int count,
                                                                   const std::string& type,
                                                                   int per_append) {
  std::vector<EventEnvelope> sent;
  while (static_cast<int>(sent.size()) < count) {
    std::vector<EventEnvelope> batch =
        NewEvents(std::min(per_append, count - static_cast<int>(sent.size())), type);
    absl::StatusOr<AppendResult> result = store().Append(stream, ExpectedVersion::Any(), batch);
    if (!result.ok()) {
      ADD_FAILURE() << "appending " << batch.size() << " events to " << stream << ": "
                    << result.status();
      break;
    }
    sent.insert(sent.end(), batch.begin(), batch.end());
  }
  return sent;
}

void EventStoreConformanceTest::ExpectAppendRefused(
    const std::string& stream, ExpectedVersion expected, std::vector<EventEnvelope> events,
    const ::testing::Matcher<const absl::Status&>& refusal, const std::string& rule,
    std::source_location where) {
  ::testing::ScopedTrace trace(where.file_name(), static_cast<int>(where.line()), rule);
  const uint64_t head = store().HeadPosition();
  const std::string root = store().CurrentTreeHead().root_hash;
  const absl::StatusOr<uint64_t> version = store().StreamVersion(stream);
  EXPECT_THAT(store().Append(stream, expected, std::move(events)).status(), refusal);
  EXPECT_EQ(store().HeadPosition(), head) << "a refused append must write nothing";
  EXPECT_TRUE(store().CurrentTreeHead().root_hash == root) << "a refused append moved the root";
  if (version.ok()) {
    EXPECT_EQ(store().StreamVersion(stream).value_or(0), *version)
        << "a refused append must not change " << stream;
  }
}

uint64_t EventStoreConformanceTest::VersionOf(const std::string& stream) {
  absl::StatusOr<uint64_t> version = store().StreamVersion(stream);
  EXPECT_THAT(version.status(), IsOk()) << "StreamVersion(" << stream << ")";
  return version.value_or(0);
}

std::vector<StoredEvent> EventStoreConformanceTest::ReadWholeStream(const std::string& stream) {
  std::vector<StoredEvent> events;
  uint64_t from = 1;
  for (int pages = 0; pages < 100000; ++pages) {
    absl::StatusOr<StreamPage> page =
        store().ReadStream(stream, from, ReadDirection::kForwards, 100);
    if (!page.ok()) {
      ADD_FAILURE() << "ReadStream(" << stream << ", " << from << "): " << page.status();
      break;
    }
    for (StoredEvent& event : page->events) events.push_back(std::move(event));
    if (page->end_of_stream) break;
    if (page->next_version <= from) {
      ADD_FAILURE() << "ReadStream(" << stream << ", " << from
                    << ") made no progress: next_version " << page->next_version;
      break;
    }
    from = page->next_version;
  }
  return events;
}

std::vector<StoredEvent> EventStoreConformanceTest::ReadAllPaged(uint64_t from, size_t page_size,
                                                                 const EventFilter& filter) {
  std::vector<StoredEvent> events;
  for (int pages = 0; pages < 100000; ++pages) {
    absl::StatusOr<LogPage> page = store().ReadAll(from, page_size, filter);
    if (!page.ok()) {
      ADD_FAILURE() << "ReadAll(" << from << ", " << page_size << "): " << page.status();
      break;
    }
    EXPECT_LE(page->events.size(), page_size) << "ReadAll returned more than max_count";
    for (StoredEvent& event : page->events) events.push_back(std::move(event));
    if (page->next_position > page->head_position) break;
    if (page->next_position <= from) {
      ADD_FAILURE() << "ReadAll(" << from << ") made no progress: next_position "
                    << page->next_position << ", head_position " << page->head_position;
      break;
    }
    from = page->next_position;
  }
  return events;
}

std::vector<StoredEvent> EventStoreConformanceTest::ReadSubscriptionUntil(
    Subscription& subscription, uint64_t checkpoint, absl::Duration pause) {
  std::vector<StoredEvent> events;
  uint64_t reached = 0;
  const absl::Time deadline = absl::Now() + absl::Seconds(60);
  while (reached < checkpoint) {
    if (absl::Now() > deadline) {
      ADD_FAILURE() << "the subscription reached checkpoint " << reached << ", not " << checkpoint
                    << ", within 60 seconds";
      break;
    }
    absl::StatusOr<SubscriptionBatch> batch = subscription.Next(absl::Milliseconds(200));
    if (!batch.ok()) {
      ADD_FAILURE() << "Next after checkpoint " << reached << ": " << batch.status();
      break;
    }
    EXPECT_GE(batch->checkpoint, reached) << "a subscription's checkpoint never goes back";
    for (StoredEvent& event : batch->events) {
      EXPECT_LE(event.envelope.position(), batch->checkpoint)
          << "an event lies past its batch's checkpoint";
      events.push_back(std::move(event));
    }
    reached = std::max(reached, batch->checkpoint);
    absl::SleepFor(pause);
  }
  return events;
}

EventStoreConformanceTest::ResultFields EventStoreConformanceTest::FieldsOf(
    const AppendResult& result) {
  return {result.first_position, result.last_position, result.stream_version};
}

std::vector<uint64_t> EventStoreConformanceTest::Positions(const std::vector<StoredEvent>& events) {
  std::vector<uint64_t> positions;
  for (const StoredEvent& event : events) positions.push_back(event.envelope.position());
  return positions;
}

std::vector<uint64_t> EventStoreConformanceTest::Versions(const std::vector<StoredEvent>& events) {
  std::vector<uint64_t> versions;
  for (const StoredEvent& event : events) versions.push_back(event.envelope.stream_version());
  return versions;
}

std::vector<std::string> EventStoreConformanceTest::EventIds(
    const std::vector<StoredEvent>& events) {
  std::vector<std::string> ids;
  for (const StoredEvent& event : events) ids.push_back(event.envelope.event_id());
  return ids;
}

std::vector<std::string> EventStoreConformanceTest::EventIds(
    const std::vector<EventEnvelope>& events) {
  std::vector<std::string> ids;
  for (const EventEnvelope& event : events) ids.push_back(event.event_id());
  return ids;
}

std::vector<uint64_t> EventStoreConformanceTest::Range(uint64_t first, uint64_t last) {
  std::vector<uint64_t> values;
  for (uint64_t v = first; v != last; v = first < last ? v + 1 : v - 1) values.push_back(v);
  values.push_back(last);
  return values;
}

// --- Expected versions ---

TEST_P(EventStoreConformanceTest, AnyAppendsToANewStream) {
  absl::StatusOr<AppendResult> r = store().Append(kPupil1, ExpectedVersion::Any(), NewEvents(1));
  ASSERT_THAT(r.status(), IsOk()) << "Any must accept a stream that does not exist";
  EXPECT_EQ(r->stream_version, 1u);
}

TEST_P(EventStoreConformanceTest, AnyAppendsToAnExistingStream) {
  AppendEvents(kPupil1, 2);
  absl::StatusOr<AppendResult> r = store().Append(kPupil1, ExpectedVersion::Any(), NewEvents(1));
  ASSERT_THAT(r.status(), IsOk()) << "Any must accept a stream at version 2";
  EXPECT_EQ(r->stream_version, 3u);
}

TEST_P(EventStoreConformanceTest, NoStreamAppendsToANewStream) {
  absl::StatusOr<AppendResult> r =
      store().Append(kPupil1, ExpectedVersion::NoStream(), NewEvents(1));
  ASSERT_THAT(r.status(), IsOk()) << "NoStream must accept a stream that does not exist";
  EXPECT_EQ(r->stream_version, 1u);
}

TEST_P(EventStoreConformanceTest, NoStreamOnAnExistingStreamIsAbortedNamingBothVersions) {
  AppendEvents(kPupil1, 3);
  ExpectAppendRefused(
      kPupil1, ExpectedVersion::NoStream(), NewEvents(1),
      StatusIs(absl::StatusCode::kAborted,
               AllOf(HasSubstr(ExpectedVersion::NoStream().ToString()), MentionsNumber(3))),
      "the message must give the expected version (no stream) and the actual one (3)");
}

TEST_P(EventStoreConformanceTest, StreamExistsOnANewStreamIsAborted) {
  EXPECT_THAT(store().Append(kPupil1, ExpectedVersion::StreamExists(), NewEvents(1)).status(),
              StatusIs(absl::StatusCode::kAborted));
  EXPECT_EQ(store().HeadPosition(), 0u) << "an aborted append must write nothing";
  EXPECT_EQ(VersionOf(kPupil1), 0u) << "an aborted append must not create the stream";
}

TEST_P(EventStoreConformanceTest, StreamExistsAppendsToAnExistingStream) {
  AppendEvents(kPupil1, 1);
  absl::StatusOr<AppendResult> r =
      store().Append(kPupil1, ExpectedVersion::StreamExists(), NewEvents(1));
  ASSERT_THAT(r.status(), IsOk()) << "StreamExists must accept a stream at version 1";
  EXPECT_EQ(r->stream_version, 2u);
}

TEST_P(EventStoreConformanceTest, ExactVersionThatMatchesAppends) {
  AppendEvents(kPupil1, 4);
  absl::StatusOr<AppendResult> r = store().Append(kPupil1, ExpectedVersion::Exact(4), NewEvents(2));
  ASSERT_THAT(r.status(), IsOk()) << "Exact(4) must accept a stream at version 4";
  EXPECT_EQ(r->stream_version, 6u);
}

TEST_P(EventStoreConformanceTest, ExactVersionThatDiffersIsAbortedNamingBothVersions) {
  AppendEvents(kPupil1, 3);
  ExpectAppendRefused(
      kPupil1, ExpectedVersion::Exact(7), NewEvents(1),
      StatusIs(absl::StatusCode::kAborted, AllOf(MentionsNumber(7), MentionsNumber(3))),
      "the message must give the expected version (7) and the actual one (3)");
}

TEST_P(EventStoreConformanceTest, ExactZeroBehavesLikeNoStream) {
  absl::StatusOr<AppendResult> r = store().Append(kPupil1, ExpectedVersion::Exact(0), NewEvents(1));
  ASSERT_THAT(r.status(), IsOk()) << "Exact(0) must accept a stream that does not exist";
  EXPECT_EQ(r->stream_version, 1u);
  ExpectAppendRefused(kPupil1, ExpectedVersion::Exact(0), NewEvents(1),
                      StatusIs(absl::StatusCode::kAborted),
                      "Exact(0) must refuse a stream that exists, as NoStream does");
}

TEST_P(EventStoreConformanceTest, UnknownExpectedVersionFormIsInvalidAndChangesNothing) {
  AppendEvents(kPupil1, 2);
  const ExpectedVersion unknown =
      ExpectedVersion::FromParts(static_cast<ExpectedVersion::Form>(42), 0);
  ExpectAppendRefused(
      kPupil1, unknown, NewEvents(1),
      StatusIs(absl::StatusCode::kInvalidArgument, HasSubstr("expected")),
      "an unknown expected-version form is malformed input; the message names the field");
}

}  // namespace endeavour::eventstore
