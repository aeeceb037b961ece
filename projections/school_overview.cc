#include "projections/school_overview.h"

#include <algorithm>
#include <cstdint>
#include <map>
#include <string>
#include <utility>
#include <vector>

#include "absl/strings/ascii.h"
#include "projections/delivery.h"
#include "services/domain/dates.h"
#include "services/domain/streams.h"

namespace endeavour::projections {
namespace {

constexpr char kNoReasonGiven[] = "(no reason given)";

bool OnRegister(const v1::RegisterEntry& entry) {
  return entry.status() == v1::SEN_STATUS_SEN_SUPPORT || entry.status() == v1::SEN_STATUS_EHC_PLAN;
}

// Pupils at SEN support whose reviews show concerns persisting: two or more cycles reviewed and
// at least one outcome not met in one of them. The entry counts cycles, not which cycle missed,
// so a not-met outcome in an early cycle still counts; the list is a prompt, not a decision.
bool ShouldConsiderEscalation(const v1::RegisterEntry& entry) {
  return entry.status() == v1::SEN_STATUS_SEN_SUPPORT && entry.reviewed_cycles() >= 2 &&
         entry.reviewed_cycles_with_not_met() >= 1;
}

// K and E pupils with one area or census type.
struct NeedCount {
  int sen_support = 0;
  int ehc_plan = 0;
  void Add(v1::SenStatus status) { ++(status == v1::SEN_STATUS_EHC_PLAN ? ehc_plan : sen_support); }
};

// Running sums behind an OverviewDelivery.
struct DeliverySums {
  v1::OverviewDelivery totals;
  std::map<std::string, int> reasons;

  void Add(const v1::ProvisionDelivery& p) {
    totals.set_sessions_planned(totals.sessions_planned() + p.sessions_planned());
    totals.set_sessions_logged(totals.sessions_logged() + p.sessions_logged());
    totals.set_sessions_attended(totals.sessions_attended() + p.sessions_attended());
    totals.set_sessions_not_logged(totals.sessions_not_logged() +
                                   std::max(0, p.sessions_planned() - p.sessions_logged()));
    totals.set_sessions_pupil_absent(totals.sessions_pupil_absent() + p.sessions_pupil_absent());
    totals.set_sessions_staff_absent(totals.sessions_staff_absent() + p.sessions_staff_absent());
    totals.set_sessions_cancelled(totals.sessions_cancelled() + p.sessions_cancelled());
    totals.set_minutes_planned(totals.minutes_planned() + p.minutes_planned());
    totals.set_minutes_delivered(totals.minutes_delivered() + p.minutes_delivered());
    totals.set_cost_planned_pence(totals.cost_planned_pence() + p.cost_planned_pence());
    for (const std::string& reason : p.cancellation_reasons()) {
      std::string trimmed(absl::StripAsciiWhitespace(reason));
      ++reasons[trimmed.empty() ? std::string(kNoReasonGiven) : trimmed];
    }
    // A cancelled session logged without a reason is still a session lost.
    if (p.sessions_cancelled() > p.cancellation_reasons_size()) {
      reasons[kNoReasonGiven] += p.sessions_cancelled() - p.cancellation_reasons_size();
    }
  }

  v1::OverviewDelivery ToProto() const {
    v1::OverviewDelivery out = totals;
    std::vector<std::pair<std::string, int>> ranked(reasons.begin(), reasons.end());
    // Most frequent first; the map's order breaks ties by reason.
    std::stable_sort(ranked.begin(), ranked.end(),
                     [](const auto& a, const auto& b) { return a.second > b.second; });
    for (const auto& [reason, sessions] : ranked) {
      v1::OverviewCancellationReason* r = out.add_cancellation_reasons();
      r->set_reason(reason);
      r->set_sessions(sessions);
    }
    out.set_attendance_rate(out.sessions_logged() == 0
                                ? 0.0
                                : static_cast<double>(out.sessions_attended()) /
                                      out.sessions_logged());
    return out;
  }
};

v1::OverviewRegisterLine RegisterLineOf(const v1::RegisterEntry& entry) {
  v1::OverviewRegisterLine line;
  line.set_pupil_id(entry.pupil_id());
  line.set_stream_id(entry.stream_id());
  line.set_display_name(entry.display_name());
  line.set_year_group(entry.year_group());
  line.set_status(entry.status());
  line.set_primary_area(entry.primary_area());
  line.set_primary_census_type(entry.primary_census_type());
  line.set_active_plan_id(entry.active_plan_id());
  line.set_active_cycle(entry.active_cycle());
  *line.mutable_next_review_date() = entry.next_review_date();
  return line;
}

v1::OverviewReview ReviewOf(const v1::RegisterEntry& entry, int64_t days) {
  v1::OverviewReview review;
  review.set_pupil_id(entry.pupil_id());
  review.set_stream_id(entry.stream_id());
  review.set_display_name(entry.display_name());
  review.set_status(entry.status());
  review.set_active_plan_id(entry.active_plan_id());
  review.set_active_cycle(entry.active_cycle());
  *review.mutable_review_date() = entry.next_review_date();
  review.set_days(static_cast<int32_t>(days));
  return review;
}

// Files the entry's next review as overdue or due soon, or neither.
void AddReview(const v1::RegisterEntry& entry, const v1::Date& as_of, int due_within_days,
               v1::SchoolOverview& overview) {
  if (!domain::IsDateSet(entry.next_review_date())) return;
  const int64_t days = domain::DayNumber(entry.next_review_date()) - domain::DayNumber(as_of);
  if (days < 0) {
    *overview.add_reviews_overdue() = ReviewOf(entry, -days);
  } else if (days <= due_within_days) {
    *overview.add_reviews_due() = ReviewOf(entry, days);
  }
}

// The pupil's provisions with their planned figures filled for `as_of`, added to `school` too.
v1::OverviewPupilDelivery PupilDeliveryOf(const v1::RegisterEntry& entry, const v1::Date& as_of,
                                          DeliverySums& school) {
  v1::OverviewPupilDelivery pupil;
  pupil.set_pupil_id(entry.pupil_id());
  pupil.set_stream_id(entry.stream_id());
  pupil.set_display_name(entry.display_name());
  pupil.set_active_plan_id(entry.active_plan_id());
  pupil.set_active_cycle(entry.active_cycle());
  DeliverySums sums;
  for (const v1::ProvisionDelivery& stored : entry.delivery()) {
    v1::ProvisionDelivery* provision = pupil.add_provisions();
    *provision = stored;
    FillPlanned(as_of, *provision);
    sums.Add(*provision);
    school.Add(*provision);
  }
  *pupil.mutable_totals() = sums.ToProto();
  return pupil;
}

v1::OverviewEscalation EscalationOf(const v1::RegisterEntry& entry) {
  v1::OverviewEscalation escalation;
  escalation.set_pupil_id(entry.pupil_id());
  escalation.set_stream_id(entry.stream_id());
  escalation.set_display_name(entry.display_name());
  escalation.set_reviewed_cycles(entry.reviewed_cycles());
  escalation.set_reviewed_cycles_with_not_met(entry.reviewed_cycles_with_not_met());
  *escalation.mutable_last_review_on() = entry.last_review_on();
  escalation.set_last_review_decision(entry.last_review_decision());
  escalation.set_ehc_needs_assessment_requested(entry.ehc_needs_assessment_requested());
  return escalation;
}

// The register's counts by status, area and census type; `entry` is on the register.
void CountOnRegister(const v1::RegisterEntry& entry, v1::OverviewRegisterCounts& counts,
                     std::map<v1::AreaOfNeed, NeedCount>& by_area,
                     std::map<v1::CensusNeedType, NeedCount>& by_census_type) {
  counts.set_on_register(counts.on_register() + 1);
  if (entry.status() == v1::SEN_STATUS_EHC_PLAN) {
    counts.set_ehc_plan(counts.ehc_plan() + 1);
  } else {
    counts.set_sen_support(counts.sen_support() + 1);
  }
  by_area[entry.primary_area()].Add(entry.status());
  by_census_type[entry.primary_census_type()].Add(entry.status());
}

void AddNeedCounts(const std::map<v1::AreaOfNeed, NeedCount>& by_area,
                   const std::map<v1::CensusNeedType, NeedCount>& by_census_type,
                   v1::SchoolOverview& overview) {
  for (const auto& [area, count] : by_area) {
    v1::OverviewAreaCount* out = overview.add_by_area();
    out->set_area(area);
    out->set_sen_support(count.sen_support);
    out->set_ehc_plan(count.ehc_plan);
    out->set_total(count.sen_support + count.ehc_plan);
  }
  for (const auto& [type, count] : by_census_type) {
    v1::OverviewCensusTypeCount* out = overview.add_by_census_type();
    out->set_census_type(type);
    out->set_sen_support(count.sen_support);
    out->set_ehc_plan(count.ehc_plan);
    out->set_total(count.sen_support + count.ehc_plan);
  }
}

// Soonest (or oldest) first; the entries came in pupil id order and the sort is stable.
void SortByDate(google::protobuf::RepeatedPtrField<v1::OverviewReview>& reviews) {
  std::stable_sort(reviews.begin(), reviews.end(),
                   [](const v1::OverviewReview& a, const v1::OverviewReview& b) {
                     return domain::CompareDates(a.review_date(), b.review_date()) < 0;
                   });
}

}  // namespace

v1::SchoolOverview BuildOverview(const std::string& tenant,
                                 const std::vector<v1::RegisterEntry>& entries,
                                 const v1::Date& as_of, int due_within_days) {
  v1::SchoolOverview overview;
  overview.set_tenant(tenant);
  *overview.mutable_as_of() = as_of;
  overview.set_due_within_days(due_within_days);

  std::vector<const v1::RegisterEntry*> sorted;
  for (const v1::RegisterEntry& entry : entries) {
    if (entry.stream_id() != domain::PupilStreamId(tenant, entry.pupil_id())) {
      overview.set_entries_left_out(overview.entries_left_out() + 1);
      continue;
    }
    sorted.push_back(&entry);
  }
  // A pupil id names one stream of the school, so ids are unique; positions break a tie should a
  // caller pass one pupil twice.
  std::sort(sorted.begin(), sorted.end(), [](const auto* a, const auto* b) {
    if (a->pupil_id() != b->pupil_id()) return a->pupil_id() < b->pupil_id();
    return a->last_position() < b->last_position();
  });

  v1::OverviewRegisterCounts& counts = *overview.mutable_counts();
  std::map<v1::AreaOfNeed, NeedCount> by_area;
  std::map<v1::CensusNeedType, NeedCount> by_census_type;
  DeliverySums school;
  for (const v1::RegisterEntry* entry : sorted) {
    overview.set_last_position(std::max(overview.last_position(), entry->last_position()));
    if (entry->transferred_out()) {
      counts.set_transferred_out(counts.transferred_out() + 1);
      continue;
    }
    counts.set_pupils(counts.pupils() + 1);
    if (OnRegister(*entry)) {
      *overview.add_sen_register() = RegisterLineOf(*entry);
      CountOnRegister(*entry, counts, by_area, by_census_type);
    } else {
      counts.set_no_sen(counts.no_sen() + 1);
    }
    AddReview(*entry, as_of, due_within_days, overview);
    if (entry->delivery_size() > 0) {
      *overview.add_delivery_by_pupil() = PupilDeliveryOf(*entry, as_of, school);
    }
    if (ShouldConsiderEscalation(*entry)) *overview.add_escalations() = EscalationOf(*entry);
  }
  AddNeedCounts(by_area, by_census_type, overview);
  SortByDate(*overview.mutable_reviews_overdue());
  SortByDate(*overview.mutable_reviews_due());
  *overview.mutable_delivery() = school.ToProto();
  return overview;
}

}  // namespace endeavour::projections
