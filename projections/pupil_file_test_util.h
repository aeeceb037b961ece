// Builds a pupil's stream as the store would hold it, from the domain's test facts (Amelia, see
// services/domain/pupil_record_test_util.h), and folds it into a PupilFile: the input of every
// pupil view's tests.
#ifndef ENDEAVOUR_PROJECTIONS_PUPIL_FILE_TEST_UTIL_H_
#define ENDEAVOUR_PROJECTIONS_PUPIL_FILE_TEST_UTIL_H_

#include <cstdint>
#include <string>
#include <utility>
#include <vector>

#include "absl/strings/str_cat.h"
#include "endeavour/v1/envelope.pb.h"
#include "gtest/gtest.h"
#include "projections/pupil_file.h"
#include "services/domain/event_variant.h"
#include "services/domain/pupil_record.h"
#include "services/domain/pupil_record_test_util.h"

namespace endeavour::projections::testing {

inline v1::Actor Actor(std::string id, v1::Role role) {
  v1::Actor actor;
  actor.set_id(std::move(id));
  actor.set_role(role);
  return actor;
}
inline v1::Actor Senco() { return Actor("staff/1042", v1::ROLE_SENCO); }
inline v1::Actor TeachingAssistant() { return Actor("staff/2210", v1::ROLE_TEACHER); }

// Amelia's stream at her first school. Positions step by 3 from 101 (other streams' events fall
// between), so a test cannot mistake a position for a stream version; the server clock moves an
// hour per event from 2025-10-01 09:00 UTC.
class PupilStream {
 public:
  static constexpr char kStreamId[] = "pupil/school-0112/adm-20417";
  static constexpr char kTenant[] = "school-0112";
  static constexpr int64_t kFirstRecordedAt = 1759309200;  // 2025-10-01T09:00:00Z

  // Appends `event` as recorded by `actor`; returns its event id ("event-<stream version>").
  std::string Add(const domain::PupilEvent& event, const v1::Actor& actor = Senco()) {
    const uint64_t version = envelopes_.size() + 1;
    v1::EventEnvelope& envelope = envelopes_.emplace_back();
    envelope.set_position(98 + 3 * version);
    envelope.set_stream_id(kStreamId);
    envelope.set_stream_version(version);
    envelope.set_event_id(absl::StrCat("event-", version));
    envelope.set_event_type(domain::EventTypeName(event));
    envelope.set_tenant(kTenant);
    *envelope.mutable_actor() = actor;
    envelope.mutable_recorded_at()->set_seconds(kFirstRecordedAt +
                                                3600 * static_cast<int64_t>(version - 1));
    envelope.set_payload(domain::SerializeEvent(event));
    return envelope.event_id();
  }

  // Appends each event, recorded by the SENCO.
  void AddAll(const std::vector<domain::PupilEvent>& events) {
    for (const domain::PupilEvent& event : events) Add(event);
  }

  const std::vector<v1::EventEnvelope>& envelopes() const { return envelopes_; }

  // Every envelope folded in order; a fold error fails the test.
  PupilFile File() const {
    PupilFile file;
    for (const v1::EventEnvelope& envelope : envelopes_) {
      absl::Status status = file.Apply(envelope);
      EXPECT_TRUE(status.ok()) << envelope.event_id() << ": " << status;
    }
    return file;
  }

 private:
  std::vector<v1::EventEnvelope> envelopes_;
};

// A session of `plan` and `provision` that did not take place.
inline v1::InterventionDelivered Missed(std::string id, v1::Date on, v1::Attendance attendance,
                                        std::string reason = "", std::string provision = "pt",
                                        std::string plan = "plan-1") {
  v1::InterventionDelivered session =
      domain::testing::Session(std::move(id), on, std::move(provision), std::move(plan));
  session.set_minutes(0);
  session.set_attendance(attendance);
  session.set_engagement(v1::ENGAGEMENT_UNSPECIFIED);
  session.set_cancellation_reason(std::move(reason));
  return session;
}

}  // namespace endeavour::projections::testing

#endif  // ENDEAVOUR_PROJECTIONS_PUPIL_FILE_TEST_UTIL_H_
