// MerkleProofs over the embedded store's `merkle_nodes` column family (eventstore/FORMAT.md).
// Every hash a proof needs is the root of a run of leaves that either is a stored perfect subtree
// (one point read) or ends on the ragged right edge of the tree (composed from at most log2(n)
// stored perfect subtrees). A proof is one MultiGet of O(log n) keys; nothing scans the log.
#ifndef ENDEAVOUR_EVENTSTORE_ROCKSDB_MERKLE_PROOFS_H_
#define ENDEAVOUR_EVENTSTORE_ROCKSDB_MERKLE_PROOFS_H_

#include <rocksdb/db.h>

#include <cstdint>
#include <functional>
#include <string>
#include <utility>
#include <vector>

#include "eventstore/merkle_proofs.h"

namespace endeavour::eventstore {

class RocksDbMerkleProofs final : public MerkleProofs {
 public:
  // `db` and `nodes` must outlive this object. `head` returns the published head, the largest
  // tree size a proof may name; every node of a tree up to it is written and never changes, so a
  // proof needs no snapshot and is safe from any thread while appends go on.
  RocksDbMerkleProofs(rocksdb::DB* db, rocksdb::ColumnFamilyHandle* nodes,
                      std::function<uint64_t()> head)
      : db_(db), nodes_(nodes), head_(std::move(head)) {}

  absl::StatusOr<std::string> RootAt(uint64_t tree_size) const override;
  absl::StatusOr<std::vector<std::string>> InclusionProof(uint64_t position,
                                                          uint64_t tree_size) const override;
  absl::StatusOr<std::vector<std::string>> ConsistencyProof(uint64_t first_size,
                                                            uint64_t second_size) const override;

 private:
  // Leaves [begin, end), counted from 0.
  struct LeafRange {
    uint64_t begin = 0;
    uint64_t end = 0;
  };

  // MTH of each range, in order. Each range starts at a multiple of a power of two at least its
  // length, as every range in RFC 6962's recursion does.
  absl::StatusOr<std::vector<std::string>> RangeRoots(const std::vector<LeafRange>& ranges) const;

  rocksdb::DB* const db_;
  rocksdb::ColumnFamilyHandle* const nodes_;
  const std::function<uint64_t()> head_;
};

}  // namespace endeavour::eventstore

#endif  // ENDEAVOUR_EVENTSTORE_ROCKSDB_MERKLE_PROOFS_H_
