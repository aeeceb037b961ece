// The client's config file: where `endeavour` finds its server and token when neither a flag nor
// the environment gives them. One `key = value` per line; keys `server`, `token`, `ca_cert`;
// blank lines, lines starting with '#' and a '#' comment after a value (and a space) are ignored;
// a value may be wrapped in double quotes.
// Keep it mode 0600: it holds a bearer token.
#ifndef ENDEAVOUR_CLIENTS_CLI_CONFIG_FILE_H_
#define ENDEAVOUR_CLIENTS_CLI_CONFIG_FILE_H_

#include <string>

#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"

namespace endeavour::cli {

struct ClientConfig {
  std::string server;
  std::string token;
  std::string ca_cert;
};

// INVALID_ARGUMENT naming `source`, the line and the reason for a line that is not
// `key = value` with a known key.
absl::StatusOr<ClientConfig> ParseClientConfig(absl::string_view text, const std::string& source);

// The file named by --config, else $ENDEAVOUR_CONFIG, else ~/.config/endeavour/config, and
// whether the user named it (a named file must exist; the default one may be absent).
struct ConfigLocation {
  std::string path;
  bool named = false;
};
ConfigLocation LocateClientConfig(const std::string& flag_path);

// The config at `location`; empty when the default file does not exist.
absl::StatusOr<ClientConfig> LoadClientConfig(const ConfigLocation& location);

}  // namespace endeavour::cli

#endif  // ENDEAVOUR_CLIENTS_CLI_CONFIG_FILE_H_
