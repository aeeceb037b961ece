#include "projections/self_evaluation_file.h"

#include "absl/strings/str_cat.h"
#include "projections/pupil_file.h"
#include "services/domain/event_variant.h"

namespace endeavour::projections {

absl::Status SelfEvaluationFile::Apply(const v1::EventEnvelope& envelope) {
  if (!stream_id.empty() && envelope.stream_id() != stream_id) {
    return absl::InvalidArgumentError(absl::StrCat("stream_id: event ", envelope.event_id(),
                                                   " belongs to ", envelope.stream_id(),
                                                   ", not to ", stream_id));
  }
  absl::StatusOr<domain::SchoolEvent> event =
      domain::ParseEvent<domain::SchoolEvent>(envelope.event_type(), envelope.payload());
  if (!event.ok()) return event.status();
  if (stream_id.empty()) {
    stream_id = envelope.stream_id();
    tenant = envelope.tenant();
  }
  state = domain::SelfEvaluation::Evolve(std::move(state), envelope.event_id(), *event);
  sources[envelope.event_id()] = SourceOf(envelope);
  last_position = envelope.position();
  return absl::OkStatus();
}

}  // namespace endeavour::projections
