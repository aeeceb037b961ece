// `endeavour evidence-pack`, `verify-pack` and `signed-head`: making a pupil's evidence pack,
// checking one offline, and keeping a signed tree head to check later packs against.
#include <cstdio>
#include <optional>
#include <string>

#include "absl/strings/str_cat.h"
#include "clients/cli/cli.h"
#include "clients/cli/input_file.h"
#include "clients/cli/local_failure.h"
#include "clients/evidence/evidence_pack.h"
#include "clients/evidence/pack_maker.h"
#include "clients/report/report_file.h"
#include "endeavour/v1/api.grpc.pb.h"

namespace endeavour::cli {
namespace {

constexpr char kSchoolHelp[] =
    "A school granted to you (la_officer); default: your own school (senco)";

absl::StatusOr<v1::SignedTreeHead> ReadHead(const std::string& path) {
  absl::StatusOr<std::string> bytes = ReadInputFile(path);
  if (!bytes.ok()) return bytes.status();
  absl::StatusOr<v1::SignedTreeHead> head = evidence::HeadFromFile(*bytes);
  if (!head.ok()) {
    return absl::InvalidArgumentError(absl::StrCat(path, ": ", head.status().message()));
  }
  return head;
}

absl::Status WriteBinary(const std::string& path, const std::string& bytes) {
  if (path.empty() || path == "-") {
    return absl::InvalidArgumentError("--out: name a file (a pack is binary)");
  }
  return report::WriteReport(path, bytes);
}

struct PackFlags {
  std::string pupil_id;
  std::string out;
  std::string html;
  std::string head_out;
  std::string school;
  std::string earlier;
};

void MakeEvidencePack(const PackFlags& flags, Globals& globals) {
  const std::string name = "evidence-pack";
  evidence::PackRequest request;
  request.pupil_id = flags.pupil_id;
  request.school = flags.school;
  if (!flags.earlier.empty()) {
    absl::StatusOr<v1::SignedTreeHead> earlier = ReadHead(flags.earlier);
    if (!earlier.ok()) {
      globals.exit_code = ReportLocalFailure(name + ": --earlier", earlier.status());
      return;
    }
    request.earlier = *std::move(earlier);
  }
  absl::StatusOr<Connection> connection = Connection::Open(globals);
  if (!connection.ok()) {
    globals.exit_code = ReportLocalFailure(name, connection.status());
    return;
  }
  evidence::PackResult made = evidence::MakePack(*connection, request);
  if (!made.pack.has_value()) {
    globals.exit_code =
        ReportFailure(absl::StrCat(name, ": ", made.failure->step), made.failure->status);
    return;
  }
  const v1::EvidencePack& pack = *made.pack;
  if (absl::Status written = WriteBinary(flags.out, pack.SerializeAsString()); !written.ok()) {
    globals.exit_code = ReportLocalFailure(name + ": --out", written);
    return;
  }
  if (!flags.html.empty()) {
    if (absl::Status written = report::WriteReport(flags.html, pack.history_html());
        !written.ok()) {
      globals.exit_code = ReportLocalFailure(name + ": --html", written);
      return;
    }
  }
  if (!flags.head_out.empty()) {
    if (absl::Status written = WriteBinary(flags.head_out, pack.head().SerializeAsString());
        !written.ok()) {
      globals.exit_code = ReportLocalFailure(name + ": --head-out", written);
      return;
    }
  }
  std::printf("%d events of pupil %s of %s, proven to the signed head of tree size %llu%s\n",
              pack.events_size(), pack.pupil_id().c_str(), pack.school().c_str(),
              static_cast<unsigned long long>(pack.head().tree_size()),
              pack.has_earlier_head() ? absl::StrCat(", with a consistency proof from tree size ",
                                                     pack.earlier_head().tree_size())
                                            .c_str()
                                      : "");
}

struct VerifyFlags {
  std::string pack;
  std::string key;
  std::string earlier;
};

void VerifyEvidencePack(const VerifyFlags& flags, Globals& globals) {
  const std::string name = "verify-pack";
  absl::StatusOr<std::string> pack_bytes = ReadInputFile(flags.pack);
  if (!pack_bytes.ok()) {
    globals.exit_code = ReportLocalFailure(name, pack_bytes.status());
    return;
  }
  absl::StatusOr<std::string> pem = ReadInputFile(flags.key);
  if (!pem.ok()) {
    globals.exit_code = ReportLocalFailure(name + ": --key", pem.status());
    return;
  }
  absl::StatusOr<audit::PublicKey> key = audit::PublicKey::FromPem(*pem);
  if (!key.ok()) {
    globals.exit_code = ReportLocalFailure(name + ": --key " + flags.key, key.status());
    return;
  }
  std::optional<v1::SignedTreeHead> earlier;
  if (!flags.earlier.empty()) {
    absl::StatusOr<v1::SignedTreeHead> head = ReadHead(flags.earlier);
    if (!head.ok()) {
      globals.exit_code = ReportLocalFailure(name + ": --earlier", head.status());
      return;
    }
    earlier = *std::move(head);
  }
  absl::StatusOr<v1::EvidencePack> pack = evidence::PackFromFile(*pack_bytes);
  absl::StatusOr<evidence::PackSummary> summary =
      pack.ok() ? evidence::VerifyPack(*pack, *key, earlier ? &*earlier : nullptr)
                : absl::StatusOr<evidence::PackSummary>(pack.status());
  if (!summary.ok()) {
    std::printf("FAILED: %s\n", std::string(summary.status().message()).c_str());
    globals.exit_code = kExitNotVerified;
    return;
  }
  std::printf("%s\n", evidence::VerdictOf(*summary).c_str());
}

struct HeadFlags {
  std::string out;
  std::string school;
  uint64_t tree_size = 0;
};

void WriteSignedHead(const HeadFlags& flags, Globals& globals) {
  const std::string name = "signed-head";
  absl::StatusOr<Connection> connection = Connection::Open(globals);
  if (!connection.ok()) {
    globals.exit_code = ReportLocalFailure(name, connection.status());
    return;
  }
  auto audit = v1::AuditService::NewStub(connection->channel());
  v1::SignedTreeHead head;
  grpc::Status status;
  if (flags.tree_size == 0) {
    v1::SignTreeHeadRequest request;
    request.set_school(flags.school);
    v1::SignTreeHeadReply reply;
    status = audit->SignTreeHead(connection->NewContext().get(), request, &reply);
    head = reply.head();
  } else {
    v1::GetSignedTreeHeadRequest request;
    request.set_tree_size(flags.tree_size);
    request.set_school(flags.school);
    status = audit->GetSignedTreeHead(connection->NewContext().get(), request, &head);
  }
  if (!status.ok()) {
    globals.exit_code = ReportFailure(name, status);
    return;
  }
  if (absl::Status written = WriteBinary(flags.out, head.SerializeAsString()); !written.ok()) {
    globals.exit_code = ReportLocalFailure(name + ": --out", written);
    return;
  }
  std::printf("signed tree head of tree size %llu by key %s\n",
              static_cast<unsigned long long>(head.tree_size()), head.key_id().c_str());
}

}  // namespace

void AddEvidenceCommands(CLI::App& app, Globals& globals) {
  auto pack_flags = std::make_shared<PackFlags>();
  CLI::App* pack = app.add_subcommand(
      "evidence-pack",
      "One pupil's events exactly as stored, each with its inclusion proof to a tree head signed "
      "now, and the best-endeavours history rendered from them, in one file to check offline "
      "with verify-pack");
  pack->add_option("pupil_id", pack_flags->pupil_id, "The pupil's id")->required();
  pack->add_option("--out", pack_flags->out, "The pack file to write")->required();
  pack->add_option("--html", pack_flags->html, "Also write the history as HTML to this file");
  pack->add_option("--head-out", pack_flags->head_out,
                   "Also write the signed tree head to this file (for a later --earlier)");
  pack->add_option("--school", pack_flags->school, kSchoolHelp);
  pack->add_option("--earlier", pack_flags->earlier,
                   "An earlier pack or signed head: carry the consistency proof from it");
  pack->footer(
      "Example: endeavour evidence-pack adm-20417 --out amelia.pack --html amelia.html "
      "--earlier last-term.head");
  pack->callback([pack_flags, &globals] { MakeEvidencePack(*pack_flags, globals); });

  auto verify_flags = std::make_shared<VerifyFlags>();
  CLI::App* verify = app.add_subcommand(
      "verify-pack",
      "Checks an evidence pack offline, with no server: the head's signature, every event's "
      "inclusion proof, that the pupil's events run 1, 2, 3, ... with no gap, and that the "
      "history was rendered from exactly them. Prints VERIFIED or FAILED naming what failed; "
      "exits 8 when the pack does not check");
  verify->add_option("pack", verify_flags->pack, "The pack file")->required();
  verify
      ->add_option("--key", verify_flags->key,
                   "The server's public key PEM (endeavourd key, or GetPublicKey)")
      ->required();
  verify->add_option("--earlier", verify_flags->earlier,
                     "An earlier pack or signed head of the same log: check the pack's log "
                     "extends it (the pack must be made with --earlier naming it)");
  verify->footer("Example: endeavour verify-pack amelia.pack --key endeavour-key.pem");
  verify->callback([verify_flags, &globals] { VerifyEvidencePack(*verify_flags, globals); });

  auto head_flags = std::make_shared<HeadFlags>();
  CLI::App* head = app.add_subcommand(
      "signed-head",
      "Writes a signed tree head to a file: signed now, or the one of --tree-size; keep it to "
      "check later packs against (verify-pack --earlier)");
  head->add_option("--out", head_flags->out, "The file to write")->required();
  head->add_option("--school", head_flags->school, kSchoolHelp);
  head->add_option("--tree-size", head_flags->tree_size,
                   "The tree size of a head signed earlier; default: sign the head now");
  head->footer("Example: endeavour signed-head --out last-term.head");
  head->callback([head_flags, &globals] { WriteSignedHead(*head_flags, globals); });
}

}  // namespace endeavour::cli
