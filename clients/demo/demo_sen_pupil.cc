// One pupil's SEN record from start to end: registration (or a transfer in), the need identified
// and SEN status, the cycles laid out over the terms, and what follows each review's decision
// (demo_follow_up.cc for advice and EHC needs assessment requests).
#include <algorithm>
#include <utility>

#include "absl/strings/str_cat.h"
#include "absl/strings/substitute.h"
#include "clients/demo/demo_cycle.h"
#include "clients/demo/demo_review.h"

namespace endeavour::demo {
namespace {

using domain::AddDays;
using domain::CompareDates;
using domain::FormatDate;

bool OnRegisterAtEnd(Story story) { return story != Story::kOffRegister; }

// Splits terms into `cycles` runs of one or two terms, ending with the last term (the cycle still
// running) for a pupil still on the register, or before it for one who came off. Pupils with more
// cycles began earlier, so the register's histories spread over the two years.
std::vector<std::pair<int, int>> ChooseBlocks(DemoRandom& rng, int terms, int min_first,
                                              Story story, int& cycles) {
  int last = terms - 1;
  int span = 0;
  if (!OnRegisterAtEnd(story)) {
    cycles = std::max(1, std::min(cycles, terms - 1 - min_first));
    last = rng.Between(min_first + cycles - 1, terms - 2);
    span = rng.Between(cycles, std::min(2 * cycles, last - min_first + 1));
  } else {
    cycles = std::max(1, std::min(cycles, terms - min_first));
    const int most = std::min(2 * cycles - 1, terms - min_first);
    // An EHC plan and a transfer in are on the register from their first term.
    const bool from_first = story == Story::kEhcPlan || story == Story::kTransferIn;
    span = from_first ? most : rng.Between(cycles, most);
  }
  // The cycle still running takes one term; any other may take two.
  const int may_double = OnRegisterAtEnd(story) ? cycles - 1 : cycles;
  std::vector<int> positions;
  for (int i = 0; i < may_double; ++i) positions.push_back(i);
  rng.Shuffle(positions);
  std::vector<int> length(static_cast<size_t>(cycles), 1);
  for (int i = 0; i < span - cycles && i < may_double; ++i) length[positions[i]] = 2;
  std::vector<std::pair<int, int>> blocks;
  int term = last - span + 1;
  for (int l : length) {
    blocks.emplace_back(term, term + l - 1);
    term += l;
  }
  return blocks;
}

std::vector<v1::ReviewDecision> Decisions(DemoRandom& rng, Story story, int reviewed) {
  std::vector<v1::ReviewDecision> d(static_cast<size_t>(reviewed));
  for (auto& decision : d) {
    decision = rng.Percent(55) ? v1::REVIEW_DECISION_CONTINUE : v1::REVIEW_DECISION_REFINE_PLAN;
  }
  if (d.empty()) return d;
  switch (story) {
    case Story::kImproving:
      d.back() = v1::REVIEW_DECISION_REDUCE_SUPPORT;
      break;
    case Story::kEscalating: {
      const int k = rng.Between(0, reviewed - 1);
      for (int j = 0; j < k; ++j) d[j] = v1::REVIEW_DECISION_REFINE_PLAN;
      d[k] = v1::REVIEW_DECISION_SEEK_SPECIALIST_ADVICE;
      break;
    }
    case Story::kEhcRequest:
      for (auto& decision : d) decision = v1::REVIEW_DECISION_REFINE_PLAN;
      d.back() = v1::REVIEW_DECISION_REQUEST_EHC_NEEDS_ASSESSMENT;
      if (reviewed >= 2) d[reviewed - 2] = v1::REVIEW_DECISION_SEEK_SPECIALIST_ADVICE;
      break;
    case Story::kEhcPlan:
      for (auto& decision : d) decision = v1::REVIEW_DECISION_CONTINUE;
      if (reviewed >= 2) d[1] = v1::REVIEW_DECISION_REFINE_PLAN;
      break;
    case Story::kOffRegister:
      d.back() = v1::REVIEW_DECISION_NO_LONGER_NEEDS_SEN_SUPPORT;
      if (reviewed >= 2) d[reviewed - 2] = v1::REVIEW_DECISION_REDUCE_SUPPORT;
      break;
    default:
      break;
  }
  return d;
}

std::vector<CycleDates> Schedule(StoryState& s, const std::vector<std::pair<int, int>>& blocks,
                                 const v1::Date& first_agreed) {
  const std::vector<Term>& terms = s.frame.terms;
  std::vector<CycleDates> cycles;
  for (size_t i = 0; i < blocks.size(); ++i) {
    CycleDates d;
    d.first_term = blocks[i].first;
    d.last_term = blocks[i].second;
    d.agreed_on =
        i == 0 ? first_agreed : AddSchoolDays(terms[d.first_term].begins, s.rng.Between(2, 7));
    // A review running late into the next term is followed by the plan it agrees.
    if (i > 0 && CompareDates(d.agreed_on, cycles.back().held_on) <= 0) {
      d.agreed_on = AddSchoolDays(cycles.back().held_on, 1);
    }
    d.review_date = AddSchoolDays(terms[d.last_term].ends, -s.rng.Between(4, 10));
    const v1::Date early = AddSchoolDays(d.agreed_on, s.rng.Between(28, 35));
    if (s.rng.Percent(15) && CompareDates(early, d.review_date) < 0) d.review_date = early;
    if (DaysBetween(d.agreed_on, d.review_date) < 14)
      d.review_date = AddSchoolDays(d.agreed_on, 25);
    d.reviewed = !(OnRegisterAtEnd(s.profile.story) && i + 1 == blocks.size());
    if (d.reviewed) {
      d.held_on = AddSchoolDays(d.review_date, s.rng.Between(-2, 2));
      if (DaysBetween(d.agreed_on, d.held_on) < 14) d.held_on = d.review_date;
    }
    cycles.push_back(d);
  }
  return cycles;
}

v1::Evidence MakeEvidence(v1::EvidenceKind kind, std::string summary, const v1::Date& dated) {
  v1::Evidence evidence;
  evidence.set_kind(kind);
  evidence.set_summary(std::move(summary));
  *evidence.mutable_dated() = dated;
  return evidence;
}

v1::CensusNeedType PickCensus(DemoRandom& rng, const AreaCatalogue& area) {
  int roll = rng.Between(0, 99);
  for (const CensusChoice& choice : area.census) {
    if (roll < choice.weight) return choice.type;
    roll -= choice.weight;
  }
  return area.census.front().type;
}

const AreaCatalogue& SecondaryArea(v1::AreaOfNeed primary) {
  switch (primary) {
    case v1::AREA_OF_NEED_COMMUNICATION_AND_INTERACTION:
      return CatalogueFor(v1::AREA_OF_NEED_SOCIAL_EMOTIONAL_AND_MENTAL_HEALTH);
    case v1::AREA_OF_NEED_SENSORY_AND_PHYSICAL:
      return CatalogueFor(v1::AREA_OF_NEED_COGNITION_AND_LEARNING);
    default:
      return CatalogueFor(v1::AREA_OF_NEED_COMMUNICATION_AND_INTERACTION);
  }
}

void AddStatusChange(StoryState& s, v1::SenStatus from, v1::SenStatus to, const v1::Date& decided,
                     const v1::Date& informed, std::string reason) {
  v1::ChangeSenStatusRequest request;
  v1::SenStatusChanged* change = request.mutable_command()->mutable_change();
  change->set_from_status(from);
  change->set_to_status(to);
  *change->mutable_decided_on() = decided;
  *change->mutable_parents_informed_on() = informed;
  change->set_reason(std::move(reason));
  s.script.Add(informed, request);
}

// Assess: the primary need (and sometimes a secondary one) and the move onto SEN support or the
// EHC plan already in place. Returns the day the first plan is agreed.
v1::Date Identify(StoryState& s, const v1::Date& from) {
  const bool ehc = s.profile.story == Story::kEhcPlan;
  const v1::Date on = AddSchoolDays(from, ehc ? s.rng.Between(1, 3) : s.rng.Between(3, 10));
  v1::NeedIdentified need;
  need.set_need_id("need-1");
  need.set_area(s.area->area);
  need.set_census_type(PickCensus(s.rng, *s.area));
  // Escalating: a first, broader view of the need, which specialist advice may make exact.
  if (s.profile.story == Story::kEscalating &&
      s.area->area == v1::AREA_OF_NEED_COMMUNICATION_AND_INTERACTION) {
    need.set_census_type(v1::CENSUS_NEED_TYPE_SLCN);
  }
  if (s.profile.story == Story::kEscalating &&
      s.area->area == v1::AREA_OF_NEED_COGNITION_AND_LEARNING) {
    need.set_census_type(v1::CENSUS_NEED_TYPE_MLD);
  }
  need.set_rank(v1::NEED_RANK_PRIMARY);
  const std::string& name = s.pupil.first_name;
  for (int i = 0; i < 3; ++i) {
    const EvidenceSpec& e = s.area->evidence[(s.pupil.index + i) % s.area->evidence.size()];
    *need.add_evidence() = MakeEvidence(e.kind, absl::Substitute(e.summary, name),
                                        PreviousSchoolDay(AddDays(on, -s.rng.Between(2, 20))));
  }
  if (ehc || s.profile.story == Story::kTransferIn) {
    *need.add_evidence() = MakeEvidence(
        v1::EVIDENCE_KIND_EXTERNAL_REPORT,
        ehc ? "EHC plan issued by the local authority; section B sets out the needs recorded here"
            : "SEN support plans and reviews from Brookfield Primary, transferred with the pupil",
        AddDays(on, -s.rng.Between(30, 200)));
  }
  need.set_parents_agree(s.profile.corrects_need ? v1::AGREEMENT_NOT_YET_ASKED
                         : s.rng.Percent(80)     ? v1::AGREEMENT_AGREES
                                                 : v1::AGREEMENT_PARTLY_AGREES);
  need.set_professionals_agree(ehc || s.rng.Percent(40) ? v1::AGREEMENT_AGREES
                                                        : v1::AGREEMENT_NOT_YET_ASKED);
  need.set_views(absl::Substitute(s.rng.Pick(s.area->concerns), name));
  *need.mutable_identified_on() = on;
  v1::IdentifyNeedRequest identify;
  *identify.mutable_command()->mutable_need() = need;
  const std::string need_event = s.script.Add(on, identify);
  s.primary_need = "need-1";
  s.first_census = need.census_type();
  if (s.rng.Percent(30)) {
    const AreaCatalogue& other = SecondaryArea(s.area->area);
    v1::NeedIdentified second = need;
    second.set_need_id("need-2");
    second.set_area(other.area);
    second.set_census_type(PickCensus(s.rng, other));
    second.set_rank(v1::NEED_RANK_SECONDARY);
    second.clear_evidence();
    const EvidenceSpec& e = other.evidence[s.pupil.index % other.evidence.size()];
    *second.add_evidence() = MakeEvidence(e.kind, absl::Substitute(e.summary, name), on);
    second.set_views(absl::Substitute(other.concerns.front(), name));
    *identify.mutable_command()->mutable_need() = second;
    s.script.Add(on, identify);
    s.secondary_need = "need-2";
    s.secondary_area = &other;
  }
  if (s.profile.corrects_need) {
    v1::NeedIdentified corrected = need;
    const v1::Date when = AddSchoolDays(on, s.rng.Between(3, 6));
    corrected.set_parents_agree(v1::AGREEMENT_AGREES);
    corrected.set_views(
        absl::StrCat(need.views(), " Parents agreed at the meeting on ", FormatDate(when), "."));
    v1::CorrectRecordRequest request;
    v1::RecordCorrected* c = request.mutable_command()->mutable_correction();
    c->set_corrected_event_id(need_event);
    c->set_reason("Parents' view was recorded as not yet asked; they had agreed at the meeting");
    c->set_corrected_event_type(v1::NeedIdentified::descriptor()->full_name());
    c->set_corrected_payload(corrected.SerializeAsString());
    s.script.Add(when, request);
  }
  const v1::Date decided = AddSchoolDays(on, ehc ? 0 : s.rng.Between(2, 5));
  const v1::Date informed = AddDays(decided, ehc ? 0 : s.rng.Between(0, 3));
  AddStatusChange(s, v1::SEN_STATUS_NO_SEN,
                  ehc ? v1::SEN_STATUS_EHC_PLAN : v1::SEN_STATUS_SEN_SUPPORT, decided, informed,
                  ehc ? "EHC plan maintained by the local authority, recorded as the record begins"
                      : std::string(s.area->support_reason));
  return AddSchoolDays(informed, s.rng.Between(2, 6));
}

}  // namespace

DemoPupil SenPupil(const SchoolFrame& frame, const PupilBasics& pupil, const SenProfile& profile) {
  StoryState s(frame, pupil, profile);
  s.area = &CatalogueFor(profile.area);
  const int terms = static_cast<int>(frame.terms.size());
  int min_first = 0;
  v1::Date from = frame.start;
  if (profile.story == Story::kTransferIn) {
    min_first = 1;
    from = frame.terms[1].begins;
    WriteTransferIn(s, from);
  } else {
    v1::RegisterPupilRequest request;
    *request.mutable_command()->mutable_pupil() = Registration(pupil);
    s.script.Add(frame.start, request);
  }
  int cycles = profile.cycles;
  const std::vector<std::pair<int, int>> blocks =
      ChooseBlocks(s.rng, terms, min_first, profile.story, cycles);
  if (blocks.front().first > min_first) from = frame.terms[blocks.front().first].begins;
  const v1::Date first_plan = Identify(s, from);
  s.provisions.push_back(ChooseProvision(s, *s.area, s.rng.Pick(s.area->interventions)));
  const AreaCatalogue& second = s.secondary_area != nullptr ? *s.secondary_area : *s.area;
  if (profile.story == Story::kEhcPlan || s.rng.Percent(45)) {
    s.provisions.push_back(ChooseProvision(s, second, UnusedIntervention(s, second)));
  }
  const std::vector<CycleDates> dates = Schedule(s, blocks, first_plan);
  const int reviewed = OnRegisterAtEnd(profile.story) ? cycles - 1 : cycles;
  const std::vector<v1::ReviewDecision> decisions = Decisions(s.rng, profile.story, reviewed);
  for (int i = 0; i < cycles; ++i) {
    const CycleDates& d = dates[static_cast<size_t>(i)];
    const v1::ReviewDecision decision =
        d.reviewed ? decisions[static_cast<size_t>(i)] : v1::REVIEW_DECISION_UNSPECIFIED;
    const v1::Date next =
        i + 1 < cycles ? dates[static_cast<size_t>(i) + 1].review_date : v1::Date();
    WriteCycle(s, i + 1, d, decision, next);
    if (!d.reviewed) break;
    if (decision == v1::REVIEW_DECISION_SEEK_SPECIALIST_ADVICE) SeekAdvice(s, d.held_on);
    if (decision == v1::REVIEW_DECISION_REQUEST_EHC_NEEDS_ASSESSMENT) {
      RequestEhcAssessment(s, d.held_on, dates.front().agreed_on);
    }
    if (decision == v1::REVIEW_DECISION_NO_LONGER_NEEDS_SEN_SUPPORT) {
      AddStatusChange(s, v1::SEN_STATUS_SEN_SUPPORT, v1::SEN_STATUS_NO_SEN, d.held_on,
                      AddDays(d.held_on, s.rng.Between(0, 2)),
                      absl::StrCat("The review of ", FormatDate(d.held_on),
                                   " found the needs can now be met through quality-first "
                                   "teaching"));
    }
  }
  return DemoPupil{pupil.pupil_id, absl::StrCat(pupil.first_name, " ", pupil.surname),
                   std::move(s.script).Finish()};
}

}  // namespace endeavour::demo
