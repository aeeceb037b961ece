#include "services/server/query_service.h"

#include "absl/time/clock.h"
#include "services/server/caller.h"
#include "services/server/grpc_status.h"

namespace endeavour::server {
namespace {

constexpr uint32_t kDefaultWaitMs = 2000;
constexpr uint32_t kMaxWaitMs = 30000;

// The caller, if it may read `view` of `school` ("" for its own), now or as of a point
// (auth::CheckViewAccess: an inspector reads only as of a point).
absl::StatusOr<Caller> AuthorizeRead(const grpc::ServerContext& context,
                                     const auth::TokenStore& tokens, auth::Operation view,
                                     const v1::ViewOptions& options, const std::string& school) {
  absl::StatusOr<auth::Principal> principal = Authenticate(context, tokens);
  if (!principal.ok()) return principal.status();
  absl::StatusOr<NoDeadlineSlot> slot = TakeNoDeadlineSlot(context);
  if (!slot.ok()) return slot.status();
  Caller caller{*std::move(principal), school, *std::move(slot)};
  if (caller.school.empty()) caller.school = caller.principal.tenant;
  const bool as_of = options.as_of().point_case() != v1::AsOf::POINT_NOT_SET;
  if (absl::Status allowed = auth::CheckViewAccess(caller.principal, view, as_of, caller.school);
      !allowed.ok()) {
    return allowed;
  }
  return caller;
}

}  // namespace

absl::StatusOr<projections::ViewQuery> QueryOf(const v1::ViewOptions& options) {
  projections::ViewQuery query;
  switch (options.as_of().point_case()) {
    case v1::AsOf::kPosition:
      query.as_of = projections::AsOf::Position(options.as_of().position());
      break;
    case v1::AsOf::kRecordedAt: {
      const auto& t = options.as_of().recorded_at();
      if (t.nanos() < 0 || t.nanos() > 999999999) {
        return absl::InvalidArgumentError("options.as_of.recorded_at.nanos: must be 0-999999999");
      }
      query.as_of = projections::AsOf::RecordedAt(absl::FromUnixSeconds(t.seconds()) +
                                                  absl::Nanoseconds(t.nanos()));
      break;
    }
    case v1::AsOf::kOccurredOn:
      query.as_of = projections::AsOf::OccurredOn(options.as_of().occurred_on());
      break;
    case v1::AsOf::POINT_NOT_SET:
      break;
  }
  if (options.wait_timeout_ms() > kMaxWaitMs) {
    return absl::InvalidArgumentError("options.wait_timeout_ms: at most 30000");
  }
  query.wait_for_position = options.wait_for_position();
  const uint32_t wait_ms =
      options.wait_timeout_ms() == 0 ? kDefaultWaitMs : options.wait_timeout_ms();
  query.wait_deadline = absl::Now() + absl::Milliseconds(wait_ms);
  query.today = options.today();
  return query;
}

grpc::Status QueryServiceImpl::GetCurrentPlan(grpc::ServerContext* context,
                                              const v1::PupilViewRequest* request,
                                              v1::CurrentPlan* reply) {
  absl::StatusOr<Caller> caller = AuthorizeRead(*context, tokens_, auth::Operation::kReadPlan,
                                                request->options(), request->school());
  if (!caller.ok()) return ToGrpcStatus(caller.status());
  absl::StatusOr<projections::ViewQuery> query = QueryOf(request->options());
  if (!query.ok()) return ToGrpcStatus(query.status());
  if (absl::Status logged =
          access_log_.Record(caller->school, caller->principal, request->pupil_id(), "current_plan",
                             request->options().as_of());
      !logged.ok()) {
    return ToGrpcStatus(logged);
  }
  absl::StatusOr<v1::CurrentPlan> plan =
      views_.CurrentPlan(caller->school, request->pupil_id(), *query);
  if (!plan.ok()) return ToGrpcStatus(plan.status());
  *reply = *std::move(plan);
  return grpc::Status::OK;
}

grpc::Status QueryServiceImpl::GetHistory(grpc::ServerContext* context,
                                          const v1::PupilViewRequest* request,
                                          v1::BestEndeavoursHistory* reply) {
  absl::StatusOr<Caller> caller = AuthorizeRead(*context, tokens_, auth::Operation::kReadHistory,
                                                request->options(), request->school());
  if (!caller.ok()) return ToGrpcStatus(caller.status());
  absl::StatusOr<projections::ViewQuery> query = QueryOf(request->options());
  if (!query.ok()) return ToGrpcStatus(query.status());
  if (absl::Status logged =
          access_log_.Record(caller->school, caller->principal, request->pupil_id(), "history",
                             request->options().as_of());
      !logged.ok()) {
    return ToGrpcStatus(logged);
  }
  absl::StatusOr<v1::BestEndeavoursHistory> history =
      views_.History(caller->school, request->pupil_id(), *query);
  if (!history.ok()) return ToGrpcStatus(history.status());
  *reply = *std::move(history);
  return grpc::Status::OK;
}

grpc::Status QueryServiceImpl::GetSelfEvaluationTrends(grpc::ServerContext* context,
                                                       const v1::SchoolViewRequest* request,
                                                       v1::SelfEvaluationTrends* reply) {
  absl::StatusOr<Caller> caller =
      AuthorizeRead(*context, tokens_, auth::Operation::kReadSelfEvaluation, request->options(),
                    request->school());
  if (!caller.ok()) return ToGrpcStatus(caller.status());
  absl::StatusOr<projections::ViewQuery> query = QueryOf(request->options());
  if (!query.ok()) return ToGrpcStatus(query.status());
  absl::StatusOr<v1::SelfEvaluationTrends> trends =
      views_.SelfEvaluationTrends(caller->school, *query);
  if (!trends.ok()) return ToGrpcStatus(trends.status());
  *reply = *std::move(trends);
  return grpc::Status::OK;
}

grpc::Status QueryServiceImpl::GetSchoolOverview(grpc::ServerContext* context,
                                                 const v1::OverviewRequest* request,
                                                 v1::SchoolOverview* reply) {
  absl::StatusOr<Caller> caller = AuthorizeRead(*context, tokens_, auth::Operation::kReadOverview,
                                                request->options(), request->school());
  if (!caller.ok()) return ToGrpcStatus(caller.status());
  absl::StatusOr<projections::ViewQuery> query = QueryOf(request->options());
  if (!query.ok()) return ToGrpcStatus(query.status());
  const int due_within_days = request->due_within_days() == 0 ? 14 : request->due_within_days();
  absl::StatusOr<v1::SchoolOverview> overview =
      views_.Overview(caller->school, *query, due_within_days);
  if (!overview.ok()) return ToGrpcStatus(overview.status());
  *reply = *std::move(overview);
  return grpc::Status::OK;
}

}  // namespace endeavour::server
