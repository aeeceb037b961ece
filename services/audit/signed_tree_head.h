// services/audit: what makes the Merkle log's promises checkable by someone who does not trust
// the server. The server's Ed25519 key (signing_key.h) signs tree heads (this file): "the first
// tree_size events have this RFC 6962 root, as of this time". Every head signed is kept for good
// (signed_tree_head_log.h), and a TreeHeadSigner (tree_head_signer.h) signs at an interval and on
// demand. With a head and the public key, anyone can check an inclusion or consistency proof
// (eventstore/merkle_proofs.h) offline. Pure C++ and OpenSSL: no gRPC here.
//
// The signed bytes, version 1 (SignedBytes below; a change of layout is a new version prefix):
//
//   offset  size  field
//        0    16  ASCII "endeavour-sth-v1"
//       16     8  tree_size, big-endian
//       24    32  root_hash (raw SHA-256)
//       56     8  timestamp seconds since the Unix epoch, big-endian two's complement
//       64     4  timestamp nanos (0..999999999), big-endian
//       68    64  key_id: lowercase hex SHA-256 of the raw 32-byte Ed25519 public key, ASCII
//      132        end
//
// The signature is Ed25519 (pure, RFC 8032) over exactly those 132 bytes.
#ifndef ENDEAVOUR_SERVICES_AUDIT_SIGNED_TREE_HEAD_H_
#define ENDEAVOUR_SERVICES_AUDIT_SIGNED_TREE_HEAD_H_

#include <cstdint>
#include <string>

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"
#include "absl/time/time.h"
#include "endeavour/v1/api.pb.h"
#include "services/audit/signing_key.h"

namespace endeavour::audit {

inline constexpr absl::string_view kSignedTreeHeadPrefix = "endeavour-sth-v1";
inline constexpr size_t kSignedTreeHeadBytes = 132;

// The bytes a head's signature covers (the layout above), from every field but `signature`.
// INVALID_ARGUMENT naming the field if the root is not 32 bytes, the key id is not 64 lowercase
// hex characters, or the nanos are out of range.
absl::StatusOr<std::string> SignedBytes(const v1::SignedTreeHead& head);

// A head for the tree of `tree_size` events with root `root_hash`, stamped `timestamp` and signed
// with `key`.
absl::StatusOr<v1::SignedTreeHead> SignTreeHead(uint64_t tree_size, absl::string_view root_hash,
                                                absl::Time timestamp, const SigningKey& key);

// OK when `head` was signed by `key` exactly as it stands. INVALID_ARGUMENT saying what is wrong
// otherwise: another key's id, a malformed field, or a signature that does not verify.
absl::Status VerifyTreeHead(const v1::SignedTreeHead& head, const PublicKey& key);

}  // namespace endeavour::audit

#endif  // ENDEAVOUR_SERVICES_AUDIT_SIGNED_TREE_HEAD_H_
