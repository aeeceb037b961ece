// The reports of `endeavour report`, rendered from the views the query service returns: the
// best-endeavours history a tribunal panel reads (HTML or Markdown), the school's self-evaluation
// as the tool's "join the dots" chart (SVG, or HTML with the ranked gaps), and the school overview
// (HTML or Markdown). Pure functions from view messages to text: no gRPC, no files, no clock;
// every string from the record is escaped. The HTML is one self-contained file that prints to A4.
#ifndef ENDEAVOUR_CLIENTS_REPORT_REPORT_H_
#define ENDEAVOUR_CLIENTS_REPORT_REPORT_H_

#include <cstdint>
#include <string>

#include "absl/time/time.h"
#include "endeavour/v1/pupil_views.pb.h"
#include "endeavour/v1/school_views.pb.h"

namespace endeavour::report {

// Where a report's figures came from, for its footer: what a reader needs to check it against
// the log.
struct Provenance {
  // The as-of point asked for, in words ("log position 42", "what had happened by 1 September
  // 2025"); empty for the record as it stands.
  std::string as_of;
  // The Merkle tree head read when the report was made: the log's size and its RFC 6962 root
  // (32 raw bytes). tree_size 0 when it could not be read, with the reason in tree_head_note.
  uint64_t tree_size = 0;
  std::string root_hash;
  std::string tree_head_note;
  absl::Time made_at = absl::UnixEpoch();
};

enum class DocumentFormat { kHtml, kMarkdown };

// Cycle by cycle: needs and their evidence, plans and outcomes, provision with time and cost,
// adjustments, sessions, external advice, reviews, what was learnt; every correction beside what
// it corrected, retracted facts struck through with the reason.
std::string RenderHistoryReport(const v1::BestEndeavoursHistory& history,
                                const Provenance& provenance, DocumentFormat format);

// The SEN register with census codes, reviews due and overdue, delivery against plan, and the
// pupils whose reviews suggest escalation.
std::string RenderOverviewReport(const v1::SchoolOverview& overview, const Provenance& provenance,
                                 DocumentFormat format);

// The "join the dots" chart as a standalone SVG document: per section, each key statement's
// current rating and target joined as two lines over the evidence bands; the trend over rounds;
// the gaps ranked.
std::string RenderSelfEvaluationChart(const v1::SelfEvaluationTrends& trends,
                                      const Provenance& provenance);

// The chart inline in an HTML document, with the ranked gaps, the averages, the rounds and the
// improvement actions as tables.
std::string RenderSelfEvaluationReport(const v1::SelfEvaluationTrends& trends,
                                       const Provenance& provenance);

}  // namespace endeavour::report

#endif  // ENDEAVOUR_CLIENTS_REPORT_REPORT_H_
