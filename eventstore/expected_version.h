// What an appender believes about a stream before it writes: the optimistic-concurrency check.
#ifndef ENDEAVOUR_EVENTSTORE_EXPECTED_VERSION_H_
#define ENDEAVOUR_EVENTSTORE_EXPECTED_VERSION_H_

#include <cstdint>
#include <string>

#include "absl/status/status.h"

namespace endeavour::eventstore {

class ExpectedVersion {
 public:
  enum class Form : int {
    kAny = 0,           // append whatever the stream holds
    kNoStream = 1,      // the stream must not exist yet
    kStreamExists = 2,  // the stream must hold at least one event
    kExact = 3,         // the stream's version must be exactly version()
  };

  static ExpectedVersion Any() { return ExpectedVersion(Form::kAny, 0); }
  static ExpectedVersion NoStream() { return ExpectedVersion(Form::kNoStream, 0); }
  static ExpectedVersion StreamExists() { return ExpectedVersion(Form::kStreamExists, 0); }
  // Exact(0) means the same as NoStream().
  static ExpectedVersion Exact(uint64_t version) { return ExpectedVersion(Form::kExact, version); }
  // For values that arrive from outside (a request): not checked here; Check() refuses an
  // unknown form with INVALID_ARGUMENT.
  static ExpectedVersion FromParts(Form form, uint64_t version) {
    return ExpectedVersion(form, version);
  }

  Form form() const { return form_; }
  uint64_t version() const { return version_; }

  // OK when a stream now at `actual` (0: no stream) satisfies this expectation; ABORTED, naming
  // both, when it does not; INVALID_ARGUMENT for an unknown form.
  absl::Status Check(const std::string& stream_id, uint64_t actual) const;

  // INVALID_ARGUMENT for an unknown form; OK otherwise. Does not look at any stream.
  absl::Status Validate() const;

  std::string ToString() const;

 private:
  ExpectedVersion(Form form, uint64_t version) : form_(form), version_(version) {}

  Form form_;
  uint64_t version_;
};

}  // namespace endeavour::eventstore

#endif  // ENDEAVOUR_EVENTSTORE_EXPECTED_VERSION_H_
