// The RocksDB key layout of the embedded store, described in prose in eventstore/FORMAT.md.
// Keys are big-endian so that byte order is log order. A change here is a format change: bump
// kFormatVersion and update FORMAT.md in the same commit.
#ifndef ENDEAVOUR_EVENTSTORE_ROCKSDB_LAYOUT_H_
#define ENDEAVOUR_EVENTSTORE_ROCKSDB_LAYOUT_H_

#include <array>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace endeavour::eventstore::layout {

inline constexpr uint32_t kFormatVersion = 1;

// The column families, in the order they are opened. The order and the names never change; a new
// family is added at the end.
enum class ColumnFamily : int {
  kDefault = 0,      // required by RocksDB; unused
  kEvents = 1,       // position -> stored envelope bytes
  kStreamIndex = 2,  // (stream id, version) -> position
  kEventIds = 3,     // event id -> position
  kMerkleNodes = 4,  // (last leaf position, level) -> 32-byte hash
  kMetadata = 5,     // named values: head position, tree root, format version
  kProjections = 6,  // projection state and checkpoints
};
inline constexpr int kColumnFamilyCount = 7;
inline constexpr std::array<std::string_view, kColumnFamilyCount> kColumnFamilyNames = {
    "default", "events", "stream_index", "event_ids", "merkle_nodes", "metadata", "projections"};

// Metadata keys.
inline constexpr std::string_view kMetaFormatVersion = "format_version";
inline constexpr std::string_view kMetaHeadPosition = "head_position";
inline constexpr std::string_view kMetaTreeRoot = "tree_root";

// Fixed-width big-endian integers.
void AppendBigEndian64(std::string* out, uint64_t value);
uint64_t ReadBigEndian64(std::string_view bytes);  // REQUIRES: bytes.size() >= 8

// kEvents: 8-byte position.
std::string EventKey(uint64_t position);
std::optional<uint64_t> ParseEventKey(std::string_view key);

// kStreamIndex: 2-byte stream id length, the stream id, 8-byte version. The length prefix keeps
// one stream's keys from interleaving with another's whose id it prefixes.
std::string StreamIndexKey(std::string_view stream_id, uint64_t version);
std::string StreamIndexPrefix(std::string_view stream_id);

// kMerkleNodes: 8-byte position of the last leaf the node covers, 1-byte level (0 = leaf). The
// node at (level, index) covers leaves [index * 2^level, (index + 1) * 2^level), 0-based, so its
// key is MerkleNodeKey((index + 1) << level, level). Every node completed by appending a leaf
// sorts next to that leaf: one forward scan meets nodes in the order they were made.
std::string MerkleNodeKey(uint64_t last_leaf_position, uint8_t level);
std::string MerkleNodeKeyForIndex(uint8_t level, uint64_t index);

// Values that are positions: 8 bytes big-endian.
std::string PositionValue(uint64_t position);

}  // namespace endeavour::eventstore::layout

#endif  // ENDEAVOUR_EVENTSTORE_ROCKSDB_LAYOUT_H_
