// A deterministic generator of realistic school records, for benchmarks, crash tests and a demo
// school. Each pupil is registered, has a need identified, goes onto SEN support and then runs
// Assess-Plan-Do-Review cycles: a plan with SMART outcomes and costed provisions, two or three
// sessions a week until the review (some missed, some corrected or retracted later), sometimes an
// adjustment or a request for specialist advice, and a review whose decision shapes the next
// cycle; a few go on to an EHC needs assessment or leave SEN support. The school also rates its
// SEND practice twice against the 45 key statements of the self-evaluation tool.
//
// Every pupil stream is valid under the pupil record's rules (school_workload_test.cc replays
// each one through PupilRecord::Decide), and within a stream occurred_on never goes backwards.
// The same options give the same bytes on every platform and Abseil version: the generator draws
// from its own SplitMix64, not from a library engine whose sequence may change between releases.
//
// Cost: under a microsecond an event (a million in about 0.7 s, one pupil at a time). PupilEvents
// holds one pupil; Interleaved holds the whole school, about 1 KB an event (a million events: 2 s
// and 1 GB), so a benchmark of millions of events may rather append pupil by pupil. Thread-safe:
// all methods are const and share nothing mutable.
#ifndef ENDEAVOUR_PROJECTIONS_TESTING_SCHOOL_WORKLOAD_H_
#define ENDEAVOUR_PROJECTIONS_TESTING_SCHOOL_WORKLOAD_H_

#include <cstdint>
#include <string>
#include <vector>

#include "endeavour/v1/common.pb.h"
#include "endeavour/v1/envelope.pb.h"

namespace endeavour::projections::testing {

// Monday 2 September 2024: the first day of an English school year.
v1::Date DefaultWorkloadStart();

struct WorkloadOptions {
  std::string tenant = "school-1";
  int pupils = 100;
  // Each pupil's stream stops at this many events; a pupil who leaves SEN support stops a little
  // short of it.
  int events_per_pupil = 100;
  uint64_t seed = 1;
  // The first registration date. With 100 events a pupil, no event is dated more than two years
  // after it; more events a pupil reach further.
  v1::Date start = DefaultWorkloadStart();
};

// One event to append to `stream_id`. The envelope carries event_id, event_type, tenant, actor,
// occurred_on (the date of the fact itself), correlation_id (one per pupil and cycle) and
// payload; the store assigns position, stream_id, stream_version and recorded_at.
struct WorkloadEvent {
  std::string stream_id;
  v1::EventEnvelope envelope;
};

class SchoolWorkload {
 public:
  explicit SchoolWorkload(WorkloadOptions options);

  const WorkloadOptions& options() const { return options_; }

  // "pupil/<tenant>/<pupil id>" of pupil `index`.
  std::string PupilStreamId(int index) const;

  // All events of pupil `index` (0-based) in stream order, a function of (seed, index) alone: a
  // pupil's story does not depend on how many pupils the school has. Event ids are
  // "<tenant>:s<seed>-p<index>-e<n>", so they are unique across pupils, seeds and tenants.
  std::vector<WorkloadEvent> PupilEvents(int index) const;

  // Every pupil's events merged the way a school records them: by occurred_on across pupils (so
  // the log mixes streams), each stream's own order kept; ties go to the lower pupil index.
  std::vector<WorkloadEvent> Interleaved() const;

  // Two rounds of ratings of all 45 key statements, three to four months apart, with improvement
  // actions against the largest gaps after the first: stream "school/<tenant>/self-evaluation".
  std::vector<WorkloadEvent> SelfEvaluationEvents() const;

 private:
  WorkloadOptions options_;
};

}  // namespace endeavour::projections::testing

#endif  // ENDEAVOUR_PROJECTIONS_TESTING_SCHOOL_WORKLOAD_H_
