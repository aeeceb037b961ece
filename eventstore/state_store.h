// Where projections keep their state and checkpoints: a small key-value space whose writes are
// atomic, so a projection's state changes and the checkpoint that says how far they go land
// together or not at all.
//
// Nothing here has to be durable the way the log is: state is derived from the log and can be
// rebuilt from it. What matters is that a write is all-or-nothing and writes are recovered in
// order, so after a crash the state and its checkpoint still agree.
#ifndef ENDEAVOUR_EVENTSTORE_STATE_STORE_H_
#define ENDEAVOUR_EVENTSTORE_STATE_STORE_H_

#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "absl/functional/function_ref.h"
#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"

namespace endeavour::eventstore {

// One atomic change: puts, deletes, and deletions of every key under a prefix.
struct StateWrite {
  std::vector<std::pair<std::string, std::string>> puts;
  std::vector<std::string> deletes;
  std::vector<std::string> deleted_prefixes;

  void Put(std::string key, std::string value) {
    puts.emplace_back(std::move(key), std::move(value));
  }
  bool empty() const { return puts.empty() && deletes.empty() && deleted_prefixes.empty(); }
};

class StateStore {
 public:
  virtual ~StateStore() = default;

  // The value under `key`, or nullopt.
  virtual absl::StatusOr<std::optional<std::string>> Get(const std::string& key) const = 0;

  // Calls `visit` for every key under `prefix`, in key order, until it returns false.
  virtual absl::Status Scan(
      const std::string& prefix,
      absl::FunctionRef<bool(absl::string_view key, absl::string_view value)> visit) const = 0;

  // Applies every part of `write` or none of it. Deleted prefixes go first, then deletes, then
  // puts, so a write may clear a key space and refill it.
  virtual absl::Status Write(const StateWrite& write) = 0;
};

}  // namespace endeavour::eventstore

#endif  // ENDEAVOUR_EVENTSTORE_STATE_STORE_H_
