// The two projections behind the views. Each folds one kind of stream into a file per stream
// (PupilFile, SelfEvaluationFile) and, at every flush, stores the views rendered from each file
// that changed:
//
//   pupil_views      plan/<stream>, history/<stream>, register/<stream>   (stream "pupil/...")
//   self_evaluation  trends/<stream>                                      (stream "school/...")
//
// The files are a cache, not state: a file not in memory is folded again from its stream, up to
// the event being applied (the log is the truth, and its stream versions say exactly which
// events come before). So the stored views are always a function of the events folded in, and a
// restart, an eviction or a replay after a failed write cannot count anything twice.
#ifndef ENDEAVOUR_PROJECTIONS_VIEW_PROJECTIONS_H_
#define ENDEAVOUR_PROJECTIONS_VIEW_PROJECTIONS_H_

#include <cstddef>
#include <memory>
#include <string>

#include "eventstore/event_store.h"
#include "projections/projection.h"

namespace endeavour::projections {

inline constexpr char kPupilViews[] = "pupil_views";
inline constexpr char kSelfEvaluationViews[] = "self_evaluation";

// Keys of the stored views, relative to their projection.
std::string PlanKey(const std::string& stream_id);
std::string HistoryKey(const std::string& stream_id);
std::string RegisterKey(const std::string& stream_id);
std::string TrendsKey(const std::string& stream_id);

struct ViewProjectionOptions {
  // Files kept in memory between flushes; past it, files not touched since the last flush are
  // dropped (and folded again from their stream if needed).
  size_t max_cached_files = 20000;
};

// `store` is read to fold a file again; it must outlive the projection.
std::unique_ptr<Projection> MakePupilViewsProjection(const eventstore::EventStore& store,
                                                     ViewProjectionOptions options = {});
std::unique_ptr<Projection> MakeSelfEvaluationProjection(const eventstore::EventStore& store,
                                                         ViewProjectionOptions options = {});

}  // namespace endeavour::projections

#endif  // ENDEAVOUR_PROJECTIONS_VIEW_PROJECTIONS_H_
