// The demo school: a realistic, entirely fictional primary school, generated from a seed number
// as the requests of api.proto that would have built its record over two school years. Pupils on
// roll, an SEN register across the four broad areas of need with one to four Assess-Plan-Do-Review
// cycles each (sessions, adjustments, reviews with every kind of decision, external advice, EHC
// needs assessment requests), a transfer in, corrections and retractions, and two rounds of the
// whole-school self-evaluation with improvement actions.
//
// Pure: no gRPC, no clock. The same options give the same requests, command ids included, so
// sending them twice records nothing new. Each request's header carries its command id and, as
// `today`, the day it is given on; a pupil's requests must be sent in order, pupils in any order.
// clients/demo/demo_seeder.h sends them.
#ifndef ENDEAVOUR_CLIENTS_DEMO_DEMO_SCHOOL_H_
#define ENDEAVOUR_CLIENTS_DEMO_DEMO_SCHOOL_H_

#include <cstdint>
#include <map>
#include <string>
#include <variant>
#include <vector>

#include "absl/status/statusor.h"
#include "endeavour/v1/api.pb.h"

namespace endeavour::demo {

struct DemoOptions {
  uint64_t seed = 1;
  // On roll at the end, the transfer in included.
  int pupils = 300;
  // On the SEN register (SEN support or an EHC plan) at the end. A few more pupils, about one for
  // every fifteen of these, were on SEN support and came off it.
  int sen = 60;
  // The first day of the record; the history runs for two school years and the start of a third
  // (800 days). Unset: 2024-09-02, a fixed date so that the default school never changes.
  v1::Date start;
};

// 2024-09-02.
v1::Date DefaultStartDate();

using PupilRequest =
    std::variant<v1::RegisterPupilRequest, v1::IdentifyNeedRequest, v1::ChangeSenStatusRequest,
                 v1::AgreePlanRequest, v1::LogInterventionRequest, v1::RecordReviewRequest,
                 v1::AdjustPlanRequest, v1::RequestExternalAdviceRequest,
                 v1::RecordExternalAdviceRequest, v1::RequestEhcNeedsAssessmentRequest,
                 v1::TransferPupilOutRequest, v1::ReceivePupilTransferRequest,
                 v1::CorrectRecordRequest, v1::RetractRecordRequest>;

using SchoolRequest = std::variant<v1::RecordRatingRequest, v1::PlanImprovementActionRequest>;

struct DemoPupil {
  std::string pupil_id;
  // As the record has it at the end (after any correction).
  std::string display_name;
  // In the order they must be sent; each header's `today` is never before the one above.
  std::vector<PupilRequest> requests;
};

// What the school's overview shows once everything is sent: what the generator promises.
struct DemoShape {
  int on_roll = 0;
  int on_register = 0;
  int sen_support = 0;
  int ehc_plan = 0;
  // Pupils who were on SEN support and came off it before the end.
  int came_off_register = 0;
  // Register pupils by the broad area of their primary need.
  std::map<v1::AreaOfNeed, int> register_by_area;
};

struct DemoSchool {
  DemoOptions options;
  // The last day anything is dated.
  v1::Date end;
  std::vector<DemoPupil> pupils;
  // The self-evaluation's requests, in order.
  std::vector<SchoolRequest> self_evaluation;
  DemoShape shape;

  size_t CommandCount() const;
};

// INVALID_ARGUMENT naming the option when `options` cannot make a school (too few pupils for the
// register asked for, a start date that is not a real day).
absl::StatusOr<DemoSchool> GenerateDemoSchool(const DemoOptions& options);

// "RegisterPupil", "AgreePlan", ...: the RPC a request is for.
std::string RequestName(const PupilRequest& request);
std::string RequestName(const SchoolRequest& request);

// The header of any request.
const v1::CommandHeader& HeaderOf(const PupilRequest& request);
const v1::CommandHeader& HeaderOf(const SchoolRequest& request);

}  // namespace endeavour::demo

#endif  // ENDEAVOUR_CLIENTS_DEMO_DEMO_SCHOOL_H_
