// What the services add to a command before the handler decides it: the context (idempotency key
// and the school's date) and the envelope fields (school, who, when it happened).
#ifndef ENDEAVOUR_SERVICES_SERVER_COMMAND_ENVELOPE_H_
#define ENDEAVOUR_SERVICES_SERVER_COMMAND_ENVELOPE_H_

#include <google/protobuf/message.h>

#include "endeavour/v1/api.pb.h"
#include "services/auth/principal.h"
#include "services/command_handler.h"
#include "services/domain/command_context.h"

namespace endeavour::server {

// The header's command id and date (today in UTC when the header leaves it unset).
domain::CommandContext ContextOf(const v1::CommandHeader& header);

// The school and actor from the principal; occurred_on from the date of the fact the command
// carries (a correction or retraction: the day it is made).
services::EnvelopeFields FieldsOf(const v1::CommandHeader& header, const auth::Principal& principal,
                                  const google::protobuf::Message& command,
                                  const domain::CommandContext& context);

}  // namespace endeavour::server

#endif  // ENDEAVOUR_SERVICES_SERVER_COMMAND_ENVELOPE_H_
