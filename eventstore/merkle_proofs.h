// RFC 6962 proofs over the store's Merkle log (sections 2.1.1 and 2.1.2): an inclusion proof that
// an event is in a tree of a given size, and a consistency proof that a smaller tree is a prefix of
// a larger one, each computed from the stored perfect-subtree nodes in O(log n) reads; and the pure
// checks a verifier runs with nothing but the proof, the leaf's stored bytes and the roots.
#ifndef ENDEAVOUR_EVENTSTORE_MERKLE_PROOFS_H_
#define ENDEAVOUR_EVENTSTORE_MERKLE_PROOFS_H_

#include <cstdint>
#include <string>
#include <vector>

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"

namespace endeavour::eventstore {

// Proofs over the log as it stands. Positions count from 1 (the first event); the RFC's leaf
// index is position - 1. Hashes are raw 32-byte strings.
class MerkleProofs {
 public:
  virtual ~MerkleProofs() = default;

  // MTH of the first `tree_size` events (1 <= tree_size <= the head). INVALID_ARGUMENT otherwise.
  virtual absl::StatusOr<std::string> RootAt(uint64_t tree_size) const = 0;

  // The audit path of the event at `position` in the tree of the first `tree_size` events,
  // PATH(m, D[n]) of RFC 6962 2.1.1, nearest the leaf first. INVALID_ARGUMENT unless
  // 1 <= position <= tree_size <= the head.
  virtual absl::StatusOr<std::vector<std::string>> InclusionProof(uint64_t position,
                                                                  uint64_t tree_size) const = 0;

  // PROOF(m, D[n]) of RFC 6962 2.1.2 between the trees of the first `first_size` and
  // `second_size` events. INVALID_ARGUMENT unless 1 <= first_size <= second_size <= the head.
  virtual absl::StatusOr<std::vector<std::string>> ConsistencyProof(
      uint64_t first_size, uint64_t second_size) const = 0;
};

// SHA-256(0x00 || stored envelope bytes): the leaf hash of one event.
std::string LeafHash(absl::string_view stored_bytes);

// OK when `proof` shows the leaf with `leaf_hash` at `position` in a tree of `tree_size` whose
// root is `root`; otherwise an error saying what did not match.
absl::Status VerifyInclusion(absl::string_view leaf_hash, uint64_t position, uint64_t tree_size,
                             const std::vector<std::string>& proof, absl::string_view root);

// OK when `proof` shows the tree (`first_size`, `first_root`) is a prefix of (`second_size`,
// `second_root`); otherwise an error saying what did not match.
absl::Status VerifyConsistency(uint64_t first_size, absl::string_view first_root,
                               uint64_t second_size, absl::string_view second_root,
                               const std::vector<std::string>& proof);

}  // namespace endeavour::eventstore

#endif  // ENDEAVOUR_EVENTSTORE_MERKLE_PROOFS_H_
