// The StateStore of the embedded store: the "projections" column family of the same RocksDB
// database as the log, so a data folder holds everything and one backup copies both.
#ifndef ENDEAVOUR_EVENTSTORE_ROCKSDB_STATE_STORE_H_
#define ENDEAVOUR_EVENTSTORE_ROCKSDB_STATE_STORE_H_

#include <rocksdb/db.h>

#include "eventstore/state_store.h"

namespace endeavour::eventstore {

class RocksDbStateStore final : public StateStore {
 public:
  // Both must outlive this object.
  RocksDbStateStore(rocksdb::DB* db, rocksdb::ColumnFamilyHandle* family)
      : db_(db), family_(family) {}

  absl::StatusOr<std::optional<std::string>> Get(const std::string& key) const override;
  absl::Status Scan(
      const std::string& prefix,
      absl::FunctionRef<bool(absl::string_view key, absl::string_view value)> visit) const override;
  // Not synced: the state is rebuilt from the log, and RocksDB recovers writes in order, so a
  // crash loses at most the latest writes whole, checkpoint included. The next sync of the log
  // (every acknowledged append) makes earlier state writes durable too.
  absl::Status Write(const StateWrite& write) override;

 private:
  rocksdb::DB* const db_;
  rocksdb::ColumnFamilyHandle* const family_;
};

}  // namespace endeavour::eventstore

#endif  // ENDEAVOUR_EVENTSTORE_ROCKSDB_STATE_STORE_H_
