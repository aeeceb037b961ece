// `endeavour tail`: follows the event feed (EventStreamService.Subscribe), one line per event.
#include <atomic>
#include <chrono>
#include <csignal>
#include <cstdint>
#include <iostream>
#include <memory>
#include <string>
#include <thread>
#include <vector>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_format.h"
#include "absl/synchronization/notification.h"
#include "clients/cli/json_text.h"
#include "clients/cli/local_failure.h"
#include "clients/cli/record_commands.h"
#include "clients/cli/table.h"
#include "endeavour/v1/api.grpc.pb.h"

namespace endeavour::cli {
namespace {

volatile std::sig_atomic_t stop_requested = 0;

void RequestStop(int) { stop_requested = 1; }

struct TailFlags {
  uint64_t from = 1;
  std::vector<std::string> types;
  int64_t count = 0;  // 0: until stopped
};

std::string EventLine(const v1::EventEnvelope& e) {
  return absl::StrFormat("%-8d %-20s %-36s %-40s %s\n", e.position(), FormatTime(e.recorded_at()),
                         e.stream_id(), e.event_type(), e.event_id());
}

// Cancels the call once Ctrl-C or SIGTERM arrives. The handler only sets a flag (all a signal
// handler may do); this thread turns it into TryCancel, which Read() then returns from.
class StopWatcher {
 public:
  explicit StopWatcher(grpc::ClientContext* context)
      : thread_([this, context] {
          while (!done_.WaitForNotificationWithTimeout(absl::Milliseconds(50))) {
            if (stop_requested) {
              context->TryCancel();
              return;
            }
          }
        }) {
    std::signal(SIGINT, RequestStop);
    std::signal(SIGTERM, RequestStop);
  }
  ~StopWatcher() {
    done_.Notify();
    thread_.join();
  }

 private:
  absl::Notification done_;
  std::thread thread_;
};

void RunTail(const TailFlags& flags, Globals& globals) {
  absl::StatusOr<Connection> connection = Connection::Open(globals);
  if (!connection.ok()) {
    globals.exit_code = ReportLocalFailure("tail", connection.status());
    return;
  }
  std::unique_ptr<grpc::ClientContext> context = connection->NewContext(absl::InfiniteDuration());
  v1::SubscribeRequest request;
  request.set_from_position(flags.from);
  for (const std::string& type : flags.types) {
    request.add_event_types(type.find('.') == std::string::npos ? "endeavour.v1." + type : type);
  }
  auto stub = v1::EventStreamService::NewStub(connection->channel());
  std::unique_ptr<grpc::ClientReader<v1::SubscribeReply>> reader =
      stub->Subscribe(context.get(), request);
  int64_t seen = 0;
  bool counted_out = false;
  if (globals.output == OutputFormat::kTable) {
    std::cout << absl::StrFormat("%-8s %-20s %-36s %-40s %s\n", "POSITION", "RECORDED AT", "STREAM",
                                 "TYPE", "EVENT ID");
  }
  {
    StopWatcher watcher(context.get());
    v1::SubscribeReply reply;
    while (reader->Read(&reply)) {
      if (reply.has_caught_up()) {
        std::cerr << "endeavour: caught up at position " << reply.caught_up().position()
                  << "; following new events\n";
        continue;
      }
      if (!reply.has_event()) continue;  // a heartbeat
      std::cout << (globals.output == OutputFormat::kJson ? MessageToJson(reply.event(), true)
                                                          : EventLine(reply.event()))
                << std::flush;
      if (flags.count > 0 && ++seen >= flags.count) {
        counted_out = true;
        context->TryCancel();
        break;
      }
    }
  }
  const grpc::Status status = reader->Finish();
  if (counted_out || stop_requested) return;  // stopped on purpose: exit 0
  globals.exit_code = status.ok() ? kExitOk : ReportFailure("tail", status);
}

}  // namespace

void AddTailSubcommand(CLI::App& app, Globals& globals) {
  CLI::App* sub = app.add_subcommand(
      "tail", "Follow the school's event feed as events are recorded (the feed role)");
  sub->group("Event feed");
  auto flags = std::make_shared<TailFlags>();
  sub->add_option("--from", flags->from,
                  "Start at this log position (a consumer's last checkpoint + 1)")
      ->capture_default_str();
  sub->add_option("--type", flags->types,
                  "Only events of this type (ReviewHeld or endeavour.v1.ReviewHeld); repeatable")
      ->allow_extra_args(false);
  sub->add_option("--count", flags->count, "Stop after this many events (for scripts)")
      ->check(CLI::PositiveNumber);
  sub->footer(
      "\nPrints one line per event: position, recorded time, stream, type, event id (one JSON "
      "object per line with -o json). The caught-up checkpoint goes to standard error. Ctrl-C "
      "or SIGTERM ends it with exit code 0.\n\nExample:\n  $ endeavour tail --from 1 --type "
      "ReviewHeld --type PlanAgreed\n");
  sub->callback([flags, &globals] { RunTail(*flags, globals); });
}

}  // namespace endeavour::cli
