// A pupil's record as the views read it: the domain's fold of the pupil stream (PupilState, with
// corrections and retractions applied and the originals kept) plus, for every event, what its
// envelope says: where it sits in the log, when it was recorded and by whom. Every pupil view
// (current plan, best-endeavours history, the overview's register entry) is a pure function of a
// PupilFile, so a view as of any point is the same function of a file folded up to that point.
#ifndef ENDEAVOUR_PROJECTIONS_PUPIL_FILE_H_
#define ENDEAVOUR_PROJECTIONS_PUPIL_FILE_H_

#include <cstdint>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "absl/container/flat_hash_map.h"
#include "absl/status/status.h"
#include "endeavour/v1/envelope.pb.h"
#include "endeavour/v1/views.pb.h"
#include "services/domain/pupil_record.h"

namespace endeavour::projections {

// Builds the EventSource of a stored envelope.
v1::EventSource SourceOf(const v1::EventEnvelope& envelope);

struct PupilFile {
  std::string stream_id;  // "pupil/<tenant>/<pupil id>"
  std::string tenant;
  domain::PupilState state;
  // Where each event folded in sits in the log, by its ordinal in the stream (the state's
  // EventRef::ordinal, from 1; sources[ordinal - 1]). Kept compact (a file holds one entry per
  // event of the pupil, and a rebuild holds every pupil's file): SourceOf makes the message.
  struct Source {
    uint64_t position = 0;
    uint64_t stream_version = 0;
    int64_t recorded_seconds = 0;
    int32_t recorded_nanos = 0;
    uint32_t actor = 0;  // index in `actors`
  };
  std::vector<Source> sources;
  // The distinct people who recorded events: a pupil's record is written by a handful of staff.
  std::vector<v1::Actor> actors;
  // Every correction, in the order recorded, with its own event id: the history shows each one
  // beside what it corrected, not only the last.
  std::vector<std::pair<std::string, v1::RecordCorrected>> corrections;
  // The event id of the retraction of each retracted fact, by the fact's event id: the history
  // shows who withdrew a fact and when.
  absl::flat_hash_map<std::string, std::string> retracted_by;
  // The position of the last event folded in; 0 for an empty file.
  uint64_t last_position = 0;

  // Folds one stored event of the pupil's stream in. Events must come in stream order.
  // INVALID_ARGUMENT for an event of another stream or an unknown type, DATA_LOSS for a payload
  // that does not parse; the file is unchanged then.
  absl::Status Apply(const v1::EventEnvelope& envelope);

  // The source of an event folded in, or nullopt.
  std::optional<v1::EventSource> SourceOf(const std::string& event_id) const;
  // The same for an event whose EventRef the caller has already looked up; false (and `source`
  // untouched) if the file has no source for it.
  bool FillSource(const std::string& event_id, const domain::EventRef& ref,
                  v1::EventSource& source) const;
};

}  // namespace endeavour::projections

#endif  // ENDEAVOUR_PROJECTIONS_PUPIL_FILE_H_
