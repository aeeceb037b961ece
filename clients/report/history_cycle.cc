// One Assess-Plan-Do-Review-Learn cycle of the history report, in the order the cycle ran, with
// seed 000's review questions answered from the record at the end.
#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "absl/time/civil_time.h"
#include "clients/report/history_parts.h"
#include "clients/report/labels.h"

namespace endeavour::report {
namespace {

void AddListIfAny(const std::string& label,
                  const google::protobuf::RepeatedPtrField<std::string>& items, bool retracted,
                  Document& document) {
  if (items.empty()) return;
  document.Add(Paragraph{.text = Text().Emphasis(label)});
  BulletList list;
  for (const std::string& item : items) list.items.push_back(AsShown(item, retracted));
  document.Add(std::move(list));
}

void AddPlan(const v1::CycleHistory& cycle, Document& document) {
  const v1::PlanAgreed& plan = cycle.plan().current();
  const bool retracted = cycle.plan().trail().retracted();
  document.Add(Heading{.level = 3, .text = "Plan: outcomes, provision and adjustments"});
  Fields fields{.tone = retracted ? Tone::kRetracted : Tone::kNormal};
  fields.entries.push_back({"Agreed on", AsShown(DateText(plan.agreed_on()), retracted)});
  fields.entries.push_back({"Review date", AsShown(DateText(plan.review_date()), retracted)});
  fields.entries.push_back(
      {"Needs addressed", AsShown(absl::StrJoin(plan.need_ids(), ", "), retracted)});
  if (!plan.learnt_from_previous_cycle().empty()) {
    fields.entries.push_back(
        {"Learnt from the cycle before", AsShown(plan.learnt_from_previous_cycle(), retracted)});
  }
  fields.entries.push_back({"Recorded", SourceText(cycle.plan().trail().source())});
  document.Add(std::move(fields));
  AddTrail(cycle.plan().trail(), document);

  Table outcomes{
      .columns = {"Outcome", "Success criteria", "Measured how, by whom", "Target date"}};
  for (const v1::PlanOutcome& o : plan.outcomes()) {
    outcomes.rows.push_back(TableRow{
        .cells = {AsShown(o.description(), retracted), AsShown(o.success_criteria(), retracted),
                  AsShown(absl::StrCat(o.measured_how(), "; ", o.measured_by()), retracted),
                  AsShown(ShortDateText(o.target_date()), retracted)},
        .tone = retracted ? Tone::kRetracted : Tone::kNormal});
  }
  if (!outcomes.rows.empty()) {
    document.Add(Paragraph{.text = Text().Emphasis("SMART outcomes:")});
    document.Add(std::move(outcomes));
  }
  AddListIfAny("Adjustments in the classroom:", plan.classroom_adjustments(), retracted, document);
  if (plan.participants_size() > 0) {
    Table people{.columns = {"Took part", "Role", "Their views"}};
    for (const v1::Participant& p : plan.participants()) {
      people.rows.push_back(
          TableRow{.cells = {AsShown(p.name(), retracted), AsShown(p.role(), retracted),
                             AsShown(p.views(), retracted)}});
    }
    document.Add(Paragraph{.text = Text().Emphasis("Agreed with:")});
    document.Add(std::move(people));
  }
  AddListIfAny("Training needed before the Do phase:", plan.training_needs(), retracted, document);
  AddListIfAny("Agreed actions at home:", plan.actions_at_home(), retracted, document);
}

void AddAdviceAndEscalation(const v1::CycleHistory& cycle, Document& document) {
  if (cycle.advice_size() == 0 && cycle.ehc_requests_size() == 0) return;
  document.Add(Heading{.level = 3, .text = "Specialist advice and escalation"});
  for (const v1::AdviceShown& advice : cycle.advice()) AddAdvice(advice, document);
  for (const v1::EhcRequestShown& request : cycle.ehc_requests()) {
    AddEhcRequest(request, document);
  }
}

Text NeedAnswer(const v1::NeedQuestion& need) {
  if (need.need_confirmed()) {
    return Text("Confirmed: no need corrected or replaced; parents and professionals agree.");
  }
  Text text;
  auto doubt = [&text](const std::string& what,
                       const google::protobuf::RepeatedPtrField<std::string>& ids) {
    if (ids.empty()) return;
    if (!text.empty()) text.Plain("; ");
    text.Plain(absl::StrCat(what, ": ", absl::StrJoin(ids, ", ")));
  };
  doubt("identification corrected", need.corrected_need_ids());
  doubt("replaced as primary", need.replaced_need_ids());
  doubt("parents did not fully agree or were not asked", need.parents_not_agreed_need_ids());
  doubt("professionals did not fully agree or were not asked",
        need.professionals_not_agreed_need_ids());
  if (text.empty()) text.Plain("Open");
  text.Plain(
      absl::StrCat(". Specialist advice received in the cycle: ", need.advice_received(), "."));
  return text;
}

void AddQuestions(const v1::CycleHistory& cycle, Document& document) {
  const v1::CycleQuestions& q = cycle.questions();
  document.Add(Heading{.level = 3, .text = "The review questions, answered from the record"});
  Fields fields;
  Text progress = Text().Strong(VerdictText(q.progress()));
  if (q.progress() != v1::PROGRESS_VERDICT_NOT_YET_REVIEWED) {
    progress.Plain(absl::StrCat(". Outcomes exceeded ", q.outcomes_exceeded(), ", met ",
                                q.outcomes_met(), ", partly met ", q.outcomes_partly_met(),
                                ", not met ", q.outcomes_not_met(), "."));
  }
  fields.entries.push_back({"Was enough progress made?", std::move(progress)});
  fields.entries.push_back({"Was the need identified correctly?", NeedAnswer(q.need())});
  const v1::DeliveryQuestion& d = q.delivery();
  Text delivered = Text(absl::StrCat(
      PercentText(d.share_of_planned_minutes_delivered()), " of planned minutes delivered (",
      d.totals().minutes_delivered(), " of ", d.totals().minutes_planned(), "); attendance ",
      PercentText(d.totals().attendance_rate()), " of ",
      Count(d.totals().sessions_logged(), "session", "sessions"),
      " logged; every deliverer trained: ", YesNo(d.all_deliverers_trained()),
      "; every intervention evidence-based: ", YesNo(d.all_evidence_based()), "."));
  if (cycle.has_review()) {
    delivered.Plain(absl::StrCat(
        " The review found it implemented as agreed: ", YesNo(d.implemented_as_agreed()), "."));
    if (!d.implementation_notes().empty()) delivered.Plain(" ").Emphasis(d.implementation_notes());
  }
  fields.entries.push_back({"Were the interventions delivered well?", std::move(delivered)});
  fields.entries.push_back(
      {"What was adjusted between reviews?",
       Text(absl::StrCat(q.adjustments(), " (more resource ", q.adjustments_more_resource(),
                         ", less resource ", q.adjustments_less_resource(),
                         ", intervention modified ", q.adjustments_intervention_modified(), ")"))});
  fields.entries.push_back(
      {"Did the cycle escalate?",
       Text(absl::StrCat(
           "Specialist advice sought: ", YesNo(q.advice_sought()),
           "; EHC needs assessment requested: ", YesNo(q.ehc_needs_assessment_requested())))});
  document.Add(std::move(fields));
}

void AddLearn(const v1::CycleHistory& cycle, Document& document) {
  if (cycle.learnt().empty() && cycle.next_plan_id().empty()) return;
  document.Add(Heading{.level = 3, .text = "Learn"});
  Fields fields;
  if (!cycle.learnt().empty()) fields.entries.push_back({"What the cycle taught", cycle.learnt()});
  if (!cycle.next_plan_id().empty()) {
    fields.entries.push_back({absl::StrCat("How ", cycle.next_plan_id(), " used it"),
                              cycle.used_by_next_plan().empty()
                                  ? Text().Emphasis("The next plan does not say.")
                                  : Text(cycle.used_by_next_plan())});
  }
  document.Add(std::move(fields));
}

}  // namespace

void AddCycle(const v1::CycleHistory& cycle, Document& document) {
  const bool retracted = cycle.plan().trail().retracted();
  document.Add(Heading{.level = 2,
                       .text = absl::StrCat("Cycle ", cycle.cycle(), ": plan ", cycle.plan_id(),
                                            retracted ? " (retracted)" : "", ", agreed ",
                                            DateText(cycle.plan().current().agreed_on())),
                       .new_page = true});
  if (retracted) {
    document.Add(Paragraph{.text = Text()
                                       .Flag("RETRACTED")
                                       .Plain("This plan was withdrawn as recorded in error. It is "
                                              "shown as it was recorded and "
                                              "counts in no figure."),
                           .tone = Tone::kRetracted});
  }
  document.Add(Heading{.level = 3, .text = "Assess: the needs the plan addressed"});
  if (cycle.needs().empty()) {
    document.Add(Paragraph{.text = "No standing need is named by this plan.", .tone = Tone::kNote});
  }
  for (const v1::NeedShown& need : cycle.needs()) AddNeed(need, document);
  AddPlan(cycle, document);
  AddDo(cycle, document);
  AddAdviceAndEscalation(cycle, document);
  document.Add(Heading{.level = 3, .text = "Review"});
  if (cycle.has_review()) {
    AddReview(cycle, cycle.review(), document);
  } else if (!retracted) {
    document.Add(
        Paragraph{.text = absl::StrCat("Not reviewed yet: the review is due on ",
                                       DateText(cycle.plan().current().review_date()), "."),
                  .tone = Tone::kNote});
  }
  for (const v1::ReviewShown& review : cycle.retracted_reviews()) {
    AddReview(cycle, review, document);
  }
  AddLearn(cycle, document);
  if (!retracted) AddQuestions(cycle, document);
}

void AddReview(const v1::CycleHistory& cycle, const v1::ReviewShown& shown, Document& document) {
  const v1::ReviewHeld& review = shown.current();
  const bool retracted = shown.trail().retracted();
  Text title = TrailFlags(shown.trail());
  title.Append(AsShown(Text()
                           .Strong(absl::StrCat("Review held on ", DateText(review.held_on())))
                           .Plain(" (")
                           .Code(review.review_id())
                           .Plain(")"),
                       retracted));
  document.Add(Paragraph{.text = std::move(title)});
  Fields fields;
  Text decision = Text().Strong(DecisionText(review.decision()));
  if (!review.decision_reason().empty())
    decision.Plain(". ").Plain(Sentence(review.decision_reason()));
  fields.entries.push_back({"Decision", AsShown(decision, retracted)});
  Text implemented = Text(YesNo(review.implemented_as_agreed()));
  if (!review.implementation_notes().empty()) {
    implemented.Plain(". ").Plain(review.implementation_notes());
  }
  fields.entries.push_back({"Implemented as agreed", AsShown(implemented, retracted)});
  const std::pair<const char*, const std::string*> views[] = {
      {"The pupil's views", &review.pupil_views()},
      {"Parents' views", &review.parent_views()},
      {"Staff views", &review.staff_views()},
      {"Professionals' views", &review.professional_views()}};
  for (const auto& [label, text] : views) {
    if (!text->empty()) fields.entries.push_back({label, AsShown(*text, retracted)});
  }
  fields.entries.push_back(
      {"Next review", AsShown(review.has_next_review_date() ? DateText(review.next_review_date())
                                                            : std::string("none set"),
                              retracted)});
  fields.entries.push_back({"Recorded", SourceText(shown.trail().source())});
  document.Add(std::move(fields));

  if (review.invitees_size() > 0) {
    Table invitees{.columns = {"Invited", "Role", "Invited on", "Notice", "Attended"},
                   .numeric_columns = {3}};
    const absl::CivilDay held(review.held_on().year(), review.held_on().month(),
                              review.held_on().day());
    for (const v1::ReviewInvitee& i : review.invitees()) {
      const absl::CivilDay invited(i.invited_on().year(), i.invited_on().month(),
                                   i.invited_on().day());
      invitees.rows.push_back(
          TableRow{.cells = {AsShown(i.name(), retracted), AsShown(i.role(), retracted),
                             AsShown(ShortDateText(i.invited_on()), retracted),
                             AsShown(i.has_invited_on() ? Count(held - invited, "day", "days") : "",
                                     retracted),
                             AsShown(YesNo(i.attended()), retracted)}});
    }
    document.Add(std::move(invitees));
  }
  // The progress per outcome of the review that ended the cycle comes from the cycle's outcome
  // results (with the outcome's wording); a retracted review shows its own entries.
  Table outcomes{.columns = {"Outcome", "Progress", "Evidence"}};
  if (!retracted) {
    for (const v1::OutcomeResult& o : cycle.outcomes()) {
      Text progress = Text().Strong(ProgressText(o.progress()));
      if (o.has_as_first_recorded()) {
        progress.Plain(" (first recorded as ")
            .Struck(ProgressText(o.as_first_recorded().progress()));
        progress.Plain(")");
      }
      Text evidence = Text(o.evidence());
      if (o.has_as_first_recorded() && o.as_first_recorded().evidence() != o.evidence()) {
        evidence.Plain(" (first recorded as ").Struck(o.as_first_recorded().evidence()).Plain(")");
      }
      outcomes.rows.push_back(
          TableRow{.cells = {o.outcome().description(), std::move(progress), std::move(evidence)},
                   .tone = o.has_as_first_recorded() ? Tone::kCorrection : Tone::kNormal});
    }
  } else {
    for (const v1::OutcomeReview& o : review.outcomes()) {
      outcomes.rows.push_back(TableRow{.cells = {Text().Code(o.outcome_id()).StruckThrough(),
                                                 Text(ProgressText(o.progress())).StruckThrough(),
                                                 Text(o.evidence()).StruckThrough()},
                                       .tone = Tone::kRetracted});
    }
  }
  if (!outcomes.rows.empty()) document.Add(std::move(outcomes));
  AddTrail(shown.trail(), document);
}

}  // namespace endeavour::report
