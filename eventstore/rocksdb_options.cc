#include "eventstore/rocksdb_options.h"

#include <rocksdb/cache.h>
#include <rocksdb/filter_policy.h>
#include <rocksdb/slice_transform.h>
#include <rocksdb/table.h>

#include <memory>

namespace endeavour::eventstore {
namespace {

std::shared_ptr<rocksdb::Cache> SharedBlockCache() {
  static const std::shared_ptr<rocksdb::Cache> cache = rocksdb::NewLRUCache(size_t{256} << 20);
  return cache;
}

// A stream_index key without its 8-byte version: the stream's own keys arrive in version order,
// so each one goes in just after the last one inserted for its stream. A hint costs about 250
// bytes of the memtable's own arena per stream written to, so it counts against
// write_buffer_size: many streams flush the memtable sooner, never grow memory without bound.
class StreamOfIndexKey final : public rocksdb::SliceTransform {
 public:
  const char* Name() const override { return "endeavour.StreamOfIndexKey"; }
  rocksdb::Slice Transform(const rocksdb::Slice& key) const override {
    return rocksdb::Slice(key.data(), key.size() - 8);
  }
  bool InDomain(const rocksdb::Slice& key) const override { return key.size() > 8; }
};

// Where the committer's next insert into a memtable is likely to go, per family: the skiplist
// then starts from the last insert's place instead of searching from the top, which was the
// biggest part of the single committer's time (RocksDB's memtable "insert with hint").
std::shared_ptr<const rocksdb::SliceTransform> InsertHint(layout::ColumnFamily family) {
  switch (family) {
    case layout::ColumnFamily::kEvents:
    case layout::ColumnFamily::kMerkleNodes:
      // Keys are positions, each larger than the last: one hint for the whole family.
      return std::shared_ptr<const rocksdb::SliceTransform>(rocksdb::NewCappedPrefixTransform(0));
    case layout::ColumnFamily::kStreamIndex:
      return std::make_shared<StreamOfIndexKey>();
    case layout::ColumnFamily::kMetadata:
      // The head and the root are written again by every group: each key is its own hint.
      return std::shared_ptr<const rocksdb::SliceTransform>(rocksdb::NewNoopTransform());
    default:
      return nullptr;  // event ids are random; projections write in bulk, seldom
  }
}

}  // namespace

rocksdb::DBOptions StoreDbOptions(const RocksDbStoreOptions& options) {
  rocksdb::DBOptions db;
  db.create_if_missing = true;
  db.create_missing_column_families = true;
  db.max_background_jobs = 2;
  db.bytes_per_sync = 1 << 20;
  // Appends are acknowledged only after an fsync of the WAL; keep that one cheap.
  db.wal_bytes_per_sync = 0;
  db.manual_wal_flush = false;
  // No WAL recycling (recycle_log_file_num): RocksDB 7.8 turns it off under the default
  // kPointInTimeRecovery, and the recovery modes it does allow are weaker than we want.
  if (options.env != nullptr) db.env = options.env;
  return db;
}

rocksdb::ColumnFamilyOptions StoreColumnFamilyOptions(layout::ColumnFamily family) {
  rocksdb::ColumnFamilyOptions cf;
  cf.write_buffer_size = 64 << 20;
  cf.memtable_insert_with_hint_prefix_extractor = InsertHint(family);
  rocksdb::BlockBasedTableOptions table;
  table.block_cache = SharedBlockCache();
  // Point lookups (is this event id new? where is this stream's head?) dominate the indexes.
  if (family == layout::ColumnFamily::kEventIds || family == layout::ColumnFamily::kStreamIndex) {
    table.filter_policy.reset(rocksdb::NewBloomFilterPolicy(10));
    // ... and in the memtable too: a new event id (nearly every append) is then a bit test, not
    // a skiplist search.
    cf.memtable_prefix_bloom_size_ratio = 0.02;
    cf.memtable_whole_key_filtering = true;
  }
  // The log is read in long forward scans (subscriptions, rebuilds, Verify): large blocks mean
  // fewer block-cache lookups per event.
  if (family == layout::ColumnFamily::kEvents) table.block_size = 64 << 10;
  // A proof reads about 2 log2(n) nodes scattered over the whole column family: small blocks, so a
  // node not in the cache costs a 4 KiB read rather than 64 KiB read and decompressed.
  if (family == layout::ColumnFamily::kMerkleNodes) table.block_size = 4 << 10;
  cf.table_factory.reset(rocksdb::NewBlockBasedTableFactory(table));
  // LZ4 at every level: cheap to decompress on the read paths that scan the whole log. Hashes do
  // not compress, so the Merkle nodes are stored as they are.
  const rocksdb::CompressionType compression = family == layout::ColumnFamily::kMerkleNodes
                                                   ? rocksdb::kNoCompression
                                                   : rocksdb::kLZ4Compression;
  cf.compression = compression;
  cf.bottommost_compression = compression;
  return cf;
}

}  // namespace endeavour::eventstore
