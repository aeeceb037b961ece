#include "projections/testing/school_workload.h"

#include <algorithm>
#include <tuple>
#include <utility>

#include "endeavour/v1/school_events.pb.h"
#include "projections/testing/school_workload_internal.h"
#include "services/domain/key_statements.h"
#include "services/domain/streams.h"

namespace endeavour::projections::testing {
namespace {

using workload::AddSchoolDays;
using workload::Rng;
using workload::ToDate;

// The self-evaluation is rated by leaders, not by the SENCO who keeps pupil records.
constexpr char kHeadteacher[] = "staff/1000";
constexpr int kActions = 5;

const char* EvidenceForRating(int rating) {
  switch (domain::BandOf(rating)) {
    case domain::EvidenceBand::kNotYetAddressed:
      return "Little in place yet; raised by staff and parents in the autumn survey.";
    case domain::EvidenceBand::kBeingAddressed:
      return "In the improvement plan; practice inconsistent across classes (learning walks).";
    default:
      return "Embedded across the school; outcomes data and parent survey show the impact.";
  }
}

struct ActionText {
  const char* action;
  const char* owner;
  const char* success_measure;
};
constexpr ActionText kActionTexts[] = {
    {"Staff meeting and coaching on the practice this statement describes", "SENCO",
     "Learning walks find it in every class"},
    {"Termly audit against the statement, reported to governors", "Deputy headteacher",
     "Governors' minutes record the audit each term"},
    {"Parent workshop and a one-page guide", "SENCO and family support worker",
     "Parent survey agreement up by 20 points"},
    {"Buy and train staff in an evidence-based programme", "Headteacher",
     "Programme running with fidelity checks half-termly"},
    {"Pupil voice interviews and an action plan from them", "SEND governor",
     "Pupils on SEN support can say what helps them"},
};

struct Rated {
  v1::SelfEvaluationSection section;
  int statement;
  int current;
  int target;
  int64_t target_by;
};

v1::RatingRecorded Rating(const Rated& r, int64_t rated_on) {
  v1::RatingRecorded rating;
  rating.set_section(r.section);
  rating.set_statement(r.statement);
  rating.set_current_rating(r.current);
  rating.set_target_rating(r.target);
  if (r.target != 0) *rating.mutable_target_by() = ToDate(r.target_by);
  rating.set_evidence(EvidenceForRating(r.current));
  rating.set_rated_by("SLT and SEND governor");
  *rating.mutable_rated_on() = ToDate(rated_on);
  return rating;
}

}  // namespace

v1::Date DefaultWorkloadStart() {
  v1::Date start;
  start.set_year(2024);
  start.set_month(9);
  start.set_day(2);
  return start;
}

namespace workload {

std::string IdSafeTenant(const std::string& tenant) {
  std::string safe = tenant.substr(0, 48);
  for (char& c : safe) {
    const bool keep = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
                      c == '.' || c == '_' || c == '-';
    if (!keep) c = '_';
  }
  return safe;
}

}  // namespace workload

SchoolWorkload::SchoolWorkload(WorkloadOptions options) : options_(std::move(options)) {}

std::string SchoolWorkload::PupilStreamId(int index) const {
  return domain::PupilStreamId(options_.tenant, workload::PupilId(index));
}

std::vector<WorkloadEvent> SchoolWorkload::PupilEvents(int index) const {
  return workload::GeneratePupil(options_, index);
}

std::vector<WorkloadEvent> SchoolWorkload::Interleaved() const {
  std::vector<std::vector<WorkloadEvent>> pupils(static_cast<size_t>(std::max(0, options_.pupils)));
  // (day, pupil, place in stream): sorting these merges the streams by date while each stream,
  // already in date order, keeps its own order.
  std::vector<std::tuple<int64_t, int, int>> order;
  for (int i = 0; i < static_cast<int>(pupils.size()); ++i) {
    pupils[i] = PupilEvents(i);
    for (int j = 0; j < static_cast<int>(pupils[i].size()); ++j) {
      order.emplace_back(domain::DayNumber(pupils[i][j].envelope.occurred_on()), i, j);
    }
  }
  std::sort(order.begin(), order.end());
  std::vector<WorkloadEvent> merged;
  merged.reserve(order.size());
  for (const auto& [day, pupil, place] : order) merged.push_back(std::move(pupils[pupil][place]));
  return merged;
}

std::vector<WorkloadEvent> SchoolWorkload::SelfEvaluationEvents() const {
  Rng rng(workload::StreamSeed(options_.seed, 0));
  const std::string prefix =
      absl::StrCat(workload::IdSafeTenant(options_.tenant), ":s", options_.seed, "-se");
  workload::Stamper stamper(options_, domain::SelfEvaluationStreamId(options_.tenant),
                            absl::StrCat(prefix, "-e"));
  // Three weeks into term, then again next term.
  const int64_t first = AddSchoolDays(domain::DayNumber(options_.start), 15);
  const int64_t second = AddSchoolDays(first, 75);
  std::vector<WorkloadEvent> events;
  std::vector<Rated> rated;
  const std::string round_one = absl::StrCat(prefix, "-r1");
  for (const domain::Section& section : domain::SelfEvaluationSections()) {
    for (const domain::KeyStatement& statement : section.statements) {
      Rated r{section.id, statement.number, 0, 0, 0};
      // A statement now and then does not apply to this setting: 0 with no target.
      if (!rng.Percent(4)) {
        r.current = rng.Between(1, 7);
        r.target = std::min(10, r.current + rng.Between(1, 3));
        r.target_by = first + rng.Between(180, 365);
      }
      rated.push_back(r);
      events.push_back(
          stamper.Stamp(Rating(r, first), first, kHeadteacher, v1::ROLE_LEADER, round_one));
    }
  }
  // Improvement actions against the largest gaps between where the school is and wants to be.
  std::vector<const Rated*> gaps;
  for (const Rated& r : rated) {
    if (r.target != 0) gaps.push_back(&r);
  }
  std::stable_sort(gaps.begin(), gaps.end(), [](const Rated* a, const Rated* b) {
    return a->target - a->current > b->target - b->current;
  });
  const int64_t planned = AddSchoolDays(first, 5);
  for (int i = 0; i < kActions && i < static_cast<int>(gaps.size()); ++i) {
    const ActionText& text = kActionTexts[i % std::size(kActionTexts)];
    v1::ImprovementActionPlanned action;
    action.set_action_id(absl::StrCat("action-", i + 1));
    action.set_section(gaps[i]->section);
    action.set_statement(gaps[i]->statement);
    action.set_action(text.action);
    action.set_owner(text.owner);
    *action.mutable_due_on() = ToDate(planned + rng.Between(60, 150));
    action.set_success_measure(text.success_measure);
    *action.mutable_planned_on() = ToDate(planned);
    events.push_back(stamper.Stamp(action, planned, kHeadteacher, v1::ROLE_LEADER, round_one));
  }
  const std::string round_two = absl::StrCat(prefix, "-r2");
  for (Rated& r : rated) {
    if (r.target != 0) {
      r.current = std::min(r.target, r.current + rng.Between(0, 2));
      // A target reached is raised, with a new date.
      if (r.current == r.target && r.target < 10) {
        r.target += 1;
        r.target_by = second + rng.Between(180, 365);
      }
    }
    events.push_back(
        stamper.Stamp(Rating(r, second), second, kHeadteacher, v1::ROLE_LEADER, round_two));
  }
  return events;
}

}  // namespace endeavour::projections::testing
