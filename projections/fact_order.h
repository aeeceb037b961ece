// The order the pupil views list facts in: by the date each fact carries, and, for two facts of one
// day, the order they were recorded in. Shared by the current plan and the history so the two
// always agree.
#ifndef ENDEAVOUR_PROJECTIONS_FACT_ORDER_H_
#define ENDEAVOUR_PROJECTIONS_FACT_ORDER_H_

#include <algorithm>
#include <vector>

#include "endeavour/v1/common.pb.h"
#include "services/domain/dates.h"
#include "services/domain/pupil_record.h"

namespace endeavour::projections {

template <typename Message>
void SortByDate(std::vector<const domain::Recorded<Message>*>& facts,
                const v1::Date& (Message::*date)() const) {
  std::stable_sort(facts.begin(), facts.end(), [date](const auto* a, const auto* b) {
    const int order = domain::CompareDates((a->current.*date)(), (b->current.*date)());
    return order != 0 ? order < 0 : a->ordinal < b->ordinal;
  });
}

}  // namespace endeavour::projections

#endif  // ENDEAVOUR_PROJECTIONS_FACT_ORDER_H_
