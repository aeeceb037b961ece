#include "services/audit/tree_head_signer.h"

#include <utility>

#include "absl/strings/str_cat.h"
#include "absl/time/clock.h"
#include "eventstore/thread_name.h"
#include "services/audit/signed_tree_head.h"

namespace endeavour::audit {

TreeHeadSigner::TreeHeadSigner(const eventstore::EventStore& store, const SigningKey& key,
                               SignedTreeHeadLog& heads, std::function<absl::Time()> clock)
    : store_(store), key_(key), heads_(heads), clock_(std::move(clock)) {
  if (!clock_) clock_ = [] { return absl::Now(); };
}

absl::StatusOr<TreeHeadSigner::Result> TreeHeadSigner::SignIfGrown() {
  absl::MutexLock lock(&mutex_);
  const eventstore::EventStore::TreeHead current = store_.CurrentTreeHead();
  std::optional<v1::SignedTreeHead> latest = heads_.Latest();
  if (latest.has_value()) {
    if (current.tree_size == latest->tree_size()) return Result{*std::move(latest), false};
    if (current.tree_size < latest->tree_size()) {
      return absl::DataLossError(absl::StrCat("the log has ", current.tree_size,
                                              " events, but a head was signed at tree size ",
                                              latest->tree_size()));
    }
  }
  if (current.tree_size == 0) {
    return absl::FailedPreconditionError("the log is empty: there is no tree head to sign yet");
  }
  absl::Time now = clock_();
  if (latest.has_value()) {
    const absl::Time before = absl::FromUnixSeconds(latest->timestamp().seconds()) +
                              absl::Nanoseconds(latest->timestamp().nanos());
    now = std::max(now, before);
  }
  absl::StatusOr<v1::SignedTreeHead> head =
      SignTreeHead(current.tree_size, current.root_hash, now, key_);
  if (!head.ok()) return head.status();
  if (absl::Status kept = heads_.Append(*head); !kept.ok()) return kept;
  return Result{*std::move(head), true};
}

PeriodicSigning::PeriodicSigning(TreeHeadSigner& signer, absl::Duration interval,
                                 std::function<void(const absl::Status&)> on_error)
    : thread_([this, &signer, interval, on_error = std::move(on_error)] {
        eventstore::NameThisThread("tree-signer");
        while (!stop_.WaitForNotificationWithTimeout(interval)) {
          absl::StatusOr<TreeHeadSigner::Result> signed_head = signer.SignIfGrown();
          if (!signed_head.ok() && !absl::IsFailedPrecondition(signed_head.status())) {
            on_error(signed_head.status());
          }
        }
      }) {}

PeriodicSigning::~PeriodicSigning() {
  stop_.Notify();
  thread_.join();
}

}  // namespace endeavour::audit
