#include "eventstore/merkle.h"

#include <gtest/gtest.h>
#include <openssl/sha.h>

#include <random>
#include <string>
#include <vector>

#include "absl/strings/escaping.h"
#include "absl/strings/str_cat.h"

namespace endeavour::eventstore {
namespace {

// RFC 6962 section 2.1, written straight from the definition and independent of the code under
// test: MTH({}) = SHA-256(), MTH({d0}) = SHA-256(0x00 || d0), and for n > 1 with k the largest
// power of two below n, MTH(D[n]) = SHA-256(0x01 || MTH(D[0:k]) || MTH(D[k:n])).
std::string Digest(const std::string& bytes) {
  unsigned char out[SHA256_DIGEST_LENGTH];
  SHA256(reinterpret_cast<const unsigned char*>(bytes.data()), bytes.size(), out);
  return std::string(reinterpret_cast<char*>(out), sizeof(out));
}

std::string ReferenceRoot(const std::vector<std::string>& leaves, size_t begin, size_t end) {
  const size_t n = end - begin;
  if (n == 0) return Digest("");
  if (n == 1) return Digest(std::string(1, '\0') + leaves[begin]);
  size_t k = 1;
  while (k * 2 < n) k *= 2;
  return Digest(std::string(1, '\1') + ReferenceRoot(leaves, begin, begin + k) +
                ReferenceRoot(leaves, begin + k, end));
}

std::string FrontierRoot(const std::vector<std::string>& leaves) {
  Sha256 sha;
  MerkleFrontier frontier;
  std::vector<MerkleNode> completed;
  for (const std::string& leaf : leaves) frontier.Append(sha.LeafHash(leaf), sha, &completed);
  return frontier.Root(sha);
}

TEST(MerkleFrontierTest, EmptyTreeRootIsHashOfEmptyString) {
  Sha256 sha;
  EXPECT_EQ(absl::BytesToHexString(MerkleFrontier().Root(sha)),
            "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
}

// The published test vectors of the Certificate Transparency reference implementation.
TEST(MerkleFrontierTest, RootsMatchCertificateTransparencyTestVectors) {
  const std::vector<std::string> leaves = {
      "",
      absl::HexStringToBytes("00"),
      absl::HexStringToBytes("10"),
      absl::HexStringToBytes("2021"),
      absl::HexStringToBytes("3031"),
      absl::HexStringToBytes("40414243"),
      absl::HexStringToBytes("5051525354555657"),
      absl::HexStringToBytes("606162636465666768696a6b6c6d6e6f")};
  const std::vector<std::string> roots = {
      "6e340b9cffb37a989ca544e6bb780a2c78901d3fb33738768511a30617afa01d",
      "fac54203e7cc696cf0dfcb42c92a1d9dbaf70ad9e621f4bd8d98662f00e3c125",
      "aeb6bcfe274b70a14fb067a5e5578264db0fa9b51af5e0ba159158f329e06e77",
      "d37ee418976dd95753c1c73862b9398fa2a2cf9b4ff0fdfe8b30cd95209614b7",
      "4e3bbb1f7b478dcfe71fb631631519a3bca12c9aefca1612bfce4c13a86264d4",
      "76e67dadbcdf1e10e1b74ddc608abd2f98dfb16fbce75277b5232a127f2087ef",
      "ddb89be403809e325750d3d263cd78929c2942b7942a34b77e122c9594a74c8c",
      "5dc9da79a70659a9ad559cb701ded9a2ab9d823aad2f4960cfe370eff4604328"};
  for (size_t n = 1; n <= leaves.size(); ++n) {
    std::vector<std::string> prefix(leaves.begin(), leaves.begin() + n);
    EXPECT_EQ(absl::BytesToHexString(FrontierRoot(prefix)), roots[n - 1]) << "size " << n;
  }
}

TEST(MerkleFrontierTest, RootMatchesReferenceForEverySizeUpTo300) {
  std::vector<std::string> leaves;
  for (int n = 0; n <= 300; ++n) {
    EXPECT_EQ(FrontierRoot(leaves), ReferenceRoot(leaves, 0, leaves.size())) << "size " << n;
    leaves.push_back(absl::StrCat("event-", n, std::string(n % 7, 'x')));
  }
}

TEST(MerkleFrontierTest, ReportsEveryCompletedNodeWithItsCoverage) {
  Sha256 sha;
  MerkleFrontier frontier;
  std::vector<MerkleNode> completed;
  for (int i = 0; i < 4; ++i) frontier.Append(sha.LeafHash(absl::StrCat(i)), sha, &completed);
  // Leaves 0..3, then (1,0) after leaf 1, then (1,1) and (2,0) after leaf 3.
  ASSERT_EQ(completed.size(), 7u);
  EXPECT_EQ(completed[2].level, 1);
  EXPECT_EQ(completed[2].index, 0u);
  EXPECT_EQ(completed[5].level, 1);
  EXPECT_EQ(completed[5].index, 1u);
  EXPECT_EQ(completed[6].level, 2);
  EXPECT_EQ(completed[6].index, 0u);
  EXPECT_EQ(completed[6].hash, frontier.Root(sha));
}

TEST(MerkleFrontierTest, RebuiltFromStoredSubtreesContinuesTheSameTree) {
  std::mt19937_64 rng(7);
  for (int trial = 0; trial < 50; ++trial) {
    const uint64_t split = rng() % 200, total = split + rng() % 200;
    Sha256 sha;
    MerkleFrontier frontier;
    std::vector<MerkleNode> nodes;
    std::vector<std::string> leaves;
    for (uint64_t i = 0; i < split; ++i) {
      leaves.push_back(absl::StrCat("leaf ", i));
      frontier.Append(sha.LeafHash(leaves.back()), sha, &nodes);
    }
    std::vector<std::string> hashes;
    for (const MerkleNode& want : MerkleFrontier::SubtreesOf(split)) {
      for (const MerkleNode& node : nodes) {
        if (node.level == want.level && node.index == want.index) hashes.push_back(node.hash);
      }
    }
    absl::StatusOr<MerkleFrontier> rebuilt = MerkleFrontier::FromSubtrees(split, hashes);
    ASSERT_TRUE(rebuilt.ok()) << rebuilt.status();
    for (uint64_t i = split; i < total; ++i) {
      leaves.push_back(absl::StrCat("leaf ", i));
      rebuilt->Append(sha.LeafHash(leaves.back()), sha, &nodes);
    }
    EXPECT_EQ(rebuilt->Root(sha), ReferenceRoot(leaves, 0, leaves.size()))
        << "split " << split << " total " << total;
  }
}

TEST(MerkleFrontierTest, FromSubtreesRefusesTheWrongNumberOfHashes) {
  EXPECT_FALSE(MerkleFrontier::FromSubtrees(3, {std::string(32, 'a')}).ok());
  EXPECT_EQ(MerkleFrontier::FromSubtrees(1, {"short"}).status().code(),
            absl::StatusCode::kDataLoss);
}

}  // namespace
}  // namespace endeavour::eventstore
