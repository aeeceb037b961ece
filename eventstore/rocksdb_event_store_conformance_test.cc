// The RocksDB store against the EventStore conformance suite.
#include <rocksdb/db.h>
#include <rocksdb/options.h>

#include <memory>
#include <string>
#include <utility>
#include <vector>

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "absl/strings/str_cat.h"
#include "eventstore/conformance/event_store_conformance.h"
#include "eventstore/rocksdb_event_store.h"
#include "eventstore/rocksdb_layout.h"

namespace endeavour::eventstore {
namespace {

absl::Status RocksError(const rocksdb::Status& status, const std::string& what) {
  if (status.ok()) return absl::OkStatus();
  return absl::InternalError(absl::StrCat(what, ": ", status.ToString()));
}

// Flips one bit of the byte in the middle of the stored envelope at `position`, behind the
// store's back. REQUIRES: no store is open on `dir`.
absl::Status CorruptEvent(const std::string& dir, uint64_t position) {
  std::vector<rocksdb::ColumnFamilyDescriptor> families;
  for (std::string_view name : layout::kColumnFamilyNames) {
    families.emplace_back(std::string(name), rocksdb::ColumnFamilyOptions());
  }
  std::vector<rocksdb::ColumnFamilyHandle*> handles;
  rocksdb::DB* raw_db = nullptr;
  if (absl::Status s = RocksError(
          rocksdb::DB::Open(rocksdb::DBOptions(), dir, families, &handles, &raw_db), "open " + dir);
      !s.ok()) {
    return s;
  }
  std::unique_ptr<rocksdb::DB> db(raw_db);
  rocksdb::ColumnFamilyHandle* events = handles[static_cast<int>(layout::ColumnFamily::kEvents)];
  const std::string key = layout::EventKey(position);
  std::string value;
  absl::Status result =
      RocksError(db->Get(rocksdb::ReadOptions(), events, key, &value), "read the event");
  if (result.ok() && value.empty()) {
    result = absl::NotFoundError(absl::StrCat("no stored bytes at position ", position));
  }
  if (result.ok()) {
    value[value.size() / 2] ^= 0x01;
    rocksdb::WriteOptions write;
    write.sync = true;
    result = RocksError(db->Put(write, events, key, value), "write the event back");
  }
  for (rocksdb::ColumnFamilyHandle* handle : handles) {
    if (absl::Status s = RocksError(db->DestroyColumnFamilyHandle(handle), "release a family");
        result.ok()) {
      result = s;
    }
  }
  if (absl::Status s = RocksError(db->Close(), "close"); result.ok()) result = s;
  return result;
}

EventStoreFactory RocksDbFactory() {
  return EventStoreFactory{
      .name = "RocksDb",
      .open = [](const std::string& dir) -> absl::StatusOr<std::unique_ptr<EventStore>> {
        absl::StatusOr<std::unique_ptr<RocksDbEventStore>> store = RocksDbEventStore::Open(dir);
        if (!store.ok()) return store.status();
        return std::unique_ptr<EventStore>(*std::move(store));
      },
      .corrupt_event = CorruptEvent,
  };
}

INSTANTIATE_TEST_SUITE_P(RocksDb, EventStoreConformanceTest, ::testing::Values(RocksDbFactory()),
                         EventStoreFactoryName);

}  // namespace
}  // namespace endeavour::eventstore
