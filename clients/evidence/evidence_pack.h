// clients/evidence: evidence packs. A pack (proto/endeavour/v1/evidence.proto, which defines the
// file) is one pupil's events as stored, each with its inclusion proof to a signed tree head, and
// the best-endeavours history rendered from them, so that a tribunal or a local authority can check
// it offline with nothing but the server's public key. This file is the pure part: assembling the
// history of a pack from its events, and verifying a pack. No gRPC, no files; the subcommands
// `evidence-pack`, `verify-pack` and `signed-head` (evidence_commands.cc) do the fetching.
#ifndef ENDEAVOUR_CLIENTS_EVIDENCE_EVIDENCE_PACK_H_
#define ENDEAVOUR_CLIENTS_EVIDENCE_EVIDENCE_PACK_H_

#include <cstdint>
#include <optional>
#include <string>

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"
#include "endeavour/v1/api.pb.h"
#include "endeavour/v1/evidence.pb.h"
#include "services/audit/signing_key.h"

namespace endeavour::evidence {

inline constexpr absl::string_view kPackFormat = "endeavour-evidence-pack-v1";

// Fills the pack's `history` and `history_html` from its events and head, exactly as the verifier
// re-renders them. INVALID_ARGUMENT or DATA_LOSS naming the event that does not fold.
absl::Status RenderPackHistory(v1::EvidencePack& pack);

// What a verified pack showed.
struct PackSummary {
  std::string school;
  std::string pupil_id;
  uint64_t events = 0;
  uint64_t tree_size = 0;
  std::string key_id;
  std::string signed_at;                 // RFC 3339
  std::optional<uint64_t> earlier_size;  // when checked against an earlier head
};

// Checks `pack` offline against `key` (evidence.proto lists the checks, in order), and when
// `earlier` is given its consistency with that earlier head. OK with a summary, or an error
// (DATA_LOSS for a pack that does not check, INVALID_ARGUMENT for one that is malformed) whose
// message names what failed: "event 12 (stream version 12): inclusion proof does not reach the
// signed root ...".
absl::StatusOr<PackSummary> VerifyPack(const v1::EvidencePack& pack, const audit::PublicKey& key,
                                       const v1::SignedTreeHead* earlier = nullptr);

// "VERIFIED: 214 events of pupil adm-20417 of school-1, stream versions 1-214, signed by key
// <id> at tree size 9120 (2026-01-05T10:00:00Z)[; consistent with the earlier head at tree size
// 8000]".
std::string VerdictOf(const PackSummary& summary);

// A file read by verify-pack --earlier: an evidence pack (its head) or a SignedTreeHead.
// INVALID_ARGUMENT if the bytes are neither.
absl::StatusOr<v1::SignedTreeHead> HeadFromFile(absl::string_view bytes);

// A pack file's bytes parsed; INVALID_ARGUMENT if they are not a pack of this format.
absl::StatusOr<v1::EvidencePack> PackFromFile(absl::string_view bytes);

}  // namespace endeavour::evidence

#endif  // ENDEAVOUR_CLIENTS_EVIDENCE_EVIDENCE_PACK_H_
