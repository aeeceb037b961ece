// endeavour-load: drives a running endeavourd with N concurrent clients for a set time or count,
// shows progress each second on stderr, and prints throughput and latency percentiles as
// "name: value" lines on stdout.
//
// Each append is one command that records one event for a random pupil: a secondary need
// identified (IdentifyNeed), so every call is a real decision of the domain and a synced append.
// The pupils are registered first (not timed).
//
// With --rpc health-check each call is instead gRPC's health check (grpc.health.v1.Health/Check),
// the cheapest call endeavourd answers: what gRPC, the request log and the loopback cost a call on
// this machine, measured the same way, as a baseline for the appends.
//
// A client is not a thread but one call kept in flight with gRPC's callback API: its completion
// records the latency and issues the client's next call. A thread per client would make the load
// generator pay for, and the server under test share the cores with, N threads' scheduling.
//
//   endeavour-load --server 127.0.0.1:50051 --token T [--clients 64] [--seconds 10] [--pupils 2000]
//                  [--rpc identify-need|health-check]
#include <grpcpp/generic/generic_stub.h>
#include <grpcpp/grpcpp.h>

#include <CLI/CLI.hpp>
#include <algorithm>
#include <atomic>
#include <cstdio>
#include <memory>
#include <random>
#include <string>
#include <thread>
#include <utility>
#include <vector>

#include "absl/base/thread_annotations.h"
#include "absl/strings/str_cat.h"
#include "absl/synchronization/mutex.h"
#include "absl/time/clock.h"
#include "absl/time/time.h"
#include "endeavour/v1/api.grpc.pb.h"

namespace endeavour::load {
namespace {

struct Flags {
  std::string server = "127.0.0.1:50051";
  std::string token;
  std::string tenant_label = "load";
  int clients = 64;
  int channels = 8;
  double seconds = 10;
  int64_t count = 0;
  int pupils = 2000;
  std::string rpc = "identify-need";
  std::string run_id;
  bool health_check() const { return rpc == "health-check"; }
};

v1::Date Day(int y, int m, int d) {
  v1::Date date;
  date.set_year(y);
  date.set_month(m);
  date.set_day(d);
  return date;
}

std::unique_ptr<grpc::ClientContext> Context(const std::string& token) {
  auto context = std::make_unique<grpc::ClientContext>();
  context->AddMetadata("authorization", "Bearer " + token);
  context->set_deadline(std::chrono::system_clock::now() + std::chrono::seconds(30));
  return context;
}

std::string PupilId(const Flags& flags, int pupil) {
  return absl::StrCat(flags.run_id, "-p", pupil);
}

grpc::Status Register(v1::PupilRecordService::Stub& stub, const Flags& flags, int pupil) {
  v1::RegisterPupilRequest request;
  request.mutable_header()->set_command_id(absl::StrCat(flags.run_id, "-reg-", pupil));
  request.set_pupil_id(PupilId(flags, pupil));
  v1::PupilRegistered* registered = request.mutable_command()->mutable_pupil();
  registered->set_pupil_id(PupilId(flags, pupil));
  registered->set_display_name(absl::StrCat("Pupil ", pupil));
  *registered->mutable_date_of_birth() = Day(2016, 1 + pupil % 12, 1 + pupil % 28);
  registered->set_year_group(pupil % 7);
  *registered->mutable_registered_on() = Day(2024, 9, 2);
  v1::CommandReply reply;
  return stub.RegisterPupil(Context(flags.token).get(), request, &reply);
}

v1::IdentifyNeedRequest NeedRequest(const Flags& flags, int pupil, int64_t n) {
  v1::IdentifyNeedRequest request;
  request.mutable_header()->set_command_id(absl::StrCat(flags.run_id, "-need-", n));
  request.set_pupil_id(PupilId(flags, pupil));
  v1::NeedIdentified* need = request.mutable_command()->mutable_need();
  need->set_need_id(absl::StrCat("need-", n));
  need->set_area(v1::AREA_OF_NEED_COMMUNICATION_AND_INTERACTION);
  need->set_census_type(v1::CENSUS_NEED_TYPE_SLCN);
  need->set_rank(v1::NEED_RANK_SECONDARY);
  v1::Evidence* evidence = need->add_evidence();
  evidence->set_kind(v1::EVIDENCE_KIND_OBSERVATION);
  evidence->set_summary("Struggles to follow two-step instructions in class");
  *evidence->mutable_dated() = Day(2025, 9, 15);
  need->set_parents_agree(v1::AGREEMENT_AGREES);
  need->set_professionals_agree(v1::AGREEMENT_NOT_YET_ASKED);
  *need->mutable_identified_on() = Day(2025, 9, 16);
  return request;
}

// One client's call in flight, and what it measured. The call's context, request and reply must
// live until its callback runs. Only the client's own chain of callbacks touches the slot, one
// call after another, so its latencies need no lock.
struct Client {
  v1::PupilRecordService::Stub* stub = nullptr;
  grpc::GenericStub* generic = nullptr;  // for health checks
  std::mt19937 random;
  std::uniform_int_distribution<int> pupil;
  std::unique_ptr<grpc::ClientContext> context;  // fresh per call: a context serves one call
  v1::IdentifyNeedRequest request;
  v1::CommandReply reply;
  grpc::ByteBuffer health_request;  // a HealthCheckRequest for the whole server
  grpc::ByteBuffer health_reply;
  absl::Time issued_at;
  std::vector<double> latencies_ms;
};

// The timed phase: appends, or health checks. Callbacks run on gRPC's threads, so they only
// record and issue.
class TimedCalls {
 public:
  TimedCalls(const Flags& flags, const std::vector<std::shared_ptr<grpc::Channel>>& channels)
      : flags_(flags) {
    for (const auto& channel : channels) {
      stubs_.push_back(v1::PupilRecordService::NewStub(channel));
      generic_stubs_.push_back(std::make_unique<grpc::GenericStub>(channel));
    }
    for (int c = 0; c < flags.clients; ++c) {
      auto client = std::make_unique<Client>();
      client->stub = stubs_[c % stubs_.size()].get();
      client->generic = generic_stubs_[c % generic_stubs_.size()].get();
      grpc::Slice empty;  // an empty HealthCheckRequest, but a message: gRPC refuses a null buffer
      client->health_request = grpc::ByteBuffer(&empty, 1);
      client->random.seed(c + 1);
      client->pupil = std::uniform_int_distribution<int>(0, flags.pupils - 1);
      clients_.push_back(std::move(client));
    }
  }

  // Runs until every client has stopped, printing progress each second; returns how long it took.
  absl::Duration Run() {
    const absl::Time start = absl::Now();
    end_ = start + absl::Seconds(flags_.seconds);
    {
      absl::MutexLock lock(&mu_);
      running_ = static_cast<int>(clients_.size());
    }
    for (const auto& client : clients_) Issue(*client);
    absl::MutexLock lock(&mu_);
    int64_t last = 0;
    for (absl::Time tick = start + absl::Seconds(1);
         !mu_.AwaitWithDeadline(absl::Condition(this, &TimedCalls::AllStopped), tick);
         tick += absl::Seconds(1)) {
      const int64_t now = done_;
      std::fprintf(stderr, "  %lld %s (%lld/s), %lld errors\n", static_cast<long long>(now),
                   flags_.health_check() ? "calls" : "appends", static_cast<long long>(now - last),
                   static_cast<long long>(errors_.load()));
      last = now;
    }
    return absl::Now() - start;
  }

  int64_t done() const { return done_; }
  int64_t errors() const { return errors_; }
  std::vector<double> SortedLatencies() const {
    std::vector<double> all;
    for (const auto& c : clients_) {
      all.insert(all.end(), c->latencies_ms.begin(), c->latencies_ms.end());
    }
    std::sort(all.begin(), all.end());
    return all;
  }

 private:
  bool AllStopped() const ABSL_EXCLUSIVE_LOCKS_REQUIRED(mu_) { return running_ == 0; }

  // Called by Run for a client's first call, then from each completion on gRPC's thread: the
  // call returns at once, so no thread of ours waits on it. Once the run is over, the chain stops.
  void Issue(Client& client) {
    const int64_t n = issued_++;
    if (flags_.count > 0 ? n >= flags_.count : absl::Now() >= end_) {
      absl::MutexLock lock(&mu_);
      --running_;
      return;
    }
    client.context = Context(flags_.token);
    if (flags_.health_check()) {
      client.health_reply.Clear();
      client.issued_at = absl::Now();
      client.generic->UnaryCall(client.context.get(), "/grpc.health.v1.Health/Check",
                                grpc::StubOptions(), &client.health_request, &client.health_reply,
                                [this, &client](grpc::Status s) { Completed(client, s); });
      return;
    }
    client.request = NeedRequest(flags_, client.pupil(client.random), n);
    client.reply.Clear();
    client.issued_at = absl::Now();
    client.stub->async()->IdentifyNeed(client.context.get(), &client.request, &client.reply,
                                       [this, &client](grpc::Status s) { Completed(client, s); });
  }

  void Completed(Client& client, const grpc::Status& status) {
    client.latencies_ms.push_back(absl::ToDoubleMilliseconds(absl::Now() - client.issued_at));
    if (!status.ok() && errors_++ == 0) {
      std::fprintf(stderr, "endeavour-load: first error: %s\n", status.error_message().c_str());
    }
    ++done_;
    Issue(client);
  }

  const Flags& flags_;
  absl::Time end_;  // written before the first call is issued, only read after
  std::vector<std::unique_ptr<v1::PupilRecordService::Stub>> stubs_;
  std::vector<std::unique_ptr<grpc::GenericStub>> generic_stubs_;
  std::vector<std::unique_ptr<Client>> clients_;
  std::atomic<int64_t> issued_{0}, done_{0}, errors_{0};
  absl::Mutex mu_;
  int running_ ABSL_GUARDED_BY(mu_) = 0;  // clients not yet stopped
};

// Registers the pupils, in parallel; false (the reason printed) when any is refused.
bool RegisterPupils(const Flags& flags,
                    const std::vector<std::shared_ptr<grpc::Channel>>& channels) {
  std::fprintf(stderr, "endeavour-load: registering %d pupils on %s\n", flags.pupils,
               flags.server.c_str());
  std::atomic<int> next_pupil{0};
  std::atomic<bool> failed{false};
  std::vector<std::thread> workers;
  for (int c = 0; c < std::min(flags.clients, 32); ++c) {
    workers.emplace_back([&, c] {
      auto stub = v1::PupilRecordService::NewStub(channels[c % channels.size()]);
      for (int p; (p = next_pupil++) < flags.pupils && !failed;) {
        grpc::Status s = Register(*stub, flags, p);
        if (!s.ok() && !failed.exchange(true)) {  // once: a bad token fails every worker
          std::fprintf(stderr, "endeavour-load: registering: %s\n", s.error_message().c_str());
        }
      }
    });
  }
  for (std::thread& w : workers) w.join();
  return !failed;
}

int Main(int argc, char** argv) {
  // Debian builds Abseil without NDEBUG, which leaves Mutex deadlock detection on, and gRPC locks
  // absl::Mutex on every call: as the server does, spare the generator that cost (~4% of its CPU).
  absl::SetMutexDeadlockDetectionMode(absl::OnDeadlockCycle::kIgnore);
  CLI::App app{"endeavour-load: drive a running endeavourd and measure appends (or health checks)"};
  Flags flags;
  app.add_option("--server", flags.server, "endeavourd's address")->capture_default_str();
  app.add_option("--token", flags.token, "A SENCO's bearer token (or ENDEAVOUR_TOKEN)")
      ->envname("ENDEAVOUR_TOKEN")
      ->required();
  app.add_option("--clients", flags.clients, "Concurrent clients (calls kept in flight)")
      ->capture_default_str()
      ->check(CLI::Range(1, 4096));
  app.add_option("--channels", flags.channels, "gRPC channels (connections) they share")
      ->capture_default_str()
      ->check(CLI::Range(1, 256));
  app.add_option("--seconds", flags.seconds, "How long to run (unless --count)")
      ->capture_default_str()
      ->check(CLI::Range(0.1, 86400.0));
  app.add_option("--count", flags.count, "Stop after this many calls instead");
  app.add_option("--pupils", flags.pupils, "Pupils registered first, appended to at random")
      ->capture_default_str()
      ->check(CLI::Range(1, 1000000));
  app.add_option("--rpc", flags.rpc,
                 "What each call is: identify-need (an append) or health-check (gRPC's health "
                 "check, the cheapest call the server answers: a baseline)")
      ->capture_default_str()
      ->check(CLI::IsMember({"identify-need", "health-check"}));
  app.footer(
      "Example: endeavour-load --server 127.0.0.1:50051 --token $(cat data/dev-token) "
      "--clients 64 --seconds 10");
  CLI11_PARSE(app, argc, argv);
  flags.run_id = absl::StrCat("load", absl::ToUnixMillis(absl::Now()));

  std::vector<std::shared_ptr<grpc::Channel>> channels;
  for (int i = 0; i < flags.channels; ++i) {
    grpc::ChannelArguments args;
    args.SetInt("endeavour.channel", i);  // distinct arguments: a connection each
    channels.push_back(
        grpc::CreateCustomChannel(flags.server, grpc::InsecureChannelCredentials(), args));
  }
  // Connected first: against a wrong address every call fails at once, and a run would spin
  // through its seconds counting nothing but errors.
  const auto connect_by = std::chrono::system_clock::now() + std::chrono::seconds(5);
  for (const auto& channel : channels) {
    if (!channel->WaitForConnected(connect_by)) {
      std::fprintf(stderr,
                   "endeavour-load: cannot connect to %s within 5 s (is endeavourd there?)\n",
                   flags.server.c_str());
      return 1;
    }
  }

  // The pupils first, untimed (a health check needs none).
  if (!flags.health_check() && !RegisterPupils(flags, channels)) return 1;

  std::fprintf(stderr, "endeavour-load: %d clients %s for %s\n", flags.clients,
               flags.health_check() ? "checking health" : "appending",
               flags.count > 0 ? absl::StrCat(flags.count, " calls").c_str()
                               : absl::StrCat(flags.seconds, " s").c_str());
  TimedCalls calls(flags, channels);
  const double seconds = absl::ToDoubleSeconds(calls.Run());
  const std::vector<double> all = calls.SortedLatencies();
  auto percentile = [&](double p) {
    return all.empty() ? 0.0 : all[std::min(all.size() - 1, static_cast<size_t>(p * all.size()))];
  };
  const char* what = flags.health_check() ? "calls" : "appends";
  std::printf("%s: %lld\n", what, static_cast<long long>(calls.done()));
  std::printf("errors: %lld\n", static_cast<long long>(calls.errors()));
  std::printf("%s_per_s: %.0f\n", what, calls.done() / seconds);
  std::printf("p50_ms: %.3f\n", percentile(0.50));
  std::printf("p90_ms: %.3f\n", percentile(0.90));
  std::printf("p99_ms: %.3f\n", percentile(0.99));
  std::printf("max_ms: %.3f\n", all.empty() ? 0.0 : all.back());
  return calls.errors() > 0 ? 1 : 0;
}

}  // namespace
}  // namespace endeavour::load

int main(int argc, char** argv) { return endeavour::load::Main(argc, argv); }
