// Packs made from a real RocksDB store's bytes and proofs, signed with a key made for the test:
// the intact pack verifies, and each kind of tampering is caught with a message naming it.
#include "clients/evidence/evidence_pack.h"

#include <memory>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "eventstore/rocksdb_event_store.h"
#include "eventstore/testing/temp_dir.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "projections/pupil_file_test_util.h"
#include "services/audit/signed_tree_head.h"

namespace endeavour::evidence {
namespace {

namespace t = domain::testing;
using projections::testing::PupilStream;
using ::testing::HasSubstr;

class EvidencePackTest : public ::testing::Test {
 protected:
  void SetUp() override {
    auto store = eventstore::RocksDbEventStore::Open(dir_.path() + "/store");
    ASSERT_TRUE(store.ok()) << store.status();
    store_ = *std::move(store);
    auto key = audit::SigningKey::Generate();
    ASSERT_TRUE(key.ok()) << key.status();
    key_.emplace(*std::move(key));
    PupilStream amelia;
    amelia.AddAll({t::Amelia(), t::ReadingNeed(), t::OntoSenSupport(), t::FirstPlan()});
    PupilStream other;
    other.AddAll({t::Amelia()});
    // Another pupil's event between Amelia's, so positions and stream versions differ.
    for (size_t i = 0; i < amelia.envelopes().size(); ++i) {
      Append(PupilStream::kStreamId, amelia.envelopes()[i], "a");
      if (i == 1) Append("pupil/school-0112/adm-99999", other.envelopes()[0], "b");
    }
    first_size_ = store_->CurrentTreeHead().tree_size;
    first_root_ = store_->CurrentTreeHead().root_hash;
    Append("pupil/school-0112/adm-99999", Fresh(other.envelopes()[0], "c"), "c");
  }

  static v1::EventEnvelope Fresh(v1::EventEnvelope envelope, const std::string& id_prefix) {
    envelope.clear_position();
    envelope.clear_stream_id();
    envelope.clear_stream_version();
    envelope.clear_recorded_at();
    envelope.set_event_id(id_prefix + envelope.event_id());
    return envelope;
  }

  void Append(const std::string& stream, const v1::EventEnvelope& envelope,
              const std::string& id_prefix) {
    ASSERT_TRUE(
        store_->Append(stream, eventstore::ExpectedVersion::Any(), {Fresh(envelope, id_prefix)})
            .ok());
  }

  v1::SignedTreeHead Head(uint64_t size, const audit::SigningKey& key) {
    auto root = store_->Proofs().RootAt(size);
    EXPECT_TRUE(root.ok()) << root.status();
    auto head = audit::SignTreeHead(size, *root, absl::FromUnixSeconds(1767225600), key);
    EXPECT_TRUE(head.ok()) << head.status();
    return *head;
  }

  // Amelia's pack against the head of the whole log.
  v1::EvidencePack Pack() {
    v1::EvidencePack pack;
    pack.set_format(std::string(kPackFormat));
    pack.set_school("school-0112");
    pack.set_pupil_id("adm-20417");
    const uint64_t size = store_->CurrentTreeHead().tree_size;
    *pack.mutable_head() = Head(size, *key_);
    pack.set_key_id(key_->key_id());
    auto page = store_->ReadAll(1, 100, {});
    EXPECT_TRUE(page.ok());
    for (const eventstore::StoredEvent& event : page->events) {
      if (event.envelope.stream_id() != PupilStream::kStreamId) continue;
      v1::ProvenEvent* proven = pack.add_events();
      proven->set_position(event.envelope.position());
      proven->set_event(event.bytes);
      auto path = store_->Proofs().InclusionProof(event.envelope.position(), size);
      EXPECT_TRUE(path.ok());
      for (const std::string& hash : *path) proven->add_audit_path(hash);
    }
    EXPECT_TRUE(RenderPackHistory(pack).ok());
    return pack;
  }

  std::string Failure(const v1::EvidencePack& pack, const v1::SignedTreeHead* earlier = nullptr) {
    auto summary = VerifyPack(pack, key_->public_key(), earlier);
    EXPECT_FALSE(summary.ok());
    return std::string(summary.status().message());
  }

  testing::TempDir dir_{"evidence_pack"};
  std::unique_ptr<eventstore::RocksDbEventStore> store_;
  std::optional<audit::SigningKey> key_;
  uint64_t first_size_ = 0;
  std::string first_root_;
};

TEST_F(EvidencePackTest, AnIntactPackVerifies) {
  const v1::EvidencePack pack = Pack();
  auto summary = VerifyPack(pack, key_->public_key());
  ASSERT_TRUE(summary.ok()) << summary.status();
  EXPECT_EQ(summary->events, 4u);
  EXPECT_THAT(VerdictOf(*summary),
              HasSubstr("VERIFIED: 4 events of pupil adm-20417 of school-0112"));
  EXPECT_EQ(pack.history().last_position(), pack.events(3).position());
}

TEST_F(EvidencePackTest, AFlippedByteDoesNotReachTheRoot) {
  v1::EvidencePack pack = Pack();
  std::string* bytes = pack.mutable_events(2)->mutable_event();
  (*bytes)[bytes->size() - 1] ^= 1;
  EXPECT_THAT(Failure(pack), HasSubstr("event 3"));
  EXPECT_THAT(Failure(pack), HasSubstr("inclusion proof does not reach the signed root"));
}

TEST_F(EvidencePackTest, ADroppedEventLeavesAGap) {
  v1::EvidencePack pack = Pack();
  pack.mutable_events()->DeleteSubrange(1, 1);
  EXPECT_THAT(Failure(pack), HasSubstr("stream version 3 where 2 was expected"));
}

TEST_F(EvidencePackTest, ReorderedEventsAreCaught) {
  v1::EvidencePack pack = Pack();
  pack.mutable_events()->SwapElements(1, 2);
  EXPECT_THAT(Failure(pack), HasSubstr("missing or out of order"));
}

TEST_F(EvidencePackTest, AnotherPupilsEventIsCaught) {
  v1::EvidencePack pack = Pack();
  // Position 3 is the other pupil's registration, with a valid proof of its own.
  auto page = store_->ReadAll(3, 1, {});
  ASSERT_TRUE(page.ok());
  v1::ProvenEvent* event = pack.mutable_events(2);
  event->set_position(3);
  event->set_event(page->events[0].bytes);
  event->clear_audit_path();
  auto path = store_->Proofs().InclusionProof(3, pack.head().tree_size());
  ASSERT_TRUE(path.ok());
  for (const std::string& hash : *path) event->add_audit_path(hash);
  EXPECT_THAT(Failure(pack), HasSubstr("belongs to stream pupil/school-0112/adm-99999"));
}

TEST_F(EvidencePackTest, AnAlteredHistoryIsCaught) {
  v1::EvidencePack pack = Pack();
  pack.mutable_history()->set_last_position(1);
  EXPECT_THAT(Failure(pack), HasSubstr("history: differs"));
  pack = Pack();
  pack.set_history_html(pack.history_html() + " ");
  EXPECT_THAT(Failure(pack), HasSubstr("history HTML: differs"));
}

TEST_F(EvidencePackTest, AnotherKeyIsCaught) {
  const v1::EvidencePack pack = Pack();
  auto other = audit::SigningKey::Generate();
  ASSERT_TRUE(other.ok());
  auto summary = VerifyPack(pack, other->public_key());
  ASSERT_FALSE(summary.ok());
  EXPECT_THAT(summary.status().message(), HasSubstr("not by the given key"));
  // Re-signed by another key that claims the real key's id.
  v1::EvidencePack forged = pack;
  v1::SignedTreeHead resigned = Head(pack.head().tree_size(), *other);
  resigned.set_key_id(key_->key_id());
  *forged.mutable_head() = resigned;
  EXPECT_THAT(Failure(forged), HasSubstr("signed head"));
}

TEST_F(EvidencePackTest, ChecksConsistencyWithAnEarlierHead) {
  v1::EvidencePack pack = Pack();
  const v1::SignedTreeHead earlier = Head(first_size_, *key_);
  ASSERT_EQ(earlier.root_hash(), first_root_) << "RootAt agrees with the head of the time";
  ASSERT_EQ(pack.head().root_hash(), store_->CurrentTreeHead().root_hash);
  // Made without --earlier: nothing proves the earlier head.
  EXPECT_THAT(Failure(pack, &earlier), HasSubstr("carries no consistency proof from tree size"));
  *pack.mutable_earlier_head() = earlier;
  auto proof = store_->Proofs().ConsistencyProof(first_size_, pack.head().tree_size());
  ASSERT_TRUE(proof.ok());
  for (const std::string& hash : *proof) pack.add_consistency_proof(hash);
  auto summary = VerifyPack(pack, key_->public_key(), &earlier);
  ASSERT_TRUE(summary.ok()) << summary.status();
  EXPECT_THAT(VerdictOf(*summary), HasSubstr("consistent with the earlier head"));
  // A head of the same size the log does not extend: a rewrite.
  v1::SignedTreeHead rewritten = earlier;
  std::string root = rewritten.root_hash();
  root[0] ^= 1;
  rewritten = *audit::SignTreeHead(first_size_, root, absl::FromUnixSeconds(1767225600), *key_);
  EXPECT_THAT(Failure(pack, &rewritten), HasSubstr("does not extend the earlier head"));
}

TEST_F(EvidencePackTest, ReadsHeadsFromPacksAndHeadFiles) {
  const v1::EvidencePack pack = Pack();
  auto from_pack = HeadFromFile(pack.SerializeAsString());
  ASSERT_TRUE(from_pack.ok()) << from_pack.status();
  EXPECT_EQ(from_pack->SerializeAsString(), pack.head().SerializeAsString());
  auto from_head = HeadFromFile(pack.head().SerializeAsString());
  ASSERT_TRUE(from_head.ok()) << from_head.status();
  EXPECT_EQ(from_head->tree_size(), pack.head().tree_size());
  EXPECT_FALSE(HeadFromFile("not a head").ok());
  EXPECT_FALSE(PackFromFile(pack.head().SerializeAsString()).ok());
}

}  // namespace
}  // namespace endeavour::evidence
