#include "services/audit/signing_key.h"

#include <openssl/evp.h>
#include <openssl/pem.h>
#include <sys/stat.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <memory>
#include <string>

#include "absl/strings/escaping.h"
#include "eventstore/testing/temp_dir.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"

namespace endeavour::audit {
namespace {

using ::testing::HasSubstr;

mode_t ModeOf(const std::string& path) {
  struct stat info;
  EXPECT_EQ(stat(path.c_str(), &info), 0) << path;
  return info.st_mode & 0777;
}

// The key id worked out independently: SHA-256 of the raw key inside the public PEM.
std::string IndependentKeyId(const std::string& public_pem) {
  std::unique_ptr<BIO, decltype(&BIO_free)> bio(
      BIO_new_mem_buf(public_pem.data(), static_cast<int>(public_pem.size())), BIO_free);
  std::unique_ptr<EVP_PKEY, decltype(&EVP_PKEY_free)> key(
      PEM_read_bio_PUBKEY(bio.get(), nullptr, nullptr, nullptr), EVP_PKEY_free);
  if (key == nullptr) return "";
  unsigned char raw[32];
  size_t size = sizeof(raw);
  EVP_PKEY_get_raw_public_key(key.get(), raw, &size);
  unsigned char digest[32];
  unsigned int digest_size = 0;
  EVP_Digest(raw, size, digest, &digest_size, EVP_sha256(), nullptr);
  return absl::BytesToHexString(absl::string_view(reinterpret_cast<char*>(digest), digest_size));
}

void WriteFile(const std::string& path, const std::string& contents, mode_t mode) {
  std::ofstream(path, std::ios::binary) << contents;
  chmod(path.c_str(), mode);
}

TEST(SigningKeyTest, FirstUseCreatesAPrivateKeyFileThatLoadsAsTheSameKey) {
  testing::TempDir dir("signing_key");
  const std::string path = dir.path() + "/signing-key.pem";
  absl::StatusOr<SigningKey> created = SigningKey::LoadOrCreate(path);
  ASSERT_TRUE(created.ok()) << created.status();
  EXPECT_EQ(ModeOf(path), 0600u);
  std::ifstream in(path);
  std::string first_line;
  std::getline(in, first_line);
  EXPECT_EQ(first_line, "-----BEGIN PRIVATE KEY-----");  // PKCS#8

  absl::StatusOr<SigningKey> again = SigningKey::LoadOrCreate(path);
  ASSERT_TRUE(again.ok()) << again.status();
  EXPECT_EQ(again->key_id(), created->key_id());
  absl::StatusOr<SigningKey> loaded = SigningKey::Load(path);
  ASSERT_TRUE(loaded.ok()) << loaded.status();
  EXPECT_EQ(loaded->public_key().pem(), created->public_key().pem());
  // Nothing but the key is left behind.
  EXPECT_EQ(std::distance(std::filesystem::directory_iterator(dir.path()),
                          std::filesystem::directory_iterator()),
            1);
}

TEST(SigningKeyTest, KeyIdIsTheHexSha256OfTheRawPublicKey) {
  absl::StatusOr<SigningKey> key = SigningKey::Generate();
  ASSERT_TRUE(key.ok()) << key.status();
  EXPECT_EQ(key->key_id().size(), 64u);
  EXPECT_EQ(key->key_id(), IndependentKeyId(key->public_key().pem()));
  EXPECT_THAT(key->public_key().pem(), HasSubstr("-----BEGIN PUBLIC KEY-----"));
}

TEST(SigningKeyTest, LoadOfAMissingKeyIsNotFoundAndCreatesNothing) {
  testing::TempDir dir("signing_key");
  const std::string path = dir.path() + "/signing-key.pem";
  EXPECT_EQ(SigningKey::Load(path).status().code(), absl::StatusCode::kNotFound);
  EXPECT_FALSE(std::filesystem::exists(path));
}

TEST(SigningKeyTest, AKeyOthersCanReadIsRefusedSayingSo) {
  testing::TempDir dir("signing_key");
  const std::string path = dir.path() + "/signing-key.pem";
  ASSERT_TRUE(SigningKey::LoadOrCreate(path).ok());
  for (mode_t mode : {0640, 0604, 0620, 0644}) {
    chmod(path.c_str(), mode);
    absl::Status status = SigningKey::LoadOrCreate(path).status();
    EXPECT_EQ(status.code(), absl::StatusCode::kFailedPrecondition) << std::oct << mode;
    EXPECT_THAT(std::string(status.message()), HasSubstr("group or others")) << status;
    EXPECT_THAT(std::string(status.message()), HasSubstr("0600")) << status;
  }
}

TEST(SigningKeyTest, AKeyOwnedBySomeoneElseIsRefused) {
  if (geteuid() != 0) GTEST_SKIP() << "only root can give a file to another user";
  testing::TempDir dir("signing_key");
  const std::string path = dir.path() + "/signing-key.pem";
  ASSERT_TRUE(SigningKey::LoadOrCreate(path).ok());
  ASSERT_EQ(chown(path.c_str(), 4242, 4242), 0);
  absl::Status status = SigningKey::Load(path).status();
  EXPECT_EQ(status.code(), absl::StatusCode::kFailedPrecondition);
  EXPECT_THAT(std::string(status.message()), HasSubstr("owned by uid 4242"));
}

TEST(SigningKeyTest, AnythingButAnEd25519PrivateKeyIsRefused) {
  testing::TempDir dir("signing_key");
  const std::string path = dir.path() + "/key.pem";
  WriteFile(path, "not a key\n", 0600);
  EXPECT_EQ(SigningKey::Load(path).status().code(), absl::StatusCode::kInvalidArgument);

  std::unique_ptr<EVP_PKEY, decltype(&EVP_PKEY_free)> ec(
      EVP_PKEY_Q_keygen(nullptr, nullptr, "EC", "P-256"), EVP_PKEY_free);
  ASSERT_NE(ec, nullptr);
  std::unique_ptr<BIO, decltype(&BIO_free)> bio(BIO_new(BIO_s_mem()), BIO_free);
  PEM_write_bio_PrivateKey(bio.get(), ec.get(), nullptr, nullptr, 0, nullptr, nullptr);
  char* data = nullptr;
  const long size = BIO_get_mem_data(bio.get(), &data);
  WriteFile(path, std::string(data, size), 0600);
  absl::Status status = SigningKey::Load(path).status();
  EXPECT_EQ(status.code(), absl::StatusCode::kInvalidArgument);
  EXPECT_THAT(std::string(status.message()), HasSubstr("Ed25519"));
}

TEST(SigningKeyTest, SignaturesVerifyWithThisKeyOnly) {
  absl::StatusOr<SigningKey> key = SigningKey::Generate();
  absl::StatusOr<SigningKey> other = SigningKey::Generate();
  ASSERT_TRUE(key.ok() && other.ok());
  absl::StatusOr<std::string> signature = key->Sign("the message");
  ASSERT_TRUE(signature.ok()) << signature.status();
  EXPECT_EQ(signature->size(), 64u);
  EXPECT_TRUE(key->public_key().Verify("the message", *signature).ok());
  EXPECT_FALSE(key->public_key().Verify("the messagf", *signature).ok());
  EXPECT_FALSE(other->public_key().Verify("the message", *signature).ok());
  EXPECT_FALSE(key->public_key().Verify("the message", signature->substr(1)).ok());

  absl::StatusOr<PublicKey> from_pem = PublicKey::FromPem(key->public_key().pem());
  ASSERT_TRUE(from_pem.ok()) << from_pem.status();
  EXPECT_EQ(from_pem->key_id(), key->key_id());
  EXPECT_TRUE(from_pem->Verify("the message", *signature).ok());
  EXPECT_EQ(PublicKey::FromPem("-----BEGIN PUBLIC KEY-----\nAAAA\n-----END PUBLIC KEY-----\n")
                .status()
                .code(),
            absl::StatusCode::kInvalidArgument);
}

}  // namespace
}  // namespace endeavour::audit
