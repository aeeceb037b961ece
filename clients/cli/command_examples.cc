#include "clients/cli/command_examples.h"

#include "absl/strings/ascii.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "absl/strings/str_split.h"

namespace endeavour::cli {
namespace {

constexpr char kPupils[] = "endeavour.v1.PupilRecordService.";
constexpr char kSchool[] = "endeavour.v1.SelfEvaluationService.";

constexpr char kNeedYaml[] = R"yaml(need:
  need_id: need-reading
  area: cognition-and-learning
  census_type: spld
  rank: primary
  evidence:
    - kind: assessment
      summary: "Salford sentence reading test: reading age 6y2m at 8y4m"
      dated: 2025-09-22
    - kind: parent-views
      summary: Mum says Amelia avoids reading at home
      dated: 2025-09-30
  parents_agree: agrees
  professionals_agree: not-yet-asked
  views: Class teacher and parents agree that reading is the main barrier.
  identified_on: 2025-10-01
)yaml";

constexpr char kPlanYaml[] = R"yaml(plan:
  plan_id: plan-1
  cycle: 1
  agreed_on: 2025-10-08
  need_ids: [need-reading]
  outcomes:
    - outcome_id: hfw
      description: Reads 45 of the first 100 high-frequency words on sight
      success_criteria: 45 of 100 words within one second each, two probes in a row
      measured_how: One-minute precision teaching probe, charted daily
      measured_by: Mrs Patel (teaching assistant)
      target_date: 2025-11-26
  provisions:
    - provision_id: pt
      intervention: Precision teaching
      wave: 3
      delivered_by: Mrs Patel (teaching assistant)
      deliverer_trained: true
      evidence_based: true
      sessions_per_week: 5
      minutes_per_session: 10
      group_size: 1
      weekly_cost_pence: 1250
  classroom_adjustments:
    - Word mat of high-frequency words on her table
  participants:
    - {name: Sarah Hughes, role: parent, views: Wants Amelia to enjoy books again}
    - {name: Amelia, role: pupil, views: I want to read the Rainbow Magic books}
  review_date: 2025-11-26
  actions_at_home:
    - Ten minutes of shared reading each evening
)yaml";

constexpr char kAdjustmentYaml[] = R"yaml(adjustment:
  adjustment_id: adj-1
  plan_id: plan-1
  provision_id: pt
  adjusted_on: 2025-11-03
  resource_change: more
  intervention_modified: false
  provision:
    provision_id: pt
    intervention: Precision teaching
    wave: 3
    delivered_by: Mrs Patel (teaching assistant)
    deliverer_trained: true
    evidence_based: true
    sessions_per_week: 5
    minutes_per_session: 15
    group_size: 1
    weekly_cost_pence: 1875
  reason: Probe scores flat for two weeks at 10 minutes; 15 minutes a day.
)yaml";

constexpr char kCorrectionYaml[] = R"yaml(correction:
  corrected_event_id: session-s-1.0
  reason: Typed in error; the paper log says 12 minutes
  corrected_event_type: endeavour.v1.InterventionDelivered
  corrected_event:
    session_id: s-1
    plan_id: plan-1
    provision_id: pt
    delivered_on: 2025-10-09
    minutes: 12
    delivered_by: Mrs Patel (teaching assistant)
    attendance: attended
    engagement: fully-engaged
)yaml";

constexpr char kReviewYaml[] = R"yaml(review:
  review_id: review-1
  plan_id: plan-1
  held_on: 2025-11-26
  invitees:
    - {name: Sarah Hughes, role: parent, invited_on: 2025-11-12, attended: true}
  outcomes:
    - outcome_id: hfw
      progress: partly-met
      evidence: "Probe 2025-11-24: 38 of 100 words (from 12 in October)"
  implemented_as_agreed: true
  pupil_views: The flash cards are fun.
  parent_views: Reading at home is calmer.
  staff_views: Strong gains one-to-one.
  decision: refine-plan
  decision_reason: Sight words moving well; needs a longer run.
  learnt: Daily one-to-one works for Amelia; mornings are best.
  next_review_date: 2026-02-04
)yaml";

constexpr char kTransferInYaml[] = R"yaml(transfer:
  direction: in
  transferred_on: 2026-04-20
  other_school: school-0112
  from_stream_id: pupil/school-0112/adm-31102
  from_head_position: 918273
  from_head_leaf_hash: WlpaWlpaWlpaWlpaWlpaWlpaWlpaWlpaWlpaWlpaWlo=
  pupil:
    pupil_id: adm-31102
    display_name: Noah Clarke
    date_of_birth: 2016-02-11
    year_group: 5
    registered_on: 2026-04-20
)yaml";

std::vector<CommandExample> Build() {
  const std::string p = kPupils;
  const std::string s = kSchool;
  return {
      {p + "RegisterPupil",
       "Put a pupil on the school's record",
       {"adm-20417", "--set", "pupil.display_name=Amelia Hughes", "--set",
        "pupil.date_of_birth=2017-05-14", "--set", "pupil.year_group=4", "--set",
        "pupil.registered_on=2021-09-06"}},
      {p + "IdentifyNeed",
       "Record a need identified in the Assess phase",
       {"adm-20417", "--file", "need.yaml"},
       "need.yaml",
       kNeedYaml},
      {p + "ChangeSenStatus",
       "Change the pupil's SEN status (N, K, E)",
       {"adm-20417", "--set", "change.from_status=no-sen", "--set", "change.to_status=sen-support",
        "--set", "change.decided_on=2025-10-03", "--set", "change.parents_informed_on=2025-10-06",
        "--set",
        "change.reason=Less than expected progress in reading despite quality-first teaching"}},
      {p + "AgreePlan",
       "Record a plan agreed with parents and the pupil",
       {"adm-20417", "--file", "plan.yaml"},
       "plan.yaml",
       kPlanYaml},
      {p + "LogIntervention",
       "Log an intervention session, delivered or not",
       {"adm-20417", "--command-id", "session-s-1", "--set", "session.session_id=s-1", "--set",
        "session.plan_id=plan-1", "--set", "session.provision_id=pt", "--set",
        "session.delivered_on=2025-10-09", "--set", "session.minutes=10", "--set",
        "session.delivered_by=Mrs Patel (teaching assistant)", "--set",
        "session.attendance=attended", "--set", "session.engagement=fully-engaged"}},
      {p + "AdjustPlan",
       "Adjust a provision of the active plan between reviews",
       {"adm-20417", "--file", "adjustment.yaml"},
       "adjustment.yaml",
       kAdjustmentYaml},
      {p + "RequestExternalAdvice",
       "Ask a specialist service for advice",
       {"adm-20417", "--set", "request.request_id=ep-1", "--set",
        "request.service=educational-psychology", "--set", "request.requested_on=2025-11-10",
        "--set", "request.question=Is there an underlying phonological difficulty?"}},
      {p + "RecordExternalAdvice",
       "Record advice received from a specialist service",
       {"adm-20417", "--set", "advice.request_id=ep-1", "--set", "advice.received_on=2025-11-20",
        "--set", "advice.advised_by=Dr Nadia Rahman, educational psychologist", "--set",
        "advice.summary=Phonological awareness well below average; visual skills a strength",
        "--set", "advice.recommendations=Multisensory structured spelling, daily"}},
      {p + "CorrectRecord",
       "Correct an earlier event of the pupil's record (it stays in the log, marked)",
       {"adm-20417", "--file", "correction.yaml"},
       "correction.yaml",
       kCorrectionYaml},
      {p + "RecordReview",
       "Record a review of the active plan",
       {"adm-20417", "--file", "review.yaml"},
       "review.yaml",
       kReviewYaml},
      {p + "RetractRecord",
       "Withdraw an earlier event recorded in error (it stays, marked)",
       {"adm-20417", "--set", "retraction.retracted_event_id=session-s-1.0", "--set",
        "retraction.reason=Logged against the wrong pupil"}},
      {p + "RequestEhcNeedsAssessment",
       "Record a request for an EHC needs assessment",
       {"adm-20417", "--set", "request.request_id=ehc-1", "--set",
        "request.requested_on=2026-03-30", "--set", "request.requested_by=school", "--set",
        "request.evidence_summary=Two cycles of SEN support and EP advice; gap widening"}},
      {p + "TransferPupilOut",
       "Record that the pupil left for another school",
       {"adm-20417", "--set", "transfer.direction=out", "--set",
        "transfer.transferred_on=2026-04-17", "--set", "transfer.other_school=school-0381"}},
      {p + "ReceivePupilTransfer",
       "Begin the record of a pupil who arrived from another school",
       {"adm-31102", "--file", "transfer.yaml"},
       "transfer.yaml",
       kTransferInYaml},
      {s + "RecordRating",
       "Rate a key statement of the SEND self-evaluation tool",
       {"--set", "rating.section=leadership", "--set", "rating.statement=4", "--set",
        "rating.current_rating=3", "--set", "rating.target_rating=6", "--set",
        "rating.target_by=2027-07-16", "--set",
        "rating.evidence=A SEND governor was named in September; not yet trained", "--set",
        "rating.rated_by=SLT and SEND governor", "--set", "rating.rated_on=2026-11-20"}},
      {s + "PlanImprovementAction",
       "Add a step to the self-evaluation's improvement plan",
       {"--set", "action.action_id=governor-training", "--set", "action.section=leadership",
        "--set", "action.statement=4", "--set",
        "action.action=Book the SEND governor on the local authority's SEND training", "--set",
        "action.owner=Chair of governors", "--set", "action.due_on=2027-03-31", "--set",
        "action.success_measure=The SEND governor reports termly to the governing body", "--set",
        "action.planned_on=2026-11-21"}},
  };
}

std::string ShellQuote(const std::string& arg) {
  const bool plain = !arg.empty() && arg.find_first_not_of(
                                         "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ"
                                         "0123456789-_.=/:,@+") == std::string::npos;
  if (plain) return arg;
  std::string quoted = "'";
  for (char c : arg) quoted += c == '\'' ? std::string("'\\''") : std::string(1, c);
  return quoted + "'";
}

}  // namespace

const std::vector<CommandExample>& CommandExamples() {
  static const auto* const kExamples = new std::vector<CommandExample>(Build());
  return *kExamples;
}

const CommandExample* FindCommandExample(absl::string_view method) {
  for (const CommandExample& example : CommandExamples()) {
    if (example.method == method) return &example;
  }
  return nullptr;
}

std::string KebabCase(absl::string_view camel_case) {
  std::string out;
  for (char c : camel_case) {
    if (absl::ascii_isupper(c) && !out.empty()) out += '-';
    out += absl::ascii_tolower(c);
  }
  return out;
}

std::string FormatExample(const CommandExample& example, absl::string_view subcommand) {
  std::string line = absl::StrCat("  $ endeavour ", std::string(subcommand));
  size_t width = line.size();
  for (size_t i = 0; i < example.args.size(); ++i) {
    const std::string& arg = example.args[i];
    // One `--flag value` pair per line once the line is long.
    std::string piece = ShellQuote(arg);
    const bool flag = arg.rfind("--", 0) == 0 && i + 1 < example.args.size();
    if (flag) piece = absl::StrCat(piece, " ", ShellQuote(example.args[++i]));
    if (width + 1 + piece.size() > 96) {
      absl::StrAppend(&line, " \\\n      ");
      width = 6;
    } else {
      line += ' ';
      ++width;
    }
    line += piece;
    width += piece.size();
  }
  std::string text = absl::StrCat("Example:\n", line, "\n");
  if (!example.file_name.empty()) {
    absl::StrAppend(&text, "where ", example.file_name, " is:\n");
    for (absl::string_view l : absl::StrSplit(example.file_text, '\n', absl::SkipEmpty())) {
      absl::StrAppend(&text, "    ", std::string(l), "\n");
    }
  }
  return text;
}

}  // namespace endeavour::cli
