// Inside the demo generator: one SEN pupil's story as it is written, cycle by cycle
// (demo_sen_pupil.cc sets it up and writes what happens between cycles; demo_cycle.cc writes each
// cycle's plan, sessions, adjustments and review).
#ifndef ENDEAVOUR_CLIENTS_DEMO_DEMO_CYCLE_H_
#define ENDEAVOUR_CLIENTS_DEMO_DEMO_CYCLE_H_

#include <string>
#include <vector>

#include "clients/demo/demo_catalogue.h"
#include "clients/demo/demo_story.h"

namespace endeavour::demo {

struct ProvisionChoice {
  const AreaCatalogue* area = nullptr;
  const InterventionSpec* spec = nullptr;
  int sessions_per_week = 1;
  int group_size = 1;
  v1::Wave wave = v1::WAVE_2;
  std::string delivered_by;
  bool trained = true;
};

struct CycleDates {
  int first_term = 0;
  int last_term = 0;
  v1::Date agreed_on;
  v1::Date review_date;
  // False for the cycle still running at the end.
  bool reviewed = false;
  v1::Date held_on;
};

struct StoryState {
  StoryState(const SchoolFrame& frame, const PupilBasics& pupil, const SenProfile& profile)
      : frame(frame),
        pupil(pupil),
        profile(profile),
        rng(DemoRandom::For(frame.seed, "sen-pupil", static_cast<uint64_t>(pupil.index))),
        script(pupil.pupil_id) {}

  const SchoolFrame& frame;
  const PupilBasics& pupil;
  const SenProfile& profile;
  DemoRandom rng;
  PupilScript script;
  const AreaCatalogue* area = nullptr;
  const AreaCatalogue* secondary_area = nullptr;
  std::string primary_need;
  v1::CensusNeedType first_census = v1::CENSUS_NEED_TYPE_UNSPECIFIED;
  std::string secondary_need;
  // A primary need identified after specialist advice, replacing primary_need from that day.
  std::string replacing_need;
  v1::Date replacing_from;
  // What the next plan provides; each decision changes it for the plan after.
  std::vector<ProvisionChoice> provisions;
  // What the last review taught.
  std::string learnt;
  // Advice received (who gave it, when), to bring into the plan and review after it.
  std::string specialist;
  v1::Date specialist_from;
  std::string advice_summary;
  int advice_requests = 0;
  int outcome_offset = 0;
};

// Writes cycle `cycle` (from 1): the plan, its sessions, perhaps an adjustment, and when
// dates.reviewed the review that decides `decision` with `next_review` (unset: none) as the next
// review date. Then changes state.provisions for the next plan as the decision says.
void WriteCycle(StoryState& state, int cycle, const CycleDates& dates, v1::ReviewDecision decision,
                const v1::Date& next_review);

// After a review decided to seek specialist advice: the request, the advice if it comes back
// before the end, and for an escalating pupil a primary need it makes more exact
// (demo_follow_up.cc).
void SeekAdvice(StoryState& state, const v1::Date& after_review);
// After a review decided to request an EHC needs assessment.
void RequestEhcAssessment(StoryState& state, const v1::Date& after_review,
                          const v1::Date& first_plan);
// Opens the record of a pupil who arrived from another school on `arrival`.
void WriteTransferIn(StoryState& state, const v1::Date& arrival);

// An intervention of `area` that none of the pupil's provisions uses yet (any, if all are used).
const InterventionSpec& UnusedIntervention(StoryState& state, const AreaCatalogue& area);

// The provision a catalogue intervention gives, delivered by one of the school's staff.
ProvisionChoice ChooseProvision(StoryState& state, const AreaCatalogue& area,
                                const InterventionSpec& spec);

}  // namespace endeavour::demo

#endif  // ENDEAVOUR_CLIENTS_DEMO_DEMO_CYCLE_H_
