#include "projections/view_projections.h"

#include <algorithm>
#include <functional>
#include <thread>
#include <utility>
#include <vector>

#include "absl/container/flat_hash_map.h"
#include "absl/hash/hash.h"
#include "absl/strings/str_cat.h"
#include "projections/best_endeavours_history.h"
#include "projections/current_plan.h"
#include "projections/fork_join.h"
#include "projections/pupil_file.h"
#include "projections/register_entry.h"
#include "projections/self_evaluation_file.h"
#include "projections/self_evaluation_trends.h"
#include "projections/stored_view.h"

namespace endeavour::projections {
namespace {

// Folds streams of one kind into files, and renders the views of the files that changed.
template <typename File>
class StreamViewsProjection final : public Projection {
 public:
  using Render = std::function<void(const File&, StateChanges&)>;

  StreamViewsProjection(std::string name, uint32_t version, std::string stream_prefix,
                        const eventstore::EventStore& store, ViewProjectionOptions options,
                        Render render)
      : name_(std::move(name)),
        version_(version),
        stream_prefix_(std::move(stream_prefix)),
        store_(store),
        options_(options),
        render_(std::move(render)) {}

  std::string name() const override { return name_; }
  uint32_t version() const override { return version_; }
  eventstore::EventFilter filter() const override {
    eventstore::EventFilter filter;
    filter.stream_prefix = stream_prefix_;
    filter.envelopes_only = true;  // files are folded from envelopes; nothing here checks hashes
    return filter;
  }

  absl::Status Apply(const eventstore::StoredEvent& event, const FlushedState&) override {
    const v1::EventEnvelope& envelope = event.envelope;
    return Fold(shards_[ShardOf(envelope.stream_id())], envelope);
  }

  // Streams are independent, so shards of streams are folded on the cores at once, a few shards
  // a core, so that no core waits long for the one that drew the busiest shard. Within a shard a
  // stream's events are folded together, in order: its file is then in the cache for all but the
  // first (a large batch holds several events of most pupils, whose files would otherwise each
  // be fetched from memory again for every event).
  absl::Status ApplyBatch(const std::vector<eventstore::StoredEvent>& events,
                          const FlushedState& flushed) override {
    constexpr size_t kEventsPerThread = 128;
    if (shards_.size() == 1 || events.size() < 2 * kEventsPerThread) {
      return Projection::ApplyBatch(events, flushed);
    }
    // Per shard, its events as (hash of the stream id, index in the batch).
    std::vector<std::vector<std::pair<size_t, uint32_t>>> of_shard(shards_.size());
    for (size_t i = 0; i < events.size(); ++i) {
      const size_t hash = absl::HashOf(events[i].envelope.stream_id());
      of_shard[hash % shards_.size()].emplace_back(hash, static_cast<uint32_t>(i));
    }
    // Per shard: the index of its earliest event that failed (events.size() if none), and why.
    std::vector<std::pair<size_t, absl::Status>> results(shards_.size(), {events.size(), {}});
    auto fold_shard = [&](size_t shard) {
      // By stream, and in log order within one: streams whose ids hash alike interleave, each in
      // its own order.
      std::vector<std::pair<size_t, uint32_t>>& order = of_shard[shard];
      std::sort(order.begin(), order.end());
      // A stream stops at its first failure; the others go on, so that the earliest failure of
      // all is the one reported, as folding one event at a time would have found it.
      std::vector<const std::string*> failed;
      // The file of the stream folded last: its next event needs no lookup (and nothing is
      // added to the shard's files while one stream's events are folded, so it stays put).
      Cached* file = nullptr;
      for (const auto& [hash, i] : order) {
        const v1::EventEnvelope& envelope = events[i].envelope;
        if (!failed.empty() && std::any_of(failed.begin(), failed.end(), [&](const auto* id) {
              return *id == envelope.stream_id();
            })) {
          continue;
        }
        absl::Status folded;
        if (file == nullptr || file->file.stream_id != envelope.stream_id()) {
          absl::StatusOr<Cached*> found = FileOf(shards_[shard], envelope);
          file = found.ok() ? *found : nullptr;
          folded = found.status();
        }
        if (folded.ok()) folded = FoldInto(*file, envelope);
        if (!folded.ok()) {
          failed.push_back(&envelope.stream_id());
          if (i < results[shard].first) results[shard] = {i, std::move(folded)};
          file = nullptr;
        }
      }
    };
    threads_.Run(shards_.size(), fold_shard);
    auto first = std::min_element(results.begin(), results.end(),
                                  [](const auto& a, const auto& b) { return a.first < b.first; });
    if (first->first == events.size()) return absl::OkStatus();
    return absl::Status(first->second.code(),
                        absl::StrCat("at position ", events[first->first].envelope.position(), ": ",
                                     first->second.message()));
  }

  absl::Status Flush(StateChanges& changes) override {
    std::vector<const File*> dirty;
    size_t cached_files = 0;
    for (Files& files : shards_) {
      for (auto& [stream, cached] : files) {
        if (!cached.dirty) continue;
        dirty.push_back(&cached.file);
        cached.dirty = false;
      }
      cached_files += files.size();
    }
    RenderAll(dirty, changes);
    if (cached_files > options_.max_cached_files) {
      // Keep the files of this round's streams: busy pupils stay warm.
      for (Files& files : shards_) {
        absl::erase_if(
            files, [&](const auto& entry) { return entry.second.flush_generation != generation_; });
        if (files.size() > options_.max_cached_files / shards_.size()) files.clear();
      }
    }
    ++generation_;
    return absl::OkStatus();
  }

  void Reset() override {
    for (Files& files : shards_) files.clear();
  }

 private:
  struct Cached {
    File file;
    bool dirty = false;
    uint64_t flush_generation = 0;
  };
  using Files = absl::flat_hash_map<std::string, Cached>;

  // As ApplyBatch shards them.
  size_t ShardOf(const std::string& stream_id) const {
    return absl::HashOf(stream_id) % shards_.size();
  }

  absl::Status Fold(Files& files, const v1::EventEnvelope& envelope) const {
    absl::StatusOr<Cached*> cached = FileOf(files, envelope);
    if (!cached.ok()) return cached.status();
    return FoldInto(**cached, envelope);
  }

  // The file of `envelope`'s stream, folded from the store up to the event before it if the
  // shard does not hold it yet.
  absl::StatusOr<Cached*> FileOf(Files& files, const v1::EventEnvelope& envelope) const {
    auto it = files.find(envelope.stream_id());
    if (it == files.end()) {
      absl::StatusOr<Cached> cached = FoldBefore(envelope);
      if (!cached.ok()) return cached.status();
      it = files.emplace(envelope.stream_id(), std::move(*cached)).first;
    }
    return &it->second;
  }

  absl::Status FoldInto(Cached& cached, const v1::EventEnvelope& envelope) const {
    if (absl::Status s = cached.file.Apply(envelope); !s.ok()) return s;
    cached.dirty = true;
    cached.flush_generation = generation_;
    return absl::OkStatus();
  }

  // Renders the views of `files` into `changes`. After a rebuild every file is dirty at once, and
  // rendering them is most of the work of a flush: it is spread over the machine's cores (the
  // views are pure functions of files nothing else touches meanwhile).
  void RenderAll(const std::vector<const File*>& files, StateChanges& changes) const {
    constexpr size_t kFilesPerThread = 256;
    const size_t threads = std::min(threads_.width(), files.size() / kFilesPerThread);
    if (threads <= 1) {
      for (const File* file : files) render_(*file, changes);
      return;
    }
    std::vector<StateChanges> parts(threads);
    threads_.Run(threads, [&](size_t t) {
      for (size_t i = t; i < files.size(); i += threads) render_(*files[i], parts[t]);
    });
    for (StateChanges& part : parts) {
      for (auto& change : part) changes.push_back(std::move(change));
    }
  }

  // The file of `envelope`'s stream folded up to the event before it.
  absl::StatusOr<Cached> FoldBefore(const v1::EventEnvelope& envelope) const {
    Cached cached;
    uint64_t next = 1;
    const uint64_t until = envelope.stream_version();  // exclusive
    while (next < until) {
      absl::StatusOr<eventstore::StreamPage> page = store_.ReadStream(
          envelope.stream_id(), next, eventstore::ReadDirection::kForwards, until - next);
      if (!page.ok()) return page.status();
      if (page->events.empty()) {
        return absl::DataLossError(absl::StrCat("stream ", envelope.stream_id(), " has no version ",
                                                next, " before version ", until));
      }
      for (const eventstore::StoredEvent& earlier : page->events) {
        if (earlier.envelope.stream_version() >= until) break;
        if (absl::Status s = cached.file.Apply(earlier.envelope); !s.ok()) return s;
        next = earlier.envelope.stream_version() + 1;
      }
    }
    return cached;
  }

  const std::string name_;
  const uint32_t version_;
  const std::string stream_prefix_;
  const eventstore::EventStore& store_;
  const ViewProjectionOptions options_;
  const Render render_;
  // Folds the shards, and renders, on as many threads as there are cores (up to 4).
  mutable ForkJoin threads_{std::clamp<size_t>(std::thread::hardware_concurrency(), 1, 4)};
  // Files by stream, in shards folded in parallel (see ApplyBatch).
  std::vector<Files> shards_ = std::vector<Files>(4 * threads_.width());
  uint64_t generation_ = 0;
};

}  // namespace

std::string PlanKey(const std::string& stream_id) { return absl::StrCat("plan/", stream_id); }
std::string HistoryKey(const std::string& stream_id) { return absl::StrCat("history/", stream_id); }
std::string RegisterKey(const std::string& stream_id) {
  return absl::StrCat("register/", stream_id);
}
std::string TrendsKey(const std::string& stream_id) { return absl::StrCat("trends/", stream_id); }

std::unique_ptr<Projection> MakePupilViewsProjection(const eventstore::EventStore& store,
                                                     ViewProjectionOptions options) {
  return std::make_unique<StreamViewsProjection<PupilFile>>(
      kPupilViews, 1, "pupil/", store, options, [](const PupilFile& file, StateChanges& changes) {
        changes.emplace_back(PlanKey(file.stream_id), EncodeView(RenderCurrentPlan(file)));
        changes.emplace_back(HistoryKey(file.stream_id), EncodeView(RenderHistory(file)));
        changes.emplace_back(RegisterKey(file.stream_id), EncodeView(RenderRegisterEntry(file)));
      });
}

std::unique_ptr<Projection> MakeSelfEvaluationProjection(const eventstore::EventStore& store,
                                                         ViewProjectionOptions options) {
  return std::make_unique<StreamViewsProjection<SelfEvaluationFile>>(
      kSelfEvaluationViews, 1, "school/", store, options,
      [](const SelfEvaluationFile& file, StateChanges& changes) {
        changes.emplace_back(TrendsKey(file.stream_id), EncodeView(RenderTrends(file)));
      });
}

}  // namespace endeavour::projections
