// Shared by the school workload's .cc files only: the random source, school days, and the
// stamping of an event into its envelope.
#ifndef ENDEAVOUR_PROJECTIONS_TESTING_SCHOOL_WORKLOAD_INTERNAL_H_
#define ENDEAVOUR_PROJECTIONS_TESTING_SCHOOL_WORKLOAD_INTERNAL_H_

#include <cstdint>
#include <iterator>
#include <string>
#include <utility>
#include <vector>

#include "absl/strings/str_cat.h"
#include "endeavour/v1/common.pb.h"
#include "projections/testing/school_workload.h"
#include "services/domain/dates.h"

namespace endeavour::projections::testing::workload {

// SplitMix64 (Steele, Lea and Flood): tiny, fast, and the same sequence everywhere, which is what
// makes a workload reproducible across machines and library upgrades.
class Rng {
 public:
  explicit Rng(uint64_t seed) : state_(seed) {}

  uint64_t Next() {
    uint64_t z = (state_ += 0x9e3779b97f4a7c15ULL);
    z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
    z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
    return z ^ (z >> 31);
  }
  // Uniform in [low, high]; the modulo bias is far below anything a workload could show.
  int Between(int low, int high) {
    return low + static_cast<int>(Next() % static_cast<uint64_t>(high - low + 1));
  }
  bool Percent(int percent) { return static_cast<int>(Next() % 100) < percent; }
  // One element of an array or span, uniformly.
  template <typename Items>
  const auto& Pick(const Items& items) {
    return items[Next() % std::size(items)];
  }

 private:
  uint64_t state_;
};

// Mixes the seed with a stream number so that neighbouring pupils get unrelated sequences.
inline uint64_t StreamSeed(uint64_t seed, uint64_t stream) {
  Rng mix(seed ^ (stream * 0xd1b54a32d192ed03ULL));
  return mix.Next();
}

// Days are domain::DayNumber values (days since 1970-01-01, a Thursday).
inline v1::Date ToDate(int64_t day) {
  static const v1::Date kEpoch = [] {
    v1::Date epoch;
    epoch.set_year(1970);
    epoch.set_month(1);
    epoch.set_day(1);
    return epoch;
  }();
  return domain::AddDays(kEpoch, day);
}
inline int DayOfWeek(int64_t day) {  // 0 Monday ... 6 Sunday
  return static_cast<int>(((day + 3) % 7 + 7) % 7);
}
// An English school year's holidays, roughly and the same every year (half terms, Christmas,
// Easter, summer): close enough that no session falls on Christmas Day or in August.
inline bool IsHoliday(int64_t day) {
  struct Holiday {
    int month, from, to;
  };
  static constexpr Holiday kHolidays[] = {{10, 24, 31}, {12, 20, 31}, {1, 1, 3},   {2, 14, 20},
                                          {4, 1, 14},   {5, 26, 31},  {7, 22, 31}, {8, 1, 31}};
  const v1::Date date = ToDate(day);
  for (const Holiday& h : kHolidays) {
    if (date.month() == h.month && date.day() >= h.from && date.day() <= h.to) return true;
  }
  return false;
}
inline bool IsSchoolDay(int64_t day) { return DayOfWeek(day) < 5 && !IsHoliday(day); }
inline int64_t SchoolDayOnOrAfter(int64_t day) {
  while (!IsSchoolDay(day)) ++day;
  return day;
}
inline int64_t AddSchoolDays(int64_t day, int count) {
  day = SchoolDayOnOrAfter(day);
  for (int i = 0; i < count; ++i) day = SchoolDayOnOrAfter(day + 1);
  return day;
}

// "school-1" as it may appear in an event id: letters, digits, '.', '_' and '-' only (':' is the
// separator), at most 48 characters so that ids stay well inside the store's 128 bytes.
std::string IdSafeTenant(const std::string& tenant);

// Turns event messages into workload events of one stream, numbering their ids
// "<prefix><n>" from 1.
class Stamper {
 public:
  Stamper(const WorkloadOptions& options, std::string stream_id, std::string id_prefix)
      : tenant_(options.tenant),
        stream_id_(std::move(stream_id)),
        id_prefix_(std::move(id_prefix)) {}

  template <typename Message>
  WorkloadEvent Stamp(const Message& message, int64_t day, const char* actor_id, v1::Role role,
                      const std::string& correlation_id) {
    WorkloadEvent event;
    event.stream_id = stream_id_;
    v1::EventEnvelope& envelope = event.envelope;
    envelope.set_event_id(absl::StrCat(id_prefix_, ++count_));
    envelope.set_event_type(Message::descriptor()->full_name());
    envelope.set_tenant(tenant_);
    envelope.mutable_actor()->set_id(actor_id);
    envelope.mutable_actor()->set_role(role);
    *envelope.mutable_occurred_on() = ToDate(day);
    envelope.set_correlation_id(correlation_id);
    message.SerializeToString(envelope.mutable_payload());
    return event;
  }

 private:
  std::string tenant_;
  std::string stream_id_;
  std::string id_prefix_;
  int count_ = 0;
};

// The whole story of pupil `index` (school_workload_pupil.cc).
std::vector<WorkloadEvent> GeneratePupil(const WorkloadOptions& options, int index);

// The pupil's admission number, e.g. "adm-10042".
std::string PupilId(int index);

}  // namespace endeavour::projections::testing::workload

#endif  // ENDEAVOUR_PROJECTIONS_TESTING_SCHOOL_WORKLOAD_INTERNAL_H_
