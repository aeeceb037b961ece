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
  // kSleeping is kQueued with the writer asleep on the futex: only then does a wake need the
  // system call.
  enum State : int { kQueued, kSleeping, kLeading, kDone };

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
  // Set by the leader that completes this writer or hands it the lead, and by the writer itself
  // when it goes to sleep. The writer waits on it without the queue's mutex, so waking a group
  // costs no contention on that mutex.
  std::atomic<int> state{kQueued};
  static_assert(sizeof(std::atomic<int>) == sizeof(int));

  // Waiting is a run of sched_yield, then a futex, and the leader makes the wake system call only
  // for a writer that went to sleep. Measured on two cores with 64 writers (eventstore_bench):
  // with a wake call for every writer, a futex alone gave 59k appends/s, libstdc++'s
  // std::atomic::wait 71k, and 32 yields 86k (256 starved the leader: 53k). Without the calls
  // for writers still yielding (nine runs, alternating binaries): 68-123k appends/s before,
  // 103-134k after with 64 yields; 16 yields 93-111k, 32 yields 103-133k, 128 yields 103-134k.
  static constexpr int kYields = 64;

  void Wake(State to) {
    // The woken writer may return and destroy itself as soon as it sees its new state; FUTEX_WAKE
    // only uses the address as a key, so a wake on memory just freed costs at most a spurious
    // wake-up, which Await tolerates.
    if (state.exchange(to, std::memory_order_acq_rel) == kSleeping) {
      syscall(SYS_futex, reinterpret_cast<int*>(&state), FUTEX_WAKE_PRIVATE, 1, nullptr, nullptr,
              0);
    }
  }
  State Await() {
    int s = kQueued;
    for (int i = 0; i < kYields && (s = state.load(std::memory_order_acquire)) == kQueued; ++i) {
      sched_yield();
    }
    while (s == kQueued || s == kSleeping) {
      if (s == kQueued && !state.compare_exchange_strong(s, kSleeping, std::memory_order_acquire)) {
        continue;  // woken meanwhile: `s` is now what it was woken to
      }
      syscall(SYS_futex, reinterpret_cast<int*>(&state), FUTEX_WAIT_PRIVATE, kSleeping, nullptr,
              nullptr, 0);
      s = state.load(std::memory_order_acquire);
    }
    return static_cast<State>(s);
  }
};

}  // namespace endeavour::eventstore

#endif  // ENDEAVOUR_EVENTSTORE_ROCKSDB_WRITER_H_
