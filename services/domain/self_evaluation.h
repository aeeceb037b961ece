// The school self-evaluation aggregate: stream "school/<tenant>/self-evaluation". Leaders rate
// each key statement of the self-evaluation tool (key_statements.h) with where the school is now
// and where it wants to be, and plan improvement actions against the statements with the largest
// gaps; they revisit every three to four months, so a statement gathers a series of ratings.
//
// Rules (all in Decide):
//  - A rating names a section of the tool and a key statement that exists in it; its current and
//    target ratings are 0-10 (0: not applicable); the target is not below the current rating and
//    has a date after the rating's, except that a statement rated not applicable (0) may keep a
//    target of 0, which needs no date; it is dated, not after today, and says who rated.
//    Evidence may be empty: the tool asks for ratings first and evidence after.
//  - The same rating again (same statement, same date, same content) decides nothing. Another
//    rating of the statement, on any date, is recorded: the series is the point.
//  - An improvement action has an id, names a key statement that has been rated and is not rated
//    "not applicable", says what will be done, who owns it, how success will be measured, when it
//    was planned (not after today) and when it is due (not before it was planned). The same id
//    with the same content decides nothing; with other content it is ALREADY_EXISTS.
#ifndef ENDEAVOUR_SERVICES_DOMAIN_SELF_EVALUATION_H_
#define ENDEAVOUR_SERVICES_DOMAIN_SELF_EVALUATION_H_

#include <map>
#include <string>
#include <utility>
#include <variant>
#include <vector>

#include "absl/container/flat_hash_map.h"
#include "absl/status/statusor.h"
#include "endeavour/v1/school_commands.pb.h"
#include "endeavour/v1/school_events.pb.h"
#include "services/domain/command_context.h"

namespace endeavour::domain {

using SchoolEvent =
    std::variant<endeavour::v1::RatingRecorded, endeavour::v1::ImprovementActionPlanned>;
using SchoolCommand =
    std::variant<endeavour::v1::RecordRating, endeavour::v1::PlanImprovementAction>;

// A key statement: its section and its number within the section.
using StatementKey = std::pair<endeavour::v1::SelfEvaluationSection, int>;

struct RecordedRating {
  std::string event_id;
  endeavour::v1::RatingRecorded rating;
};

struct PlannedAction {
  std::string event_id;
  endeavour::v1::ImprovementActionPlanned action;
};

// What the record holds about one key statement.
struct StatementRecord {
  // Every rating of the statement, in the order they were recorded.
  std::vector<RecordedRating> ratings;
  // Index in `ratings` of the latest: the one with the latest rated_on, and of those the last
  // recorded (a rating typed up late for an earlier date does not replace a newer one).
  size_t latest = 0;
  // The improvement actions planned against the statement, in the order they were planned.
  std::vector<PlannedAction> actions;

  // The latest rating, or nullptr when the statement has not been rated.
  const endeavour::v1::RatingRecorded* LatestRating() const {
    return ratings.empty() ? nullptr : &ratings[latest].rating;
  }
};

// Set only by Evolve.
struct SelfEvaluationState {
  // The statements that have a rating or an action, in section order, then by number.
  std::map<StatementKey, StatementRecord> statements;
  // Where each action id was planned: its statement and its index in that statement's actions.
  absl::flat_hash_map<std::string, std::pair<StatementKey, size_t>> action_index;

  // nullptr when nothing is recorded for the statement.
  const StatementRecord* Find(endeavour::v1::SelfEvaluationSection section, int number) const;
  // nullptr when the statement has not been rated.
  const endeavour::v1::RatingRecorded* LatestRating(endeavour::v1::SelfEvaluationSection section,
                                                    int number) const;
  // nullptr when no action has that id.
  const endeavour::v1::ImprovementActionPlanned* FindAction(const std::string& action_id) const;
};

struct SelfEvaluation {
  using State = SelfEvaluationState;
  using Event = SchoolEvent;
  using Command = SchoolCommand;

  // Pure: folds one event into the state.
  static State Evolve(State state, const std::string& event_id, const Event& event);

  // Pure: the events a command decides, none when it was already carried out, or the rule it
  // breaks (INVALID_ARGUMENT for malformed input, FAILED_PRECONDITION for a rule about what the
  // record holds, ALREADY_EXISTS for an action id used for another action).
  static absl::StatusOr<std::vector<Event>> Decide(const Command& command, const State& state,
                                                   const CommandContext& context);
};

}  // namespace endeavour::domain

#endif  // ENDEAVOUR_SERVICES_DOMAIN_SELF_EVALUATION_H_
