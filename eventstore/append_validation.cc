#include "eventstore/append_validation.h"

#include <google/protobuf/util/message_differencer.h>

#include "absl/container/flat_hash_set.h"
#include "absl/strings/str_cat.h"

namespace endeavour::eventstore {
namespace {

bool IsIdChar(char c, const std::string& extra) {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
         extra.find(c) != std::string::npos;
}

absl::Status CheckToken(const std::string& field, const std::string& value, size_t max_bytes,
                        const std::string& extra_chars) {
  if (value.empty()) return absl::InvalidArgumentError(absl::StrCat(field, ": must not be empty"));
  if (value.size() > max_bytes) {
    return absl::InvalidArgumentError(
        absl::StrCat(field, ": ", value.size(), " bytes, more than the limit of ", max_bytes));
  }
  for (char c : value) {
    if (!IsIdChar(c, extra_chars)) {
      return absl::InvalidArgumentError(
          absl::StrCat(field, ": may hold only letters, digits and \"", extra_chars,
                       "\"; found byte 0x", absl::Hex(static_cast<unsigned char>(c))));
    }
  }
  return absl::OkStatus();
}

}  // namespace

absl::Status ValidateStreamId(const std::string& stream_id) {
  return CheckToken("stream_id", stream_id, kMaxStreamIdBytes, "._-:/@");
}

absl::Status ValidateAppend(const std::string& stream_id, const ExpectedVersion& expected,
                            const std::vector<endeavour::v1::EventEnvelope>& events,
                            const AppendLimits& limits, size_t* batch_bytes) {
  if (absl::Status s = ValidateStreamId(stream_id); !s.ok()) return s;
  if (absl::Status s = expected.Validate(); !s.ok()) return s;
  if (events.empty()) {
    return absl::InvalidArgumentError("events: an append needs at least one event");
  }
  if (events.size() > limits.max_batch_events) {
    return absl::ResourceExhaustedError(
        absl::StrCat("events: ", events.size(), " events in one append, more than the limit of ",
                     limits.max_batch_events));
  }
  absl::flat_hash_set<std::string_view> ids;
  size_t total = 0;
  for (size_t i = 0; i < events.size(); ++i) {
    const endeavour::v1::EventEnvelope& e = events[i];
    const std::string field = absl::StrCat("events[", i, "]");
    if (absl::Status s =
            CheckToken(absl::StrCat(field, ".event_id"), e.event_id(), kMaxEventIdBytes, "-_.:");
        !s.ok()) {
      return s;
    }
    if (absl::Status s = CheckToken(absl::StrCat(field, ".event_type"), e.event_type(),
                                    kMaxEventTypeBytes, "._");
        !s.ok()) {
      return s;
    }
    if (!ids.insert(e.event_id()).second) {
      return absl::InvalidArgumentError(
          absl::StrCat(field, ".event_id: \"", e.event_id(), "\" appears twice in one append"));
    }
    const size_t bytes = e.ByteSizeLong();
    if (bytes > limits.max_event_bytes) {
      return absl::ResourceExhaustedError(absl::StrCat(
          field, ": ", bytes, " bytes, more than the limit of ", limits.max_event_bytes));
    }
    total += bytes;
  }
  if (total > limits.max_batch_bytes) {
    return absl::ResourceExhaustedError(
        absl::StrCat("events: ", total, " bytes in one append, more than the limit of ",
                     limits.max_batch_bytes));
  }
  *batch_bytes = total;
  return absl::OkStatus();
}

bool SameCallerContent(const endeavour::v1::EventEnvelope& a,
                       const endeavour::v1::EventEnvelope& b) {
  endeavour::v1::EventEnvelope x = a;
  endeavour::v1::EventEnvelope y = b;
  for (endeavour::v1::EventEnvelope* e : {&x, &y}) {
    e->clear_position();
    e->clear_stream_id();
    e->clear_stream_version();
    e->clear_recorded_at();
  }
  return google::protobuf::util::MessageDifferencer::Equals(x, y);
}

}  // namespace endeavour::eventstore
