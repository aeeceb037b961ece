#include <algorithm>
#include <utility>

#include "absl/strings/str_cat.h"
#include "eventstore/append_validation.h"
#include "eventstore/event_filter.h"
#include "eventstore/rocksdb_event_store_impl.h"
#include "eventstore/rocksdb_options.h"
#include "eventstore/rocksdb_status.h"
#include "eventstore/rocksdb_subscription.h"

namespace endeavour::eventstore {

using layout::ColumnFamily;

absl::StatusOr<std::unique_ptr<RocksDbEventStore>> RocksDbEventStore::Open(
    const std::string& dir, RocksDbStoreOptions options) {
  rocksdb::DBOptions db_options = StoreDbOptions(options);
  std::vector<rocksdb::ColumnFamilyDescriptor> families;
  for (int i = 0; i < layout::kColumnFamilyCount; ++i) {
    families.emplace_back(std::string(layout::kColumnFamilyNames[i]),
                          StoreColumnFamilyOptions(static_cast<ColumnFamily>(i)));
  }
  rocksdb::DB* raw_db = nullptr;
  std::vector<rocksdb::ColumnFamilyHandle*> handles;
  rocksdb::Status s = rocksdb::DB::Open(db_options, dir, families, &handles, &raw_db);
  if (!s.ok()) return FromRocksDb(s, absl::StrCat("opening ", dir));
  std::unique_ptr<RocksDbEventStoreImpl> store(new RocksDbEventStoreImpl(
      std::move(options), std::unique_ptr<rocksdb::DB>(raw_db), std::move(handles)));
  if (absl::Status loaded = store->LoadHead(); !loaded.ok()) return loaded;
  return store;
}

RocksDbEventStoreImpl::RocksDbEventStoreImpl(RocksDbStoreOptions options,
                                             std::unique_ptr<rocksdb::DB> db,
                                             std::vector<rocksdb::ColumnFamilyHandle*> handles)
    : options_(std::move(options)),
      db_(std::move(db)),
      handles_(std::move(handles)),
      projection_state_(std::make_unique<RocksDbStateStore>(
          db_.get(), handles_[static_cast<int>(ColumnFamily::kProjections)])),
      proofs_(std::make_unique<RocksDbMerkleProofs>(
          db_.get(), handles_[static_cast<int>(ColumnFamily::kMerkleNodes)],
          [this] { return HeadPosition(); })) {}

RocksDbEventStoreImpl::~RocksDbEventStoreImpl() {
  StopAsyncThreads();
  proofs_.reset();
  projection_state_.reset();
  for (rocksdb::ColumnFamilyHandle* handle : handles_) db_->DestroyColumnFamilyHandle(handle);
  db_->Close().PermitUncheckedError();  // nothing left to report to: the store is going away
}

absl::Status RocksDbEventStoreImpl::LoadHead() {
  auto meta = [&](std::string_view key, std::string* value) {
    return db_->Get(rocksdb::ReadOptions(), cf(ColumnFamily::kMetadata), key, value);
  };
  std::string value;
  rocksdb::Status s = meta(layout::kMetaFormatVersion, &value);
  if (s.IsNotFound()) {
    // A new store: record the format before anything else is written.
    rocksdb::WriteOptions sync;
    sync.sync = true;
    s = db_->Put(sync, cf(ColumnFamily::kMetadata), layout::kMetaFormatVersion,
                 layout::EventKey(layout::kFormatVersion));
    if (!s.ok()) return FromRocksDb(s, "writing the format version");
  } else if (!s.ok()) {
    return FromRocksDb(s, "reading the format version");
  } else if (value.size() != 8 || layout::ReadBigEndian64(value) != layout::kFormatVersion) {
    return absl::FailedPreconditionError(
        absl::StrCat("event store: the folder holds format version ",
                     value.size() == 8 ? layout::ReadBigEndian64(value) : 0,
                     "; this build reads version ", layout::kFormatVersion));
  }

  uint64_t head = 0;
  s = meta(layout::kMetaHeadPosition, &value);
  if (s.ok() && value.size() == 8) {
    head = layout::ReadBigEndian64(value);
  } else if (!s.IsNotFound()) {
    return s.ok() ? absl::DataLossError("event store: head position is not 8 bytes")
                  : FromRocksDb(s, "reading the head position");
  }

  std::vector<std::string> hashes;
  for (const MerkleNode& node : MerkleFrontier::SubtreesOf(head)) {
    std::string hash;
    s = db_->Get(rocksdb::ReadOptions(), cf(ColumnFamily::kMerkleNodes),
                 layout::MerkleNodeKeyForIndex(node.level, node.index), &hash);
    if (!s.ok()) return FromRocksDb(s, "reading the Merkle frontier");
    hashes.push_back(std::move(hash));
  }
  absl::StatusOr<MerkleFrontier> frontier = MerkleFrontier::FromSubtrees(head, std::move(hashes));
  if (!frontier.ok()) return frontier.status();

  Sha256 sha;
  std::string root = frontier->Root(sha);
  if (head > 0) {
    s = meta(layout::kMetaTreeRoot, &value);
    if (!s.ok()) return FromRocksDb(s, "reading the tree root");
    if (value != root) {
      return absl::DataLossError(
          "event store: the stored tree root does not match the stored Merkle nodes");
    }
  }
  next_position_ = head + 1;
  frontier_ = *std::move(frontier);
  absl::MutexLock lock(&head_mu_);
  head_position_ = head;
  root_hash_ = std::move(root);
  return absl::OkStatus();
}

absl::StatusOr<StoredEvent> RocksDbEventStoreImpl::ReadEventAt(uint64_t position) const {
  absl::StatusOr<std::vector<StoredEvent>> events = ReadEventsAt({position});
  if (!events.ok()) return events.status();
  return std::move(events->front());
}

absl::StatusOr<std::vector<StoredEvent>> RocksDbEventStoreImpl::ReadEventsAt(
    const std::vector<uint64_t>& positions) const {
  std::vector<std::string> keys;
  keys.reserve(positions.size());
  for (uint64_t p : positions) keys.push_back(layout::EventKey(p));
  std::vector<rocksdb::Slice> slices(keys.begin(), keys.end());
  std::vector<rocksdb::ColumnFamilyHandle*> families(keys.size(), cf(ColumnFamily::kEvents));
  std::vector<std::string> values;
  std::vector<rocksdb::Status> statuses =
      db_->MultiGet(rocksdb::ReadOptions(), families, slices, &values);
  std::vector<StoredEvent> events(positions.size());
  for (size_t i = 0; i < positions.size(); ++i) {
    if (statuses[i].IsNotFound()) {
      return absl::DataLossError(absl::StrCat("event store: the index names position ",
                                              positions[i], " but no event is stored there"));
    }
    if (!statuses[i].ok()) return FromRocksDb(statuses[i], "reading events");
    if (!events[i].envelope.ParseFromString(values[i])) {
      return absl::DataLossError(
          absl::StrCat("event store: the event at position ", positions[i], " does not parse"));
    }
    events[i].bytes = std::move(values[i]);
  }
  return events;
}

absl::StatusOr<uint64_t> RocksDbEventStoreImpl::ReadStreamVersion(const std::string& stream_id,
                                                                  uint64_t max_position) const {
  const std::string prefix = layout::StreamIndexPrefix(stream_id);
  std::unique_ptr<rocksdb::Iterator> it(
      db_->NewIterator(rocksdb::ReadOptions(), cf(ColumnFamily::kStreamIndex)));
  for (it->SeekForPrev(layout::StreamIndexKey(stream_id, UINT64_MAX));
       it->Valid() && it->key().starts_with(prefix) && it->key().size() == prefix.size() + 8;
       it->Prev()) {
    // Only events still being synced lie above max_position: a few at most.
    if (layout::ReadBigEndian64(it->value().ToStringView()) > max_position) continue;
    return layout::ReadBigEndian64(std::string_view(it->key().data() + prefix.size(), 8));
  }
  if (!it->status().ok()) return FromRocksDb(it->status(), "reading a stream's version");
  return 0;
}

absl::StatusOr<uint64_t> RocksDbEventStoreImpl::StreamVersion(const std::string& stream_id) const {
  if (absl::Status s = ValidateStreamId(stream_id); !s.ok()) return s;
  return ReadStreamVersion(stream_id, HeadPosition());
}

absl::StatusOr<StreamPage> RocksDbEventStoreImpl::ReadStream(const std::string& stream_id,
                                                             uint64_t from_version,
                                                             ReadDirection direction,
                                                             size_t max_count) const {
  if (absl::Status s = ValidateStreamId(stream_id); !s.ok()) return s;
  if (max_count == 0) return absl::InvalidArgumentError("max_count: must be at least 1");
  max_count = std::min(max_count, options_.max_page_events);
  const bool forwards = direction == ReadDirection::kForwards;
  if (forwards) {
    // Most forward reads are a command catching up a folded state that is already current:
    // versions have no gaps, so one bloom-filtered lookup of the first version asked for tells
    // that nothing is there, at a fraction of the cost of an iterator.
    std::string position;
    const rocksdb::Status first =
        db_->Get(rocksdb::ReadOptions(), cf(ColumnFamily::kStreamIndex),
                 layout::StreamIndexKey(stream_id, std::max<uint64_t>(from_version, 1)), &position);
    if (first.IsNotFound()) return StreamPage{};
    if (!first.ok()) return FromRocksDb(first, "reading a stream");
  }
  const std::string prefix = layout::StreamIndexPrefix(stream_id);
  std::unique_ptr<rocksdb::Iterator> it(
      db_->NewIterator(rocksdb::ReadOptions(), cf(ColumnFamily::kStreamIndex)));
  if (forwards) {
    it->Seek(layout::StreamIndexKey(stream_id, std::max<uint64_t>(from_version, 1)));
  } else {
    it->SeekForPrev(layout::StreamIndexKey(stream_id, from_version));
  }
  // Events above the head are written but not yet durable: readers never see them.
  const uint64_t head = HeadPosition();
  std::vector<uint64_t> positions;
  StreamPage page;
  for (; it->Valid() && it->key().starts_with(prefix); forwards ? it->Next() : it->Prev()) {
    const uint64_t version =
        layout::ReadBigEndian64(std::string_view(it->key().data() + prefix.size(), 8));
    if (version == 0) break;  // versions start at 1; nothing below is this stream's
    const uint64_t position = layout::ReadBigEndian64(it->value().ToStringView());
    if (position > head) {
      if (forwards) break;  // later versions have later positions
      continue;
    }
    if (positions.size() == max_count) {
      page.end_of_stream = false;
      page.next_version = version;
      break;
    }
    positions.push_back(position);
  }
  if (!it->status().ok()) return FromRocksDb(it->status(), "reading a stream");
  absl::StatusOr<std::vector<StoredEvent>> events = ReadEventsAt(positions);
  if (!events.ok()) return events.status();
  page.events = *std::move(events);
  return page;
}

absl::StatusOr<LogPage> RocksDbEventStoreImpl::ReadAll(uint64_t from_position, size_t max_count,
                                                       const EventFilter& filter) const {
  if (max_count == 0) return absl::InvalidArgumentError("max_count: must be at least 1");
  max_count = std::min(max_count, options_.max_page_events);
  LogPage page;
  page.head_position = HeadPosition();
  from_position = std::max<uint64_t>(from_position, 1);
  page.next_position = from_position;
  if (from_position > page.head_position) return page;

  // Read no further than the published head: everything up to it is durable and complete.
  const std::string upper = layout::EventKey(page.head_position + 1);
  const rocksdb::Slice upper_slice(upper);
  rocksdb::ReadOptions read_options;
  read_options.iterate_upper_bound = &upper_slice;
  std::unique_ptr<rocksdb::Iterator> it(db_->NewIterator(read_options, cf(ColumnFamily::kEvents)));
  // A selective filter may skip many events: bound the work one page does.
  const size_t scan_limit = std::max<size_t>(max_count * 16, 4096);
  page.events.reserve(std::min<size_t>(max_count, page.head_position - from_position + 1));
  size_t scanned = 0;
  page.next_position = page.head_position + 1;
  for (it->Seek(layout::EventKey(from_position)); it->Valid(); it->Next()) {
    const uint64_t position = layout::ReadBigEndian64(it->key().ToStringView());
    if (StoredBytesMayMatch(filter, it->value().ToStringView())) {
      StoredEvent event;
      if (!event.envelope.ParseFromArray(it->value().data(),
                                         static_cast<int>(it->value().size()))) {
        return absl::DataLossError(
            absl::StrCat("event store: the event at position ", position, " does not parse"));
      }
      if (MatchesFilter(filter, event.envelope)) {
        if (!filter.envelopes_only) event.bytes.assign(it->value().data(), it->value().size());
        page.events.push_back(std::move(event));
      }
    }
    if (page.events.size() == max_count || ++scanned == scan_limit) {
      page.next_position = position + 1;
      break;
    }
  }
  if (!it->status().ok()) return FromRocksDb(it->status(), "reading the log");
  return page;
}

absl::StatusOr<std::unique_ptr<Subscription>> RocksDbEventStoreImpl::Subscribe(
    uint64_t from_position, EventFilter filter) {
  return std::unique_ptr<Subscription>(
      std::make_unique<RocksDbSubscription>(this, from_position, std::move(filter)));
}

uint64_t RocksDbEventStoreImpl::HeadPosition() const {
  absl::MutexLock lock(&head_mu_);
  return head_position_;
}

EventStore::TreeHead RocksDbEventStoreImpl::CurrentTreeHead() const {
  absl::MutexLock lock(&head_mu_);
  return TreeHead{head_position_, root_hash_};
}

CommitStats RocksDbEventStoreImpl::GetCommitStats() const {
  return CommitStats{stat_appends_.load(), stat_events_.load(), stat_durable_writes_.load()};
}

absl::Status RocksDbEventStoreImpl::Compact() {
  for (rocksdb::ColumnFamilyHandle* handle : handles_) {
    // Flushes the family's memtable first, then compacts it all down to the last level.
    rocksdb::Status s = db_->CompactRange(rocksdb::CompactRangeOptions(), handle, nullptr, nullptr);
    if (!s.ok()) return FromRocksDb(s, absl::StrCat("compacting ", handle->GetName()));
  }
  return absl::OkStatus();
}

uint64_t RocksDbEventStoreImpl::AwaitHeadPast(uint64_t position, absl::Time deadline,
                                              const std::atomic<bool>* cancelled) const {
  absl::MutexLock lock(&head_mu_);
  auto ready = [&]() { return head_position_ > position || cancelled->load(); };
  head_mu_.AwaitWithDeadline(absl::Condition(&ready), deadline);
  return head_position_;
}

void RocksDbEventStoreImpl::WakeWaiters() const {
  // Releasing the mutex makes absl re-evaluate every waiter's condition.
  absl::MutexLock lock(&head_mu_);
}

}  // namespace endeavour::eventstore
