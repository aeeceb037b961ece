// Measures the embedded event store and plain RocksDB on the same disk, in one run.
//
// Prints one "name: value" line per figure to stdout; progress goes to stderr. Every measurement
// but the big store's runs in a fresh folder under a scratch folder, removed at the end unless
// --keep.
//
// Usage: eventstore_bench [--dir DIR] [--seconds S] [--big-events N] [--skip-big]
//                         [--read-events N] [--keep] [--rounds N]
//                         [--only baselines,appends,big,read]
#include <stdlib.h>

#include <algorithm>
#include <cstdint>
#include <cstdio>
#include <filesystem>
#include <memory>
#include <string>
#include <utility>
#include <vector>

#include "absl/container/flat_hash_map.h"
#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_format.h"
#include "absl/strings/str_split.h"
#include "absl/strings/string_view.h"
#include "absl/synchronization/mutex.h"
#include "absl/time/clock.h"
#include "absl/time/time.h"
#include "eventstore/bench/store_workloads.h"
#include "eventstore/rocksdb_event_store.h"

#ifndef ENDEAVOUR_BENCH_DEFAULT_DIR
#define ENDEAVOUR_BENCH_DEFAULT_DIR "/tmp"
#endif

namespace endeavour::eventstore::bench {
namespace {

constexpr size_t kReadPageEvents = 1000;
constexpr int kInclusionProofs = 5000;

struct Flags {
  std::string dir = ENDEAVOUR_BENCH_DEFAULT_DIR;
  absl::Duration per_measurement = absl::Seconds(3);
  uint64_t big_events = 10'000'000;
  uint64_t read_events = 1'000'000;  // the read and verify store holds at least this many
  bool skip_big = false;
  bool keep = false;
  // Interleaved rounds of the baseline and append measurements; each figure is their median.
  int rounds = 3;
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
  endeavour::v1::EventEnvelope sample = SampleEvent();
  sample.set_stream_id("pupil/bench/p-1234");
  sample.set_position(1'000'000);
  sample.set_stream_version(100);
  sample.mutable_recorded_at()->set_seconds(1'700'000'000);
  Info("events of about %d bytes (payload %d) to %d streams", sample.ByteSizeLong(), kPayloadBytes,
       kStreams);
  // The machine is shared and noisy: the baselines and our appends run in interleaved rounds,
  // and each figure is the median of its rounds.
  std::vector<std::pair<std::string, int>> order;  // figure name, decimals, in print order
  absl::flat_hash_map<std::string, std::vector<double>> rounds;
  auto record = [&](const std::string& name, double value, int decimals = 0) {
    if (!rounds.contains(name)) order.emplace_back(name, decimals);
    rounds[name].push_back(value);
  };
  for (int round = 0; round < flags.rounds; ++round) {
    for (int threads : {1, 64}) {
      if (!flags.Runs("baselines")) break;
      const std::string dir = fresh(absl::StrCat("rocksdb-", threads));
      auto per_s = PlainRocksDbSyncedPerSecond(dir, threads, d);
      if (!per_s.ok()) return per_s.status();
      record(threads == 1 ? "rocksdb_synced_batch_per_s" : "rocksdb_synced_64_threads_per_s",
             *per_s);
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
      record(writers == 1 ? "append_1_writer_per_s"
                          : absl::StrCat("append_", writers, "_writers_per_s"),
             figures->per_second);
      if (writers == 64) {
        record("events_per_sync_64_writers", figures->events_per_sync, 2);
        record("append_p99_ms_64_writers", figures->p99_ms, 3);
      }
      done(dir);
    }
    if (flags.Runs("appends")) {
      // The same 64 appends at a time without a thread each: how the gRPC server drives it.
      const std::string dir = fresh("append-async-64");
      auto store = OpenStore(dir, /*sync=*/true);
      if (!store.ok()) return store.status();
      absl::StatusOr<AppendFigures> figures = MeasureAsyncAppends(**store, 64, d);
      if (!figures.ok()) return figures.status();
      record("append_async_64_in_flight_per_s", figures->per_second);
      record("append_async_p99_ms_64_in_flight", figures->p99_ms, 3);
      store->reset();
      done(dir);
    }
  }
  for (const auto& [name, decimals] : order) {
    std::vector<double>& values = rounds[name];
    std::sort(values.begin(), values.end());
    Report(name, values[values.size() / 2], decimals);
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
    Info("inclusion proofs of random events in the tree of %d", (*store)->HeadPosition());
    auto proofs = MeasureInclusionProofs(**store, kInclusionProofs);
    if (!proofs.ok()) return proofs.status();
    Report("inclusion_proof_first_p99_ms", proofs->first_p99_ms, 3);
    Report("inclusion_proof_p99_ms", proofs->p99_ms, 3);
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
    } else if (take("--rounds")) {
      if (!absl::SimpleAtoi(value, &flags.rounds) || flags.rounds < 1) return false;
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
  // Debian builds Abseil without NDEBUG: measure with deadlock detection off, as the server runs.
  absl::SetMutexDeadlockDetectionMode(absl::OnDeadlockCycle::kIgnore);
  Flags flags;
  if (!ParseFlags(argc, argv, flags)) {
    Info(
        "usage: %s [--dir DIR] [--seconds S] [--big-events N] [--skip-big] [--read-events N] "
        "[--keep] [--rounds N] [--only baselines,appends,big,read]",
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
}  // namespace endeavour::eventstore::bench

int main(int argc, char** argv) { return endeavour::eventstore::bench::Main(argc, argv); }
