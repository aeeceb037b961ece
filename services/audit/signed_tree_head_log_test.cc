#include "services/audit/signed_tree_head_log.h"

#include <filesystem>
#include <fstream>
#include <string>

#include "eventstore/testing/temp_dir.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"

namespace endeavour::audit {
namespace {

using ::testing::HasSubstr;

v1::SignedTreeHead Head(uint64_t tree_size) {
  v1::SignedTreeHead head;
  head.set_tree_size(tree_size);
  head.set_root_hash(std::string(32, static_cast<char>(tree_size)));
  head.mutable_timestamp()->set_seconds(1767225600 + static_cast<int64_t>(tree_size));
  head.set_key_id(std::string(64, 'c'));
  head.set_signature(std::string(64, static_cast<char>(tree_size + 1)));
  return head;
}

std::vector<uint64_t> Sizes(const std::vector<v1::SignedTreeHead>& heads) {
  std::vector<uint64_t> sizes;
  for (const auto& head : heads) sizes.push_back(head.tree_size());
  return sizes;
}

class SignedTreeHeadLogTest : public ::testing::Test {
 protected:
  std::unique_ptr<SignedTreeHeadLog> Open() {
    absl::StatusOr<std::unique_ptr<SignedTreeHeadLog>> log = SignedTreeHeadLog::Open(path_);
    EXPECT_TRUE(log.ok()) << log.status();
    return log.ok() ? *std::move(log) : nullptr;
  }

  void AppendAll(const std::vector<uint64_t>& sizes) {
    std::unique_ptr<SignedTreeHeadLog> log = Open();
    ASSERT_NE(log, nullptr);
    for (uint64_t size : sizes) ASSERT_TRUE(log->Append(Head(size)).ok()) << size;
  }

  uintmax_t FileSize() { return std::filesystem::file_size(path_); }

  void AppendBytes(const std::string& bytes) {
    std::ofstream(path_, std::ios::binary | std::ios::app) << bytes;
  }

  testing::TempDir dir_{"sth_log"};
  const std::string path_ = dir_.path() + "/signed-tree-heads";
};

TEST_F(SignedTreeHeadLogTest, HeadsAreListedInOrderAndFetchedBySizeAfterReopening) {
  AppendAll({3, 10, 11, 400});
  std::unique_ptr<SignedTreeHeadLog> log = Open();
  ASSERT_NE(log, nullptr);
  EXPECT_EQ(log->size(), 4u);
  ASSERT_TRUE(log->Latest().has_value());
  EXPECT_EQ(log->Latest()->SerializeAsString(), Head(400).SerializeAsString());
  absl::StatusOr<v1::SignedTreeHead> ten = log->Get(10);
  ASSERT_TRUE(ten.ok()) << ten.status();
  EXPECT_EQ(ten->SerializeAsString(), Head(10).SerializeAsString());
  EXPECT_EQ(log->Get(12).status().code(), absl::StatusCode::kNotFound);
  EXPECT_THAT(std::string(log->Get(12).status().message()), HasSubstr("tree size 12"));
  EXPECT_EQ(Sizes(*log->List(0, 100)), (std::vector<uint64_t>{3, 10, 11, 400}));
  EXPECT_EQ(Sizes(*log->List(4, 2)), (std::vector<uint64_t>{10, 11}));
  EXPECT_EQ(Sizes(*log->List(11, 100)), (std::vector<uint64_t>{11, 400}));
  EXPECT_TRUE(log->List(401, 100)->empty());
}

TEST_F(SignedTreeHeadLogTest, ANewLogIsEmpty) {
  std::unique_ptr<SignedTreeHeadLog> log = Open();
  ASSERT_NE(log, nullptr);
  EXPECT_FALSE(log->Latest().has_value());
  EXPECT_TRUE(log->List(0, 10)->empty());
  EXPECT_EQ(Open()->size(), 0u);
}

TEST_F(SignedTreeHeadLogTest, TreeSizesOnlyGrow) {
  AppendAll({5});
  std::unique_ptr<SignedTreeHeadLog> log = Open();
  EXPECT_EQ(log->Append(Head(5)).code(), absl::StatusCode::kFailedPrecondition);
  EXPECT_EQ(log->Append(Head(4)).code(), absl::StatusCode::kFailedPrecondition);
  EXPECT_TRUE(log->Append(Head(6)).ok());
  EXPECT_EQ(log->size(), 2u);
}

TEST_F(SignedTreeHeadLogTest, ATornLastRecordIsCutOffAndTheLogGoesOn) {
  AppendAll({1, 2, 3});
  const uintmax_t whole = FileSize();
  for (uintmax_t cut : {1, 4, 9, 30}) {
    std::filesystem::resize_file(path_, whole - cut);
    std::unique_ptr<SignedTreeHeadLog> log = Open();
    ASSERT_NE(log, nullptr);
    EXPECT_EQ(Sizes(*log->List(0, 10)), (std::vector<uint64_t>{1, 2})) << cut;
    EXPECT_LT(FileSize(), whole - cut + 1);
    ASSERT_TRUE(log->Append(Head(3)).ok());
    EXPECT_EQ(FileSize(), whole);
  }
  EXPECT_EQ(Sizes(*Open()->List(0, 10)), (std::vector<uint64_t>{1, 2, 3}));
}

TEST_F(SignedTreeHeadLogTest, ZerosAfterTheLastRecordAreCutOff) {
  AppendAll({1, 2});
  const uintmax_t whole = FileSize();
  AppendBytes(std::string(300, '\0'));
  std::unique_ptr<SignedTreeHeadLog> log = Open();
  ASSERT_NE(log, nullptr);
  EXPECT_EQ(Sizes(*log->List(0, 10)), (std::vector<uint64_t>{1, 2}));
  EXPECT_EQ(FileSize(), whole);
}

TEST_F(SignedTreeHeadLogTest, ADamagedRecordWithMoreAfterItIsDataLoss) {
  AppendAll({1, 2, 3});
  {
    std::fstream file(path_, std::ios::binary | std::ios::in | std::ios::out);
    file.seekp(8 + 4 + 3);  // inside the first record's payload
    file.put('\x7f');
  }
  absl::Status status = SignedTreeHeadLog::Open(path_).status();
  EXPECT_EQ(status.code(), absl::StatusCode::kDataLoss);
  EXPECT_THAT(std::string(status.message()), HasSubstr("byte 8"));
}

TEST_F(SignedTreeHeadLogTest, AFileOfAnotherFormatIsRefused) {
  std::ofstream(path_, std::ios::binary) << "something else entirely";
  EXPECT_EQ(SignedTreeHeadLog::Open(path_).status().code(), absl::StatusCode::kDataLoss);
}

}  // namespace
}  // namespace endeavour::audit
