#include "projections/self_evaluation_trends.h"

#include <algorithm>
#include <cstdint>
#include <map>
#include <string>
#include <tuple>
#include <vector>

#include "services/domain/dates.h"
#include "services/domain/key_statements.h"

namespace endeavour::projections {
namespace {

using DateKey = std::tuple<int, int, int>;

DateKey KeyOf(const v1::Date& date) { return {date.year(), date.month(), date.day()}; }

v1::EvidenceBand BandFor(int current) {
  // Checked before BandOf, which puts 0 in the lowest band as the tool's pages draw it.
  if (current == domain::kNotApplicable) return v1::EVIDENCE_BAND_NOT_APPLICABLE;
  switch (domain::BandOf(current)) {
    case domain::EvidenceBand::kNotYetAddressed:
      return v1::EVIDENCE_BAND_NOT_YET_ADDRESSED;
    case domain::EvidenceBand::kBeingAddressed:
      return v1::EVIDENCE_BAND_BEING_ADDRESSED;
    case domain::EvidenceBand::kStrategicallyAddressed:
      return v1::EVIDENCE_BAND_STRATEGICALLY_ADDRESSED;
  }
  return v1::EVIDENCE_BAND_UNSPECIFIED;
}

// Running sums behind a TrendAverages; "not applicable" ratings are not added.
struct Sums {
  int statements = 0;
  int64_t current = 0;
  int64_t target = 0;

  void Add(const v1::RatingRecorded& rating) {
    if (rating.current_rating() == domain::kNotApplicable) return;
    ++statements;
    current += rating.current_rating();
    target += rating.target_rating();
  }

  v1::TrendAverages ToProto() const {
    v1::TrendAverages averages;
    averages.set_statements(statements);
    if (statements > 0) {
      averages.set_current(static_cast<double>(current) / statements);
      averages.set_target(static_cast<double>(target) / statements);
    }
    return averages;
  }
};

// What one round (one rated_on date) gathers while the statements are walked.
struct Round {
  v1::Date rated_on;
  int ratings = 0;
  std::map<v1::SelfEvaluationSection, Sums> sections;
  Sums overall;
};

v1::TrendRating PointOf(const domain::RecordedRating& recorded, const SelfEvaluationFile& file) {
  const v1::RatingRecorded& r = recorded.rating;
  v1::TrendRating point;
  *point.mutable_rated_on() = r.rated_on();
  point.set_current_rating(r.current_rating());
  point.set_target_rating(r.target_rating());
  *point.mutable_target_by() = r.target_by();
  point.set_evidence(r.evidence());
  point.set_rated_by(r.rated_by());
  if (auto it = file.sources.find(recorded.event_id); it != file.sources.end()) {
    *point.mutable_source() = it->second;
  }
  return point;
}

v1::TrendAction ActionOf(const domain::PlannedAction& planned, const SelfEvaluationFile& file) {
  const v1::ImprovementActionPlanned& a = planned.action;
  v1::TrendAction action;
  action.set_action_id(a.action_id());
  action.set_action(a.action());
  action.set_owner(a.owner());
  action.set_success_measure(a.success_measure());
  *action.mutable_planned_on() = a.planned_on();
  *action.mutable_due_on() = a.due_on();
  if (auto it = file.sources.find(planned.event_id); it != file.sources.end()) {
    *action.mutable_source() = it->second;
  }
  return action;
}

// The series of one statement in rated_on order, and its rounds. A stable sort keeps ratings of
// the same day in recorded order, so each but the last of a day is superseded.
void AddSeries(const domain::StatementRecord& record, const SelfEvaluationFile& file,
               v1::TrendStatement& statement, std::map<DateKey, Round>& rounds) {
  std::vector<size_t> order(record.ratings.size());
  for (size_t i = 0; i < order.size(); ++i) order[i] = i;
  std::stable_sort(order.begin(), order.end(), [&](size_t a, size_t b) {
    return domain::CompareDates(record.ratings[a].rating.rated_on(),
                                record.ratings[b].rating.rated_on()) < 0;
  });
  for (size_t k = 0; k < order.size(); ++k) {
    const domain::RecordedRating& recorded = record.ratings[order[k]];
    v1::TrendRating* point = statement.add_ratings();
    *point = PointOf(recorded, file);
    const bool superseded =
        k + 1 < order.size() &&
        domain::CompareDates(recorded.rating.rated_on(),
                             record.ratings[order[k + 1]].rating.rated_on()) == 0;
    point->set_superseded(superseded);
    if (superseded) continue;
    Round& round = rounds[KeyOf(recorded.rating.rated_on())];
    round.rated_on = recorded.rating.rated_on();
    ++round.ratings;
    round.sections[statement.section()].Add(recorded.rating);
    round.overall.Add(recorded.rating);
  }
}

// One key statement of the tool with what the record holds about it (`record` may be null).
v1::TrendStatement RenderStatement(v1::SelfEvaluationSection section,
                                   const domain::KeyStatement& key,
                                   const domain::StatementRecord* record,
                                   const SelfEvaluationFile& file,
                                   std::map<DateKey, Round>& rounds) {
  v1::TrendStatement statement;
  statement.set_section(section);
  statement.set_statement(key.number);
  statement.set_text(std::string(key.text));
  if (record == nullptr) return statement;
  AddSeries(*record, file, statement, rounds);
  if (const v1::RatingRecorded* latest = record->LatestRating(); latest != nullptr) {
    *statement.mutable_latest() = PointOf(record->ratings[record->latest], file);
    statement.set_band(BandFor(latest->current_rating()));
    if (latest->current_rating() != domain::kNotApplicable) {
      statement.set_gap(latest->target_rating() - latest->current_rating());
    }
  }
  for (const domain::PlannedAction& planned : record->actions) {
    *statement.add_actions() = ActionOf(planned, file);
  }
  return statement;
}

v1::TrendGap GapOf(const v1::TrendStatement& statement) {
  v1::TrendGap gap;
  gap.set_section(statement.section());
  gap.set_statement(statement.statement());
  gap.set_text(statement.text());
  gap.set_current_rating(statement.latest().current_rating());
  gap.set_target_rating(statement.latest().target_rating());
  gap.set_gap(statement.gap());
  *gap.mutable_rated_on() = statement.latest().rated_on();
  gap.set_actions(statement.actions_size());
  return gap;
}

void AddRounds(const std::map<DateKey, Round>& rounds, v1::SelfEvaluationTrends& trends) {
  for (const auto& [key, round] : rounds) {
    v1::TrendRound* out = trends.add_rounds();
    *out->mutable_rated_on() = round.rated_on;
    out->set_ratings(round.ratings);
    for (const auto& [section, sums] : round.sections) {
      v1::TrendRoundSection* s = out->add_sections();
      s->set_section(section);
      *s->mutable_averages() = sums.ToProto();
    }
    *out->mutable_overall() = round.overall.ToProto();
  }
}

}  // namespace

v1::SelfEvaluationTrends RenderTrends(const SelfEvaluationFile& file) {
  v1::SelfEvaluationTrends trends;
  trends.set_tenant(file.tenant);
  trends.set_last_position(file.last_position);
  std::map<DateKey, Round> rounds;
  Sums overall;
  // Walks the tool, not the state: Decide accepts ratings and actions only for statements that
  // exist in the tool, so the state holds no others.
  for (const domain::Section& section : domain::SelfEvaluationSections()) {
    v1::TrendSection* out = trends.add_sections();
    out->set_section(section.id);
    out->set_title(std::string(section.title));
    Sums sums;
    for (const domain::KeyStatement& key : section.statements) {
      const domain::StatementRecord* record = file.state.Find(section.id, key.number);
      v1::TrendStatement* statement = out->add_statements();
      *statement = RenderStatement(section.id, key, record, file, rounds);
      if (!statement->has_latest()) continue;
      const v1::RatingRecorded& latest = *record->LatestRating();
      out->set_statements_rated(out->statements_rated() + 1);
      if (latest.current_rating() == domain::kNotApplicable) {
        out->set_statements_not_applicable(out->statements_not_applicable() + 1);
        continue;
      }
      sums.Add(latest);
      overall.Add(latest);
      *trends.add_gaps() = GapOf(*statement);
    }
    *out->mutable_latest() = sums.ToProto();
  }
  *trends.mutable_overall() = overall.ToProto();
  // Largest gap first; equal gaps in the tool's order, so the ranking never depends on the order
  // things were recorded in.
  std::stable_sort(trends.mutable_gaps()->begin(), trends.mutable_gaps()->end(),
                   [](const v1::TrendGap& a, const v1::TrendGap& b) {
                     if (a.gap() != b.gap()) return a.gap() > b.gap();
                     if (a.section() != b.section()) return a.section() < b.section();
                     return a.statement() < b.statement();
                   });
  AddRounds(rounds, trends);
  return trends;
}

void FillTrendsAsOf(const v1::Date& today, v1::SelfEvaluationTrends& trends) {
  const int64_t today_number = domain::DayNumber(today);
  int overdue_in_school = 0;
  for (v1::TrendSection& section : *trends.mutable_sections()) {
    int overdue_in_section = 0;
    for (v1::TrendStatement& statement : *section.mutable_statements()) {
      for (v1::TrendAction& action : *statement.mutable_actions()) {
        const bool overdue =
            domain::IsDateSet(action.due_on()) && domain::CompareDates(action.due_on(), today) < 0;
        action.set_overdue(overdue);
        action.set_days_overdue(
            overdue ? static_cast<int32_t>(today_number - domain::DayNumber(action.due_on())) : 0);
        if (overdue) ++overdue_in_section;
      }
      const v1::TrendRating& latest = statement.latest();
      statement.set_target_date_passed(statement.has_latest() &&
                                       latest.current_rating() < latest.target_rating() &&
                                       domain::IsDateSet(latest.target_by()) &&
                                       domain::CompareDates(latest.target_by(), today) < 0);
    }
    section.set_overdue_actions(overdue_in_section);
    overdue_in_school += overdue_in_section;
  }
  *trends.mutable_as_of() = today;
  trends.set_overdue_actions(overdue_in_school);
}

}  // namespace endeavour::projections
