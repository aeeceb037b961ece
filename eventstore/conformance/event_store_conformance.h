// The conformance suite: what it means to be an EventStore.
//
// Every implementation passes the same value-parameterised tests. An implementation's test file
// makes an EventStoreFactory and instantiates the suite with it:
//
//   INSTANTIATE_TEST_SUITE_P(RocksDb, EventStoreConformanceTest,
//                            ::testing::Values(RocksDbFactory()), EventStoreFactoryName);
//
// Each test opens a new store in a folder of its own and removes the folder when it ends. The
// tests are in four files: event_store_conformance.cc (the fixture; expected versions),
// event_store_conformance_writes.cc (positions and versions, retries, refused input, atomic
// batches, concurrent appenders), event_store_conformance_async.cc (AppendAsync) and
// event_store_conformance_reads.cc (what reads return, paging, filters, subscriptions,
// reopening, the Merkle log).
#ifndef ENDEAVOUR_EVENTSTORE_CONFORMANCE_EVENT_STORE_CONFORMANCE_H_
#define ENDEAVOUR_EVENTSTORE_CONFORMANCE_EVENT_STORE_CONFORMANCE_H_

#include <cstddef>
#include <cstdint>
#include <functional>
#include <memory>
#include <ostream>
#include <source_location>
#include <string>
#include <tuple>
#include <vector>

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "absl/time/time.h"
#include "endeavour/v1/envelope.pb.h"
#include "eventstore/event_store.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"

namespace endeavour::eventstore {

// How the suite makes, and damages, the stores of one implementation.
struct EventStoreFactory {
  // Names the instantiation in test names: letters, digits and underscores.
  std::string name;
  // Opens the store kept in `dir`, creating it when `dir` is an empty folder.
  std::function<absl::StatusOr<std::unique_ptr<EventStore>>(const std::string& dir)> open;
  // Flips one byte of the stored event at `position` while no store is open on `dir`, as someone
  // with write access to the disk could. Empty when the implementation cannot: the tamper test is
  // then skipped.
  std::function<absl::Status(const std::string& dir, uint64_t position)> corrupt_event;
};

void PrintTo(const EventStoreFactory& factory, std::ostream* os);

// The name generator for INSTANTIATE_TEST_SUITE_P: the factory's name.
std::string EventStoreFactoryName(const ::testing::TestParamInfo<EventStoreFactory>& info);

namespace conformance {

// Matches an OK absl::Status.
::testing::Matcher<const absl::Status&> IsOk();

// Matches a status whose code matches `code` and whose message matches `message`.
::testing::Matcher<const absl::Status&> StatusIs(
    ::testing::Matcher<absl::StatusCode> code,
    ::testing::Matcher<const std::string&> message = ::testing::_);

// Matches text that holds `number` as a whole number (not inside a longer one).
::testing::Matcher<const std::string&> MentionsNumber(uint64_t number);

}  // namespace conformance

class EventStoreConformanceTest : public ::testing::TestWithParam<EventStoreFactory> {
 public:
  // Streams as Endeavour names them. "pupil/school-10/" shares a prefix with "pupil/school-1" on
  // purpose: a stream prefix filter must not confuse them.
  static constexpr char kPupil1[] = "pupil/school-1/p-0001";
  static constexpr char kPupil2[] = "pupil/school-1/p-0002";
  static constexpr char kSchool10Pupil[] = "pupil/school-10/p-0001";
  static constexpr char kSchool2Pupil[] = "pupil/school-2/p-0001";
  static constexpr char kSelfEvaluation[] = "school/school-1/self-evaluation";

  static constexpr char kNeedIdentified[] = "endeavour.v1.NeedIdentified";
  static constexpr char kInterventionDelivered[] = "endeavour.v1.InterventionDelivered";
  static constexpr char kReviewHeld[] = "endeavour.v1.ReviewHeld";
  static constexpr char kRatingRecorded[] = "endeavour.v1.RatingRecorded";

  // (first_position, last_position, stream_version): a form gtest prints when it differs.
  using ResultFields = std::tuple<uint64_t, uint64_t, uint64_t>;
  static ResultFields FieldsOf(const AppendResult& result);

  static std::vector<uint64_t> Positions(const std::vector<StoredEvent>& events);
  static std::vector<uint64_t> Versions(const std::vector<StoredEvent>& events);
  static std::vector<std::string> EventIds(const std::vector<StoredEvent>& events);
  static std::vector<std::string> EventIds(const std::vector<endeavour::v1::EventEnvelope>& events);
  // first, first±1, ..., last: ascending or descending, both ends included.
  static std::vector<uint64_t> Range(uint64_t first, uint64_t last);

 protected:
  // Makes a fresh folder and opens a store in it.
  void SetUp() override;
  // Closes the store and removes the folder.
  void TearDown() override;

  EventStore& store() { return *store_; }
  const std::string& dir() const { return dir_; }
  // Destroys the store object (a closed store), so its files may be touched directly.
  void Close();
  // Destroys the store object, if open, and opens the same folder again.
  void Reopen();

  // A new event as a client sends it: a unique UUID-shaped event_id, `type`, tenant, actor,
  // occurred_on, correlation id and a payload; none of the fields the store assigns.
  static endeavour::v1::EventEnvelope NewEvent(const std::string& type = kInterventionDelivered);
  static std::vector<endeavour::v1::EventEnvelope> NewEvents(
      int count, const std::string& type = kInterventionDelivered);

  // Appends `count` new events of `type` to `stream`, `per_append` to a batch, expecting Any.
  // Records a failure and stops at the first refused append. Returns the events sent.
  std::vector<endeavour::v1::EventEnvelope> AppendEvents(
      const std::string& stream, int count, const std::string& type = kInterventionDelivered,
      int per_append = 1);

  // Appends `events` expecting `refusal`, then checks that the log did not change: not its head,
  // not its tree root, not the version of `stream`. Failures name `rule` and the calling line.
  void ExpectAppendRefused(const std::string& stream, ExpectedVersion expected,
                           std::vector<endeavour::v1::EventEnvelope> events,
                           const ::testing::Matcher<const absl::Status&>& refusal,
                           const std::string& rule,
                           std::source_location where = std::source_location::current());

  // The stream's version; records a failure (and returns 0) when StreamVersion fails.
  uint64_t VersionOf(const std::string& stream);

  // Every event of `stream`, read forwards in pages until end_of_stream.
  std::vector<StoredEvent> ReadWholeStream(const std::string& stream);

  // Every event matching `filter` from `from`, read in pages of `page_size`, continuing from
  // next_position until it passes head_position. Checks each page's size and progress.
  std::vector<StoredEvent> ReadAllPaged(uint64_t from, size_t page_size,
                                        const EventFilter& filter = {});

  // Calls Next until the checkpoint reaches `checkpoint` (or 60 seconds pass), pausing `pause`
  // between calls, and returns the events delivered. Checks that checkpoints never go back and
  // no event lies past its batch's checkpoint.
  std::vector<StoredEvent> ReadSubscriptionUntil(Subscription& subscription, uint64_t checkpoint,
                                                 absl::Duration pause = absl::ZeroDuration());

 private:
  std::string dir_;
  std::unique_ptr<EventStore> store_;
};

}  // namespace endeavour::eventstore

#endif  // ENDEAVOUR_EVENTSTORE_CONFORMANCE_EVENT_STORE_CONFORMANCE_H_
