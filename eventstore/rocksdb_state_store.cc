#include "eventstore/rocksdb_state_store.h"

#include <memory>

#include "eventstore/rocksdb_status.h"

namespace endeavour::eventstore {
namespace {

// The first key after every key that starts with `prefix`, or "" when there is none (a prefix of
// 0xff bytes only).
std::string PrefixEnd(std::string prefix) {
  while (!prefix.empty()) {
    unsigned char last = static_cast<unsigned char>(prefix.back());
    if (last != 0xff) {
      prefix.back() = static_cast<char>(last + 1);
      return prefix;
    }
    prefix.pop_back();
  }
  return prefix;
}

}  // namespace

absl::StatusOr<std::optional<std::string>> RocksDbStateStore::Get(const std::string& key) const {
  std::string value;
  rocksdb::Status s = db_->Get(rocksdb::ReadOptions(), family_, key, &value);
  if (s.IsNotFound()) return std::nullopt;
  if (!s.ok()) return FromRocksDb(s, "reading projection state");
  return value;
}

absl::Status RocksDbStateStore::Scan(
    const std::string& prefix,
    absl::FunctionRef<bool(absl::string_view key, absl::string_view value)> visit) const {
  std::unique_ptr<rocksdb::Iterator> it(db_->NewIterator(rocksdb::ReadOptions(), family_));
  for (it->Seek(prefix); it->Valid() && it->key().starts_with(prefix); it->Next()) {
    if (!visit(absl::string_view(it->key().data(), it->key().size()),
               absl::string_view(it->value().data(), it->value().size()))) {
      break;
    }
  }
  return FromRocksDb(it->status(), "scanning projection state");
}

absl::Status RocksDbStateStore::Write(const StateWrite& write) {
  // A rebuild writes a hundred megabytes or more at once: sized up front, the batch is not copied
  // again and again as it grows. 16 bytes a record cover its tag, column family and lengths.
  size_t bytes = 64;
  for (const auto& [key, value] : write.puts) bytes += key.size() + value.size() + 16;
  rocksdb::WriteBatch batch(bytes);
  for (const std::string& prefix : write.deleted_prefixes) {
    const std::string end = PrefixEnd(prefix);
    rocksdb::Status s = end.empty() ? rocksdb::Status::InvalidArgument("empty or 0xff prefix")
                                    : batch.DeleteRange(family_, prefix, end);
    if (!s.ok()) return FromRocksDb(s, "deleting projection state");
  }
  for (const std::string& key : write.deletes) {
    if (rocksdb::Status s = batch.Delete(family_, key); !s.ok()) {
      return FromRocksDb(s, "deleting projection state");
    }
  }
  for (const auto& [key, value] : write.puts) {
    if (rocksdb::Status s = batch.Put(family_, key, value); !s.ok()) {
      return FromRocksDb(s, "writing projection state");
    }
  }
  // Not through the WAL: a rebuild's one write is large. For a log of a million events it was
  // 375 MB before the views were compressed (109 MB since), and took 0.67 s through the WAL
  // against 0.38-0.58 s without it, and seconds when the disk was still writing back what came
  // before.
  // What the state needs still holds without it (state_store.h): a batch lands in the memtable
  // whole, and the family is flushed a whole memtable at a time, so after a crash it holds the
  // writes up to some point, each checkpoint with its state; the runner folds the rest again.
  // Closing the database flushes what is in memory.
  rocksdb::WriteOptions options;
  options.disableWAL = true;
  return FromRocksDb(db_->Write(options, &batch), "writing projection state");
}

}  // namespace endeavour::eventstore
