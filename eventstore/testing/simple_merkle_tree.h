// A deliberately simple RFC 6962 Merkle tree for tests, written straight from RFC 6962 section
// 2.1: MTH, PATH, PROOF and SUBPROOF as the recursions the RFC gives, splitting at the largest
// power of two below n. What the store computes from its stored nodes is checked against this.
#ifndef ENDEAVOUR_EVENTSTORE_TESTING_SIMPLE_MERKLE_TREE_H_
#define ENDEAVOUR_EVENTSTORE_TESTING_SIMPLE_MERKLE_TREE_H_

#include <openssl/sha.h>

#include <cstdint>
#include <map>
#include <string>
#include <utility>
#include <vector>

namespace endeavour::testing {

inline std::string Sha(const std::string& bytes) {
  unsigned char out[SHA256_DIGEST_LENGTH];
  SHA256(reinterpret_cast<const unsigned char*>(bytes.data()), bytes.size(), out);
  return std::string(reinterpret_cast<char*>(out), sizeof(out));
}

// RFC 6962 section 2.1, as written there. Ranges are [begin, end) of the leaf hashes.
class SimpleMerkleTree {
 public:
  explicit SimpleMerkleTree(std::vector<std::string> leaf_hashes)
      : leaf_hashes_(std::move(leaf_hashes)) {}

  static uint64_t SplitPoint(uint64_t n) {
    uint64_t k = 1;
    while (k * 2 < n) k *= 2;
    return k;
  }

  std::string Mth(uint64_t begin, uint64_t end) {
    if (end - begin == 1) return leaf_hashes_[begin];
    auto [it, inserted] = mth_.try_emplace({begin, end});
    if (inserted) {
      const uint64_t k = SplitPoint(end - begin);
      it->second = Sha("\x01" + Mth(begin, begin + k) + Mth(begin + k, end));
    }
    return it->second;
  }

  // PATH(m, D[begin:end]), m counted from begin.
  std::vector<std::string> Path(uint64_t m, uint64_t begin, uint64_t end) {
    if (end - begin == 1) return {};
    const uint64_t k = SplitPoint(end - begin);
    std::vector<std::string> path;
    if (m < k) {
      path = Path(m, begin, begin + k);
      path.push_back(Mth(begin + k, end));
    } else {
      path = Path(m - k, begin + k, end);
      path.push_back(Mth(begin, begin + k));
    }
    return path;
  }

  // PROOF(m, D[0:n]).
  std::vector<std::string> Proof(uint64_t m, uint64_t n) { return Subproof(m, 0, n, true); }

  std::vector<std::string> Subproof(uint64_t m, uint64_t begin, uint64_t end, bool b) {
    if (m == end - begin) {
      if (b) return {};
      return {Mth(begin, end)};
    }
    const uint64_t k = SplitPoint(end - begin);
    std::vector<std::string> proof;
    if (m <= k) {
      proof = Subproof(m, begin, begin + k, b);
      proof.push_back(Mth(begin + k, end));
    } else {
      proof = Subproof(m - k, begin + k, end, false);
      proof.push_back(Mth(begin, begin + k));
    }
    return proof;
  }

 private:
  std::vector<std::string> leaf_hashes_;
  std::map<std::pair<uint64_t, uint64_t>, std::string> mth_;
};

}  // namespace endeavour::testing

#endif  // ENDEAVOUR_EVENTSTORE_TESTING_SIMPLE_MERKLE_TREE_H_
