#include "eventstore/rocksdb_merkle_proofs.h"

#include <algorithm>
#include <bit>

#include "absl/strings/str_cat.h"
#include "eventstore/rocksdb_layout.h"
#include "eventstore/rocksdb_status.h"
#include "eventstore/sha256.h"

namespace endeavour::eventstore {
namespace {

uint64_t LargestPowerOfTwoBelow(uint64_t n) { return std::bit_floor(n - 1); }  // REQUIRES: n > 1

absl::Status CheckSize(const char* name, uint64_t size, uint64_t head) {
  if (size == 0) return absl::InvalidArgumentError(absl::StrCat(name, ": must be at least 1"));
  if (size > head) {
    return absl::InvalidArgumentError(
        absl::StrCat(name, ": ", size, " is past the head of the log (", head, ")"));
  }
  return absl::OkStatus();
}

// A stored perfect subtree: leaves [index * 2^level, (index + 1) * 2^level).
struct NodeId {
  uint8_t level;
  uint64_t index;
};

}  // namespace

absl::StatusOr<std::vector<std::string>> RocksDbMerkleProofs::RangeRoots(
    const std::vector<LeafRange>& ranges) const {
  if (ranges.empty()) return std::vector<std::string>();
  // Each range splits into perfect subtrees of strictly falling size, largest first; RFC 6962's
  // MTH of the range then folds them together from the right.
  std::vector<NodeId> nodes;
  std::vector<size_t> first_node;  // ranges[i] uses nodes[first_node[i] .. first_node[i + 1])
  for (const LeafRange& range : ranges) {
    first_node.push_back(nodes.size());
    for (uint64_t begin = range.begin; begin < range.end;) {
      uint64_t width = std::bit_floor(range.end - begin);
      while (begin % width != 0) width >>= 1;
      nodes.push_back(NodeId{static_cast<uint8_t>(std::countr_zero(width)), begin / width});
      begin += width;
    }
  }
  first_node.push_back(nodes.size());

  std::vector<std::string> keys;
  keys.reserve(nodes.size());
  for (const NodeId& node : nodes) {
    keys.push_back(layout::MerkleNodeKeyForIndex(node.level, node.index));
  }
  std::vector<rocksdb::Slice> slices(keys.begin(), keys.end());
  std::vector<rocksdb::PinnableSlice> values(keys.size());
  std::vector<rocksdb::Status> statuses(keys.size());
  db_->MultiGet(rocksdb::ReadOptions(), nodes_, keys.size(), slices.data(), values.data(),
                statuses.data());
  for (size_t i = 0; i < nodes.size(); ++i) {
    const uint64_t last = (nodes[i].index + 1) << nodes[i].level;
    if (statuses[i].IsNotFound()) {
      return absl::DataLossError(absl::StrCat("event store: the Merkle node at level ",
                                              nodes[i].level, " ending at position ", last,
                                              " is missing"));
    }
    if (!statuses[i].ok()) return FromRocksDb(statuses[i], "reading Merkle nodes");
    if (values[i].size() != kHashBytes) {
      return absl::DataLossError(absl::StrCat("event store: the Merkle node at level ",
                                              nodes[i].level, " ending at position ", last, " has ",
                                              values[i].size(), " bytes, not 32"));
    }
  }

  Sha256 sha;
  std::vector<std::string> roots;
  roots.reserve(ranges.size());
  for (size_t r = 0; r < ranges.size(); ++r) {
    std::string root = values[first_node[r + 1] - 1].ToString();
    for (size_t i = first_node[r + 1] - 1; i-- > first_node[r];) {
      root = sha.NodeHash(values[i].ToStringView(), root);
    }
    roots.push_back(std::move(root));
  }
  return roots;
}

absl::StatusOr<std::string> RocksDbMerkleProofs::RootAt(uint64_t tree_size) const {
  if (absl::Status s = CheckSize("tree_size", tree_size, head_()); !s.ok()) return s;
  absl::StatusOr<std::vector<std::string>> roots = RangeRoots({LeafRange{0, tree_size}});
  if (!roots.ok()) return roots.status();
  return std::move(roots->front());
}

absl::StatusOr<std::vector<std::string>> RocksDbMerkleProofs::InclusionProof(
    uint64_t position, uint64_t tree_size) const {
  if (absl::Status s = CheckSize("tree_size", tree_size, head_()); !s.ok()) return s;
  if (position == 0 || position > tree_size) {
    return absl::InvalidArgumentError(absl::StrCat(
        "position: ", position, " is not in the tree of ", tree_size, " (1..", tree_size, ")"));
  }
  // PATH(m, D[0:n]) of RFC 6962 2.1.1, unrolled: walking down from the root, each step keeps the
  // half holding the leaf and the proof gains the root of the other half. The proof lists them
  // from the leaf up.
  const uint64_t m = position - 1;
  std::vector<LeafRange> siblings;
  for (uint64_t begin = 0, end = tree_size; end - begin > 1;) {
    const uint64_t k = LargestPowerOfTwoBelow(end - begin);
    if (m < begin + k) {
      siblings.push_back({begin + k, end});
      end = begin + k;
    } else {
      siblings.push_back({begin, begin + k});
      begin += k;
    }
  }
  std::reverse(siblings.begin(), siblings.end());
  return RangeRoots(siblings);
}

absl::StatusOr<std::vector<std::string>> RocksDbMerkleProofs::ConsistencyProof(
    uint64_t first_size, uint64_t second_size) const {
  const uint64_t head = head_();
  if (absl::Status s = CheckSize("first_size", first_size, head); !s.ok()) return s;
  if (absl::Status s = CheckSize("second_size", second_size, head); !s.ok()) return s;
  if (first_size > second_size) {
    return absl::InvalidArgumentError(
        absl::StrCat("first_size: ", first_size, " is larger than second_size ", second_size));
  }
  // SUBPROOF(m, D[0:n], true) of RFC 6962 2.1.2, unrolled the same way. `whole` is the RFC's b:
  // while it holds, the subtree reached is the whole first tree, whose root the verifier has.
  std::vector<LeafRange> siblings;
  uint64_t begin = 0;
  uint64_t end = second_size;
  bool whole = true;
  while (end != first_size) {
    const uint64_t k = LargestPowerOfTwoBelow(end - begin);
    if (first_size <= begin + k) {
      siblings.push_back({begin + k, end});
      end = begin + k;
    } else {
      siblings.push_back({begin, begin + k});
      begin += k;
      whole = false;
    }
  }
  std::vector<LeafRange> ranges;
  ranges.reserve(siblings.size() + 1);
  if (!whole) ranges.push_back({begin, end});
  ranges.insert(ranges.end(), siblings.rbegin(), siblings.rend());
  return RangeRoots(ranges);
}

}  // namespace endeavour::eventstore
