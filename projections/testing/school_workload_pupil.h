// Internal to the school workload: one pupil's story, told in stream order. Registration, needs
// and SEN support, then cycles of plan, sessions and review until the event budget runs out or
// the pupil leaves SEN support. Dates only move forwards, so a stream's order is its date order.
// school_workload_pupil.cc tells the story up to the sessions; school_workload_review.cc what
// happens around them and at the review.
#ifndef ENDEAVOUR_PROJECTIONS_TESTING_SCHOOL_WORKLOAD_PUPIL_H_
#define ENDEAVOUR_PROJECTIONS_TESTING_SCHOOL_WORKLOAD_PUPIL_H_

#include <algorithm>
#include <cstdint>
#include <limits>
#include <string>
#include <variant>
#include <vector>

#include "endeavour/v1/pupil_events.pb.h"
#include "projections/testing/school_workload_catalog.h"
#include "projections/testing/school_workload_internal.h"

namespace endeavour::projections::testing::workload {

inline constexpr int64_t kNever = std::numeric_limits<int64_t>::max();

// A pupil may leave SEN support only this close to the end of their event budget, so that streams
// still come out near the target length.
inline constexpr int kEndingWindow = 20;

// A fact that falls due later: advice coming back, an EHC plan issued.
struct Pending {
  int64_t day;
  std::variant<v1::ExternalAdviceReceived, v1::SenStatusChanged> fact;
};

// A session of the current cycle, for corrections and retractions.
struct Logged {
  size_t event;  // index in the story's events
  bool attended;
  bool corrected = false;
  bool retracted = false;
};

class PupilStory {
 public:
  PupilStory(const WorkloadOptions& options, int index);

  std::vector<WorkloadEvent> Tell() &&;

 private:
  bool Full() const { return events_.size() >= target_; }
  int Remaining() const { return static_cast<int>(target_ - events_.size()); }

  // Records `message` as happening on `day`, after whatever pending fact fell due by then. False
  // when the budget is spent.
  template <typename Message>
  bool Record(const Message& message, int64_t day, const StaffMember& by = Senco()) {
    FlushDue(day);
    return Append(message, day, by);
  }
  template <typename Message>
  bool Append(const Message& message, int64_t day, const StaffMember& by) {
    if (Full()) return false;
    events_.push_back(stamper_.Stamp(message, day, by.actor_id, by.role, correlation_));
    clock_ = day;
    return true;
  }
  void FlushDue(int64_t day);

  // school_workload_pupil.cc
  void Register();
  void IdentifyNeeds();
  v1::NeedIdentified Need(const NeedProfile& profile, int number, v1::NeedRank rank, int64_t day);
  void ChangeStatus(v1::SenStatus from, v1::SenStatus to, int64_t day, const char* reason);
  v1::SenStatusChanged StatusChange(v1::SenStatus from, v1::SenStatus to, int64_t day,
                                    const char* reason);
  void RunCycle();
  v1::PlanAgreed Plan(int64_t agreed, int64_t review_date);
  v1::Provision ProvisionFrom(const InterventionTemplate& intervention);
  void LogSessions(int64_t agreed, int64_t held);
  void LogSession(int64_t day);

  // school_workload_review.cc
  void Adjust(int64_t day);
  void RequestAdvice(int64_t day);
  bool CorrectSession(int64_t day);
  bool RetractSession(int64_t day);
  void Review(const v1::PlanAgreed& plan, int64_t held);
  v1::ReviewDecision Decide(int partly, int not_met);
  void RequestEhcAssessment(int64_t day);

  Rng rng_;
  const size_t target_;
  const int64_t start_;
  Stamper stamper_;
  const std::string correlation_prefix_;
  std::string correlation_;  // one per cycle, "<...>-c<cycle>"; c0 for registration and needs
  const int academic_year_;
  const int index_;
  std::vector<WorkloadEvent> events_;
  int64_t clock_ = 0;  // the day of the latest event

  // Who the pupil is.
  std::string first_name_;
  std::string parent_name_;
  const NeedProfile* primary_ = nullptr;
  std::vector<std::string> need_ids_;
  int responsiveness_ = 50;  // percent chance an outcome is met, rising a little each cycle

  // Where the record stands.
  v1::SenStatus status_ = v1::SEN_STATUS_NO_SEN;
  int cycle_ = 0;
  int64_t next_review_ = 0;
  const char* learnt_ = "";
  bool seek_advice_ = false;
  int advice_requests_ = 0;
  std::string advice_arrived_;  // the summary of advice received since the last review
  int reviews_with_not_met_ = 0;
  bool ehc_requested_ = false;
  bool ended_ = false;
  std::vector<Pending> pending_;

  // The current cycle.
  std::string plan_id_;
  std::vector<v1::Provision> provisions_;  // as they stand after adjustments
  std::vector<const StaffMember*> provision_staff_;
  std::vector<Logged> logged_;
  int sessions_ = 0;
};

}  // namespace endeavour::projections::testing::workload

#endif  // ENDEAVOUR_PROJECTIONS_TESTING_SCHOOL_WORKLOAD_PUPIL_H_
