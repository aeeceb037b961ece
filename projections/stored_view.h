// How a view is stored: its protobuf encoding, LZ4-compressed when that is smaller.
//
// A rebuild writes every view at once, and the histories are most of it: for a log of a million
// events, 352 MB of 375 MB, which LZ4 makes 91 MB in about a quarter of a second. Writing that
// much less into RocksDB's memtable made the rebuild's one write fast and steady (0.34-2.2 s
// before, 0.11-0.16 s after, in most rounds). Reading a history back costs 6-8 us more for the
// decompression, beside about 80 us to parse it.
//
// The format: a value whose first byte is 0 holds, after that byte, the view's encoded size as a
// varint and then one LZ4 block. Any other value is the view's plain encoding: an encoded message
// never starts with 0 (field number 0 does not exist), so values written before compression, and
// small views stored plain, still read.
#ifndef ENDEAVOUR_PROJECTIONS_STORED_VIEW_H_
#define ENDEAVOUR_PROJECTIONS_STORED_VIEW_H_

#include <string>

#include "absl/status/status.h"
#include "absl/strings/string_view.h"
#include "google/protobuf/message_lite.h"

namespace endeavour::projections {

// The value to store for `view`.
std::string EncodeView(const google::protobuf::MessageLite& view);

// Parses a stored value into `view`. DATA_LOSS, naming `key`, when it is not a view's encoding.
absl::Status DecodeView(absl::string_view stored, absl::string_view key,
                        google::protobuf::MessageLite* view);

}  // namespace endeavour::projections

#endif  // ENDEAVOUR_PROJECTIONS_STORED_VIEW_H_
