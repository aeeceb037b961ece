// The append-only event log every Endeavour record lives in.
//
// An EventStore holds immutable events in streams ("pupil/<tenant>/<pupil id>"), each event in an
// endeavour.v1.EventEnvelope. Positions number the whole log from 1 with no gaps; stream versions
// number each stream from 1 with no gaps. Nothing is ever updated or deleted.
//
// Thread safety: every method may be called from any thread at the same time. A Subscription is
// used by one thread at a time, except Cancel(), which any thread may call.
//
// Errors (absl::Status codes):
//   INVALID_ARGUMENT     malformed input; the message names the field and the rule. The log is
//                        never changed by a refused call.
//   ABORTED              the expected version did not hold; the message gives expected and actual.
//   ALREADY_EXISTS       an event id was reused for different content or another stream.
//   UNAVAILABLE          the store hit a storage fault (a failed write or sync) and refuses every
//                        later append, or it is closing. Nothing unacknowledged is claimed.
//   RESOURCE_EXHAUSTED   the disk is full (also sticky), or a request exceeds a size limit.
//   DATA_LOSS            Verify() found stored bytes that do not match their hashes.
//   CANCELLED            a subscription was cancelled.
#ifndef ENDEAVOUR_EVENTSTORE_EVENT_STORE_H_
#define ENDEAVOUR_EVENTSTORE_EVENT_STORE_H_

#include <cstdint>
#include <memory>
#include <string>
#include <utility>
#include <vector>

#include "absl/functional/any_invocable.h"
#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "absl/time/time.h"
#include "endeavour/v1/envelope.pb.h"
#include "eventstore/expected_version.h"

namespace endeavour::eventstore {

// An event as the store keeps it: the parsed envelope and the exact bytes stored, which are what
// the Merkle leaf hash covers.
struct StoredEvent {
  endeavour::v1::EventEnvelope envelope;
  std::string bytes;
};

// What an append did. A retried append returns the result of the original.
struct AppendResult {
  uint64_t first_position = 0;  // position of the batch's first event
  uint64_t last_position = 0;   // position of the batch's last event
  uint64_t stream_version = 0;  // the stream's version after the batch (its last event's version)
};

enum class ReadDirection { kForwards, kBackwards };

// A page of one stream.
struct StreamPage {
  std::vector<StoredEvent> events;
  // The version to pass as `from_version` for the next page; meaningful when !end_of_stream.
  uint64_t next_version = 0;
  bool end_of_stream = true;
};

// Which events of the whole log a reader wants. Empty fields match everything.
struct EventFilter {
  std::string stream_prefix;             // e.g. "pupil/school-42/"
  std::vector<std::string> event_types;  // exact type names; any of them
  // Leaves StoredEvent::bytes empty. For readers of the envelope alone, which never check a leaf
  // hash (the projections): a rebuild then does not copy every event's stored bytes as well.
  bool envelopes_only = false;
};

// A page of the whole log.
struct LogPage {
  std::vector<StoredEvent> events;  // matching events, in position order
  // Every position below this has been examined; pass it as `from_position` to continue.
  uint64_t next_position = 0;
  // The log's head (its last position) when the page was read.
  uint64_t head_position = 0;
};

// A batch delivered by a subscription.
struct SubscriptionBatch {
  std::vector<StoredEvent> events;  // matching events, in position order, possibly empty
  // Every position up to and including this one has been examined: a checkpoint.
  uint64_t checkpoint = 0;
  // True when the batch reached the head of the log as it stood when read.
  bool caught_up = false;
};

// A live reader of the log. It reads from disk in bounded pages whatever its speed, so a slow
// reader costs the store nothing but its position. Destroying it cancels it.
class Subscription {
 public:
  virtual ~Subscription() = default;

  // Returns the next matching events after the subscription's checkpoint: at once when some are
  // stored, otherwise when new ones are appended or `timeout` passes (then an empty batch with
  // caught_up set). Never returns a gap or a duplicate. CANCELLED after Cancel().
  virtual absl::StatusOr<SubscriptionBatch> Next(absl::Duration timeout) = 0;

  // Makes a waiting or later Next() return CANCELLED promptly. Safe from any thread.
  virtual void Cancel() = 0;
};

class EventStore {
 public:
  virtual ~EventStore() = default;

  // Appends `events` to `stream_id` as one atomic batch if `expected` holds. The store fills in
  // position, stream_id, stream_version and recorded_at; the caller fills the rest, and every
  // event needs an event_id and an event_type. Returns only once the batch is durable.
  // A batch whose event ids are all stored already, with the same content, returns the original
  // result and writes nothing, whatever `expected` says.
  virtual absl::StatusOr<AppendResult> Append(const std::string& stream_id,
                                              ExpectedVersion expected,
                                              std::vector<endeavour::v1::EventEnvelope> events) = 0;

  // Append without a thread waiting: `done` runs exactly once with what Append would return. It
  // runs at once, on the calling thread, for input refused before anything is queued; otherwise
  // later, on a thread of the store's, once the batch is durable or refused. Keep `done` short
  // (acknowledgements after it wait for it); it may call the store, AppendAsync included.
  // The default calls Append on the calling thread.
  using AppendCallback = absl::AnyInvocable<void(absl::StatusOr<AppendResult>)>;
  virtual void AppendAsync(std::string stream_id, ExpectedVersion expected,
                           std::vector<endeavour::v1::EventEnvelope> events, AppendCallback done) {
    done(Append(stream_id, expected, std::move(events)));
  }

  // Reads up to `max_count` events of one stream starting at `from_version` (inclusive), forwards
  // or backwards. Backwards from kEndOfStream starts at the stream's last event. A stream that does
  // not exist reads as empty.
  static constexpr uint64_t kEndOfStream = UINT64_MAX;
  virtual absl::StatusOr<StreamPage> ReadStream(const std::string& stream_id, uint64_t from_version,
                                                ReadDirection direction,
                                                size_t max_count) const = 0;

  // Reads up to `max_count` matching events of the whole log from `from_position` (inclusive).
  // A page may hold fewer (even none) when the filter skips many events; continue from
  // next_position until it passes head_position.
  virtual absl::StatusOr<LogPage> ReadAll(uint64_t from_position, size_t max_count,
                                          const EventFilter& filter) const = 0;

  // Follows the log from `from_position` (inclusive): first what is stored, then live appends.
  virtual absl::StatusOr<std::unique_ptr<Subscription>> Subscribe(uint64_t from_position,
                                                                  EventFilter filter) = 0;

  // The last position in the log; 0 when it is empty.
  virtual uint64_t HeadPosition() const = 0;

  // The current stream version; 0 when the stream does not exist.
  virtual absl::StatusOr<uint64_t> StreamVersion(const std::string& stream_id) const = 0;

  // The Merkle tree head over every stored event.
  struct TreeHead {
    uint64_t tree_size = 0;  // equals HeadPosition()
    std::string root_hash;   // 32 bytes, RFC 6962 MTH; SHA-256 of "" for an empty log
  };
  virtual TreeHead CurrentTreeHead() const = 0;

  // Recomputes every leaf hash and the root from the stored bytes and compares them with what is
  // stored. DATA_LOSS names the first position that does not match.
  virtual absl::Status Verify() const = 0;
};

}  // namespace endeavour::eventstore

#endif  // ENDEAVOUR_EVENTSTORE_EVENT_STORE_H_
