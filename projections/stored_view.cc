#include "projections/stored_view.h"

#include <lz4.h>

#include <cstdint>

#include "absl/strings/str_cat.h"
#include "google/protobuf/io/coded_stream.h"

namespace endeavour::projections {
namespace {

constexpr char kCompressed = '\0';
// Smaller views are stored plain: compressing them saves a few bytes and costs every read.
constexpr size_t kMinSizeToCompress = 256;
// A 32-bit varint takes at most five bytes.
constexpr size_t kMaxVarint32Bytes = 5;
// The most one LZ4 block can expand, which bounds what a damaged size may make a query allocate.
constexpr uint64_t kMaxExpansion = 255;

}  // namespace

std::string EncodeView(const google::protobuf::MessageLite& view) {
  // Kept between calls, so a rebuild's thousands of views do not each take fresh memory twice.
  thread_local std::string encoded;
  thread_local std::string compressed;
  view.SerializeToString(&encoded);
  if (encoded.size() < kMinSizeToCompress || encoded.size() > LZ4_MAX_INPUT_SIZE) return encoded;
  const int size = static_cast<int>(encoded.size());
  compressed.resize(1 + kMaxVarint32Bytes + LZ4_compressBound(size));
  compressed[0] = kCompressed;
  auto* header = reinterpret_cast<uint8_t*>(compressed.data());
  const size_t header_size =
      google::protobuf::io::CodedOutputStream::WriteVarint32ToArray(size, header + 1) - header;
  const int written = LZ4_compress_default(encoded.data(), compressed.data() + header_size, size,
                                           static_cast<int>(compressed.size() - header_size));
  if (written <= 0 || header_size + written >= encoded.size()) return encoded;
  return compressed.substr(0, header_size + written);
}

absl::Status DecodeView(absl::string_view stored, absl::string_view key,
                        google::protobuf::MessageLite* view) {
  auto lost = [&](absl::string_view why) {
    return absl::DataLossError(absl::StrCat("stored view ", key, " ", why));
  };
  if (stored.empty() || stored[0] != kCompressed) {
    if (!view->ParseFromArray(stored.data(), static_cast<int>(stored.size()))) {
      return lost("does not parse");
    }
    return absl::OkStatus();
  }
  google::protobuf::io::CodedInputStream in(reinterpret_cast<const uint8_t*>(stored.data()) + 1,
                                            static_cast<int>(stored.size() - 1));
  uint32_t size = 0;
  if (!in.ReadVarint32(&size)) return lost("is compressed, but its size is cut short");
  const size_t body = 1 + in.CurrentPosition();
  const size_t compressed = stored.size() - body;
  if (size > LZ4_MAX_INPUT_SIZE || size > compressed * kMaxExpansion) {
    return lost(absl::StrCat("is compressed, but claims ", size, " bytes from ", compressed));
  }
  std::string decoded(size, '\0');
  const int read = LZ4_decompress_safe(stored.data() + body, decoded.data(),
                                       static_cast<int>(compressed), static_cast<int>(size));
  if (read < 0 || static_cast<uint32_t>(read) != size) {
    return lost("is compressed, but its compressed data is damaged");
  }
  if (!view->ParseFromString(decoded)) return lost("does not parse once decompressed");
  return absl::OkStatus();
}

}  // namespace endeavour::projections
