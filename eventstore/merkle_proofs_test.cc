// The store's RFC 6962 proofs against a deliberately simple implementation written straight from
// RFC 6962 section 2.1 (eventstore/testing/simple_merkle_tree.h), over the leaf hashes of the
// events read back from a real store, and every alteration of a proof a verifier must refuse.
// merkle_verify_test.cc holds the verifiers against Certificate Transparency's test vectors.
#include "eventstore/merkle_proofs.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <memory>
#include <random>
#include <thread>
#include <utility>

#include "absl/strings/str_cat.h"
#include "eventstore/rocksdb_event_store.h"
#include "eventstore/testing/simple_merkle_tree.h"
#include "eventstore/testing/temp_dir.h"

namespace endeavour::eventstore {
namespace {

using endeavour::testing::Sha;
using endeavour::testing::SimpleMerkleTree;
using endeavour::testing::TempDir;
using ::testing::HasSubstr;

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
  static void SetUpTestSuite() { small_ = std::make_unique<FilledStore>(300); }
  static void TearDownTestSuite() { small_.reset(); }
  const MerkleProofs& proofs() { return small_->store->Proofs(); }
  static std::unique_ptr<FilledStore> small_;
};
std::unique_ptr<FilledStore> MerkleProofsTest::small_;

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
