#include "services/audit/tree_head_signer.h"

#include <memory>
#include <string>

#include "eventstore/rocksdb_event_store.h"
#include "eventstore/testing/temp_dir.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "services/audit/signed_tree_head.h"

namespace endeavour::audit {
namespace {

class TreeHeadSignerTest : public ::testing::Test {
 protected:
  void SetUp() override {
    absl::StatusOr<std::unique_ptr<eventstore::RocksDbEventStore>> store =
        eventstore::RocksDbEventStore::Open(dir_.path() + "/store");
    ASSERT_TRUE(store.ok()) << store.status();
    store_ = *std::move(store);
    absl::StatusOr<SigningKey> key = SigningKey::Generate();
    ASSERT_TRUE(key.ok()) << key.status();
    key_.emplace(*std::move(key));
    absl::StatusOr<std::unique_ptr<SignedTreeHeadLog>> heads =
        SignedTreeHeadLog::Open(dir_.path() + "/signed-tree-heads");
    ASSERT_TRUE(heads.ok()) << heads.status();
    heads_ = *std::move(heads);
    signer_ = std::make_unique<TreeHeadSigner>(*store_, *key_, *heads_, [this] { return now_; });
  }

  void AppendEvents(int count) {
    std::vector<v1::EventEnvelope> events;
    for (int i = 0; i < count; ++i) {
      v1::EventEnvelope event;
      event.set_event_id("e-" + std::to_string(++next_id_));
      event.set_event_type("test.Event");
      event.set_tenant("oakfield");
      events.push_back(event);
    }
    ASSERT_TRUE(
        store_->Append("pupil/oakfield/p1", eventstore::ExpectedVersion::Any(), events).ok());
  }

  testing::TempDir dir_{"tree_head_signer"};
  std::unique_ptr<eventstore::RocksDbEventStore> store_;
  std::optional<SigningKey> key_;
  std::unique_ptr<SignedTreeHeadLog> heads_;
  std::unique_ptr<TreeHeadSigner> signer_;
  absl::Time now_ = absl::FromUnixSeconds(1767225600);
  int next_id_ = 0;
};

TEST_F(TreeHeadSignerTest, AnEmptyLogHasNothingToSign) {
  EXPECT_EQ(signer_->SignIfGrown().status().code(), absl::StatusCode::kFailedPrecondition);
  EXPECT_EQ(heads_->size(), 0u);
}

TEST_F(TreeHeadSignerTest, SignsTheCurrentHeadOnlyWhenTheLogHasGrown) {
  AppendEvents(5);
  absl::StatusOr<TreeHeadSigner::Result> first = signer_->SignIfGrown();
  ASSERT_TRUE(first.ok()) << first.status();
  EXPECT_TRUE(first->newly_signed);
  EXPECT_EQ(first->head.tree_size(), 5u);
  EXPECT_EQ(first->head.root_hash(), store_->CurrentTreeHead().root_hash);
  EXPECT_EQ(first->head.timestamp().seconds(), 1767225600);
  EXPECT_TRUE(VerifyTreeHead(first->head, key_->public_key()).ok());

  now_ += absl::Seconds(60);
  absl::StatusOr<TreeHeadSigner::Result> same = signer_->SignIfGrown();
  ASSERT_TRUE(same.ok()) << same.status();
  EXPECT_FALSE(same->newly_signed);
  EXPECT_EQ(same->head.SerializeAsString(), first->head.SerializeAsString());
  EXPECT_EQ(heads_->size(), 1u);

  AppendEvents(2);
  absl::StatusOr<TreeHeadSigner::Result> grown = signer_->SignIfGrown();
  ASSERT_TRUE(grown.ok()) << grown.status();
  EXPECT_TRUE(grown->newly_signed);
  EXPECT_EQ(grown->head.tree_size(), 7u);
  EXPECT_TRUE(VerifyTreeHead(grown->head, key_->public_key()).ok());
  EXPECT_EQ(heads_->size(), 2u);
  ASSERT_TRUE(heads_->Get(7).ok());
  EXPECT_EQ(heads_->Get(7)->SerializeAsString(), grown->head.SerializeAsString());
}

TEST_F(TreeHeadSignerTest, AHeadIsNeverStampedBeforeTheOneBeforeIt) {
  AppendEvents(1);
  ASSERT_TRUE(signer_->SignIfGrown().ok());
  now_ -= absl::Hours(1);  // the clock steps back
  AppendEvents(1);
  absl::StatusOr<TreeHeadSigner::Result> next = signer_->SignIfGrown();
  ASSERT_TRUE(next.ok()) << next.status();
  EXPECT_EQ(next->head.timestamp().seconds(), 1767225600);
}

TEST_F(TreeHeadSignerTest, ALogShorterThanASignedHeadIsDataLoss) {
  AppendEvents(3);
  ASSERT_TRUE(signer_->SignIfGrown().ok());
  absl::StatusOr<std::unique_ptr<eventstore::RocksDbEventStore>> fresh =
      eventstore::RocksDbEventStore::Open(dir_.path() + "/other-store");
  ASSERT_TRUE(fresh.ok());
  TreeHeadSigner signer(**fresh, *key_, *heads_);
  absl::Status status = signer.SignIfGrown().status();
  EXPECT_EQ(status.code(), absl::StatusCode::kDataLoss);
  EXPECT_THAT(std::string(status.message()), ::testing::HasSubstr("tree size 3"));
}

TEST_F(TreeHeadSignerTest, PeriodicSigningSignsWhenTheLogHasGrown) {
  std::vector<absl::Status> errors;
  {
    PeriodicSigning periodic(*signer_, absl::Milliseconds(5),
                             [&](const absl::Status& status) { errors.push_back(status); });
    AppendEvents(2);
    // Waits on the heads themselves, with a generous bound, not on timing.
    for (int i = 0; i < 2000 && heads_->size() < 1; ++i) absl::SleepFor(absl::Milliseconds(5));
    ASSERT_EQ(heads_->size(), 1u);
    absl::SleepFor(absl::Milliseconds(50));  // ten intervals without growth
    EXPECT_EQ(heads_->size(), 1u) << "signed a head although the log had not grown";
    AppendEvents(1);
    for (int i = 0; i < 2000 && heads_->size() < 2; ++i) absl::SleepFor(absl::Milliseconds(5));
    EXPECT_EQ(heads_->size(), 2u);
  }
  EXPECT_EQ(heads_->Latest()->tree_size(), 3u);
  EXPECT_TRUE(errors.empty());
}

}  // namespace
}  // namespace endeavour::audit
