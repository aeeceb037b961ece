#include "clients/evidence/pack_maker.h"

#include <algorithm>
#include <map>
#include <memory>
#include <utility>
#include <vector>

#include "absl/strings/str_cat.h"
#include "clients/evidence/evidence_pack.h"
#include "endeavour/v1/api.grpc.pb.h"
#include "google/protobuf/descriptor.h"
#include "google/protobuf/message.h"

namespace endeavour::evidence {
namespace {

// Calls in flight at once for the inclusion proofs.
constexpr size_t kWindow = 32;

PackResult Fail(std::string step, grpc::Status status) {
  PackResult result;
  result.failure = PackFailure{std::move(step), std::move(status)};
  return result;
}

// Every EventSource anywhere in `message`, by stream version: the history names the event behind
// each fact, correction, retraction and session it shows.
void CollectSources(const google::protobuf::Message& message,
                    std::map<uint64_t, uint64_t>& position_by_version) {
  if (message.GetDescriptor() == v1::EventSource::descriptor()) {
    const auto& source = static_cast<const v1::EventSource&>(message);
    if (source.stream_version() > 0) {
      position_by_version[source.stream_version()] = source.position();
    }
    return;
  }
  const google::protobuf::Reflection* reflection = message.GetReflection();
  std::vector<const google::protobuf::FieldDescriptor*> fields;
  reflection->ListFields(message, &fields);
  for (const google::protobuf::FieldDescriptor* field : fields) {
    if (field->cpp_type() != google::protobuf::FieldDescriptor::CPPTYPE_MESSAGE) continue;
    if (field->is_repeated()) {
      for (int i = 0; i < reflection->FieldSize(message, field); ++i) {
        CollectSources(reflection->GetRepeatedMessage(message, field, i), position_by_version);
      }
    } else {
      CollectSources(reflection->GetMessage(message, field), position_by_version);
    }
  }
}

// The positions of stream versions 1..n, or FAILED_PRECONDITION naming the first version the
// history does not account for.
absl::StatusOr<std::vector<uint64_t>> PositionsOf(const v1::BestEndeavoursHistory& history) {
  std::map<uint64_t, uint64_t> position_by_version;
  CollectSources(history, position_by_version);
  std::vector<uint64_t> positions;
  for (const auto& [version, position] : position_by_version) {
    if (version != positions.size() + 1) {
      return absl::FailedPreconditionError(
          absl::StrCat("the history names no event of stream version ", positions.size() + 1,
                       ", so the pack could not be complete"));
    }
    positions.push_back(position);
  }
  if (positions.empty() || positions.back() != history.last_position()) {
    return absl::FailedPreconditionError(
        absl::StrCat("the history's last event (position ", history.last_position(),
                     ") is not one it names, so the pack could not be complete"));
  }
  return positions;
}

grpc::Status ToGrpc(const absl::Status& status) {
  return grpc::Status(static_cast<grpc::StatusCode>(status.code()), std::string(status.message()));
}

// One GetInclusionProof in flight.
struct ProofCall {
  std::unique_ptr<grpc::ClientContext> context;
  v1::InclusionProofReply reply;
  grpc::Status status;
  std::unique_ptr<grpc::ClientAsyncResponseReader<v1::InclusionProofReply>> reader;
};

// The proofs of `positions` against the head of `tree_size`, in the order of `positions`.
PackResult FetchProofs(const cli::Connection& connection, v1::AuditService::Stub& audit,
                       const std::vector<uint64_t>& positions, uint64_t tree_size,
                       const std::string& school, v1::EvidencePack pack) {
  grpc::CompletionQueue queue;
  std::vector<ProofCall> calls(positions.size());
  size_t started = 0;
  size_t finished = 0;
  auto start_next = [&] {
    const size_t i = started++;
    v1::InclusionProofRequest request;
    request.set_position(positions[i]);
    request.set_tree_size(tree_size);
    request.set_school(school);
    calls[i].context = connection.NewContext(absl::Seconds(60));
    calls[i].reader = audit.AsyncGetInclusionProof(calls[i].context.get(), request, &queue);
    calls[i].reader->Finish(&calls[i].reply, &calls[i].status, reinterpret_cast<void*>(i));
  };
  while (started < positions.size() && started < kWindow) start_next();
  std::optional<size_t> failed;
  while (finished < started) {
    void* tag = nullptr;
    bool ok = false;
    if (!queue.Next(&tag, &ok)) break;
    ++finished;
    const size_t i = reinterpret_cast<size_t>(tag);
    if (!calls[i].status.ok() && !failed.has_value()) failed = i;
    if (!failed.has_value() && started < positions.size()) start_next();
  }
  queue.Shutdown();
  void* tag = nullptr;
  bool ok = false;
  while (queue.Next(&tag, &ok)) {
  }
  if (failed.has_value()) {
    return Fail(absl::StrCat("inclusion proof of position ", positions[*failed]),
                calls[*failed].status);
  }
  for (ProofCall& call : calls) {
    v1::ProvenEvent* event = pack.add_events();
    event->set_position(call.reply.position());
    event->set_event(std::move(*call.reply.mutable_event()));
    for (std::string& hash : *call.reply.mutable_audit_path()) event->add_audit_path(hash);
  }
  PackResult result;
  result.pack = std::move(pack);
  return result;
}

}  // namespace

PackResult MakePack(const cli::Connection& connection, const PackRequest& request) {
  auto audit = v1::AuditService::NewStub(connection.channel());
  auto queries = v1::QueryService::NewStub(connection.channel());

  v1::SignTreeHeadRequest sign;
  sign.set_school(request.school);
  v1::SignTreeHeadReply signed_head;
  if (grpc::Status s = audit->SignTreeHead(connection.NewContext().get(), sign, &signed_head);
      !s.ok()) {
    return Fail("sign tree head", s);
  }
  const v1::SignedTreeHead& head = signed_head.head();

  v1::PupilViewRequest view;
  view.set_pupil_id(request.pupil_id);
  view.set_school(request.school);
  view.mutable_options()->mutable_as_of()->set_position(head.tree_size());
  v1::BestEndeavoursHistory history;
  if (grpc::Status s =
          queries->GetHistory(connection.NewContext(absl::Seconds(60)).get(), view, &history);
      !s.ok()) {
    return Fail("history", s);
  }
  absl::StatusOr<std::vector<uint64_t>> positions = PositionsOf(history);
  if (!positions.ok()) return Fail("pupil's events", ToGrpc(positions.status()));

  v1::EvidencePack pack;
  pack.set_format(std::string(kPackFormat));
  // The stream id "pupil/<school>/<pupil id>" says whose record it is, for a granted school too.
  const std::string prefix = "pupil/";
  const std::string& stream_id = history.stream_id();
  const size_t slash = stream_id.find('/', prefix.size());
  pack.set_school(slash == std::string::npos
                      ? request.school
                      : stream_id.substr(prefix.size(), slash - prefix.size()));
  pack.set_pupil_id(request.pupil_id);
  *pack.mutable_head() = head;
  pack.set_key_id(head.key_id());

  if (request.earlier.has_value()) {
    v1::ConsistencyProofRequest consistency;
    consistency.set_first_tree_size(request.earlier->tree_size());
    consistency.set_second_tree_size(head.tree_size());
    consistency.set_school(request.school);
    v1::ConsistencyProofReply proof;
    if (grpc::Status s =
            audit->GetConsistencyProof(connection.NewContext().get(), consistency, &proof);
        !s.ok()) {
      return Fail("consistency proof from the earlier head", s);
    }
    *pack.mutable_earlier_head() = proof.first();
    for (const std::string& hash : proof.proof()) pack.add_consistency_proof(hash);
  }

  PackResult result =
      FetchProofs(connection, *audit, *positions, head.tree_size(), request.school, pack);
  if (!result.pack.has_value()) return result;
  if (absl::Status rendered = RenderPackHistory(*result.pack); !rendered.ok()) {
    return Fail("render the history", ToGrpc(rendered));
  }
  return result;
}

}  // namespace endeavour::evidence
