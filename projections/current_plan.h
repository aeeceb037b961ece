// The current plan view: the pupil's active plan as it stands after corrections and adjustments,
// and its delivery so far against what was planned. A pure function of a PupilFile; the figures
// that depend on the day it is read are filled separately, so the stored view never goes stale.
//
// DeliveryOf and its kin are the one place that turns a plan's provisions, adjustments and
// sessions into "planned against delivered"; the history and the register entry use them too.
#ifndef ENDEAVOUR_PROJECTIONS_CURRENT_PLAN_H_
#define ENDEAVOUR_PROJECTIONS_CURRENT_PLAN_H_

#include <string>
#include <vector>

#include "endeavour/v1/common.pb.h"
#include "endeavour/v1/pupil_views.pb.h"
#include "endeavour/v1/views.pb.h"
#include "google/protobuf/repeated_field.h"
#include "projections/pupil_file.h"

namespace endeavour::projections {

// The view without the date-dependent figures. A file with no active plan gives a view that says
// so (has_active_plan false) with the pupil, the status and the latest review.
v1::CurrentPlan RenderCurrentPlan(const PupilFile& file);

// Fills the date-dependent figures as of `today`: each provision's planned sessions, minutes and
// cost (FillPlanned), their totals, the days to the next review and whether it is overdue.
void FillCurrentPlanAsOf(const v1::Date& today, v1::CurrentPlan& plan);

// A plan's sessions and adjustments, retracted ones too, in the record's order of their ids:
// gathered once by a view that goes through the plan's provisions one at a time, rather than
// once a provision.
struct PlanFacts {
  std::vector<const domain::Recorded<v1::InterventionDelivered>*> sessions;
  std::vector<const domain::Recorded<v1::PlanAdjusted>*> adjustments;
};
PlanFacts FactsOfPlan(const domain::PupilState& state, const std::string& plan_id);

// Delivery against plan for every provision of plan `plan_id` (as corrected), in the plan's
// order; empty when there is no such plan. Periods run from the plan's agreed_on at the rate
// agreed, then one per adjustment that stands from its adjusted_on at the adjusted rate;
// planned_until is the review's held_on once reviewed, else the plan's review_date (or the
// pupil's transfer out, if earlier: nothing is planned at a school the pupil has left). Tallies
// count the sessions that stand, as corrected. The planned figures are not filled (FillPlanned).
std::vector<v1::ProvisionDelivery> DeliveryOf(const PupilFile& file, const std::string& plan_id);

// The same for one provision. A provision the plan (as corrected) does not have gets the tallies
// of the sessions that name it and no periods.
v1::ProvisionDelivery DeliveryOfProvision(const PupilFile& file, const std::string& plan_id,
                                          const std::string& provision_id);
// The same from the plan's facts, gathered by FactsOfPlan.
v1::ProvisionDelivery DeliveryOfProvision(const PupilFile& file, const std::string& plan_id,
                                          const std::string& provision_id, const PlanFacts& facts);

// The provision as the plan agreed it (the plan's last entry of that id, as FindProvision reads
// it), before any adjustment; nullptr when the plan has none.
const v1::Provision* AgreedProvision(const v1::PlanAgreed& plan, const std::string& provision_id);

// Sums of the provisions' figures, with the attendance rate over the sums.
v1::DeliveryTotals SumDelivery(
    const google::protobuf::RepeatedPtrField<v1::ProvisionDelivery>& delivery);

}  // namespace endeavour::projections

#endif  // ENDEAVOUR_PROJECTIONS_CURRENT_PLAN_H_
