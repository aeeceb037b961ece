// The right edge of an RFC 6962 Merkle tree: enough to append leaves and compute the root without
// reading anything back. Every node completed by an append is reported so the caller can store it.
#ifndef ENDEAVOUR_EVENTSTORE_MERKLE_H_
#define ENDEAVOUR_EVENTSTORE_MERKLE_H_

#include <cstdint>
#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "eventstore/sha256.h"

namespace endeavour::eventstore {

// A node of the tree that covers a perfect (power-of-two) run of leaves: leaves
// [index * 2^level, (index + 1) * 2^level), counted from 0.
struct MerkleNode {
  uint8_t level = 0;
  uint64_t index = 0;
  std::string hash;
};

class MerkleFrontier {
 public:
  MerkleFrontier() = default;

  // The perfect subtrees a tree of `size` leaves is made of, largest (leftmost) first: one per
  // set bit of `size`. Their hashes are what FromSubtrees needs, in the same order.
  static std::vector<MerkleNode> SubtreesOf(uint64_t size);

  // Rebuilds the frontier of a tree of `size` leaves from the hashes of SubtreesOf(size).
  static absl::StatusOr<MerkleFrontier> FromSubtrees(uint64_t size,
                                                     std::vector<std::string> hashes);

  uint64_t size() const { return size_; }

  // Adds a leaf whose hash is `leaf_hash`. Appends to `completed` the new leaf node and every inner
  // node it completes, lowest level first.
  void Append(std::string leaf_hash, Sha256& sha, std::vector<MerkleNode>* completed);

  // RFC 6962 MTH of all leaves so far; SHA-256("") for none.
  std::string Root(Sha256& sha) const;

 private:
  uint64_t size_ = 0;
  // Roots of the perfect subtrees, largest first; subtrees_[i] has the level of the i-th set bit
  // of size_ counted from the top.
  std::vector<MerkleNode> subtrees_;
};

}  // namespace endeavour::eventstore

#endif  // ENDEAVOUR_EVENTSTORE_MERKLE_H_
