// The views, as queries answer them: the stored views the projections keep current, or, as of a
// point in the past, the same views computed by replaying the log into a scratch file.
//
// Views starts the two projection runners (pupil views, self-evaluation) and reads what they
// store. A query may ask to wait until the views have folded in a position (read-your-writes: a
// command's result carries its log position), with a deadline: DEADLINE_EXCEEDED if they have not.
// As-of queries read the log itself, so they need no wait.
//
// This layer does no access control: the caller (services/) decides who may read which tenant.
#ifndef ENDEAVOUR_PROJECTIONS_VIEWS_H_
#define ENDEAVOUR_PROJECTIONS_VIEWS_H_

#include <memory>
#include <string>

#include "absl/status/statusor.h"
#include "absl/time/time.h"
#include "endeavour/v1/pupil_views.pb.h"
#include "endeavour/v1/school_views.pb.h"
#include "eventstore/event_store.h"
#include "eventstore/state_store.h"
#include "projections/as_of.h"
#include "projections/projection_runner.h"
#include "projections/view_projections.h"

namespace endeavour::projections {

struct ViewQuery {
  AsOf as_of;
  // 0: answer from what is stored now. Otherwise wait until the views have folded in this
  // position, until `wait_deadline`.
  uint64_t wait_for_position = 0;
  absl::Time wait_deadline = absl::InfinitePast();
  // The day date-dependent figures (planned so far, overdue) are reckoned to. Unset: the
  // occurred-on date of the query, else the UTC date of its recorded time, else today in UTC.
  v1::Date today;
};

struct ViewsOptions {
  RunnerOptions runner;
  ViewProjectionOptions cache;
};

class Views {
 public:
  // Starts the runners. `store` and `state` must outlive the Views.
  static absl::StatusOr<std::unique_ptr<Views>> Start(eventstore::EventStore& store,
                                                      eventstore::StateStore& state,
                                                      ViewsOptions options = {});

  // NOT_FOUND when the school has no record of the pupil (as of the query's point).
  // INVALID_ARGUMENT for an empty tenant or pupil id, a tenant with '/', or an as-of position
  // past the log's head.
  absl::StatusOr<v1::CurrentPlan> CurrentPlan(const std::string& tenant,
                                              const std::string& pupil_id,
                                              const ViewQuery& query) const;
  absl::StatusOr<v1::BestEndeavoursHistory> History(const std::string& tenant,
                                                    const std::string& pupil_id,
                                                    const ViewQuery& query) const;
  // NOT_FOUND when the school has recorded no self-evaluation.
  absl::StatusOr<v1::SelfEvaluationTrends> SelfEvaluationTrends(const std::string& tenant,
                                                                const ViewQuery& query) const;
  // Reviews due within `due_within_days` of the query's day.
  absl::StatusOr<v1::SchoolOverview> Overview(const std::string& tenant, const ViewQuery& query,
                                              int due_within_days) const;

  const ProjectionRunner& pupil_runner() const { return *pupil_runner_; }
  const ProjectionRunner& school_runner() const { return *school_runner_; }

 private:
  Views(eventstore::EventStore& store) : store_(store) {}

  eventstore::EventStore& store_;
  std::unique_ptr<ProjectionRunner> pupil_runner_;
  std::unique_ptr<ProjectionRunner> school_runner_;
};

}  // namespace endeavour::projections

#endif  // ENDEAVOUR_PROJECTIONS_VIEWS_H_
