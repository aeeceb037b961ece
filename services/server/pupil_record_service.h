// endeavour.v1.PupilRecordService: one RPC per command on a pupil's record. Each call is
// authorized from its token, decided by the pupil record aggregate (services/domain) through the
// command handler, and appended with the version it read; the reply carries the log position a
// query can wait for.
//
// The service uses gRPC's callback API and the store's asynchronous append: no thread waits for
// the WAL sync of a call, which on two cores doubled appends per second over a thread per call.
#ifndef ENDEAVOUR_SERVICES_SERVER_PUPIL_RECORD_SERVICE_H_
#define ENDEAVOUR_SERVICES_SERVER_PUPIL_RECORD_SERVICE_H_

#include "endeavour/v1/api.grpc.pb.h"
#include "eventstore/event_store.h"
#include "services/auth/token_store.h"
#include "services/command_handler.h"
#include "services/domain/pupil_record.h"

namespace endeavour::server {

class PupilRecordServiceImpl final : public v1::PupilRecordService::CallbackService {
 public:
  // Both must outlive the service.
  PupilRecordServiceImpl(eventstore::EventStore& store, const auth::TokenStore& tokens)
      : handler_(&store), tokens_(tokens) {}

#define ENDEAVOUR_PUPIL_RPC(Name)                                                           \
  grpc::ServerUnaryReactor* Name(grpc::CallbackServerContext* context,                      \
                                 const v1::Name##Request* request, v1::CommandReply* reply) \
      override;
  ENDEAVOUR_PUPIL_RPC(RegisterPupil)
  ENDEAVOUR_PUPIL_RPC(IdentifyNeed)
  ENDEAVOUR_PUPIL_RPC(ChangeSenStatus)
  ENDEAVOUR_PUPIL_RPC(AgreePlan)
  ENDEAVOUR_PUPIL_RPC(LogIntervention)
  ENDEAVOUR_PUPIL_RPC(RecordReview)
  ENDEAVOUR_PUPIL_RPC(AdjustPlan)
  ENDEAVOUR_PUPIL_RPC(RequestExternalAdvice)
  ENDEAVOUR_PUPIL_RPC(RecordExternalAdvice)
  ENDEAVOUR_PUPIL_RPC(RequestEhcNeedsAssessment)
  ENDEAVOUR_PUPIL_RPC(TransferPupilOut)
  ENDEAVOUR_PUPIL_RPC(ReceivePupilTransfer)
  ENDEAVOUR_PUPIL_RPC(CorrectRecord)
  ENDEAVOUR_PUPIL_RPC(RetractRecord)
#undef ENDEAVOUR_PUPIL_RPC

 private:
  template <typename Request>
  grpc::ServerUnaryReactor* Handle(grpc::CallbackServerContext* context, const Request& request,
                                   v1::CommandReply* reply);

  services::CommandHandler<domain::PupilRecord> handler_;
  const auth::TokenStore& tokens_;
};

}  // namespace endeavour::server

#endif  // ENDEAVOUR_SERVICES_SERVER_PUPIL_RECORD_SERVICE_H_
