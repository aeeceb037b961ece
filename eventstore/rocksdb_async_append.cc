// Asynchronous appends: the same writer queue and group commit as Append (rocksdb_committer.cc),
// for callers that must not block a thread per append (a gRPC callback server). An asynchronous
// writer owns its input and a callback; the async leader thread leads the groups that start with
// one, and the completer thread waits for their sync and runs the callbacks.
#include <memory>
#include <utility>

#include "eventstore/append_validation.h"
#include "eventstore/rocksdb_event_store_impl.h"
#include "eventstore/rocksdb_writer.h"
#include "eventstore/thread_name.h"

namespace endeavour::eventstore {

void RocksDbEventStoreImpl::AppendAsync(std::string stream_id, ExpectedVersion expected,
                                        std::vector<EventEnvelope> events, AppendCallback done) {
  size_t bytes = 0;
  const AppendLimits limits{options_.max_event_bytes, options_.max_batch_bytes,
                            options_.max_batch_events};
  if (absl::Status s = ValidateAppend(stream_id, expected, events, limits, &bytes); !s.ok()) {
    done(std::move(s));
    return;
  }
  auto w = std::make_unique<Writer>(nullptr, expected, nullptr, bytes);
  w->owned_stream_id = std::move(stream_id);
  w->owned_events = std::move(events);
  w->stream_id = &w->owned_stream_id;
  w->events = &w->owned_events;
  w->done = std::move(done);
  absl::Status refused;
  {
    absl::MutexLock lock(&mu_);
    refused = stopping_ ? absl::UnavailableError("event store: closing") : sticky_error_;
    if (refused.ok()) {
      StartAsyncThreads();
      writers_.push_back(w.get());
      if (writers_.size() == 1) async_lead_ = true;
      w.release();  // the queue has it now; FinishGroup completes and deletes it
    }
  }
  if (!refused.ok()) w->done(std::move(refused));
}

void RocksDbEventStoreImpl::StartAsyncThreads() {
  if (async_leader_.joinable()) return;
  async_leader_ = std::thread([this] {
    NameThisThread("store-leader");
    LeadAsyncGroups();
  });
  async_completer_ = std::thread([this] {
    NameThisThread("store-completer");
    CompleteAsyncGroups();
  });
}

void RocksDbEventStoreImpl::LeadAsyncGroups() {
  while (true) {
    std::vector<Writer*> group;
    absl::Status status;
    {
      absl::MutexLock lock(&mu_);
      auto lead_or_stop = [this]() ABSL_EXCLUSIVE_LOCKS_REQUIRED(mu_) {
        return async_lead_ || stopping_;
      };
      mu_.Await(absl::Condition(&lead_or_stop));
      if (!async_lead_) break;  // stopping, and nothing left to lead
      async_lead_ = false;
      group = TakeGroup();
      status = sticky_error_;
    }
    Ticket ticket;
    if (status.ok()) status = CommitGroup(group, &ticket);
    PassLead(group.size(), status);
    absl::MutexLock lock(&completion_mu_);
    committed_.push_back({std::move(group), std::move(ticket), std::move(status)});
  }
  absl::MutexLock lock(&completion_mu_);
  leader_stopped_ = true;
}

void RocksDbEventStoreImpl::CompleteAsyncGroups() {
  while (true) {
    CommittedGroup next;
    {
      absl::MutexLock lock(&completion_mu_);
      auto work_or_stop = [this]() ABSL_EXCLUSIVE_LOCKS_REQUIRED(completion_mu_) {
        return !committed_.empty() || leader_stopped_;
      };
      completion_mu_.Await(absl::Condition(&work_or_stop));
      if (committed_.empty()) return;  // the leader has stopped and everything is completed
      next = std::move(committed_.front());
      committed_.pop_front();
    }
    FinishGroup(next.group, next.ticket, std::move(next.status), nullptr);
  }
}

void RocksDbEventStoreImpl::StopAsyncThreads() {
  {
    absl::MutexLock lock(&mu_);
    stopping_ = true;
  }
  // The leader leads whatever is still queued before it stops, and the completer completes it.
  if (async_leader_.joinable()) async_leader_.join();
  if (async_completer_.joinable()) async_completer_.join();
}

}  // namespace endeavour::eventstore
