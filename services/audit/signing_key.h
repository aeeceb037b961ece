// The server's Ed25519 key (OpenSSL EVP), which signs tree heads, and the public half a verifier
// needs. The private key lives in a PKCS#8 PEM file that only the server's user may read: by
// default DATA/signing-key.pem, created with mode 0600 on first start.
#ifndef ENDEAVOUR_SERVICES_AUDIT_SIGNING_KEY_H_
#define ENDEAVOUR_SERVICES_AUDIT_SIGNING_KEY_H_

#include <memory>
#include <string>

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"

typedef struct evp_pkey_st EVP_PKEY;

namespace endeavour::audit {

struct PkeyFree {
  void operator()(EVP_PKEY* key) const;
};
using PkeyPtr = std::unique_ptr<EVP_PKEY, PkeyFree>;

// Lowercase hex SHA-256 of a raw 32-byte Ed25519 public key: how heads name their key.
std::string KeyIdOf(absl::string_view raw_public_key);

// The public half: checks signatures. Thread-safe.
class PublicKey {
 public:
  // From SubjectPublicKeyInfo PEM ("BEGIN PUBLIC KEY"). INVALID_ARGUMENT unless it is Ed25519.
  static absl::StatusOr<PublicKey> FromPem(absl::string_view pem);

  const std::string& key_id() const { return key_id_; }
  const std::string& pem() const { return pem_; }

  // OK when `signature` is this key's Ed25519 signature of `message`; INVALID_ARGUMENT otherwise.
  absl::Status Verify(absl::string_view message, absl::string_view signature) const;

 private:
  PublicKey(PkeyPtr key, std::string key_id, std::string pem);

  std::shared_ptr<EVP_PKEY> key_;
  std::string key_id_;
  std::string pem_;
};

// The private key. Thread-safe: each Sign uses its own context.
class SigningKey {
 public:
  // Reads the key at `path`. NOT_FOUND if there is none. FAILED_PRECONDITION, saying so, if the
  // file is not a regular file, is readable or writable by group or others, or is owned by
  // another user; INVALID_ARGUMENT if it is not an Ed25519 private key.
  static absl::StatusOr<SigningKey> Load(const std::string& path);

  // Load, or when `path` does not exist, a new key written there (mode 0600, complete and
  // synced before it appears under its name, so a crash never leaves half a key).
  static absl::StatusOr<SigningKey> LoadOrCreate(const std::string& path);

  // A new key in memory only, for tests.
  static absl::StatusOr<SigningKey> Generate();

  const PublicKey& public_key() const { return public_key_; }
  const std::string& key_id() const { return public_key_.key_id(); }

  // The 64-byte Ed25519 signature of `message`.
  absl::StatusOr<std::string> Sign(absl::string_view message) const;

  // PKCS#8 PEM of the private key.
  absl::StatusOr<std::string> PrivatePem() const;

 private:
  SigningKey(std::shared_ptr<EVP_PKEY> key, PublicKey public_key)
      : key_(std::move(key)), public_key_(std::move(public_key)) {}
  static absl::StatusOr<SigningKey> FromPkey(PkeyPtr key);

  std::shared_ptr<EVP_PKEY> key_;
  PublicKey public_key_;
};

}  // namespace endeavour::audit

#endif  // ENDEAVOUR_SERVICES_AUDIT_SIGNING_KEY_H_
