#include "services/audit/signed_tree_head.h"

#include "absl/strings/str_cat.h"

namespace endeavour::audit {
namespace {

void PutBigEndian(uint64_t value, int bytes, std::string* out) {
  for (int shift = 8 * (bytes - 1); shift >= 0; shift -= 8) {
    out->push_back(static_cast<char>((value >> shift) & 0xff));
  }
}

bool IsLowerHex(absl::string_view text) {
  for (char c : text) {
    if (!((c >= '0' && c <= '9') || (c >= 'a' && c <= 'f'))) return false;
  }
  return true;
}

}  // namespace

absl::StatusOr<std::string> SignedBytes(const v1::SignedTreeHead& head) {
  if (head.root_hash().size() != 32) {
    return absl::InvalidArgumentError(
        absl::StrCat("root_hash: ", head.root_hash().size(), " bytes; a SHA-256 root has 32"));
  }
  if (head.key_id().size() != 64 || !IsLowerHex(head.key_id())) {
    return absl::InvalidArgumentError(
        "key_id: must be 64 lowercase hex characters (the SHA-256 of the public key)");
  }
  if (head.timestamp().nanos() < 0 || head.timestamp().nanos() > 999999999) {
    return absl::InvalidArgumentError(
        absl::StrCat("timestamp.nanos: ", head.timestamp().nanos(), " is not in 0..999999999"));
  }
  std::string out(kSignedTreeHeadPrefix);
  out.reserve(kSignedTreeHeadBytes);
  PutBigEndian(head.tree_size(), 8, &out);
  out.append(head.root_hash());
  PutBigEndian(static_cast<uint64_t>(head.timestamp().seconds()), 8, &out);
  PutBigEndian(static_cast<uint32_t>(head.timestamp().nanos()), 4, &out);
  out.append(head.key_id());
  return out;
}

absl::StatusOr<v1::SignedTreeHead> SignTreeHead(uint64_t tree_size, absl::string_view root_hash,
                                                absl::Time timestamp, const SigningKey& key) {
  v1::SignedTreeHead head;
  head.set_tree_size(tree_size);
  head.set_root_hash(std::string(root_hash));
  const int64_t nanos = absl::ToUnixNanos(timestamp);
  int64_t seconds = nanos / 1000000000;
  int64_t remainder = nanos % 1000000000;
  if (remainder < 0) {
    remainder += 1000000000;
    --seconds;
  }
  head.mutable_timestamp()->set_seconds(seconds);
  head.mutable_timestamp()->set_nanos(static_cast<int32_t>(remainder));
  head.set_key_id(key.key_id());
  absl::StatusOr<std::string> bytes = SignedBytes(head);
  if (!bytes.ok()) return bytes.status();
  absl::StatusOr<std::string> signature = key.Sign(*bytes);
  if (!signature.ok()) return signature.status();
  head.set_signature(*std::move(signature));
  return head;
}

absl::Status VerifyTreeHead(const v1::SignedTreeHead& head, const PublicKey& key) {
  if (head.key_id() != key.key_id()) {
    return absl::InvalidArgumentError(absl::StrCat("key_id: the head names key \"", head.key_id(),
                                                   "\", not this key (", key.key_id(), ")"));
  }
  absl::StatusOr<std::string> bytes = SignedBytes(head);
  if (!bytes.ok()) return bytes.status();
  if (absl::Status verified = key.Verify(*bytes, head.signature()); !verified.ok()) {
    return absl::InvalidArgumentError(
        absl::StrCat("signed tree head of size ", head.tree_size(), ": ", verified.message()));
  }
  return absl::OkStatus();
}

}  // namespace endeavour::audit
