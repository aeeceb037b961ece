// What folding the pupil views costs per event, and rendering and encoding them (stored_view.h) per
// pupil, on one thread, with the log already in memory: the CPU the rebuild spends, apart from the
// reading, the threads and the writes that projection_rebuild_events_per_s also measures (and
// apart from most of the machine's noise in it). Reads the log projections_bench built:
//
//   fold_bench DIR [--rounds N] [--window N]
//
// DIR is projections_bench's log (e.g. build-release/bench-data/projections-10000x104). With
// --window N the events are grouped by stream within each N events of the log, as the runner
// groups a batch (65536 events when it is catching up); without it they are folded in log order.
// Not a test and not in deploy/bench.sh: a tool for changing the fold.
#include <algorithm>
#include <cstdio>
#include <string>
#include <vector>

#include "absl/container/flat_hash_map.h"
#include "absl/strings/numbers.h"
#include "absl/time/clock.h"
#include "absl/time/time.h"
#include "eventstore/rocksdb_event_store.h"
#include "projections/best_endeavours_history.h"
#include "projections/current_plan.h"
#include "projections/pupil_file.h"
#include "projections/register_entry.h"
#include "projections/stored_view.h"

namespace endeavour::projections::bench {
namespace {

absl::StatusOr<std::vector<eventstore::StoredEvent>> ReadPupilEvents(
    const eventstore::EventStore& store) {
  eventstore::EventFilter filter;
  filter.stream_prefix = "pupil/";
  filter.envelopes_only = true;
  std::vector<eventstore::StoredEvent> events;
  for (uint64_t from = 1;;) {
    absl::StatusOr<eventstore::LogPage> page = store.ReadAll(from, 4096, filter);
    if (!page.ok()) return page.status();
    for (eventstore::StoredEvent& e : page->events) events.push_back(std::move(e));
    if (page->next_position > page->head_position) return events;
    from = page->next_position;
  }
}

// Groups the events by stream within each `window` events, each stream's in log order.
void GroupByStream(std::vector<eventstore::StoredEvent>& events, size_t window) {
  for (size_t i = 0; i < events.size(); i += window) {
    std::stable_sort(events.begin() + i, events.begin() + std::min(events.size(), i + window),
                     [](const eventstore::StoredEvent& a, const eventstore::StoredEvent& b) {
                       return a.envelope.stream_id() < b.envelope.stream_id();
                     });
  }
}

int Main(int argc, char** argv) {
  int rounds = 3;
  size_t window = 0;
  bool ok = argc >= 2;
  for (int i = 2; ok && i < argc; i += 2) {
    const std::string flag = argv[i];
    ok = i + 1 < argc &&
         ((flag == "--rounds" && absl::SimpleAtoi(argv[i + 1], &rounds) && rounds >= 1) ||
          (flag == "--window" && absl::SimpleAtoi(argv[i + 1], &window)));
  }
  if (!ok) {
    std::fprintf(stderr, "usage: %s DIR [--rounds N] [--window N]\n", argv[0]);
    return 2;
  }
  auto store = eventstore::RocksDbEventStore::Open(argv[1], eventstore::RocksDbStoreOptions());
  if (!store.ok()) {
    std::fprintf(stderr, "open %s: %s\n", argv[1], store.status().ToString().c_str());
    return 1;
  }
  const absl::Time read_start = absl::Now();
  absl::StatusOr<std::vector<eventstore::StoredEvent>> events = ReadPupilEvents(**store);
  if (!events.ok() || events->empty()) {
    std::fprintf(stderr, "no pupil events in %s: %s\n", argv[1],
                 events.status().ToString().c_str());
    return 1;
  }
  const double n = static_cast<double>(events->size());
  std::printf("read_ns_per_event: %.0f\n", absl::ToDoubleNanoseconds(absl::Now() - read_start) / n);
  if (window > 1) GroupByStream(*events, window);

  for (int round = 0; round < rounds; ++round) {
    absl::flat_hash_map<std::string, PupilFile> files;
    const absl::Time fold_start = absl::Now();
    PupilFile* file = nullptr;
    for (const eventstore::StoredEvent& e : *events) {
      if (file == nullptr || file->stream_id != e.envelope.stream_id()) {
        file = &files[e.envelope.stream_id()];
      }
      if (absl::Status s = file->Apply(e.envelope); !s.ok()) {
        std::fprintf(stderr, "fold: %s\n", s.ToString().c_str());
        return 1;
      }
    }
    const absl::Time render_start = absl::Now();
    size_t bytes = 0;
    for (const auto& [stream, folded] : files) {
      bytes += EncodeView(RenderHistory(folded)).size();
      bytes += EncodeView(RenderCurrentPlan(folded)).size();
      bytes += EncodeView(RenderRegisterEntry(folded)).size();
    }
    const absl::Time end = absl::Now();
    std::printf("fold_ns_per_event: %.0f\nrender_us_per_pupil: %.0f\nstored_bytes: %zu\n",
                absl::ToDoubleNanoseconds(render_start - fold_start) / n,
                absl::ToDoubleMicroseconds(end - render_start) / files.size(), bytes);
  }
  return 0;
}

}  // namespace
}  // namespace endeavour::projections::bench

int main(int argc, char** argv) { return endeavour::projections::bench::Main(argc, argv); }
