// SHA-256 through OpenSSL, and the RFC 6962 leaf and node hashes built on it.
#ifndef ENDEAVOUR_EVENTSTORE_SHA256_H_
#define ENDEAVOUR_EVENTSTORE_SHA256_H_

#include <memory>
#include <string>
#include <string_view>

namespace endeavour::eventstore {

inline constexpr size_t kHashBytes = 32;

// Holds one reusable OpenSSL digest context. Not thread-safe: one per thread.
class Sha256 {
 public:
  Sha256();
  ~Sha256();
  Sha256(const Sha256&) = delete;
  Sha256& operator=(const Sha256&) = delete;

  // SHA-256(parts[0] || parts[1] || ...), 32 bytes.
  std::string Hash(std::initializer_list<std::string_view> parts);

  // RFC 6962 section 2.1: SHA-256(0x00 || bytes), the hash of a leaf.
  std::string LeafHash(std::string_view bytes);
  // RFC 6962 section 2.1: SHA-256(0x01 || left || right), the hash of an inner node.
  std::string NodeHash(std::string_view left, std::string_view right);
  // The root of an empty tree: SHA-256 of the empty string.
  std::string EmptyRoot();

 private:
  struct Context;
  std::unique_ptr<Context> context_;
};

}  // namespace endeavour::eventstore

#endif  // ENDEAVOUR_EVENTSTORE_SHA256_H_
