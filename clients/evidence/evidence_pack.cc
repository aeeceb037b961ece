#include "clients/evidence/evidence_pack.h"

#include <string>
#include <utility>
#include <vector>

#include "absl/strings/escaping.h"
#include "absl/strings/str_cat.h"
#include "absl/time/time.h"
#include "clients/report/report.h"
#include "eventstore/merkle_proofs.h"
#include "google/protobuf/util/message_differencer.h"
#include "projections/best_endeavours_history.h"
#include "projections/pupil_file.h"
#include "services/audit/signed_tree_head.h"

namespace endeavour::evidence {
namespace {

absl::Time TimeOf(const v1::SignedTreeHead& head) {
  return absl::FromUnixSeconds(head.timestamp().seconds()) +
         absl::Nanoseconds(head.timestamp().nanos());
}

std::string StreamIdOf(const v1::EvidencePack& pack) {
  return absl::StrCat("pupil/", pack.school(), "/", pack.pupil_id());
}

// "event 12 (stream version 12)" when the envelope parsed, else "event 12 (position 340)".
std::string EventName(size_t index, const v1::EventEnvelope* envelope, uint64_t position) {
  if (envelope != nullptr && envelope->stream_version() > 0) {
    return absl::StrCat("event ", index + 1, " (stream version ", envelope->stream_version(), ")");
  }
  return absl::StrCat("event ", index + 1, " (position ", position, ")");
}

absl::Status Failed(absl::string_view what) { return absl::DataLossError(what); }

absl::StatusOr<std::vector<v1::EventEnvelope>> ParseEvents(const v1::EvidencePack& pack) {
  std::vector<v1::EventEnvelope> envelopes(pack.events_size());
  for (int i = 0; i < pack.events_size(); ++i) {
    if (!envelopes[i].ParseFromString(pack.events(i).event())) {
      return Failed(absl::StrCat(EventName(i, nullptr, pack.events(i).position()),
                                 ": the stored bytes do not parse as an event envelope"));
    }
  }
  return envelopes;
}

absl::Status CheckHead(const v1::EvidencePack& pack, const audit::PublicKey& key) {
  if (pack.key_id() != key.key_id() || pack.head().key_id() != key.key_id()) {
    return Failed(absl::StrCat("signed head: signed by key ", pack.head().key_id(),
                               " (the pack names ", pack.key_id(), "), not by the given key ",
                               key.key_id()));
  }
  if (absl::Status verified = audit::VerifyTreeHead(pack.head(), key); !verified.ok()) {
    return Failed(absl::StrCat("signed head: ", verified.message()));
  }
  return absl::OkStatus();
}

absl::Status CheckEvents(const v1::EvidencePack& pack,
                         const std::vector<v1::EventEnvelope>& envelopes) {
  const v1::SignedTreeHead& head = pack.head();
  const std::string stream_id = StreamIdOf(pack);
  uint64_t previous_position = 0;
  for (size_t i = 0; i < envelopes.size(); ++i) {
    const v1::ProvenEvent& event = pack.events(i);
    const v1::EventEnvelope& envelope = envelopes[i];
    const std::string name = EventName(i, &envelope, event.position());
    const std::vector<std::string> path(event.audit_path().begin(), event.audit_path().end());
    if (absl::Status included =
            eventstore::VerifyInclusion(eventstore::LeafHash(event.event()), event.position(),
                                        head.tree_size(), path, head.root_hash());
        !included.ok()) {
      return Failed(absl::StrCat(name, ": inclusion proof does not reach the signed root (",
                                 included.message(), ")"));
    }
    if (envelope.position() != event.position()) {
      return Failed(absl::StrCat(name, ": the envelope says position ", envelope.position(),
                                 " but is proven at position ", event.position()));
    }
    if (envelope.stream_id() != stream_id || envelope.tenant() != pack.school()) {
      return Failed(absl::StrCat(name, ": belongs to stream ", envelope.stream_id(), " of ",
                                 envelope.tenant(), ", not to the pack's pupil ", stream_id));
    }
    if (envelope.stream_version() != i + 1) {
      return Failed(absl::StrCat(name, ": stream version ", envelope.stream_version(), " where ",
                                 i + 1, " was expected: an event is missing or out of order"));
    }
    if (event.position() <= previous_position) {
      return Failed(absl::StrCat(name, ": position ", event.position(), " is not after ",
                                 previous_position, ": the events are out of log order"));
    }
    previous_position = event.position();
  }
  return absl::OkStatus();
}

absl::Status CheckEarlier(const v1::EvidencePack& pack, const audit::PublicKey& key,
                          const v1::SignedTreeHead& earlier) {
  if (absl::Status verified = audit::VerifyTreeHead(earlier, key); !verified.ok()) {
    return Failed(absl::StrCat("earlier head: ", verified.message()));
  }
  const v1::SignedTreeHead& head = pack.head();
  if (earlier.tree_size() > head.tree_size()) {
    return Failed(absl::StrCat("earlier head: tree size ", earlier.tree_size(),
                               " is larger than the pack's ", head.tree_size(),
                               "; give the older of the two as --earlier"));
  }
  if (earlier.tree_size() == head.tree_size()) {
    if (earlier.root_hash() != head.root_hash()) {
      return Failed(absl::StrCat("earlier head: the same tree size ", head.tree_size(),
                                 " with another root: the log was rewritten"));
    }
    return absl::OkStatus();
  }
  if (pack.earlier_head().tree_size() != earlier.tree_size()) {
    return Failed(absl::StrCat(
        "earlier head: the pack carries no consistency proof from tree size ", earlier.tree_size(),
        pack.earlier_head().tree_size() == 0
            ? std::string()
            : absl::StrCat(" (only from ", pack.earlier_head().tree_size(), ")"),
        "; make it with evidence-pack --earlier naming that head"));
  }
  const std::vector<std::string> proof(pack.consistency_proof().begin(),
                                       pack.consistency_proof().end());
  // The earlier root is the verifier's own, from its file, never the pack's copy.
  if (absl::Status consistent = eventstore::VerifyConsistency(
          earlier.tree_size(), earlier.root_hash(), head.tree_size(), head.root_hash(), proof);
      !consistent.ok()) {
    return Failed(absl::StrCat("consistency: the log at tree size ", head.tree_size(),
                               " does not extend the earlier head at tree size ",
                               earlier.tree_size(), ": it was rewritten (", consistent.message(),
                               ")"));
  }
  return absl::OkStatus();
}

absl::StatusOr<v1::BestEndeavoursHistory> HistoryOf(
    const std::vector<v1::EventEnvelope>& envelopes) {
  projections::PupilFile file;
  for (size_t i = 0; i < envelopes.size(); ++i) {
    if (absl::Status applied = file.Apply(envelopes[i]); !applied.ok()) {
      return absl::Status(applied.code(), absl::StrCat(EventName(i, &envelopes[i], 0),
                                                       ": does not fold: ", applied.message()));
    }
  }
  return projections::RenderHistory(file);
}

std::string HtmlOf(const v1::EvidencePack& pack, const v1::BestEndeavoursHistory& history) {
  report::Provenance provenance;
  provenance.as_of = absl::StrCat("the signed tree head of size ", pack.head().tree_size());
  provenance.tree_size = pack.head().tree_size();
  provenance.root_hash = pack.head().root_hash();
  provenance.made_at = TimeOf(pack.head());
  return report::RenderHistoryReport(history, provenance, report::DocumentFormat::kHtml);
}

}  // namespace

absl::Status RenderPackHistory(v1::EvidencePack& pack) {
  absl::StatusOr<std::vector<v1::EventEnvelope>> envelopes = ParseEvents(pack);
  if (!envelopes.ok()) return envelopes.status();
  absl::StatusOr<v1::BestEndeavoursHistory> history = HistoryOf(*envelopes);
  if (!history.ok()) return history.status();
  *pack.mutable_history() = *std::move(history);
  pack.set_history_html(HtmlOf(pack, pack.history()));
  return absl::OkStatus();
}

absl::StatusOr<PackSummary> VerifyPack(const v1::EvidencePack& pack, const audit::PublicKey& key,
                                       const v1::SignedTreeHead* earlier) {
  if (pack.format() != kPackFormat) {
    return absl::InvalidArgumentError(absl::StrCat("format: \"", pack.format(),
                                                   "\" is not an evidence pack (expected \"",
                                                   std::string(kPackFormat), "\")"));
  }
  if (absl::Status head = CheckHead(pack, key); !head.ok()) return head;
  if (pack.events_size() == 0) return Failed("events: the pack holds no event");
  absl::StatusOr<std::vector<v1::EventEnvelope>> envelopes = ParseEvents(pack);
  if (!envelopes.ok()) return envelopes.status();
  if (absl::Status events = CheckEvents(pack, *envelopes); !events.ok()) return events;
  absl::StatusOr<v1::BestEndeavoursHistory> history = HistoryOf(*envelopes);
  if (!history.ok()) return Failed(history.status().message());
  std::string difference;
  google::protobuf::util::MessageDifferencer differencer;
  differencer.ReportDifferencesToString(&difference);
  if (!differencer.Compare(*history, pack.history())) {
    if (difference.size() > 300) difference = difference.substr(0, 300) + "...";
    return Failed(absl::StrCat(
        "history: differs from the history rendered from the pack's events: ", difference));
  }
  if (HtmlOf(pack, *history) != pack.history_html()) {
    return Failed("history HTML: differs from the HTML rendered from the pack's events");
  }
  if (earlier != nullptr) {
    if (absl::Status consistent = CheckEarlier(pack, key, *earlier); !consistent.ok()) {
      return consistent;
    }
  }
  PackSummary summary;
  summary.school = pack.school();
  summary.pupil_id = pack.pupil_id();
  summary.events = pack.events_size();
  summary.tree_size = pack.head().tree_size();
  summary.key_id = key.key_id();
  summary.signed_at =
      absl::FormatTime(absl::RFC3339_full, TimeOf(pack.head()), absl::UTCTimeZone());
  if (earlier != nullptr) summary.earlier_size = earlier->tree_size();
  return summary;
}

std::string VerdictOf(const PackSummary& summary) {
  std::string verdict = absl::StrCat(
      "VERIFIED: ", summary.events, " events of pupil ", summary.pupil_id, " of ", summary.school,
      ", stream versions 1-", summary.events, ", signed by key ", summary.key_id, " at tree size ",
      summary.tree_size, " (", summary.signed_at, ")");
  if (summary.earlier_size.has_value()) {
    absl::StrAppend(&verdict, "; consistent with the earlier head at tree size ",
                    *summary.earlier_size);
  }
  return verdict;
}

absl::StatusOr<v1::EvidencePack> PackFromFile(absl::string_view bytes) {
  v1::EvidencePack pack;
  if (!pack.ParseFromArray(bytes.data(), static_cast<int>(bytes.size())) ||
      pack.format() != kPackFormat) {
    return absl::InvalidArgumentError(
        absl::StrCat("not an evidence pack (", std::string(kPackFormat), ")"));
  }
  return pack;
}

absl::StatusOr<v1::SignedTreeHead> HeadFromFile(absl::string_view bytes) {
  if (absl::StatusOr<v1::EvidencePack> pack = PackFromFile(bytes); pack.ok()) {
    return pack->head();
  }
  v1::SignedTreeHead head;
  if (!head.ParseFromArray(bytes.data(), static_cast<int>(bytes.size())) || head.tree_size() == 0 ||
      head.root_hash().size() != 32 || head.signature().empty()) {
    return absl::InvalidArgumentError("neither an evidence pack nor a signed tree head");
  }
  return head;
}

}  // namespace endeavour::evidence
