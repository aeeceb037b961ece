// How the reports word what the record holds in codes: enum values as the words a SENCO or a
// tribunal panel uses, dates, money, times, the event a fact came from. Plain text, not escaped:
// the document writers escape everything they are given.
#ifndef ENDEAVOUR_CLIENTS_REPORT_LABELS_H_
#define ENDEAVOUR_CLIENTS_REPORT_LABELS_H_

#include <cstdint>
#include <string>

#include "absl/time/time.h"
#include "endeavour/v1/common.pb.h"
#include "endeavour/v1/pupil_events.pb.h"
#include "endeavour/v1/pupil_views.pb.h"
#include "endeavour/v1/school_views.pb.h"
#include "endeavour/v1/send_codes.pb.h"
#include "endeavour/v1/views.pb.h"

namespace endeavour::report {

// "8 October 2025"; "not set" for an unset date (year 0).
std::string DateText(const v1::Date& date);
// "8 Oct 2025", for tables and chart axes.
std::string ShortDateText(const v1::Date& date);
// "2025-10-01 09:00 UTC".
std::string TimeText(absl::Time time);
// "£1,234.50".
std::string MoneyText(int64_t pence);
// "37%", from a 0-1 share.
std::string PercentText(double share);
// "4.3", one decimal place.
std::string OneDecimal(double value);
// "3 sessions", "1 session".
std::string Count(int64_t n, const std::string& singular, const std::string& plural);

// The census code letter and its meaning: "K (SEN support)".
std::string SenStatusText(v1::SenStatus status);
// The bare census letter: "N", "K", "E", "" when unspecified.
std::string SenStatusCode(v1::SenStatus status);
std::string AreaText(v1::AreaOfNeed area);
// The census code: "SpLD"; "" when unspecified.
std::string CensusCode(v1::CensusNeedType type);
// "SpLD (specific learning difficulty)".
std::string CensusText(v1::CensusNeedType type);
std::string RankText(v1::NeedRank rank);
std::string EvidenceKindText(v1::EvidenceKind kind);
std::string AgreementText(v1::Agreement agreement);
std::string WaveText(v1::Wave wave);
std::string AttendanceText(v1::Attendance attendance);
std::string EngagementText(v1::Engagement engagement);
std::string ProgressText(v1::OutcomeProgress progress);
std::string DecisionText(v1::ReviewDecision decision);
std::string ResourceChangeText(v1::ResourceChange change);
std::string ServiceText(v1::ExternalService service);
std::string RequesterText(v1::EhcRequester requester);
std::string RoleText(v1::Role role);
std::string VerdictText(v1::ProgressVerdict verdict);
// A word or two of each, for tables: "Partly", "Refine the plan".
std::string VerdictShortText(v1::ProgressVerdict verdict);
std::string DecisionShortText(v1::ReviewDecision decision);
std::string BandText(v1::EvidenceBand band);
// A few words for a section of the self-evaluation tool, where its full title does not fit:
// "Leadership", "Parents and carers", "Monitoring".
std::string SectionShortName(v1::SelfEvaluationSection section);
// `text` ending in a full stop (or ! or ?), for a reason or a note written without one.
std::string Sentence(const std::string& text);
// "Yes" or "No".
std::string YesNo(bool value);

// "recorded 1 October 2025 09:00 UTC by staff/1042 (SENCO), log position 101".
std::string SourceText(const v1::EventSource& source);

// "5 × 10 min a week, one-to-one, £12.50 a week".
std::string RateText(const v1::Provision& provision);

// The school named by a stream id "pupil/<school>/<pupil>" or "school/<school>/..."; "" if the
// id has no school part.
std::string SchoolOfStream(const std::string& stream_id);

}  // namespace endeavour::report

#endif  // ENDEAVOUR_CLIENTS_REPORT_LABELS_H_
