// The write path: a single committer with group commit, after LevelDB's DBImpl::Write. Each
// Append queues a Writer; the writer at the front leads: it takes every queued writer up to a
// byte bound, decides each (idempotent retry? expected version?), writes one WriteBatch with the
// events, indexes, Merkle nodes and tree head, and hands the lead to the next group. Then it
// waits for a WAL sync covering its batch, publishes the new head in group order, and wakes its
// writers.
#include <algorithm>
#include <atomic>
#include <utility>

#include "absl/container/flat_hash_map.h"
#include "absl/strings/str_cat.h"
#include "eventstore/append_validation.h"
#include "eventstore/rocksdb_event_store_impl.h"
#include "eventstore/rocksdb_status.h"
#include "eventstore/rocksdb_writer.h"

namespace endeavour::eventstore {

using endeavour::v1::EventEnvelope;
using layout::ColumnFamily;

// What the leader has decided so far in this group, on top of what is durable.
struct RocksDbEventStoreImpl::GroupState {
  struct PendingEvent {
    uint64_t position;
    uint64_t stream_version;
    const EventEnvelope* envelope;
  };
  uint64_t next_position;
  MerkleFrontier frontier;
  absl::Time recorded_at;
  absl::flat_hash_map<std::string, uint64_t> stream_versions;
  absl::flat_hash_map<std::string, PendingEvent> event_ids;
  Sha256 sha;
  std::vector<MerkleNode> nodes;  // scratch
};

absl::StatusOr<AppendResult> RocksDbEventStoreImpl::Append(const std::string& stream_id,
                                                           ExpectedVersion expected,
                                                           std::vector<EventEnvelope> events) {
  size_t bytes = 0;
  const AppendLimits limits{options_.max_event_bytes, options_.max_batch_bytes,
                            options_.max_batch_events};
  if (absl::Status s = ValidateAppend(stream_id, expected, events, limits, &bytes); !s.ok()) {
    return s;
  }
  Writer w{&stream_id, expected, &events, bytes};
  {
    absl::MutexLock lock(&mu_);
    if (!sticky_error_.ok()) return sticky_error_;
    writers_.push_back(&w);
    if (writers_.size() == 1) w.state.store(Writer::kLeading, std::memory_order_relaxed);
  }
  if (w.Await() == Writer::kDone) return std::move(w.result);

  // This writer leads. Later arrivals queue behind the group and form the next one.
  std::vector<Writer*> group;
  absl::Status status;
  {
    absl::MutexLock lock(&mu_);
    group = TakeGroup();
    status = sticky_error_;
  }
  Ticket ticket;
  if (status.ok()) status = CommitGroup(group, &ticket);
  PassLead(group.size(), status);
  FinishGroup(group, ticket, std::move(status), &w);
  return std::move(w.result);
}

std::vector<RocksDbEventStoreImpl::Writer*> RocksDbEventStoreImpl::TakeGroup() {
  std::vector<Writer*> group;
  size_t group_bytes = 0;
  for (Writer* next : writers_) {
    if (!group.empty() && group_bytes + next->bytes > options_.max_group_bytes) break;
    group.push_back(next);
    group_bytes += next->bytes;
  }
  return group;
}

void RocksDbEventStoreImpl::PassLead(size_t group_size, const absl::Status& status) {
  Writer* next_leader = nullptr;
  {
    absl::MutexLock lock(&mu_);
    if (!status.ok() && sticky_error_.ok()) sticky_error_ = status;
    writers_.erase(writers_.begin(), writers_.begin() + group_size);
    if (!writers_.empty()) {
      // No thread waits behind an asynchronous writer: the store's own leader takes it.
      if (writers_.front()->done) {
        async_lead_ = true;
      } else {
        next_leader = writers_.front();
      }
    }
  }
  // The next group decides and writes while this one waits for its sync.
  if (next_leader != nullptr) next_leader->Wake(Writer::kLeading);
}

void RocksDbEventStoreImpl::FinishGroup(const std::vector<Writer*>& group, const Ticket& ticket,
                                        absl::Status status, Writer* self) {
  if (status.ok()) {
    status = MakeDurable(ticket);
    if (!status.ok()) {
      absl::MutexLock lock(&mu_);
      if (sticky_error_.ok()) sticky_error_ = status;
    }
  }
  for (Writer* member : group) {
    if (!status.ok()) member->result = status;
    if (member == self) continue;
    if (member->done) {
      std::unique_ptr<Writer> owned(member);  // queued by AppendAsync, which let go of it
      owned->done(std::move(owned->result));
    } else {
      member->Wake(Writer::kDone);
    }
  }
}

absl::Status RocksDbEventStoreImpl::CommitGroup(const std::vector<Writer*>& group, Ticket* ticket) {
  // Even a group that writes nothing acknowledges only once everything decided before it is
  // durable: a retry's original result may point at a group still syncing.
  ticket->first_position = next_position_;
  ticket->last_position = next_position_ - 1;
  GroupState state;
  state.next_position = next_position_;
  state.frontier = frontier_;
  state.recorded_at = options_.clock ? options_.clock() : absl::Now();
  rocksdb::WriteBatch batch;
  uint64_t appends = 0;
  for (Writer* w : group) {
    const uint64_t before = state.next_position;
    if (absl::Status s = DecideWriter(w, &state, &batch); !s.ok()) {
      if (s.code() == absl::StatusCode::kInternal) return s;  // the batch itself is broken
      w->result = s;                                          // refused: this writer alone
    }
    if (state.next_position != before) ++appends;
  }
  if (state.next_position == next_position_) return absl::OkStatus();  // nothing new to write

  const uint64_t head = state.next_position - 1;
  std::string root = state.frontier.Root(state.sha);
  rocksdb::Status s = batch.Put(cf(ColumnFamily::kMetadata), layout::kMetaHeadPosition,
                                layout::PositionValue(head));
  if (s.ok()) s = batch.Put(cf(ColumnFamily::kMetadata), layout::kMetaTreeRoot, root);
  if (!s.ok()) return FromRocksDb(s, "building the group commit");
  // Unsynced here; MakeDurable syncs. Readers cannot see it before then: they stop at the head.
  s = db_->Write(rocksdb::WriteOptions(), &batch);
  if (!s.ok()) return FromRocksDb(s, "writing the group commit (the store now refuses appends)");
  {
    absl::MutexLock lock(&sync_mu_);
    written_through_ = head;
  }
  stat_appends_.fetch_add(appends, std::memory_order_relaxed);
  stat_events_.fetch_add(head + 1 - next_position_, std::memory_order_relaxed);
  next_position_ = state.next_position;
  frontier_ = std::move(state.frontier);
  if (stream_versions_.size() + state.stream_versions.size() > kMaxCachedStreamVersions) {
    stream_versions_.clear();
  }
  for (auto& [stream_id, version] : state.stream_versions) stream_versions_[stream_id] = version;
  ticket->last_position = head;
  ticket->root_hash = std::move(root);
  return absl::OkStatus();
}

absl::Status RocksDbEventStoreImpl::MakeDurable(const Ticket& ticket) {
  const bool wrote = ticket.last_position >= ticket.first_position;
  absl::Status synced;
  if (wrote && options_.sync) synced = SyncThrough(ticket.last_position);
  absl::MutexLock lock(&head_mu_);
  // Groups publish in the order they were decided.
  auto earlier_published = [&]() {
    return head_position_ + 1 >= ticket.first_position || publish_failed_;
  };
  head_mu_.Await(absl::Condition(&earlier_published));
  if (publish_failed_) {
    return absl::UnavailableError(
        "event store: an earlier group commit failed to sync (the store now refuses appends)");
  }
  if (!synced.ok()) {
    publish_failed_ = true;
    return synced;
  }
  if (wrote) {
    head_position_ = ticket.last_position;  // unlocking wakes subscribers waiting for the head
    root_hash_ = ticket.root_hash;
  }
  return absl::OkStatus();
}

// Returns once a WAL sync that started after `position` was written has finished. One thread
// syncs at a time; the others wait and are usually covered by it.
absl::Status RocksDbEventStoreImpl::SyncThrough(uint64_t position) {
  absl::MutexLock lock(&sync_mu_);
  while (synced_through_ < position && sync_error_.ok()) {
    if (sync_running_) {
      auto finished = [&]() { return !sync_running_; };
      sync_mu_.Await(absl::Condition(&finished));
      continue;
    }
    sync_running_ = true;
    const uint64_t target = written_through_;
    sync_mu_.Unlock();
    // Never retried: after a failed fsync the kernel may have dropped the dirty pages, so a
    // second fsync that succeeds proves nothing. The store stops acknowledging instead.
    const rocksdb::Status s = db_->SyncWAL();
    stat_durable_writes_.fetch_add(1, std::memory_order_relaxed);
    sync_mu_.Lock();
    sync_running_ = false;
    if (s.ok()) {
      synced_through_ = std::max(synced_through_, target);
    } else {
      sync_error_ = FromRocksDb(s, "syncing the group commit (the store now refuses appends)");
    }
  }
  return sync_error_;
}

absl::Status RocksDbEventStoreImpl::DecideWriter(Writer* w, GroupState* state,
                                                 rocksdb::WriteBatch* batch) {
  bool is_retry = false;
  if (absl::Status s = CheckRetry(w, state, &is_retry); !s.ok() || is_retry) return s;

  const std::string& stream_id = *w->stream_id;
  uint64_t current = 0;
  if (auto it = state->stream_versions.find(stream_id); it != state->stream_versions.end()) {
    current = it->second;  // an earlier append in this group counts
  } else if (auto cached = stream_versions_.find(stream_id); cached != stream_versions_.end()) {
    current = cached->second;
  } else {
    absl::StatusOr<uint64_t> stored = ReadStreamVersion(stream_id, UINT64_MAX);
    if (!stored.ok()) return stored.status();
    current = *stored;
  }
  if (absl::Status s = w->expected.Check(stream_id, current); !s.ok()) return s;

  const int64_t nanos = absl::ToUnixNanos(state->recorded_at);
  const uint64_t first = state->next_position;
  uint64_t version = current;
  std::string bytes;
  for (EventEnvelope& e : *w->events) {
    const uint64_t position = state->next_position++;
    e.set_position(position);
    e.set_stream_id(stream_id);
    e.set_stream_version(++version);
    e.mutable_recorded_at()->set_seconds(nanos / 1000000000);
    e.mutable_recorded_at()->set_nanos(static_cast<int32_t>(nanos % 1000000000));
    bytes.clear();
    if (!e.SerializeToString(&bytes)) return absl::InternalError("serializing an envelope");
    rocksdb::Status s = batch->Put(cf(ColumnFamily::kEvents), layout::EventKey(position), bytes);
    const std::string position_value = layout::PositionValue(position);
    if (s.ok()) {
      s = batch->Put(cf(ColumnFamily::kStreamIndex), layout::StreamIndexKey(stream_id, version),
                     position_value);
    }
    if (s.ok()) s = batch->Put(cf(ColumnFamily::kEventIds), e.event_id(), position_value);
    state->nodes.clear();
    state->frontier.Append(state->sha.LeafHash(bytes), state->sha, &state->nodes);
    for (const MerkleNode& node : state->nodes) {
      if (!s.ok()) break;
      s = batch->Put(cf(ColumnFamily::kMerkleNodes),
                     layout::MerkleNodeKeyForIndex(node.level, node.index), node.hash);
    }
    if (!s.ok()) return absl::InternalError(absl::StrCat("building a batch: ", s.ToString()));
    state->event_ids[e.event_id()] = {position, version, &e};
  }
  state->stream_versions[stream_id] = version;
  w->result = AppendResult{first, state->next_position - 1, version};
  return absl::OkStatus();
}

// A retry repeats an earlier append exactly: every event id already stored (or pending in this
// group), in the same stream, with the same content, at consecutive positions. Then the original
// result stands. Any partial or differing reuse of an id is refused.
absl::Status RocksDbEventStoreImpl::CheckRetry(Writer* w, GroupState* state, bool* is_retry) {
  const std::vector<EventEnvelope>& events = *w->events;
  AppendResult original;
  size_t found = 0;
  for (size_t i = 0; i < events.size(); ++i) {
    const EventEnvelope& e = events[i];
    GroupState::PendingEvent hit{0, 0, nullptr};
    EventEnvelope stored_envelope;
    if (auto it = state->event_ids.find(e.event_id()); it != state->event_ids.end()) {
      hit = it->second;
    } else {
      std::string value;
      rocksdb::Status s =
          db_->Get(rocksdb::ReadOptions(), cf(ColumnFamily::kEventIds), e.event_id(), &value);
      if (s.IsNotFound()) continue;
      if (!s.ok()) return FromRocksDb(s, "looking up an event id");
      absl::StatusOr<StoredEvent> stored = ReadEventAt(layout::ReadBigEndian64(value));
      if (!stored.ok()) return stored.status();
      stored_envelope = std::move(stored->envelope);
      hit = {stored_envelope.position(), stored_envelope.stream_version(), &stored_envelope};
    }
    const std::string field = absl::StrCat("events[", i, "].event_id");
    if (hit.envelope->stream_id() != *w->stream_id || !SameCallerContent(*hit.envelope, e)) {
      return absl::AlreadyExistsError(
          absl::StrCat(field, ": \"", e.event_id(), "\" is already used at position ", hit.position,
                       " in stream ", hit.envelope->stream_id(), " for a different event"));
    }
    if (found != i || (i > 0 && hit.position != original.last_position + 1)) {
      return absl::AlreadyExistsError(
          absl::StrCat(field, ": \"", e.event_id(), "\" was appended earlier at position ",
                       hit.position, "; a retry must repeat the original append exactly"));
    }
    if (i == 0) original.first_position = hit.position;
    original.last_position = hit.position;
    original.stream_version = hit.stream_version;
    ++found;
  }
  if (found == 0) return absl::OkStatus();
  if (found != events.size()) {
    return absl::AlreadyExistsError(
        absl::StrCat("events: ", found, " of ", events.size(),
                     " event ids were appended earlier; a retry must repeat the original append "
                     "exactly"));
  }
  *is_retry = true;
  w->result = original;
  return absl::OkStatus();
}

}  // namespace endeavour::eventstore
