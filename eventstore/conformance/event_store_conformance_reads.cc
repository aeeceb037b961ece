// The conformance suite's rules for reading: what reads return, paging, filters, subscriptions,
// reopening, and the Merkle log. The fixture is in event_store_conformance.cc.
#include <google/protobuf/util/message_differencer.h>

#include <optional>
#include <source_location>
#include <string>
#include <thread>
#include <vector>

#include "absl/status/status.h"
#include "absl/strings/escaping.h"
#include "absl/strings/match.h"
#include "absl/time/clock.h"
#include "absl/time/time.h"
#include "eventstore/conformance/event_store_conformance.h"

namespace endeavour::eventstore {
namespace {

using conformance::IsOk;
using conformance::MentionsNumber;
using conformance::StatusIs;
using ::endeavour::v1::EventEnvelope;
using ::google::protobuf::util::MessageDifferencer;
using ::testing::AllOf;
using ::testing::ElementsAre;
using ::testing::ElementsAreArray;
using ::testing::HasSubstr;
using ::testing::IsEmpty;

using Test = EventStoreConformanceTest;

// SHA-256 of the empty string: the RFC 6962 root of an empty tree.
constexpr char kEmptyTreeRootHex[] =
    "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855";

// Thirty events, round-robin over five streams and three types, so that every stream meets every
// type and the filters below have something to leave out. "pupil/school-10/" tempts a careless
// prefix match for "pupil/school-1/".
constexpr int kMixedLogSize = 30;
const char* const kMixedStreams[] = {Test::kPupil1, Test::kSchool10Pupil, Test::kPupil2,
                                     Test::kSchool2Pupil, Test::kSelfEvaluation};
const char* const kMixedTypes[] = {Test::kInterventionDelivered, Test::kReviewHeld,
                                   Test::kNeedIdentified};

// The positions of the events in `all` that `filter` should let through.
std::vector<uint64_t> MatchingPositions(const std::vector<StoredEvent>& all,
                                        const EventFilter& filter) {
  std::vector<uint64_t> positions;
  for (const StoredEvent& e : all) {
    const bool type_matches = filter.event_types.empty() ||
                              std::find(filter.event_types.begin(), filter.event_types.end(),
                                        e.envelope.event_type()) != filter.event_types.end();
    if (absl::StartsWith(e.envelope.stream_id(), filter.stream_prefix) && type_matches) {
      positions.push_back(e.envelope.position());
    }
  }
  return positions;
}

// Checks a page of one stream: its versions, and (unless it ends the stream) the next version.
void ExpectStreamPage(const absl::StatusOr<StreamPage>& page, const std::vector<uint64_t>& versions,
                      std::optional<uint64_t> next_version,
                      std::source_location where = std::source_location::current()) {
  ::testing::ScopedTrace trace(where.file_name(), static_cast<int>(where.line()), "stream page");
  ASSERT_THAT(page.status(), IsOk());
  EXPECT_THAT(EventStoreConformanceTest::Versions(page->events), ElementsAreArray(versions));
  EXPECT_EQ(page->end_of_stream, !next_version.has_value()) << "end_of_stream";
  if (next_version.has_value()) {
    EXPECT_EQ(page->next_version, *next_version) << "next_version";
  }
}

// Checks a page of the whole log: its positions, next_position and head_position.
void ExpectLogPage(const absl::StatusOr<LogPage>& page, const std::vector<uint64_t>& positions,
                   uint64_t next_position, uint64_t head_position,
                   std::source_location where = std::source_location::current()) {
  ::testing::ScopedTrace trace(where.file_name(), static_cast<int>(where.line()), "log page");
  ASSERT_THAT(page.status(), IsOk());
  EXPECT_THAT(EventStoreConformanceTest::Positions(page->events), ElementsAreArray(positions));
  EXPECT_EQ(page->next_position, next_position) << "next_position";
  EXPECT_EQ(page->head_position, head_position) << "head_position";
}

}  // namespace

// --- What reads return ---

TEST_P(EventStoreConformanceTest, ReadEventsCarryTheFieldsTheStoreAssigns) {
  AppendEvents(kPupil2, 1);
  const std::vector<EventEnvelope> sent = NewEvents(2, kReviewHeld);
  const absl::Time before = absl::Now();
  ASSERT_THAT(store().Append(kPupil1, ExpectedVersion::NoStream(), sent).status(), IsOk());
  const absl::Time after = absl::Now();
  const std::vector<StoredEvent> read = ReadWholeStream(kPupil1);
  ASSERT_EQ(read.size(), 2u);
  for (size_t i = 0; i < read.size(); ++i) {
    const EventEnvelope& e = read[i].envelope;
    EXPECT_EQ(e.position(), i + 2) << "position of event " << i;
    EXPECT_EQ(e.stream_id(), kPupil1) << "stream_id of event " << i;
    EXPECT_EQ(e.stream_version(), i + 1) << "stream_version of event " << i;
    const absl::Time recorded_at = absl::FromUnixSeconds(e.recorded_at().seconds()) +
                                   absl::Nanoseconds(e.recorded_at().nanos());
    EXPECT_GE(recorded_at, before - absl::Seconds(1)) << "recorded_at is the clock at the append";
    EXPECT_LE(recorded_at, after + absl::Seconds(1)) << "recorded_at is the clock at the append";
    EventEnvelope callers_part = e;
    callers_part.clear_position();
    callers_part.clear_stream_id();
    callers_part.clear_stream_version();
    callers_part.clear_recorded_at();
    EXPECT_TRUE(MessageDifferencer::Equals(callers_part, sent[i]))
        << "the store must keep every field the caller set\n read: " << e.ShortDebugString()
        << "\n sent: " << sent[i].ShortDebugString();
  }
}

TEST_P(EventStoreConformanceTest, StoredBytesParseToTheReturnedEnvelope) {
  AppendEvents(kPupil1, 3, kInterventionDelivered, 3);
  AppendEvents(kSelfEvaluation, 1, kRatingRecorded);
  const std::vector<StoredEvent> events = ReadAllPaged(1, 10);
  ASSERT_EQ(events.size(), 4u);
  for (const StoredEvent& e : events) {
    EventEnvelope parsed;
    ASSERT_TRUE(parsed.ParseFromString(e.bytes))
        << "the stored bytes of position " << e.envelope.position() << " do not parse";
    EXPECT_TRUE(MessageDifferencer::Equals(parsed, e.envelope))
        << "the stored bytes of position " << e.envelope.position()
        << " differ from the envelope returned\n parsed: " << parsed.ShortDebugString()
        << "\n returned: " << e.envelope.ShortDebugString();
  }
}

TEST_P(EventStoreConformanceTest, EnvelopesOnlyReadsTheSameEnvelopesWithoutTheirBytes) {
  AppendEvents(kPupil1, 3, kInterventionDelivered, 3);
  AppendEvents(kSelfEvaluation, 1, kRatingRecorded);
  EventFilter envelopes_only;
  envelopes_only.envelopes_only = true;
  absl::StatusOr<LogPage> page = store().ReadAll(1, 10, envelopes_only);
  ASSERT_THAT(page.status(), IsOk());
  absl::StatusOr<std::unique_ptr<Subscription>> sub = store().Subscribe(1, envelopes_only);
  ASSERT_THAT(sub.status(), IsOk());
  const std::vector<StoredEvent> subscribed = ReadSubscriptionUntil(**sub, 4);
  const std::vector<StoredEvent> whole = ReadAllPaged(1, 10);
  ASSERT_EQ(whole.size(), 4u);
  ASSERT_EQ(page->events.size(), 4u);
  ASSERT_EQ(subscribed.size(), 4u);
  for (size_t i = 0; i < whole.size(); ++i) {
    EXPECT_FALSE(whole[i].bytes.empty());
    for (const StoredEvent* e : std::vector<const StoredEvent*>{&page->events[i], &subscribed[i]}) {
      EXPECT_TRUE(e->bytes.empty()) << "position " << e->envelope.position();
      EXPECT_TRUE(MessageDifferencer::Equals(e->envelope, whole[i].envelope))
          << "read: " << e->envelope.ShortDebugString()
          << "\n with bytes: " << whole[i].envelope.ShortDebugString();
    }
  }
}

// --- Paging ---

TEST_P(EventStoreConformanceTest, ReadStreamForwardsPagesThroughTheStream) {
  AppendEvents(kPupil1, 25, kInterventionDelivered, 5);
  AppendEvents(kPupil2, 3);
  const ReadDirection forwards = ReadDirection::kForwards;
  ExpectStreamPage(store().ReadStream(kPupil1, 1, forwards, 10), Range(1, 10), 11);
  ExpectStreamPage(store().ReadStream(kPupil1, 11, forwards, 10), Range(11, 20), 21);
  ExpectStreamPage(store().ReadStream(kPupil1, 21, forwards, 10), Range(21, 25), std::nullopt);
}

TEST_P(EventStoreConformanceTest, ReadStreamBackwardsFromEndOfStreamPagesToTheFirstEvent) {
  AppendEvents(kPupil1, 25, kInterventionDelivered, 5);
  AppendEvents(kPupil2, 3);
  const ReadDirection backwards = ReadDirection::kBackwards;
  ExpectStreamPage(store().ReadStream(kPupil1, EventStore::kEndOfStream, backwards, 10),
                   Range(25, 16), 15);
  ExpectStreamPage(store().ReadStream(kPupil1, 15, backwards, 10), Range(15, 6), 5);
  ExpectStreamPage(store().ReadStream(kPupil1, 5, backwards, 10), Range(5, 1), std::nullopt);
}

TEST_P(EventStoreConformanceTest, ReadingAMissingStreamIsEmpty) {
  AppendEvents(kPupil1, 2);
  ExpectStreamPage(store().ReadStream(kPupil2, 1, ReadDirection::kForwards, 10), {}, std::nullopt);
  ExpectStreamPage(
      store().ReadStream(kPupil2, EventStore::kEndOfStream, ReadDirection::kBackwards, 10), {},
      std::nullopt);
}

TEST_P(EventStoreConformanceTest, ReadAllPagesThroughTheLogFromPositionOne) {
  for (int i = 0; i < 25; ++i) AppendEvents(kMixedStreams[i % 3], 1);
  ExpectLogPage(store().ReadAll(1, 10, {}), Range(1, 10), 11, 25);
  ExpectLogPage(store().ReadAll(11, 10, {}), Range(11, 20), 21, 25);
  ExpectLogPage(store().ReadAll(21, 10, {}), Range(21, 25), 26, 25);
}

TEST_P(EventStoreConformanceTest, ReadAllStartsFromTheMiddle) {
  for (int i = 0; i < 25; ++i) AppendEvents(kMixedStreams[i % 3], 1);
  ExpectLogPage(store().ReadAll(13, 5, {}), Range(13, 17), 18, 25);
  EXPECT_THAT(Positions(ReadAllPaged(18, 5)), ElementsAreArray(Range(18, 25)));
}

TEST_P(EventStoreConformanceTest, ReadAllWithAStreamPrefixReturnsExactlyThatPrefix) {
  for (int i = 0; i < kMixedLogSize; ++i) AppendEvents(kMixedStreams[i % 5], 1, kMixedTypes[i % 3]);
  EventFilter filter;
  filter.stream_prefix = "pupil/school-1/";
  const std::vector<uint64_t> expected = MatchingPositions(ReadAllPaged(1, 100), filter);
  ASSERT_EQ(expected.size(), 12u) << "the mixed log holds 12 events under pupil/school-1/";
  EXPECT_THAT(Positions(ReadAllPaged(1, 3, filter)), ElementsAreArray(expected))
      << "the events of pupil/school-1/ (not school-10), in order, each once";
}

TEST_P(EventStoreConformanceTest, ReadAllWithEventTypesReturnsExactlyThoseTypes) {
  for (int i = 0; i < kMixedLogSize; ++i) AppendEvents(kMixedStreams[i % 5], 1, kMixedTypes[i % 3]);
  EventFilter filter;
  filter.event_types = {kReviewHeld, kNeedIdentified};
  const std::vector<uint64_t> expected = MatchingPositions(ReadAllPaged(1, 100), filter);
  ASSERT_EQ(expected.size(), 20u) << "the mixed log holds 20 reviews and needs";
  EXPECT_THAT(Positions(ReadAllPaged(1, 3, filter)), ElementsAreArray(expected))
      << "the ReviewHeld and NeedIdentified events, in order, each once";
}

TEST_P(EventStoreConformanceTest, ReadAllWithPrefixAndTypesReturnsEventsMatchingBoth) {
  for (int i = 0; i < kMixedLogSize; ++i) AppendEvents(kMixedStreams[i % 5], 1, kMixedTypes[i % 3]);
  const EventFilter filter{.stream_prefix = "pupil/", .event_types = {kReviewHeld}};
  const std::vector<uint64_t> expected = MatchingPositions(ReadAllPaged(1, 100), filter);
  ASSERT_EQ(expected.size(), 8u) << "the mixed log holds 8 reviews in pupil streams";
  EXPECT_THAT(Positions(ReadAllPaged(1, 3, filter)), ElementsAreArray(expected))
      << "the ReviewHeld events of pupil streams, in order, each once";
}

// --- Subscriptions ---

TEST_P(EventStoreConformanceTest, SubscriptionFromOneDeliversStoredThenLiveEvents) {
  AppendEvents(kPupil1, 5, kInterventionDelivered, 5);
  absl::StatusOr<std::unique_ptr<Subscription>> sub = store().Subscribe(1, {});
  ASSERT_THAT(sub.status(), IsOk());
  EXPECT_THAT(Positions(ReadSubscriptionUntil(**sub, 5)), ElementsAreArray(Range(1, 5)))
      << "first the stored events";
  AppendEvents(kPupil2, 3);
  EXPECT_THAT(Positions(ReadSubscriptionUntil(**sub, 8)), ElementsAreArray(Range(6, 8)))
      << "then the live ones";
}

TEST_P(EventStoreConformanceTest, SubscriptionHandsOverFromCatchUpToLiveWithoutGapOrDuplicate) {
  constexpr int kStored = 300;
  constexpr int kAppenders = 4;
  constexpr int kAppendsEach = 60;
  AppendEvents(kPupil1, kStored, kInterventionDelivered, 30);
  absl::StatusOr<std::unique_ptr<Subscription>> sub = store().Subscribe(1, {});
  ASSERT_THAT(sub.status(), IsOk());
  std::vector<std::thread> appenders;
  for (int t = 0; t < kAppenders; ++t) {
    appenders.emplace_back(
        [this, t] { AppendEvents(kMixedStreams[t + 1], kAppendsEach * 2, kReviewHeld, 2); });
  }
  constexpr uint64_t kTotal = kStored + kAppenders * kAppendsEach * 2;
  const std::vector<StoredEvent> got = ReadSubscriptionUntil(**sub, kTotal);
  for (std::thread& appender : appenders) appender.join();
  EXPECT_EQ(store().HeadPosition(), kTotal);
  EXPECT_THAT(Positions(got), ElementsAreArray(Range(1, kTotal)))
      << "every position exactly once, in order, across the move from disk to live";
}

TEST_P(EventStoreConformanceTest, SubscriptionFromTheMiddleStartsThere) {
  AppendEvents(kPupil1, 10);
  absl::StatusOr<std::unique_ptr<Subscription>> sub = store().Subscribe(6, {});
  ASSERT_THAT(sub.status(), IsOk());
  EXPECT_THAT(Positions(ReadSubscriptionUntil(**sub, 10)), ElementsAreArray(Range(6, 10)));
}

TEST_P(EventStoreConformanceTest, FilteredSubscriptionDeliversOnlyMatchesAndAdvancesItsCheckpoint) {
  for (int i = 0; i < 10; ++i) {
    AppendEvents(i % 2 == 0 ? kPupil1 : kSelfEvaluation, 1,
                 i % 2 == 0 ? kInterventionDelivered : kRatingRecorded);
  }
  EventFilter pupils_only;
  pupils_only.stream_prefix = "pupil/";
  absl::StatusOr<std::unique_ptr<Subscription>> sub = store().Subscribe(1, pupils_only);
  ASSERT_THAT(sub.status(), IsOk());
  EXPECT_THAT(Positions(ReadSubscriptionUntil(**sub, 10)), ElementsAre(1u, 3u, 5u, 7u, 9u))
      << "only pupil events, and the checkpoint must pass the unmatched event at 10";
}

TEST_P(EventStoreConformanceTest, CaughtUpNextReturnsAnEmptyBatchAfterTheTimeout) {
  AppendEvents(kPupil1, 3);
  absl::StatusOr<std::unique_ptr<Subscription>> sub = store().Subscribe(1, {});
  ASSERT_THAT(sub.status(), IsOk());
  ReadSubscriptionUntil(**sub, 3);
  const absl::Time start = absl::Now();
  absl::StatusOr<SubscriptionBatch> batch = (*sub)->Next(absl::Milliseconds(300));
  const absl::Duration waited = absl::Now() - start;
  ASSERT_THAT(batch.status(), IsOk());
  EXPECT_THAT(Positions(batch->events), IsEmpty());
  EXPECT_TRUE(batch->caught_up) << "an empty batch at the head is caught up";
  EXPECT_EQ(batch->checkpoint, 3u);
  EXPECT_GE(waited, absl::Milliseconds(250)) << "Next waits about its timeout for new events";
  EXPECT_LT(waited, absl::Seconds(2)) << "Next returns about when its timeout passes";
}

TEST_P(EventStoreConformanceTest, CancelWakesABlockedNextPromptly) {
  absl::StatusOr<std::unique_ptr<Subscription>> sub = store().Subscribe(1, {});
  ASSERT_THAT(sub.status(), IsOk());
  Subscription& subscription = **sub;
  std::thread canceller([&subscription] {
    absl::SleepFor(absl::Milliseconds(100));
    subscription.Cancel();
  });
  const absl::Time start = absl::Now();
  absl::StatusOr<SubscriptionBatch> batch = subscription.Next(absl::Seconds(30));
  const absl::Duration waited = absl::Now() - start;
  canceller.join();
  EXPECT_THAT(batch.status(), StatusIs(absl::StatusCode::kCancelled));
  EXPECT_LT(waited, absl::Milliseconds(800)) << "Cancel must wake a waiting Next well within 1s";
  EXPECT_THAT(subscription.Next(absl::Milliseconds(10)).status(),
              StatusIs(absl::StatusCode::kCancelled))
      << "a cancelled subscription stays cancelled";
}

TEST_P(EventStoreConformanceTest, SlowSubscriberMissesNothing) {
  constexpr int kEvents = 4000;
  absl::StatusOr<std::unique_ptr<Subscription>> sub = store().Subscribe(1, {});
  ASSERT_THAT(sub.status(), IsOk());
  std::thread appender([this] { AppendEvents(kPupil1, kEvents, kInterventionDelivered, 50); });
  const std::vector<StoredEvent> got =
      ReadSubscriptionUntil(**sub, kEvents, /*pause=*/absl::Milliseconds(20));
  appender.join();
  EXPECT_THAT(Positions(got), ElementsAreArray(Range(1, kEvents)))
      << "a subscriber that falls behind must still get every event once, in order";
}

// --- Reopening ---

TEST_P(EventStoreConformanceTest, ReopenKeepsEveryEventTheHeadTheVersionsAndTheTreeHead) {
  AppendEvents(kPupil1, 4, kInterventionDelivered, 2);
  AppendEvents(kPupil2, 3, kReviewHeld);
  AppendEvents(kSelfEvaluation, 2, kRatingRecorded);
  const std::vector<StoredEvent> before = ReadAllPaged(1, 100);
  const EventStore::TreeHead tree_before = store().CurrentTreeHead();
  ASSERT_NO_FATAL_FAILURE(Reopen());
  EXPECT_EQ(store().HeadPosition(), 9u);
  EXPECT_EQ(VersionOf(kPupil1), 4u);
  EXPECT_EQ(VersionOf(kPupil2), 3u);
  EXPECT_EQ(VersionOf(kSelfEvaluation), 2u);
  const EventStore::TreeHead tree_after = store().CurrentTreeHead();
  EXPECT_EQ(tree_after.tree_size, tree_before.tree_size);
  EXPECT_EQ(absl::BytesToHexString(tree_after.root_hash),
            absl::BytesToHexString(tree_before.root_hash));
  const std::vector<StoredEvent> after = ReadAllPaged(1, 100);
  ASSERT_EQ(after.size(), before.size());
  for (size_t i = 0; i < after.size(); ++i) {
    EXPECT_TRUE(after[i].bytes == before[i].bytes) << "position " << i + 1 << " changed on reopen";
  }
}

TEST_P(EventStoreConformanceTest, AppendsAfterReopenContinueTheNumbering) {
  AppendEvents(kPupil2, 2);
  AppendEvents(kPupil1, 3);
  ASSERT_NO_FATAL_FAILURE(Reopen());
  absl::StatusOr<AppendResult> r = store().Append(kPupil1, ExpectedVersion::Exact(3), NewEvents(1));
  ASSERT_THAT(r.status(), IsOk());
  EXPECT_EQ(FieldsOf(*r), ResultFields(6, 6, 4));
}

// --- The Merkle log ---

TEST_P(EventStoreConformanceTest, EmptyStoreHasTheEmptyTreeHead) {
  const EventStore::TreeHead head = store().CurrentTreeHead();
  EXPECT_EQ(head.tree_size, 0u);
  EXPECT_EQ(absl::BytesToHexString(head.root_hash), kEmptyTreeRootHex)
      << "the root of an empty log is SHA-256 of the empty string";
}

TEST_P(EventStoreConformanceTest, TreeSizeFollowsTheHeadPosition) {
  std::string previous_root = store().CurrentTreeHead().root_hash;
  for (int batch : {1, 2, 5}) {
    AppendEvents(kPupil1, batch, kInterventionDelivered, batch);
    const EventStore::TreeHead head = store().CurrentTreeHead();
    EXPECT_EQ(head.tree_size, store().HeadPosition());
    EXPECT_EQ(head.root_hash.size(), 32u) << "a SHA-256 root";
    EXPECT_NE(head.root_hash, previous_root) << "the root must change when events are added";
    previous_root = head.root_hash;
  }
}

TEST_P(EventStoreConformanceTest, VerifyPassesOnAHealthyStore) {
  EXPECT_THAT(store().Verify(), IsOk()) << "an empty store";
  AppendEvents(kPupil1, 7, kInterventionDelivered, 3);
  AppendEvents(kSelfEvaluation, 4, kRatingRecorded);
  EXPECT_THAT(store().Verify(), IsOk()) << "a store of 11 events";
}

TEST_P(EventStoreConformanceTest, VerifyReportsTheCorruptedPosition) {
  if (!GetParam().corrupt_event) GTEST_SKIP() << GetParam().name << " cannot corrupt an event";
  AppendEvents(kPupil1, 10);
  Close();
  ASSERT_THAT(GetParam().corrupt_event(dir(), 3), IsOk()) << "corrupting position 3";
  ASSERT_NO_FATAL_FAILURE(Reopen());
  EXPECT_THAT(store().Verify(), StatusIs(absl::StatusCode::kDataLoss,
                                         AllOf(HasSubstr("position"), MentionsNumber(3))))
      << "Verify must report the altered event's position";
}

}  // namespace endeavour::eventstore
