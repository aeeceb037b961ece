#include "eventstore/rocksdb_layout.h"

namespace endeavour::eventstore::layout {

void AppendBigEndian64(std::string* out, uint64_t value) {
  char buf[8];
  for (int i = 7; i >= 0; --i) {
    buf[i] = static_cast<char>(value & 0xff);
    value >>= 8;
  }
  out->append(buf, 8);
}

uint64_t ReadBigEndian64(std::string_view bytes) {
  uint64_t value = 0;
  for (int i = 0; i < 8; ++i) value = (value << 8) | static_cast<uint8_t>(bytes[i]);
  return value;
}

std::string EventKey(uint64_t position) {
  std::string key;
  AppendBigEndian64(&key, position);
  return key;
}

std::optional<uint64_t> ParseEventKey(std::string_view key) {
  if (key.size() != 8) return std::nullopt;
  return ReadBigEndian64(key);
}

std::string StreamIndexPrefix(std::string_view stream_id) {
  std::string key;
  key.reserve(2 + stream_id.size() + 8);
  key.push_back(static_cast<char>((stream_id.size() >> 8) & 0xff));
  key.push_back(static_cast<char>(stream_id.size() & 0xff));
  key.append(stream_id);
  return key;
}

std::string StreamIndexKey(std::string_view stream_id, uint64_t version) {
  std::string key = StreamIndexPrefix(stream_id);
  AppendBigEndian64(&key, version);
  return key;
}

std::string MerkleNodeKey(uint64_t last_leaf_position, uint8_t level) {
  std::string key;
  AppendBigEndian64(&key, last_leaf_position);
  key.push_back(static_cast<char>(level));
  return key;
}

std::string MerkleNodeKeyForIndex(uint8_t level, uint64_t index) {
  return MerkleNodeKey((index + 1) << level, level);
}

std::string PositionValue(uint64_t position) { return EventKey(position); }

}  // namespace endeavour::eventstore::layout
