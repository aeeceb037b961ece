#include "services/server/audit_service.h"

#include <string>
#include <vector>

#include "absl/strings/str_cat.h"
#include "services/server/caller.h"
#include "services/server/grpc_status.h"

namespace endeavour::server {
namespace {

constexpr uint32_t kDefaultHeads = 100;
constexpr uint32_t kMaxHeads = 1000;

// The school and kind ("pupil", "school", "access", ...) of a stream "<kind>/<school>/...", and
// for a pupil stream the pupil id.
struct StreamOwner {
  std::string kind;
  std::string school;
  std::string pupil_id;
};

StreamOwner OwnerOf(const std::string& stream_id) {
  StreamOwner owner;
  const size_t first = stream_id.find('/');
  if (first == std::string::npos) return owner;
  owner.kind = stream_id.substr(0, first);
  const size_t second = stream_id.find('/', first + 1);
  owner.school = stream_id.substr(
      first + 1, second == std::string::npos ? std::string::npos : second - first - 1);
  if (owner.kind == "pupil" && second != std::string::npos) {
    owner.pupil_id = stream_id.substr(second + 1);
  }
  return owner;
}

}  // namespace

absl::StatusOr<v1::SignedTreeHead> AuditServiceImpl::SignedHead(const char* field,
                                                                uint64_t tree_size) const {
  if (tree_size == 0) {
    std::optional<v1::SignedTreeHead> latest = signer_.heads().Latest();
    if (!latest.has_value()) {
      return absl::NotFoundError(absl::StrCat(
          field, ": no tree head has been signed yet (ask for one with SignTreeHead)"));
    }
    return *std::move(latest);
  }
  absl::StatusOr<v1::SignedTreeHead> head = signer_.heads().Get(tree_size);
  if (absl::IsNotFound(head.status())) {
    return absl::NotFoundError(absl::StrCat(field, ": no tree head was signed at tree size ",
                                            tree_size, " (ListSignedTreeHeads lists them)"));
  }
  return head;
}

grpc::Status AuditServiceImpl::GetTreeHead(grpc::ServerContext* context,
                                           const v1::TreeHeadRequest* request,
                                           v1::TreeHeadReply* reply) {
  absl::StatusOr<Caller> caller =
      Authorize(*context, tokens_, auth::Operation::kReadAudit, request->school());
  if (!caller.ok()) return ToGrpcStatus(caller.status());
  const eventstore::EventStore::TreeHead head = store_.CurrentTreeHead();
  reply->set_tree_size(head.tree_size);
  reply->set_root_hash(head.root_hash);
  return grpc::Status::OK;
}

grpc::Status AuditServiceImpl::Verify(grpc::ServerContext* context, const v1::VerifyRequest*,
                                      v1::VerifyReply* reply) {
  absl::StatusOr<Caller> caller = Authorize(*context, tokens_, auth::Operation::kVerify);
  if (!caller.ok()) return ToGrpcStatus(caller.status());
  // The head first: Verify covers at least the tree it names.
  const eventstore::EventStore::TreeHead head = store_.CurrentTreeHead();
  if (absl::Status verified = store_.Verify(); !verified.ok()) return ToGrpcStatus(verified);
  reply->set_tree_size(head.tree_size);
  reply->set_root_hash(head.root_hash);
  reply->set_verified(true);
  return grpc::Status::OK;
}

grpc::Status AuditServiceImpl::ReadAccessLog(grpc::ServerContext* context,
                                             const v1::AccessLogRequest* request,
                                             v1::AccessLogReply* reply) {
  absl::StatusOr<Caller> caller = Authorize(*context, tokens_, auth::Operation::kReadAccessLog);
  if (!caller.ok()) return ToGrpcStatus(caller.status());
  absl::StatusOr<v1::AccessLogReply> log =
      access_log_.Read(caller->school, request->from_version(), request->max_count());
  if (!log.ok()) return ToGrpcStatus(log.status());
  *reply = *std::move(log);
  return grpc::Status::OK;
}

grpc::Status AuditServiceImpl::GetPublicKey(grpc::ServerContext* context,
                                            const v1::PublicKeyRequest* request,
                                            v1::PublicKeyReply* reply) {
  absl::StatusOr<Caller> caller =
      Authorize(*context, tokens_, auth::Operation::kReadAudit, request->school());
  if (!caller.ok()) return ToGrpcStatus(caller.status());
  reply->set_public_key_pem(signer_.key().public_key().pem());
  reply->set_key_id(signer_.key().key_id());
  return grpc::Status::OK;
}

grpc::Status AuditServiceImpl::SignTreeHead(grpc::ServerContext* context,
                                            const v1::SignTreeHeadRequest* request,
                                            v1::SignTreeHeadReply* reply) {
  absl::StatusOr<Caller> caller =
      Authorize(*context, tokens_, auth::Operation::kReadAudit, request->school());
  if (!caller.ok()) return ToGrpcStatus(caller.status());
  absl::StatusOr<audit::TreeHeadSigner::Result> signed_head = signer_.SignIfGrown();
  if (!signed_head.ok()) return ToGrpcStatus(signed_head.status());
  *reply->mutable_head() = std::move(signed_head->head);
  reply->set_newly_signed(signed_head->newly_signed);
  return grpc::Status::OK;
}

grpc::Status AuditServiceImpl::ListSignedTreeHeads(grpc::ServerContext* context,
                                                   const v1::ListSignedTreeHeadsRequest* request,
                                                   v1::ListSignedTreeHeadsReply* reply) {
  absl::StatusOr<Caller> caller =
      Authorize(*context, tokens_, auth::Operation::kReadAudit, request->school());
  if (!caller.ok()) return ToGrpcStatus(caller.status());
  const uint32_t max_count = request->max_count() == 0 ? kDefaultHeads : request->max_count();
  if (max_count > kMaxHeads) {
    return ToGrpcStatus(absl::InvalidArgumentError(
        absl::StrCat("max_count: ", max_count, " is more than ", kMaxHeads)));
  }
  // One more than asked for says whether there is a next page.
  absl::StatusOr<std::vector<v1::SignedTreeHead>> heads =
      signer_.heads().List(request->from_tree_size(), max_count + 1);
  if (!heads.ok()) return ToGrpcStatus(heads.status());
  if (heads->size() > max_count) {
    heads->pop_back();
    reply->set_next_tree_size(heads->back().tree_size() + 1);
  }
  for (v1::SignedTreeHead& head : *heads) *reply->add_heads() = std::move(head);
  return grpc::Status::OK;
}

grpc::Status AuditServiceImpl::GetSignedTreeHead(grpc::ServerContext* context,
                                                 const v1::GetSignedTreeHeadRequest* request,
                                                 v1::SignedTreeHead* reply) {
  absl::StatusOr<Caller> caller =
      Authorize(*context, tokens_, auth::Operation::kReadAudit, request->school());
  if (!caller.ok()) return ToGrpcStatus(caller.status());
  absl::StatusOr<v1::SignedTreeHead> head = SignedHead("tree_size", request->tree_size());
  if (!head.ok()) return ToGrpcStatus(head.status());
  *reply = *std::move(head);
  return grpc::Status::OK;
}

grpc::Status AuditServiceImpl::GetInclusionProof(grpc::ServerContext* context,
                                                 const v1::InclusionProofRequest* request,
                                                 v1::InclusionProofReply* reply) {
  absl::StatusOr<Caller> caller =
      Authorize(*context, tokens_, auth::Operation::kReadEventProof, request->school());
  if (!caller.ok()) return ToGrpcStatus(caller.status());
  const uint64_t position = request->position();
  if (position == 0) {
    return ToGrpcStatus(absl::InvalidArgumentError("position: must be 1 or more"));
  }
  absl::StatusOr<v1::SignedTreeHead> head = SignedHead("tree_size", request->tree_size());
  if (!head.ok()) return ToGrpcStatus(head.status());
  if (position > head->tree_size()) {
    return ToGrpcStatus(absl::InvalidArgumentError(
        absl::StrCat("position: ", position, " is past the signed head's tree size ",
                     head->tree_size(), " (sign a newer head with SignTreeHead)")));
  }
  absl::StatusOr<eventstore::LogPage> page = store_.ReadAll(position, 1, {});
  if (!page.ok()) return ToGrpcStatus(page.status());
  if (page->events.empty() || page->events[0].envelope.position() != position) {
    return ToGrpcStatus(
        absl::InternalError(absl::StrCat("position ", position, ": the log has no event there")));
  }
  eventstore::StoredEvent& event = page->events[0];
  // Only the caller's school's own records: never another school's, nor its access log.
  const StreamOwner owner = OwnerOf(event.envelope.stream_id());
  if ((owner.kind != "pupil" && owner.kind != "school") || owner.school != caller->school ||
      event.envelope.tenant() != caller->school) {
    return ToGrpcStatus(absl::PermissionDeniedError(
        absl::StrCat("position: the event at ", position, " is not a pupil or school record of ",
                     caller->school, "; an inclusion proof is given only for those")));
  }
  if (!owner.pupil_id.empty()) {
    v1::AsOf as_of;
    as_of.set_position(head->tree_size());
    if (absl::Status logged = access_log_.Record(caller->school, caller->principal, owner.pupil_id,
                                                 "inclusion_proof", as_of);
        !logged.ok()) {
      return ToGrpcStatus(logged);
    }
  }
  absl::StatusOr<std::vector<std::string>> path =
      proofs_.InclusionProof(position, head->tree_size());
  if (!path.ok()) return ToGrpcStatus(path.status());
  reply->set_position(position);
  reply->set_event(std::move(event.bytes));
  for (std::string& hash : *path) reply->add_audit_path(std::move(hash));
  *reply->mutable_head() = *std::move(head);
  return grpc::Status::OK;
}

grpc::Status AuditServiceImpl::GetConsistencyProof(grpc::ServerContext* context,
                                                   const v1::ConsistencyProofRequest* request,
                                                   v1::ConsistencyProofReply* reply) {
  absl::StatusOr<Caller> caller =
      Authorize(*context, tokens_, auth::Operation::kReadAudit, request->school());
  if (!caller.ok()) return ToGrpcStatus(caller.status());
  if (request->first_tree_size() == 0) {
    return ToGrpcStatus(absl::InvalidArgumentError(
        "first_tree_size: must be the tree size of a signed head (1 or more)"));
  }
  absl::StatusOr<v1::SignedTreeHead> first =
      SignedHead("first_tree_size", request->first_tree_size());
  if (!first.ok()) return ToGrpcStatus(first.status());
  absl::StatusOr<v1::SignedTreeHead> second =
      SignedHead("second_tree_size", request->second_tree_size());
  if (!second.ok()) return ToGrpcStatus(second.status());
  if (first->tree_size() > second->tree_size()) {
    return ToGrpcStatus(absl::InvalidArgumentError(
        absl::StrCat("first_tree_size: ", first->tree_size(), " is larger than second_tree_size ",
                     second->tree_size())));
  }
  absl::StatusOr<std::vector<std::string>> proof =
      proofs_.ConsistencyProof(first->tree_size(), second->tree_size());
  if (!proof.ok()) return ToGrpcStatus(proof.status());
  for (std::string& hash : *proof) reply->add_proof(std::move(hash));
  *reply->mutable_first() = *std::move(first);
  *reply->mutable_second() = *std::move(second);
  return grpc::Status::OK;
}

}  // namespace endeavour::server
