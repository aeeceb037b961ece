// What a provision planned up to a date, against what was delivered: the figures behind
// "delivery against plan" in the current plan and the school overview.
#ifndef ENDEAVOUR_PROJECTIONS_DELIVERY_H_
#define ENDEAVOUR_PROJECTIONS_DELIVERY_H_

#include "endeavour/v1/common.pb.h"
#include "endeavour/v1/views.pb.h"

namespace endeavour::projections {

// Fills the planned figures and the attendance rate of `delivery` as of `as_of`: each period
// plans sessions_per_week for every whole week from its start to the next period's start, or to
// the earlier of `as_of` and planned_until for the last one. Nothing is planned before a period
// starts, so a date before the plan gives zeros.
void FillPlanned(const v1::Date& as_of, v1::ProvisionDelivery& delivery);

}  // namespace endeavour::projections

#endif  // ENDEAVOUR_PROJECTIONS_DELIVERY_H_
