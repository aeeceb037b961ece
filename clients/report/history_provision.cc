// The Do phase of a cycle: the resource the school put in (seed 000, "best endeavours: how much
// resource"), planned against delivered, how each provision was adjusted, and every session.
#include "absl/strings/str_cat.h"
#include "clients/report/history_parts.h"
#include "clients/report/labels.h"

namespace endeavour::report {
namespace {

bool SameRate(const v1::Provision& a, const v1::Provision& b) {
  return a.sessions_per_week() == b.sessions_per_week() &&
         a.minutes_per_session() == b.minutes_per_session() && a.group_size() == b.group_size() &&
         a.weekly_cost_pence() == b.weekly_cost_pence() && a.delivered_by() == b.delivered_by() &&
         a.intervention() == b.intervention();
}

Text ProvisionName(const v1::ProvisionResource& resource) {
  const v1::Provision& p = resource.as_stands();
  Text name = Text().Strong(p.intervention()).Plain(" (").Code(resource.provision_id()).Plain(")");
  name.Plain(absl::StrCat("\n", WaveText(p.wave())));
  if (resource.not_in_plan()) name.Plain("\n").Flag("NOT IN PLAN");
  return name;
}

Text DelivererText(const v1::Provision& p) {
  return Text(absl::StrCat(p.delivered_by(), "\ntrained: ", YesNo(p.deliverer_trained()),
                           "; evidence-based: ", YesNo(p.evidence_based())));
}

// Planned figures are filled only for a reviewed cycle: an active one's depend on the day.
std::string Planned(int64_t value, bool reviewed) { return reviewed ? absl::StrCat(value) : "—"; }

void AddResourceTables(const v1::CycleHistory& cycle, Document& document) {
  const bool reviewed = cycle.has_review();
  Table resource{.columns = {"Provision", "Delivered by", "As agreed", "As it stands",
                             "Planned until", "Cost planned"},
                 .numeric_columns = {5}};
  Table delivery{.columns = {"Provision", "Sessions planned", "Logged", "Attended", "Pupil absent",
                             "Staff absent", "Cancelled", "Minutes planned", "Minutes delivered"},
                 .numeric_columns = {1, 2, 3, 4, 5, 6, 7, 8}};
  for (const v1::ProvisionResource& r : cycle.resources()) {
    const v1::ProvisionDelivery& d = r.delivery();
    resource.rows.push_back(
        TableRow{.cells = {ProvisionName(r), DelivererText(r.as_stands()), RateText(r.as_agreed()),
                           SameRate(r.as_agreed(), r.as_stands()) ? Text("unchanged")
                                                                  : Text(RateText(r.as_stands())),
                           ShortDateText(d.planned_until()),
                           reviewed ? MoneyText(d.cost_planned_pence()) : "—"}});
    delivery.rows.push_back(TableRow{
        .cells = {Text(r.as_stands().intervention()), Planned(d.sessions_planned(), reviewed),
                  absl::StrCat(d.sessions_logged()), absl::StrCat(d.sessions_attended()),
                  absl::StrCat(d.sessions_pupil_absent()), absl::StrCat(d.sessions_staff_absent()),
                  absl::StrCat(d.sessions_cancelled()), Planned(d.minutes_planned(), reviewed),
                  absl::StrCat(d.minutes_delivered())}});
  }
  const v1::DeliveryTotals& t = cycle.questions().delivery().totals();
  delivery.rows.push_back(TableRow{.cells = {Text().Strong("Whole plan"),
                                             Text().Strong(Planned(t.sessions_planned(), reviewed)),
                                             Text().Strong(absl::StrCat(t.sessions_logged())),
                                             Text().Strong(absl::StrCat(t.sessions_attended())),
                                             Text().Strong(absl::StrCat(t.sessions_pupil_absent())),
                                             Text().Strong(absl::StrCat(t.sessions_staff_absent())),
                                             Text().Strong(absl::StrCat(t.sessions_cancelled())),
                                             Text().Strong(Planned(t.minutes_planned(), reviewed)),
                                             Text().Strong(absl::StrCat(t.minutes_delivered()))}});
  document.Add(Paragraph{.text = Text().Emphasis("Resource:")});
  document.Add(std::move(resource));
  if (reviewed) {
    document.Add(Paragraph{
        .text = absl::StrCat("Planned cost of the whole plan up to the review: ",
                             MoneyText(t.cost_planned_pence()), "."),
    });
  }
  document.Add(Paragraph{.text = Text().Emphasis("Planned against delivered:")});
  document.Add(std::move(delivery));
  if (!reviewed) {
    document.Add(Paragraph{
        .text = "The cycle is not reviewed yet, so its planned sessions, minutes and cost run on; "
                "the current plan gives them for the day it is read.",
        .tone = Tone::kNote});
  }
}

void AddAdjustments(const v1::ProvisionResource& r, Document& document) {
  for (const v1::AdjustmentShown& shown : r.adjustments()) {
    const v1::PlanAdjusted& a = shown.current();
    const bool retracted = shown.trail().retracted();
    Text text = TrailFlags(shown.trail());
    Text body = Text().Strong(absl::StrCat("Adjusted on ", DateText(a.adjusted_on()), ": "));
    body.Plain(ResourceChangeText(a.resource_change()));
    if (a.intervention_modified()) body.Plain(", intervention modified");
    body.Plain(absl::StrCat("; now ", RateText(a.provision()), ". "));
    if (!a.reason().empty()) body.Plain("Why: ").Emphasis(Sentence(a.reason()));
    body.Plain(absl::StrCat(" (", SourceText(shown.trail().source()), ")"));
    text.Append(AsShown(body, retracted));
    Paragraph paragraph{.text = std::move(text)};
    if (retracted) paragraph.tone = Tone::kRetracted;
    document.Add(std::move(paragraph));
    AddTrail(shown.trail(), document);
  }
}

Text SessionMinutes(const v1::SessionShown& s) {
  Text minutes = Text(absl::StrCat(s.current().minutes()));
  if (s.has_original() && s.original().minutes() != s.current().minutes()) {
    minutes.Plain(" (first recorded ").Struck(absl::StrCat(s.original().minutes())).Plain(")");
  }
  return minutes;
}

Text SessionAttendance(const v1::SessionShown& s) {
  Text attendance = Text(AttendanceText(s.current().attendance()));
  if (s.has_original() && s.original().attendance() != s.current().attendance()) {
    attendance.Plain(" (first recorded ").Struck(AttendanceText(s.original().attendance()));
    attendance.Plain(")");
  }
  return attendance;
}

void AddSessions(const v1::ProvisionResource& r, Document& document) {
  if (r.sessions().empty()) {
    document.Add(Paragraph{.text = "No sessions logged.", .tone = Tone::kNote});
    return;
  }
  Table sessions{.columns = {"Date", "Attendance", "Minutes", "Delivered by", "Engagement", "Note",
                             "Log position"},
                 .numeric_columns = {2, 6}};
  for (const v1::SessionShown& s : r.sessions()) {
    const v1::InterventionDelivered& c = s.current();
    const bool retracted = s.trail().retracted();
    std::string note = c.cancellation_reason();
    if (!c.note().empty()) note = note.empty() ? c.note() : absl::StrCat(note, "; ", c.note());
    Text date = TrailFlags(s.trail());
    date.Append(AsShown(ShortDateText(c.delivered_on()), retracted));
    sessions.rows.push_back(TableRow{
        .cells = {std::move(date), AsShown(SessionAttendance(s), retracted),
                  AsShown(SessionMinutes(s), retracted), AsShown(c.delivered_by(), retracted),
                  AsShown(EngagementText(c.engagement()), retracted), AsShown(note, retracted),
                  absl::StrCat(s.trail().source().position())},
        .tone = retracted                          ? Tone::kRetracted
                : s.trail().corrections_size() > 0 ? Tone::kCorrection
                                                   : Tone::kNormal});
  }
  document.Add(std::move(sessions));
  for (const v1::SessionShown& s : r.sessions()) {
    AddTrail(absl::StrCat("Session ", s.current().session_id(), " of ",
                          ShortDateText(s.current().delivered_on())),
             s.trail(), document);
  }
}

}  // namespace

void AddDo(const v1::CycleHistory& cycle, Document& document) {
  document.Add(Heading{.level = 3, .text = "Do: provision, time and cost"});
  if (cycle.resources().empty()) {
    document.Add(Paragraph{.text = "The plan names no provision.", .tone = Tone::kNote});
    return;
  }
  AddResourceTables(cycle, document);
  for (const v1::ProvisionResource& r : cycle.resources()) {
    document.Add(Heading{
        .level = 4,
        .text = absl::StrCat(r.as_stands().intervention(), ": ", "adjustments and sessions")});
    AddAdjustments(r, document);
    AddSessions(r, document);
  }
}

}  // namespace endeavour::report
