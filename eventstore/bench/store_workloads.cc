// The workloads the store benchmark times: plain RocksDB baselines, concurrent appends, and
// filling a large store.
#include "eventstore/bench/store_workloads.h"

#include <algorithm>
#include <atomic>
#include <chrono>
#include <cstdint>
#include <functional>
#include <memory>
#include <random>
#include <string>
#include <thread>
#include <vector>

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "absl/strings/str_cat.h"
#include "absl/synchronization/mutex.h"
#include "absl/synchronization/notification.h"
#include "absl/time/clock.h"
#include "absl/time/time.h"
#include "endeavour/v1/envelope.pb.h"
#include "eventstore/expected_version.h"
#include "eventstore/merkle_proofs.h"
#include "eventstore/rocksdb_layout.h"
#include "eventstore/rocksdb_options.h"
#include "rocksdb/db.h"
#include "rocksdb/write_batch.h"

namespace endeavour::eventstore::bench {
namespace {

constexpr size_t kRocksDbValueBytes = 400;  // the plain RocksDB baseline's value size
constexpr int kFillThreads = 2;
constexpr size_t kFillBatchEvents = 100;

// What RunTimed measured: operations that completed, over how long, and (optionally) how long
// each took.
struct Timed {
  uint64_t ops = 0;
  absl::Duration elapsed;
  std::vector<double> latencies_ms;
  double PerSecond() const { return static_cast<double>(ops) / absl::ToDoubleSeconds(elapsed); }
};

// Calls `op(thread, rng)` in a loop from `threads` threads for `duration`. A failure stops its
// thread, and the first one is returned once the run ends.
absl::StatusOr<Timed> RunTimed(int threads, absl::Duration duration, bool record_latencies,
                               const std::function<absl::Status(int, std::mt19937_64&)>& op) {
  std::atomic<bool> stop{false};
  absl::Notification start;
  std::vector<Timed> per_thread(threads);
  std::vector<absl::Status> statuses(threads);
  std::vector<std::thread> workers;
  for (int t = 0; t < threads; ++t) {
    workers.emplace_back([&, t] {
      std::mt19937_64 rng(0x9e3779b97f4a7c15ULL * (t + 1));
      start.WaitForNotification();
      while (!stop.load(std::memory_order_relaxed)) {
        const auto begin = std::chrono::steady_clock::now();
        statuses[t] = op(t, rng);
        if (!statuses[t].ok()) return;
        const auto end = std::chrono::steady_clock::now();
        ++per_thread[t].ops;
        if (record_latencies) {
          per_thread[t].latencies_ms.push_back(
              std::chrono::duration<double, std::milli>(end - begin).count());
        }
      }
    });
  }
  const absl::Time begin = absl::Now();
  start.Notify();
  absl::SleepFor(duration);
  stop = true;
  for (std::thread& w : workers) w.join();
  Timed total;
  total.elapsed = absl::Now() - begin;
  for (int t = 0; t < threads; ++t) {
    if (!statuses[t].ok()) return statuses[t];
    total.ops += per_thread[t].ops;
    total.latencies_ms.insert(total.latencies_ms.end(), per_thread[t].latencies_ms.begin(),
                              per_thread[t].latencies_ms.end());
  }
  return total;
}

double Percentile(std::vector<double> values, double fraction) {
  if (values.empty()) return 0;
  const size_t index = std::min(values.size() - 1, static_cast<size_t>(fraction * values.size()));
  std::nth_element(values.begin(), values.begin() + index, values.end());
  return values[index];
}

}  // namespace

// Plain RocksDB: one synced one-entry WriteBatch per call, from `threads` threads. The options are
// the store's own (eventstore/rocksdb_options.h): its DB options and its events column family's
// options, here on the default column family.
absl::StatusOr<double> PlainRocksDbSyncedPerSecond(const std::string& dir, int threads,
                                                   absl::Duration duration) {
  const rocksdb::Options options(StoreDbOptions(RocksDbStoreOptions{}),
                                 StoreColumnFamilyOptions(layout::ColumnFamily::kEvents));
  rocksdb::DB* raw = nullptr;
  if (rocksdb::Status s = rocksdb::DB::Open(options, dir, &raw); !s.ok()) {
    return absl::InternalError(absl::StrCat("rocksdb::DB::Open ", dir, ": ", s.ToString()));
  }
  const std::unique_ptr<rocksdb::DB> db(raw);
  const std::string value(kRocksDbValueBytes, 'v');
  std::vector<uint64_t> counters(threads);
  rocksdb::WriteOptions write_options;
  write_options.sync = true;
  auto timed = RunTimed(threads, duration, false, [&](int t, std::mt19937_64&) {
    std::string key;
    layout::AppendBigEndian64(&key, (uint64_t{static_cast<uint32_t>(t)} << 40) | counters[t]++);
    rocksdb::WriteBatch batch;
    batch.Put(key, value);
    if (rocksdb::Status s = db->Write(write_options, &batch); !s.ok()) {
      return absl::InternalError(absl::StrCat("rocksdb Write: ", s.ToString()));
    }
    return absl::OkStatus();
  });
  if (!timed.ok()) return timed.status();
  return timed->PerSecond();
}

namespace {

// Makes the events the benchmark appends: about 400 bytes each, ids unique within the process.
class EventMaker {
 public:
  EventMaker() : payload_(kPayloadBytes, '\0') {
    std::mt19937_64 rng(42);
    for (char& c : payload_) c = static_cast<char>(rng());
  }
  endeavour::v1::EventEnvelope Make() {
    const uint64_t n = next_id_.fetch_add(1, std::memory_order_relaxed);
    endeavour::v1::EventEnvelope e;
    e.set_event_id(absl::StrFormat("bench-%08x-%04x-%012x", n >> 48, (n >> 32) & 0xffff, n));
    e.set_event_type("endeavour.v1.InterventionSessionLogged");
    e.set_tenant("bench");
    e.mutable_actor()->set_id("staff/1042");
    e.mutable_actor()->set_role(endeavour::v1::ROLE_TEACHER);
    e.mutable_occurred_on()->set_year(2024);
    e.mutable_occurred_on()->set_month(3);
    e.mutable_occurred_on()->set_day(3);
    e.set_correlation_id(absl::StrCat("req-", n));
    e.set_payload(payload_);
    return e;
  }

 private:
  std::string payload_;
  std::atomic<uint64_t> next_id_{1};
};

EventMaker& Events() {
  static EventMaker* maker = new EventMaker();
  return *maker;
}

std::string RandomStream(std::mt19937_64& rng) {
  return absl::StrCat("pupil/bench/p-", rng() % kStreams);
}

}  // namespace

endeavour::v1::EventEnvelope SampleEvent() { return Events().Make(); }

absl::StatusOr<std::unique_ptr<RocksDbEventStore>> OpenStore(const std::string& dir, bool sync) {
  RocksDbStoreOptions options;
  options.sync = sync;
  return RocksDbEventStore::Open(dir, options);
}

// `writers` threads each append one event at a time to random streams.
absl::StatusOr<AppendFigures> MeasureAppends(RocksDbEventStore& store, int writers,
                                             absl::Duration duration) {
  const CommitStats before = store.GetCommitStats();
  auto timed = RunTimed(writers, duration, true, [&](int, std::mt19937_64& rng) {
    std::vector<endeavour::v1::EventEnvelope> events;
    events.push_back(Events().Make());
    return store.Append(RandomStream(rng), ExpectedVersion::Any(), std::move(events)).status();
  });
  if (!timed.ok()) return timed.status();
  const CommitStats after = store.GetCommitStats();
  const uint64_t syncs = after.durable_writes - before.durable_writes;
  Info("  %d writers: %d appends in %s, %d events in %d durable writes", writers, timed->ops,
       absl::FormatDuration(timed->elapsed), after.events - before.events, syncs);
  return AppendFigures{
      .per_second = timed->PerSecond(),
      .p99_ms = Percentile(std::move(timed->latencies_ms), 0.99),
      .events_per_sync = syncs == 0 ? 0 : static_cast<double>(after.events - before.events) / syncs,
  };
}

absl::StatusOr<AppendFigures> MeasureAsyncAppends(RocksDbEventStore& store, int in_flight,
                                                  absl::Duration duration) {
  using Clock = std::chrono::steady_clock;
  const CommitStats before = store.GetCommitStats();
  struct Chain {
    std::mt19937_64 rng;
    Clock::time_point issued;
  };
  std::vector<Chain> chains(in_flight);
  std::atomic<bool> stop{false};
  absl::Mutex mu;
  int running = in_flight;
  uint64_t ops = 0;
  std::vector<double> latencies_ms;
  absl::Status error;
  // Each chain keeps one append in flight: its callback, on the store's thread, issues the next.
  std::function<void(int)> issue = [&](int c) {
    std::vector<endeavour::v1::EventEnvelope> events;
    events.push_back(Events().Make());
    chains[c].issued = Clock::now();
    store.AppendAsync(
        RandomStream(chains[c].rng), ExpectedVersion::Any(), std::move(events),
        [&, c](absl::StatusOr<AppendResult> result) {
          const double ms =
              std::chrono::duration<double, std::milli>(Clock::now() - chains[c].issued).count();
          {
            absl::MutexLock lock(&mu);
            ++ops;
            latencies_ms.push_back(ms);
            if (!result.ok() && error.ok()) error = result.status();
            if (stop.load() || !result.ok()) {
              --running;
              return;
            }
          }
          issue(c);
        });
  };
  const absl::Time begin = absl::Now();
  for (int c = 0; c < in_flight; ++c) {
    chains[c].rng.seed(0x9e3779b97f4a7c15ULL * (c + 1));
    issue(c);
  }
  absl::SleepFor(duration);
  stop = true;
  absl::Duration elapsed;
  {
    absl::MutexLock lock(&mu);
    auto all_stopped = [&running]() { return running == 0; };
    mu.Await(absl::Condition(&all_stopped));
    elapsed = absl::Now() - begin;
  }
  if (!error.ok()) return error;
  const CommitStats after = store.GetCommitStats();
  const uint64_t syncs = after.durable_writes - before.durable_writes;
  Info("  %d async appends in flight: %d appends in %s, %d durable writes", in_flight, ops,
       absl::FormatDuration(elapsed), syncs);
  return AppendFigures{
      .per_second = static_cast<double>(ops) / absl::ToDoubleSeconds(elapsed),
      .p99_ms = Percentile(std::move(latencies_ms), 0.99),
      .events_per_sync = syncs == 0 ? 0 : static_cast<double>(after.events - before.events) / syncs,
  };
}

absl::StatusOr<ProofFigures> MeasureInclusionProofs(const RocksDbEventStore& store, int count) {
  const EventStore::TreeHead head = store.CurrentTreeHead();
  if (head.tree_size == 0) return absl::FailedPreconditionError("the store is empty");
  std::mt19937_64 rng(6962);
  std::uniform_int_distribution<uint64_t> positions(1, head.tree_size);
  ProofFigures figures;
  for (double* figure : {&figures.first_p99_ms, &figures.p99_ms}) {
    std::vector<double> latencies_ms;
    latencies_ms.reserve(count);
    for (int i = 0; i < count; ++i) {
      const uint64_t position = positions(rng);
      const auto begin = std::chrono::steady_clock::now();
      auto proof = store.Proofs().InclusionProof(position, head.tree_size);
      const auto end = std::chrono::steady_clock::now();
      if (!proof.ok()) return proof.status();
      latencies_ms.push_back(std::chrono::duration<double, std::milli>(end - begin).count());
      // A fast wrong proof would be no figure at all.
      auto page = store.ReadAll(position, 1, EventFilter{});
      if (!page.ok()) return page.status();
      if (page->events.empty()) return absl::InternalError("no event at a proven position");
      if (absl::Status s = VerifyInclusion(LeafHash(page->events.front().bytes), position,
                                           head.tree_size, *proof, head.root_hash);
          !s.ok()) {
        return s;
      }
    }
    *figure = Percentile(std::move(latencies_ms), 0.99);
  }
  return figures;
}

namespace {

// Appends unsynced batches from a few threads until the store holds `target` events.
absl::Status Fill(RocksDbEventStore& store, uint64_t target) {
  std::atomic<uint64_t> claimed{store.HeadPosition()};
  std::atomic<int> running{kFillThreads};
  std::vector<absl::Status> statuses(kFillThreads);
  std::vector<std::thread> threads;
  const absl::Time begin = absl::Now();
  absl::Time last_report = begin;
  for (int t = 0; t < kFillThreads; ++t) {
    threads.emplace_back([&, t] {
      std::mt19937_64 rng(1000 + t);
      for (uint64_t n; (n = claimed.fetch_add(kFillBatchEvents)) < target;) {
        std::vector<endeavour::v1::EventEnvelope> events(std::min(kFillBatchEvents, target - n));
        for (auto& e : events) e = Events().Make();
        auto result = store.Append(RandomStream(rng), ExpectedVersion::Any(), std::move(events));
        if (!result.ok()) {
          statuses[t] = result.status();
          break;
        }
      }
      --running;
    });
  }
  while (running > 0) {
    absl::SleepFor(absl::Milliseconds(100));
    if (absl::Now() - last_report >= absl::Seconds(5) || running == 0) {
      last_report = absl::Now();
      const double seconds = absl::ToDoubleSeconds(absl::Now() - begin);
      Info("  filled %d of %d events (%.0f s, %.0f events/s)", store.HeadPosition(), target,
           seconds, store.HeadPosition() / std::max(seconds, 1e-3));
    }
  }
  for (std::thread& t : threads) t.join();
  for (const absl::Status& s : statuses) {
    if (!s.ok()) return s;
  }
  return absl::OkStatus();
}

}  // namespace

absl::StatusOr<std::unique_ptr<RocksDbEventStore>> FillAndReopen(const std::string& dir,
                                                                 uint64_t target) {
  {
    auto store = OpenStore(dir, /*sync=*/false);
    if (!store.ok()) return store.status();
    if (absl::Status s = Fill(**store, target); !s.ok()) return s;
    // What is measured next is a store at rest, not one still paying for the fill's compactions.
    Info("compacting the filled store");
    if (absl::Status s = (*store)->Compact(); !s.ok()) return s;
  }
  return OpenStore(dir, /*sync=*/true);
}

}  // namespace endeavour::eventstore::bench
