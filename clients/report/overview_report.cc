// The school overview report: the SEN register as the census sees it, reviews due and overdue,
// delivery against plan across the school and per pupil, and the pupils whose reviews suggest
// asking for more help.
#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "clients/report/document.h"
#include "clients/report/footer.h"
#include "clients/report/labels.h"
#include "clients/report/report.h"

namespace endeavour::report {
namespace {

Text PupilCell(const std::string& name, const std::string& pupil_id) {
  return Text().Strong(name).Plain("\n").Code(pupil_id);
}

std::string CycleText(const std::string& plan_id, int cycle) {
  return plan_id.empty() ? "between plans" : absl::StrCat(plan_id, " (cycle ", cycle, ")");
}

void AddRegister(const v1::SchoolOverview& overview, Document& document) {
  const v1::OverviewRegisterCounts& c = overview.counts();
  document.Add(Heading{.level = 2, .text = "SEN register"});
  document.Add(Paragraph{
      .text = absl::StrCat(c.on_register(), " of ", c.pupils(), " pupils on the register: ",
                           c.sen_support(), " at SEN support (K), ", c.ehc_plan(),
                           " with an EHC plan (E); ", c.no_sen(), " not on the register (N); ",
                           c.transferred_out(), " transferred out and counted apart.")});
  if (overview.sen_register().empty()) {
    document.Add(Paragraph{.text = "No pupil is on the register.", .tone = Tone::kNote});
    return;
  }
  Table table{
      .columns = {"Pupil", "Year", "Status", "Primary need", "Census type", "Plan", "Next review"},
      .numeric_columns = {1}};
  for (const v1::OverviewRegisterLine& line : overview.sen_register()) {
    const bool no_need = line.primary_census_type() == v1::CENSUS_NEED_TYPE_UNSPECIFIED;
    table.rows.push_back(TableRow{
        .cells = {PupilCell(line.display_name(), line.pupil_id()), absl::StrCat(line.year_group()),
                  SenStatusText(line.status()), AreaText(line.primary_area()),
                  no_need ? Text().Flag("MISSING") : Text(CensusText(line.primary_census_type())),
                  CycleText(line.active_plan_id(), line.active_cycle()),
                  line.next_review_date().year() != 0 ? ShortDateText(line.next_review_date())
                                                      : "none due"},
        .tone = no_need ? Tone::kWarning : Tone::kNormal});
  }
  document.Add(std::move(table));

  Table census{.columns = {"Census type", "SEN support (K)", "EHC plan (E)", "Total"},
               .numeric_columns = {1, 2, 3}};
  for (const v1::OverviewCensusTypeCount& n : overview.by_census_type()) {
    census.rows.push_back(
        TableRow{.cells = {n.census_type() == v1::CENSUS_NEED_TYPE_UNSPECIFIED
                               ? Text("No primary need recorded: fix before the census return")
                               : Text(CensusText(n.census_type())),
                           absl::StrCat(n.sen_support()), absl::StrCat(n.ehc_plan()),
                           absl::StrCat(n.total())}});
  }
  Table areas{.columns = {"Broad area of primary need", "SEN support (K)", "EHC plan (E)", "Total"},
              .numeric_columns = {1, 2, 3}};
  for (const v1::OverviewAreaCount& a : overview.by_area()) {
    areas.rows.push_back(TableRow{.cells = {AreaText(a.area()), absl::StrCat(a.sen_support()),
                                            absl::StrCat(a.ehc_plan()), absl::StrCat(a.total())}});
  }
  document.Add(Heading{.level = 3, .text = "By census SEN type of primary need"});
  document.Add(std::move(census));
  document.Add(Heading{.level = 3, .text = "By broad area of need"});
  document.Add(std::move(areas));
}

void AddReviewTable(const std::string& title, const std::string& days_label,
                    const google::protobuf::RepeatedPtrField<v1::OverviewReview>& reviews,
                    Tone tone, Document& document) {
  document.Add(Heading{.level = 3, .text = title});
  if (reviews.empty()) {
    document.Add(Paragraph{.text = "None.", .tone = Tone::kNote});
    return;
  }
  Table table{.columns = {"Pupil", "Status", "Plan", "Review date", days_label},
              .numeric_columns = {4}};
  for (const v1::OverviewReview& r : reviews) {
    table.rows.push_back(
        TableRow{.cells = {PupilCell(r.display_name(), r.pupil_id()), SenStatusCode(r.status()),
                           CycleText(r.active_plan_id(), r.active_cycle()),
                           ShortDateText(r.review_date()), absl::StrCat(r.days())},
                 .tone = tone});
  }
  document.Add(std::move(table));
}

std::vector<Text> DeliveryCells(const v1::OverviewDelivery& d) {
  std::string delivered = absl::StrCat(d.minutes_delivered());
  if (d.minutes_planned() > 0) {
    absl::StrAppend(&delivered, " (",
                    PercentText(static_cast<double>(d.minutes_delivered()) / d.minutes_planned()),
                    ")");
  }
  return {absl::StrCat(d.sessions_planned()),
          absl::StrCat(d.sessions_logged()),
          absl::StrCat(d.sessions_attended()),
          absl::StrCat(d.sessions_not_logged()),
          absl::StrCat(d.sessions_pupil_absent(), " / ", d.sessions_staff_absent(), " / ",
                       d.sessions_cancelled()),
          absl::StrCat(d.minutes_planned()),
          delivered,
          MoneyText(d.cost_planned_pence())};
}

void AddDelivery(const v1::SchoolOverview& overview, Document& document) {
  document.Add(Heading{.level = 2, .text = "Delivery against plan"});
  document.Add(Paragraph{
      .text = absl::StrCat("What the active plans planned up to ", DateText(overview.as_of()),
                           ", against what was logged. Lost sessions are shown as pupil absent / "
                           "staff absent / cancelled; not logged means planned but never logged "
                           "at all."),
      .tone = Tone::kNote});
  Table table{
      .columns = {"Pupil", "Sessions planned", "Logged", "Attended", "Not logged",
                  "Lost (P / S / C)", "Minutes planned", "Minutes delivered", "Cost planned"},
      .numeric_columns = {1, 2, 3, 4, 5, 6, 7, 8}};
  for (const v1::OverviewPupilDelivery& p : overview.delivery_by_pupil()) {
    TableRow row{
        .cells = {Text()
                      .Strong(p.display_name())
                      .Plain(absl::StrCat("\n", CycleText(p.active_plan_id(), p.active_cycle())))}};
    for (Text& cell : DeliveryCells(p.totals())) row.cells.push_back(std::move(cell));
    if (p.totals().sessions_not_logged() > 0) row.tone = Tone::kWarning;
    table.rows.push_back(std::move(row));
  }
  TableRow total{.cells = {Text().Strong("Whole school")}};
  for (const Text& cell : DeliveryCells(overview.delivery())) {
    Text strong;
    for (const Run& run : cell.runs()) strong.Strong(run.text);
    total.cells.push_back(std::move(strong));
  }
  table.rows.push_back(std::move(total));
  document.Add(std::move(table));
  if (!overview.delivery().cancellation_reasons().empty()) {
    BulletList reasons;
    for (const v1::OverviewCancellationReason& r : overview.delivery().cancellation_reasons()) {
      reasons.items.push_back(
          Text(absl::StrCat(r.reason(), ": ", Count(r.sessions(), "session", "sessions"))));
    }
    document.Add(Paragraph{.text = Text().Emphasis("Why sessions were cancelled:")});
    document.Add(std::move(reasons));
  }
}

void AddEscalations(const v1::SchoolOverview& overview, Document& document) {
  document.Add(Heading{.level = 2, .text = "Concerns persisting across cycles"});
  document.Add(Paragraph{
      .text = "Pupils at SEN support with at least two reviewed cycles, one or more with an "
              "outcome not met: a prompt to consider specialist advice or an EHC needs "
              "assessment, not a decision.",
      .tone = Tone::kNote});
  if (overview.escalations().empty()) {
    document.Add(Paragraph{.text = "None.", .tone = Tone::kNote});
    return;
  }
  Table table{.columns = {"Pupil", "Reviewed cycles", "With an outcome not met", "Last review",
                          "Last decision", "EHC needs assessment"},
              .numeric_columns = {1, 2}};
  for (const v1::OverviewEscalation& e : overview.escalations()) {
    table.rows.push_back(TableRow{
        .cells = {PupilCell(e.display_name(), e.pupil_id()), absl::StrCat(e.reviewed_cycles()),
                  absl::StrCat(e.reviewed_cycles_with_not_met()), ShortDateText(e.last_review_on()),
                  DecisionText(e.last_review_decision()),
                  e.ehc_needs_assessment_requested() ? "already requested" : "not requested"},
        .tone = e.ehc_needs_assessment_requested() ? Tone::kNormal : Tone::kWarning});
  }
  document.Add(std::move(table));
}

}  // namespace

std::string RenderOverviewReport(const v1::SchoolOverview& overview, const Provenance& provenance,
                                 DocumentFormat format) {
  Document document;
  document.title = absl::StrCat("SEND overview: ", overview.tenant());
  document.subtitle.push_back(
      Text(absl::StrCat("The school's SEND picture on ", DateText(overview.as_of()), ".")));
  AddRegister(overview, document);
  document.Add(Heading{.level = 2, .text = "Reviews"});
  AddReviewTable("Overdue", "Days overdue", overview.reviews_overdue(), Tone::kWarning, document);
  AddReviewTable(absl::StrCat("Due within ", overview.due_within_days(), " days"), "Days to go",
                 overview.reviews_due(), Tone::kNormal, document);
  AddDelivery(overview, document);
  AddEscalations(overview, document);
  if (overview.entries_left_out() > 0) {
    document.Add(
        Paragraph{.text = absl::StrCat(overview.entries_left_out(),
                                       " register entries were left out because they are not this "
                                       "school's pupils."),
                  .tone = Tone::kWarning});
  }
  document.footer = FooterLines(provenance, overview.tenant(), overview.last_position());
  return format == DocumentFormat::kHtml ? WriteHtml(document) : WriteMarkdown(document);
}

}  // namespace endeavour::report
