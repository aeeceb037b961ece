// The views as tables for people: the main facts a SENCO looks for in each, not every field
// (`--output json` prints every field).
#ifndef ENDEAVOUR_CLIENTS_CLI_VIEW_TABLES_H_
#define ENDEAVOUR_CLIENTS_CLI_VIEW_TABLES_H_

#include <string>

#include "endeavour/v1/pupil_views.pb.h"
#include "endeavour/v1/school_views.pb.h"

namespace endeavour::cli {

// Pupil, status, areas of need, the plan's outcomes and provision, delivery against plan, lost
// sessions and the next review.
std::string RenderCurrentPlan(const v1::CurrentPlan& plan);

// The pupil, the status changes, then the cycles one line each and each cycle's outcomes,
// provision, review and what it taught.
std::string RenderHistory(const v1::BestEndeavoursHistory& history);

// Section averages, the rated statements, the biggest gaps, the rounds and the actions.
std::string RenderTrends(const v1::SelfEvaluationTrends& trends);

// Register counts, the SEN register, reviews overdue and due, delivery and escalations.
std::string RenderOverview(const v1::SchoolOverview& overview);

}  // namespace endeavour::cli

#endif  // ENDEAVOUR_CLIENTS_CLI_VIEW_TABLES_H_
