#include "services/server/pupil_record_service.h"

#include <string>
#include <utility>

#include "absl/strings/str_cat.h"
#include "services/domain/streams.h"
#include "services/server/caller.h"
#include "services/server/command_envelope.h"
#include "services/server/grpc_status.h"

namespace endeavour::server {
namespace {

// Which operation of the access policy a command is.
auth::Operation OperationOf(const v1::LogInterventionRequest&) {
  return auth::Operation::kLogIntervention;
}
auth::Operation OperationOf(const v1::CorrectRecordRequest&) {
  return auth::Operation::kCorrectPupilRecord;
}
auth::Operation OperationOf(const v1::RetractRecordRequest&) {
  return auth::Operation::kCorrectPupilRecord;
}
auth::Operation OperationOf(const google::protobuf::Message&) {
  return auth::Operation::kRecordPupilFact;
}

absl::Status CheckPupilId(const std::string& pupil_id) {
  if (pupil_id.empty()) return absl::InvalidArgumentError("pupil_id: must not be empty");
  if (pupil_id.size() > 64) return absl::InvalidArgumentError("pupil_id: at most 64 characters");
  for (char c : pupil_id) {
    const bool ok = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
                    c == '-' || c == '_' || c == '.';
    if (!ok) {
      return absl::InvalidArgumentError(
          "pupil_id: may hold only letters, digits, '-', '_' and '.'");
    }
  }
  return absl::OkStatus();
}

}  // namespace

template <typename Request>
grpc::ServerUnaryReactor* PupilRecordServiceImpl::Handle(grpc::CallbackServerContext* context,
                                                         const Request& request,
                                                         v1::CommandReply* reply) {
  grpc::ServerUnaryReactor* reactor = context->DefaultReactor();
  absl::StatusOr<Caller> caller = Authorize(*context, tokens_, OperationOf(request));
  absl::Status valid = caller.status();
  if (valid.ok()) valid = CheckPupilId(request.pupil_id());
  if (valid.ok() && !request.has_command()) valid = absl::InvalidArgumentError("command: missing");
  if (!valid.ok()) {
    reactor->Finish(ToGrpcStatus(valid));
    return reactor;
  }
  domain::CommandContext command_context = ContextOf(request.header());
  services::EnvelopeFields fields =
      FieldsOf(request.header(), caller->principal, request.command(), command_context);
  // The caller's place among calls without a deadline is held until the command is done.
  handler_.HandleAsync(
      domain::PupilStreamId(caller->school, request.pupil_id()),
      domain::PupilCommand(request.command()), std::move(command_context), std::move(fields),
      [reactor, reply,
       slot = std::move(caller->slot)](absl::StatusOr<services::CommandResult> result) {
        if (!result.ok()) {
          reactor->Finish(ToGrpcStatus(result.status()));
          return;
        }
        reply->set_stream_version(result->stream_version);
        reply->set_position(result->position);
        for (std::string& id : result->event_ids) reply->add_event_ids(std::move(id));
        reactor->Finish(grpc::Status::OK);
      });
  return reactor;
}

#define ENDEAVOUR_PUPIL_RPC(Name)                                                              \
  grpc::ServerUnaryReactor* PupilRecordServiceImpl::Name(grpc::CallbackServerContext* context, \
                                                         const v1::Name##Request* request,     \
                                                         v1::CommandReply* reply) {            \
    return Handle(context, *request, reply);                                                   \
  }
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

}  // namespace endeavour::server
