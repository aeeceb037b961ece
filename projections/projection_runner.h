// Runs one projection: follows the log from the projection's checkpoint through a subscription,
// folds each event in, and writes the projection's state changes with the new checkpoint in one
// atomic write, so that however the process dies, nothing is applied twice and nothing skipped.
//
// State keys in the StateStore:
//   active/<name>                    the version that answers queries (decimal)
//   checkpoint/<name>/v<version>     the last position folded in (8 bytes, big-endian)
//   state/<name>/v<version>/<key>    the projection's own keys
// A version other than the active one is rebuilt from position 0 while the active one keeps
// answering; when it catches up, one write makes it active and deletes the old version's state.
#ifndef ENDEAVOUR_PROJECTIONS_PROJECTION_RUNNER_H_
#define ENDEAVOUR_PROJECTIONS_PROJECTION_RUNNER_H_

#include <atomic>
#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <thread>

#include "absl/base/thread_annotations.h"
#include "absl/functional/function_ref.h"
#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "absl/synchronization/mutex.h"
#include "absl/time/time.h"
#include "eventstore/event_store.h"
#include "eventstore/state_store.h"
#include "projections/projection.h"

namespace endeavour::projections {

struct RunnerOptions {
  // While catching up, state is written at least this often (and when the log's head is
  // reached). A write renders every view that changed since the last, so writing seldom while
  // catching up saves rendering a busy pupil's views many times; what a crash costs is folding
  // again what was not written.
  absl::Duration catch_up_flush_interval = absl::Seconds(10);
  // Live, state is written at least this often, and at once when a query waits for a position
  // (read-your-writes). Under a stream of appends, a pupil written to many times in an interval
  // is rendered once for all of them.
  absl::Duration live_flush_interval = absl::Milliseconds(100);
  // ... but when a write is slow (a busy log touches many pupils, each rendered again), live
  // writes are spaced at least this many times the last write's duration apart, so rendering
  // keeps to about 1/(1 + spacing) of the runner's thread and leaves the rest of the machine to
  // the appends. A query waiting for a position still has its write at once.
  double live_flush_spacing = 4;
  // ... and at least every this many events, which bounds the folding a crash costs.
  uint64_t max_unflushed_events = 2000000;
  // Live, the log is read at most about once per this interval while appends keep coming, so the
  // events appended meanwhile are folded as one batch rather than read and woken for one by one.
  // Under 64 gRPC clients on two cores the server made 1.28-1.32 context switches an append with
  // it, 1.43-1.62 without; appends/s did not measurably change. Views (and a query waiting for a
  // position) see an event up to this much later. Zero reads every append as it lands.
  absl::Duration live_read_pause = absl::Milliseconds(1);
  // The nice value of the runner's thread and the threads it starts. When appends saturate the
  // machine they go first (the log is the record; the views follow it) and the views lag, then
  // catch up; with idle CPU it changes nothing. Measured on two cores with 64 gRPC clients:
  // appends/s up ~10%, p99 ~10 -> ~8 ms, views ~1.5 s behind at the end of the load (~1 s at
  // nice 0) and caught up within a second.
  // 0 leaves the thread as it is.
  int nice = 10;
  // How long to wait before retrying after a failed read or write.
  absl::Duration retry_delay = absl::Seconds(1);
};

// What a runner has done since it started; for metrics and benchmarks.
struct RunnerStats {
  uint64_t events = 0;   // events folded
  uint64_t flushes = 0;  // state writes
  absl::Duration reading;
  absl::Duration folding;
  absl::Duration rendering;  // the projection's Flush: its state changes
  absl::Duration writing;    // the atomic writes of state and checkpoint
};

class ProjectionRunner {
 public:
  // Reads the checkpoint and starts following the log on a thread of its own, which reads the log
  // ahead of itself on a second one (ReadAheadSubscription). `store` and `state` must outlive the
  // runner.
  static absl::StatusOr<std::unique_ptr<ProjectionRunner>> Start(
      eventstore::EventStore& store, eventstore::StateStore& state,
      std::unique_ptr<Projection> projection, RunnerOptions options = {});

  // Stops the thread; what was folded in but not written is folded in again on the next start.
  ~ProjectionRunner();
  ProjectionRunner(const ProjectionRunner&) = delete;
  ProjectionRunner& operator=(const ProjectionRunner&) = delete;

  const std::string& name() const { return name_; }
  // The version this runner builds.
  uint32_t version() const { return version_; }
  // The version that answers queries: an older one until this one has caught up.
  uint32_t active_version() const;
  // The last position the answering version has folded in and written.
  uint64_t checkpoint() const;
  // True once the version this runner builds answers queries.
  bool serving() const { return active_version() == version_; }

  // Blocks until the answering state has folded in `position`. DEADLINE_EXCEEDED if it has not by
  // `deadline`; the error that stopped the runner, if one did.
  absl::Status WaitFor(uint64_t position, absl::Time deadline) const;

  // Read the answering version's state, keys relative to the projection; a missing key reads as
  // nullopt.
  absl::StatusOr<std::optional<std::string>> Get(const std::string& key) const;
  absl::Status Scan(
      const std::string& prefix,
      absl::FunctionRef<bool(absl::string_view key, absl::string_view value)> visit) const;

  // OK while running; otherwise what stopped it (a projection that failed to fold an event).
  absl::Status health() const;

  RunnerStats stats() const;

 private:
  ProjectionRunner(eventstore::EventStore& store, eventstore::StateStore& state,
                   std::unique_ptr<Projection> projection, RunnerOptions options);
  absl::Status Load();
  void Run();
  // Follows the log until stopped or an error; returns the error.
  absl::Status Follow();
  absl::Status Flush(uint64_t checkpoint, bool caught_up);
  // True while a query waits in WaitFor.
  bool waited_for() const;

  eventstore::EventStore& store_;
  eventstore::StateStore& state_;
  const std::unique_ptr<Projection> projection_;
  const RunnerOptions options_;
  const std::string name_;
  const uint32_t version_;

  // Guards which version answers, and its checkpoint. Queries hold it shared while they read, so
  // the switch to a rebuilt version (which deletes the old state) never happens under a reader.
  mutable absl::Mutex mu_;
  uint32_t active_version_ ABSL_GUARDED_BY(mu_) = 0;  // 0: none yet
  uint64_t active_checkpoint_ ABSL_GUARDED_BY(mu_) = 0;
  absl::Status health_ ABSL_GUARDED_BY(mu_);
  RunnerStats stats_ ABSL_GUARDED_BY(mu_);
  bool stopping_ ABSL_GUARDED_BY(mu_) = false;
  // Queries blocked in WaitFor: while there are any, the follower writes what it has folded.
  mutable int waiters_ ABSL_GUARDED_BY(mu_) = 0;

  // The runner thread's own: how far this version has written, and what waits to be written.
  uint64_t written_checkpoint_ = 0;
  std::unique_ptr<eventstore::Subscription> subscription_ ABSL_GUARDED_BY(mu_);
  std::thread thread_;
};

// The key under which a projection's state lives (exposed for tests and tools).
std::string StateKey(const std::string& name, uint32_t version, const std::string& key);

}  // namespace endeavour::projections

#endif  // ENDEAVOUR_PROJECTIONS_PROJECTION_RUNNER_H_
