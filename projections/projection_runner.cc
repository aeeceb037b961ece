#include "projections/projection_runner.h"

#include <sys/resource.h>
#include <sys/syscall.h>
#include <unistd.h>

#include <algorithm>
#include <utility>
#include <vector>

#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "eventstore/rocksdb_layout.h"
#include "eventstore/thread_name.h"
#include "projections/read_ahead_subscription.h"

namespace endeavour::projections {
namespace {

using eventstore::StateWrite;

std::string ActiveKey(const std::string& name) { return absl::StrCat("active/", name); }

std::string CheckpointKey(const std::string& name, uint32_t version) {
  return absl::StrCat("checkpoint/", name, "/v", version);
}

std::string StatePrefix(const std::string& name, uint32_t version) {
  return absl::StrCat("state/", name, "/v", version, "/");
}

// Pages of the log read ahead of the fold, and handed to it at once: 128 pages of 512 events
// (64k events, under 100 MB read and parsed) give most pupils of a large school several events to
// fold together (see StreamViewsProjection::ApplyBatch).
constexpr size_t kReadAheadBatches = 128;

bool ValidName(const std::string& name) {
  if (name.empty() || name.size() > 64) return false;
  for (char c : name) {
    if (!((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_')) return false;
  }
  return true;
}

// The projection's view of its own flushed keys, in the version it builds.
class VersionState final : public FlushedState {
 public:
  VersionState(const eventstore::StateStore& state, std::string prefix)
      : state_(state), prefix_(std::move(prefix)) {}
  absl::StatusOr<std::optional<std::string>> Get(const std::string& key) const override {
    return state_.Get(prefix_ + key);
  }

 private:
  const eventstore::StateStore& state_;
  const std::string prefix_;
};

}  // namespace

absl::Status Projection::ApplyBatch(const std::vector<eventstore::StoredEvent>& events,
                                    const FlushedState& flushed) {
  for (const eventstore::StoredEvent& event : events) {
    if (absl::Status s = Apply(event, flushed); !s.ok()) {
      return absl::Status(
          s.code(), absl::StrCat("at position ", event.envelope.position(), ": ", s.message()));
    }
  }
  return absl::OkStatus();
}

std::string StateKey(const std::string& name, uint32_t version, const std::string& key) {
  return StatePrefix(name, version) + key;
}

ProjectionRunner::ProjectionRunner(eventstore::EventStore& store, eventstore::StateStore& state,
                                   std::unique_ptr<Projection> projection, RunnerOptions options)
    : store_(store),
      state_(state),
      projection_(std::move(projection)),
      options_(options),
      name_(projection_->name()),
      version_(projection_->version()) {}

absl::StatusOr<std::unique_ptr<ProjectionRunner>> ProjectionRunner::Start(
    eventstore::EventStore& store, eventstore::StateStore& state,
    std::unique_ptr<Projection> projection, RunnerOptions options) {
  if (projection == nullptr) return absl::InvalidArgumentError("projection: none given");
  if (!ValidName(projection->name())) {
    return absl::InvalidArgumentError(
        absl::StrCat("projection name: \"", projection->name(), "\" must be 1-64 of [a-z0-9_]"));
  }
  if (projection->version() == 0) {
    return absl::InvalidArgumentError("projection version: must be at least 1");
  }
  std::unique_ptr<ProjectionRunner> runner(
      new ProjectionRunner(store, state, std::move(projection), options));
  if (absl::Status loaded = runner->Load(); !loaded.ok()) return loaded;
  runner->thread_ = std::thread([r = runner.get()] {
    eventstore::NameThisThread(absl::StrCat("views ", r->name_));
    r->Run();
  });
  return runner;
}

absl::Status ProjectionRunner::Load() {
  absl::StatusOr<std::optional<std::string>> active = state_.Get(ActiveKey(name_));
  if (!active.ok()) return active.status();
  uint32_t active_version = 0;
  if (active->has_value() && !absl::SimpleAtoi(**active, &active_version)) {
    return absl::DataLossError(
        absl::StrCat("projection ", name_, ": active version \"", **active, "\" is not a number"));
  }
  auto read_checkpoint = [&](uint32_t version) -> absl::StatusOr<uint64_t> {
    absl::StatusOr<std::optional<std::string>> value = state_.Get(CheckpointKey(name_, version));
    if (!value.ok()) return value.status();
    if (!value->has_value()) return 0;
    if ((*value)->size() != 8) {
      return absl::DataLossError(
          absl::StrCat("projection ", name_, " v", version, ": checkpoint is not 8 bytes"));
    }
    return eventstore::layout::ReadBigEndian64(**value);
  };
  absl::StatusOr<uint64_t> mine = read_checkpoint(version_);
  if (!mine.ok()) return mine.status();
  written_checkpoint_ = *mine;
  if (active_version == 0) {
    // Nothing was ever built: this version answers from the start, and queries wait on its
    // checkpoint like any other.
    StateWrite write;
    write.Put(ActiveKey(name_), absl::StrCat(version_));
    if (absl::Status s = state_.Write(write); !s.ok()) return s;
    active_version = version_;
  }
  absl::StatusOr<uint64_t> answering =
      active_version == version_ ? *mine : read_checkpoint(active_version);
  if (!answering.ok()) return answering.status();
  absl::MutexLock lock(&mu_);
  active_version_ = active_version;
  active_checkpoint_ = *answering;
  return absl::OkStatus();
}

ProjectionRunner::~ProjectionRunner() {
  {
    absl::MutexLock lock(&mu_);
    stopping_ = true;
    if (subscription_ != nullptr) subscription_->Cancel();
  }
  if (thread_.joinable()) thread_.join();
}

uint32_t ProjectionRunner::active_version() const {
  absl::MutexLock lock(&mu_);
  return active_version_;
}

uint64_t ProjectionRunner::checkpoint() const {
  absl::MutexLock lock(&mu_);
  return active_checkpoint_;
}

RunnerStats ProjectionRunner::stats() const {
  absl::MutexLock lock(&mu_);
  return stats_;
}

absl::Status ProjectionRunner::health() const {
  absl::MutexLock lock(&mu_);
  return health_;
}

bool ProjectionRunner::waited_for() const {
  absl::MutexLock lock(&mu_);
  return waiters_ > 0;
}

absl::Status ProjectionRunner::WaitFor(uint64_t position, absl::Time deadline) const {
  absl::MutexLock lock(&mu_);
  auto done = [&]() ABSL_SHARED_LOCKS_REQUIRED(mu_) {
    return active_checkpoint_ >= position || !health_.ok() || stopping_;
  };
  ++waiters_;
  mu_.AwaitWithDeadline(absl::Condition(&done), deadline);
  --waiters_;
  if (active_checkpoint_ >= position) return absl::OkStatus();
  if (!health_.ok()) return health_;
  if (stopping_) return absl::UnavailableError(absl::StrCat("projection ", name_, " is stopping"));
  return absl::DeadlineExceededError(absl::StrCat("views: projection ", name_, " has reached ",
                                                  active_checkpoint_, ", not position ", position,
                                                  ", within the wait"));
}

absl::StatusOr<std::optional<std::string>> ProjectionRunner::Get(const std::string& key) const {
  absl::ReaderMutexLock lock(&mu_);
  return state_.Get(StateKey(name_, active_version_, key));
}

absl::Status ProjectionRunner::Scan(
    const std::string& prefix,
    absl::FunctionRef<bool(absl::string_view key, absl::string_view value)> visit) const {
  absl::ReaderMutexLock lock(&mu_);
  const std::string base = StatePrefix(name_, active_version_);
  return state_.Scan(base + prefix, [&](absl::string_view key, absl::string_view value) {
    key.remove_prefix(base.size());
    return visit(key, value);
  });
}

void ProjectionRunner::Run() {
  if (options_.nice != 0) {
    // On Linux a nice value belongs to a thread, and threads started from it inherit it. Raising
    // it needs no privilege; if it fails the runner only competes at the usual priority.
    setpriority(PRIO_PROCESS, static_cast<id_t>(syscall(SYS_gettid)), options_.nice);
  }
  while (true) {
    absl::Status stopped = Follow();
    absl::MutexLock lock(&mu_);
    subscription_.reset();
    if (stopping_) return;
    if (stopped.code() == absl::StatusCode::kInvalidArgument ||
        stopped.code() == absl::StatusCode::kDataLoss) {
      // The projection cannot fold this event: stop here rather than skip it. Queries keep
      // answering from what was written and say why they cannot wait for more.
      health_ = stopped;
      return;
    }
    // A read or write failed: forget what was not written and replay from the checkpoint.
    projection_->Reset();
    mu_.AwaitWithTimeout(absl::Condition(&stopping_), options_.retry_delay);
    if (stopping_) return;
  }
}

absl::Status ProjectionRunner::Follow() {
  absl::StatusOr<std::unique_ptr<eventstore::Subscription>> subscribed =
      store_.Subscribe(written_checkpoint_ + 1, projection_->filter());
  if (!subscribed.ok()) return subscribed.status();
  // Reading the next pages while this thread folds keeps both cores busy during a catch-up.
  *subscribed = std::make_unique<ReadAheadSubscription>(
      std::move(*subscribed), written_checkpoint_, kReadAheadBatches, options_.live_read_pause);
  eventstore::Subscription* subscription = subscribed->get();
  {
    absl::MutexLock lock(&mu_);
    if (stopping_) return absl::CancelledError("stopping");
    subscription_ = std::move(*subscribed);
  }
  const VersionState flushed(state_, StatePrefix(name_, version_));
  uint64_t folded = written_checkpoint_;
  uint64_t unflushed_events = 0;
  absl::Time last_flush = absl::Now();
  absl::Duration last_flush_took;
  while (true) {
    const absl::Time read_start = absl::Now();
    // With folded events not yet written, look often for a query waiting for them.
    absl::StatusOr<eventstore::SubscriptionBatch> batch =
        subscription->Next(folded > written_checkpoint_ ? absl::Milliseconds(2) : absl::Seconds(1));
    if (!batch.ok()) return batch.status();
    const absl::Time fold_start = absl::Now();
    if (absl::Status s = projection_->ApplyBatch(batch->events, flushed); !s.ok()) {
      return absl::Status(s.code(),
                          absl::StrCat("projection ", name_, " v", version_, " ", s.message()));
    }
    {
      const absl::Time fold_end = absl::Now();
      absl::MutexLock lock(&mu_);
      stats_.events += batch->events.size();
      // A wait for new events is not reading: count only batches that brought some.
      if (!batch->events.empty()) stats_.reading += fold_start - read_start;
      stats_.folding += fold_end - fold_start;
    }
    folded = batch->checkpoint;
    unflushed_events += batch->events.size();
    const bool switch_due = batch->caught_up && active_version() != version_;
    if (folded == written_checkpoint_ && !switch_due) continue;
    const absl::Duration since_flush = absl::Now() - last_flush;
    const absl::Duration live_interval =
        std::max(options_.live_flush_interval, last_flush_took * options_.live_flush_spacing);
    const bool due = batch->caught_up ? switch_due || since_flush >= live_interval || waited_for()
                                      : unflushed_events >= options_.max_unflushed_events ||
                                            since_flush >= options_.catch_up_flush_interval;
    if (due) {
      const absl::Time flush_start = absl::Now();
      if (absl::Status s = Flush(folded, batch->caught_up); !s.ok()) return s;
      unflushed_events = 0;
      last_flush = absl::Now();
      last_flush_took = last_flush - flush_start;
    }
  }
}

absl::Status ProjectionRunner::Flush(uint64_t checkpoint, bool caught_up) {
  const absl::Time start = absl::Now();
  // Counted with the checkpoint it publishes, so whoever waited for it sees the write counted.
  absl::Time rendered;
  auto count = [&]() ABSL_EXCLUSIVE_LOCKS_REQUIRED(mu_) {
    ++stats_.flushes;
    stats_.rendering += rendered - start;
    stats_.writing += absl::Now() - rendered;
  };
  StateChanges changes;
  if (absl::Status s = projection_->Flush(changes); !s.ok()) return s;
  rendered = absl::Now();
  StateWrite write;
  const std::string prefix = StatePrefix(name_, version_);
  write.puts.reserve(changes.size() + 2);
  for (auto& [key, value] : changes) write.Put(prefix + key, std::move(value));
  write.Put(CheckpointKey(name_, version_), eventstore::layout::PositionValue(checkpoint));

  uint32_t old_version = active_version();
  if (old_version != version_ && caught_up) {
    // Rebuilt up to the head: switch queries over and drop the old version, in the same write.
    write.Put(ActiveKey(name_), absl::StrCat(version_));
    // Every other version goes: the one that answered, and any rebuild abandoned part-way.
    const std::string checkpoints = absl::StrCat("checkpoint/", name_, "/v");
    std::vector<uint32_t> others;
    absl::Status scanned = state_.Scan(checkpoints, [&](absl::string_view key, absl::string_view) {
      uint32_t other = 0;
      if (absl::SimpleAtoi(key.substr(checkpoints.size()), &other) && other != version_) {
        others.push_back(other);
      }
      return true;
    });
    if (!scanned.ok()) return scanned;
    if (std::find(others.begin(), others.end(), old_version) == others.end()) {
      others.push_back(old_version);
    }
    for (uint32_t other : others) {
      write.deleted_prefixes.push_back(StatePrefix(name_, other));
      write.deletes.push_back(CheckpointKey(name_, other));
    }
    absl::MutexLock lock(&mu_);  // no reader between the write and the switch
    if (absl::Status s = state_.Write(write); !s.ok()) return s;
    active_version_ = version_;
    active_checkpoint_ = checkpoint;
    written_checkpoint_ = checkpoint;
    count();
    return absl::OkStatus();
  }
  if (absl::Status s = state_.Write(write); !s.ok()) return s;
  written_checkpoint_ = checkpoint;
  absl::MutexLock lock(&mu_);
  if (old_version == version_) active_checkpoint_ = checkpoint;
  count();
  return absl::OkStatus();
}

}  // namespace endeavour::projections
