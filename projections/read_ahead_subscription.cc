#include "projections/read_ahead_subscription.h"

#include <algorithm>
#include <iterator>
#include <utility>

#include "eventstore/thread_name.h"

namespace endeavour::projections {

using eventstore::SubscriptionBatch;

ReadAheadSubscription::ReadAheadSubscription(std::unique_ptr<eventstore::Subscription> inner,
                                             uint64_t checkpoint, size_t depth,
                                             absl::Duration live_pause)
    : inner_(std::move(inner)), depth_(depth < 1 ? 1 : depth), live_pause_(live_pause) {
  handed_out_ = checkpoint;
  read_ = checkpoint;
  reader_ = std::thread([this] {
    eventstore::NameThisThread("read-ahead");
    Read();
  });
}

ReadAheadSubscription::~ReadAheadSubscription() {
  Cancel();
  reader_.join();
}

void ReadAheadSubscription::Cancel() {
  {
    absl::MutexLock lock(&mu_);
    cancelled_ = true;
  }
  inner_->Cancel();
}

void ReadAheadSubscription::Read() {
  while (true) {
    {
      absl::MutexLock lock(&mu_);
      auto room = [this]() ABSL_EXCLUSIVE_LOCKS_REQUIRED(mu_) {
        return cancelled_ || ready_.size() < depth_;
      };
      mu_.Await(absl::Condition(&room));
      if (cancelled_) return;
    }
    // Waits for appends when caught up; Cancel() wakes it.
    absl::StatusOr<SubscriptionBatch> batch = inner_->Next(absl::Seconds(1));
    absl::MutexLock lock(&mu_);
    if (!batch.ok()) {
      failed_ = batch.status();
      return;
    }
    caught_up_ = batch->caught_up;
    const bool moved = batch->checkpoint > read_;
    read_ = batch->checkpoint;
    // Nothing new but a later checkpoint (events of other streams, or none): the checkpoint still
    // counts, but one such batch in waiting is enough.
    if (batch->events.empty() && !ready_.empty() && ready_.back().events.empty()) {
      ready_.back() = *std::move(batch);
    } else {
      ready_.push_back(*std::move(batch));
    }
    if (caught_up_ && moved && live_pause_ > absl::ZeroDuration()) {
      mu_.AwaitWithTimeout(absl::Condition(&cancelled_), live_pause_);
    }
  }
}

absl::StatusOr<SubscriptionBatch> ReadAheadSubscription::Next(absl::Duration timeout) {
  absl::MutexLock lock(&mu_);
  auto ready = [this]() ABSL_EXCLUSIVE_LOCKS_REQUIRED(mu_) {
    return cancelled_ || !ready_.empty() || !failed_.ok();
  };
  mu_.AwaitWithTimeout(absl::Condition(&ready), timeout);
  if (cancelled_) return absl::CancelledError("subscription cancelled");
  if (ready_.empty()) {
    if (!failed_.ok()) return failed_;
    SubscriptionBatch none;
    none.checkpoint = handed_out_;
    none.caught_up = caught_up_;
    return none;
  }
  // Everything read so far, as one batch: fewer, larger batches for the caller to fold.
  SubscriptionBatch batch = std::move(ready_.front());
  ready_.pop_front();
  for (; !ready_.empty(); ready_.pop_front()) {
    SubscriptionBatch& more = ready_.front();
    std::move(more.events.begin(), more.events.end(), std::back_inserter(batch.events));
    batch.checkpoint = more.checkpoint;
    batch.caught_up = more.caught_up;
  }
  handed_out_ = batch.checkpoint;
  return batch;
}

}  // namespace endeavour::projections
