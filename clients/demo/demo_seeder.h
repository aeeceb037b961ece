// Sends the demo school (demo_school.h) to endeavourd with the generated stubs: each pupil's
// requests in order, several pupils at a time, the self-evaluation as one more lane. A command the
// server has seen before (the same command id) records nothing new, so seeding twice is safe and
// an interrupted seeding can simply be run again. The first refusal stops the seeding and names
// the pupil and command.
#ifndef ENDEAVOUR_CLIENTS_DEMO_DEMO_SEEDER_H_
#define ENDEAVOUR_CLIENTS_DEMO_DEMO_SEEDER_H_

#include <grpcpp/grpcpp.h>

#include <cstdint>
#include <functional>
#include <memory>

#include "absl/status/statusor.h"
#include "clients/demo/demo_school.h"

namespace endeavour::demo {

struct SeedCounts {
  int64_t commands_sent = 0;
  // Events this seeding added to the log: 0 when the school was there already.
  int64_t events_recorded = 0;
  // The highest log position any reply named.
  uint64_t last_position = 0;
};

// A context for one call: the caller's token and a deadline.
using ContextFactory = std::function<std::unique_ptr<grpc::ClientContext>()>;
// Called every `every` commands, from any of the sending threads.
using ProgressReport = std::function<void(int64_t sent, int64_t total)>;

// `parallel` pupils at a time (at least 1). A server that is briefly unavailable is retried a few
// times (a retry of a command with the same id is safe); any other failure is returned with the
// server's code and message, prefixed by the pupil and command.
absl::StatusOr<SeedCounts> SeedDemoSchool(const DemoSchool& school,
                                          const std::shared_ptr<grpc::Channel>& channel,
                                          const ContextFactory& new_context, int parallel,
                                          int64_t every, const ProgressReport& progress);

// Waits (up to 30 s) until the server's views have folded the log up to `position`, so what is
// read next shows everything seeded. Needs a role that reads the school overview (a SENCO's).
absl::Status WaitForViews(const std::shared_ptr<grpc::Channel>& channel,
                          const ContextFactory& new_context, uint64_t position);

}  // namespace endeavour::demo

#endif  // ENDEAVOUR_CLIENTS_DEMO_DEMO_SEEDER_H_
