// What the demo school's records are made of: fictional people (pupils' names combined from two
// fixed lists, staff), and for each broad area of need the census types, evidence, interventions,
// outcomes, classroom adjustments and specialist services a SENCO would write about. Texts take
// the pupil's first name as $0 (absl::Substitute).
#ifndef ENDEAVOUR_CLIENTS_DEMO_DEMO_CATALOGUE_H_
#define ENDEAVOUR_CLIENTS_DEMO_DEMO_CATALOGUE_H_

#include <span>

#include "absl/strings/string_view.h"
#include "endeavour/v1/send_codes.pb.h"

namespace endeavour::demo {

std::span<const absl::string_view> FirstNames();
std::span<const absl::string_view> Surnames();
// Parents' and carers' first names, for invitations and participants.
std::span<const absl::string_view> ParentNames();

// "Ms Harriet Lowe": the school's SENCO, who records everything.
absl::string_view SencoName();
// Class teachers, one per year group from Reception (0) to Year 6.
absl::string_view ClassTeacher(int year_group);
std::span<const absl::string_view> TeachingAssistants();
std::span<const absl::string_view> CancellationReasons();

struct CensusChoice {
  v1::CensusNeedType type;
  int weight;  // out of 100 within the area
};

struct EvidenceSpec {
  v1::EvidenceKind kind;
  absl::string_view summary;
};

struct InterventionSpec {
  absl::string_view name;
  v1::Wave wave;
  int sessions_per_week;
  int minutes;
  int group_size;
  // Delivered by a teacher (costed at a teacher's rate) rather than a teaching assistant.
  bool by_teacher;
};

struct OutcomeSpec {
  absl::string_view description;
  absl::string_view success_criteria;
  absl::string_view measured_how;
  absl::string_view measured_by;
};

struct AreaCatalogue {
  v1::AreaOfNeed area;
  absl::string_view name;  // "cognition and learning"
  std::span<const CensusChoice> census;
  // What the school saw, in the staff's words: NeedIdentified.views.
  std::span<const absl::string_view> concerns;
  std::span<const EvidenceSpec> evidence;
  std::span<const InterventionSpec> interventions;
  std::span<const OutcomeSpec> outcomes;
  std::span<const absl::string_view> adjustments;
  std::span<const absl::string_view> home_actions;
  // Whom the school asks for advice, the first being the usual one.
  std::span<const v1::ExternalService> services;
  // Why the pupil goes onto SEN support.
  absl::string_view support_reason;
};

// The four broad areas, in enum order.
std::span<const AreaCatalogue> Areas();
const AreaCatalogue& CatalogueFor(v1::AreaOfNeed area);

// The specialist's name and what they advised, by service.
struct AdviceSpec {
  v1::ExternalService service;
  absl::string_view advised_by;
  absl::string_view question;
  absl::string_view summary;
  absl::string_view recommendation_1;
  absl::string_view recommendation_2;
};
const AdviceSpec& AdviceFor(v1::ExternalService service);

}  // namespace endeavour::demo

#endif  // ENDEAVOUR_CLIENTS_DEMO_DEMO_CATALOGUE_H_
