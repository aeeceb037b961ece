#include "services/audit/signed_tree_head.h"

#include <string>

#include "gmock/gmock.h"
#include "gtest/gtest.h"

namespace endeavour::audit {
namespace {

using ::testing::HasSubstr;

std::string Root() {
  std::string root;
  for (int i = 0; i < 32; ++i) root.push_back(static_cast<char>(0xa0 + i));
  return root;
}

absl::Time When() { return absl::FromUnixSeconds(1767225600) + absl::Nanoseconds(123456789); }

TEST(SignedTreeHeadTest, SignedBytesAreTheVersionedLayout) {
  v1::SignedTreeHead head;
  head.set_tree_size(0x0102030405060708);
  head.set_root_hash(Root());
  head.mutable_timestamp()->set_seconds(0x00000000696a0a00);
  head.mutable_timestamp()->set_nanos(0x075bcd15);
  head.set_key_id(std::string(64, 'e'));
  head.set_signature("ignored");
  absl::StatusOr<std::string> bytes = SignedBytes(head);
  ASSERT_TRUE(bytes.ok()) << bytes.status();
  std::string expected = "endeavour-sth-v1";
  expected += std::string("\x01\x02\x03\x04\x05\x06\x07\x08", 8);
  expected += Root();
  expected += std::string("\x00\x00\x00\x00\x69\x6a\x0a\x00", 8);
  expected += std::string("\x07\x5b\xcd\x15", 4);
  expected += std::string(64, 'e');
  EXPECT_EQ(*bytes, expected);
  EXPECT_EQ(bytes->size(), kSignedTreeHeadBytes);
}

TEST(SignedTreeHeadTest, MalformedFieldsAreNamed) {
  v1::SignedTreeHead head;
  head.set_root_hash(Root());
  head.set_key_id(std::string(64, 'a'));
  ASSERT_TRUE(SignedBytes(head).ok());
  v1::SignedTreeHead bad = head;
  bad.set_root_hash(Root().substr(1));
  EXPECT_THAT(std::string(SignedBytes(bad).status().message()), HasSubstr("root_hash"));
  bad = head;
  bad.set_key_id(std::string(64, 'A'));
  EXPECT_THAT(std::string(SignedBytes(bad).status().message()), HasSubstr("key_id"));
  bad.set_key_id(std::string(63, 'a'));
  EXPECT_THAT(std::string(SignedBytes(bad).status().message()), HasSubstr("key_id"));
  bad = head;
  bad.mutable_timestamp()->set_nanos(1000000000);
  EXPECT_THAT(std::string(SignedBytes(bad).status().message()), HasSubstr("nanos"));
}

class SignedHeadVerifyTest : public ::testing::Test {
 protected:
  void SetUp() override {
    absl::StatusOr<SigningKey> key = SigningKey::Generate();
    ASSERT_TRUE(key.ok()) << key.status();
    key_.emplace(*std::move(key));
    absl::StatusOr<v1::SignedTreeHead> head = SignTreeHead(1000, Root(), When(), *key_);
    ASSERT_TRUE(head.ok()) << head.status();
    head_ = *std::move(head);
  }

  void ExpectRejected(const v1::SignedTreeHead& head, const std::string& what) {
    absl::Status status = VerifyTreeHead(head, key_->public_key());
    EXPECT_EQ(status.code(), absl::StatusCode::kInvalidArgument) << what;
  }

  std::optional<SigningKey> key_;
  v1::SignedTreeHead head_;
};

TEST_F(SignedHeadVerifyTest, AHeadVerifiesWithItsKey) {
  EXPECT_EQ(head_.tree_size(), 1000u);
  EXPECT_EQ(head_.root_hash(), Root());
  EXPECT_EQ(head_.timestamp().seconds(), 1767225600);
  EXPECT_EQ(head_.timestamp().nanos(), 123456789);
  EXPECT_EQ(head_.key_id(), key_->key_id());
  EXPECT_EQ(head_.signature().size(), 64u);
  EXPECT_TRUE(VerifyTreeHead(head_, key_->public_key()).ok());
}

TEST_F(SignedHeadVerifyTest, AFlippedBitInAnyFieldIsRejected) {
  for (int bit = 0; bit < 64; ++bit) {
    v1::SignedTreeHead head = head_;
    head.set_tree_size(head.tree_size() ^ (uint64_t{1} << bit));
    ExpectRejected(head, "tree_size bit " + std::to_string(bit));
    head = head_;
    head.mutable_timestamp()->set_seconds(head.timestamp().seconds() ^ (int64_t{1} << bit));
    ExpectRejected(head, "seconds bit " + std::to_string(bit));
  }
  for (int bit = 0; bit < 30; ++bit) {
    v1::SignedTreeHead head = head_;
    head.mutable_timestamp()->set_nanos(head.timestamp().nanos() ^ (1 << bit));
    ExpectRejected(head, "nanos bit " + std::to_string(bit));
  }
  for (size_t i = 0; i < 32; ++i) {
    v1::SignedTreeHead head = head_;
    (*head.mutable_root_hash())[i] ^= 0x01;
    ExpectRejected(head, "root byte " + std::to_string(i));
  }
  for (size_t i = 0; i < 64; ++i) {
    v1::SignedTreeHead head = head_;
    (*head.mutable_key_id())[i] = head.key_id()[i] == '0' ? '1' : '0';
    ExpectRejected(head, "key id character " + std::to_string(i));
    head = head_;
    (*head.mutable_signature())[i] ^= 0x01;
    ExpectRejected(head, "signature byte " + std::to_string(i));
  }
  v1::SignedTreeHead head = head_;
  head.clear_signature();
  ExpectRejected(head, "no signature");
}

TEST_F(SignedHeadVerifyTest, AHeadSignedByAnotherKeyIsRejected) {
  absl::StatusOr<SigningKey> other = SigningKey::Generate();
  ASSERT_TRUE(other.ok());
  absl::StatusOr<v1::SignedTreeHead> theirs = SignTreeHead(1000, Root(), When(), *other);
  ASSERT_TRUE(theirs.ok());
  absl::Status status = VerifyTreeHead(*theirs, key_->public_key());
  EXPECT_EQ(status.code(), absl::StatusCode::kInvalidArgument);
  EXPECT_THAT(std::string(status.message()), HasSubstr("key_id"));
  // Passed off under this key's id, the signature still gives it away.
  theirs->set_key_id(key_->key_id());
  status = VerifyTreeHead(*theirs, key_->public_key());
  EXPECT_EQ(status.code(), absl::StatusCode::kInvalidArgument);
  EXPECT_THAT(std::string(status.message()), HasSubstr("does not verify"));
  EXPECT_TRUE(VerifyTreeHead(head_, key_->public_key()).ok());
}

}  // namespace
}  // namespace endeavour::audit
