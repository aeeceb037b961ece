// What the school workload writes: kinds of need with the evidence, outcomes, interventions and
// specialist advice that go with each, staff, names, and the short texts of plans and reviews.
// Plain C strings, because they go straight into protobuf setters and absl::StrCat.
#ifndef ENDEAVOUR_PROJECTIONS_TESTING_SCHOOL_WORKLOAD_CATALOG_H_
#define ENDEAVOUR_PROJECTIONS_TESTING_SCHOOL_WORKLOAD_CATALOG_H_

#include <array>
#include <span>

#include "endeavour/v1/common.pb.h"
#include "endeavour/v1/send_codes.pb.h"

namespace endeavour::projections::testing::workload {

struct StaffMember {
  const char* actor_id;  // "staff/1042"
  const char* name;      // "Mrs Patel (teaching assistant)"
  v1::Role role;
  int pence_per_minute;  // what an hour of their time costs the school, by the minute
};

// Index 0 is the SENCO, who records everything but sessions.
std::span<const StaffMember> Staff();
inline const StaffMember& Senco() { return Staff()[0]; }

struct EvidenceText {
  v1::EvidenceKind kind;
  const char* summary;
};

// A SMART outcome whose target rises each cycle: description is
// <before><min(start + step * (cycle - 1), cap)><after>.
struct OutcomeTemplate {
  const char* id;
  const char* before;
  int start;
  int step;
  int cap;
  const char* after;
  const char* success_criteria;
  const char* measured_how;
  const char* measured_by;
};

struct InterventionTemplate {
  const char* id;
  const char* name;
  v1::Wave wave;
  int sessions_per_week;
  int minutes;
  int group_size;
  int staff;  // index into Staff()
};

struct AdviceTemplate {
  v1::ExternalService service;
  const char* question;
  const char* advised_by;
  const char* summary;
  std::array<const char*, 2> recommendations;
};

struct NeedProfile {
  v1::AreaOfNeed area;
  v1::CensusNeedType census_type;
  int weight;  // roughly the share of pupils on SEN support with this primary need
  const char* views;
  std::array<EvidenceText, 3> evidence;
  std::array<OutcomeTemplate, 3> outcomes;
  std::array<InterventionTemplate, 3> interventions;
  AdviceTemplate advice;
};

std::span<const NeedProfile> NeedProfiles();
// A profile drawn by weight from `roll` in [0, 100).
const NeedProfile& NeedProfileFor(int roll);

std::span<const char* const> FirstNames();
std::span<const char* const> Surnames();

// Short texts, each a pool to draw from.
std::span<const char* const> ClassroomAdjustments();
std::span<const char* const> ActionsAtHome();
std::span<const char* const> TrainingNeeds();
std::span<const char* const> PupilViews();
std::span<const char* const> ParentViews();
std::span<const char* const> StaffViews();
std::span<const char* const> CancellationReasons();
std::span<const char* const> SessionNotes();
std::span<const char* const> RetractionReasons();
std::span<const char* const> StatusReasons();  // N -> K

// What a review learnt and why it decided as it did, by decision.
const char* LearntFor(v1::ReviewDecision decision);
const char* DecisionReasonFor(v1::ReviewDecision decision);
// What shows progress on an outcome, by how far it got.
const char* ProgressEvidenceFor(v1::OutcomeProgress progress);

}  // namespace endeavour::projections::testing::workload

#endif  // ENDEAVOUR_PROJECTIONS_TESTING_SCHOOL_WORKLOAD_CATALOG_H_
