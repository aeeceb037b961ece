// The pieces of the best-endeavours history report (report.h), shared by its files: how a fact's
// trail is shown, the needs, the advice, and the cycle with its phases.
#ifndef ENDEAVOUR_CLIENTS_REPORT_HISTORY_PARTS_H_
#define ENDEAVOUR_CLIENTS_REPORT_HISTORY_PARTS_H_

#include "clients/report/document.h"
#include "endeavour/v1/pupil_views.pb.h"

namespace endeavour::report {

// `text` as it is shown for a fact: struck through when the fact was retracted.
Text AsShown(const Text& text, bool retracted);

// "RETRACTED" before a retracted fact's title, "CORRECTED" before a corrected one's.
Text TrailFlags(const v1::FactTrail& trail);

// Beside a fact: each correction (who, when, why, and every field changed from its value before
// to its value after) and its retraction (who, when, why). Nothing when neither.
void AddTrail(const v1::FactTrail& trail, Document& document);
// The same for a fact shown in a table row, naming the row.
void AddTrail(const std::string& what, const v1::FactTrail& trail, Document& document);

// Assess: a need with its evidence, who agrees with it, and what replaced it.
void AddNeed(const v1::NeedShown& need, Document& document);
// A request for specialist advice and the advice it brought.
void AddAdvice(const v1::AdviceShown& advice, Document& document);
void AddEhcRequest(const v1::EhcRequestShown& request, Document& document);

// One Assess-Plan-Do-Review-Learn cycle (history_cycle.cc), and its Do phase: each provision's
// resource planned against delivered, adjustments and sessions (history_provision.cc).
void AddCycle(const v1::CycleHistory& cycle, Document& document);
void AddDo(const v1::CycleHistory& cycle, Document& document);
// A review, the one that ended a cycle or a retracted one.
void AddReview(const v1::CycleHistory& cycle, const v1::ReviewShown& review, Document& document);

}  // namespace endeavour::report

#endif  // ENDEAVOUR_CLIENTS_REPORT_HISTORY_PARTS_H_
