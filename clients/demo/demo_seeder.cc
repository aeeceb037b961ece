#include "clients/demo/demo_seeder.h"

#include <algorithm>
#include <atomic>
#include <string>
#include <thread>
#include <vector>

#include "absl/base/thread_annotations.h"
#include "absl/strings/str_cat.h"
#include "absl/synchronization/mutex.h"
#include "absl/time/clock.h"
#include "absl/time/time.h"
#include "endeavour/v1/api.grpc.pb.h"

namespace endeavour::demo {
namespace {

// One RPC per request type.
#define DEMO_PUPIL_CALL(Name)                                                         \
  grpc::Status Call(v1::PupilRecordService::Stub& stub, grpc::ClientContext* context, \
                    const v1::Name##Request& request, v1::CommandReply* reply) {      \
    return stub.Name(context, request, reply);                                        \
  }
DEMO_PUPIL_CALL(RegisterPupil)
DEMO_PUPIL_CALL(IdentifyNeed)
DEMO_PUPIL_CALL(ChangeSenStatus)
DEMO_PUPIL_CALL(AgreePlan)
DEMO_PUPIL_CALL(LogIntervention)
DEMO_PUPIL_CALL(RecordReview)
DEMO_PUPIL_CALL(AdjustPlan)
DEMO_PUPIL_CALL(RequestExternalAdvice)
DEMO_PUPIL_CALL(RecordExternalAdvice)
DEMO_PUPIL_CALL(RequestEhcNeedsAssessment)
DEMO_PUPIL_CALL(TransferPupilOut)
DEMO_PUPIL_CALL(ReceivePupilTransfer)
DEMO_PUPIL_CALL(CorrectRecord)
DEMO_PUPIL_CALL(RetractRecord)
#undef DEMO_PUPIL_CALL

grpc::Status Call(v1::SelfEvaluationService::Stub& stub, grpc::ClientContext* context,
                  const v1::RecordRatingRequest& request, v1::CommandReply* reply) {
  return stub.RecordRating(context, request, reply);
}
grpc::Status Call(v1::SelfEvaluationService::Stub& stub, grpc::ClientContext* context,
                  const v1::PlanImprovementActionRequest& request, v1::CommandReply* reply) {
  return stub.PlanImprovementAction(context, request, reply);
}

// Worth another try with the same command id: the server could not be reached, or the call ran
// out of time (it may have been carried out; the retry then records nothing new).
bool Transient(grpc::StatusCode code) {
  return code == grpc::StatusCode::UNAVAILABLE || code == grpc::StatusCode::DEADLINE_EXCEEDED;
}

class Seeding {
 public:
  Seeding(const DemoSchool& school, const std::shared_ptr<grpc::Channel>& channel,
          const ContextFactory& new_context, int64_t every, const ProgressReport& progress)
      : school_(school),
        channel_(channel),
        new_context_(new_context),
        every_(every),
        progress_(progress),
        total_(static_cast<int64_t>(school.CommandCount())) {}

  // Takes lanes (pupils, then the self-evaluation) until none is left or one has failed.
  void Work() {
    auto pupils = v1::PupilRecordService::NewStub(channel_);
    auto school = v1::SelfEvaluationService::NewStub(channel_);
    for (size_t lane = next_lane_++; lane <= school_.pupils.size() && !stop_; lane = next_lane_++) {
      if (lane < school_.pupils.size()) {
        const DemoPupil& pupil = school_.pupils[lane];
        SendLane(*pupils, pupil.requests, absl::StrCat("pupil ", pupil.pupil_id));
      } else {
        SendLane(*school, school_.self_evaluation, "the self-evaluation");
      }
    }
  }

  absl::StatusOr<SeedCounts> Result() {
    absl::MutexLock lock(&mutex_);
    if (!failure_.ok()) return failure_;
    return SeedCounts{sent_.load(), recorded_.load(), last_position_.load()};
  }

 private:
  template <typename Stub, typename Request>
  void SendLane(Stub& stub, const std::vector<Request>& requests, const std::string& lane) {
    // A reply's event ids name the events the command decided; when the store already held them
    // (a command sent before) the reply's stream version is the original one, below what this
    // lane has already seen, and nothing new was recorded.
    uint64_t highest_version = 0;
    for (const Request& request : requests) {
      if (stop_) return;
      v1::CommandReply reply;
      const grpc::Status status = Send(stub, request, &reply);
      if (!status.ok()) {
        Fail(status, absl::StrCat(lane, ", command ", HeaderOf(request).command_id(), " (",
                                  RequestName(request), ")"));
        return;
      }
      if (reply.event_ids_size() > 0 && reply.stream_version() > highest_version) {
        recorded_ += reply.event_ids_size();
      }
      highest_version = std::max(highest_version, reply.stream_version());
      uint64_t seen = last_position_.load();
      while (reply.position() > seen &&
             !last_position_.compare_exchange_weak(seen, reply.position())) {
      }
      const int64_t sent = ++sent_;
      if (progress_ && every_ > 0 && sent % every_ == 0) progress_(sent, total_);
    }
  }

  template <typename Stub, typename Request>
  grpc::Status Send(Stub& stub, const Request& request, v1::CommandReply* reply) {
    grpc::Status status;
    absl::Duration pause = absl::Milliseconds(200);
    for (int attempt = 0; attempt < 5; ++attempt, pause *= 2) {
      if (attempt > 0) absl::SleepFor(pause);
      const std::unique_ptr<grpc::ClientContext> context = new_context_();
      status =
          std::visit([&](const auto& r) { return Call(stub, context.get(), r, reply); }, request);
      if (!Transient(status.error_code())) return status;
    }
    return status;
  }

  void Fail(const grpc::Status& status, const std::string& what) {
    absl::MutexLock lock(&mutex_);
    stop_ = true;
    if (!failure_.ok()) return;
    // gRPC's codes are the canonical codes absl uses.
    failure_ = absl::Status(static_cast<absl::StatusCode>(status.error_code()),
                            absl::StrCat(what, ": ", status.error_message()));
  }

  const DemoSchool& school_;
  const std::shared_ptr<grpc::Channel> channel_;
  const ContextFactory& new_context_;
  const int64_t every_;
  const ProgressReport& progress_;
  const int64_t total_;
  std::atomic<size_t> next_lane_{0};
  std::atomic<bool> stop_{false};
  std::atomic<int64_t> sent_{0};
  std::atomic<int64_t> recorded_{0};
  std::atomic<uint64_t> last_position_{0};
  absl::Mutex mutex_;
  absl::Status failure_ ABSL_GUARDED_BY(mutex_);
};

}  // namespace

absl::Status WaitForViews(const std::shared_ptr<grpc::Channel>& channel,
                          const ContextFactory& new_context, uint64_t position) {
  v1::OverviewRequest request;
  request.mutable_options()->set_wait_for_position(position);
  request.mutable_options()->set_wait_timeout_ms(30000);
  v1::SchoolOverview overview;
  const std::unique_ptr<grpc::ClientContext> context = new_context();
  const grpc::Status status =
      v1::QueryService::NewStub(channel)->GetSchoolOverview(context.get(), request, &overview);
  if (status.ok()) return absl::OkStatus();
  return absl::Status(static_cast<absl::StatusCode>(status.error_code()), status.error_message());
}

absl::StatusOr<SeedCounts> SeedDemoSchool(const DemoSchool& school,
                                          const std::shared_ptr<grpc::Channel>& channel,
                                          const ContextFactory& new_context, int parallel,
                                          int64_t every, const ProgressReport& progress) {
  Seeding seeding(school, channel, new_context, every, progress);
  const size_t lanes = school.pupils.size() + 1;
  const size_t threads = std::min(lanes, static_cast<size_t>(std::max(1, parallel)));
  std::vector<std::thread> workers;
  for (size_t i = 0; i < threads; ++i) workers.emplace_back([&seeding] { seeding.Work(); });
  for (std::thread& worker : workers) worker.join();
  return seeding.Result();
}

}  // namespace endeavour::demo
