#include "projections/fork_join.h"

#include <algorithm>

#include "eventstore/thread_name.h"

namespace endeavour::projections {

ForkJoin::~ForkJoin() {
  {
    absl::MutexLock lock(&mu_);
    stopping_ = true;
  }
  for (std::thread& thread : threads_) thread.join();
}

void ForkJoin::Run(size_t parts, absl::FunctionRef<void(size_t)> part) {
  if (parts > 1 && threads_.empty()) {
    for (size_t index = 1; index < width_; ++index) {
      threads_.emplace_back([this, index] {
        eventstore::NameThisThread("fork-join");
        Serve(index);
      });
    }
  }
  {
    absl::MutexLock lock(&mu_);
    part_ = &part;
    parts_ = parts;
    next_part_.store(0, std::memory_order_relaxed);
    running_ = parts > 1 ? std::min(parts, width_) - 1 : 0;
    ++round_;
  }
  RunParts(part, parts);
  absl::MutexLock lock(&mu_);
  auto done = [&]() ABSL_EXCLUSIVE_LOCKS_REQUIRED(mu_) { return running_ == 0; };
  mu_.Await(absl::Condition(&done));
  part_ = nullptr;
}

void ForkJoin::RunParts(absl::FunctionRef<void(size_t)> part, size_t parts) {
  for (size_t index = next_part_.fetch_add(1, std::memory_order_relaxed); index < parts;
       index = next_part_.fetch_add(1, std::memory_order_relaxed)) {
    part(index);
  }
}

void ForkJoin::Serve(size_t index) {
  uint64_t seen = 0;
  absl::MutexLock lock(&mu_);
  while (true) {
    auto next = [&]() ABSL_EXCLUSIVE_LOCKS_REQUIRED(mu_) { return stopping_ || round_ != seen; };
    mu_.Await(absl::Condition(&next));
    if (stopping_) return;
    seen = round_;
    if (index >= parts_) continue;  // a narrower round: this thread sits it out
    const absl::FunctionRef<void(size_t)>* part = part_;
    const size_t parts = parts_;
    mu_.Unlock();
    RunParts(*part, parts);
    mu_.Lock();
    --running_;
  }
}

}  // namespace endeavour::projections
