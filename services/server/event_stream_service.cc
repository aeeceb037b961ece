#include "services/server/event_stream_service.h"

#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "services/domain/streams.h"
#include "services/server/caller.h"
#include "services/server/grpc_status.h"

namespace endeavour::server {
namespace {

constexpr uint32_t kDefaultPage = 100;
constexpr uint32_t kMaxPage = 1000;
// A read-all that finds nothing of the school's in this many pages returns an empty page with
// next_position, so one call never scans the whole log of a large shared server.
constexpr int kMaxPagesScanned = 20;

absl::StatusOr<uint32_t> PageSize(uint32_t requested) {
  if (requested > kMaxPage) return absl::InvalidArgumentError("max_count: at most 1000");
  return requested == 0 ? kDefaultPage : requested;
}

}  // namespace

bool IsSchoolRecordStream(const std::string& stream_id, const std::string& tenant) {
  return absl::StartsWith(stream_id, absl::StrCat("pupil/", tenant, "/")) ||
         absl::StartsWith(stream_id, absl::StrCat("school/", tenant, "/"));
}

grpc::Status EventStreamServiceImpl::ReadStream(grpc::ServerContext* context,
                                                const v1::ReadStreamRequest* request,
                                                v1::ReadStreamReply* reply) {
  absl::StatusOr<Caller> caller = Authorize(*context, tokens_, auth::Operation::kReadFeed);
  if (!caller.ok()) return ToGrpcStatus(caller.status());
  absl::StatusOr<uint32_t> page_size = PageSize(request->max_count());
  if (!page_size.ok()) return ToGrpcStatus(page_size.status());
  std::string stream;
  switch (request->stream_case()) {
    case v1::ReadStreamRequest::kPupilId:
      if (request->pupil_id().empty()) {
        return ToGrpcStatus(absl::InvalidArgumentError("pupil_id: must not be empty"));
      }
      if (absl::Status logged = access_log_.Record(caller->school, caller->principal,
                                                   request->pupil_id(), "events", v1::AsOf());
          !logged.ok()) {
        return ToGrpcStatus(logged);
      }
      stream = domain::PupilStreamId(caller->school, request->pupil_id());
      break;
    case v1::ReadStreamRequest::kSelfEvaluation:
      stream = domain::SelfEvaluationStreamId(caller->school);
      break;
    case v1::ReadStreamRequest::STREAM_NOT_SET:
      return ToGrpcStatus(absl::InvalidArgumentError("stream: give pupil_id or self_evaluation"));
  }
  absl::StatusOr<eventstore::StreamPage> page =
      store_.ReadStream(stream, request->from_version() == 0 ? 1 : request->from_version(),
                        eventstore::ReadDirection::kForwards, *page_size);
  if (!page.ok()) return ToGrpcStatus(page.status());
  for (eventstore::StoredEvent& event : page->events) {
    *reply->add_events() = std::move(event.envelope);
  }
  reply->set_next_version(page->end_of_stream ? 0 : page->next_version);
  return grpc::Status::OK;
}

grpc::Status EventStreamServiceImpl::ReadAll(grpc::ServerContext* context,
                                             const v1::ReadAllRequest* request,
                                             v1::ReadAllReply* reply) {
  absl::StatusOr<Caller> caller = Authorize(*context, tokens_, auth::Operation::kReadFeed);
  if (!caller.ok()) return ToGrpcStatus(caller.status());
  absl::StatusOr<uint32_t> page_size = PageSize(request->max_count());
  if (!page_size.ok()) return ToGrpcStatus(page_size.status());
  eventstore::EventFilter filter;
  filter.event_types.assign(request->event_types().begin(), request->event_types().end());
  uint64_t from = request->from_position() == 0 ? 1 : request->from_position();
  for (int scanned = 0; scanned < kMaxPagesScanned; ++scanned) {
    absl::StatusOr<eventstore::LogPage> page = store_.ReadAll(from, *page_size, filter);
    if (!page.ok()) return ToGrpcStatus(page.status());
    reply->set_head_position(page->head_position);
    for (eventstore::StoredEvent& event : page->events) {
      if (static_cast<uint32_t>(reply->events_size()) == *page_size) break;
      if (!IsSchoolRecordStream(event.envelope.stream_id(), caller->school)) continue;
      from = event.envelope.position() + 1;
      *reply->add_events() = std::move(event.envelope);
    }
    if (static_cast<uint32_t>(reply->events_size()) == *page_size) break;
    from = page->next_position;
    if (reply->events_size() > 0 || from > page->head_position) break;
  }
  reply->set_next_position(from);
  return grpc::Status::OK;
}

grpc::Status EventStreamServiceImpl::Subscribe(grpc::ServerContext* context,
                                               const v1::SubscribeRequest* request,
                                               grpc::ServerWriter<v1::SubscribeReply>* writer) {
  absl::StatusOr<Caller> caller = Authorize(*context, tokens_, auth::Operation::kReadFeed);
  if (!caller.ok()) return ToGrpcStatus(caller.status());
  eventstore::EventFilter filter;
  filter.event_types.assign(request->event_types().begin(), request->event_types().end());
  absl::StatusOr<std::unique_ptr<eventstore::Subscription>> subscription = store_.Subscribe(
      request->from_position() == 0 ? 1 : request->from_position(), std::move(filter));
  if (!subscription.ok()) return ToGrpcStatus(subscription.status());
  {
    absl::MutexLock lock(&mu_);
    if (shutting_down_) return grpc::Status(grpc::StatusCode::UNAVAILABLE, "server shutting down");
    if (subscriptions_.size() >= static_cast<size_t>(options_.max_subscribers)) {
      return grpc::Status(grpc::StatusCode::RESOURCE_EXHAUSTED,
                          absl::StrCat("subscriptions: at most ", options_.max_subscribers,
                                       " at once; try again later"));
    }
    subscriptions_.insert(subscription->get());
  }
  grpc::Status ended = grpc::Status::OK;
  bool announced_caught_up = false;
  absl::Time last_write = absl::Now();
  // A consumer already at the head hears so at once, not after the first wait for new events.
  const uint64_t from = request->from_position() == 0 ? 1 : request->from_position();
  if (const uint64_t head = store_.HeadPosition(); from > head) {
    v1::SubscribeReply caught_up;
    caught_up.mutable_caught_up()->set_position(from - 1);
    announced_caught_up = writer->Write(caught_up);
    if (!announced_caught_up) ended = grpc::Status(grpc::StatusCode::CANCELLED, "consumer gone");
  }
  while (ended.ok() && !context->IsCancelled()) {
    // Short waits, so a cancelled call is noticed within one.
    absl::StatusOr<eventstore::SubscriptionBatch> batch = (*subscription)->Next(absl::Seconds(1));
    if (!batch.ok()) {
      ended = absl::IsCancelled(batch.status())
                  ? grpc::Status(grpc::StatusCode::UNAVAILABLE, "server shutting down")
                  : ToGrpcStatus(batch.status());
      break;
    }
    bool wrote = false;
    bool open = true;
    for (eventstore::StoredEvent& event : batch->events) {
      if (!IsSchoolRecordStream(event.envelope.stream_id(), caller->school)) continue;
      v1::SubscribeReply message;
      *message.mutable_event() = std::move(event.envelope);
      if (!(open = writer->Write(message))) break;
      wrote = true;
    }
    if (!open) break;  // the consumer went away
    if (wrote) announced_caught_up = false;
    v1::SubscribeReply marker;
    if (batch->caught_up && !announced_caught_up) {
      marker.mutable_caught_up()->set_position(batch->checkpoint);
      announced_caught_up = true;
    } else if (!wrote && absl::Now() - last_write >= options_.heartbeat_interval) {
      marker.mutable_heartbeat()->set_position(batch->checkpoint);
    }
    if (marker.item_case() != v1::SubscribeReply::ITEM_NOT_SET) {
      if (!writer->Write(marker)) break;
      wrote = true;
    }
    if (wrote) last_write = absl::Now();
  }
  absl::MutexLock lock(&mu_);
  subscriptions_.erase(subscription->get());
  return ended;
}

int EventStreamServiceImpl::subscriptions() {
  absl::MutexLock lock(&mu_);
  return static_cast<int>(subscriptions_.size());
}

void EventStreamServiceImpl::Shutdown() {
  absl::MutexLock lock(&mu_);
  shutting_down_ = true;
  for (eventstore::Subscription* subscription : subscriptions_) subscription->Cancel();
}

}  // namespace endeavour::server
