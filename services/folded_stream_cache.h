// The folded states of recently written streams, so a command does not reload and refold a whole
// stream. A state is checked out by one command at a time and checked back in after its append:
// it is moved, never copied, and a command that finds its stream checked out by another simply
// folds from the store. The cache is only ever a head start: the handler still reads what the
// store holds past the cached version, and the append's expected version catches anything else.
#ifndef ENDEAVOUR_SERVICES_FOLDED_STREAM_CACHE_H_
#define ENDEAVOUR_SERVICES_FOLDED_STREAM_CACHE_H_

#include <cstddef>
#include <cstdint>
#include <list>
#include <optional>
#include <string>
#include <utility>

#include "absl/base/thread_annotations.h"
#include "absl/container/flat_hash_map.h"
#include "absl/synchronization/mutex.h"

namespace endeavour::services {

// A stream folded: the state and the version it reflects.
template <typename Aggregate>
struct LoadedStream {
  typename Aggregate::State state{};
  uint64_t version = 0;
  uint64_t last_position = 0;
  // Where each command carried out on the stream left it (its last event's version and
  // position), by command id (the events' causation id): a command sent again gets this back.
  struct CommandMark {
    uint64_t version = 0;
    uint64_t position = 0;
  };
  absl::flat_hash_map<std::string, CommandMark> commands;
};

// Least recently used first out, bounded by a number of streams.
template <typename Aggregate>
class FoldedStreamCache {
 public:
  explicit FoldedStreamCache(size_t capacity) : capacity_(capacity) {}

  // Takes the stream's state out of the cache; nullopt when it is not there.
  std::optional<LoadedStream<Aggregate>> CheckOut(const std::string& stream_id) {
    absl::MutexLock lock(&mu_);
    auto found = index_.find(stream_id);
    if (found == index_.end()) return std::nullopt;
    LoadedStream<Aggregate> loaded = std::move(found->second->second);
    entries_.erase(found->second);
    index_.erase(found);
    return loaded;
  }

  // Puts a state back, unless the cache already holds the same stream at a later version (a
  // command that ran while this one had the state checked out).
  void CheckIn(const std::string& stream_id, LoadedStream<Aggregate> loaded) {
    if (capacity_ == 0) return;
    absl::MutexLock lock(&mu_);
    auto found = index_.find(stream_id);
    if (found != index_.end()) {
      if (found->second->second.version >= loaded.version) return;
      entries_.erase(found->second);
      index_.erase(found);
    }
    entries_.emplace_front(stream_id, std::move(loaded));
    index_[stream_id] = entries_.begin();
    while (entries_.size() > capacity_) {
      index_.erase(entries_.back().first);
      entries_.pop_back();
    }
  }

  size_t size() const {
    absl::MutexLock lock(&mu_);
    return entries_.size();
  }

 private:
  using Entries = std::list<std::pair<std::string, LoadedStream<Aggregate>>>;

  const size_t capacity_;
  mutable absl::Mutex mu_;
  Entries entries_ ABSL_GUARDED_BY(mu_);  // most recently checked in first
  absl::flat_hash_map<std::string, typename Entries::iterator> index_ ABSL_GUARDED_BY(mu_);
};

}  // namespace endeavour::services

#endif  // ENDEAVOUR_SERVICES_FOLDED_STREAM_CACHE_H_
