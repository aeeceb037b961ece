#include "services/audit/signing_key.h"

#include <fcntl.h>
#include <openssl/bio.h>
#include <openssl/evp.h>
#include <openssl/pem.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <fstream>
#include <sstream>

#include "absl/strings/escaping.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_format.h"

namespace endeavour::audit {
namespace {

struct BioFree {
  void operator()(BIO* bio) const { BIO_free(bio); }
};
using BioPtr = std::unique_ptr<BIO, BioFree>;

struct MdCtxFree {
  void operator()(EVP_MD_CTX* ctx) const { EVP_MD_CTX_free(ctx); }
};
using MdCtxPtr = std::unique_ptr<EVP_MD_CTX, MdCtxFree>;

constexpr size_t kRawKeyBytes = 32;
constexpr size_t kSignatureBytes = 64;

std::string BioContents(BIO* bio) {
  char* data = nullptr;
  const long size = BIO_get_mem_data(bio, &data);
  return size > 0 ? std::string(data, static_cast<size_t>(size)) : std::string();
}

absl::StatusOr<std::string> RawPublicKey(EVP_PKEY* key) {
  unsigned char raw[kRawKeyBytes];
  size_t size = sizeof(raw);
  if (EVP_PKEY_get_raw_public_key(key, raw, &size) != 1 || size != kRawKeyBytes) {
    return absl::InternalError("signing key: cannot read the raw Ed25519 public key");
  }
  return std::string(reinterpret_cast<char*>(raw), size);
}

absl::StatusOr<std::string> PublicPem(EVP_PKEY* key) {
  BioPtr bio(BIO_new(BIO_s_mem()));
  if (bio == nullptr || PEM_write_bio_PUBKEY(bio.get(), key) != 1) {
    return absl::InternalError("signing key: cannot write the public key as PEM");
  }
  return BioContents(bio.get());
}

std::string Errno(const std::string& path, const char* what) {
  return absl::StrCat("signing key ", path, ": ", what, ": ", std::strerror(errno));
}

// The checks that keep a private key private: refused rather than used if anyone else could
// read it or swap it.
absl::Status CheckPrivate(const std::string& path) {
  struct stat info;
  if (stat(path.c_str(), &info) != 0) {
    if (errno == ENOENT)
      return absl::NotFoundError(absl::StrCat("signing key ", path, ": no such file"));
    return absl::FailedPreconditionError(Errno(path, "cannot stat"));
  }
  if (!S_ISREG(info.st_mode)) {
    return absl::FailedPreconditionError(
        absl::StrCat("signing key ", path, ": not a regular file"));
  }
  if ((info.st_mode & 077) != 0) {
    return absl::FailedPreconditionError(absl::StrFormat(
        "signing key %s: mode %04o lets group or others at it; it must be 0600 (chmod 600 %s)",
        path, info.st_mode & 0777, path));
  }
  if (info.st_uid != geteuid()) {
    return absl::FailedPreconditionError(absl::StrCat("signing key ", path, ": owned by uid ",
                                                      info.st_uid, ", not by this user (uid ",
                                                      geteuid(), ")"));
  }
  return absl::OkStatus();
}

absl::Status WriteAll(int fd, const std::string& bytes) {
  size_t done = 0;
  while (done < bytes.size()) {
    const ssize_t n = write(fd, bytes.data() + done, bytes.size() - done);
    if (n < 0 && errno == EINTR) continue;
    if (n <= 0) return absl::UnavailableError(std::strerror(errno));
    done += static_cast<size_t>(n);
  }
  return absl::OkStatus();
}

absl::Status SyncFolderOf(const std::string& path) {
  const size_t slash = path.rfind('/');
  const std::string folder = slash == std::string::npos ? "." : path.substr(0, slash + 1);
  const int fd = open(folder.c_str(), O_RDONLY | O_DIRECTORY);
  if (fd < 0) return absl::UnavailableError(Errno(folder, "cannot open its folder"));
  const int synced = fsync(fd);
  close(fd);
  if (synced != 0) return absl::UnavailableError(Errno(folder, "cannot sync its folder"));
  return absl::OkStatus();
}

}  // namespace

void PkeyFree::operator()(EVP_PKEY* key) const { EVP_PKEY_free(key); }

std::string KeyIdOf(absl::string_view raw_public_key) {
  unsigned char digest[32];
  unsigned int size = 0;
  EVP_Digest(raw_public_key.data(), raw_public_key.size(), digest, &size, EVP_sha256(), nullptr);
  return absl::BytesToHexString(absl::string_view(reinterpret_cast<char*>(digest), size));
}

PublicKey::PublicKey(PkeyPtr key, std::string key_id, std::string pem)
    : key_(std::move(key)), key_id_(std::move(key_id)), pem_(std::move(pem)) {}

absl::StatusOr<PublicKey> PublicKey::FromPem(absl::string_view pem) {
  BioPtr bio(BIO_new_mem_buf(pem.data(), static_cast<int>(pem.size())));
  PkeyPtr key(bio == nullptr ? nullptr : PEM_read_bio_PUBKEY(bio.get(), nullptr, nullptr, nullptr));
  if (key == nullptr || EVP_PKEY_id(key.get()) != EVP_PKEY_ED25519) {
    return absl::InvalidArgumentError("public key: not an Ed25519 public key in PEM");
  }
  absl::StatusOr<std::string> raw = RawPublicKey(key.get());
  if (!raw.ok()) return raw.status();
  absl::StatusOr<std::string> normal = PublicPem(key.get());
  if (!normal.ok()) return normal.status();
  return PublicKey(std::move(key), KeyIdOf(*raw), *std::move(normal));
}

absl::Status PublicKey::Verify(absl::string_view message, absl::string_view signature) const {
  if (signature.size() != kSignatureBytes) {
    return absl::InvalidArgumentError(
        absl::StrCat("signature: ", signature.size(), " bytes; an Ed25519 signature has 64"));
  }
  MdCtxPtr ctx(EVP_MD_CTX_new());
  if (ctx == nullptr ||
      EVP_DigestVerifyInit(ctx.get(), nullptr, nullptr, nullptr, key_.get()) != 1) {
    return absl::InternalError("signature: cannot start an Ed25519 verification");
  }
  if (EVP_DigestVerify(ctx.get(), reinterpret_cast<const unsigned char*>(signature.data()),
                       signature.size(), reinterpret_cast<const unsigned char*>(message.data()),
                       message.size()) != 1) {
    return absl::InvalidArgumentError(
        absl::StrCat("signature: does not verify with key ", key_id_));
  }
  return absl::OkStatus();
}

absl::StatusOr<SigningKey> SigningKey::FromPkey(PkeyPtr key) {
  if (key == nullptr || EVP_PKEY_id(key.get()) != EVP_PKEY_ED25519) {
    return absl::InvalidArgumentError("signing key: not an Ed25519 private key");
  }
  absl::StatusOr<std::string> pem = PublicPem(key.get());
  if (!pem.ok()) return pem.status();
  absl::StatusOr<PublicKey> public_key = PublicKey::FromPem(*pem);
  if (!public_key.ok()) return public_key.status();
  return SigningKey(std::shared_ptr<EVP_PKEY>(key.release(), PkeyFree()), *std::move(public_key));
}

absl::StatusOr<SigningKey> SigningKey::Generate() {
  PkeyPtr key(EVP_PKEY_Q_keygen(nullptr, nullptr, "ED25519"));
  if (key == nullptr) return absl::InternalError("signing key: Ed25519 key generation failed");
  return FromPkey(std::move(key));
}

absl::StatusOr<SigningKey> SigningKey::Load(const std::string& path) {
  if (absl::Status private_enough = CheckPrivate(path); !private_enough.ok()) {
    return private_enough;
  }
  std::ifstream in(path, std::ios::binary);
  std::stringstream contents;
  contents << in.rdbuf();
  if (!in) return absl::FailedPreconditionError(Errno(path, "cannot read"));
  const std::string pem = contents.str();
  BioPtr bio(BIO_new_mem_buf(pem.data(), static_cast<int>(pem.size())));
  PkeyPtr key(bio == nullptr ? nullptr
                             : PEM_read_bio_PrivateKey(bio.get(), nullptr, nullptr, nullptr));
  absl::StatusOr<SigningKey> loaded = FromPkey(std::move(key));
  if (!loaded.ok()) {
    return absl::InvalidArgumentError(
        absl::StrCat("signing key ", path, ": not an Ed25519 private key in PEM"));
  }
  return loaded;
}

absl::StatusOr<std::string> SigningKey::PrivatePem() const {
  BioPtr bio(BIO_new(BIO_s_mem()));
  if (bio == nullptr ||
      PEM_write_bio_PrivateKey(bio.get(), key_.get(), nullptr, nullptr, 0, nullptr, nullptr) != 1) {
    return absl::InternalError("signing key: cannot write the private key as PEM");
  }
  return BioContents(bio.get());
}

absl::StatusOr<SigningKey> SigningKey::LoadOrCreate(const std::string& path) {
  absl::StatusOr<SigningKey> existing = Load(path);
  if (existing.ok() || !absl::IsNotFound(existing.status())) return existing;
  absl::StatusOr<SigningKey> key = Generate();
  if (!key.ok()) return key.status();
  absl::StatusOr<std::string> pem = key->PrivatePem();
  if (!pem.ok()) return pem.status();
  // Written whole under a temporary name, then linked into place: link fails rather than
  // replacing a key another process created meanwhile.
  const std::string temporary = absl::StrCat(path, ".new-", getpid());
  unlink(temporary.c_str());
  const int fd = open(temporary.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0600);
  if (fd < 0) return absl::UnavailableError(Errno(temporary, "cannot create"));
  absl::Status written = WriteAll(fd, *pem);
  if (written.ok() && fsync(fd) != 0) written = absl::UnavailableError(std::strerror(errno));
  close(fd);
  if (written.ok() && link(temporary.c_str(), path.c_str()) != 0) {
    written = absl::UnavailableError(Errno(path, "cannot create"));
  }
  unlink(temporary.c_str());
  if (!written.ok()) {
    return absl::Status(written.code(),
                        absl::StrCat("signing key ", path, ": ", written.message()));
  }
  if (absl::Status synced = SyncFolderOf(path); !synced.ok()) return synced;
  return Load(path);
}

absl::StatusOr<std::string> SigningKey::Sign(absl::string_view message) const {
  MdCtxPtr ctx(EVP_MD_CTX_new());
  if (ctx == nullptr || EVP_DigestSignInit(ctx.get(), nullptr, nullptr, nullptr, key_.get()) != 1) {
    return absl::InternalError("signing key: cannot start an Ed25519 signature");
  }
  unsigned char signature[kSignatureBytes];
  size_t size = sizeof(signature);
  if (EVP_DigestSign(ctx.get(), signature, &size,
                     reinterpret_cast<const unsigned char*>(message.data()), message.size()) != 1 ||
      size != kSignatureBytes) {
    return absl::InternalError("signing key: Ed25519 signing failed");
  }
  return std::string(reinterpret_cast<char*>(signature), size);
}

}  // namespace endeavour::audit
