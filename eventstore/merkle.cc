#include "eventstore/merkle.h"

#include <utility>

#include "absl/strings/str_cat.h"

namespace endeavour::eventstore {

std::vector<MerkleNode> MerkleFrontier::SubtreesOf(uint64_t size) {
  std::vector<MerkleNode> nodes;
  uint64_t start = 0;
  for (int level = 63; level >= 0; --level) {
    const uint64_t width = uint64_t{1} << level;
    if ((size & width) == 0) continue;
    nodes.push_back(MerkleNode{static_cast<uint8_t>(level), start >> level, ""});
    start += width;
  }
  return nodes;
}

absl::StatusOr<MerkleFrontier> MerkleFrontier::FromSubtrees(uint64_t size,
                                                            std::vector<std::string> hashes) {
  MerkleFrontier frontier;
  frontier.size_ = size;
  frontier.subtrees_ = SubtreesOf(size);
  if (hashes.size() != frontier.subtrees_.size()) {
    return absl::InternalError(absl::StrCat("a tree of ", size, " leaves has ",
                                            frontier.subtrees_.size(), " subtrees, got ",
                                            hashes.size(), " hashes"));
  }
  for (size_t i = 0; i < hashes.size(); ++i) {
    if (hashes[i].size() != kHashBytes) {
      return absl::DataLossError(absl::StrCat("Merkle subtree hash at level ",
                                              frontier.subtrees_[i].level, " has ",
                                              hashes[i].size(), " bytes, not 32"));
    }
    frontier.subtrees_[i].hash = std::move(hashes[i]);
  }
  return frontier;
}

void MerkleFrontier::Append(std::string leaf_hash, Sha256& sha,
                            std::vector<MerkleNode>* completed) {
  MerkleNode node{0, size_, std::move(leaf_hash)};
  completed->push_back(node);
  // Two subtrees of the same level side by side make one a level up, exactly as adding one to
  // a binary counter carries.
  while (!subtrees_.empty() && subtrees_.back().level == node.level) {
    MerkleNode parent{static_cast<uint8_t>(node.level + 1), node.index >> 1,
                      sha.NodeHash(subtrees_.back().hash, node.hash)};
    subtrees_.pop_back();
    completed->push_back(parent);
    node = std::move(parent);
  }
  subtrees_.push_back(std::move(node));
  ++size_;
}

std::string MerkleFrontier::Root(Sha256& sha) const {
  if (subtrees_.empty()) return sha.EmptyRoot();
  // RFC 6962 splits at the largest power of two below the size, so the smaller subtrees on the
  // right fold together first.
  std::string root = subtrees_.back().hash;
  for (size_t i = subtrees_.size() - 1; i-- > 0;) root = sha.NodeHash(subtrees_[i].hash, root);
  return root;
}

}  // namespace endeavour::eventstore
