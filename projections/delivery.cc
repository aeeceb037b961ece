#include "projections/delivery.h"

#include <algorithm>

#include "services/domain/dates.h"

namespace endeavour::projections {

void FillPlanned(const v1::Date& as_of, v1::ProvisionDelivery& delivery) {
  int64_t end = domain::DayNumber(as_of);
  if (domain::IsDateSet(delivery.planned_until())) {
    end = std::min(end, domain::DayNumber(delivery.planned_until()));
  }
  int64_t sessions = 0, minutes = 0, cost = 0;
  const auto& periods = delivery.periods();
  for (int i = 0; i < periods.size(); ++i) {
    const int64_t from = domain::DayNumber(periods[i].from());
    int64_t to = end;
    if (i + 1 < periods.size()) to = std::min(to, domain::DayNumber(periods[i + 1].from()));
    if (to <= from) continue;
    const int64_t weeks = (to - from) / 7;
    sessions += weeks * periods[i].sessions_per_week();
    minutes += weeks * periods[i].sessions_per_week() * periods[i].minutes_per_session();
    cost += weeks * periods[i].weekly_cost_pence();
  }
  delivery.set_sessions_planned(static_cast<int32_t>(sessions));
  delivery.set_minutes_planned(static_cast<int32_t>(minutes));
  delivery.set_cost_planned_pence(cost);
  delivery.set_attendance_rate(delivery.sessions_logged() == 0
                                   ? 0.0
                                   : static_cast<double>(delivery.sessions_attended()) /
                                         delivery.sessions_logged());
}

}  // namespace endeavour::projections
