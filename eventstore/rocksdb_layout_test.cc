#include "eventstore/rocksdb_layout.h"

#include <gtest/gtest.h>

#include <set>

namespace endeavour::eventstore::layout {
namespace {

TEST(RocksDbLayoutTest, ColumnFamilyNamesAreUniqueAndInEnumOrder) {
  std::set<std::string_view> names(kColumnFamilyNames.begin(), kColumnFamilyNames.end());
  EXPECT_EQ(names.size(), kColumnFamilyNames.size());
  EXPECT_EQ(kColumnFamilyNames[static_cast<int>(ColumnFamily::kDefault)], "default");
  EXPECT_EQ(kColumnFamilyNames[static_cast<int>(ColumnFamily::kEvents)], "events");
  EXPECT_EQ(kColumnFamilyNames[static_cast<int>(ColumnFamily::kMerkleNodes)], "merkle_nodes");
  EXPECT_EQ(kColumnFamilyNames[static_cast<int>(ColumnFamily::kProjections)], "projections");
}

TEST(RocksDbLayoutTest, EventKeysSortInPositionOrder) {
  for (uint64_t p : {1ull, 255ull, 256ull, 65535ull, 1ull << 40}) {
    EXPECT_LT(EventKey(p), EventKey(p + 1)) << p;
    EXPECT_EQ(ParseEventKey(EventKey(p)), p);
  }
  EXPECT_FALSE(ParseEventKey("short").has_value());
}

TEST(RocksDbLayoutTest, StreamIndexKeysOfOneStreamDoNotInterleaveWithAnother) {
  // "p1" is a prefix of "p10": the length prefix keeps their versions apart.
  const std::string a_last = StreamIndexKey("pupil/t/p1", UINT64_MAX);
  const std::string b_first = StreamIndexKey("pupil/t/p10", 1);
  EXPECT_NE(b_first.rfind(StreamIndexPrefix("pupil/t/p1"), 0), 0u);
  EXPECT_LT(a_last, b_first);
  EXPECT_LT(StreamIndexKey("s", 9), StreamIndexKey("s", 10));
}

TEST(RocksDbLayoutTest, MerkleNodesSortInTheOrderTheyAreMade) {
  // Appending leaf 4 (position 4) completes (0,3), (1,1) and (2,0).
  EXPECT_EQ(MerkleNodeKeyForIndex(0, 3), MerkleNodeKey(4, 0));
  EXPECT_EQ(MerkleNodeKeyForIndex(1, 1), MerkleNodeKey(4, 1));
  EXPECT_EQ(MerkleNodeKeyForIndex(2, 0), MerkleNodeKey(4, 2));
  EXPECT_LT(MerkleNodeKey(3, 0), MerkleNodeKey(4, 0));
  EXPECT_LT(MerkleNodeKey(4, 0), MerkleNodeKey(4, 2));
  EXPECT_LT(MerkleNodeKey(4, 2), MerkleNodeKey(5, 0));
}

}  // namespace
}  // namespace endeavour::eventstore::layout
