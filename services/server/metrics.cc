#include "services/server/metrics.h"

#include <prometheus/counter.h>
#include <prometheus/exposer.h>
#include <prometheus/gauge.h>
#include <prometheus/histogram.h>
#include <prometheus/registry.h>

#include <exception>

#include "absl/base/thread_annotations.h"
#include "absl/container/flat_hash_map.h"
#include "absl/strings/str_cat.h"
#include "absl/synchronization/mutex.h"
#include "services/server/grpc_status.h"

namespace endeavour::server {
namespace {

// "/endeavour.v1.QueryService/GetHistory" -> "endeavour.v1.QueryService".
std::string ServiceOf(const std::string& method) {
  const size_t slash = method.rfind('/');
  return slash == std::string::npos || slash == 0 ? method : method.substr(1, slash - 1);
}

}  // namespace

struct ServerMetrics::Impl {
  std::shared_ptr<prometheus::Registry> registry = std::make_shared<prometheus::Registry>();
  std::unique_ptr<prometheus::Exposer> exposer;

  prometheus::Family<prometheus::Counter>& calls =
      prometheus::BuildCounter()
          .Name("endeavour_rpc_total")
          .Help("Calls finished, by method and status code")
          .Register(*registry);
  prometheus::Family<prometheus::Histogram>& latency =
      prometheus::BuildHistogram()
          .Name("endeavour_rpc_duration_seconds")
          .Help("Call latency by service; for the command services, the latency of an append")
          .Register(*registry);
  prometheus::Family<prometheus::Counter>& store_counters =
      prometheus::BuildCounter()
          .Name("endeavour_store_total")
          .Help(
              "The store's appends, events appended and WAL syncs since start (kind label); "
              "events per sync is events / syncs")
          .Register(*registry);
  prometheus::Family<prometheus::Gauge>& gauges =
      prometheus::BuildGauge()
          .Name("endeavour_state")
          .Help("The log's head position, open subscriptions")
          .Register(*registry);
  prometheus::Family<prometheus::Gauge>& lag =
      prometheus::BuildGauge()
          .Name("endeavour_projection_lag_events")
          .Help(
              "Positions between the log's head and what a projection's answering version has "
              "folded in")
          .Register(*registry);

  absl::Mutex mu;
  // Counters only go up: the store's figures are added as deltas since the last sample.
  eventstore::CommitStats last_stats ABSL_GUARDED_BY(mu);
};

ServerMetrics::ServerMetrics(std::unique_ptr<Impl> impl) : impl_(std::move(impl)) {}
ServerMetrics::~ServerMetrics() = default;

absl::StatusOr<std::unique_ptr<ServerMetrics>> ServerMetrics::Start(const std::string& address) {
  auto impl = std::make_unique<Impl>();
  // prometheus-cpp reports a failure to listen by throwing; it stops here.
  try {
    impl->exposer = std::make_unique<prometheus::Exposer>(address);
  } catch (const std::exception& e) {
    return absl::UnavailableError(
        absl::StrCat("--metrics ", address, ": cannot listen there: ", e.what()));
  }
  impl->exposer->RegisterCollectable(impl->registry);
  return std::unique_ptr<ServerMetrics>(new ServerMetrics(std::move(impl)));
}

int ServerMetrics::port() const {
  std::vector<int> ports = impl_->exposer->GetListeningPorts();
  return ports.empty() ? 0 : ports.front();
}

void ServerMetrics::ObserveCall(const std::string& method, grpc::StatusCode code, double seconds) {
  // prometheus-cpp's families are thread-safe; Add returns the existing series for known labels.
  impl_->calls.Add({{"method", method}, {"code", StatusCodeName(code)}}).Increment();
  static const prometheus::Histogram::BucketBoundaries kBuckets = {
      0.0005, 0.001, 0.002, 0.005, 0.01, 0.02, 0.05, 0.1, 0.2, 0.5, 1, 2, 5};
  impl_->latency.Add({{"service", ServiceOf(method)}}, kBuckets).Observe(seconds);
}

void ServerMetrics::Sample(const eventstore::RocksDbEventStore& store,
                           const projections::Views& views, int subscriptions) {
  const eventstore::CommitStats stats = store.GetCommitStats();
  const uint64_t head = store.HeadPosition();
  {
    absl::MutexLock lock(&impl_->mu);
    impl_->store_counters.Add({{"kind", "appends"}})
        .Increment(static_cast<double>(stats.appends - impl_->last_stats.appends));
    impl_->store_counters.Add({{"kind", "events"}})
        .Increment(static_cast<double>(stats.events - impl_->last_stats.events));
    impl_->store_counters.Add({{"kind", "wal_syncs"}})
        .Increment(static_cast<double>(stats.durable_writes - impl_->last_stats.durable_writes));
    impl_->last_stats = stats;
  }
  impl_->gauges.Add({{"what", "head_position"}}).Set(static_cast<double>(head));
  impl_->gauges.Add({{"what", "subscriptions"}}).Set(subscriptions);
  for (const projections::ProjectionRunner* runner :
       {&views.pupil_runner(), &views.school_runner()}) {
    const uint64_t checkpoint = runner->checkpoint();
    impl_->lag.Add({{"projection", runner->name()}})
        .Set(head > checkpoint ? static_cast<double>(head - checkpoint) : 0.0);
  }
}

}  // namespace endeavour::server
