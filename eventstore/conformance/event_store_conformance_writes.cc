// The conformance suite's rules for writing: positions and versions, idempotent retries, refused
// input, atomic batches and concurrent appenders. The fixture is in event_store_conformance.cc.
#include <string>
#include <thread>
#include <vector>

#include "absl/status/status.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_format.h"
#include "eventstore/conformance/event_store_conformance.h"

namespace endeavour::eventstore {
namespace {

using conformance::IsOk;
using conformance::StatusIs;
using ::endeavour::v1::EventEnvelope;
using ::testing::AnyOf;
using ::testing::ElementsAreArray;
using ::testing::HasSubstr;
using ::testing::Ne;
using ::testing::UnorderedElementsAreArray;

// ALREADY_EXISTS, or another error whose message names the reused id.
::testing::Matcher<const absl::Status&> RefusesReusedId(const std::string& event_id) {
  return AnyOf(StatusIs(absl::StatusCode::kAlreadyExists),
               StatusIs(Ne(absl::StatusCode::kOk), HasSubstr(event_id)));
}

}  // namespace

// --- Positions and versions ---

TEST_P(EventStoreConformanceTest, PositionsCountFromOneWithNoGapsAcrossStreams) {
  AppendEvents(kPupil1, 3);
  AppendEvents(kSelfEvaluation, 2, kRatingRecorded, 2);
  AppendEvents(kPupil2, 4, kInterventionDelivered, 3);
  AppendEvents(kPupil1, 2);
  EXPECT_EQ(store().HeadPosition(), 11u);
  EXPECT_THAT(Positions(ReadAllPaged(1, 100)), ElementsAreArray(Range(1, 11)))
      << "positions number the whole log from 1 with no gaps";
}

TEST_P(EventStoreConformanceTest, StreamVersionsCountFromOnePerStream) {
  AppendEvents(kPupil1, 3);
  AppendEvents(kPupil2, 2);
  AppendEvents(kPupil1, 2, kReviewHeld, 2);
  for (const auto& [stream, count] : {std::pair<std::string, uint64_t>{kPupil1, 5},
                                      std::pair<std::string, uint64_t>{kPupil2, 2}}) {
    EXPECT_EQ(VersionOf(stream), count) << stream;
    const std::vector<StoredEvent> events = ReadWholeStream(stream);
    EXPECT_THAT(Versions(events), ElementsAreArray(Range(1, count)))
        << "versions number " << stream << " from 1 with no gaps";
    for (const StoredEvent& e : events) EXPECT_EQ(e.envelope.stream_id(), stream);
  }
}

TEST_P(EventStoreConformanceTest, SingleEventAppendReportsItsPositionAndVersion) {
  AppendEvents(kPupil2, 2);
  AppendEvents(kPupil1, 1);
  absl::StatusOr<AppendResult> r = store().Append(kPupil1, ExpectedVersion::Any(), NewEvents(1));
  ASSERT_THAT(r.status(), IsOk());
  EXPECT_EQ(FieldsOf(*r), ResultFields(4, 4, 2))
      << "(first_position, last_position, stream_version) of a one-event append";
}

TEST_P(EventStoreConformanceTest, BatchAppendReportsItsFirstAndLastPositionAndLastVersion) {
  AppendEvents(kPupil2, 2);
  AppendEvents(kPupil1, 1);
  absl::StatusOr<AppendResult> r = store().Append(kPupil1, ExpectedVersion::Any(), NewEvents(4));
  ASSERT_THAT(r.status(), IsOk());
  EXPECT_EQ(FieldsOf(*r), ResultFields(4, 7, 5))
      << "(first_position, last_position, stream_version) of a four-event append";
}

// --- Idempotent retries ---

TEST_P(EventStoreConformanceTest, RetriedBatchReturnsTheOriginalResultAndWritesNothing) {
  AppendEvents(kPupil2, 1);
  const std::vector<EventEnvelope> batch = NewEvents(3);
  absl::StatusOr<AppendResult> first = store().Append(kPupil1, ExpectedVersion::Any(), batch);
  ASSERT_THAT(first.status(), IsOk());
  AppendEvents(kPupil1, 1);
  AppendEvents(kPupil2, 1);
  absl::StatusOr<AppendResult> retry = store().Append(kPupil1, ExpectedVersion::Any(), batch);
  ASSERT_THAT(retry.status(), IsOk()) << "a retried append must succeed";
  EXPECT_EQ(FieldsOf(*retry), FieldsOf(*first)) << "a retried append returns the original result";
  EXPECT_EQ(store().HeadPosition(), 6u) << "a retried append must write nothing";
  EXPECT_EQ(VersionOf(kPupil1), 4u) << "a retried append must write nothing";
}

TEST_P(EventStoreConformanceTest, RetriedBatchSucceedsEvenWhenItsExpectedVersionNoLongerHolds) {
  const std::vector<EventEnvelope> batch = NewEvents(2);
  absl::StatusOr<AppendResult> first = store().Append(kPupil1, ExpectedVersion::NoStream(), batch);
  ASSERT_THAT(first.status(), IsOk());
  absl::StatusOr<AppendResult> retry = store().Append(kPupil1, ExpectedVersion::NoStream(), batch);
  ASSERT_THAT(retry.status(), IsOk())
      << "a retry must return the original result although the stream now exists";
  EXPECT_EQ(FieldsOf(*retry), FieldsOf(*first));
  EXPECT_EQ(store().HeadPosition(), 2u) << "a retried append must write nothing";
}

TEST_P(EventStoreConformanceTest, RetriedBatchReturnsTheOriginalResultAfterReopen) {
  AppendEvents(kPupil2, 2);
  const std::vector<EventEnvelope> batch = NewEvents(2);
  absl::StatusOr<AppendResult> first = store().Append(kPupil1, ExpectedVersion::NoStream(), batch);
  ASSERT_THAT(first.status(), IsOk());
  ASSERT_NO_FATAL_FAILURE(Reopen());
  absl::StatusOr<AppendResult> retry = store().Append(kPupil1, ExpectedVersion::NoStream(), batch);
  ASSERT_THAT(retry.status(), IsOk()) << "idempotency must outlive the store object";
  EXPECT_EQ(FieldsOf(*retry), FieldsOf(*first));
  EXPECT_EQ(store().HeadPosition(), 4u) << "a retried append must write nothing";
}

TEST_P(EventStoreConformanceTest, ReusedEventIdWithDifferentContentIsRefused) {
  std::vector<EventEnvelope> batch = NewEvents(1);
  ASSERT_THAT(store().Append(kPupil1, ExpectedVersion::Any(), batch).status(), IsOk());
  batch[0].set_payload("a different session note under the same event id");
  ExpectAppendRefused(kPupil1, ExpectedVersion::Any(), batch, RefusesReusedId(batch[0].event_id()),
                      "an event id stored with other content is refused as reused");
}

TEST_P(EventStoreConformanceTest, ReusedEventIdInAnotherStreamIsRefused) {
  const std::vector<EventEnvelope> batch = NewEvents(1);
  ASSERT_THAT(store().Append(kPupil1, ExpectedVersion::Any(), batch).status(), IsOk());
  ExpectAppendRefused(kPupil2, ExpectedVersion::Any(), batch, RefusesReusedId(batch[0].event_id()),
                      "an event id stored in one stream is refused in another");
  EXPECT_EQ(VersionOf(kPupil2), 0u) << "the refused append must not create the other stream";
}

TEST_P(EventStoreConformanceTest, DuplicateEventIdsInOneBatchAreInvalid) {
  AppendEvents(kPupil1, 1);
  std::vector<EventEnvelope> batch = NewEvents(3);
  batch[2].set_event_id(batch[0].event_id());
  ExpectAppendRefused(kPupil1, ExpectedVersion::Any(), batch,
                      StatusIs(absl::StatusCode::kInvalidArgument, HasSubstr("event_id")),
                      "one event id twice in a batch is malformed; the message names event_id");
}

// --- Refused input never changes the log ---

TEST_P(EventStoreConformanceTest, EmptyStreamIdIsInvalid) {
  AppendEvents(kPupil1, 2);
  ExpectAppendRefused("", ExpectedVersion::Any(), NewEvents(1),
                      StatusIs(absl::StatusCode::kInvalidArgument, HasSubstr("stream_id")),
                      "an empty stream id is malformed; the message names stream_id");
}

TEST_P(EventStoreConformanceTest, StreamIdOver256BytesIsInvalid) {
  AppendEvents(kPupil1, 2);
  const std::string long_id = absl::StrCat("pupil/school-1/", std::string(257 - 15, 'p'));
  ASSERT_EQ(long_id.size(), 257u);
  ExpectAppendRefused(long_id, ExpectedVersion::Any(), NewEvents(1),
                      StatusIs(absl::StatusCode::kInvalidArgument, HasSubstr("stream_id")),
                      "a 257-byte stream id is malformed; the message names stream_id");
}

TEST_P(EventStoreConformanceTest, AppendWithoutEventsIsInvalid) {
  AppendEvents(kPupil1, 2);
  ExpectAppendRefused(kPupil1, ExpectedVersion::Any(), std::vector<EventEnvelope>(),
                      StatusIs(absl::StatusCode::kInvalidArgument, HasSubstr("events")),
                      "an append of no events is malformed; the message names events");
}

TEST_P(EventStoreConformanceTest, EventWithoutEventIdIsInvalid) {
  AppendEvents(kPupil1, 2);
  std::vector<EventEnvelope> batch = NewEvents(1);
  batch[0].clear_event_id();
  ExpectAppendRefused(kPupil1, ExpectedVersion::Any(), batch,
                      StatusIs(absl::StatusCode::kInvalidArgument, HasSubstr("event_id")),
                      "an event without an id is malformed; the message names event_id");
}

TEST_P(EventStoreConformanceTest, EventWithoutEventTypeIsInvalid) {
  AppendEvents(kPupil1, 2);
  std::vector<EventEnvelope> batch = NewEvents(1);
  batch[0].clear_event_type();
  ExpectAppendRefused(kPupil1, ExpectedVersion::Any(), batch,
                      StatusIs(absl::StatusCode::kInvalidArgument, HasSubstr("event_type")),
                      "an event without a type is malformed; the message names event_type");
}

TEST_P(EventStoreConformanceTest, EventOverTheSizeLimitIsRefusedNamingTheEvent) {
  AppendEvents(kPupil1, 2);
  std::vector<EventEnvelope> batch = NewEvents(1);
  batch[0].set_payload(std::string(size_t{2} << 20, 'x'));
  ExpectAppendRefused(
      kPupil1, ExpectedVersion::Any(), batch,
      StatusIs(AnyOf(absl::StatusCode::kInvalidArgument, absl::StatusCode::kResourceExhausted),
               AnyOf(HasSubstr("events[0]"), HasSubstr("payload"))),
      "a 2 MiB event exceeds the 1 MiB limit; the message names the event or its payload");
}

// --- Atomic batches ---

TEST_P(EventStoreConformanceTest, BatchThatFailsItsExpectedVersionWritesNoneOfItsEvents) {
  AppendEvents(kPupil1, 2);
  const std::vector<EventEnvelope> batch = NewEvents(3);
  ExpectAppendRefused(kPupil1, ExpectedVersion::Exact(5), batch,
                      StatusIs(absl::StatusCode::kAborted), "Exact(5) fails on a stream at 2");
  EXPECT_EQ(ReadWholeStream(kPupil1).size(), 2u) << "no event of the aborted batch may be stored";
  absl::StatusOr<AppendResult> r = store().Append(kPupil1, ExpectedVersion::Exact(2), batch);
  ASSERT_THAT(r.status(), IsOk()) << "the aborted batch must leave none of its event ids taken";
  EXPECT_EQ(FieldsOf(*r), ResultFields(3, 5, 5));
}

TEST_P(EventStoreConformanceTest, BatchWithALaterInvalidEventWritesNoneOfItsEvents) {
  AppendEvents(kPupil1, 2);
  std::vector<EventEnvelope> batch = NewEvents(3);
  batch[2].clear_event_type();
  ExpectAppendRefused(kPupil1, ExpectedVersion::Any(), batch,
                      StatusIs(absl::StatusCode::kInvalidArgument, HasSubstr("event_type")),
                      "the batch's third event has no type");
  EXPECT_EQ(ReadWholeStream(kPupil1).size(), 2u) << "no event of the refused batch may be stored";
  batch[2].set_event_type(kInterventionDelivered);
  absl::StatusOr<AppendResult> r = store().Append(kPupil1, ExpectedVersion::Exact(2), batch);
  ASSERT_THAT(r.status(), IsOk()) << "the refused batch must leave none of its event ids taken";
  EXPECT_EQ(FieldsOf(*r), ResultFields(3, 5, 5));
}

// --- Concurrent appenders ---

TEST_P(EventStoreConformanceTest, ConcurrentExactAppendsToOneStreamLoseNothing) {
  constexpr int kThreads = 16;
  constexpr int kEventsPerThread = 8;
  std::vector<std::vector<EventEnvelope>> sent(kThreads);
  std::vector<std::thread> threads;
  for (int t = 0; t < kThreads; ++t) {
    sent[t] = NewEvents(kEventsPerThread);
    threads.emplace_back([this, &events = sent[t]] {
      for (const EventEnvelope& event : events) {
        for (int attempt = 0;; ++attempt) {
          ASSERT_LT(attempt, 10000) << "an appender made no progress";
          absl::StatusOr<uint64_t> version = store().StreamVersion(kPupil1);
          ASSERT_THAT(version.status(), IsOk());
          absl::StatusOr<AppendResult> r =
              store().Append(kPupil1, ExpectedVersion::Exact(*version), {event});
          if (r.ok()) break;
          ASSERT_THAT(r.status(), StatusIs(absl::StatusCode::kAborted))
              << "only a version conflict may refuse these appends";
        }
      }
    });
  }
  for (std::thread& thread : threads) thread.join();
  std::vector<std::string> all_ids;
  for (const std::vector<EventEnvelope>& events : sent) {
    for (const std::string& id : EventIds(events)) all_ids.push_back(id);
  }
  constexpr uint64_t kTotal = kThreads * kEventsPerThread;
  EXPECT_EQ(VersionOf(kPupil1), kTotal);
  const std::vector<StoredEvent> stored = ReadWholeStream(kPupil1);
  EXPECT_THAT(Versions(stored), ElementsAreArray(Range(1, kTotal)));
  EXPECT_THAT(EventIds(stored), UnorderedElementsAreArray(all_ids))
      << "every appended event must be stored exactly once";
}

TEST_P(EventStoreConformanceTest, ConcurrentAppendsToManyStreamsLeaveNoGap) {
  constexpr int kThreads = 16;
  constexpr int kAppendsPerThread = 10;
  constexpr int kBatch = 2;
  std::vector<std::thread> threads;
  for (int t = 0; t < kThreads; ++t) {
    threads.emplace_back([this, t] {
      const std::string stream = absl::StrFormat("pupil/school-1/p-%04d", t + 1);
      for (int i = 0; i < kAppendsPerThread; ++i) {
        EXPECT_THAT(
            store().Append(stream, ExpectedVersion::Exact(i * kBatch), NewEvents(kBatch)).status(),
            IsOk())
            << stream << " append " << i;
      }
    });
  }
  for (std::thread& thread : threads) thread.join();
  constexpr uint64_t kTotal = kThreads * kAppendsPerThread * kBatch;
  EXPECT_EQ(store().HeadPosition(), kTotal);
  EXPECT_THAT(Positions(ReadAllPaged(1, 100)), ElementsAreArray(Range(1, kTotal)))
      << "concurrent appends must leave positions 1..head with no gap";
  for (int t = 0; t < kThreads; ++t) {
    const std::string stream = absl::StrFormat("pupil/school-1/p-%04d", t + 1);
    EXPECT_THAT(Versions(ReadWholeStream(stream)),
                ElementsAreArray(Range(1, kAppendsPerThread * kBatch)))
        << stream;
  }
}

}  // namespace endeavour::eventstore
