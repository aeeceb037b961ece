// The projections benchmark. Builds a school log (10,000 pupils and up to 104 events each by
// default, from the deterministic workload: pupils who leave SEN support stop short, and the log
// holds just over a million events), then measures:
//   projection_rebuild_events_per_s  every view, rebuilt from position 0 (both runners, as at a
//                                    version change), events in the log / seconds to catch up;
//                                    the median of --rounds rounds, each from a compacted store
//   projection_rebuild_log_events    the events in that log
//   as_of_pupil_history_p99_ms       one pupil with 200 events, history as of a recorded time
// Prints one "name: value" line per figure; progress goes to stderr. Not a test: run it through
// deploy/bench.sh (a Release build).
#include <algorithm>
#include <atomic>
#include <cstdio>
#include <filesystem>
#include <memory>
#include <string>
#include <thread>
#include <vector>

#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "absl/synchronization/mutex.h"
#include "absl/time/clock.h"
#include "absl/time/time.h"
#include "eventstore/rocksdb_event_store.h"
#include "projections/testing/school_workload.h"
#include "projections/views.h"

namespace endeavour::projections::bench {
namespace {

struct Flags {
  std::string dir = ENDEAVOUR_BENCH_DEFAULT_DIR;
  int pupils = 10000;
  int events_per_pupil = 104;
  int rounds = 3;
  int as_of_queries = 2000;
  bool keep = false;
};

bool ParseFlags(int argc, char** argv, Flags& flags) {
  for (int i = 1; i < argc; ++i) {
    const std::string arg = argv[i];
    auto number = [&](int& out) { return i + 1 < argc && absl::SimpleAtoi(argv[++i], &out); };
    if (arg == "--dir" && i + 1 < argc) {
      flags.dir = argv[++i];
    } else if (arg == "--pupils") {
      if (!number(flags.pupils) || flags.pupils < 1) return false;
    } else if (arg == "--events-per-pupil") {
      if (!number(flags.events_per_pupil) || flags.events_per_pupil < 10) return false;
    } else if (arg == "--rounds") {
      if (!number(flags.rounds) || flags.rounds < 1) return false;
    } else if (arg == "--as-of-queries") {
      if (!number(flags.as_of_queries) || flags.as_of_queries < 100) return false;
    } else if (arg == "--keep") {
      flags.keep = true;
    } else {
      return false;
    }
  }
  return true;
}

absl::Status AppendAll(eventstore::EventStore& store, std::vector<testing::WorkloadEvent> events,
                       int threads) {
  // Each thread takes the streams of its residue, in log order, so every stream keeps its order
  // and the log still interleaves pupils.
  std::vector<std::thread> workers;
  std::vector<absl::Status> results(threads);
  std::atomic<size_t> appended{0};
  for (int t = 0; t < threads; ++t) {
    workers.emplace_back([&, t] {
      for (const testing::WorkloadEvent& e : events) {
        if (std::hash<std::string>()(e.stream_id) % threads != static_cast<size_t>(t)) continue;
        auto result = store.Append(e.stream_id, eventstore::ExpectedVersion::Any(), {e.envelope});
        if (!result.ok()) {
          results[t] = result.status();
          return;
        }
        if (const size_t done = ++appended; done % 100000 == 0) {
          std::fprintf(stderr, "  appended %zu of %zu events\n", done, events.size());
        }
      }
    });
  }
  for (std::thread& w : workers) w.join();
  for (const absl::Status& s : results) {
    if (!s.ok()) return s;
  }
  return absl::OkStatus();
}

absl::Status ClearViews(eventstore::StateStore& state) {
  eventstore::StateWrite write;
  write.deleted_prefixes = {"active/", "checkpoint/", "state/"};
  return state.Write(write);
}

int Main(int argc, char** argv) {
  // Debian builds Abseil without NDEBUG: measure with deadlock detection off, as the server runs.
  absl::SetMutexDeadlockDetectionMode(absl::OnDeadlockCycle::kIgnore);
  Flags flags;
  if (!ParseFlags(argc, argv, flags)) {
    std::fprintf(stderr,
                 "usage: %s [--dir DIR] [--pupils N] [--events-per-pupil N] [--rounds N] "
                 "[--as-of-queries N] [--keep]\n",
                 argv[0]);
    return 2;
  }
  const std::string dir =
      absl::StrCat(flags.dir, "/projections-", flags.pupils, "x", flags.events_per_pupil);
  eventstore::RocksDbStoreOptions options;
  options.sync = false;  // a fixture: nothing here measures appends
  const bool existed = std::filesystem::exists(dir);
  auto store = eventstore::RocksDbEventStore::Open(dir, options);
  if (!store.ok()) {
    std::fprintf(stderr, "open %s: %s\n", dir.c_str(), store.status().ToString().c_str());
    return 1;
  }
  const std::string as_of_tenant = "as-of-school";
  if (!existed || (*store)->HeadPosition() == 0) {
    std::fprintf(stderr, "building the log in %s: %d pupils x %d events\n", dir.c_str(),
                 flags.pupils, flags.events_per_pupil);
    testing::WorkloadOptions school;
    school.pupils = flags.pupils;
    school.events_per_pupil = flags.events_per_pupil;
    std::vector<testing::WorkloadEvent> events = testing::SchoolWorkload(school).Interleaved();
    if (absl::Status s = AppendAll(**store, std::move(events), 4); !s.ok()) {
      std::fprintf(stderr, "append: %s\n", s.ToString().c_str());
      return 1;
    }
    testing::WorkloadOptions one;
    one.tenant = as_of_tenant;
    one.pupils = 1;
    one.events_per_pupil = 200;
    one.seed = 7;
    if (absl::Status s = AppendAll(**store, testing::SchoolWorkload(one).PupilEvents(0), 1);
        !s.ok()) {
      std::fprintf(stderr, "append: %s\n", s.ToString().c_str());
      return 1;
    }
  }
  const uint64_t head = (*store)->HeadPosition();
  std::fprintf(stderr, "log: %llu events\n", static_cast<unsigned long long>(head));

  // Rebuild every view from position 0, `rounds` times; the median.
  std::vector<double> rates;
  for (int round = 0; round < flags.rounds; ++round) {
    if (absl::Status s = ClearViews((*store)->ProjectionState()); !s.ok()) {
      std::fprintf(stderr, "clear: %s\n", s.ToString().c_str());
      return 1;
    }
    // Each round starts from a store at rest: the compactions owed for building the log, and for
    // the views the round before wrote and this one cleared, are paid here, not inside the round.
    if (absl::Status s = (*store)->Compact(); !s.ok()) {
      std::fprintf(stderr, "compact: %s\n", s.ToString().c_str());
      return 1;
    }
    const absl::Time start = absl::Now();
    auto views = Views::Start(**store, (*store)->ProjectionState());
    if (!views.ok()) {
      std::fprintf(stderr, "views: %s\n", views.status().ToString().c_str());
      return 1;
    }
    const absl::Time deadline = start + absl::Minutes(30);
    for (const ProjectionRunner* runner : {&(*views)->pupil_runner(), &(*views)->school_runner()}) {
      if (absl::Status s = runner->WaitFor(head, deadline); !s.ok()) {
        std::fprintf(stderr, "rebuild: %s\n", s.ToString().c_str());
        return 1;
      }
    }
    const double seconds = absl::ToDoubleSeconds(absl::Now() - start);
    rates.push_back(static_cast<double>(head) / seconds);
    const RunnerStats stats = (*views)->pupil_runner().stats();
    std::fprintf(stderr,
                 "  round %d: rebuilt %llu events in %.2f s (pupil views: reading %.2f s, "
                 "folding %.2f s, rendering %.2f s, %llu writes %.2f s)\n",
                 round + 1, static_cast<unsigned long long>(head), seconds,
                 absl::ToDoubleSeconds(stats.reading), absl::ToDoubleSeconds(stats.folding),
                 absl::ToDoubleSeconds(stats.rendering),
                 static_cast<unsigned long long>(stats.flushes),
                 absl::ToDoubleSeconds(stats.writing));
  }
  std::sort(rates.begin(), rates.end());
  std::printf("projection_rebuild_events_per_s: %.0f\n", rates[rates.size() / 2]);
  std::printf("projection_rebuild_log_events: %llu\n", static_cast<unsigned long long>(head));

  // As of a recorded time halfway through the pupil's 200 events.
  auto views = Views::Start(**store, (*store)->ProjectionState());
  if (!views.ok()) return 1;
  const std::string pupil_stream = testing::SchoolWorkload([&] {
                                     testing::WorkloadOptions one;
                                     one.tenant = as_of_tenant;
                                     one.pupils = 1;
                                     one.events_per_pupil = 200;
                                     one.seed = 7;
                                     return one;
                                   }())
                                       .PupilEvents(0)
                                       .front()
                                       .stream_id;
  auto page = (*store)->ReadStream(pupil_stream, 100, eventstore::ReadDirection::kForwards, 1);
  if (!page.ok() || page->events.empty()) {
    std::fprintf(stderr, "the as-of pupil %s has fewer than 100 events\n", pupil_stream.c_str());
    return 1;
  }
  const auto& stamp = page->events[0].envelope.recorded_at();
  ViewQuery query;
  query.as_of =
      AsOf::RecordedAt(absl::FromUnixSeconds(stamp.seconds()) + absl::Nanoseconds(stamp.nanos()));
  const std::string pupil_id = pupil_stream.substr(pupil_stream.rfind('/') + 1);
  std::vector<double> latencies_ms;
  for (int i = 0; i < flags.as_of_queries; ++i) {
    const absl::Time start = absl::Now();
    auto history = (*views)->History(as_of_tenant, pupil_id, query);
    latencies_ms.push_back(absl::ToDoubleMilliseconds(absl::Now() - start));
    if (!history.ok() || history->cycles_size() == 0) {
      std::fprintf(stderr, "as-of history: %s\n", history.status().ToString().c_str());
      return 1;
    }
  }
  std::sort(latencies_ms.begin(), latencies_ms.end());
  std::printf("as_of_pupil_history_p99_ms: %.3f\n", latencies_ms[latencies_ms.size() * 99 / 100]);
  views->reset();
  store->reset();
  if (!flags.keep) std::filesystem::remove_all(dir);
  return 0;
}

}  // namespace
}  // namespace endeavour::projections::bench

int main(int argc, char** argv) { return endeavour::projections::bench::Main(argc, argv); }
