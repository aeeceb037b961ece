// A subscription that reads the log from disk in bounded pages and waits on the store's head when
// it has caught up. Keeping no buffer of its own is what bounds its memory whatever its speed.
#ifndef ENDEAVOUR_EVENTSTORE_ROCKSDB_SUBSCRIPTION_H_
#define ENDEAVOUR_EVENTSTORE_ROCKSDB_SUBSCRIPTION_H_

#include <atomic>
#include <cstdint>

#include "eventstore/event_store.h"

namespace endeavour::eventstore {

class RocksDbEventStoreImpl;

class RocksDbSubscription final : public Subscription {
 public:
  // `store` must outlive the subscription.
  RocksDbSubscription(const RocksDbEventStoreImpl* store, uint64_t from_position,
                      EventFilter filter);
  ~RocksDbSubscription() override;

  absl::StatusOr<SubscriptionBatch> Next(absl::Duration timeout) override;
  void Cancel() override;

 private:
  static constexpr size_t kPageEvents = 512;

  const RocksDbEventStoreImpl* const store_;
  const EventFilter filter_;
  uint64_t next_position_;  // the first position not yet examined
  std::atomic<bool> cancelled_{false};
};

}  // namespace endeavour::eventstore

#endif  // ENDEAVOUR_EVENTSTORE_ROCKSDB_SUBSCRIPTION_H_
