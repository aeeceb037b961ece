// Builders shared by the self-evaluation tests: a valid rating and a valid improvement action,
// which each test changes in the one field its rule is about.
#ifndef ENDEAVOUR_SERVICES_DOMAIN_SELF_EVALUATION_TESTING_H_
#define ENDEAVOUR_SERVICES_DOMAIN_SELF_EVALUATION_TESTING_H_

#include <string>
#include <utility>
#include <vector>

#include "absl/strings/str_cat.h"
#include "services/domain/command_context.h"
#include "services/domain/self_evaluation.h"

namespace endeavour::domain::testing {

namespace v1 = endeavour::v1;

inline v1::Date Day(int year, int month, int day) {
  v1::Date d;
  d.set_year(year);
  d.set_month(month);
  d.set_day(day);
  return d;
}

// A command given on `today`.
inline CommandContext On(const v1::Date& today, std::string command_id = "command-1") {
  CommandContext context;
  context.command_id = std::move(command_id);
  context.today = today;
  return context;
}

// Leadership 4 (the SEND governor), rated 3 now with a target of 6 by July, on 20 November 2026.
// Spec's default today is 24 November 2026.
inline v1::RatingRecorded GovernorRating() {
  v1::RatingRecorded r;
  r.set_section(v1::SELF_EVALUATION_SECTION_LEADERSHIP);
  r.set_statement(4);
  r.set_current_rating(3);
  r.set_target_rating(6);
  *r.mutable_target_by() = Day(2027, 7, 16);
  r.set_evidence(
      "A SEND governor was named in September; she has not yet had training and has not visited.");
  r.set_rated_by("SLT and SEND governor");
  *r.mutable_rated_on() = Day(2026, 11, 20);
  return r;
}

inline v1::RecordRating Rate(const v1::RatingRecorded& rating) {
  v1::RecordRating command;
  *command.mutable_rating() = rating;
  return command;
}

// An action against Leadership 4, planned on 21 November 2026 and due before the summer.
inline v1::ImprovementActionPlanned GovernorTraining() {
  v1::ImprovementActionPlanned a;
  a.set_action_id("action-governor-training");
  a.set_section(v1::SELF_EVALUATION_SECTION_LEADERSHIP);
  a.set_statement(4);
  a.set_action("Book the SEND governor on the local authority's governor SEND training.");
  a.set_owner("Chair of governors");
  *a.mutable_due_on() = Day(2027, 3, 31);
  a.set_success_measure(
      "The SEND governor has been trained and reports termly to the full governing body.");
  *a.mutable_planned_on() = Day(2026, 11, 21);
  return a;
}

inline v1::PlanImprovementAction Plan(const v1::ImprovementActionPlanned& action) {
  v1::PlanImprovementAction command;
  *command.mutable_action() = action;
  return command;
}

// Folds events with ids "e-1", "e-2", ...
inline SelfEvaluationState Fold(const std::vector<SchoolEvent>& events) {
  SelfEvaluationState state;
  for (size_t i = 0; i < events.size(); ++i) {
    state = SelfEvaluation::Evolve(std::move(state), absl::StrCat("e-", i + 1), events[i]);
  }
  return state;
}

}  // namespace endeavour::domain::testing

#endif  // ENDEAVOUR_SERVICES_DOMAIN_SELF_EVALUATION_TESTING_H_
