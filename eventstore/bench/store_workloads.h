// The workloads the store benchmark times. Each runs on its own folder and returns what it
// measured; eventstore_bench.cc decides what to report.
#ifndef ENDEAVOUR_EVENTSTORE_BENCH_STORE_WORKLOADS_H_
#define ENDEAVOUR_EVENTSTORE_BENCH_STORE_WORKLOADS_H_

#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <memory>
#include <string>

#include "absl/status/statusor.h"
#include "absl/strings/str_format.h"
#include "absl/time/time.h"
#include "endeavour/v1/envelope.pb.h"
#include "eventstore/rocksdb_event_store.h"

namespace endeavour::eventstore::bench {

inline constexpr int kStreams = 10000;        // pupil streams the appends spread over
inline constexpr size_t kPayloadBytes = 300;  // plus the envelope: about 400 bytes an event

// Progress for the person running the benchmark, on stderr.
template <typename... Args>
void Info(const absl::FormatSpec<Args...>& format, const Args&... args) {
  absl::FPrintF(stderr, format, args...);
  absl::FPrintF(stderr, "\n");
}

// One event as the append workloads make it.
endeavour::v1::EventEnvelope SampleEvent();

// Plain RocksDB with the store's options: `threads` threads each writing synced one-entry
// WriteBatches for `duration`. Writes per second.
absl::StatusOr<double> PlainRocksDbSyncedPerSecond(const std::string& dir, int threads,
                                                   absl::Duration duration);

absl::StatusOr<std::unique_ptr<RocksDbEventStore>> OpenStore(const std::string& dir, bool sync);

struct AppendFigures {
  double per_second = 0;
  double p99_ms = 0;
  double events_per_sync = 0;
};

// `writers` threads each append one event at a time to random pupil streams for `duration`.
absl::StatusOr<AppendFigures> MeasureAppends(RocksDbEventStore& store, int writers,
                                             absl::Duration duration);

// `in_flight` appends of one event to random pupil streams kept in flight through AppendAsync
// (each acknowledgement issues the next), as a server on gRPC's callback API drives the store,
// for `duration`.
absl::StatusOr<AppendFigures> MeasureAsyncAppends(RocksDbEventStore& store, int in_flight,
                                                  absl::Duration duration);

struct ProofFigures {
  double first_p99_ms = 0;  // the first `count` proofs after the store was opened
  double p99_ms = 0;        // the next `count`, with the block cache warmed by the first
};

// Times inclusion proofs of random positions in the tree of the whole log, one after another, in
// two passes of `count`. Each proof is checked with VerifyInclusion against the current root
// outside the timing. The first pass loads the upper tree's blocks into the block cache, as a
// server's first proofs after a restart do; the second is the steady state.
absl::StatusOr<ProofFigures> MeasureInclusionProofs(const RocksDbEventStore& store, int count);

// Fills the store in `dir` to `target` events without syncing, compacts it to rest, and reopens
// it with sync on.
absl::StatusOr<std::unique_ptr<RocksDbEventStore>> FillAndReopen(const std::string& dir,
                                                                 uint64_t target);

}  // namespace endeavour::eventstore::bench

#endif  // ENDEAVOUR_EVENTSTORE_BENCH_STORE_WORKLOADS_H_
