// Prometheus metrics of endeavourd, served on their own address (--metrics): calls by method and
// code (so errors by code), call latency by service (for the command services: append latency),
// appends, events and WAL syncs (events per sync), the log's head, projection lag and open
// subscriptions. Sampled from the store and the views once a second.
#ifndef ENDEAVOUR_SERVICES_SERVER_METRICS_H_
#define ENDEAVOUR_SERVICES_SERVER_METRICS_H_

#include <grpcpp/support/status.h>

#include <memory>
#include <string>

#include "absl/status/statusor.h"
#include "eventstore/rocksdb_event_store.h"
#include "projections/views.h"

namespace endeavour::server {

class ServerMetrics {
 public:
  // Serves /metrics on `address` (HOST:PORT; port 0: any free port). UNAVAILABLE if it cannot
  // listen there.
  static absl::StatusOr<std::unique_ptr<ServerMetrics>> Start(const std::string& address);
  ~ServerMetrics();

  // The port actually bound.
  int port() const;

  // One finished call. Thread-safe.
  void ObserveCall(const std::string& method, grpc::StatusCode code, double seconds);

  // Reads the store's and the views' figures into the gauges. Thread-safe.
  void Sample(const eventstore::RocksDbEventStore& store, const projections::Views& views,
              int subscriptions);

 private:
  struct Impl;
  explicit ServerMetrics(std::unique_ptr<Impl> impl);
  std::unique_ptr<Impl> impl_;
};

}  // namespace endeavour::server

#endif  // ENDEAVOUR_SERVICES_SERVER_METRICS_H_
