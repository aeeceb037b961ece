// Every tree head the server has signed, kept for good: a head handed out is durable first, so
// a crash can never take back something a verifier may hold. Heads are kept in order of tree
// size, which only grows (a head is signed only when the log has grown).
//
// The file (DATA/signed-tree-heads), version 1:
//
//   the 8 ASCII bytes "ESTHLOG1", then one record per head, in the order signed:
//     length    4 bytes, big-endian: the payload's size (at most 64 KiB)
//     payload   `length` bytes: an endeavour.v1.SignedTreeHead message, serialized
//     check     4 bytes: the first 4 bytes of SHA-256(payload)
//
// Appends write one record and fdatasync before returning. On open, a last record cut short or
// failing its check (a crash mid-append: it was never acknowledged) is cut off the file; a bad
// record with more after it, or tree sizes out of order, is DATA_LOSS. Nothing is ever rewritten.
#ifndef ENDEAVOUR_SERVICES_AUDIT_SIGNED_TREE_HEAD_LOG_H_
#define ENDEAVOUR_SERVICES_AUDIT_SIGNED_TREE_HEAD_LOG_H_

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "absl/base/thread_annotations.h"
#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "absl/synchronization/mutex.h"
#include "endeavour/v1/api.pb.h"

namespace endeavour::audit {

// Thread-safe. One process at a time per file (endeavourd holds the store's lock first).
class SignedTreeHeadLog {
 public:
  // Opens the file at `path`, creating it (and syncing its folder) if missing.
  static absl::StatusOr<std::unique_ptr<SignedTreeHeadLog>> Open(const std::string& path);
  ~SignedTreeHeadLog();
  SignedTreeHeadLog(const SignedTreeHeadLog&) = delete;
  SignedTreeHeadLog& operator=(const SignedTreeHeadLog&) = delete;

  // Appends `head`, durably. FAILED_PRECONDITION unless its tree size is larger than the latest
  // head's. After a failed write or sync every later append is refused (UNAVAILABLE) until the
  // file is reopened: the record's fate is unknown until then.
  absl::Status Append(const v1::SignedTreeHead& head);

  // The latest head, if any.
  std::optional<v1::SignedTreeHead> Latest() const;

  // The head of exactly `tree_size`. NOT_FOUND if none was signed at that size.
  absl::StatusOr<v1::SignedTreeHead> Get(uint64_t tree_size) const;

  // Up to `max_count` heads of tree size >= `from_tree_size`, smallest first.
  absl::StatusOr<std::vector<v1::SignedTreeHead>> List(uint64_t from_tree_size,
                                                       size_t max_count) const;

  size_t size() const;

 private:
  struct Entry {
    uint64_t tree_size;
    uint64_t offset;  // of the payload
    uint32_t length;
  };
  SignedTreeHeadLog(std::string path, int fd) : path_(std::move(path)), fd_(fd) {}
  absl::Status Load() ABSL_EXCLUSIVE_LOCKS_REQUIRED(mutex_);
  absl::StatusOr<v1::SignedTreeHead> ReadEntry(const Entry& entry) const;

  const std::string path_;
  const int fd_;
  mutable absl::Mutex mutex_;
  std::vector<Entry> entries_ ABSL_GUARDED_BY(mutex_);
  std::optional<v1::SignedTreeHead> latest_ ABSL_GUARDED_BY(mutex_);
  uint64_t end_ ABSL_GUARDED_BY(mutex_) = 0;
  absl::Status sticky_error_ ABSL_GUARDED_BY(mutex_);
};

}  // namespace endeavour::audit

#endif  // ENDEAVOUR_SERVICES_AUDIT_SIGNED_TREE_HEAD_LOG_H_
