// The self-evaluation trends view (school_views.proto): per key statement of the tool, the series
// of current and target ratings, the latest rating, its gap and evidence band, the improvement
// actions; per section and per round, averages that leave out "not applicable"; and the gaps
// ranked across the school. It is what the "join the dots" chart of seed 001 is drawn from.
#ifndef ENDEAVOUR_PROJECTIONS_SELF_EVALUATION_TRENDS_H_
#define ENDEAVOUR_PROJECTIONS_SELF_EVALUATION_TRENDS_H_

#include "endeavour/v1/common.pb.h"
#include "endeavour/v1/school_views.pb.h"
#include "projections/self_evaluation_file.h"

namespace endeavour::projections {

// The view of everything folded into `file`. Pure; the date-dependent fields are left empty, so
// the result can be stored and compared.
//
// Every section and key statement of the tool appears, rated or not, in the tool's order. A
// statement's band comes from its latest current rating: 0 is EVIDENCE_BAND_NOT_APPLICABLE (the
// tool's pages put 0 in the lowest band, but a statement that does not apply is not a weakness),
// 1-3, 4-6 and 7-10 are the tool's three bands. Averages and the gap ranking leave out 0 ratings;
// ratings superseded by a later one for the same statement and day are kept in the series but
// left out of rounds.
v1::SelfEvaluationTrends RenderTrends(const SelfEvaluationFile& file);

// Marks improvement actions overdue as of `today` (due_on before today) and fills anything else
// that depends on the date: days overdue, overdue counts, targets whose date has passed, as_of.
// The stored view is rendered without it. Calling it again with another date replaces what an
// earlier call filled.
void FillTrendsAsOf(const v1::Date& today, v1::SelfEvaluationTrends& trends);

}  // namespace endeavour::projections

#endif  // ENDEAVOUR_PROJECTIONS_SELF_EVALUATION_TRENDS_H_
