// Measures the embedded event store and plain RocksDB on the same disk, in one run.
//
// Prints one "name: value" line per figure to stdout; progress goes to stderr. Every measurement
// but the big store's runs in a fresh folder under a scratch folder, removed at the end unless
// --keep.
//
// Usage: eventstore_bench [--dir DIR] [--seconds S] [--big-events N] [--skip-big]
//                         [--read-events N] [--keep] [--only baselines,appends,big,read]
#include <stdlib.h>

#include <algorithm>
#include <atomic>
#include <chrono>
#include <cstdint>
#include <cstdio>
#include <filesystem>
#include <functional>
#include <memory>
#include <random>
#include <string>
#include <thread>
#include <vector>

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_format.h"
#include "absl/strings/str_split.h"
#include "absl/strings/string_view.h"
#include "absl/synchronization/notification.h"
#include "absl/time/clock.h"
#include "absl/time/time.h"
#include "endeavour/v1/envelope.pb.h"
#include "eventstore/expected_version.h"
#include "eventstore/rocksdb_event_store.h"
#include "eventstore/rocksdb_layout.h"
#include "eventstore/rocksdb_options.h"
#include "rocksdb/db.h"
#include "rocksdb/write_batch.h"

#ifndef ENDEAVOUR_BENCH_DEFAULT_DIR
#define ENDEAVOUR_BENCH_DEFAULT_DIR "/tmp"
#endif

namespace endeavour::eventstore {
namespace {

constexpr int kStreams = 10000;
constexpr size_t kPayloadBytes = 300;       // plus the envelope: about 400 bytes an event
constexpr size_t kRocksDbValueBytes = 400;  // the plain RocksDB baseline's value size
constexpr int kFillThreads = 2;
constexpr size_t kFillBatchEvents = 100;
constexpr size_t kReadPageEvents = 1000;

struct Flags {
  std::string dir = ENDEAVOUR_BENCH_DEFAULT_DIR;
  absl::Duration per_measurement = absl::Seconds(3);
  uint64_t big_events = 10'000'000;
  uint64_t read_events = 1'000'000;  // the read and verify store holds at least this many
  bool skip_big = false;
  bool keep = false;
  // Which groups of figures to measure: baselines, appends, big, read (all when empty).
  std::string only;
  bool Runs(absl::string_view group) const {
    if (only.empty()) return true;
    for (absl::string_view part : absl::StrSplit(only, ',')) {
      if (part == group) return true;
    }
    return false;
  }
};

void Report(absl::string_view name, double value, int decimals = 0) {
  absl::PrintF("%s: %.*f\n", name, decimals, value);
  std::fflush(stdout);
}

template <typename... Args>
void Info(const absl::FormatSpec<Args...>& format, const Args&... args) {
  absl::FPrintF(stderr, format, args...);
  absl::FPrintF(stderr, "\n");
}

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

absl::StatusOr<std::unique_ptr<RocksDbEventStore>> OpenStore(const std::string& dir, bool sync) {
  RocksDbStoreOptions options;
  options.sync = sync;
  return RocksDbEventStore::Open(dir, options);
}

struct AppendFigures {
  double per_second = 0;
  double p99_ms = 0;
  double events_per_sync = 0;
};

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

// Fills `dir` to `target` events with sync off, then reopens it with sync on.
absl::StatusOr<std::unique_ptr<RocksDbEventStore>> FillAndReopen(const std::string& dir,
                                                                 uint64_t target) {
  {
    auto store = OpenStore(dir, /*sync=*/false);
    if (!store.ok()) return store.status();
    if (absl::Status s = Fill(**store, target); !s.ok()) return s;
  }
  return OpenStore(dir, /*sync=*/true);
}

absl::Status ReadAndVerify(RocksDbEventStore& store) {
  const uint64_t head = store.HeadPosition();
  Info("reading %d events in pages of %d", head, kReadPageEvents);
  const absl::Time begin = absl::Now();
  uint64_t read = 0;
  for (uint64_t from = 1; from <= head;) {
    auto page = store.ReadAll(from, kReadPageEvents, EventFilter{});
    if (!page.ok()) return page.status();
    if (page->next_position <= from) return absl::InternalError("ReadAll made no progress");
    read += page->events.size();
    from = page->next_position;
  }
  const absl::Duration read_time = absl::Now() - begin;
  if (read != head) return absl::InternalError(absl::StrCat("read ", read, " of ", head));
  Report("read_all_events_per_s", read / absl::ToDoubleSeconds(read_time));

  Info("verifying %d events", head);
  const absl::Time verify_begin = absl::Now();
  if (absl::Status s = store.Verify(); !s.ok()) return s;
  Report("verify_events_per_s", head / absl::ToDoubleSeconds(absl::Now() - verify_begin));
  return absl::OkStatus();
}

// Runs every measurement under `root`, each in its own folder.
absl::Status RunAll(const Flags& flags, const std::string& root) {
  std::filesystem::path big_dir;
  auto fresh = [&, n = 0](absl::string_view name) mutable {
    const std::filesystem::path dir = std::filesystem::path(root) / absl::StrCat(++n, "-", name);
    Info("%s (%s)", name, dir.string());
    return dir.string();
  };
  // Drops a finished measurement's folder at once, so that it costs no disk space later.
  auto done = [&](const std::string& dir) {
    if (!flags.keep) std::filesystem::remove_all(dir);
  };
  const absl::Duration d = flags.per_measurement;
  endeavour::v1::EventEnvelope sample = Events().Make();
  sample.set_stream_id("pupil/bench/p-1234");
  sample.set_position(1'000'000);
  sample.set_stream_version(100);
  sample.mutable_recorded_at()->set_seconds(1'700'000'000);
  Info("events of about %d bytes (payload %d) to %d streams", sample.ByteSizeLong(), kPayloadBytes,
       kStreams);
  for (int threads : {1, 64}) {
    if (!flags.Runs("baselines")) break;
    const std::string dir = fresh(absl::StrCat("rocksdb-", threads));
    auto per_s = PlainRocksDbSyncedPerSecond(dir, threads, d);
    if (!per_s.ok()) return per_s.status();
    Report(threads == 1 ? "rocksdb_synced_batch_per_s" : "rocksdb_synced_64_threads_per_s", *per_s);
    done(dir);
  }
  for (int writers : {1, 16, 64}) {
    if (!flags.Runs("appends")) break;
    const std::string dir = fresh(absl::StrCat("append-", writers));
    absl::StatusOr<AppendFigures> figures;
    if (auto store = OpenStore(dir, /*sync=*/true); store.ok()) {
      figures = MeasureAppends(**store, writers, d);
    } else {
      return store.status();
    }
    if (!figures.ok()) return figures.status();
    Report(
        writers == 1 ? "append_1_writer_per_s" : absl::StrCat("append_", writers, "_writers_per_s"),
        figures->per_second);
    if (writers == 64) {
      Report("events_per_sync_64_writers", figures->events_per_sync, 2);
      Report("append_p99_ms_64_writers", figures->p99_ms, 3);
    }
    done(dir);
  }
  if (!flags.Runs("big") && !flags.Runs("read")) return absl::OkStatus();
  const std::string dir = fresh(flags.skip_big ? "read" : "big");
  const uint64_t target = flags.skip_big ? flags.read_events : flags.big_events;
  auto store = FillAndReopen(dir, target);
  if (!store.ok()) return store.status();
  if (!flags.skip_big && flags.Runs("big")) {
    Info("64 writers on a store of %d events", (*store)->HeadPosition());
    auto figures = MeasureAppends(**store, 64, d);
    if (!figures.ok()) return figures.status();
    Report("append_64_writers_per_s_at_10m", figures->per_second);
    if ((*store)->HeadPosition() < flags.read_events) {
      store->reset();
      store = FillAndReopen(dir, flags.read_events);
      if (!store.ok()) return store.status();
    }
  }
  if (flags.Runs("read")) {
    if (absl::Status s = ReadAndVerify(**store); !s.ok()) return s;
  }
  store->reset();
  done(dir);
  return absl::OkStatus();
}

bool ParseFlags(int argc, char** argv, Flags& flags) {
  for (int i = 1; i < argc; ++i) {
    absl::string_view arg = argv[i];
    std::string value;
    auto take = [&](absl::string_view name) {
      if (arg == name && i + 1 < argc) {
        value = argv[++i];
        return true;
      }
      if (arg.substr(0, name.size() + 1) == absl::StrCat(name, "=")) {
        value = std::string(arg.substr(name.size() + 1));
        return true;
      }
      return false;
    };
    double seconds = 0;
    if (arg == "--skip-big") {
      flags.skip_big = true;
    } else if (arg == "--keep") {
      flags.keep = true;
    } else if (take("--only")) {
      flags.only = value;
    } else if (take("--dir")) {
      flags.dir = value;
    } else if (take("--seconds")) {
      if (!absl::SimpleAtod(value, &seconds) || seconds <= 0) return false;
      flags.per_measurement = absl::Seconds(seconds);
    } else if (take("--big-events")) {
      if (!absl::SimpleAtoi(value, &flags.big_events) || flags.big_events == 0) return false;
    } else if (take("--read-events")) {
      if (!absl::SimpleAtoi(value, &flags.read_events) || flags.read_events == 0) return false;
    } else {
      return false;
    }
  }
  return true;
}

int Main(int argc, char** argv) {
  Flags flags;
  if (!ParseFlags(argc, argv, flags)) {
    Info(
        "usage: %s [--dir DIR] [--seconds S] [--big-events N] [--skip-big] [--read-events N] "
        "[--keep] [--only baselines,appends,big,read]",
        argv[0]);
    return 2;
  }
  std::error_code error;
  std::filesystem::create_directories(flags.dir, error);
  std::string root = (std::filesystem::path(flags.dir) / "eventstore-bench-XXXXXX").string();
  if (error || mkdtemp(root.data()) == nullptr) {
    Info("cannot make a scratch folder in %s", flags.dir);
    return 1;
  }
  Info("scratch folder %s; %s per measurement", root, absl::FormatDuration(flags.per_measurement));
  const absl::Status status = RunAll(flags, root);
  if (!flags.keep) std::filesystem::remove_all(root, error);
  if (!status.ok()) {
    Info("eventstore_bench: %s", status.ToString());
    return 1;
  }
  return 0;
}

}  // namespace
}  // namespace endeavour::eventstore

int main(int argc, char** argv) { return endeavour::eventstore::Main(argc, argv); }
