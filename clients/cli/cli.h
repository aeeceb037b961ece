// The `endeavour` command-line client: what its subcommand groups share. Each group adds its
// subcommands to the app (records and queries, reports, the demo school); the action of the
// subcommand that ran sets Globals::exit_code, one of the distinct codes below, so scripts can tell
// a refusal from a conflict from a server that is down.
#ifndef ENDEAVOUR_CLIENTS_CLI_CLI_H_
#define ENDEAVOUR_CLIENTS_CLI_CLI_H_

#include <grpcpp/grpcpp.h>

#include <CLI/CLI.hpp>
#include <memory>
#include <string>

#include "absl/status/statusor.h"
#include "absl/time/time.h"

namespace endeavour::cli {

enum ExitCode : int {
  kExitOk = 0,
  kExitFailed = 1,       // anything not below (a local file unreadable, the server's INTERNAL)
  kExitUsage = 2,        // bad flags or arguments, no server or token configured
  kExitNotFound = 3,     // NOT_FOUND
  kExitRefused = 4,      // UNAUTHENTICATED, PERMISSION_DENIED
  kExitConflict = 5,     // ABORTED (a concurrent change), ALREADY_EXISTS
  kExitUnavailable = 6,  // UNAVAILABLE, DEADLINE_EXCEEDED: the server cannot be reached in time
  kExitRejected = 7,     // INVALID_ARGUMENT, FAILED_PRECONDITION, OUT_OF_RANGE: the server said no
  kExitNotVerified = 8,  // verify-pack: the evidence pack does not check
};

ExitCode ExitCodeFor(grpc::StatusCode code);

// Prints "endeavour: <what>: <CODE>: <server's message>" on standard error (the message names the
// field and the rule) and returns the exit code for the status.
int ReportFailure(const std::string& what, const grpc::Status& status);

enum class OutputFormat { kTable, kJson };

// Set from the global flags; Connection::Open fills what they leave empty from the environment
// (ENDEAVOUR_SERVER, ENDEAVOUR_TOKEN) and then the config file.
struct Globals {
  std::string server;       // HOST:PORT; https://HOST:PORT (or tls://) for TLS
  std::string token;        // bearer token
  std::string ca_cert;      // PEM file to trust for TLS; empty: the system's roots
  std::string config_path;  // empty: $ENDEAVOUR_CONFIG, else ~/.config/endeavour/config
  OutputFormat output = OutputFormat::kTable;
  int exit_code = kExitOk;  // set by the subcommand that ran
};

class Connection {
 public:
  // INVALID_ARGUMENT (exit kExitUsage) naming what is missing when no server or token is
  // configured anywhere.
  static absl::StatusOr<Connection> Open(const Globals& globals);

  // A context carrying the bearer token, with a deadline `timeout` from now.
  std::unique_ptr<grpc::ClientContext> NewContext(absl::Duration timeout = absl::Seconds(30)) const;
  const std::shared_ptr<grpc::Channel>& channel() const { return channel_; }
  const std::string& server() const { return server_; }

 private:
  std::shared_ptr<grpc::Channel> channel_;
  std::string server_;
  std::string token_;
};

// The subcommand groups. Each adds subcommands whose actions use `globals` when they run.
void AddRecordCommands(CLI::App& app, Globals& globals);    // commands, queries, tail (clients/cli)
void AddReportCommands(CLI::App& app, Globals& globals);    // report ... (clients/report)
void AddDemoCommands(CLI::App& app, Globals& globals);      // demo seed (clients/demo)
void AddEvidenceCommands(CLI::App& app, Globals& globals);  // evidence packs (clients/evidence)

}  // namespace endeavour::cli

#endif  // ENDEAVOUR_CLIENTS_CLI_CLI_H_
