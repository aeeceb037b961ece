#include "eventstore/event_filter.h"

#include <algorithm>
#include <cstdint>
#include <optional>

#include "absl/strings/match.h"
#include "google/protobuf/io/coded_stream.h"
#include "google/protobuf/wire_format_lite.h"

namespace endeavour::eventstore {
namespace {

using google::protobuf::internal::WireFormatLite;

// The envelope's stream_id as protobuf would parse it (the last occurrence wins; none is ""), or
// nullopt for bytes that do not parse as a message.
std::optional<std::string_view> StoredStreamId(std::string_view bytes) {
  google::protobuf::io::CodedInputStream in(reinterpret_cast<const uint8_t*>(bytes.data()),
                                            static_cast<int>(bytes.size()));
  constexpr uint32_t kStreamIdTag =
      WireFormatLite::MakeTag(endeavour::v1::EventEnvelope::kStreamIdFieldNumber,
                              WireFormatLite::WIRETYPE_LENGTH_DELIMITED);
  std::string_view stream_id;
  while (const uint32_t tag = in.ReadTag()) {
    if (tag != kStreamIdTag) {
      if (!WireFormatLite::SkipField(&in, tag)) return std::nullopt;
      continue;
    }
    uint32_t length = 0;
    if (!in.ReadVarint32(&length)) return std::nullopt;
    const size_t offset = static_cast<size_t>(in.CurrentPosition());
    if (length > bytes.size() - offset || !in.Skip(static_cast<int>(length))) return std::nullopt;
    stream_id = bytes.substr(offset, length);
  }
  // ReadTag gives 0 at the end and on a malformed tag: only the end is a parse.
  if (static_cast<size_t>(in.CurrentPosition()) != bytes.size()) return std::nullopt;
  return stream_id;
}

}  // namespace

bool MatchesFilter(const EventFilter& filter, const endeavour::v1::EventEnvelope& envelope) {
  if (!absl::StartsWith(envelope.stream_id(), filter.stream_prefix)) return false;
  if (filter.event_types.empty()) return true;
  return std::find(filter.event_types.begin(), filter.event_types.end(), envelope.event_type()) !=
         filter.event_types.end();
}

bool StoredBytesMayMatch(const EventFilter& filter, std::string_view stored_bytes) {
  if (filter.stream_prefix.empty()) return true;
  const std::optional<std::string_view> stream_id = StoredStreamId(stored_bytes);
  return !stream_id.has_value() || stream_id->starts_with(filter.stream_prefix);
}

}  // namespace endeavour::eventstore
