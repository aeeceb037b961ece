// Signs the log's tree head when it has grown: on demand (SignIfGrown) and every interval
// (PeriodicSigning). Each head is kept durably in a SignedTreeHeadLog before anyone sees it.
#ifndef ENDEAVOUR_SERVICES_AUDIT_TREE_HEAD_SIGNER_H_
#define ENDEAVOUR_SERVICES_AUDIT_TREE_HEAD_SIGNER_H_

#include <functional>
#include <thread>

#include "absl/base/thread_annotations.h"
#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "absl/synchronization/mutex.h"
#include "absl/synchronization/notification.h"
#include "absl/time/time.h"
#include "endeavour/v1/api.pb.h"
#include "eventstore/event_store.h"
#include "services/audit/signed_tree_head_log.h"
#include "services/audit/signing_key.h"

namespace endeavour::audit {

// Thread-safe; signings are serialized, so two callers at one tree size get the same head.
class TreeHeadSigner {
 public:
  // All must outlive the signer. `clock` stamps heads (default: the system clock); a head is
  // never stamped earlier than the one before it.
  TreeHeadSigner(const eventstore::EventStore& store, const SigningKey& key,
                 SignedTreeHeadLog& heads, std::function<absl::Time()> clock = {});

  struct Result {
    v1::SignedTreeHead head;
    bool newly_signed = false;
  };

  // Signs and keeps the log's current head if the log has grown since the latest head;
  // otherwise returns the latest head. FAILED_PRECONDITION for an empty log (nothing to sign);
  // DATA_LOSS if the log is shorter than a head already signed.
  absl::StatusOr<Result> SignIfGrown();

  const SigningKey& key() const { return key_; }
  const SignedTreeHeadLog& heads() const { return heads_; }

 private:
  const eventstore::EventStore& store_;
  const SigningKey& key_;
  SignedTreeHeadLog& heads_;
  std::function<absl::Time()> clock_;
  absl::Mutex mutex_;
};

// Calls signer.SignIfGrown() every `interval` while it lives (on a thread of its own), skipping
// an empty log; a failure goes to `on_error` and signing goes on at the next interval.
class PeriodicSigning {
 public:
  PeriodicSigning(TreeHeadSigner& signer, absl::Duration interval,
                  std::function<void(const absl::Status&)> on_error);
  ~PeriodicSigning();  // stops and joins the thread
  PeriodicSigning(const PeriodicSigning&) = delete;
  PeriodicSigning& operator=(const PeriodicSigning&) = delete;

 private:
  absl::Notification stop_;
  std::thread thread_;
};

}  // namespace endeavour::audit

#endif  // ENDEAVOUR_SERVICES_AUDIT_TREE_HEAD_SIGNER_H_
