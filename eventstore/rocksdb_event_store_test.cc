// What the RocksDB store promises beyond the conformance suite: RFC 6962 roots over the exact
// stored bytes, group commit, the sticky storage error, and refusing folders it cannot trust.
#include "eventstore/rocksdb_event_store.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>
#include <openssl/sha.h>
#include <rocksdb/db.h>
#include <rocksdb/env.h>
#include <rocksdb/file_system.h>

#include <atomic>
#include <chrono>
#include <filesystem>
#include <memory>
#include <thread>

#include "absl/strings/str_cat.h"
#include "absl/synchronization/mutex.h"
#include "eventstore/rocksdb_layout.h"
#include "eventstore/state_store.h"

namespace endeavour::eventstore {
namespace {

using endeavour::v1::EventEnvelope;
using ::testing::HasSubstr;

class TempDir {
 public:
  TempDir() {
    std::string pattern = ::testing::TempDir() + "rocksdb_store_test_XXXXXX";
    path_ = mkdtemp(pattern.data());
  }
  ~TempDir() { std::filesystem::remove_all(path_); }
  const std::string& path() const { return path_; }

 private:
  std::string path_;
};

EventEnvelope Event(const std::string& id) {
  EventEnvelope e;
  e.set_event_id(id);
  e.set_event_type("endeavour.v1.InterventionDelivered");
  e.set_tenant("school-1");
  e.set_payload(absl::StrCat("session ", id));
  return e;
}

std::string Digest(const std::string& bytes) {
  unsigned char out[SHA256_DIGEST_LENGTH];
  SHA256(reinterpret_cast<const unsigned char*>(bytes.data()), bytes.size(), out);
  return std::string(reinterpret_cast<char*>(out), sizeof(out));
}

// RFC 6962 MTH from the definition, over leaf data (the stored envelope bytes).
std::string ReferenceRoot(const std::vector<std::string>& leaves, size_t begin, size_t end) {
  if (end - begin == 1) return Digest(std::string(1, '\0') + leaves[begin]);
  size_t k = 1;
  while (k * 2 < end - begin) k *= 2;
  return Digest(std::string(1, '\1') + ReferenceRoot(leaves, begin, begin + k) +
                ReferenceRoot(leaves, begin + k, end));
}

TEST(RocksDbEventStoreTest, TreeRootIsRfc6962RootOverTheStoredBytes) {
  TempDir dir;
  auto store = RocksDbEventStore::Open(dir.path());
  ASSERT_TRUE(store.ok()) << store.status();
  for (int i = 0; i < 37; ++i) {
    std::vector<EventEnvelope> batch = {Event(absl::StrCat("a", i)), Event(absl::StrCat("b", i))};
    ASSERT_TRUE((*store)
                    ->Append(absl::StrCat("pupil/school-1/p", i % 5), ExpectedVersion::Any(), batch)
                    .ok());
  }
  absl::StatusOr<LogPage> page = (*store)->ReadAll(1, 1000, {});
  ASSERT_TRUE(page.ok()) << page.status();
  std::vector<std::string> leaves;
  for (const StoredEvent& e : page->events) leaves.push_back(e.bytes);
  ASSERT_EQ(leaves.size(), 74u);
  EXPECT_EQ((*store)->CurrentTreeHead().root_hash, ReferenceRoot(leaves, 0, leaves.size()));
}

TEST(RocksDbEventStoreTest, RecordedAtComesFromTheStoreClock) {
  TempDir dir;
  RocksDbStoreOptions options;
  options.clock = [] { return absl::FromUnixSeconds(1767225600); };  // 2026-01-01
  auto store = RocksDbEventStore::Open(dir.path(), options);
  ASSERT_TRUE(store.ok());
  ASSERT_TRUE((*store)->Append("pupil/school-1/p1", ExpectedVersion::Any(), {Event("e1")}).ok());
  auto page = (*store)->ReadStream("pupil/school-1/p1", 1, ReadDirection::kForwards, 10);
  ASSERT_TRUE(page.ok());
  EXPECT_EQ(page->events.at(0).envelope.recorded_at().seconds(), 1767225600);
}

// A file system whose syncs can be slowed down or made to fail, to drive the write path.
class FaultyFileSystem : public rocksdb::FileSystemWrapper {
 public:
  explicit FaultyFileSystem(std::shared_ptr<rocksdb::FileSystem> base)
      : FileSystemWrapper(std::move(base)) {}
  const char* Name() const override { return "FaultyFileSystem"; }

  std::atomic<bool> fail_sync{false};
  std::atomic<int> sync_delay_ms{0};

  rocksdb::IOStatus NewWritableFile(const std::string& name, const rocksdb::FileOptions& options,
                                    std::unique_ptr<rocksdb::FSWritableFile>* file,
                                    rocksdb::IODebugContext* dbg) override {
    rocksdb::IOStatus s = target()->NewWritableFile(name, options, file, dbg);
    if (s.ok()) *file = std::make_unique<File>(std::move(*file), this);
    return s;
  }

 private:
  class File : public rocksdb::FSWritableFileOwnerWrapper {
   public:
    File(std::unique_ptr<rocksdb::FSWritableFile> base, FaultyFileSystem* fs)
        : FSWritableFileOwnerWrapper(std::move(base)), fs_(fs) {}
    rocksdb::IOStatus Sync(const rocksdb::IOOptions& o, rocksdb::IODebugContext* d) override {
      if (int ms = fs_->sync_delay_ms.load(); ms > 0) {
        std::this_thread::sleep_for(std::chrono::milliseconds(ms));
      }
      if (fs_->fail_sync.load()) return rocksdb::IOStatus::IOError("injected sync failure");
      return FSWritableFileOwnerWrapper::Sync(o, d);
    }
    rocksdb::IOStatus Fsync(const rocksdb::IOOptions& o, rocksdb::IODebugContext* d) override {
      return Sync(o, d);
    }

   private:
    FaultyFileSystem* fs_;
  };
};

struct FaultyStore {
  std::shared_ptr<FaultyFileSystem> fs =
      std::make_shared<FaultyFileSystem>(rocksdb::FileSystem::Default());
  std::unique_ptr<rocksdb::Env> env = rocksdb::NewCompositeEnv(fs);
  std::unique_ptr<RocksDbEventStore> store;

  absl::Status Open(const std::string& dir) {
    RocksDbStoreOptions options;
    options.env = env.get();
    auto opened = RocksDbEventStore::Open(dir, options);
    if (!opened.ok()) return opened.status();
    store = *std::move(opened);
    return absl::OkStatus();
  }
};

TEST(RocksDbEventStoreTest, ConcurrentAppendsShareOneSyncedWrite) {
  TempDir dir;
  FaultyStore faulty;
  ASSERT_TRUE(faulty.Open(dir.path()).ok());
  // A slow sync keeps the queue filling while one group is being written.
  faulty.fs->sync_delay_ms = 20;
  std::vector<std::thread> threads;
  for (int t = 0; t < 16; ++t) {
    threads.emplace_back([&, t] {
      for (int i = 0; i < 5; ++i) {
        auto r = faulty.store->Append(absl::StrCat("pupil/school-1/p", t), ExpectedVersion::Any(),
                                      {Event(absl::StrCat("t", t, "-", i))});
        EXPECT_TRUE(r.ok()) << r.status();
      }
    });
  }
  for (std::thread& t : threads) t.join();
  CommitStats stats = faulty.store->GetCommitStats();
  EXPECT_EQ(stats.events, 80u);
  EXPECT_EQ(stats.appends, 80u);
  EXPECT_LT(stats.durable_writes, 40u) << "16 writers against a 20 ms sync should share writes";
  EXPECT_TRUE(faulty.store->Verify().ok());
}

TEST(RocksDbEventStoreTest, ReadersNeverSeeAnAppendBeforeItIsDurable) {
  TempDir dir;
  FaultyStore faulty;
  ASSERT_TRUE(faulty.Open(dir.path()).ok());
  // The batch reaches RocksDB unsynced first; its sync then takes 400 ms.
  faulty.fs->sync_delay_ms = 400;
  std::thread appender([&] {
    auto r = faulty.store->Append("pupil/school-1/p1", ExpectedVersion::Any(), {Event("slow")});
    EXPECT_TRUE(r.ok()) << r.status();
  });
  std::this_thread::sleep_for(std::chrono::milliseconds(150));
  EXPECT_EQ(faulty.store->HeadPosition(), 0u);
  EXPECT_EQ(faulty.store->StreamVersion("pupil/school-1/p1").value(), 0u);
  EXPECT_TRUE(
      faulty.store
          ->ReadStream("pupil/school-1/p1", EventStore::kEndOfStream, ReadDirection::kBackwards, 10)
          ->events.empty());
  EXPECT_TRUE(faulty.store->ReadAll(1, 10, {})->events.empty());
  appender.join();
  EXPECT_EQ(faulty.store->HeadPosition(), 1u);
  EXPECT_EQ(faulty.store->StreamVersion("pupil/school-1/p1").value(), 1u);
  EXPECT_EQ(
      faulty.store->ReadStream("pupil/school-1/p1", 1, ReadDirection::kForwards, 10)->events.size(),
      1u);
}

TEST(RocksDbEventStoreTest, AFailedSyncIsStickyAndNothingUnsyncedIsAcknowledged) {
  TempDir dir;
  {
    FaultyStore faulty;
    ASSERT_TRUE(faulty.Open(dir.path()).ok());
    ASSERT_TRUE(
        faulty.store->Append("pupil/school-1/p1", ExpectedVersion::Any(), {Event("ok1")}).ok());
    faulty.fs->fail_sync = true;
    auto failed =
        faulty.store->Append("pupil/school-1/p1", ExpectedVersion::Any(), {Event("lost")});
    EXPECT_EQ(failed.status().code(), absl::StatusCode::kUnavailable) << failed.status();
    EXPECT_EQ(faulty.store->HeadPosition(), 1u);
    // Written to RocksDB but never made durable: no reader sees it.
    EXPECT_EQ(faulty.store->StreamVersion("pupil/school-1/p1").value(), 1u);
    EXPECT_EQ(faulty.store->ReadStream("pupil/school-1/p1", 1, ReadDirection::kForwards, 10)
                  ->events.size(),
              1u);
    // The disk "recovers", but the store must not pretend: it keeps refusing.
    faulty.fs->fail_sync = false;
    auto after = faulty.store->Append("pupil/school-2/p9", ExpectedVersion::Any(), {Event("x")});
    EXPECT_EQ(after.status().code(), absl::StatusCode::kUnavailable) << after.status();
    EXPECT_THAT(std::string(after.status().message()), HasSubstr("refuses appends"));
  }
  auto reopened = RocksDbEventStore::Open(dir.path());
  ASSERT_TRUE(reopened.ok()) << reopened.status();
  EXPECT_GE((*reopened)->HeadPosition(), 1u);
  EXPECT_TRUE((*reopened)->Verify().ok());
  auto next = (*reopened)->Append("pupil/school-1/p1", ExpectedVersion::Any(), {Event("ok2")});
  EXPECT_TRUE(next.ok()) << next.status();
}

TEST(RocksDbEventStoreTest, AFailedSyncFailsEveryQueuedAsyncAppendAndStaysSticky) {
  TempDir dir;
  FaultyStore faulty;
  ASSERT_TRUE(faulty.Open(dir.path()).ok());
  ASSERT_TRUE(
      faulty.store->Append("pupil/school-1/p1", ExpectedVersion::Any(), {Event("ok1")}).ok());
  faulty.fs->fail_sync = true;
  constexpr int kAppends = 20;
  absl::Mutex mu;
  std::vector<absl::Status> outcomes;
  for (int i = 0; i < kAppends; ++i) {
    faulty.store->AppendAsync(absl::StrCat("pupil/school-1/p", i % 3), ExpectedVersion::Any(),
                              {Event(absl::StrCat("lost", i))},
                              [&](absl::StatusOr<AppendResult> result) {
                                absl::MutexLock lock(&mu);
                                outcomes.push_back(result.status());
                              });
  }
  {
    absl::MutexLock lock(&mu);
    auto all_in = [&]() { return outcomes.size() == kAppends; };
    ASSERT_TRUE(mu.AwaitWithTimeout(absl::Condition(&all_in), absl::Seconds(30)));
    for (const absl::Status& outcome : outcomes) {
      EXPECT_EQ(outcome.code(), absl::StatusCode::kUnavailable) << outcome;
    }
  }
  EXPECT_EQ(faulty.store->HeadPosition(), 1u) << "nothing unsynced is acknowledged or read";
  faulty.fs->fail_sync = false;
  absl::Status after;
  faulty.store->AppendAsync("pupil/school-2/p9", ExpectedVersion::Any(), {Event("x")},
                            [&](absl::StatusOr<AppendResult> result) { after = result.status(); });
  EXPECT_EQ(after.code(), absl::StatusCode::kUnavailable) << "refused at once: " << after;
  EXPECT_THAT(std::string(after.message()), HasSubstr("refuses appends"));
}

// Opens the store's RocksDB directly, as an attacker with the files would.
void RewriteRaw(const std::string& dir, layout::ColumnFamily family, const std::string& key,
                const std::string& value) {
  std::vector<rocksdb::ColumnFamilyDescriptor> families;
  for (std::string_view name : layout::kColumnFamilyNames) {
    families.emplace_back(std::string(name), rocksdb::ColumnFamilyOptions());
  }
  rocksdb::DB* db = nullptr;
  std::vector<rocksdb::ColumnFamilyHandle*> handles;
  ASSERT_TRUE(rocksdb::DB::Open(rocksdb::DBOptions(), dir, families, &handles, &db).ok());
  ASSERT_TRUE(db->Put(rocksdb::WriteOptions(), handles[static_cast<int>(family)], key, value).ok());
  for (auto* h : handles) db->DestroyColumnFamilyHandle(h);
  delete db;
}

// Compact leaves nothing in memory and nothing in level 0, and every event and state key where it
// was: closed after it, the store has nothing left to flush.
TEST(RocksDbEventStoreTest, CompactLeavesTheStoreAtRestWithEverythingInPlace) {
  TempDir dir;
  {
    auto store = RocksDbEventStore::Open(dir.path());
    ASSERT_TRUE(store.ok());
    for (int i = 0; i < 50; ++i) {
      ASSERT_TRUE((*store)
                      ->Append(absl::StrCat("pupil/school-1/p", i % 7), ExpectedVersion::Any(),
                               {Event(absl::StrCat("e", i))})
                      .ok());
    }
    StateWrite write;
    write.Put("state/views/a", "plan a");
    write.Put("state/views/b", "plan b");
    ASSERT_TRUE((*store)->ProjectionState().Write(write).ok());
    ASSERT_TRUE((*store)->Compact().ok());
    absl::StatusOr<LogPage> page = (*store)->ReadAll(1, 1000, {});
    ASSERT_TRUE(page.ok());
    EXPECT_EQ(page->events.size(), 50u);
    EXPECT_TRUE((*store)->Verify().ok());
    EXPECT_EQ((*store)->ProjectionState().Get("state/views/b").value(), "plan b");
  }
  std::vector<rocksdb::ColumnFamilyDescriptor> families;
  for (std::string_view name : layout::kColumnFamilyNames) {
    families.emplace_back(std::string(name), rocksdb::ColumnFamilyOptions());
  }
  rocksdb::DB* raw = nullptr;
  std::vector<rocksdb::ColumnFamilyHandle*> handles;
  ASSERT_TRUE(
      rocksdb::DB::OpenForReadOnly(rocksdb::DBOptions(), dir.path(), families, &handles, &raw)
          .ok());
  std::unique_ptr<rocksdb::DB> db(raw);
  std::vector<rocksdb::LiveFileMetaData> files;
  db->GetLiveFilesMetaData(&files);
  EXPECT_FALSE(files.empty());
  for (const rocksdb::LiveFileMetaData& file : files) {
    EXPECT_GT(file.level, 0) << file.column_family_name << " " << file.name;
  }
  for (auto* handle : handles) db->DestroyColumnFamilyHandle(handle);
}

TEST(RocksDbEventStoreTest, RefusesAFolderOfAnotherFormatVersion) {
  TempDir dir;
  ASSERT_TRUE(RocksDbEventStore::Open(dir.path()).ok());
  RewriteRaw(dir.path(), layout::ColumnFamily::kMetadata, std::string(layout::kMetaFormatVersion),
             layout::EventKey(99));
  auto store = RocksDbEventStore::Open(dir.path());
  EXPECT_EQ(store.status().code(), absl::StatusCode::kFailedPrecondition);
  EXPECT_THAT(std::string(store.status().message()), HasSubstr("format version 99"));
}

TEST(RocksDbEventStoreTest, VerifyFindsARewrittenLeafHash) {
  TempDir dir;
  {
    auto store = RocksDbEventStore::Open(dir.path());
    ASSERT_TRUE(store.ok());
    for (int i = 0; i < 6; ++i) {
      ASSERT_TRUE(
          (*store)
              ->Append("pupil/school-1/p1", ExpectedVersion::Any(), {Event(absl::StrCat("e", i))})
              .ok());
    }
  }
  // Leaf 5 (position 5) is a leaf and the last of no larger perfect subtree except (1,2).
  RewriteRaw(dir.path(), layout::ColumnFamily::kMerkleNodes, layout::MerkleNodeKey(5, 0),
             std::string(32, 'x'));
  auto store = RocksDbEventStore::Open(dir.path());
  ASSERT_TRUE(store.ok()) << store.status();
  absl::Status verified = (*store)->Verify();
  EXPECT_EQ(verified.code(), absl::StatusCode::kDataLoss);
  EXPECT_THAT(std::string(verified.message()), HasSubstr("position 5"));
}

TEST(RocksDbEventStoreTest, RefusesToOpenWhenTheStoredRootDisagreesWithTheTree) {
  TempDir dir;
  {
    auto store = RocksDbEventStore::Open(dir.path());
    ASSERT_TRUE(store.ok());
    ASSERT_TRUE((*store)->Append("pupil/school-1/p1", ExpectedVersion::Any(), {Event("e")}).ok());
  }
  RewriteRaw(dir.path(), layout::ColumnFamily::kMetadata, std::string(layout::kMetaTreeRoot),
             std::string(32, 'r'));
  EXPECT_EQ(RocksDbEventStore::Open(dir.path()).status().code(), absl::StatusCode::kDataLoss);
}

}  // namespace
}  // namespace endeavour::eventstore
