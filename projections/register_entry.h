// The pupil's line in the school overview (RegisterEntry, views.proto): who the pupil is, the
// census SEN status and primary need, the active plan and its delivery, the last review and the
// next one due. A pure function of a PupilFile; the overview adds the date-dependent figures.
#ifndef ENDEAVOUR_PROJECTIONS_REGISTER_ENTRY_H_
#define ENDEAVOUR_PROJECTIONS_REGISTER_ENTRY_H_

#include "endeavour/v1/views.pb.h"
#include "projections/pupil_file.h"

namespace endeavour::projections {

// Every field RegisterEntry documents; `delivery` is the active plan's (DeliveryOf), its planned
// figures not filled. A pupil who transferred out keeps the entry, marked, with no review due.
v1::RegisterEntry RenderRegisterEntry(const PupilFile& file);

}  // namespace endeavour::projections

#endif  // ENDEAVOUR_PROJECTIONS_REGISTER_ENTRY_H_
