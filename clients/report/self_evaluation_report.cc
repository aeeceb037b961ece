// The self-evaluation report: the "join the dots" chart inline, then the figures behind it as
// tables a governing body can read: the gaps ranked, each section's averages, the rounds, and the
// improvement plan.
#include "absl/strings/str_cat.h"
#include "clients/report/document.h"
#include "clients/report/footer.h"
#include "clients/report/labels.h"
#include "clients/report/report.h"
#include "clients/report/self_evaluation_chart.h"

namespace endeavour::report {
namespace {

std::string SectionTitle(const v1::SelfEvaluationTrends& trends, v1::SelfEvaluationSection id) {
  for (const v1::TrendSection& section : trends.sections()) {
    if (section.section() == id) return section.title();
  }
  return absl::StrCat("Section ", static_cast<int>(id));
}

void AddGaps(const v1::SelfEvaluationTrends& trends, Document& document) {
  document.Add(Heading{.level = 2, .text = "Gaps, largest first", .new_page = true});
  document.Add(Paragraph{
      .text = "Where the gap between where the school is now and where it wants to be is "
              "greatest is where to put the effort, planning and monitoring. Statements rated "
              "not applicable are left out.",
      .tone = Tone::kNote});
  if (trends.gaps().empty()) {
    document.Add(Paragraph{.text = "No statement has been rated yet.", .tone = Tone::kNote});
    return;
  }
  Table table{.columns = {"Rank", "Section", "Key statement", "Now", "Target", "Gap", "Rated on",
                          "Actions"},
              .numeric_columns = {0, 3, 4, 5, 7}};
  int rank = 0;
  for (const v1::TrendGap& gap : trends.gaps()) {
    const bool unplanned = gap.gap() > 0 && gap.actions() == 0;
    table.rows.push_back(
        TableRow{.cells = {absl::StrCat(++rank), SectionTitle(trends, gap.section()),
                           Text().Strong(absl::StrCat(gap.statement(), ". ")).Plain(gap.text()),
                           absl::StrCat(gap.current_rating()), absl::StrCat(gap.target_rating()),
                           Text().Strong(absl::StrCat(gap.gap())), ShortDateText(gap.rated_on()),
                           unplanned ? Text().Flag("NONE") : Text(absl::StrCat(gap.actions()))},
                 .tone = unplanned ? Tone::kWarning : Tone::kNormal});
  }
  document.Add(std::move(table));
}

void AddSections(const v1::SelfEvaluationTrends& trends, Document& document) {
  document.Add(Heading{.level = 2, .text = "Sections"});
  Table table{.columns = {"Section", "Rated", "Not applicable", "Average now", "Average target",
                          "Overdue actions"},
              .numeric_columns = {1, 2, 3, 4, 5}};
  for (const v1::TrendSection& s : trends.sections()) {
    const bool any = s.latest().statements() > 0;
    table.rows.push_back(TableRow{
        .cells = {absl::StrCat(s.section(), ". ", s.title()),
                  absl::StrCat(s.statements_rated(), " of ", s.statements_size()),
                  absl::StrCat(s.statements_not_applicable()),
                  any ? OneDecimal(s.latest().current()) : "—",
                  any ? OneDecimal(s.latest().target()) : "—", absl::StrCat(s.overdue_actions())}});
  }
  const v1::TrendAverages& overall = trends.overall();
  table.rows.push_back(TableRow{
      .cells = {Text().Strong("Whole school"), "", "",
                Text().Strong(overall.statements() > 0 ? OneDecimal(overall.current()) : "—"),
                Text().Strong(overall.statements() > 0 ? OneDecimal(overall.target()) : "—"),
                Text().Strong(absl::StrCat(trends.overdue_actions()))}});
  document.Add(std::move(table));
}

void AddRounds(const v1::SelfEvaluationTrends& trends, Document& document) {
  document.Add(Heading{.level = 2, .text = "Rounds"});
  document.Add(Paragraph{
      .text = "The tool asks for a revisit every three to four months. Each round's averages are "
              "over the statements rated in that round.",
      .tone = Tone::kNote});
  if (trends.rounds().empty()) {
    document.Add(Paragraph{.text = "No round yet.", .tone = Tone::kNote});
    return;
  }
  Table table{.columns = {"Rated on", "Ratings", "Sections rated", "Average now", "Average target"},
              .numeric_columns = {1, 2, 3, 4}};
  for (const v1::TrendRound& round : trends.rounds()) {
    table.rows.push_back(TableRow{
        .cells = {DateText(round.rated_on()), absl::StrCat(round.ratings()),
                  absl::StrCat(round.sections_size()), OneDecimal(round.overall().current()),
                  OneDecimal(round.overall().target())}});
  }
  document.Add(std::move(table));
}

void AddActions(const v1::SelfEvaluationTrends& trends, Document& document) {
  document.Add(Heading{.level = 2, .text = "Improvement plan"});
  Table table{.columns = {"Statement", "Action", "Owner", "Success measure", "Due"}};
  for (const v1::TrendSection& section : trends.sections()) {
    for (const v1::TrendStatement& statement : section.statements()) {
      for (const v1::TrendAction& a : statement.actions()) {
        Text due = Text(ShortDateText(a.due_on()));
        if (a.overdue()) {
          due.Plain("\n").Flag("OVERDUE").Plain(Count(a.days_overdue(), "day", "days"));
        }
        table.rows.push_back(
            TableRow{.cells = {absl::StrCat(section.title(), " ", statement.statement()),
                               a.action(), a.owner(), a.success_measure(), std::move(due)},
                     .tone = a.overdue() ? Tone::kWarning : Tone::kNormal});
      }
    }
  }
  if (table.rows.empty()) {
    document.Add(Paragraph{.text = "No improvement action planned yet.", .tone = Tone::kNote});
    return;
  }
  document.Add(std::move(table));
}

}  // namespace

std::string RenderSelfEvaluationReport(const v1::SelfEvaluationTrends& trends,
                                       const Provenance& provenance) {
  Document document;
  document.title = absl::StrCat("SEND self-evaluation: ", trends.tenant());
  document.subtitle.push_back(Text(
      "The whole-school SEND self-evaluation: each key statement rated 0-10 for where the school "
      "is now and where it wants to be in 6 to 12 months."));
  if (trends.has_as_of()) {
    document.subtitle.push_back(
        Text(absl::StrCat("Dates reckoned to ", DateText(trends.as_of()), ".")));
  }
  document.Add(Heading{.level = 2, .text = "Join the dots"});
  document.Add(Paragraph{
      .text = "For each key statement, where the school is now (solid line) and where it wants to "
              "be (dashed line). Statements rated 0, not applicable, and statements not rated "
              "are missed out of the lines, as the tool asks.",
      .tone = Tone::kNote});
  document.Add(TrustedMarkup{.markup = ChartLegendSvg()});
  for (const v1::TrendSection& section : trends.sections()) {
    document.Add(TrustedMarkup{.markup = SectionPanelSvg(section)});
  }
  document.Add(Heading{.level = 2, .text = "Averages round by round", .new_page = true});
  document.Add(TrustedMarkup{.markup = RoundsSvg(trends), .narrow = true});
  AddGaps(trends, document);
  AddSections(trends, document);
  AddRounds(trends, document);
  AddActions(trends, document);
  document.footer = FooterLines(provenance, trends.tenant(), trends.last_position());
  return WriteHtml(document);
}

}  // namespace endeavour::report
