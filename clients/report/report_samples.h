// Realistic views for the renderers' tests, made by the projections themselves from the domain's
// test facts (Amelia Hughes, Year 4; services/domain/pupil_record_test_util.h), so the reports are
// tested against what the server really returns. Test-only.
#ifndef ENDEAVOUR_CLIENTS_REPORT_REPORT_SAMPLES_H_
#define ENDEAVOUR_CLIENTS_REPORT_REPORT_SAMPLES_H_

#include <string>
#include <vector>

#include "clients/report/report.h"
#include "endeavour/v1/pupil_views.pb.h"
#include "endeavour/v1/school_views.pb.h"

namespace endeavour::report::testing {

// Amelia's three cycles: the first reviewed with an outcome not met and an educational
// psychologist's advice sought; a second that built on it; a third ending in a request for an EHC
// needs assessment. In cycle 1 one session's minutes were corrected twice (10, then 15, then 12),
// another session was retracted, the review's spelling outcome was corrected from "not met" to
// "partly met", and her reading need's census type corrected from SpLD to MLD.
v1::BestEndeavoursHistory SampleHistory();

// Three rounds of the self-evaluation across all seven sections, with statements not applicable,
// statements never rated, and improvement actions (one overdue on the view's date).
v1::SelfEvaluationTrends SampleTrends();

// A school of four pupils on 5 February 2026: on SEN support, with an EHC plan, one not on the
// register, one transferred out; a review overdue, one due, delivery against plan.
v1::SchoolOverview SampleOverview();

// The footer's facts: tree of 230 events with a fixed root, made 5 February 2026 at 14:30 UTC.
Provenance SampleProvenance();

}  // namespace endeavour::report::testing

#endif  // ENDEAVOUR_CLIENTS_REPORT_REPORT_SAMPLES_H_
