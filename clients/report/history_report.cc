// The best-endeavours history report: who the pupil is, the whole record at a glance, the route
// onto SEN support, then each cycle, and the footer that ties the document to the log.
#include "absl/strings/str_cat.h"
#include "clients/report/document.h"
#include "clients/report/footer.h"
#include "clients/report/history_parts.h"
#include "clients/report/labels.h"
#include "clients/report/report.h"

namespace endeavour::report {
namespace {

void AddPupil(const v1::BestEndeavoursHistory& history, Document& document) {
  const v1::PupilRegistered& pupil = history.pupil().current();
  Fields fields;
  fields.entries.push_back({"Pupil", Text().Strong(pupil.display_name())});
  fields.entries.push_back({"School's pupil id", Text().Code(pupil.pupil_id())});
  fields.entries.push_back({"Date of birth", DateText(pupil.date_of_birth())});
  fields.entries.push_back({"Year group", pupil.year_group() == 0
                                              ? std::string("Reception")
                                              : absl::StrCat("Year ", pupil.year_group())});
  fields.entries.push_back({"On the school's record since", DateText(pupil.registered_on())});
  fields.entries.push_back({"SEN status now", Text().Strong(SenStatusText(history.status()))});
  fields.entries.push_back({"Record", Text().Code(history.stream_id())});
  document.Add(std::move(fields));
  AddTrail("The pupil's registration", history.pupil().trail(), document);
}

void AddAtAGlance(const v1::BestEndeavoursHistory& history, Document& document) {
  const v1::HistoryTotals& t = history.totals();
  const v1::DeliveryTotals& d = t.delivery();
  document.Add(Heading{.level = 2, .text = "The record at a glance"});
  Fields fields;
  fields.entries.push_back(
      {"Assess-Plan-Do-Review cycles",
       absl::StrCat(t.cycles(), " (", t.reviewed_cycles(), " reviewed, ",
                    t.cycles_with_outcome_not_met(), " with an outcome not met)")});
  fields.entries.push_back(
      {"Intervention sessions",
       absl::StrCat(d.sessions_logged(), " logged, ", d.sessions_attended(), " attended (",
                    PercentText(d.attendance_rate()), "); lost: pupil absent ",
                    d.sessions_pupil_absent(), ", staff absent ", d.sessions_staff_absent(),
                    ", cancelled ", d.sessions_cancelled())});
  fields.entries.push_back(
      {"Time", absl::StrCat(d.minutes_delivered(), " minutes delivered; ", d.minutes_planned(),
                            " minutes planned in the reviewed cycles")});
  fields.entries.push_back({"Cost", absl::StrCat(MoneyText(d.cost_planned_pence()),
                                                 " of provision planned in the reviewed cycles")});
  fields.entries.push_back({"Specialist advice", absl::StrCat(t.advice_requests(), " requested, ",
                                                              t.advice_received(), " received")});
  fields.entries.push_back({"EHC needs assessment requests", absl::StrCat(t.ehc_requests())});
  fields.entries.push_back(
      {"Corrections and retractions",
       absl::StrCat(Count(t.corrections(), "correction", "corrections"), " and ",
                    Count(t.retractions(), "retraction", "retractions"),
                    ", each shown in place beside what it changed")});
  document.Add(std::move(fields));

  if (history.cycles().empty()) return;
  Table cycles{.columns = {"Cycle", "Plan agreed", "Reviewed", "Progress", "Decision",
                           "Minutes delivered / planned", "Cost planned"},
               .numeric_columns = {0, 5, 6}};
  for (const v1::CycleHistory& c : history.cycles()) {
    const bool retracted = c.plan().trail().retracted();
    const v1::DeliveryTotals& ct = c.questions().delivery().totals();
    const bool reviewed = c.has_review();
    cycles.rows.push_back(TableRow{
        .cells = {AsShown(absl::StrCat(c.cycle()), retracted),
                  AsShown(ShortDateText(c.plan().current().agreed_on()), retracted),
                  reviewed ? ShortDateText(c.review().current().held_on()) : "not yet",
                  retracted ? Text().Flag("RETRACTED")
                            : Text(VerdictShortText(c.questions().progress())),
                  reviewed ? DecisionShortText(c.review().current().decision()) : "",
                  reviewed ? absl::StrCat(ct.minutes_delivered(), " / ", ct.minutes_planned())
                           : absl::StrCat(ct.minutes_delivered(), " / —"),
                  reviewed ? MoneyText(ct.cost_planned_pence()) : "—"},
        .tone = retracted ? Tone::kRetracted : Tone::kNormal});
  }
  document.Add(std::move(cycles));
}

void AddStatusChanges(const v1::BestEndeavoursHistory& history, Document& document) {
  document.Add(Heading{.level = 2, .text = "SEN status: decisions and parents informed"});
  if (history.status_changes().empty()) {
    document.Add(Paragraph{.text = "No change of SEN status recorded.", .tone = Tone::kNote});
    return;
  }
  Table table{.columns = {"Decided on", "Change", "Parents informed", "Reason", "Recorded"}};
  for (const v1::StatusChangeShown& s : history.status_changes()) {
    const v1::SenStatusChanged& c = s.current();
    const bool retracted = s.trail().retracted();
    Text decided = TrailFlags(s.trail());
    decided.Append(AsShown(ShortDateText(c.decided_on()), retracted));
    table.rows.push_back(
        TableRow{.cells = {std::move(decided),
                           AsShown(absl::StrCat(SenStatusCode(c.from_status()), " → ",
                                                SenStatusText(c.to_status())),
                                   retracted),
                           AsShown(ShortDateText(c.parents_informed_on()), retracted),
                           AsShown(c.reason(), retracted), SourceText(s.trail().source())},
                 .tone = retracted ? Tone::kRetracted : Tone::kNormal});
  }
  document.Add(std::move(table));
  for (const v1::StatusChangeShown& s : history.status_changes()) {
    AddTrail(absl::StrCat("The status change decided on ", DateText(s.current().decided_on())),
             s.trail(), document);
  }
}

void AddTransfer(const std::string& label, const v1::TransferShown& shown, Document& document) {
  const v1::PupilTransferred& t = shown.transfer();
  Fields fields;
  fields.entries.push_back(
      {label,
       absl::StrCat(DateText(t.transferred_on()),
                    t.direction() == v1::PupilTransferred::DIRECTION_IN ? ", from " : ", to ",
                    t.other_school())});
  if (!t.from_stream_id().empty()) {
    fields.entries.push_back(
        {"The history before it",
         Text()
             .Code(t.from_stream_id())
             .Plain(absl::StrCat(", up to log position ", t.from_head_position(), ", last leaf "))
             .Code(Hex(t.from_head_leaf_hash()))});
  }
  fields.entries.push_back({"Recorded", SourceText(shown.source())});
  document.Add(std::move(fields));
}

void AddOutsideCycles(const v1::BestEndeavoursHistory& history, Document& document) {
  if (history.has_transferred_in()) {
    document.Add(Heading{.level = 2, .text = "Arrived from another school"});
    AddTransfer("Transferred in on", history.transferred_in(), document);
  }
  if (!history.needs_outside_cycles().empty()) {
    document.Add(Heading{.level = 2, .text = "Needs no standing plan addresses"});
    document.Add(Paragraph{.text = "Identified before any plan, not yet planned for, or withdrawn.",
                           .tone = Tone::kNote});
    for (const v1::NeedShown& need : history.needs_outside_cycles()) AddNeed(need, document);
  }
  if (!history.advice_outside_cycles().empty() || !history.ehc_requests_outside_cycles().empty()) {
    document.Add(Heading{.level = 2, .text = "Advice and requests before the first plan"});
    for (const v1::AdviceShown& advice : history.advice_outside_cycles()) {
      AddAdvice(advice, document);
    }
    for (const v1::EhcRequestShown& request : history.ehc_requests_outside_cycles()) {
      AddEhcRequest(request, document);
    }
  }
}

}  // namespace

std::string RenderHistoryReport(const v1::BestEndeavoursHistory& history,
                                const Provenance& provenance, DocumentFormat format) {
  Document document;
  const std::string& name = history.pupil().current().display_name();
  document.title = absl::StrCat("Best-endeavours history: ", name.empty() ? "unnamed pupil" : name);
  const std::string school = SchoolOfStream(history.stream_id());
  document.subtitle.push_back(Text(absl::StrCat(
      "What ", school.empty() ? "the school" : school,
      " did to identify, assess and meet this pupil's special educational needs, cycle by cycle "
      "(Assess, Plan, Do, Review, Learn), as the evidence ledger records it.")));
  document.subtitle.push_back(
      Text("Nothing in the record is edited or deleted: each correction is shown beside what it "
           "corrected, and each fact withdrawn in error is struck through with the reason."));
  AddPupil(history, document);
  AddAtAGlance(history, document);
  AddStatusChanges(history, document);
  AddOutsideCycles(history, document);
  for (const v1::CycleHistory& cycle : history.cycles()) AddCycle(cycle, document);
  if (history.has_transferred_out()) {
    document.Add(Heading{.level = 2, .text = "Left for another school"});
    AddTransfer("Transferred out on", history.transferred_out(), document);
  }
  document.footer = FooterLines(provenance, school, history.last_position());
  return format == DocumentFormat::kHtml ? WriteHtml(document) : WriteMarkdown(document);
}

}  // namespace endeavour::report
