#include "services/server/self_evaluation_service.h"

#include <string>

#include "services/domain/streams.h"
#include "services/server/caller.h"
#include "services/server/command_envelope.h"
#include "services/server/grpc_status.h"

namespace endeavour::server {

template <typename Request>
grpc::Status SelfEvaluationServiceImpl::Handle(grpc::ServerContext* context, const Request& request,
                                               v1::CommandReply* reply) {
  absl::StatusOr<Caller> caller =
      Authorize(*context, tokens_, auth::Operation::kRecordSelfEvaluation);
  if (!caller.ok()) return ToGrpcStatus(caller.status());
  if (!request.has_command()) {
    return ToGrpcStatus(absl::InvalidArgumentError("command: missing"));
  }
  const domain::CommandContext command_context = ContextOf(request.header());
  const services::EnvelopeFields fields =
      FieldsOf(request.header(), caller->principal, request.command(), command_context);
  absl::StatusOr<services::CommandResult> result =
      handler_.Handle(domain::SelfEvaluationStreamId(caller->school),
                      domain::SchoolCommand(request.command()), command_context, fields);
  if (!result.ok()) return ToGrpcStatus(result.status());
  reply->set_stream_version(result->stream_version);
  reply->set_position(result->position);
  for (const std::string& id : result->event_ids) reply->add_event_ids(id);
  return grpc::Status::OK;
}

grpc::Status SelfEvaluationServiceImpl::RecordRating(grpc::ServerContext* context,
                                                     const v1::RecordRatingRequest* request,
                                                     v1::CommandReply* reply) {
  return Handle(context, *request, reply);
}

grpc::Status SelfEvaluationServiceImpl::PlanImprovementAction(
    grpc::ServerContext* context, const v1::PlanImprovementActionRequest* request,
    v1::CommandReply* reply) {
  return Handle(context, *request, reply);
}

}  // namespace endeavour::server
