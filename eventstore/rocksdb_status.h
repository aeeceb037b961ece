// Converts RocksDB's status to the store's canonical codes, in one place.
#ifndef ENDEAVOUR_EVENTSTORE_ROCKSDB_STATUS_H_
#define ENDEAVOUR_EVENTSTORE_ROCKSDB_STATUS_H_

#include <rocksdb/status.h>

#include "absl/status/status.h"
#include "absl/strings/string_view.h"

namespace endeavour::eventstore {

// A full disk is RESOURCE_EXHAUSTED, corruption DATA_LOSS, any other I/O failure UNAVAILABLE.
// `what` says what the store was doing, e.g. "writing the group commit".
absl::Status FromRocksDb(const rocksdb::Status& status, absl::string_view what);

}  // namespace endeavour::eventstore

#endif  // ENDEAVOUR_EVENTSTORE_ROCKSDB_STATUS_H_
