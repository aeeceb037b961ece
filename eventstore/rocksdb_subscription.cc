#include "eventstore/rocksdb_subscription.h"

#include <algorithm>
#include <utility>

#include "eventstore/rocksdb_event_store_impl.h"

namespace endeavour::eventstore {

RocksDbSubscription::RocksDbSubscription(const RocksDbEventStoreImpl* store, uint64_t from_position,
                                         EventFilter filter)
    : store_(store),
      filter_(std::move(filter)),
      next_position_(std::max<uint64_t>(from_position, 1)) {}

RocksDbSubscription::~RocksDbSubscription() { Cancel(); }

absl::StatusOr<SubscriptionBatch> RocksDbSubscription::Next(absl::Duration timeout) {
  const absl::Time deadline = absl::Now() + timeout;
  while (true) {
    if (cancelled_.load()) return absl::CancelledError("subscription cancelled");
    if (next_position_ <= store_->HeadPosition()) {
      absl::StatusOr<LogPage> page = store_->ReadAll(next_position_, kPageEvents, filter_);
      if (!page.ok()) return page.status();
      next_position_ = page->next_position;
      const bool caught_up = next_position_ > page->head_position;
      // A filter may skip a whole page; keep reading until something matches or the head.
      if (page->events.empty() && !caught_up) continue;
      return SubscriptionBatch{std::move(page->events), next_position_ - 1, caught_up};
    }
    const uint64_t head = store_->AwaitHeadPast(next_position_ - 1, deadline, &cancelled_);
    if (head < next_position_ && !cancelled_.load()) {
      return SubscriptionBatch{{}, next_position_ - 1, true};  // timed out, caught up
    }
  }
}

void RocksDbSubscription::Cancel() {
  cancelled_.store(true);
  store_->WakeWaiters();
}

}  // namespace endeavour::eventstore
