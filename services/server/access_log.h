// The access log: every read of a pupil's record, appended as a RecordRead event to the school's
// stream "access/<tenant>" in the same Merkle log as the records, so the log of who looked at a
// child's record is as tamper-evident as the record. A read that cannot be logged is refused.
#ifndef ENDEAVOUR_SERVICES_SERVER_ACCESS_LOG_H_
#define ENDEAVOUR_SERVICES_SERVER_ACCESS_LOG_H_

#include <string>
#include <vector>

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "endeavour/v1/api.pb.h"
#include "endeavour/v1/school_events.pb.h"
#include "eventstore/event_store.h"
#include "services/auth/principal.h"

namespace endeavour::server {

class AccessLog {
 public:
  // `store` must outlive the log.
  explicit AccessLog(eventstore::EventStore& store) : store_(store) {}

  // Records that `reader` read `view` of `pupil_id` at `tenant` (as of `as_of`). UNAVAILABLE
  // when it cannot be recorded: the caller then refuses the read.
  absl::Status Record(const std::string& tenant, const auth::Principal& reader,
                      const std::string& pupil_id, const std::string& view,
                      const v1::AsOf& as_of) const;

  // The school's access log from `from_version`, at most `max_count` entries.
  absl::StatusOr<v1::AccessLogReply> Read(const std::string& tenant, uint64_t from_version,
                                          uint32_t max_count) const;

 private:
  eventstore::EventStore& store_;
};

// "access/<tenant>".
std::string AccessStreamId(const std::string& tenant);

// The as-of point written out for the log: "position 42", "recorded 2025-09-01T00:00:00+00:00",
// "occurred 2025-09-01", or "".
std::string DescribeAsOf(const v1::AsOf& as_of);

}  // namespace endeavour::server

#endif  // ENDEAVOUR_SERVICES_SERVER_ACCESS_LOG_H_
