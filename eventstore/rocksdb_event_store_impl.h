// The RocksDB EventStore's insides. Three files share this class: rocksdb_event_store.cc (open,
// reads), rocksdb_committer.cc (the write path) and rocksdb_verify.cc (Verify).
#ifndef ENDEAVOUR_EVENTSTORE_ROCKSDB_EVENT_STORE_IMPL_H_
#define ENDEAVOUR_EVENTSTORE_ROCKSDB_EVENT_STORE_IMPL_H_

#include <rocksdb/db.h>

#include <atomic>
#include <cstdint>
#include <deque>
#include <memory>
#include <string>
#include <thread>
#include <vector>

#include "absl/base/thread_annotations.h"
#include "absl/container/flat_hash_map.h"
#include "absl/synchronization/mutex.h"
#include "eventstore/merkle.h"
#include "eventstore/rocksdb_event_store.h"
#include "eventstore/rocksdb_layout.h"
#include "eventstore/rocksdb_merkle_proofs.h"
#include "eventstore/rocksdb_state_store.h"

namespace endeavour::eventstore {

class RocksDbEventStoreImpl final : public RocksDbEventStore {
 public:
  // REQUIRES: no call in flight and no live Subscription when destroyed.
  ~RocksDbEventStoreImpl() override;

  absl::StatusOr<AppendResult> Append(const std::string& stream_id, ExpectedVersion expected,
                                      std::vector<endeavour::v1::EventEnvelope> events) override;
  void AppendAsync(std::string stream_id, ExpectedVersion expected,
                   std::vector<endeavour::v1::EventEnvelope> events, AppendCallback done) override;
  absl::StatusOr<StreamPage> ReadStream(const std::string& stream_id, uint64_t from_version,
                                        ReadDirection direction, size_t max_count) const override;
  absl::StatusOr<LogPage> ReadAll(uint64_t from_position, size_t max_count,
                                  const EventFilter& filter) const override;
  absl::StatusOr<std::unique_ptr<Subscription>> Subscribe(uint64_t from_position,
                                                          EventFilter filter) override;
  uint64_t HeadPosition() const override;
  absl::StatusOr<uint64_t> StreamVersion(const std::string& stream_id) const override;
  TreeHead CurrentTreeHead() const override;
  absl::Status Verify() const override;
  CommitStats GetCommitStats() const override;
  absl::Status Compact() override;
  StateStore& ProjectionState() override { return *projection_state_; }
  const MerkleProofs& Proofs() const override { return *proofs_; }

  // For subscriptions: blocks until the head passes `position`, `*cancelled` turns true, or
  // `deadline`. Returns the head it saw.
  uint64_t AwaitHeadPast(uint64_t position, absl::Time deadline,
                         const std::atomic<bool>* cancelled) const;
  // Wakes every AwaitHeadPast so it re-checks its cancel flag.
  void WakeWaiters() const;

 private:
  friend class RocksDbEventStore;
  struct Writer;
  struct GroupState;

  RocksDbEventStoreImpl(RocksDbStoreOptions options, std::unique_ptr<rocksdb::DB> db,
                        std::vector<rocksdb::ColumnFamilyHandle*> handles);
  absl::Status LoadHead();

  rocksdb::ColumnFamilyHandle* cf(layout::ColumnFamily family) const {
    return handles_[static_cast<int>(family)];
  }
  // The stream's version counting only events at or below `max_position`.
  absl::StatusOr<uint64_t> ReadStreamVersion(const std::string& stream_id,
                                             uint64_t max_position) const;
  absl::StatusOr<StoredEvent> ReadEventAt(uint64_t position) const;
  absl::StatusOr<std::vector<StoredEvent>> ReadEventsAt(
      const std::vector<uint64_t>& positions) const;

  // The write path (rocksdb_committer.cc). The leader owns next_position_ and frontier_.
  // A group commit is two steps: the leader decides and writes the batch unsynced and hands the
  // lead to the next group; then it waits for a WAL sync that covers its batch (one sync serves
  // every batch written before it started) and publishes, in group order. So one group's fsync
  // overlaps the next groups' deciding and writing.
  struct Ticket {
    uint64_t first_position = 0;  // every position before it must be durable before acking
    uint64_t last_position = 0;   // this group's last position; first - 1 when it wrote nothing
    std::string root_hash;        // the root over 1..last_position
  };
  // The writers at the front of the queue, up to the group byte bound.
  std::vector<Writer*> TakeGroup() ABSL_EXCLUSIVE_LOCKS_REQUIRED(mu_);
  absl::Status CommitGroup(const std::vector<Writer*>& group, Ticket* ticket);
  // After a group is written (or failed): records a failure as sticky, takes the group off the
  // queue and hands the lead to the next writer, or to the async leader when no thread waits on
  // it.
  void PassLead(size_t group_size, const absl::Status& status);
  // Waits for the group to be durable and completes every member but `self` (which returns its
  // own result): wakes a waiting writer, calls an asynchronous one's callback.
  void FinishGroup(const std::vector<Writer*>& group, const Ticket& ticket, absl::Status status,
                   Writer* self);
  absl::Status MakeDurable(const Ticket& ticket);
  absl::Status SyncThrough(uint64_t position);
  absl::Status DecideWriter(Writer* w, GroupState* state, rocksdb::WriteBatch* batch);
  absl::Status CheckRetry(Writer* w, GroupState* state, bool* is_retry);

  const RocksDbStoreOptions options_;
  std::unique_ptr<rocksdb::DB> db_;
  std::vector<rocksdb::ColumnFamilyHandle*> handles_;  // owned; released before db_ closes
  std::unique_ptr<RocksDbStateStore> projection_state_;
  std::unique_ptr<RocksDbMerkleProofs> proofs_;

  // The writer queue: the writer at the front leads a group commit.
  absl::Mutex mu_;
  std::deque<Writer*> writers_ ABSL_GUARDED_BY(mu_);
  // Set by the first failed write or sync; every later append gets it (no retried fsync).
  absl::Status sticky_error_ ABSL_GUARDED_BY(mu_);

  // Asynchronous appends (rocksdb_async_append.cc): no thread waits behind them, so two threads
  // of the store's, started by the first, do the waiting writer's work. The async leader leads
  // any group whose front writer is asynchronous (async_lead_); the completer waits for each
  // group it committed to be durable and runs the callbacks, so the leader goes on to the next
  // group during the sync, as a waiting leader hands on the lead before its sync.
  struct CommittedGroup {
    std::vector<Writer*> group;
    Ticket ticket;
    absl::Status status;
  };
  void StartAsyncThreads() ABSL_EXCLUSIVE_LOCKS_REQUIRED(mu_);
  void LeadAsyncGroups();
  void CompleteAsyncGroups();
  void StopAsyncThreads();
  bool async_lead_ ABSL_GUARDED_BY(mu_) = false;
  bool stopping_ ABSL_GUARDED_BY(mu_) = false;
  std::thread async_leader_;
  std::thread async_completer_;
  absl::Mutex completion_mu_;
  std::deque<CommittedGroup> committed_ ABSL_GUARDED_BY(completion_mu_);
  bool leader_stopped_ ABSL_GUARDED_BY(completion_mu_) = false;

  // Committer state: only the current leader touches it, with mu_ released. Leadership passes
  // under mu_, which orders one leader's writes before the next one's reads.
  uint64_t next_position_ = 1;
  MerkleFrontier frontier_;
  // The committer's memory of stream versions it has read or written, so that deciding an append
  // rarely needs a seek. It is exact because only the committer writes. Cleared when full.
  absl::flat_hash_map<std::string, uint64_t> stream_versions_;
  static constexpr size_t kMaxCachedStreamVersions = 1 << 18;

  // What readers may see: the last durable position and the root over it. Events above it may
  // already be in RocksDB (written, not yet synced); every read is bounded by it.
  mutable absl::Mutex head_mu_;
  uint64_t head_position_ ABSL_GUARDED_BY(head_mu_) = 0;
  std::string root_hash_ ABSL_GUARDED_BY(head_mu_);
  // Set when a group failed to become durable: every group after it fails too.
  bool publish_failed_ ABSL_GUARDED_BY(head_mu_) = false;

  // WAL syncs: at most one at a time; each covers everything written before it started.
  absl::Mutex sync_mu_;
  uint64_t written_through_ ABSL_GUARDED_BY(sync_mu_) = 0;
  uint64_t synced_through_ ABSL_GUARDED_BY(sync_mu_) = 0;
  bool sync_running_ ABSL_GUARDED_BY(sync_mu_) = false;
  absl::Status sync_error_ ABSL_GUARDED_BY(sync_mu_);

  std::atomic<uint64_t> stat_appends_{0};
  std::atomic<uint64_t> stat_events_{0};
  std::atomic<uint64_t> stat_durable_writes_{0};
};

}  // namespace endeavour::eventstore

#endif  // ENDEAVOUR_EVENTSTORE_ROCKSDB_EVENT_STORE_IMPL_H_
