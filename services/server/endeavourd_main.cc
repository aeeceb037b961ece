// endeavourd: the Endeavour server. Opens the embedded RocksDB store, keeps the views current,
// and serves the gRPC API (api.proto) to callers with a bearer token.
//
//   endeavourd [--listen HOST:PORT] [--data DIR] [--tokens FILE] [--config FILE] ...
//   endeavourd token add --tokens FILE --tenant T --role R --actor A [--grant T1,T2]
//   endeavourd key (--data DIR | --signing-key FILE)
//
// Tree heads are signed with an Ed25519 key (DATA/signing-key.pem, created with mode 0600 on
// first start, or --signing-key) every --sign-interval-seconds when the log has grown, and kept
// in DATA/signed-tree-heads (services/audit/).
//
// Flags win over the config file (INI/TOML, keys named like the long flags). SIGTERM or SIGINT
// shuts down gracefully: no new calls, in-flight calls finish (up to a grace period), then the
// views and the store close cleanly.
#include <grpcpp/ext/proto_server_reflection_plugin.h>
#include <grpcpp/grpcpp.h>
#include <grpcpp/health_check_service_interface.h>
#include <signal.h>

#include <CLI/CLI.hpp>
#include <cstdio>
#include <fstream>
#include <iostream>
#include <memory>
#include <sstream>
#include <string>
#include <thread>
#include <vector>

#include "absl/strings/str_split.h"
#include "absl/synchronization/mutex.h"
#include "absl/synchronization/notification.h"
#include "eventstore/rocksdb_event_store.h"
#include "eventstore/thread_name.h"
#include "projections/views.h"
#include "services/audit/signed_tree_head_log.h"
#include "services/audit/signing_key.h"
#include "services/audit/tree_head_signer.h"
#include "services/auth/token_store.h"
#include "services/server/audit_service.h"
#include "services/server/event_stream_service.h"
#include "services/server/metrics.h"
#include "services/server/pupil_record_service.h"
#include "services/server/query_service.h"
#include "services/server/request_log.h"
#include "services/server/self_evaluation_service.h"

namespace endeavour::server {
namespace {

struct ServeFlags {
  std::string listen = "127.0.0.1:50051";
  std::string data = "data";
  std::string tokens;  // default: <data>/tokens
  std::string tls_cert;
  std::string tls_key;
  std::string metrics;      // empty: no metrics endpoint
  std::string signing_key;  // default: <data>/signing-key.pem, created if missing
  int sign_interval_seconds = 60;
  int max_message_bytes = 4 << 20;
  int max_threads = 256;
  int grace_seconds = 10;
};

absl::StatusOr<std::string> ReadFile(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return absl::NotFoundError(absl::StrCat(path, ": cannot be read"));
  std::stringstream contents;
  contents << in.rdbuf();
  return contents.str();
}

int Serve(const ServeFlags& flags) {
  const std::string tokens_path = flags.tokens.empty() ? flags.data + "/tokens" : flags.tokens;
  absl::StatusOr<auth::TokenStore> tokens = auth::TokenStore::Load(tokens_path);
  if (!tokens.ok()) {
    std::fprintf(stderr,
                 "endeavourd: %s\n(create a token with: endeavourd token add --tokens %s "
                 "--tenant SCHOOL --role senco --actor YOU)\n",
                 std::string(tokens.status().message()).c_str(), tokens_path.c_str());
    return 1;
  }
  absl::StatusOr<std::unique_ptr<eventstore::RocksDbEventStore>> store =
      eventstore::RocksDbEventStore::Open(flags.data);
  if (!store.ok()) {
    std::fprintf(stderr, "endeavourd: opening the store in %s: %s\n", flags.data.c_str(),
                 std::string(store.status().message()).c_str());
    return 1;
  }
  absl::StatusOr<std::unique_ptr<projections::Views>> views =
      projections::Views::Start(**store, (*store)->ProjectionState());
  if (!views.ok()) {
    std::fprintf(stderr, "endeavourd: starting the views: %s\n",
                 std::string(views.status().message()).c_str());
    return 1;
  }

  // The key and the heads after the store: its lock keeps a second server off the same folder.
  absl::StatusOr<audit::SigningKey> key =
      flags.signing_key.empty() ? audit::SigningKey::LoadOrCreate(flags.data + "/signing-key.pem")
                                : audit::SigningKey::Load(flags.signing_key);
  if (!key.ok()) {
    std::fprintf(stderr, "endeavourd: %s\n", std::string(key.status().message()).c_str());
    return 1;
  }
  absl::StatusOr<std::unique_ptr<audit::SignedTreeHeadLog>> heads =
      audit::SignedTreeHeadLog::Open(flags.data + "/signed-tree-heads");
  if (!heads.ok()) {
    std::fprintf(stderr, "endeavourd: %s\n", std::string(heads.status().message()).c_str());
    return 1;
  }
  audit::TreeHeadSigner signer(**store, *key, **heads);

  AccessLog access_log(**store);
  PupilRecordServiceImpl pupil_service(**store, *tokens);
  SelfEvaluationServiceImpl school_service(**store, *tokens);
  QueryServiceImpl query_service(**views, *tokens, access_log);
  EventStreamServiceImpl feed_service(**store, *tokens, access_log);
  AuditServiceImpl audit_service(**store, (*store)->Proofs(), *tokens, access_log, signer);

  std::shared_ptr<grpc::ServerCredentials> credentials = grpc::InsecureServerCredentials();
  if (!flags.tls_cert.empty() || !flags.tls_key.empty()) {
    absl::StatusOr<std::string> cert = ReadFile(flags.tls_cert);
    absl::StatusOr<std::string> key = ReadFile(flags.tls_key);
    if (!cert.ok() || !key.ok()) {
      std::fprintf(stderr, "endeavourd: --tls-cert and --tls-key must both name readable files\n");
      return 1;
    }
    grpc::SslServerCredentialsOptions ssl;
    ssl.pem_key_cert_pairs.push_back({*key, *cert});
    credentials = grpc::SslServerCredentials(ssl);
  }

  grpc::EnableDefaultHealthCheckService(true);
  grpc::reflection::InitProtoReflectionServerBuilderPlugin();
  grpc::ServerBuilder builder;
  int port = 0;
  builder.AddListeningPort(flags.listen, credentials, &port);
  builder.SetMaxReceiveMessageSize(flags.max_message_bytes);
  builder.SetMaxSendMessageSize(64 << 20);
  grpc::ResourceQuota quota("endeavourd");
  quota.SetMaxThreads(flags.max_threads);
  builder.SetResourceQuota(quota);
  // A sync server thread that finishes a call stops if more than MAX_POLLERS threads are polling.
  // The default (2) makes every call under concurrency start and stop a thread: on two cores with
  // 64 clients, lifting it doubled appends per second (5,100 to 10,200). The quota still bounds
  // the threads.
  builder.SetSyncServerOption(grpc::ServerBuilder::SyncServerOption::MAX_POLLERS,
                              flags.max_threads);
  builder.AddChannelArgument(GRPC_ARG_KEEPALIVE_TIME_MS, 60000);
  builder.AddChannelArgument(GRPC_ARG_KEEPALIVE_TIMEOUT_MS, 20000);
  builder.AddChannelArgument(GRPC_ARG_HTTP2_MIN_RECV_PING_INTERVAL_WITHOUT_DATA_MS, 10000);
  builder.RegisterService(&pupil_service);
  builder.RegisterService(&school_service);
  builder.RegisterService(&query_service);
  builder.RegisterService(&feed_service);
  builder.RegisterService(&audit_service);
  std::unique_ptr<ServerMetrics> metrics;
  if (!flags.metrics.empty()) {
    absl::StatusOr<std::unique_ptr<ServerMetrics>> started = ServerMetrics::Start(flags.metrics);
    if (!started.ok()) {
      std::fprintf(stderr, "endeavourd: %s\n", std::string(started.status().message()).c_str());
      return 1;
    }
    metrics = *std::move(started);
  }
  std::vector<std::unique_ptr<grpc::experimental::ServerInterceptorFactoryInterface>> interceptors;
  interceptors.push_back(std::make_unique<RequestLogFactory>(*tokens, stderr, metrics.get()));
  builder.experimental().SetInterceptorCreators(std::move(interceptors));
  std::unique_ptr<grpc::Server> server = builder.BuildAndStart();
  if (server == nullptr || port == 0) {
    std::fprintf(stderr, "endeavourd: cannot listen on %s\n", flags.listen.c_str());
    return 1;
  }
  // The address with the port actually bound (":0" asks for any free port): scripts and tests
  // read this line.
  const std::string host = flags.listen.substr(0, flags.listen.rfind(':'));
  std::printf("endeavourd: listening on %s:%d, data in %s, log head %llu\n", host.c_str(), port,
              flags.data.c_str(), static_cast<unsigned long long>((*store)->HeadPosition()));
  std::printf("endeavourd: signing tree heads every %d s with key %s\n",
              flags.sign_interval_seconds, key->key_id().c_str());
  std::fflush(stdout);
  auto periodic_signing = std::make_unique<audit::PeriodicSigning>(
      signer, absl::Seconds(flags.sign_interval_seconds), [](const absl::Status& status) {
        std::fprintf(stderr, "endeavourd: signing a tree head: %s\n",
                     std::string(status.message()).c_str());
      });

  // The store's and views' figures, sampled once a second while the server runs.
  absl::Notification stop_sampling;
  std::thread sampler;
  if (metrics != nullptr) {
    const std::string metrics_host = flags.metrics.substr(0, flags.metrics.rfind(':'));
    std::printf("endeavourd: metrics on http://%s:%d/metrics\n", metrics_host.c_str(),
                metrics->port());
    std::fflush(stdout);
    sampler = std::thread([&] {
      eventstore::NameThisThread("metrics");
      do {
        metrics->Sample(**store, **views, feed_service.subscriptions());
      } while (!stop_sampling.WaitForNotificationWithTimeout(absl::Seconds(1)));
    });
  }

  sigset_t signals;
  sigemptyset(&signals);
  sigaddset(&signals, SIGTERM);
  sigaddset(&signals, SIGINT);
  int signal = 0;
  sigwait(&signals, &signal);
  stop_sampling.Notify();
  if (sampler.joinable()) sampler.join();
  std::printf("endeavourd: %s: shutting down\n", signal == SIGTERM ? "SIGTERM" : "SIGINT");
  std::fflush(stdout);
  // Subscriptions never end by themselves: close them first, then let calls in flight (appends
  // among them) finish.
  feed_service.Shutdown();
  server->Shutdown(std::chrono::system_clock::now() + std::chrono::seconds(flags.grace_seconds));
  server->Wait();
  periodic_signing.reset();
  views->reset();
  store->reset();
  return 0;
}

int AddToken(const std::string& tokens_path, const std::string& tenant, const std::string& role,
             const std::string& actor, const std::string& grants) {
  std::optional<v1::Role> parsed = auth::ParseRole(role);
  if (!parsed.has_value()) {
    std::fprintf(stderr,
                 "endeavourd token add: --role \"%s\" is not one of senco, teacher, leader, "
                 "governor, la_officer, inspector, feed, admin\n",
                 role.c_str());
    return 2;
  }
  std::vector<std::string> granted;
  if (!grants.empty()) granted = absl::StrSplit(grants, ',');
  absl::StatusOr<std::string> token =
      auth::TokenStore::AddToken(tokens_path, tenant, *parsed, actor, granted);
  if (!token.ok()) {
    std::fprintf(stderr, "endeavourd token add: %s\n",
                 std::string(token.status().message()).c_str());
    return 1;
  }
  // The token alone on standard output, once: it is not kept anywhere but in the caller's hands.
  std::printf("%s\n", token->c_str());
  return 0;
}

// Prints the public key and its id, creating nothing.
int PrintKey(const std::string& data, const std::string& key_path) {
  const std::string path = key_path.empty() ? data + "/signing-key.pem" : key_path;
  absl::StatusOr<audit::SigningKey> key = audit::SigningKey::Load(path);
  if (!key.ok()) {
    std::fprintf(stderr, "endeavourd key: %s%s\n", std::string(key.status().message()).c_str(),
                 absl::IsNotFound(key.status()) ? " (endeavourd creates one on first start)" : "");
    return 1;
  }
  std::printf("%skey id: %s\n", key->public_key().pem().c_str(), key->key_id().c_str());
  return 0;
}

int Main(int argc, char** argv) {
  // Debian builds Abseil without NDEBUG, which leaves Mutex deadlock detection on: a stack trace
  // and a graph update on every lock, about 2% of the server's CPU under load. Tests keep it.
  absl::SetMutexDeadlockDetectionMode(absl::OnDeadlockCycle::kIgnore);
  // Signals are taken by sigwait in Serve; block them before any thread starts.
  sigset_t signals;
  sigemptyset(&signals);
  sigaddset(&signals, SIGTERM);
  sigaddset(&signals, SIGINT);
  pthread_sigmask(SIG_BLOCK, &signals, nullptr);

  CLI::App app{"endeavourd: the Endeavour evidence ledger server"};
  app.set_config("--config", "", "Read flags from this INI/TOML file (flags given win)");
  ServeFlags flags;
  app.add_option("--listen", flags.listen, "Address to serve gRPC on (HOST:PORT; port 0: any)")
      ->capture_default_str();
  app.add_option("--data", flags.data, "Folder of the embedded RocksDB store")
      ->capture_default_str();
  app.add_option("--tokens", flags.tokens, "Token file (default: DATA/tokens)");
  app.add_option("--metrics", flags.metrics,
                 "Serve Prometheus metrics on HOST:PORT at /metrics (default: off)");
  app.add_option("--signing-key", flags.signing_key,
                 "Ed25519 private key (PKCS#8 PEM, mode 0600) that signs tree heads (default: "
                 "DATA/signing-key.pem, created on first start)");
  app.add_option("--sign-interval-seconds", flags.sign_interval_seconds,
                 "Sign a tree head this often when the log has grown")
      ->capture_default_str()
      ->check(CLI::Range(1, 86400));
  app.add_option("--tls-cert", flags.tls_cert, "PEM certificate chain: serve TLS");
  app.add_option("--tls-key", flags.tls_key, "PEM private key for --tls-cert");
  app.add_option("--max-message-bytes", flags.max_message_bytes,
                 "Largest request accepted; larger get RESOURCE_EXHAUSTED")
      ->capture_default_str()
      ->check(CLI::Range(1024, 64 << 20));
  app.add_option("--max-threads", flags.max_threads, "Most threads serving calls at once")
      ->capture_default_str()
      ->check(CLI::Range(2, 4096));
  app.add_option("--grace-seconds", flags.grace_seconds,
                 "On SIGTERM, how long in-flight calls may take to finish")
      ->capture_default_str()
      ->check(CLI::Range(0, 3600));

  CLI::App* token = app.add_subcommand("token", "Manage bearer tokens")->require_subcommand(1);
  CLI::App* add = token->add_subcommand(
      "add", "Add a token and print it (once) on standard output; the file keeps only its hash");
  std::string tokens_path, tenant, role, actor, grants;
  add->add_option("--tokens", tokens_path, "Token file (created with mode 0600)")->required();
  add->add_option("--tenant", tenant, "The school the token acts for")->required();
  add->add_option("--role", role,
                  "senco, teacher, leader, governor, la_officer, inspector, feed or admin")
      ->required();
  add->add_option("--actor", actor, "Who uses the token, e.g. staff/1042")->required();
  add->add_option("--grant", grants, "Comma-separated schools an la_officer or inspector may read");
  add->footer(
      "Example: endeavourd token add --tokens data/tokens --tenant school-1 --role senco "
      "--actor staff/1042");
  CLI::App* key = app.add_subcommand(
      "key", "Print the public key that signs tree heads, and its key id (creates nothing)");
  std::string key_data = "data", key_path;
  key->add_option("--data", key_data, "Data folder whose signing-key.pem to read")
      ->capture_default_str();
  key->add_option("--signing-key", key_path, "The private key file, instead of DATA's");
  key->footer("Example: endeavourd key --data /var/lib/endeavour");
  app.footer("Example: endeavourd --listen 127.0.0.1:50051 --data /var/lib/endeavour");

  CLI11_PARSE(app, argc, argv);
  if (add->parsed()) return AddToken(tokens_path, tenant, role, actor, grants);
  if (key->parsed()) return PrintKey(key_data, key_path);
  return Serve(flags);
}

}  // namespace
}  // namespace endeavour::server

int main(int argc, char** argv) { return endeavour::server::Main(argc, argv); }
