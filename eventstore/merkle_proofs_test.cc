// The store's RFC 6962 proofs against a deliberately simple implementation written here straight
// from RFC 6962 section 2.1 (MTH, PATH, PROOF and SUBPROOF as recursions that split at the largest
// power of two below n), over the leaf hashes of the events read back from a real store; the
// verifiers against Certificate Transparency's published test vectors; and everything a verifier
// must refuse.
#include "eventstore/merkle_proofs.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>
#include <openssl/sha.h>

#include <map>
#include <memory>
#include <random>
#include <thread>
#include <utility>

#include "absl/strings/escaping.h"
#include "absl/strings/str_cat.h"
#include "eventstore/rocksdb_event_store.h"
#include "eventstore/testing/temp_dir.h"

namespace endeavour::eventstore {
namespace {

using endeavour::testing::TempDir;
using ::testing::HasSubstr;

std::string Sha(const std::string& bytes) {
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

endeavour::v1::EventEnvelope Event(int i) {
  endeavour::v1::EventEnvelope e;
  e.set_event_id(absl::StrCat("event-", i));
  e.set_event_type("endeavour.v1.InterventionDelivered");
  e.set_tenant("school-1");
  e.set_payload(absl::StrCat("session ", i));
  return e;
}

void Fill(RocksDbEventStore& store, int events) {
  for (int i = 0; i < events;) {
    std::vector<endeavour::v1::EventEnvelope> batch;
    for (int j = 0; j < 100 && i < events; ++j, ++i) batch.push_back(Event(i));
    ASSERT_TRUE(store
                    .Append(absl::StrCat("pupil/school-1/p", i % 7), ExpectedVersion::Any(),
                            std::move(batch))
                    .ok());
  }
}

// The leaf hashes of every event, computed here from the stored bytes read back.
std::vector<std::string> ReadLeafHashes(const RocksDbEventStore& store) {
  std::vector<std::string> hashes;
  for (uint64_t from = 1; from <= store.HeadPosition();) {
    absl::StatusOr<LogPage> page = store.ReadAll(from, 1000, {});
    EXPECT_TRUE(page.ok()) << page.status();
    if (!page.ok()) return {};
    for (const StoredEvent& e : page->events) hashes.push_back(Sha(std::string(1, '\0') + e.bytes));
    from = page->next_position;
  }
  return hashes;
}

// One store per size of test, shared by its tests: filling is the slow part.
struct FilledStore {
  explicit FilledStore(int events) : dir("merkle_proofs_test") {
    auto opened = RocksDbEventStore::Open(dir.path());
    EXPECT_TRUE(opened.ok()) << opened.status();
    store = *std::move(opened);
    Fill(*store, events);
    leaf_hashes = ReadLeafHashes(*store);
    EXPECT_EQ(leaf_hashes.size(), static_cast<size_t>(events));
  }
  TempDir dir;
  std::unique_ptr<RocksDbEventStore> store;
  std::vector<std::string> leaf_hashes;
};

class MerkleProofsTest : public ::testing::Test {
 protected:
  static void SetUpTestSuite() { small_ = new FilledStore(300); }
  static void TearDownTestSuite() {
    delete small_;
    small_ = nullptr;
  }
  const MerkleProofs& proofs() { return small_->store->Proofs(); }
  static FilledStore* small_;
};
FilledStore* MerkleProofsTest::small_ = nullptr;

TEST_F(MerkleProofsTest, LeafHashIsTheRfc6962LeafHashOfTheStoredBytes) {
  absl::StatusOr<LogPage> page = small_->store->ReadAll(1, 300, {});
  ASSERT_TRUE(page.ok()) << page.status();
  for (size_t i = 0; i < page->events.size(); ++i) {
    EXPECT_EQ(LeafHash(page->events[i].bytes), small_->leaf_hashes[i]);
  }
}

TEST_F(MerkleProofsTest, EveryRootInclusionProofAndConsistencyProofUpTo300MatchesTheRfc) {
  SimpleMerkleTree simple(small_->leaf_hashes);
  ASSERT_EQ(small_->store->HeadPosition(), 300u);
  for (uint64_t n = 1; n <= 300; ++n) {
    absl::StatusOr<std::string> root = proofs().RootAt(n);
    ASSERT_TRUE(root.ok()) << root.status();
    ASSERT_EQ(*root, simple.Mth(0, n)) << "RootAt(" << n << ")";
    for (uint64_t position = 1; position <= n; ++position) {
      auto proof = proofs().InclusionProof(position, n);
      ASSERT_TRUE(proof.ok()) << proof.status();
      ASSERT_EQ(*proof, simple.Path(position - 1, 0, n)) << "position " << position << " in " << n;
      ASSERT_TRUE(
          VerifyInclusion(small_->leaf_hashes[position - 1], position, n, *proof, *root).ok())
          << "position " << position << " in " << n;
    }
    for (uint64_t m = 1; m <= n; ++m) {
      auto proof = proofs().ConsistencyProof(m, n);
      ASSERT_TRUE(proof.ok()) << proof.status();
      ASSERT_EQ(*proof, simple.Proof(m, n)) << m << " to " << n;
      absl::Status verified = VerifyConsistency(m, simple.Mth(0, m), n, *root, *proof);
      ASSERT_TRUE(verified.ok()) << m << " to " << n << ": " << verified;
    }
  }
  EXPECT_EQ(*proofs().RootAt(300), small_->store->CurrentTreeHead().root_hash);
}

TEST(MerkleProofsRandomTest, RandomSizesInALargerStoreMatchTheRfc) {
  FilledStore big(3000);
  SimpleMerkleTree simple(big.leaf_hashes);
  const MerkleProofs& proofs = big.store->Proofs();
  std::mt19937_64 random(6962);
  auto size = [&] { return std::uniform_int_distribution<uint64_t>(1, 3000)(random); };
  for (int i = 0; i < 300; ++i) {
    const uint64_t n = size();
    const uint64_t position = std::uniform_int_distribution<uint64_t>(1, n)(random);
    auto proof = proofs.InclusionProof(position, n);
    ASSERT_TRUE(proof.ok()) << proof.status();
    ASSERT_EQ(*proof, simple.Path(position - 1, 0, n)) << "position " << position << " in " << n;
    EXPECT_TRUE(
        VerifyInclusion(big.leaf_hashes[position - 1], position, n, *proof, simple.Mth(0, n)).ok());
  }
  for (int i = 0; i < 300; ++i) {
    uint64_t m = size(), n = size();
    if (m > n) std::swap(m, n);
    auto proof = proofs.ConsistencyProof(m, n);
    ASSERT_TRUE(proof.ok()) << proof.status();
    ASSERT_EQ(*proof, simple.Proof(m, n)) << m << " to " << n;
    EXPECT_TRUE(VerifyConsistency(m, simple.Mth(0, m), n, simple.Mth(0, n), *proof).ok());
  }
  for (uint64_t n : {1024u, 1025u, 2047u, 2048u, 2049u, 3000u}) {
    EXPECT_EQ(*proofs.RootAt(n), simple.Mth(0, n)) << n;
  }
}

TEST_F(MerkleProofsTest, BadArgumentsAreRefusedNamingTheArgument) {
  auto refused = [](const absl::Status& s, const std::string& name) {
    EXPECT_EQ(s.code(), absl::StatusCode::kInvalidArgument) << s;
    EXPECT_THAT(s.message(), HasSubstr(name)) << s;
  };
  refused(proofs().RootAt(0).status(), "tree_size");
  refused(proofs().RootAt(301).status(), "tree_size: 301 is past the head of the log (300)");
  refused(proofs().InclusionProof(0, 10).status(), "position");
  refused(proofs().InclusionProof(11, 10).status(), "position: 11");
  refused(proofs().InclusionProof(1, 0).status(), "tree_size");
  refused(proofs().InclusionProof(1, 301).status(), "tree_size: 301");
  refused(proofs().ConsistencyProof(0, 10).status(), "first_size");
  refused(proofs().ConsistencyProof(1, 301).status(), "second_size: 301");
  refused(proofs().ConsistencyProof(301, 301).status(), "first_size: 301");
  refused(proofs().ConsistencyProof(11, 10).status(), "first_size: 11 is larger than second_size");
}

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

// Every way a proof can be wrong, for each (position, size) of a tree of up to 64 events.
TEST_F(MerkleProofsTest, VerifyInclusionRefusesEveryAlteration) {
  const auto& leaves = small_->leaf_hashes;
  for (uint64_t n = 1; n <= 64; ++n) {
    const std::string root = *proofs().RootAt(n);
    const std::string other_root = *proofs().RootAt(n == 1 ? 2 : n - 1);
    for (uint64_t p = 1; p <= n; ++p) {
      SCOPED_TRACE(absl::StrCat("position ", p, " in ", n));
      const std::vector<std::string> proof = *proofs().InclusionProof(p, n);
      ASSERT_TRUE(VerifyInclusion(leaves[p - 1], p, n, proof, root).ok());
      for (size_t i = 0; i < proof.size(); ++i) {
        for (size_t byte : {size_t{0}, size_t{31}}) {
          std::vector<std::string> flipped = proof;
          flipped[i][byte] ^= 0x01;
          EXPECT_EQ(VerifyInclusion(leaves[p - 1], p, n, flipped, root).code(),
                    absl::StatusCode::kDataLoss);
        }
      }
      for (uint64_t wrong : {p - 1, p + 1}) {
        if (wrong >= 1 && wrong <= n) {
          EXPECT_FALSE(VerifyInclusion(leaves[p - 1], wrong, n, proof, root).ok()) << wrong;
          EXPECT_FALSE(VerifyInclusion(leaves[wrong - 1], p, n, proof, root).ok()) << wrong;
        }
      }
      // The root is what binds the size (a signed head carries both): a proof checked against
      // another size and that size's root fails, and so does one claiming a size of another
      // shape. (Sizes of the same shape give the same hashes, so n + 1 with n's root can pass.)
      EXPECT_FALSE(VerifyInclusion(leaves[p - 1], p, n + 1, proof, *proofs().RootAt(n + 1)).ok());
      if (p < n) {
        EXPECT_FALSE(VerifyInclusion(leaves[p - 1], p, n - 1, proof, *proofs().RootAt(n - 1)).ok());
      }
      EXPECT_FALSE(VerifyInclusion(leaves[p - 1], p, 2 * n, proof, root).ok());
      if (p <= n / 2) {
        EXPECT_FALSE(VerifyInclusion(leaves[p - 1], p, n / 2, proof, root).ok());
      }
      EXPECT_FALSE(VerifyInclusion(leaves[p - 1], p, n, proof, other_root).ok());
      std::vector<std::string> longer = proof;
      longer.push_back(root);
      absl::Status s = VerifyInclusion(leaves[p - 1], p, n, longer, root);
      EXPECT_EQ(s.code(), absl::StatusCode::kInvalidArgument) << s;
      EXPECT_THAT(s.message(), HasSubstr("proof: "));
      if (!proof.empty()) {
        std::vector<std::string> shorter(proof.begin(), proof.end() - 1);
        EXPECT_EQ(VerifyInclusion(leaves[p - 1], p, n, shorter, root).code(),
                  absl::StatusCode::kInvalidArgument);
      }
    }
  }
}

TEST_F(MerkleProofsTest, VerifyConsistencyRefusesEveryAlteration) {
  for (uint64_t n = 2; n <= 64; ++n) {
    const std::string second_root = *proofs().RootAt(n);
    for (uint64_t m = 1; m < n; ++m) {
      SCOPED_TRACE(absl::StrCat(m, " to ", n));
      const std::string first_root = *proofs().RootAt(m);
      const std::vector<std::string> proof = *proofs().ConsistencyProof(m, n);
      ASSERT_TRUE(VerifyConsistency(m, first_root, n, second_root, proof).ok());
      for (size_t i = 0; i < proof.size(); ++i) {
        std::vector<std::string> flipped = proof;
        flipped[i][7] ^= 0x80;
        EXPECT_EQ(VerifyConsistency(m, first_root, n, second_root, flipped).code(),
                  absl::StatusCode::kDataLoss);
      }
      EXPECT_FALSE(VerifyConsistency(m, second_root, n, first_root, proof).ok());
      EXPECT_FALSE(VerifyConsistency(m, *proofs().RootAt(n + 1), n, second_root, proof).ok());
      EXPECT_FALSE(VerifyConsistency(m, first_root, n, *proofs().RootAt(n + 1), proof).ok());
      EXPECT_FALSE(VerifyConsistency(m + 1, *proofs().RootAt(m + 1), n, second_root, proof).ok());
      if (m > 1) {
        EXPECT_FALSE(VerifyConsistency(m - 1, *proofs().RootAt(m - 1), n, second_root, proof).ok());
      }
      EXPECT_FALSE(VerifyConsistency(m, first_root, n + 1, *proofs().RootAt(n + 1), proof).ok());
      EXPECT_FALSE(VerifyConsistency(m, first_root, n - 1, *proofs().RootAt(n - 1), proof).ok());
      EXPECT_FALSE(VerifyConsistency(m, first_root, 2 * n, second_root, proof).ok());
      EXPECT_EQ(VerifyConsistency(m, first_root, n, second_root, {}).code(),
                absl::StatusCode::kInvalidArgument);
      std::vector<std::string> longer = proof;
      longer.push_back(proof.back());
      EXPECT_EQ(VerifyConsistency(m, first_root, n, second_root, longer).code(),
                absl::StatusCode::kInvalidArgument);
      std::vector<std::string> shorter(proof.begin(), proof.end() - 1);
      EXPECT_EQ(VerifyConsistency(m, first_root, n, second_root, shorter).code(),
                absl::StatusCode::kInvalidArgument);
    }
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

// A proof for a tree no larger than the head when it was asked for never changes, whatever is
// appended meanwhile.
TEST(MerkleProofsConcurrencyTest, ProofsUpToTheHeadHoldWhileAppendsGoOn) {
  TempDir dir("merkle_proofs_test");
  auto opened = RocksDbEventStore::Open(dir.path());
  ASSERT_TRUE(opened.ok()) << opened.status();
  RocksDbEventStore& store = **opened;
  Fill(store, 10);
  std::thread writer([&] {
    for (int i = 10; i < 400; ++i) {
      ASSERT_TRUE(store.Append("pupil/school-1/w", ExpectedVersion::Any(), {Event(i)}).ok());
    }
  });
  EventStore::TreeHead previous = store.CurrentTreeHead();
  std::mt19937_64 random(9162);
  for (int i = 0; i < 400; ++i) {
    const EventStore::TreeHead head = store.CurrentTreeHead();
    const uint64_t p = std::uniform_int_distribution<uint64_t>(1, head.tree_size)(random);
    auto proof = store.Proofs().InclusionProof(p, head.tree_size);
    ASSERT_TRUE(proof.ok()) << proof.status();
    auto page = store.ReadAll(p, 1, {});
    ASSERT_TRUE(page.ok() && page->events.size() == 1);
    ASSERT_TRUE(
        VerifyInclusion(LeafHash(page->events[0].bytes), p, head.tree_size, *proof, head.root_hash)
            .ok());
    auto consistency = store.Proofs().ConsistencyProof(previous.tree_size, head.tree_size);
    ASSERT_TRUE(consistency.ok()) << consistency.status();
    ASSERT_TRUE(VerifyConsistency(previous.tree_size, previous.root_hash, head.tree_size,
                                  head.root_hash, *consistency)
                    .ok());
    previous = head;
  }
  writer.join();
}

TEST(MerkleProofsEmptyTest, AnEmptyLogHasNoTreeToProveAnythingIn) {
  TempDir dir("merkle_proofs_test");
  auto store = RocksDbEventStore::Open(dir.path());
  ASSERT_TRUE(store.ok()) << store.status();
  EXPECT_EQ((*store)->Proofs().RootAt(1).status().code(), absl::StatusCode::kInvalidArgument);
  EXPECT_EQ((*store)->Proofs().InclusionProof(1, 1).status().code(),
            absl::StatusCode::kInvalidArgument);
  EXPECT_EQ((*store)->Proofs().ConsistencyProof(1, 1).status().code(),
            absl::StatusCode::kInvalidArgument);
}

}  // namespace
}  // namespace endeavour::eventstore
