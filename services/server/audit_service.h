// endeavour.v1.AuditService: the Merkle log's head, a full verification, and the school's access
// log. Signed heads and proofs come with the evidence packs.
#ifndef ENDEAVOUR_SERVICES_SERVER_AUDIT_SERVICE_H_
#define ENDEAVOUR_SERVICES_SERVER_AUDIT_SERVICE_H_

#include "endeavour/v1/api.grpc.pb.h"
#include "eventstore/event_store.h"
#include "services/auth/token_store.h"
#include "services/server/access_log.h"

namespace endeavour::server {

class AuditServiceImpl final : public v1::AuditService::Service {
 public:
  // All must outlive the service.
  AuditServiceImpl(const eventstore::EventStore& store, const auth::TokenStore& tokens,
                   const AccessLog& access_log)
      : store_(store), tokens_(tokens), access_log_(access_log) {}

  grpc::Status GetTreeHead(grpc::ServerContext* context, const v1::TreeHeadRequest* request,
                           v1::TreeHeadReply* reply) override;
  grpc::Status Verify(grpc::ServerContext* context, const v1::VerifyRequest* request,
                      v1::VerifyReply* reply) override;
  grpc::Status ReadAccessLog(grpc::ServerContext* context, const v1::AccessLogRequest* request,
                             v1::AccessLogReply* reply) override;

 private:
  const eventstore::EventStore& store_;
  const auth::TokenStore& tokens_;
  const AccessLog& access_log_;
};

}  // namespace endeavour::server

#endif  // ENDEAVOUR_SERVICES_SERVER_AUDIT_SERVICE_H_
