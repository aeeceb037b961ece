// endeavour.v1.AuditService: the Merkle log's head, signed tree heads and the key that signs
// them, inclusion and consistency proofs against signed heads, a full verification, and the
// school's access log. Who may call what is in services/auth/access_policy.h; an inclusion proof
// returns an event, so it is given only for a pupil or school record of a school the caller may
// read, and a pupil's is recorded in the school's access log first.
#ifndef ENDEAVOUR_SERVICES_SERVER_AUDIT_SERVICE_H_
#define ENDEAVOUR_SERVICES_SERVER_AUDIT_SERVICE_H_

#include "endeavour/v1/api.grpc.pb.h"
#include "eventstore/event_store.h"
#include "eventstore/merkle_proofs.h"
#include "services/audit/tree_head_signer.h"
#include "services/auth/token_store.h"
#include "services/server/access_log.h"

namespace endeavour::server {

class AuditServiceImpl final : public v1::AuditService::Service {
 public:
  // All must outlive the service. `proofs` are over `store`'s log; `signer` signs its heads.
  AuditServiceImpl(const eventstore::EventStore& store, const eventstore::MerkleProofs& proofs,
                   const auth::TokenStore& tokens, const AccessLog& access_log,
                   audit::TreeHeadSigner& signer)
      : store_(store), proofs_(proofs), tokens_(tokens), access_log_(access_log), signer_(signer) {}

  grpc::Status GetTreeHead(grpc::ServerContext* context, const v1::TreeHeadRequest* request,
                           v1::TreeHeadReply* reply) override;
  grpc::Status Verify(grpc::ServerContext* context, const v1::VerifyRequest* request,
                      v1::VerifyReply* reply) override;
  grpc::Status ReadAccessLog(grpc::ServerContext* context, const v1::AccessLogRequest* request,
                             v1::AccessLogReply* reply) override;
  grpc::Status GetPublicKey(grpc::ServerContext* context, const v1::PublicKeyRequest* request,
                            v1::PublicKeyReply* reply) override;
  grpc::Status SignTreeHead(grpc::ServerContext* context, const v1::SignTreeHeadRequest* request,
                            v1::SignTreeHeadReply* reply) override;
  grpc::Status ListSignedTreeHeads(grpc::ServerContext* context,
                                   const v1::ListSignedTreeHeadsRequest* request,
                                   v1::ListSignedTreeHeadsReply* reply) override;
  grpc::Status GetSignedTreeHead(grpc::ServerContext* context,
                                 const v1::GetSignedTreeHeadRequest* request,
                                 v1::SignedTreeHead* reply) override;
  grpc::Status GetInclusionProof(grpc::ServerContext* context,
                                 const v1::InclusionProofRequest* request,
                                 v1::InclusionProofReply* reply) override;
  grpc::Status GetConsistencyProof(grpc::ServerContext* context,
                                   const v1::ConsistencyProofRequest* request,
                                   v1::ConsistencyProofReply* reply) override;

 private:
  // The signed head of `tree_size` (0: the latest); NOT_FOUND naming `field` if there is none.
  absl::StatusOr<v1::SignedTreeHead> SignedHead(const char* field, uint64_t tree_size) const;

  const eventstore::EventStore& store_;
  const eventstore::MerkleProofs& proofs_;
  const auth::TokenStore& tokens_;
  const AccessLog& access_log_;
  audit::TreeHeadSigner& signer_;
};

}  // namespace endeavour::server

#endif  // ENDEAVOUR_SERVICES_SERVER_AUDIT_SERVICE_H_
