// The verifier's side of RFC 6962 proofs, as RFC 9162 sections 2.1.3.2 and 2.1.4.2 spell it out.
// Malformed arguments (sizes, positions, hash lengths, a proof of the wrong length) are
// INVALID_ARGUMENT; a well-formed proof whose hashes do not lead to the given roots is DATA_LOSS,
// the code the store uses for a log that does not match its hashes.
#include "eventstore/merkle_proofs.h"

#include <bit>
#include <string_view>

#include "absl/strings/str_cat.h"
#include "eventstore/sha256.h"

namespace endeavour::eventstore {
namespace {

std::string_view View(absl::string_view s) { return std::string_view(s.data(), s.size()); }

absl::Status CheckHash(absl::string_view name, absl::string_view hash) {
  if (hash.size() == kHashBytes) return absl::OkStatus();
  return absl::InvalidArgumentError(
      absl::StrCat(std::string(name), ": ", hash.size(), " bytes, not ", kHashBytes));
}

absl::Status CheckProofHashes(const std::vector<std::string>& proof) {
  for (size_t i = 0; i < proof.size(); ++i) {
    if (absl::Status s = CheckHash(absl::StrCat("proof[", i, "]"), proof[i]); !s.ok()) return s;
  }
  return absl::OkStatus();
}

uint64_t LargestPowerOfTwoBelow(uint64_t n) { return std::bit_floor(n - 1); }  // REQUIRES: n > 1

// The number of hashes in PATH(index, D[0:size]), walking the RFC's recursion without hashing.
size_t InclusionProofLength(uint64_t index, uint64_t size) {
  size_t length = 0;
  for (uint64_t begin = 0; size > 1; ++length) {
    const uint64_t k = LargestPowerOfTwoBelow(size);
    if (index - begin < k) {
      size = k;
    } else {
      begin += k;
      size -= k;
    }
  }
  return length;
}

// The number of hashes in PROOF(first, D[0:second]) for 0 < first < second.
size_t ConsistencyProofLength(uint64_t first, uint64_t second) {
  size_t length = 0;
  bool whole_subtree = true;  // the RFC's b: the first tree's root is itself a node here
  for (uint64_t m = first, n = second; m != n; ++length) {
    const uint64_t k = LargestPowerOfTwoBelow(n);
    if (m <= k) {
      n = k;
    } else {
      m -= k;
      n -= k;
      whole_subtree = false;
    }
  }
  return whole_subtree ? length : length + 1;
}

}  // namespace

std::string LeafHash(absl::string_view stored_bytes) {
  Sha256 sha;
  return sha.LeafHash(View(stored_bytes));
}

absl::Status VerifyInclusion(absl::string_view leaf_hash, uint64_t position, uint64_t tree_size,
                             const std::vector<std::string>& proof, absl::string_view root) {
  if (tree_size == 0) return absl::InvalidArgumentError("tree_size: must be at least 1");
  if (position == 0 || position > tree_size) {
    return absl::InvalidArgumentError(absl::StrCat("position: ", position, " is not in a tree of ",
                                                   tree_size, " (1..", tree_size, ")"));
  }
  if (absl::Status s = CheckHash("leaf_hash", leaf_hash); !s.ok()) return s;
  if (absl::Status s = CheckHash("root", root); !s.ok()) return s;
  if (absl::Status s = CheckProofHashes(proof); !s.ok()) return s;
  const size_t expected = InclusionProofLength(position - 1, tree_size);
  if (proof.size() != expected) {
    return absl::InvalidArgumentError(
        absl::StrCat("proof: ", proof.size(), " hashes, but an inclusion proof for position ",
                     position, " in a tree of ", tree_size, " has ", expected));
  }
  Sha256 sha;
  uint64_t fn = position - 1;
  uint64_t sn = tree_size - 1;
  std::string r(leaf_hash);
  for (const std::string& p : proof) {
    if ((fn & 1) == 1 || fn == sn) {
      r = sha.NodeHash(p, r);
      while ((fn & 1) == 0 && fn != 0) {
        fn >>= 1;
        sn >>= 1;
      }
    } else {
      r = sha.NodeHash(r, p);
    }
    fn >>= 1;
    sn >>= 1;
  }
  // The length check above makes sn reach 0 exactly here; the root is what remains to compare.
  if (sn != 0 || r != root) {
    return absl::DataLossError(
        absl::StrCat("inclusion proof: the root computed from the leaf at position ", position,
                     " and the proof does not match the root of the tree of ", tree_size));
  }
  return absl::OkStatus();
}

absl::Status VerifyConsistency(uint64_t first_size, absl::string_view first_root,
                               uint64_t second_size, absl::string_view second_root,
                               const std::vector<std::string>& proof) {
  if (first_size == 0) return absl::InvalidArgumentError("first_size: must be at least 1");
  if (first_size > second_size) {
    return absl::InvalidArgumentError(
        absl::StrCat("first_size: ", first_size, " is larger than second_size ", second_size));
  }
  if (absl::Status s = CheckHash("first_root", first_root); !s.ok()) return s;
  if (absl::Status s = CheckHash("second_root", second_root); !s.ok()) return s;
  if (absl::Status s = CheckProofHashes(proof); !s.ok()) return s;
  const size_t expected =
      first_size == second_size ? 0 : ConsistencyProofLength(first_size, second_size);
  if (proof.size() != expected) {
    return absl::InvalidArgumentError(
        absl::StrCat("proof: ", proof.size(), " hashes, but a consistency proof from a tree of ",
                     first_size, " to one of ", second_size, " has ", expected));
  }
  if (first_size == second_size) {
    if (first_root != second_root) {
      return absl::DataLossError(
          absl::StrCat("consistency proof: two different roots for the "
                       "same tree size ",
                       first_size));
    }
    return absl::OkStatus();
  }

  // A first tree that is a perfect subtree is not in the proof: the verifier holds its root.
  std::vector<std::string_view> path;
  path.reserve(proof.size() + 1);
  if ((first_size & (first_size - 1)) == 0) path.push_back(View(first_root));
  for (const std::string& p : proof) path.push_back(p);

  Sha256 sha;
  uint64_t fn = first_size - 1;
  uint64_t sn = second_size - 1;
  while ((fn & 1) == 1) {
    fn >>= 1;
    sn >>= 1;
  }
  std::string fr(path[0]);
  std::string sr(path[0]);
  for (size_t i = 1; i < path.size(); ++i) {
    const std::string_view c = path[i];
    if (sn == 0) break;  // cannot happen after the length check; the final sn check reports it
    if ((fn & 1) == 1 || fn == sn) {
      fr = sha.NodeHash(c, fr);
      sr = sha.NodeHash(c, sr);
      while ((fn & 1) == 0 && fn != 0) {
        fn >>= 1;
        sn >>= 1;
      }
    } else {
      sr = sha.NodeHash(sr, c);
    }
    fn >>= 1;
    sn >>= 1;
  }
  if (sn != 0 || fr != first_root) {
    return absl::DataLossError(
        absl::StrCat("consistency proof: the proof does not lead to the "
                     "root of the tree of ",
                     first_size));
  }
  if (sr != second_root) {
    return absl::DataLossError(
        absl::StrCat("consistency proof: the proof does not lead to the "
                     "root of the tree of ",
                     second_size));
  }
  return absl::OkStatus();
}

}  // namespace endeavour::eventstore
