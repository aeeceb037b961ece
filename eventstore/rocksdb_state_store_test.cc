#include "eventstore/rocksdb_state_store.h"

#include <map>
#include <memory>
#include <string>

#include "eventstore/rocksdb_event_store.h"
#include "eventstore/testing/temp_dir.h"
#include "gtest/gtest.h"

namespace endeavour::eventstore {
namespace {

std::map<std::string, std::string> ScanAll(const StateStore& state, const std::string& prefix) {
  std::map<std::string, std::string> seen;
  EXPECT_TRUE(state
                  .Scan(prefix,
                        [&](absl::string_view key, absl::string_view value) {
                          seen.emplace(std::string(key), std::string(value));
                          return true;
                        })
                  .ok());
  return seen;
}

TEST(RocksDbStateStoreTest, WritesAreReadBackAndSurviveReopening) {
  endeavour::testing::TempDir dir("state_store");
  {
    auto store = RocksDbEventStore::Open(dir.path());
    ASSERT_TRUE(store.ok()) << store.status();
    StateWrite write;
    write.Put("views/1/a", "alpha");
    write.Put("views/1/b", "beta");
    write.Put("checkpoint/views/1", "42");
    ASSERT_TRUE((*store)->ProjectionState().Write(write).ok());
  }
  auto store = RocksDbEventStore::Open(dir.path());
  ASSERT_TRUE(store.ok()) << store.status();
  StateStore& state = (*store)->ProjectionState();
  EXPECT_EQ(*state.Get("views/1/a").value(), "alpha");
  EXPECT_FALSE(state.Get("views/1/c").value().has_value());
  EXPECT_EQ(ScanAll(state, "views/1/"),
            (std::map<std::string, std::string>{{"views/1/a", "alpha"}, {"views/1/b", "beta"}}));
  // Projection state is not part of the log: the log is still empty.
  EXPECT_EQ((*store)->HeadPosition(), 0u);
}

TEST(RocksDbStateStoreTest, DeletedPrefixGoesFirstSoAWriteCanRefillIt) {
  endeavour::testing::TempDir dir("state_store");
  auto store = RocksDbEventStore::Open(dir.path());
  ASSERT_TRUE(store.ok()) << store.status();
  StateStore& state = (*store)->ProjectionState();
  StateWrite first;
  first.Put("views/1/a", "old");
  first.Put("views/1/b", "old");
  first.Put("views/10/a", "other projection");
  ASSERT_TRUE(state.Write(first).ok());

  StateWrite second;
  second.deleted_prefixes.push_back("views/1/");
  second.Put("views/1/b", "new");
  second.deletes.push_back("absent");
  ASSERT_TRUE(state.Write(second).ok());
  EXPECT_EQ(ScanAll(state, "views/"),
            (std::map<std::string, std::string>{{"views/1/b", "new"},
                                                {"views/10/a", "other projection"}}));
}

TEST(RocksDbStateStoreTest, ScanStopsWhenTheVisitorSaysSo) {
  endeavour::testing::TempDir dir("state_store");
  auto store = RocksDbEventStore::Open(dir.path());
  ASSERT_TRUE(store.ok()) << store.status();
  StateWrite write;
  for (char c = 'a'; c <= 'e'; ++c) write.Put(std::string("k/") + c, "v");
  ASSERT_TRUE((*store)->ProjectionState().Write(write).ok());
  int visited = 0;
  ASSERT_TRUE((*store)
                  ->ProjectionState()
                  .Scan("k/", [&](absl::string_view, absl::string_view) { return ++visited < 2; })
                  .ok());
  EXPECT_EQ(visited, 2);
}

}  // namespace
}  // namespace endeavour::eventstore
