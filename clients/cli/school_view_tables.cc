// The school views as tables: the self-evaluation trends and the school overview.
#include <string>

#include "absl/strings/ascii.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_format.h"
#include "clients/cli/enum_names.h"
#include "clients/cli/table.h"
#include "clients/cli/view_tables.h"

namespace endeavour::cli {
namespace {

std::string Averages(const v1::TrendAverages& a) {
  if (a.statements() == 0) return "-";
  return absl::StrFormat("%.1f now, %.1f target (over %d statement%s)", a.current(), a.target(),
                         a.statements(), a.statements() == 1 ? "" : "s");
}

std::string Statement(v1::SelfEvaluationSection section, int number) {
  return absl::StrCat(Label(section), " ", number);
}

std::string TrendStatementsTable(const v1::SelfEvaluationTrends& trends) {
  Table statements({"statement", "now", "target", "gap", "band", "rated on", "actions", "text"});
  for (const v1::TrendSection& section : trends.sections()) {
    for (const v1::TrendStatement& s : section.statements()) {
      if (s.latest().rated_on().year() == 0) continue;
      statements.AddRow({Statement(s.section(), s.statement()),
                         std::to_string(s.latest().current_rating()),
                         std::to_string(s.latest().target_rating()), std::to_string(s.gap()),
                         Label(s.band()) + (s.target_date_passed() ? " (target date passed)" : ""),
                         FormatDate(s.latest().rated_on()), std::to_string(s.actions_size()),
                         Shorten(s.text(), 50)});
    }
  }
  return statements.empty() ? "No statement rated yet.\n" : statements.Render();
}

}  // namespace

std::string RenderTrends(const v1::SelfEvaluationTrends& trends) {
  Fields head;
  head.Add("School", trends.tenant());
  head.Add("As of", absl::StrCat(FormatDate(trends.as_of()), " (log position ",
                                 trends.last_position(), ")"));
  head.Add("Overall", Averages(trends.overall()));
  head.Add("Overdue actions", std::to_string(trends.overdue_actions()));
  std::string out = head.Render();
  out += Heading("Sections");
  Table sections({"section", "rated", "not applicable", "now", "target", "overdue actions"});
  for (const v1::TrendSection& s : trends.sections()) {
    const bool rated = s.latest().statements() > 0;
    sections.AddRow({s.title(), absl::StrCat(s.statements_rated(), "/", s.statements_size()),
                     std::to_string(s.statements_not_applicable()),
                     rated ? absl::StrFormat("%.1f", s.latest().current()) : "-",
                     rated ? absl::StrFormat("%.1f", s.latest().target()) : "-",
                     std::to_string(s.overdue_actions())});
  }
  out += sections.Render();
  out += Heading("Rated statements");
  out += TrendStatementsTable(trends);
  if (!trends.rounds().empty()) {
    out += Heading("Rounds");
    Table rounds({"rated on", "ratings", "overall"});
    for (const v1::TrendRound& r : trends.rounds()) {
      rounds.AddRow({FormatDate(r.rated_on()), std::to_string(r.ratings()), Averages(r.overall())});
    }
    out += rounds.Render();
  }
  Table actions({"action", "statement", "owner", "due", "overdue", "what"});
  for (const v1::TrendSection& section : trends.sections()) {
    for (const v1::TrendStatement& s : section.statements()) {
      for (const v1::TrendAction& a : s.actions()) {
        actions.AddRow({a.action_id(), Statement(s.section(), s.statement()), a.owner(),
                        FormatDate(a.due_on()),
                        a.overdue() ? absl::StrCat(a.days_overdue(), " days") : "no",
                        Shorten(a.action(), 50)});
      }
    }
  }
  if (!actions.empty()) out += Heading("Improvement actions") + actions.Render();
  return out;
}

namespace {

std::string ReviewsTable(const google::protobuf::RepeatedPtrField<v1::OverviewReview>& reviews,
                         const std::string& days_header) {
  Table table({"pupil", "name", "status", "plan", "review date", days_header});
  for (const v1::OverviewReview& r : reviews) {
    table.AddRow({r.pupil_id(), r.display_name(), Label(r.status()),
                  r.active_plan_id().empty() ? "-" : r.active_plan_id(),
                  FormatDate(r.review_date()), std::to_string(r.days())});
  }
  return table.empty() ? "None.\n" : table.Render();
}

}  // namespace

std::string RenderOverview(const v1::SchoolOverview& overview) {
  const v1::OverviewRegisterCounts& c = overview.counts();
  Fields head;
  head.Add("School", overview.tenant());
  head.Add("As of", absl::StrCat(FormatDate(overview.as_of()), " (log position ",
                                 overview.last_position(), ")"));
  head.Add("Pupils", absl::StrCat(c.pupils(), " (", c.on_register(), " on the SEN register: ",
                                  c.sen_support(), " SEN support, ", c.ehc_plan(), " EHC plan; ",
                                  c.transferred_out(), " transferred out)"));
  const v1::OverviewDelivery& d = overview.delivery();
  head.Add("Delivery",
           absl::StrCat(d.sessions_attended(), " of ", d.sessions_planned(),
                        " planned sessions attended; ", d.sessions_not_logged(), " not logged; ",
                        d.minutes_delivered(), " of ", d.minutes_planned(), " minutes; cost ",
                        FormatPence(d.cost_planned_pence())));
  std::string out = head.Render();
  out += Heading("SEN register");
  Table reg(
      {"pupil", "name", "year", "status", "primary need", "type", "plan", "cycle", "next review"});
  for (const v1::OverviewRegisterLine& l : overview.sen_register()) {
    reg.AddRow({l.pupil_id(), l.display_name(), std::to_string(l.year_group()), Label(l.status()),
                Label(l.primary_area()), absl::AsciiStrToUpper(Label(l.primary_census_type())),
                l.active_plan_id().empty() ? "-" : l.active_plan_id(),
                l.active_cycle() == 0 ? "-" : std::to_string(l.active_cycle()),
                FormatDate(l.next_review_date())});
  }
  out += reg.empty() ? "No pupil on the register.\n" : reg.Render();
  out += Heading("Reviews overdue");
  out += ReviewsTable(overview.reviews_overdue(), "days overdue");
  out += Heading(absl::StrCat("Reviews due within ", overview.due_within_days(), " days"));
  out += ReviewsTable(overview.reviews_due(), "days to go");
  if (!overview.escalations().empty()) {
    out += Heading("Concerns persisting across cycles");
    Table escalations({"pupil", "name", "reviewed cycles", "with outcome not met", "last review",
                       "EHC requested"});
    for (const v1::OverviewEscalation& e : overview.escalations()) {
      escalations.AddRow({e.pupil_id(), e.display_name(), std::to_string(e.reviewed_cycles()),
                          std::to_string(e.reviewed_cycles_with_not_met()),
                          FormatDate(e.last_review_on()),
                          e.ehc_needs_assessment_requested() ? "yes" : "no"});
    }
    out += escalations.Render();
  }
  return out;
}

}  // namespace endeavour::cli
