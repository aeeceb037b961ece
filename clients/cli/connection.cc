#include <chrono>
#include <cstdlib>
#include <string>
#include <utility>

#include "absl/status/status.h"
#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/strip.h"
#include "absl/time/clock.h"
#include "clients/cli/cli.h"
#include "clients/cli/config_file.h"
#include "clients/cli/input_file.h"

namespace endeavour::cli {
namespace {

std::string FromEnvironment(const char* name) {
  const char* value = std::getenv(name);
  return value == nullptr ? "" : value;
}

// Fills each setting the flags left empty from the environment, then from the config file, which
// is read only when something is still missing.
absl::StatusOr<ClientConfig> Resolve(const Globals& globals, ConfigLocation* location) {
  ClientConfig settings{globals.server, globals.token, globals.ca_cert};
  if (settings.server.empty()) settings.server = FromEnvironment("ENDEAVOUR_SERVER");
  if (settings.token.empty()) settings.token = FromEnvironment("ENDEAVOUR_TOKEN");
  *location = LocateClientConfig(globals.config_path);
  if (!settings.server.empty() && !settings.token.empty()) return settings;
  absl::StatusOr<ClientConfig> file = LoadClientConfig(*location);
  if (!file.ok()) return file.status();
  if (settings.server.empty()) settings.server = file->server;
  if (settings.token.empty()) settings.token = file->token;
  if (settings.ca_cert.empty()) settings.ca_cert = file->ca_cert;
  return settings;
}

std::string WhereToPut(const std::string& flag, const std::string& env, const std::string& key,
                       const ConfigLocation& location) {
  return absl::StrCat("give ", flag, ", set ", env, ", or put `", key, "` in ",
                      location.path.empty() ? "a config file (--config)" : location.path);
}

}  // namespace

absl::StatusOr<Connection> Connection::Open(const Globals& globals) {
  ConfigLocation location;
  absl::StatusOr<ClientConfig> settings = Resolve(globals, &location);
  if (!settings.ok()) return settings.status();
  if (settings->server.empty()) {
    return absl::InvalidArgumentError(absl::StrCat(
        "no server configured: ",
        WhereToPut("--server HOST:PORT", "ENDEAVOUR_SERVER", "server = HOST:PORT", location)));
  }
  if (settings->token.empty()) {
    return absl::InvalidArgumentError(
        absl::StrCat("no token configured: ",
                     WhereToPut("--token TOKEN", "ENDEAVOUR_TOKEN", "token = TOKEN", location)));
  }
  absl::string_view address = settings->server;
  const bool tls =
      absl::ConsumePrefix(&address, "https://") || absl::ConsumePrefix(&address, "tls://");
  if (!tls) absl::ConsumePrefix(&address, "http://");
  if (address.empty()) {
    return absl::InvalidArgumentError(
        absl::StrCat("--server \"", settings->server, "\": no HOST:PORT"));
  }
  std::shared_ptr<grpc::ChannelCredentials> credentials;
  if (tls) {
    grpc::SslCredentialsOptions options;
    if (!settings->ca_cert.empty()) {
      absl::StatusOr<std::string> pem = ReadInputFile(settings->ca_cert);
      if (!pem.ok()) {
        return absl::Status(pem.status().code(),
                            absl::StrCat("--ca-cert ", pem.status().message()));
      }
      options.pem_root_certs = *std::move(pem);
    }
    credentials = grpc::SslCredentials(options);
  } else {
    credentials = grpc::InsecureChannelCredentials();
  }
  grpc::ChannelArguments arguments;
  arguments.SetUserAgentPrefix("endeavour-cli");
  Connection connection;
  connection.server_ = std::string(address);
  connection.token_ = settings->token;
  connection.channel_ = grpc::CreateCustomChannel(connection.server_, credentials, arguments);
  return connection;
}

std::unique_ptr<grpc::ClientContext> Connection::NewContext(absl::Duration timeout) const {
  auto context = std::make_unique<grpc::ClientContext>();
  context->AddMetadata("authorization", absl::StrCat("Bearer ", token_));
  context->set_deadline(absl::ToChronoTime(absl::Now() + timeout));
  return context;
}

}  // namespace endeavour::cli
