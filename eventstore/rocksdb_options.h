// The RocksDB options the store runs with, in one place so that benchmarks measure plain RocksDB
// under the same settings.
#ifndef ENDEAVOUR_EVENTSTORE_ROCKSDB_OPTIONS_H_
#define ENDEAVOUR_EVENTSTORE_ROCKSDB_OPTIONS_H_

#include <rocksdb/options.h>

#include "eventstore/rocksdb_event_store.h"
#include "eventstore/rocksdb_layout.h"

namespace endeavour::eventstore {

rocksdb::DBOptions StoreDbOptions(const RocksDbStoreOptions& options);
rocksdb::ColumnFamilyOptions StoreColumnFamilyOptions(layout::ColumnFamily family);

}  // namespace endeavour::eventstore

#endif  // ENDEAVOUR_EVENTSTORE_ROCKSDB_OPTIONS_H_
