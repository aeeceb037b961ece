// endeavour.v1.QueryService: the views of a school (projections/views.h), as they stand or as of
// a position, a recorded time or an occurred-on date, optionally after waiting for a position
// (read-your-writes). A caller reads its own school, or a school granted to its role.
#ifndef ENDEAVOUR_SERVICES_SERVER_QUERY_SERVICE_H_
#define ENDEAVOUR_SERVICES_SERVER_QUERY_SERVICE_H_

#include "endeavour/v1/api.grpc.pb.h"
#include "projections/views.h"
#include "services/auth/token_store.h"
#include "services/server/access_log.h"

namespace endeavour::server {

class QueryServiceImpl final : public v1::QueryService::Service {
 public:
  // All must outlive the service. Every read of a pupil's plan or history is recorded in
  // `access_log` first; a read that cannot be recorded is refused.
  QueryServiceImpl(const projections::Views& views, const auth::TokenStore& tokens,
                   const AccessLog& access_log)
      : views_(views), tokens_(tokens), access_log_(access_log) {}

  grpc::Status GetCurrentPlan(grpc::ServerContext* context, const v1::PupilViewRequest* request,
                              v1::CurrentPlan* reply) override;
  grpc::Status GetHistory(grpc::ServerContext* context, const v1::PupilViewRequest* request,
                          v1::BestEndeavoursHistory* reply) override;
  grpc::Status GetSelfEvaluationTrends(grpc::ServerContext* context,
                                       const v1::SchoolViewRequest* request,
                                       v1::SelfEvaluationTrends* reply) override;
  grpc::Status GetSchoolOverview(grpc::ServerContext* context, const v1::OverviewRequest* request,
                                 v1::SchoolOverview* reply) override;

 private:
  const projections::Views& views_;
  const auth::TokenStore& tokens_;
  const AccessLog& access_log_;
};

// The query the options ask for. INVALID_ARGUMENT for a wait longer than 30 s or a bad date.
absl::StatusOr<projections::ViewQuery> QueryOf(const v1::ViewOptions& options);

}  // namespace endeavour::server

#endif  // ENDEAVOUR_SERVICES_SERVER_QUERY_SERVICE_H_
