// The "join the dots" chart of the self-evaluation (seed 001, step 2) as an <svg> element, for
// the standalone SVG file and for the HTML report that embeds it.
#ifndef ENDEAVOUR_CLIENTS_REPORT_SELF_EVALUATION_CHART_H_
#define ENDEAVOUR_CLIENTS_REPORT_SELF_EVALUATION_CHART_H_

#include <string>

#include "clients/report/report.h"
#include "endeavour/v1/school_views.pb.h"

namespace endeavour::report {

// Left: one panel per section, a row per key statement on the 0-10 scale over the three evidence
// bands, the current ratings joined by a solid line and the targets by a dashed one (ratings of 0,
// not applicable, and statements never rated are missed out of the lines, as the tool asks).
// Right: the averages round by round, then the gaps ranked, largest first. Below: the footer.
std::string SelfEvaluationSvgElement(const v1::SelfEvaluationTrends& trends,
                                     const Provenance& provenance);

// The same chart in pieces, each an <svg> element, for a document that flows over pages: the
// legend, one section's panel, and the averages round by round.
std::string ChartLegendSvg();
std::string SectionPanelSvg(const v1::TrendSection& section);
std::string RoundsSvg(const v1::SelfEvaluationTrends& trends);

}  // namespace endeavour::report

#endif  // ENDEAVOUR_CLIENTS_REPORT_SELF_EVALUATION_CHART_H_
