// The RFC 6962 verifiers (and the simple tree the store's proofs are checked against) against
// Certificate Transparency's published test vectors, and the arguments a verifier refuses.
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "absl/strings/escaping.h"
#include "eventstore/merkle_proofs.h"
#include "eventstore/testing/simple_merkle_tree.h"

namespace endeavour::eventstore {
namespace {

using endeavour::testing::Sha;
using endeavour::testing::SimpleMerkleTree;
using ::testing::HasSubstr;

// Certificate Transparency's RFC 6962 test vectors (the eight leaves, their roots, and the
// published inclusion and consistency proofs), as kept by transparency-dev/merkle.
std::string Hex(const char* hex) { return absl::HexStringToBytes(hex); }

const std::vector<std::string>& VectorLeaves() {
  static const auto* leaves = new std::vector<std::string>{"",
                                                           Hex("00"),
                                                           Hex("10"),
                                                           Hex("2021"),
                                                           Hex("3031"),
                                                           Hex("40414243"),
                                                           Hex("5051525354555657"),
                                                           Hex("606162636465666768696a6b6c6d6e6f")};
  return *leaves;
}

const std::vector<std::string>& VectorRoots() {  // VectorRoots()[n - 1] is MTH(D[0:n])
  static const auto* roots = new std::vector<std::string>{
      Hex("6e340b9cffb37a989ca544e6bb780a2c78901d3fb33738768511a30617afa01d"),
      Hex("fac54203e7cc696cf0dfcb42c92a1d9dbaf70ad9e621f4bd8d98662f00e3c125"),
      Hex("aeb6bcfe274b70a14fb067a5e5578264db0fa9b51af5e0ba159158f329e06e77"),
      Hex("d37ee418976dd95753c1c73862b9398fa2a2cf9b4ff0fdfe8b30cd95209614b7"),
      Hex("4e3bbb1f7b478dcfe71fb631631519a3bca12c9aefca1612bfce4c13a86264d4"),
      Hex("76e67dadbcdf1e10e1b74ddc608abd2f98dfb16fbce75277b5232a127f2087ef"),
      Hex("ddb89be403809e325750d3d263cd78929c2942b7942a34b77e122c9594a74c8c"),
      Hex("5dc9da79a70659a9ad559cb701ded9a2ab9d823aad2f4960cfe370eff4604328")};
  return *roots;
}

struct ProofVector {
  uint64_t a;  // a position (inclusion) or first size (consistency)
  uint64_t n;  // the tree size
  std::vector<std::string> proof;
};

TEST(MerkleProofsVectorsTest, TheSimpleTreeAndTheVerifiersAgreeWithCertificateTransparency) {
  std::vector<std::string> leaf_hashes;
  for (const std::string& leaf : VectorLeaves()) leaf_hashes.push_back(LeafHash(leaf));
  SimpleMerkleTree simple(leaf_hashes);
  for (uint64_t n = 1; n <= 8; ++n) EXPECT_EQ(simple.Mth(0, n), VectorRoots()[n - 1]) << n;

  const std::vector<ProofVector> inclusion = {
      {1, 1, {}},
      {1,
       8,
       {Hex("96a296d224f285c67bee93c30f8a309157f0daa35dc5b87e410b78630a09cfc7"),
        Hex("5f083f0a1a33ca076a95279832580db3e0ef4584bdff1f54c8a360f50de3031e"),
        Hex("6b47aaf29ee3c2af9af889bc1fb9254dabd31177f16232dd6aab035ca39bf6e4")}},
      {6,
       8,
       {Hex("bc1a0643b12e4d2d7c77918f44e0f4f79a838b6cf9ec5b5c283e1f4d88599e6b"),
        Hex("ca854ea128ed050b41b35ffc1b87b8eb2bde461e9e3b5596ece6b9d5975a0ae0"),
        Hex("d37ee418976dd95753c1c73862b9398fa2a2cf9b4ff0fdfe8b30cd95209614b7")}},
      {3, 3, {Hex("fac54203e7cc696cf0dfcb42c92a1d9dbaf70ad9e621f4bd8d98662f00e3c125")}},
      {2,
       5,
       {Hex("6e340b9cffb37a989ca544e6bb780a2c78901d3fb33738768511a30617afa01d"),
        Hex("5f083f0a1a33ca076a95279832580db3e0ef4584bdff1f54c8a360f50de3031e"),
        Hex("bc1a0643b12e4d2d7c77918f44e0f4f79a838b6cf9ec5b5c283e1f4d88599e6b")}}};
  for (const ProofVector& v : inclusion) {
    EXPECT_EQ(simple.Path(v.a - 1, 0, v.n), v.proof) << v.a << " in " << v.n;
    EXPECT_TRUE(
        VerifyInclusion(leaf_hashes[v.a - 1], v.a, v.n, v.proof, VectorRoots()[v.n - 1]).ok())
        << v.a << " in " << v.n;
  }

  const std::vector<ProofVector> consistency = {
      {1, 1, {}},
      {1,
       8,
       {Hex("96a296d224f285c67bee93c30f8a309157f0daa35dc5b87e410b78630a09cfc7"),
        Hex("5f083f0a1a33ca076a95279832580db3e0ef4584bdff1f54c8a360f50de3031e"),
        Hex("6b47aaf29ee3c2af9af889bc1fb9254dabd31177f16232dd6aab035ca39bf6e4")}},
      {6,
       8,
       {Hex("0ebc5d3437fbe2db158b9f126a1d118e308181031d0a949f8dededebc558ef6a"),
        Hex("ca854ea128ed050b41b35ffc1b87b8eb2bde461e9e3b5596ece6b9d5975a0ae0"),
        Hex("d37ee418976dd95753c1c73862b9398fa2a2cf9b4ff0fdfe8b30cd95209614b7")}},
      {2,
       5,
       {Hex("5f083f0a1a33ca076a95279832580db3e0ef4584bdff1f54c8a360f50de3031e"),
        Hex("bc1a0643b12e4d2d7c77918f44e0f4f79a838b6cf9ec5b5c283e1f4d88599e6b")}},
      {6,
       7,
       {Hex("0ebc5d3437fbe2db158b9f126a1d118e308181031d0a949f8dededebc558ef6a"),
        Hex("b08693ec2e721597130641e8211e7eedccb4c26413963eee6c1e2ed16ffb1a5f"),
        Hex("d37ee418976dd95753c1c73862b9398fa2a2cf9b4ff0fdfe8b30cd95209614b7")}}};
  for (const ProofVector& v : consistency) {
    EXPECT_EQ(simple.Proof(v.a, v.n), v.proof) << v.a << " to " << v.n;
    EXPECT_TRUE(
        VerifyConsistency(v.a, VectorRoots()[v.a - 1], v.n, VectorRoots()[v.n - 1], v.proof).ok())
        << v.a << " to " << v.n;
  }
}

TEST(MerkleProofsVerifyTest, BadArgumentsAreRefusedNamingTheArgument) {
  const std::string hash(32, 'h');
  auto refused = [](const absl::Status& s, const std::string& name) {
    EXPECT_EQ(s.code(), absl::StatusCode::kInvalidArgument) << s;
    EXPECT_THAT(s.message(), HasSubstr(name)) << s;
  };
  refused(VerifyInclusion(hash, 1, 0, {}, hash), "tree_size");
  refused(VerifyInclusion(hash, 0, 1, {}, hash), "position: 0");
  refused(VerifyInclusion(hash, 3, 2, {hash}, hash), "position: 3");
  refused(VerifyInclusion("short", 1, 1, {}, hash), "leaf_hash: 5 bytes");
  refused(VerifyInclusion(hash, 1, 1, {}, ""), "root: 0 bytes");
  refused(VerifyInclusion(hash, 1, 2, {"x"}, hash), "proof[0]: 1 bytes");
  refused(VerifyConsistency(0, hash, 1, hash, {}), "first_size");
  refused(VerifyConsistency(3, hash, 2, hash, {hash}), "first_size: 3 is larger");
  refused(VerifyConsistency(1, hash, 2, "", {hash}), "second_root: 0 bytes");
  refused(VerifyConsistency(1, hash, 1, hash, {hash}), "proof: 1 hashes");
  EXPECT_TRUE(VerifyConsistency(5, hash, 5, hash, {}).ok());
  EXPECT_EQ(VerifyConsistency(5, hash, 5, std::string(32, 'i'), {}).code(),
            absl::StatusCode::kDataLoss);
}

}  // namespace
}  // namespace endeavour::eventstore
