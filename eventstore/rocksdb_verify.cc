// Verify: recompute every leaf hash, every stored Merkle node and the root from the stored event
// bytes, in one forward pass over the events and the Merkle nodes side by side.
#include "absl/strings/str_cat.h"
#include "eventstore/rocksdb_event_store_impl.h"
#include "eventstore/rocksdb_status.h"

namespace endeavour::eventstore {

using layout::ColumnFamily;

absl::Status RocksDbEventStoreImpl::Verify() const {
  const TreeHead head = CurrentTreeHead();
  const std::string upper = layout::EventKey(head.tree_size + 1);
  const rocksdb::Slice upper_slice(upper);
  rocksdb::ReadOptions read_options;
  read_options.iterate_upper_bound = &upper_slice;
  read_options.fill_cache = false;  // one pass over everything would evict what readers need
  std::unique_ptr<rocksdb::Iterator> events(
      db_->NewIterator(read_options, cf(ColumnFamily::kEvents)));
  std::unique_ptr<rocksdb::Iterator> nodes(
      db_->NewIterator(read_options, cf(ColumnFamily::kMerkleNodes)));

  Sha256 sha;
  MerkleFrontier frontier;
  std::vector<MerkleNode> completed;
  uint64_t expected_position = 1;
  nodes->SeekToFirst();
  for (events->SeekToFirst(); events->Valid(); events->Next(), ++expected_position) {
    const uint64_t position = layout::ReadBigEndian64(events->key().ToStringView());
    if (events->key().size() != 8 || position != expected_position) {
      return absl::DataLossError(absl::StrCat("verify: position ", expected_position,
                                              ": no event stored (next stored key is ", position,
                                              ")"));
    }
    completed.clear();
    frontier.Append(sha.LeafHash(events->value().ToStringView()), sha, &completed);
    for (const MerkleNode& node : completed) {
      const std::string key = layout::MerkleNodeKeyForIndex(node.level, node.index);
      if (!nodes->Valid() || nodes->key() != key) {
        return absl::DataLossError(absl::StrCat(
            "verify: position ", position, ": Merkle node at level ", node.level, " is missing"));
      }
      if (nodes->value() != node.hash) {
        return absl::DataLossError(
            node.level == 0 ? absl::StrCat("verify: position ", position,
                                           ": the stored event's bytes do not match its leaf hash")
                            : absl::StrCat("verify: position ", position, ": Merkle node at level ",
                                           node.level, " does not match the leaves below it"));
      }
      nodes->Next();
    }
  }
  if (!events->status().ok()) return FromRocksDb(events->status(), "verify: reading events");
  if (!nodes->status().ok()) return FromRocksDb(nodes->status(), "verify: reading Merkle nodes");
  if (frontier.size() != head.tree_size) {
    return absl::DataLossError(absl::StrCat("verify: the head is position ", head.tree_size,
                                            " but only ", frontier.size(), " events are stored"));
  }
  if (frontier.Root(sha) != head.root_hash) {
    return absl::DataLossError(absl::StrCat("verify: the root recomputed over ", head.tree_size,
                                            " events does not match the stored root"));
  }
  return absl::OkStatus();
}

}  // namespace endeavour::eventstore
