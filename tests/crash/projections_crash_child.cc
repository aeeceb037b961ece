// The process projections_crash_test kills. `projections_crash_child DIR [flags]` opens the RocksDB
// store in DIR, starts the views (pupil views, self-evaluation) and the event-count projection,
// each flushing every few milliseconds while it catches up, and appends the school workload's
// events from two threads, resuming where the log stands. It writes "ready" to stdout once every
// runner has started, then appends until the workload is done and waits to be killed; with
// --finish it instead exits 0 once everything is appended, stopping the runners wherever they are.
// With --kill_at_write=N it kills itself with SIGKILL right after the runners' Nth state write. A
// runner that stops on an error ends the child with status 4, so the parent sees it.
//
// Flags: --pupils=N --events=N --seed=S (the workload, the same in every run), --count_version=V
// (1: scale 1; any other: scale 10, which makes the runner rebuild when the stored version
// differs), --cache=N (view files kept in memory), --rate=N (events a second; the default, 0, is
// as fast as the store takes them), --kill_at_write=N (SIGKILL itself right after the runners'
// Nth state write), --finish.
#include <signal.h>
#include <unistd.h>

#include <algorithm>
#include <atomic>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <map>
#include <memory>
#include <optional>
#include <random>
#include <string>
#include <thread>
#include <unordered_set>
#include <utility>
#include <vector>

#include "absl/functional/function_ref.h"
#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_format.h"
#include "absl/strings/string_view.h"
#include "absl/time/clock.h"
#include "absl/time/time.h"
#include "endeavour/v1/envelope.pb.h"
#include "eventstore/expected_version.h"
#include "eventstore/rocksdb_event_store.h"
#include "eventstore/state_store.h"
#include "projections/projection_runner.h"
#include "projections/testing/event_count_projection.h"
#include "projections/testing/school_workload.h"
#include "projections/views.h"

namespace endeavour::projections {
namespace {

using eventstore::ExpectedVersion;
using eventstore::RocksDbEventStore;

struct Flags {
  std::string dir;
  int pupils = 60;
  int events = 40;
  uint64_t seed = 1;
  uint32_t count_version = 1;
  uint64_t cache = 20000;
  uint64_t rate = 0;           // events a second, 0 for as fast as the store takes them
  uint64_t kill_at_write = 0;  // 0: never
  bool finish = false;
};

[[noreturn]] void Die(const absl::Status& status, absl::string_view what) {
  absl::FPrintF(stderr, "projections_crash_child: %s: %s\n", what, status.ToString());
  _exit(2);
}

bool ParseFlags(int argc, char** argv, Flags& flags) {
  if (argc < 2) return false;
  flags.dir = argv[1];
  for (int i = 2; i < argc; ++i) {
    const absl::string_view arg = argv[i];
    if (arg == "--finish") {
      flags.finish = true;
      continue;
    }
    const size_t eq = arg.find('=');
    if (eq == absl::string_view::npos) return false;
    const absl::string_view name = arg.substr(0, eq);
    const absl::string_view value = arg.substr(eq + 1);
    bool ok = false;
    if (name == "--pupils") ok = absl::SimpleAtoi(value, &flags.pupils);
    if (name == "--events") ok = absl::SimpleAtoi(value, &flags.events);
    if (name == "--seed") ok = absl::SimpleAtoi(value, &flags.seed);
    if (name == "--count_version") ok = absl::SimpleAtoi(value, &flags.count_version);
    if (name == "--cache") ok = absl::SimpleAtoi(value, &flags.cache);
    if (name == "--rate") ok = absl::SimpleAtoi(value, &flags.rate);
    if (name == "--kill_at_write") ok = absl::SimpleAtoi(value, &flags.kill_at_write);
    if (!ok) return false;
  }
  return flags.pupils > 0 && flags.events > 0 && flags.count_version > 0;
}

// The workload's events, each stream's in stream order: the pupils' interleaved, then the
// self-evaluation's (unless the interleaving has them already).
std::map<std::string, std::vector<v1::EventEnvelope>> WorkloadByStream(const Flags& flags) {
  testing::WorkloadOptions options;
  options.tenant = "crash";
  options.pupils = flags.pupils;
  options.events_per_pupil = flags.events;
  options.seed = flags.seed;
  const testing::SchoolWorkload workload(options);
  std::map<std::string, std::vector<v1::EventEnvelope>> streams;
  std::unordered_set<std::string> ids;
  for (auto& event : workload.Interleaved()) {
    ids.insert(event.envelope.event_id());
    streams[event.stream_id].push_back(std::move(event.envelope));
  }
  for (auto& event : workload.SelfEvaluationEvents()) {
    if (ids.insert(event.envelope.event_id()).second) {
      streams[event.stream_id].push_back(std::move(event.envelope));
    }
  }
  return streams;
}

// What one thread appends: its streams, each from the first event the log does not hold yet.
struct Share {
  struct Stream {
    std::string id;
    std::vector<v1::EventEnvelope> events;
    size_t next = 0;
  };
  std::vector<Stream> streams;
};

// Appends the share's events, each stream in order, picking streams at random and putting one to
// three events in a batch, `rate` events a second (0: no limit).
void AppendShare(RocksDbEventStore* store, Share* share, double rate, uint64_t nonce) {
  std::mt19937_64 rng(nonce);
  const absl::Time start = absl::Now();
  uint64_t sent = 0;
  std::vector<Share::Stream*> open;
  for (Share::Stream& stream : share->streams) {
    if (stream.next < stream.events.size()) open.push_back(&stream);
  }
  while (!open.empty()) {
    const size_t pick = rng() % open.size();
    Share::Stream& stream = *open[pick];
    const size_t count = std::min<size_t>(1 + rng() % 3, stream.events.size() - stream.next);
    std::vector<v1::EventEnvelope> batch(stream.events.begin() + stream.next,
                                         stream.events.begin() + stream.next + count);
    auto appended = store->Append(stream.id, ExpectedVersion::Any(), std::move(batch));
    if (!appended.ok()) Die(appended.status(), absl::StrCat("Append to ", stream.id));
    stream.next += count;
    sent += count;
    if (rate > 0) absl::SleepFor(start + absl::Seconds(sent / rate) - absl::Now());
    if (stream.next == stream.events.size()) {
      open[pick] = open.back();
      open.pop_back();
    }
  }
}

// Ends the child with status 4 as soon as a runner has stopped on an error, until `stop`.
void WatchHealth(const Views* views, const ProjectionRunner* counter,
                 const std::atomic<bool>* stop) {
  while (!stop->load()) {
    for (const ProjectionRunner* runner :
         {&views->pupil_runner(), &views->school_runner(), counter}) {
      if (absl::Status health = runner->health(); !health.ok()) {
        absl::FPrintF(stderr, "projections_crash_child: runner %s stopped: %s\n", runner->name(),
                      health.ToString());
        _exit(4);
      }
    }
    absl::SleepFor(absl::Milliseconds(10));
  }
}

// The runners' state store, passed through, that kills the process with SIGKILL right after its
// `kill_at`th write (0: never): a crash point exactly between two writes of the runners, as
// RocksDB's own crash test kills at chosen points. A runner that split a flush into two writes
// would leave its state and its checkpoint disagreeing here, which a kill at a random moment
// finds only by luck.
class KillingStateStore final : public eventstore::StateStore {
 public:
  KillingStateStore(eventstore::StateStore& base, uint64_t kill_at)
      : base_(base), kill_at_(kill_at) {}

  absl::StatusOr<std::optional<std::string>> Get(const std::string& key) const override {
    return base_.Get(key);
  }
  absl::Status Scan(
      const std::string& prefix,
      absl::FunctionRef<bool(absl::string_view, absl::string_view)> visit) const override {
    return base_.Scan(prefix, visit);
  }
  absl::Status Write(const eventstore::StateWrite& write) override {
    absl::Status written = base_.Write(write);
    if (kill_at_ != 0 && ++writes_ == kill_at_) {
      absl::PrintF("killed at state write %d\n", kill_at_);
      std::fflush(stdout);
      raise(SIGKILL);
    }
    return written;
  }

 private:
  eventstore::StateStore& base_;
  const uint64_t kill_at_;
  std::atomic<uint64_t> writes_ = 0;
};

struct Runners {
  std::unique_ptr<Views> views;
  std::unique_ptr<ProjectionRunner> counter;
};

// Starts the views and the count projection, all flushing every 5 ms while they catch up.
Runners StartRunners(RocksDbEventStore& store, eventstore::StateStore& state, const Flags& flags) {
  ViewsOptions options;
  options.runner.catch_up_flush_interval = absl::Milliseconds(5);
  options.runner.retry_delay = absl::Milliseconds(50);
  options.cache.max_cached_files = flags.cache;
  Runners runners;
  auto views = Views::Start(store, state, options);
  if (!views.ok()) Die(views.status(), "Views::Start");
  runners.views = *std::move(views);
  auto projection = std::make_unique<testing::EventCountProjection>(
      flags.count_version, flags.count_version == 1 ? 1 : 10);
  // Folding again what the log held at the start takes about 150 ms, however long the log: long
  // enough that kills land in the middle of a rebuild and around its switch. (It sleeps every 64
  // events: shorter sleeps overshoot.)
  if (const uint64_t head = store.HeadPosition(); head > 0) {
    const absl::Duration pause = absl::Milliseconds(150) * 64 / head;
    projection->before_apply = [head, pause](const eventstore::StoredEvent& event) {
      const uint64_t position = event.envelope.position();
      if (position <= head && position % 64 == 0) absl::SleepFor(pause);
      return absl::OkStatus();
    };
  }
  auto counter = ProjectionRunner::Start(store, state, std::move(projection), options.runner);
  if (!counter.ok()) Die(counter.status(), "ProjectionRunner::Start");
  runners.counter = *std::move(counter);
  return runners;
}

// Splits what the log does not hold yet of the workload in two shares, each stream in one of
// them, so that its events keep their order.
void ShareWorkload(RocksDbEventStore& store, const Flags& flags, Share (&shares)[2]) {
  int index = 0;
  for (auto& [stream_id, events] : WorkloadByStream(flags)) {
    auto version = store.StreamVersion(stream_id);
    if (!version.ok()) Die(version.status(), absl::StrCat("StreamVersion ", stream_id));
    shares[index++ % 2].streams.push_back(
        {stream_id, std::move(events), static_cast<size_t>(*version)});
  }
}

// Appends the shares from a thread each.
void AppendShares(RocksDbEventStore& store, const Flags& flags, Share (&shares)[2]) {
  std::random_device random_device;
  std::vector<std::thread> threads;
  for (Share& share : shares) {
    const uint64_t nonce = (uint64_t{random_device()} << 32) | random_device();
    threads.emplace_back(AppendShare, &store, &share, flags.rate / 2.0, nonce);
  }
  for (std::thread& t : threads) t.join();
}

int Main(int argc, char** argv) {
  Flags flags;
  if (!ParseFlags(argc, argv, flags)) {
    absl::FPrintF(stderr,
                  "usage: %s DIR [--pupils=N] [--events=N] [--seed=S] [--count_version=V] "
                  "[--cache=N] [--rate=N] [--kill_at_write=N] [--finish]\n",
                  argv[0]);
    return 1;
  }
  auto store = RocksDbEventStore::Open(flags.dir);
  if (!store.ok()) Die(store.status(), absl::StrCat("Open ", flags.dir));
  // The workload first (it takes a while for a large one), so that appends start with "ready".
  Share shares[2];
  ShareWorkload(**store, flags, shares);
  KillingStateStore state((*store)->ProjectionState(), flags.kill_at_write);
  Runners runners = StartRunners(**store, state, flags);
  std::atomic<bool> stop_watching = false;
  std::thread watcher(WatchHealth, runners.views.get(), runners.counter.get(), &stop_watching);
  std::fputs("ready\n", stdout);
  std::fflush(stdout);
  AppendShares(**store, flags, shares);
  if (!flags.finish) {
    while (true) absl::SleepFor(absl::Seconds(1));  // until the parent kills us
  }
  absl::PrintF("appended to %d; stopping with the views at %d, the count at %d\n",
               (*store)->HeadPosition(), runners.views->pupil_runner().checkpoint(),
               runners.counter->checkpoint());
  std::fflush(stdout);
  stop_watching = true;
  watcher.join();
  runners.counter.reset();
  runners.views.reset();
  return 0;
}

}  // namespace
}  // namespace endeavour::projections

int main(int argc, char** argv) { return endeavour::projections::Main(argc, argv); }
