// Runs one job on a few threads at once and waits for all of them: the view projections fold
// shards of streams and render files this way. The threads are started by the first Run and
// kept: a rebuild runs thousands of short jobs, and a thread started per job cost more than some
// of the jobs (and starts without the allocator's per-thread caches warm).
#ifndef ENDEAVOUR_PROJECTIONS_FORK_JOIN_H_
#define ENDEAVOUR_PROJECTIONS_FORK_JOIN_H_

#include <atomic>
#include <cstddef>
#include <cstdint>
#include <thread>
#include <vector>

#include "absl/base/thread_annotations.h"
#include "absl/functional/function_ref.h"
#include "absl/synchronization/mutex.h"

namespace endeavour::projections {

class ForkJoin {
 public:
  // At most `width` parts run at once: the calling thread and width - 1 kept threads.
  explicit ForkJoin(size_t width) : width_(width < 1 ? 1 : width) {}
  ~ForkJoin();
  ForkJoin(const ForkJoin&) = delete;
  ForkJoin& operator=(const ForkJoin&) = delete;

  size_t width() const { return width_; }

  // Calls part(0), ..., part(parts - 1), each once, on up to width() threads at once (the
  // caller's among them), and returns when all have returned. A thread that finishes a part takes
  // the next one not yet started, so with more parts than threads a slow part, or a thread the
  // scheduler set aside for a while, does not hold up the rest. One Run at a time. The kept
  // threads are started on the first Run, from the calling thread, so they take its scheduling
  // priority (the projection runner's nice value).
  void Run(size_t parts, absl::FunctionRef<void(size_t)> part);

 private:
  void Serve(size_t index);
  // Claims parts not yet started and runs them until none is left.
  void RunParts(absl::FunctionRef<void(size_t)> part, size_t parts);

  const size_t width_;
  absl::Mutex mu_;
  const absl::FunctionRef<void(size_t)>* part_ ABSL_GUARDED_BY(mu_) = nullptr;
  size_t parts_ ABSL_GUARDED_BY(mu_) = 0;
  uint64_t round_ ABSL_GUARDED_BY(mu_) = 0;
  size_t running_ ABSL_GUARDED_BY(mu_) = 0;
  std::atomic<size_t> next_part_{0};
  bool stopping_ ABSL_GUARDED_BY(mu_) = false;
  std::vector<std::thread> threads_;  // touched only by Run and the destructor
};

}  // namespace endeavour::projections

#endif  // ENDEAVOUR_PROJECTIONS_FORK_JOIN_H_
