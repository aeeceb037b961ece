// The school overview (school_views.proto): the SEN register with census codes and counts, the
// reviews due soon and overdue, delivery against plan across the school, and the pupils whose
// reviews show concerns persisting across cycles. A pure function of every pupil's register entry
// (views.proto), which the pupil projection keeps up to date.
#ifndef ENDEAVOUR_PROJECTIONS_SCHOOL_OVERVIEW_H_
#define ENDEAVOUR_PROJECTIONS_SCHOOL_OVERVIEW_H_

#include <string>
#include <vector>

#include "endeavour/v1/common.pb.h"
#include "endeavour/v1/school_views.pb.h"
#include "endeavour/v1/views.pb.h"

namespace endeavour::projections {

// `entries`: every pupil's RegisterEntry of one school (see views.proto), in any order.
//
// What goes where (every list sorted by pupil id, or by date then pupil id):
//  - Entries whose stream_id is not "pupil/<tenant>/<pupil id>" are left out and counted in
//    entries_left_out: one school's overview never shows another school's pupil.
//  - Transferred-out pupils appear only in counts.transferred_out.
//  - The register: status K (SEN support) or E (EHC plan).
//  - Reviews: any pupil still at the school with a next review date; overdue when it is before
//    `as_of`, due when it is from `as_of` to `as_of` + `due_within_days`, both days included.
//  - Delivery: each entry's provisions copied and filled with FillPlanned(as_of, ...), per pupil
//    and summed across the school.
//  - Escalations: pupils at SEN support (K) with reviewed_cycles >= 2 and
//    reviewed_cycles_with_not_met >= 1. Pupils with an EHC plan are left out: their concerns go to
//    the plan's own review, and an EHC needs assessment would make no sense for them.
v1::SchoolOverview BuildOverview(const std::string& tenant,
                                 const std::vector<v1::RegisterEntry>& entries,
                                 const v1::Date& as_of, int due_within_days);

}  // namespace endeavour::projections

#endif  // ENDEAVOUR_PROJECTIONS_SCHOOL_OVERVIEW_H_
