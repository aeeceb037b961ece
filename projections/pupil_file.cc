#include "projections/pupil_file.h"

#include "absl/strings/str_cat.h"
#include "services/domain/event_variant.h"

namespace endeavour::projections {

v1::EventSource SourceOf(const v1::EventEnvelope& envelope) {
  v1::EventSource source;
  source.set_event_id(envelope.event_id());
  source.set_position(envelope.position());
  source.set_stream_version(envelope.stream_version());
  *source.mutable_recorded_at() = envelope.recorded_at();
  *source.mutable_recorded_by() = envelope.actor();
  return source;
}

absl::Status PupilFile::Apply(const v1::EventEnvelope& envelope) {
  if (!stream_id.empty() && envelope.stream_id() != stream_id) {
    return absl::InvalidArgumentError(absl::StrCat("stream_id: event ", envelope.event_id(),
                                                   " belongs to ", envelope.stream_id(),
                                                   ", not to ", stream_id));
  }
  absl::StatusOr<domain::PupilEvent> event =
      domain::ParseEvent<domain::PupilEvent>(envelope.event_type(), envelope.payload());
  if (!event.ok()) return event.status();
  if (stream_id.empty()) {
    stream_id = envelope.stream_id();
    tenant = envelope.tenant();
  }
  if (const auto* correction = std::get_if<v1::RecordCorrected>(&*event)) {
    corrections.emplace_back(envelope.event_id(), *correction);
  } else if (const auto* retraction = std::get_if<v1::RecordRetracted>(&*event)) {
    retracted_by.try_emplace(retraction->retracted_event_id(), envelope.event_id());
  }
  // The ordinal Evolve gives the event (the state counts the events folded in).
  const size_t ordinal = state.events.size() + 1;
  domain::PupilRecord::EvolveInPlace(state, envelope.event_id(), std::move(*event));
  uint32_t actor = 0;
  while (actor < actors.size() && (actors[actor].role() != envelope.actor().role() ||
                                   actors[actor].id() != envelope.actor().id())) {
    ++actor;
  }
  if (actor == actors.size()) actors.push_back(envelope.actor());
  if (sources.size() < ordinal) sources.resize(ordinal);
  sources[ordinal - 1] =
      Source{envelope.position(), envelope.stream_version(), envelope.recorded_at().seconds(),
             envelope.recorded_at().nanos(), actor};
  last_position = envelope.position();
  return absl::OkStatus();
}

std::optional<v1::EventSource> PupilFile::SourceOf(const std::string& event_id) const {
  auto ref = state.events.find(event_id);
  if (ref == state.events.end()) return std::nullopt;
  v1::EventSource source;
  if (!FillSource(event_id, ref->second, source)) return std::nullopt;
  return source;
}

bool PupilFile::FillSource(const std::string& event_id, const domain::EventRef& ref,
                           v1::EventSource& source) const {
  const size_t ordinal = static_cast<size_t>(ref.ordinal);
  if (ordinal == 0 || ordinal > sources.size()) return false;
  const Source& found = sources[ordinal - 1];
  source.set_event_id(event_id);
  source.set_position(found.position);
  source.set_stream_version(found.stream_version);
  source.mutable_recorded_at()->set_seconds(found.recorded_seconds);
  source.mutable_recorded_at()->set_nanos(found.recorded_nanos);
  *source.mutable_recorded_by() = actors[found.actor];
  return true;
}

}  // namespace endeavour::projections
