// The demo school as a whole: who is on the register, with which area of need and which story,
// and everyone else on roll.
#include "clients/demo/demo_school.h"

#include <algorithm>
#include <map>

#include "absl/strings/str_cat.h"
#include "absl/strings/strip.h"
#include "clients/demo/demo_catalogue.h"
#include "clients/demo/demo_story.h"

namespace endeavour::demo {
namespace {

constexpr int kMaxPupils = 20000;
// Pupils with SEN come from Reception to Year 4, so their two years of history stay in the school.
constexpr int kOldestSenYearGroup = 4;

// The register's areas in about the shares English primary schools report, each area at least
// once when there are four or more pupils.
std::vector<v1::AreaOfNeed> RegisterAreas(DemoRandom& rng, int sen) {
  const std::pair<v1::AreaOfNeed, int> kShares[] = {
      {v1::AREA_OF_NEED_COMMUNICATION_AND_INTERACTION, 30},
      {v1::AREA_OF_NEED_SOCIAL_EMOTIONAL_AND_MENTAL_HEALTH, 22},
      {v1::AREA_OF_NEED_SENSORY_AND_PHYSICAL, 13}};
  std::vector<v1::AreaOfNeed> areas;
  for (const auto& [area, share] : kShares) {
    const int count = std::max(sen >= 4 ? 1 : 0, (sen * share + 50) / 100);
    for (int i = 0; i < count && static_cast<int>(areas.size()) < sen; ++i) areas.push_back(area);
  }
  while (static_cast<int>(areas.size()) < sen) {
    areas.push_back(v1::AREA_OF_NEED_COGNITION_AND_LEARNING);
  }
  rng.Shuffle(areas);
  return areas;
}

// The stories every school of this size has at least one of, then a mix.
std::vector<Story> RegisterStories(DemoRandom& rng, int sen) {
  std::vector<Story> stories;
  const int ehc = sen >= 4 ? std::max(1, sen / 30) : 0;
  for (int i = 0; i < ehc; ++i) stories.push_back(Story::kEhcPlan);
  for (int i = 0; i < ehc; ++i) stories.push_back(Story::kEhcRequest);
  stories.push_back(Story::kTransferIn);
  stories.push_back(Story::kImproving);
  stories.push_back(Story::kEscalating);
  while (static_cast<int>(stories.size()) < sen) {
    const int roll = rng.Between(0, 99);
    stories.push_back(roll < 45   ? Story::kSteady
                      : roll < 70 ? Story::kImproving
                                  : Story::kEscalating);
  }
  stories.resize(static_cast<size_t>(sen));
  return stories;
}

int CyclesFor(DemoRandom& rng, Story story) {
  switch (story) {
    case Story::kEhcPlan:
    case Story::kEhcRequest:
      return 4;
    case Story::kTransferIn:
      return 4;
    case Story::kImproving:
    case Story::kEscalating:
      return rng.Between(2, 4);
    case Story::kOffRegister:
      return rng.Between(1, 3);
    default: {
      const int roll = rng.Between(0, 99);
      return roll < 15 ? 1 : roll < 40 ? 2 : roll < 70 ? 3 : 4;
    }
  }
}

absl::Status CheckOptions(const DemoOptions& o) {
  if (o.pupils < 1 || o.pupils > kMaxPupils) {
    return absl::InvalidArgumentError(
        absl::StrCat("--pupils: ", o.pupils, " is not from 1 to ", kMaxPupils));
  }
  if (o.sen < 0) return absl::InvalidArgumentError("--sen: cannot be negative");
  if (!domain::IsRealDate(o.start) || o.start.year() < 2000 || o.start.year() > 2150) {
    return absl::InvalidArgumentError(absl::StrCat("--start-date: ", domain::FormatDate(o.start),
                                                   " is not a real day from 2000 to 2150"));
  }
  return absl::OkStatus();
}

}  // namespace

v1::Date DefaultStartDate() { return MakeDate(2024, 9, 2); }

size_t DemoSchool::CommandCount() const {
  size_t count = self_evaluation.size();
  for (const DemoPupil& pupil : pupils) count += pupil.requests.size();
  return count;
}

absl::StatusOr<DemoSchool> GenerateDemoSchool(const DemoOptions& given) {
  DemoOptions options = given;
  if (!domain::IsDateSet(options.start)) options.start = DefaultStartDate();
  if (absl::Status valid = CheckOptions(options); !valid.ok()) return valid;
  SchoolFrame frame;
  frame.seed = options.seed;
  frame.start = options.start;
  frame.end = domain::AddDays(options.start, 800);
  frame.id_prefix = absl::StrCat("demo", options.seed);
  frame.terms = TermsBetween(frame.start, frame.end);
  for (size_t f = 0; f < FirstNames().size(); ++f) {
    for (size_t s = 0; s < Surnames().size(); ++s) {
      frame.names.emplace_back(static_cast<int>(f), static_cast<int>(s));
    }
  }
  DemoRandom names = DemoRandom::For(options.seed, "names");
  names.Shuffle(frame.names);
  const int off_register = options.sen == 0 ? 0 : std::max(1, options.sen / 15);
  std::vector<int> eligible;
  for (int i = 0; i < options.pupils; ++i) {
    if (i % 7 <= kOldestSenYearGroup) eligible.push_back(i);
  }
  if (options.sen + off_register > static_cast<int>(eligible.size())) {
    return absl::InvalidArgumentError(absl::StrCat(
        "--sen: ", options.sen, " on the register (and ", off_register,
        " who came off it) need that many pupils from Reception to Year 4, and --pupils ",
        options.pupils, " gives ", eligible.size(), ": lower --sen or raise --pupils"));
  }
  DemoRandom rng = DemoRandom::For(options.seed, "school");
  rng.Shuffle(eligible);
  const std::vector<v1::AreaOfNeed> areas = RegisterAreas(rng, options.sen);
  const std::vector<Story> stories = RegisterStories(rng, options.sen);
  std::map<int, SenProfile> profiles;
  for (int k = 0; k < options.sen + off_register; ++k) {
    SenProfile p;
    p.story = k < options.sen ? stories[static_cast<size_t>(k)] : Story::kOffRegister;
    p.area = k < options.sen ? areas[static_cast<size_t>(k)]
                             : static_cast<v1::AreaOfNeed>(rng.Between(1, 4));
    p.cycles = CyclesFor(rng, p.story);
    // Slips here and there, and surely in the first two stories (an EHC plan, then an EHC plan
    // or a request), whose first cycle is a full one that is reviewed.
    p.corrects_session = rng.Percent(10) || k == 0;
    p.retracts_duplicate_session = rng.Percent(8) || k == 0;
    p.corrects_need = rng.Percent(8) || k == 1;
    p.corrects_review = rng.Percent(8) || k == 1;
    profiles[eligible[static_cast<size_t>(k)]] = p;
  }
  DemoSchool school;
  school.options = options;
  school.end = frame.end;
  int ordinary = 0;
  for (int i = 0; i < options.pupils; ++i) {
    const PupilBasics basics = MakeBasics(frame, i);
    auto profile = profiles.find(i);
    if (profile != profiles.end()) {
      school.pupils.push_back(SenPupil(frame, basics, profile->second));
    } else {
      // A registration or two typed wrongly and corrected.
      school.pupils.push_back(OrdinaryPupil(frame, basics, ordinary++ % 120 == 3));
    }
  }
  school.self_evaluation = SelfEvaluationRequests(frame);
  DemoShape& shape = school.shape;
  shape.on_roll = options.pupils;
  shape.on_register = options.sen;
  shape.ehc_plan = static_cast<int>(std::count(stories.begin(), stories.end(), Story::kEhcPlan));
  shape.sen_support = options.sen - shape.ehc_plan;
  shape.came_off_register = off_register;
  for (v1::AreaOfNeed area : areas) ++shape.register_by_area[area];
  return school;
}

std::string RequestName(const PupilRequest& request) {
  return std::visit(
      [](const auto& r) {
        return std::string(absl::StripSuffix(r.GetDescriptor()->name(), "Request"));
      },
      request);
}

std::string RequestName(const SchoolRequest& request) {
  return std::visit(
      [](const auto& r) {
        return std::string(absl::StripSuffix(r.GetDescriptor()->name(), "Request"));
      },
      request);
}

const v1::CommandHeader& HeaderOf(const PupilRequest& request) {
  return std::visit([](const auto& r) -> const v1::CommandHeader& { return r.header(); }, request);
}

const v1::CommandHeader& HeaderOf(const SchoolRequest& request) {
  return std::visit([](const auto& r) -> const v1::CommandHeader& { return r.header(); }, request);
}

}  // namespace endeavour::demo
