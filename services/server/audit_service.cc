#include "services/server/audit_service.h"

#include "services/server/caller.h"
#include "services/server/grpc_status.h"

namespace endeavour::server {

grpc::Status AuditServiceImpl::GetTreeHead(grpc::ServerContext* context, const v1::TreeHeadRequest*,
                                           v1::TreeHeadReply* reply) {
  absl::StatusOr<Caller> caller = Authorize(*context, tokens_, auth::Operation::kReadAudit);
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

}  // namespace endeavour::server
