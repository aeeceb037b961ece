#include "services/server/command_envelope.h"

#include "absl/time/civil_time.h"
#include "absl/time/clock.h"
#include "projections/as_of.h"
#include "services/domain/dates.h"

namespace endeavour::server {

domain::CommandContext ContextOf(const v1::CommandHeader& header) {
  domain::CommandContext context;
  context.command_id = header.command_id();
  if (domain::IsDateSet(header.today())) {
    context.today = header.today();
  } else {
    const absl::CivilDay day = absl::ToCivilDay(absl::Now(), absl::UTCTimeZone());
    context.today.set_year(static_cast<int32_t>(day.year()));
    context.today.set_month(day.month());
    context.today.set_day(day.day());
  }
  return context;
}

services::EnvelopeFields FieldsOf(const v1::CommandHeader& header, const auth::Principal& principal,
                                  const google::protobuf::Message& command,
                                  const domain::CommandContext& context) {
  services::EnvelopeFields fields;
  fields.tenant = principal.tenant;
  fields.actor.set_id(principal.actor_id);
  fields.actor.set_role(principal.role);
  fields.correlation_id = header.correlation_id();
  fields.occurred_on = context.today;
  // Every command carries its fact as its first field (pupil_commands.proto,
  // school_commands.proto).
  const google::protobuf::Descriptor* descriptor = command.GetDescriptor();
  if (descriptor->field_count() > 0 &&
      descriptor->field(0)->type() == google::protobuf::FieldDescriptor::TYPE_MESSAGE) {
    const google::protobuf::Message& fact =
        command.GetReflection()->GetMessage(command, descriptor->field(0));
    v1::EventEnvelope probe;
    probe.set_event_type(fact.GetDescriptor()->full_name());
    probe.set_payload(fact.SerializeAsString());
    std::optional<v1::Date> date = projections::FactDate(probe);
    if (date.has_value() && domain::IsDateSet(*date)) fields.occurred_on = *date;
  }
  return fields;
}

}  // namespace endeavour::server
