// endeavour.v1.SelfEvaluationService: the school's ratings of its SEND practice and its
// improvement plan, decided by the self-evaluation aggregate (services/domain).
#ifndef ENDEAVOUR_SERVICES_SERVER_SELF_EVALUATION_SERVICE_H_
#define ENDEAVOUR_SERVICES_SERVER_SELF_EVALUATION_SERVICE_H_

#include "endeavour/v1/api.grpc.pb.h"
#include "eventstore/event_store.h"
#include "services/auth/token_store.h"
#include "services/command_handler.h"
#include "services/domain/self_evaluation.h"

namespace endeavour::server {

class SelfEvaluationServiceImpl final : public v1::SelfEvaluationService::Service {
 public:
  // Both must outlive the service.
  SelfEvaluationServiceImpl(eventstore::EventStore& store, const auth::TokenStore& tokens)
      : handler_(&store), tokens_(tokens) {}

  grpc::Status RecordRating(grpc::ServerContext* context, const v1::RecordRatingRequest* request,
                            v1::CommandReply* reply) override;
  grpc::Status PlanImprovementAction(grpc::ServerContext* context,
                                     const v1::PlanImprovementActionRequest* request,
                                     v1::CommandReply* reply) override;

 private:
  template <typename Request>
  grpc::Status Handle(grpc::ServerContext* context, const Request& request,
                      v1::CommandReply* reply);

  services::CommandHandler<domain::SelfEvaluation> handler_;
  const auth::TokenStore& tokens_;
};

}  // namespace endeavour::server

#endif  // ENDEAVOUR_SERVICES_SERVER_SELF_EVALUATION_SERVICE_H_
