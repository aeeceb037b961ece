// The pupil views as tables: the current plan and the best-endeavours history.
#include <string>
#include <vector>

#include "absl/strings/ascii.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "clients/cli/enum_names.h"
#include "clients/cli/table.h"
#include "clients/cli/view_tables.h"

namespace endeavour::cli {
namespace {

std::string PupilLine(const v1::PupilRegistered& pupil) {
  if (pupil.pupil_id().empty()) return "-";
  return absl::StrCat(pupil.display_name(), " (", pupil.pupil_id(), "), year ", pupil.year_group());
}

std::string NeedLine(const v1::NeedIdentified& need) {
  return absl::StrCat(Label(need.area()), " (", absl::AsciiStrToUpper(Label(need.census_type())),
                      ", ", Label(need.rank()), ")");
}

std::string StatusLine(v1::SenStatus status, const v1::SenStatusChanged& change) {
  std::string line = Label(status);
  if (change.to_status() != v1::SEN_STATUS_UNSPECIFIED) {
    absl::StrAppend(&line, " (decided ", FormatDate(change.decided_on()), ", parents told ",
                    FormatDate(change.parents_informed_on()), ")");
  }
  return line;
}

std::string ReviewLine(const v1::CurrentPlan& plan) {
  std::string line = FormatDate(plan.next_review_date());
  if (plan.has_days_to_review()) {
    const int days = plan.days_to_review();
    absl::StrAppend(&line, days < 0 ? absl::StrCat(" (", -days, " days overdue)")
                                    : absl::StrCat(" (in ", days, " days)"));
  }
  return line;
}

std::string PlanTables(const v1::CurrentPlan& view) {
  const v1::PlanAgreed& plan = view.plan();
  std::string out = Heading("Outcomes");
  Table outcomes({"id", "outcome", "target date", "measured by"});
  for (const v1::PlanOutcome& o : plan.outcomes()) {
    outcomes.AddRow({o.outcome_id(), Shorten(o.description(), 60), FormatDate(o.target_date()),
                     o.measured_by()});
  }
  out += outcomes.Render();
  out += Heading("Provision");
  Table provision({"id", "intervention", "wave", "per week", "minutes", "group", "weekly cost",
                   "delivered by"});
  for (const v1::Provision& p : plan.provisions()) {
    provision.AddRow({p.provision_id(), p.intervention(), Label(p.wave()),
                      std::to_string(p.sessions_per_week()),
                      std::to_string(p.minutes_per_session()), std::to_string(p.group_size()),
                      FormatPence(p.weekly_cost_pence()), p.delivered_by()});
  }
  out += provision.Render();
  out += Heading(absl::StrCat("Delivery to ", FormatDate(view.as_of())));
  Table delivery({"provision", "sessions planned", "logged", "attended", "minutes planned",
                  "delivered", "cost planned", "attendance"});
  for (const v1::ProvisionDelivery& d : view.delivery()) {
    delivery.AddRow({d.provision_id(), std::to_string(d.sessions_planned()),
                     std::to_string(d.sessions_logged()), std::to_string(d.sessions_attended()),
                     std::to_string(d.minutes_planned()), std::to_string(d.minutes_delivered()),
                     FormatPence(d.cost_planned_pence()), FormatShare(d.attendance_rate())});
  }
  const v1::DeliveryTotals& t = view.totals();
  delivery.AddRow({"total", std::to_string(t.sessions_planned()),
                   std::to_string(t.sessions_logged()), std::to_string(t.sessions_attended()),
                   std::to_string(t.minutes_planned()), std::to_string(t.minutes_delivered()),
                   FormatPence(t.cost_planned_pence()), FormatShare(t.attendance_rate())});
  out += delivery.Render();
  if (!view.lost_sessions().empty()) {
    out += Heading("Lost sessions");
    Table lost({"date", "provision", "why", "reason"});
    for (const v1::LostSession& s : view.lost_sessions()) {
      lost.AddRow({FormatDate(s.planned_on()), s.provision_id(), Label(s.attendance()),
                   s.cancellation_reason().empty() ? s.note() : s.cancellation_reason()});
    }
    out += lost.Render();
  }
  return out;
}

}  // namespace

std::string RenderCurrentPlan(const v1::CurrentPlan& view) {
  Fields head;
  head.Add("Pupil", PupilLine(view.pupil()));
  head.Add("SEN status", StatusLine(view.status(), view.status_change()));
  std::vector<std::string> needs;
  for (const v1::NeedIdentified& need : view.standing_needs()) needs.push_back(NeedLine(need));
  head.Add("Areas of need", needs.empty() ? "-" : absl::StrJoin(needs, "; "));
  if (view.transferred_out()) head.Add("Record", "closed: the pupil transferred out");
  if (view.has_active_plan()) {
    head.Add("Plan", absl::StrCat(view.plan().plan_id(), ", cycle ", view.plan().cycle(),
                                  ", agreed ", FormatDate(view.plan().agreed_on())));
  } else {
    head.Add("Plan", "none active");
  }
  if (!view.latest_review().review_id().empty()) {
    const v1::ReviewHeld& r = view.latest_review();
    head.Add("Latest review", absl::StrCat(r.review_id(), " of ", r.plan_id(), ", held ",
                                           FormatDate(r.held_on()), ": ", Label(r.decision())));
  }
  head.Add("Next review", ReviewLine(view));
  head.Add("As of",
           absl::StrCat(FormatDate(view.as_of()), " (log position ", view.last_position(), ")"));
  std::string out = head.Render();
  if (view.has_active_plan()) out += PlanTables(view);
  return out;
}

namespace {

// How many corrections and retractions touched the facts of a cycle.
void CountTrail(const v1::FactTrail& trail, int* corrected, int* retracted) {
  *corrected += trail.corrections_size();
  *retracted += trail.retracted() ? 1 : 0;
}

std::string CycleTable(const v1::BestEndeavoursHistory& history) {
  Table cycles({"cycle", "plan", "agreed", "reviewed", "decision", "outcomes met/partly/not",
                "sessions attended/logged", "minutes delivered/planned", "corrected", "retracted"});
  for (const v1::CycleHistory& c : history.cycles()) {
    int corrected = 0, retracted = 0;
    CountTrail(c.plan().trail(), &corrected, &retracted);
    for (const v1::ProvisionResource& r : c.resources()) {
      for (const v1::SessionShown& s : r.sessions()) CountTrail(s.trail(), &corrected, &retracted);
      for (const v1::AdjustmentShown& a : r.adjustments()) {
        CountTrail(a.trail(), &corrected, &retracted);
      }
    }
    CountTrail(c.review().trail(), &corrected, &retracted);
    retracted += c.retracted_reviews_size();
    const v1::CycleQuestions& q = c.questions();
    const v1::DeliveryTotals& d = q.delivery().totals();
    const bool reviewed = !c.review().current().review_id().empty();
    cycles.AddRow({std::to_string(c.cycle()),
                   c.plan_id() + (c.plan().trail().retracted() ? " (retracted)" : ""),
                   FormatDate(c.plan().current().agreed_on()),
                   reviewed ? FormatDate(c.review().current().held_on()) : "not yet",
                   reviewed ? Label(c.review().current().decision()) : "-",
                   absl::StrCat(q.outcomes_met() + q.outcomes_exceeded(), "/",
                                q.outcomes_partly_met(), "/", q.outcomes_not_met()),
                   absl::StrCat(d.sessions_attended(), "/", d.sessions_logged()),
                   // The history plans only up to a review: an open cycle's planned figures
                   // depend on the day, and the current plan shows them.
                   absl::StrCat(d.minutes_delivered(), "/",
                                reviewed ? std::to_string(d.minutes_planned()) : "(see plan)"),
                   std::to_string(corrected), std::to_string(retracted)});
  }
  return cycles.Render();
}

std::string CycleDetail(const v1::CycleHistory& c) {
  std::string out = Heading(absl::StrCat("Cycle ", c.cycle(), " (", c.plan_id(), ")"));
  std::vector<std::string> needs;
  for (const v1::NeedShown& n : c.needs()) needs.push_back(NeedLine(n.current()));
  Fields head;
  head.Add("Needs", needs.empty() ? "-" : absl::StrJoin(needs, "; "));
  if (!c.plan().current().learnt_from_previous_cycle().empty()) {
    head.Add("Built on", c.plan().current().learnt_from_previous_cycle());
  }
  if (!c.review().current().review_id().empty()) {
    const v1::ReviewHeld& r = c.review().current();
    head.Add("Review", absl::StrCat(FormatDate(r.held_on()), ", ", Label(r.decision()),
                                    r.decision_reason().empty() ? "" : ": ", r.decision_reason()));
  }
  if (!c.learnt().empty()) head.Add("Learnt", c.learnt());
  if (!c.advice().empty()) head.Add("Advice sought", std::to_string(c.advice_size()));
  if (!c.ehc_requests().empty()) head.Add("EHC requests", std::to_string(c.ehc_requests_size()));
  out += head.Render() + "\n";
  Table outcomes({"outcome", "description", "target", "progress", "evidence"});
  for (const v1::OutcomeResult& o : c.outcomes()) {
    outcomes.AddRow({o.outcome().outcome_id(), Shorten(o.outcome().description(), 50),
                     FormatDate(o.outcome().target_date()), Label(o.progress()),
                     Shorten(o.evidence(), 40)});
  }
  if (!outcomes.empty()) out += outcomes.Render() + "\n";
  Table provision({"provision", "intervention", "sessions", "minutes delivered/planned",
                   "cost planned", "adjustments"});
  const bool reviewed = !c.review().current().review_id().empty();
  for (const v1::ProvisionResource& r : c.resources()) {
    provision.AddRow(
        {r.provision_id(), r.as_stands().intervention(),
         std::to_string(r.delivery().sessions_logged()),
         absl::StrCat(r.delivery().minutes_delivered(), "/",
                      reviewed ? std::to_string(r.delivery().minutes_planned()) : "(see plan)"),
         reviewed ? FormatPence(r.delivery().cost_planned_pence()) : "(see plan)",
         std::to_string(r.adjustments_size())});
  }
  if (!provision.empty()) out += provision.Render();
  return out;
}

}  // namespace

std::string RenderHistory(const v1::BestEndeavoursHistory& history) {
  Fields head;
  head.Add("Pupil", PupilLine(history.pupil().current()));
  head.Add("SEN status", Label(history.status()));
  for (const v1::StatusChangeShown& s : history.status_changes()) {
    head.Add("  changed",
             absl::StrCat(Label(s.current().from_status()), " -> ", Label(s.current().to_status()),
                          " on ", FormatDate(s.current().decided_on()),
                          s.trail().retracted() ? " (retracted)" : ""));
  }
  if (!history.transferred_in().transfer().other_school().empty()) {
    head.Add("Transferred in",
             absl::StrCat("from ", history.transferred_in().transfer().other_school(), " on ",
                          FormatDate(history.transferred_in().transfer().transferred_on())));
  }
  if (!history.transferred_out().transfer().other_school().empty()) {
    head.Add("Transferred out",
             absl::StrCat("to ", history.transferred_out().transfer().other_school(), " on ",
                          FormatDate(history.transferred_out().transfer().transferred_on())));
  }
  const v1::HistoryTotals& t = history.totals();
  head.Add("Cycles", absl::StrCat(t.cycles(), " (", t.reviewed_cycles(), " reviewed, ",
                                  t.cycles_with_outcome_not_met(), " with an outcome not met)"));
  head.Add("Advice", absl::StrCat(t.advice_requests(), " requested, ", t.advice_received(),
                                  " received; EHC requests ", t.ehc_requests()));
  head.Add("Corrections", absl::StrCat(t.corrections(), "; retractions ", t.retractions()));
  head.Add("As of", absl::StrCat("log position ", history.last_position()));
  std::string out = head.Render();
  if (history.cycles().empty()) return out + "\nNo plan agreed yet.\n";
  out += Heading("Cycles");
  out += CycleTable(history);
  for (const v1::CycleHistory& c : history.cycles()) out += CycleDetail(c);
  return out;
}

}  // namespace endeavour::cli
