// The embedded default EventStore: one RocksDB database in a local folder.
//
// Appends go through a single committer with group commit (LevelDB's writer queue): concurrent
// appends that arrive while one group is being written share the next one, and one WAL sync
// covers every group written before it started. The same write carries the events, the indexes,
// the new Merkle nodes and the tree head, so they never disagree. Reads see only what is durable.
// AppendAsync joins the same queue; two threads of the store's, started by the first such append,
// lead the groups no caller's thread waits on and run their callbacks once synced.
// The on-disk layout is in eventstore/FORMAT.md.
#ifndef ENDEAVOUR_EVENTSTORE_ROCKSDB_EVENT_STORE_H_
#define ENDEAVOUR_EVENTSTORE_ROCKSDB_EVENT_STORE_H_

#include <cstddef>
#include <cstdint>
#include <functional>
#include <memory>
#include <string>

#include "absl/status/statusor.h"
#include "absl/time/time.h"
#include "eventstore/event_store.h"
#include "eventstore/merkle_proofs.h"
#include "eventstore/state_store.h"

namespace rocksdb {
class Env;
}

namespace endeavour::eventstore {

struct RocksDbStoreOptions {
  // Sync the WAL before acknowledging. Turn off only to bulk-load a benchmark fixture: an
  // unsynced store may lose acknowledged appends on power loss.
  bool sync = true;
  // Limits on what one Append may carry; larger requests get RESOURCE_EXHAUSTED.
  size_t max_event_bytes = size_t{1} << 20;
  size_t max_batch_bytes = size_t{8} << 20;
  size_t max_batch_events = 1000;
  // Group commit gathers waiting appends up to this many bytes into one synced write.
  size_t max_group_bytes = size_t{4} << 20;
  // The most events one read returns, whatever the caller asks for.
  size_t max_page_events = 10000;
  // Tests inject storage faults here; null means the default environment.
  rocksdb::Env* env = nullptr;
  // The clock that stamps recorded_at; null means the system clock.
  std::function<absl::Time()> clock;
};

// Counters for the group-commit benchmark; monotonic since Open.
struct CommitStats {
  uint64_t appends = 0;         // acknowledged Append calls that wrote events
  uint64_t events = 0;          // events written
  uint64_t durable_writes = 0;  // WAL syncs (one may cover several group commits)
};

class RocksDbEventStore : public EventStore {
 public:
  // Opens (creating if missing) the store in `dir`. FAILED_PRECONDITION for a folder written by
  // an unknown format version.
  static absl::StatusOr<std::unique_ptr<RocksDbEventStore>> Open(const std::string& dir,
                                                                 RocksDbStoreOptions options = {});

  virtual CommitStats GetCommitStats() const = 0;

  // Flushes what is in memory and compacts every column family, returning when it is done: the
  // store is then at rest, with nothing left for the background to do. The benchmarks call it so
  // that a measurement does not pay for the writes before it. Appends and reads may go on
  // meanwhile.
  virtual absl::Status Compact() = 0;

  // The projections' key-value space, in the same database (see state_store.h). Lives as long as
  // the store.
  virtual StateStore& ProjectionState() = 0;

  // RFC 6962 inclusion and consistency proofs over the log, for any tree size up to the head.
  // Thread-safe; lives as long as the store.
  virtual const MerkleProofs& Proofs() const = 0;
};

}  // namespace endeavour::eventstore

#endif  // ENDEAVOUR_EVENTSTORE_ROCKSDB_EVENT_STORE_H_
