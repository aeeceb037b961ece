#include "services/domain/self_evaluation.h"

#include <google/protobuf/util/message_differencer.h>

#include <tuple>

#include "absl/status/status.h"
#include "absl/strings/ascii.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/string_view.h"
#include "services/domain/dates.h"
#include "services/domain/key_statements.h"

namespace endeavour::domain {
namespace {

namespace v1 = endeavour::v1;
using google::protobuf::util::MessageDifferencer;

// --- Dates -------------------------------------------------------------------------------------

// A required date that is a real calendar date.
absl::Status CheckDate(const v1::Date& date, absl::string_view field, absl::string_view what) {
  if (!IsDateSet(date)) return absl::InvalidArgumentError(absl::StrCat(field, ": ", what));
  if (!IsRealDate(date)) {
    return absl::InvalidArgumentError(
        absl::StrCat(field, ": ", date.year(), "-", date.month(), "-", date.day(),
                     " is not a real date (year, month 1-12, day of that month)"));
  }
  return absl::OkStatus();
}

// A required date that is real and not after the school's today.
absl::Status CheckPastDate(const v1::Date& date, const CommandContext& context,
                           absl::string_view field, absl::string_view what) {
  if (absl::Status s = CheckDate(date, field, what); !s.ok()) return s;
  if (CompareDates(date, context.today) > 0) {
    return absl::InvalidArgumentError(absl::StrCat(field, ": ", FormatDate(date),
                                                   " is after today (", FormatDate(context.today),
                                                   "); the record cannot be dated in the future"));
  }
  return absl::OkStatus();
}

bool IsBlank(const std::string& text) { return absl::StripAsciiWhitespace(text).empty(); }

// --- Sections and statements -------------------------------------------------------------------

// The section and key statement named by `prefix`.section and `prefix`.statement exist.
absl::Status CheckStatement(v1::SelfEvaluationSection id, int number, absl::string_view prefix) {
  const Section* section = FindSection(id);
  if (section == nullptr) {
    return absl::InvalidArgumentError(absl::StrCat(
        prefix,
        ".section: say which of the seven sections of the self-evaluation tool this is "
        "for (outcomes, leadership, teaching and learning, working with parents and "
        "carers, assessment and identification, monitoring, or use of resources)"));
  }
  if (FindKeyStatement(id, number) == nullptr) {
    return absl::InvalidArgumentError(absl::StrCat(
        prefix, ".statement: \"", std::string(section->title), "\" has key statements 1 to ",
        section->statements.size(), "; there is no key statement ", number));
  }
  return absl::OkStatus();
}

std::string Describe(v1::SelfEvaluationSection id, int number) {
  const Section* section = FindSection(id);
  return absl::StrCat("key statement ", number, " of \"",
                      section == nullptr ? std::string("?") : std::string(section->title), "\"");
}

absl::Status CheckRatingValue(int value, absl::string_view field) {
  if (value >= kLowestRating && value <= kHighestRating) return absl::OkStatus();
  return absl::InvalidArgumentError(
      absl::StrCat(field,
                   ": a rating is from 0 to 10, with 0 for a statement that does not apply "
                   "to this setting; ",
                   value, " is not on the scale"));
}

// --- Ratings -----------------------------------------------------------------------------------

absl::Status CheckTarget(const v1::RatingRecorded& r) {
  if (absl::Status s = CheckRatingValue(r.target_rating(), "rating.target_rating"); !s.ok()) {
    return s;
  }
  if (r.target_rating() < r.current_rating()) {
    return absl::InvalidArgumentError(absl::StrCat(
        "rating.target_rating: the target is where the school wants to be, so it cannot be "
        "below the current rating of ",
        r.current_rating(), " (the target given is ", r.target_rating(), ")"));
  }
  // A statement that does not apply and is not meant to: no target, so no date is needed.
  const bool not_applicable = r.current_rating() == kNotApplicable && r.target_rating() == 0;
  if (not_applicable && !IsDateSet(r.target_by())) return absl::OkStatus();
  if (absl::Status s = CheckDate(r.target_by(), "rating.target_by",
                                 "a target needs the date by which the school means to reach it "
                                 "(usually 6 to 12 months ahead)");
      !s.ok()) {
    return s;
  }
  if (CompareDates(r.target_by(), r.rated_on()) <= 0) {
    return absl::InvalidArgumentError(
        absl::StrCat("rating.target_by: the target date (", FormatDate(r.target_by()),
                     ") must be after the date of the rating (", FormatDate(r.rated_on()), ")"));
  }
  return absl::OkStatus();
}

absl::Status CheckRating(const v1::RecordRating& command, const CommandContext& context) {
  if (!command.has_rating()) {
    return absl::InvalidArgumentError("rating: the command carries no rating");
  }
  const v1::RatingRecorded& r = command.rating();
  if (absl::Status s = CheckStatement(r.section(), r.statement(), "rating"); !s.ok()) return s;
  if (absl::Status s = CheckRatingValue(r.current_rating(), "rating.current_rating"); !s.ok()) {
    return s;
  }
  if (absl::Status s = CheckPastDate(r.rated_on(), context, "rating.rated_on",
                                     "the date of the rating is required");
      !s.ok()) {
    return s;
  }
  if (absl::Status s = CheckTarget(r); !s.ok()) return s;
  if (IsBlank(r.rated_by())) {
    return absl::InvalidArgumentError(
        "rating.rated_by: say who rated (a person or a group, e.g. \"SLT and SEND governor\")");
  }
  return absl::OkStatus();
}

absl::StatusOr<std::vector<SchoolEvent>> DecideRating(const v1::RecordRating& command,
                                                      const SelfEvaluationState& state,
                                                      const CommandContext& context) {
  if (absl::Status s = CheckRating(command, context); !s.ok()) return s;
  const v1::RatingRecorded& r = command.rating();
  // The same rating again (a retried or re-sent form) records nothing. What counts is the last
  // rating recorded for that date, so a same-day change can be changed back.
  if (const StatementRecord* record = state.Find(r.section(), r.statement())) {
    for (auto it = record->ratings.rbegin(); it != record->ratings.rend(); ++it) {
      if (CompareDates(it->rating.rated_on(), r.rated_on()) != 0) continue;
      if (MessageDifferencer::Equals(it->rating, r)) return std::vector<SchoolEvent>{};
      break;
    }
  }
  return std::vector<SchoolEvent>{r};
}

// --- Improvement actions -----------------------------------------------------------------------

absl::Status CheckAction(const v1::PlanImprovementAction& command, const CommandContext& context) {
  if (!command.has_action()) {
    return absl::InvalidArgumentError("action: the command carries no improvement action");
  }
  const v1::ImprovementActionPlanned& a = command.action();
  if (IsBlank(a.action_id())) {
    return absl::InvalidArgumentError(
        "action.action_id: an improvement action needs an id, so it can be followed up");
  }
  if (absl::Status s = CheckStatement(a.section(), a.statement(), "action"); !s.ok()) return s;
  if (IsBlank(a.action())) {
    return absl::InvalidArgumentError("action.action: say what will be done");
  }
  if (IsBlank(a.owner())) {
    return absl::InvalidArgumentError("action.owner: say who is responsible for the action");
  }
  if (IsBlank(a.success_measure())) {
    return absl::InvalidArgumentError(
        "action.success_measure: say how the school will know the action has worked");
  }
  if (absl::Status s = CheckPastDate(a.planned_on(), context, "action.planned_on",
                                     "the date the action was planned is required");
      !s.ok()) {
    return s;
  }
  if (absl::Status s = CheckDate(a.due_on(), "action.due_on", "an action needs a due date");
      !s.ok()) {
    return s;
  }
  if (CompareDates(a.due_on(), a.planned_on()) < 0) {
    return absl::InvalidArgumentError(
        absl::StrCat("action.due_on: the due date (", FormatDate(a.due_on()),
                     ") is before the action was planned (", FormatDate(a.planned_on()), ")"));
  }
  return absl::OkStatus();
}

absl::StatusOr<std::vector<SchoolEvent>> DecideAction(const v1::PlanImprovementAction& command,
                                                      const SelfEvaluationState& state,
                                                      const CommandContext& context) {
  if (absl::Status s = CheckAction(command, context); !s.ok()) return s;
  const v1::ImprovementActionPlanned& a = command.action();
  // Before the rules about the record: a plan already carried out stays carried out.
  if (const v1::ImprovementActionPlanned* existing = state.FindAction(a.action_id())) {
    if (MessageDifferencer::Equals(*existing, a)) return std::vector<SchoolEvent>{};
    return absl::AlreadyExistsError(absl::StrCat(
        "action.action_id: the improvement plan already has an action with id \"", a.action_id(),
        "\" and different content; give a new action an id of its own"));
  }
  const v1::RatingRecorded* latest = state.LatestRating(a.section(), a.statement());
  if (latest == nullptr) {
    return absl::FailedPreconditionError(
        absl::StrCat("action.statement: ", Describe(a.section(), a.statement()),
                     " has not been rated yet; rate it first, so the action has a gap to close"));
  }
  if (latest->current_rating() == kNotApplicable && latest->target_rating() == 0) {
    return absl::FailedPreconditionError(absl::StrCat(
        "action.statement: ", Describe(a.section(), a.statement()),
        " is rated as not applicable to this setting (0, with no target); rate it again with a "
        "target before planning an action for it"));
  }
  return std::vector<SchoolEvent>{a};
}

}  // namespace

const StatementRecord* SelfEvaluationState::Find(v1::SelfEvaluationSection section,
                                                 int number) const {
  auto it = statements.find({section, number});
  return it == statements.end() ? nullptr : &it->second;
}

const v1::RatingRecorded* SelfEvaluationState::LatestRating(v1::SelfEvaluationSection section,
                                                            int number) const {
  const StatementRecord* record = Find(section, number);
  return record == nullptr ? nullptr : record->LatestRating();
}

const v1::ImprovementActionPlanned* SelfEvaluationState::FindAction(
    const std::string& action_id) const {
  auto it = action_index.find(action_id);
  if (it == action_index.end()) return nullptr;
  const auto& [key, index] = it->second;
  return &statements.at(key).actions[index].action;
}

SelfEvaluationState SelfEvaluation::Evolve(State state, const std::string& event_id,
                                           const Event& event) {
  if (const auto* r = std::get_if<v1::RatingRecorded>(&event)) {
    StatementRecord& record = state.statements[{r->section(), r->statement()}];
    record.ratings.push_back({event_id, *r});
    const size_t index = record.ratings.size() - 1;
    if (index == 0 ||
        CompareDates(r->rated_on(), record.ratings[record.latest].rating.rated_on()) >= 0) {
      record.latest = index;
    }
  } else if (const auto* a = std::get_if<v1::ImprovementActionPlanned>(&event)) {
    // Decide never reuses an id; should a log hold one twice, the first action stands.
    if (state.action_index.contains(a->action_id())) return state;
    const StatementKey key{a->section(), a->statement()};
    StatementRecord& record = state.statements[key];
    record.actions.push_back({event_id, *a});
    state.action_index[a->action_id()] = {key, record.actions.size() - 1};
  }
  return state;
}

absl::StatusOr<std::vector<SchoolEvent>> SelfEvaluation::Decide(const Command& command,
                                                                const State& state,
                                                                const CommandContext& context) {
  if (const auto* rate = std::get_if<v1::RecordRating>(&command)) {
    return DecideRating(*rate, state, context);
  }
  return DecideAction(std::get<v1::PlanImprovementAction>(command), state, context);
}

}  // namespace endeavour::domain
