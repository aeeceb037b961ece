// The demo school's whole-school SEND self-evaluation: two rounds two years apart, every key
// statement rated with a target, and improvement actions planned for the largest gaps. The second
// round shows most statements improved, a few slipped, one still not applicable.
#include <algorithm>
#include <map>
#include <tuple>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_format.h"
#include "clients/demo/demo_catalogue.h"
#include "clients/demo/demo_story.h"
#include "services/domain/key_statements.h"

namespace endeavour::demo {
namespace {

using domain::AddDays;

constexpr char kRatedBy[] = "SENCO, headteacher and SEND governor";

// What the school writes as evidence at each band of the scale.
std::string EvidenceText(absl::string_view section, int rating) {
  if (rating == 0) return "Not applicable to this school at present.";
  if (rating <= 3) {
    return absl::StrCat(section, ": some evidence, not yet consistent across the school.");
  }
  if (rating <= 6) {
    return absl::StrCat(section,
                        ": effective in most classes; book looks and pupil voice confirm it.");
  }
  return absl::StrCat(section, ": embedded across the school with better outcomes in the data.");
}

struct Rated {
  v1::SelfEvaluationSection section;
  int statement;
  int current;
  int target;
};

class SchoolScript {
 public:
  explicit SchoolScript(std::string prefix) : prefix_(std::move(prefix)) {}

  template <typename Request>
  void Add(const v1::Date& today, Request request) {
    request.mutable_header()->set_command_id(
        absl::StrCat(prefix_, "-", absl::StrFormat("%04d", requests_.size() + 1)));
    *request.mutable_header()->mutable_today() = today;
    requests_.push_back(std::move(request));
  }
  std::vector<SchoolRequest> Finish() && { return std::move(requests_); }

 private:
  std::string prefix_;
  std::vector<SchoolRequest> requests_;
};

// One round: every statement rated on `on`, then actions for the six largest gaps a week later.
std::vector<Rated> Round(const SchoolFrame& frame, SchoolScript& script, DemoRandom& rng,
                         const v1::Date& on, int round, const std::vector<Rated>& before) {
  std::vector<Rated> ratings;
  size_t i = 0;
  for (const domain::Section& section : domain::SelfEvaluationSections()) {
    for (const domain::KeyStatement& statement : section.statements) {
      Rated r{section.id, statement.number, 0, 0};
      // A school with no pupils from specialist settings rates that statement not applicable.
      const bool not_applicable =
          section.id == v1::SELF_EVALUATION_SECTION_LEADERSHIP && statement.number == 7;
      if (!not_applicable && before.empty()) {
        r.current = rng.Between(2, 6);
        r.target = std::min(10, r.current + rng.Between(2, 3));
      } else if (!not_applicable) {
        const Rated& last = before[i];
        constexpr int kChange[] = {-1, 0, 1, 1, 2, 2, 3};
        r.current = std::clamp(last.current + rng.Pick(kChange), 1, std::min(10, last.target + 1));
        r.target = std::min(10, std::max(last.target, r.current + rng.Between(1, 2)));
      }
      ++i;
      v1::RecordRatingRequest request;
      v1::RatingRecorded* rating = request.mutable_command()->mutable_rating();
      rating->set_section(r.section);
      rating->set_statement(r.statement);
      rating->set_current_rating(r.current);
      rating->set_target_rating(r.target);
      if (!not_applicable) *rating->mutable_target_by() = AddDays(on, rng.Between(270, 330));
      rating->set_evidence(EvidenceText(std::string(section.title), r.current));
      rating->set_rated_by(kRatedBy);
      *rating->mutable_rated_on() = on;
      script.Add(on, request);
      ratings.push_back(r);
    }
  }
  std::vector<Rated> gaps = ratings;
  std::stable_sort(gaps.begin(), gaps.end(), [](const Rated& a, const Rated& b) {
    return a.target - a.current > b.target - b.current;
  });
  const v1::Date planned = AddSchoolDays(on, 5);
  for (int a = 0; a < 6 && a < static_cast<int>(gaps.size()); ++a) {
    const Rated& r = gaps[static_cast<size_t>(a)];
    if (r.target == 0) continue;
    const domain::Section* section = domain::FindSection(r.section);
    v1::PlanImprovementActionRequest request;
    v1::ImprovementActionPlanned* action = request.mutable_command()->mutable_action();
    action->set_action_id(absl::StrCat(frame.id_prefix, "-round", round, "-action", a + 1));
    action->set_section(r.section);
    action->set_statement(r.statement);
    action->set_action(absl::StrCat(
        "Raise key statement ", r.statement, " of ", std::string(section->title), " from ",
        r.current, " to ", r.target, ": staff training, then termly book looks and pupil voice"));
    action->set_owner(a % 2 == 0 ? std::string(SencoName()) : "Headteacher");
    *action->mutable_due_on() = AddDays(planned, rng.Between(60, 150));
    action->set_success_measure(absl::StrCat("Rated ", r.target,
                                             " at the next self-evaluation, with the evidence "
                                             "seen in every class"));
    *action->mutable_planned_on() = planned;
    script.Add(planned, request);
  }
  return ratings;
}

}  // namespace

std::vector<SchoolRequest> SelfEvaluationRequests(const SchoolFrame& frame) {
  DemoRandom rng = DemoRandom::For(frame.seed, "self-evaluation");
  SchoolScript script(absl::StrCat(frame.id_prefix, "-school"));
  const v1::Date first = NextSchoolDay(AddDays(frame.start, 42));
  // The second round early in the last term, so its targets and actions still lie ahead.
  const v1::Date second = AddSchoolDays(frame.terms.back().begins, 12);
  const std::vector<Rated> before = Round(frame, script, rng, first, 1, {});
  Round(frame, script, rng, second, 2, before);
  return std::move(script).Finish();
}

}  // namespace endeavour::demo
