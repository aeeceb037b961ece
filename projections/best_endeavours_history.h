// The best-endeavours history: every Assess-Plan-Do-Review-Learn cycle of a pupil's record, in
// order, with the resource the school put in, what came of it, the advice it sought and the
// escalations it made, and every correction and retraction shown beside what it changed. It is
// what a tribunal or a local authority reads as "relevant and purposeful action"; the evidence
// pack and the report are rendered from it. A pure function of a PupilFile with no date in it:
// an active cycle's planned figures, which depend on the day, are left to the current plan.
#ifndef ENDEAVOUR_PROJECTIONS_BEST_ENDEAVOURS_HISTORY_H_
#define ENDEAVOUR_PROJECTIONS_BEST_ENDEAVOURS_HISTORY_H_

#include <string>
#include <vector>

#include "endeavour/v1/common.pb.h"
#include "endeavour/v1/pupil_views.pb.h"
#include "google/protobuf/message.h"
#include "projections/pupil_file.h"

namespace endeavour::projections {

v1::BestEndeavoursHistory RenderHistory(const PupilFile& file);

// One cycle of the history: the plan `plan` and what followed it until the next plan that stands
// (best_endeavours_history_cycle.cc).
v1::CycleHistory RenderCycle(const PupilFile& file, const domain::Recorded<v1::PlanAgreed>& plan);

// How the fact first recorded by event `event_id` came to stand: where it was recorded, each
// correction in order with the fields it changed (from `original`, the content as first
// recorded, then from each correction's content), and its retraction.
v1::FactTrail TrailOf(const PupilFile& file, const std::string& event_id,
                      const google::protobuf::Message& original);

// The fact as one of the *Shown messages of pupil_views.proto: its current content, its original
// beside it when it was corrected, and its trail.
template <typename Shown, typename Message>
Shown ShowFact(const PupilFile& file, const domain::Recorded<Message>& fact) {
  Shown shown;
  *shown.mutable_current() = fact.current;
  *shown.mutable_trail() = TrailOf(file, fact.event_id, fact.original());
  if (shown.trail().corrections_size() > 0) *shown.mutable_original() = fact.original();
  return shown;
}

// A need with whether it still stands and what replaced it.
v1::NeedShown ShowNeed(const PupilFile& file, const domain::Recorded<v1::NeedIdentified>& need);

// The requests for specialist advice, each with the advice it brought, and the requests for an
// EHC needs assessment, dated on or after `from` and before `until` (an unset date leaves that
// end open), in date order, retracted ones marked.
std::vector<v1::AdviceShown> AdviceDated(const PupilFile& file, const v1::Date& from,
                                         const v1::Date& until);
std::vector<v1::EhcRequestShown> EhcRequestsDated(const PupilFile& file, const v1::Date& from,
                                                  const v1::Date& until);

}  // namespace endeavour::projections

#endif  // ENDEAVOUR_PROJECTIONS_BEST_ENDEAVOURS_HISTORY_H_
