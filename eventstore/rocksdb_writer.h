// A queued append, shared by the write path's two files (rocksdb_committer.cc and
// rocksdb_async_append.cc). Internal to the RocksDB EventStore.
#ifndef ENDEAVOUR_EVENTSTORE_ROCKSDB_WRITER_H_
#define ENDEAVOUR_EVENTSTORE_ROCKSDB_WRITER_H_

#include <linux/futex.h>
#include <sched.h>
#include <sys/syscall.h>
#include <unistd.h>

#include <atomic>
#include <string>
#include <vector>

#include "eventstore/rocksdb_event_store_impl.h"

namespace endeavour::eventstore {

using endeavour::v1::EventEnvelope;

struct RocksDbEventStoreImpl::Writer {
  enum State : int { kQueued, kLeading, kDone };

  Writer(const std::string* stream_id, ExpectedVersion expected, std::vector<EventEnvelope>* events,
         size_t bytes)
      : stream_id(stream_id), expected(expected), events(events), bytes(bytes) {}

  const std::string* stream_id;
  ExpectedVersion expected;
  std::vector<EventEnvelope>* events;
  size_t bytes;
  absl::StatusOr<AppendResult> result = absl::InternalError("append not decided");
  // Set for an asynchronous append, which no thread waits for: it owns its input (the pointers
  // above point into it) and is completed by calling `done`.
  EventStore::AppendCallback done;
  std::string owned_stream_id;
  std::vector<EventEnvelope> owned_events;
  // Set once, by the leader that completes this writer or hands it the lead. The writer waits on
  // it without the queue's mutex, so waking a group costs no contention on that mutex.
  std::atomic<int> state{kQueued};
  static_assert(sizeof(std::atomic<int>) == sizeof(int));

  // Waiting is a short run of sched_yield, then a futex. Measured on two cores with 64 writers
  // (deploy/bench.sh): a futex alone gave 59k appends/s, libstdc++'s std::atomic::wait (which
  // yields only a few times) 71k, and 32 yields 86k; 256 yields starved the leader (53k).
  static constexpr int kYields = 32;

  void Wake(State to) {
    state.store(to, std::memory_order_release);
    // The woken writer may return and destroy itself as soon as it sees the store; FUTEX_WAKE
    // only uses the address as a key, so a wake on memory just freed costs at most a spurious
    // wake-up, which Await tolerates.
    syscall(SYS_futex, reinterpret_cast<int*>(&state), FUTEX_WAKE_PRIVATE, 1, nullptr, nullptr, 0);
  }
  State Await() {
    int s;
    for (int i = 0; i < kYields && (s = state.load(std::memory_order_acquire)) == kQueued; ++i) {
      sched_yield();
    }
    while ((s = state.load(std::memory_order_acquire)) == kQueued) {
      syscall(SYS_futex, reinterpret_cast<int*>(&state), FUTEX_WAIT_PRIVATE, kQueued, nullptr,
              nullptr, 0);
    }
    return static_cast<State>(s);
  }
};

}  // namespace endeavour::eventstore

#endif  // ENDEAVOUR_EVENTSTORE_ROCKSDB_WRITER_H_
