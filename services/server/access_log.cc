#include "services/server/access_log.h"

#include <openssl/rand.h>

#include "absl/strings/escaping.h"
#include "absl/strings/str_cat.h"
#include "absl/time/clock.h"
#include "services/domain/dates.h"

namespace endeavour::server {
namespace {

// A fresh event id: reads are never retried as the same read, so each gets its own.
std::string NewReadId() {
  unsigned char bytes[16];
  if (RAND_bytes(bytes, sizeof(bytes)) != 1) {
    // Fall back on the clock: unique enough for an id, and the read is still recorded.
    return absl::StrCat("read-", absl::ToUnixNanos(absl::Now()));
  }
  return absl::StrCat(
      "read-", absl::BytesToHexString(absl::string_view(reinterpret_cast<char*>(bytes), 16)));
}

}  // namespace

std::string AccessStreamId(const std::string& tenant) { return absl::StrCat("access/", tenant); }

std::string DescribeAsOf(const v1::AsOf& as_of) {
  switch (as_of.point_case()) {
    case v1::AsOf::kPosition:
      return absl::StrCat("position ", as_of.position());
    case v1::AsOf::kRecordedAt:
      return absl::StrCat("recorded ",
                          absl::FormatTime(absl::RFC3339_full,
                                           absl::FromUnixSeconds(as_of.recorded_at().seconds()) +
                                               absl::Nanoseconds(as_of.recorded_at().nanos()),
                                           absl::UTCTimeZone()));
    case v1::AsOf::kOccurredOn:
      return absl::StrCat("occurred ", domain::FormatDate(as_of.occurred_on()));
    case v1::AsOf::POINT_NOT_SET:
      break;
  }
  return "";
}

absl::Status AccessLog::Record(const std::string& tenant, const auth::Principal& reader,
                               const std::string& pupil_id, const std::string& view,
                               const v1::AsOf& as_of) const {
  v1::RecordRead read;
  read.mutable_reader()->set_id(reader.actor_id);
  read.mutable_reader()->set_role(reader.role);
  read.set_pupil_id(pupil_id);
  read.set_view(view);
  read.set_as_of(DescribeAsOf(as_of));
  const absl::Time now = absl::Now();
  read.mutable_read_at()->set_seconds(absl::ToUnixSeconds(now));
  read.mutable_read_at()->set_nanos(static_cast<int32_t>(absl::ToUnixNanos(now) % 1000000000));

  v1::EventEnvelope envelope;
  envelope.set_event_id(NewReadId());
  envelope.set_event_type(v1::RecordRead::descriptor()->full_name());
  envelope.set_tenant(tenant);
  *envelope.mutable_actor() = read.reader();
  envelope.set_payload(read.SerializeAsString());
  std::vector<v1::EventEnvelope> events;
  events.push_back(std::move(envelope));
  absl::StatusOr<eventstore::AppendResult> appended =
      store_.Append(AccessStreamId(tenant), eventstore::ExpectedVersion::Any(), std::move(events));
  if (!appended.ok()) {
    return absl::UnavailableError(
        absl::StrCat("access log: the read could not be recorded, so it is refused: ",
                     appended.status().message()));
  }
  return absl::OkStatus();
}

absl::StatusOr<v1::AccessLogReply> AccessLog::Read(const std::string& tenant, uint64_t from_version,
                                                   uint32_t max_count) const {
  if (max_count == 0) max_count = 100;
  if (max_count > 1000) return absl::InvalidArgumentError("max_count: at most 1000");
  absl::StatusOr<eventstore::StreamPage> page =
      store_.ReadStream(AccessStreamId(tenant), from_version == 0 ? 1 : from_version,
                        eventstore::ReadDirection::kForwards, max_count);
  if (!page.ok()) return page.status();
  v1::AccessLogReply reply;
  for (const eventstore::StoredEvent& event : page->events) {
    if (!reply.add_entries()->ParseFromString(event.envelope.payload())) {
      return absl::DataLossError(absl::StrCat("access log entry at position ",
                                              event.envelope.position(), " does not parse"));
    }
  }
  reply.set_next_version(page->end_of_stream ? 0 : page->next_version);
  return reply;
}

}  // namespace endeavour::server
