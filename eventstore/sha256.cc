#include "eventstore/sha256.h"

#include <openssl/evp.h>

#include <cstdlib>

namespace endeavour::eventstore {
namespace {

// Fetched once: OpenSSL 3 otherwise looks the algorithm up on every digest.
const EVP_MD* Sha256Algorithm() {
  static const EVP_MD* md = [] {
    EVP_MD* fetched = EVP_MD_fetch(nullptr, "SHA256", nullptr);
    if (fetched == nullptr) std::abort();  // no SHA-256 means no usable OpenSSL at all
    return fetched;
  }();
  return md;
}

}  // namespace

struct Sha256::Context {
  struct Free {
    void operator()(EVP_MD_CTX* ctx) const { EVP_MD_CTX_free(ctx); }
  };
  std::unique_ptr<EVP_MD_CTX, Free> ctx{EVP_MD_CTX_new()};
};

Sha256::Sha256() : context_(std::make_unique<Context>()) {
  if (context_->ctx == nullptr) std::abort();
}

Sha256::~Sha256() = default;

std::string Sha256::Hash(std::initializer_list<std::string_view> parts) {
  EVP_MD_CTX* ctx = context_->ctx.get();
  // These calls fail only on allocation failure or a broken OpenSSL; neither is recoverable here.
  if (EVP_DigestInit_ex(ctx, Sha256Algorithm(), nullptr) != 1) std::abort();
  for (std::string_view part : parts) {
    if (EVP_DigestUpdate(ctx, part.data(), part.size()) != 1) std::abort();
  }
  std::string out(kHashBytes, '\0');
  unsigned int len = 0;
  if (EVP_DigestFinal_ex(ctx, reinterpret_cast<unsigned char*>(out.data()), &len) != 1 ||
      len != kHashBytes) {
    std::abort();
  }
  return out;
}

std::string Sha256::LeafHash(std::string_view bytes) {
  static constexpr char kLeafPrefix[1] = {0x00};
  return Hash({std::string_view(kLeafPrefix, 1), bytes});
}

std::string Sha256::NodeHash(std::string_view left, std::string_view right) {
  static constexpr char kNodePrefix[1] = {0x01};
  return Hash({std::string_view(kNodePrefix, 1), left, right});
}

std::string Sha256::EmptyRoot() { return Hash({}); }

}  // namespace endeavour::eventstore
