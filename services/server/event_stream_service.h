// endeavour.v1.EventStreamService: the school's events for downstream systems, exactly as stored.
// A caller sees its own school's pupil and self-evaluation streams and nothing else: other
// schools' events, and the access log, are filtered out on the server.
//
// Subscribe catches up from disk and then follows live appends. It is a synchronous server
// stream: each Write returns only when gRPC's flow control has taken the message, so one message
// is in flight per subscriber and a slow consumer only slows its own feed. (DESIGN.md asks for the
// callback API here; waiting for the next events is a blocking call on the store, so a reactor
// would still need a thread per subscriber, and the synchronous writer gives the same bound.)
// Subscribers are capped; past the cap a new one gets RESOURCE_EXHAUSTED.
#ifndef ENDEAVOUR_SERVICES_SERVER_EVENT_STREAM_SERVICE_H_
#define ENDEAVOUR_SERVICES_SERVER_EVENT_STREAM_SERVICE_H_

#include <set>

#include "absl/base/thread_annotations.h"
#include "absl/synchronization/mutex.h"
#include "absl/time/time.h"
#include "endeavour/v1/api.grpc.pb.h"
#include "eventstore/event_store.h"
#include "services/auth/token_store.h"
#include "services/server/access_log.h"

namespace endeavour::server {

struct FeedOptions {
  // Most subscriptions open at once.
  int max_subscribers = 32;
  // While idle, a heartbeat this often.
  absl::Duration heartbeat_interval = absl::Seconds(5);
};

class EventStreamServiceImpl final : public v1::EventStreamService::Service {
 public:
  // All must outlive the service.
  EventStreamServiceImpl(eventstore::EventStore& store, const auth::TokenStore& tokens,
                         const AccessLog& access_log, FeedOptions options = {})
      : store_(store), tokens_(tokens), access_log_(access_log), options_(options) {}

  grpc::Status ReadStream(grpc::ServerContext* context, const v1::ReadStreamRequest* request,
                          v1::ReadStreamReply* reply) override;
  grpc::Status ReadAll(grpc::ServerContext* context, const v1::ReadAllRequest* request,
                       v1::ReadAllReply* reply) override;
  grpc::Status Subscribe(grpc::ServerContext* context, const v1::SubscribeRequest* request,
                         grpc::ServerWriter<v1::SubscribeReply>* writer) override;

  // Ends every subscription with UNAVAILABLE and refuses new ones: the first step of a graceful
  // shutdown, before the server waits for calls in flight.
  void Shutdown();

  // Subscriptions open now.
  int subscriptions();

 private:
  eventstore::EventStore& store_;
  const auth::TokenStore& tokens_;
  const AccessLog& access_log_;
  const FeedOptions options_;

  absl::Mutex mu_;
  bool shutting_down_ ABSL_GUARDED_BY(mu_) = false;
  std::set<eventstore::Subscription*> subscriptions_ ABSL_GUARDED_BY(mu_);
};

// Whether `stream_id` is one of `tenant`'s record streams (pupil or self-evaluation).
bool IsSchoolRecordStream(const std::string& stream_id, const std::string& tenant);

}  // namespace endeavour::server

#endif  // ENDEAVOUR_SERVICES_SERVER_EVENT_STREAM_SERVICE_H_
