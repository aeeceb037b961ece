#include "clients/cli/config_file.h"

#include <cstdlib>
#include <filesystem>
#include <vector>

#include "absl/status/status.h"
#include "absl/strings/ascii.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_split.h"
#include "clients/cli/input_file.h"

namespace endeavour::cli {

absl::StatusOr<ClientConfig> ParseClientConfig(absl::string_view text, const std::string& source) {
  ClientConfig config;
  int line_number = 0;
  for (absl::string_view line : absl::StrSplit(text, '\n')) {
    ++line_number;
    line = absl::StripAsciiWhitespace(line);
    if (line.empty() || line[0] == '#') continue;
    const std::string where = absl::StrCat(source, ":", line_number);
    const size_t equals = line.find('=');
    if (equals == absl::string_view::npos) {
      return absl::InvalidArgumentError(
          absl::StrCat(where, ": expected `key = value` (keys: server, token, ca_cert)"));
    }
    const absl::string_view key = absl::StripAsciiWhitespace(line.substr(0, equals));
    absl::string_view value = line.substr(equals + 1);
    // A comment may follow the value after white space; no value (a host, a token, a path)
    // holds " #".
    if (const size_t comment = value.find_first_of("#"); comment != absl::string_view::npos &&
                                                         comment > 0 &&
                                                         absl::ascii_isspace(value[comment - 1])) {
      value = value.substr(0, comment);
    }
    value = absl::StripAsciiWhitespace(value);
    if (value.size() >= 2 && value.front() == '"' && value.back() == '"') {
      value = value.substr(1, value.size() - 2);
    }
    if (key == "server") {
      config.server = std::string(value);
    } else if (key == "token") {
      config.token = std::string(value);
    } else if (key == "ca_cert" || key == "ca-cert") {
      config.ca_cert = std::string(value);
    } else {
      return absl::InvalidArgumentError(absl::StrCat(where, ": unknown key \"", std::string(key),
                                                     "\" (keys: server, token, ca_cert)"));
    }
  }
  return config;
}

ConfigLocation LocateClientConfig(const std::string& flag_path) {
  if (!flag_path.empty()) return {flag_path, true};
  if (const char* env = std::getenv("ENDEAVOUR_CONFIG"); env != nullptr && *env != '\0') {
    return {env, true};
  }
  const char* home = std::getenv("HOME");
  if (home == nullptr || *home == '\0') return {"", false};
  return {absl::StrCat(home, "/.config/endeavour/config"), false};
}

absl::StatusOr<ClientConfig> LoadClientConfig(const ConfigLocation& location) {
  if (location.path.empty()) return ClientConfig{};
  if (!location.named) {
    std::error_code ignored;
    if (!std::filesystem::exists(location.path, ignored)) return ClientConfig{};
  }
  absl::StatusOr<std::string> text = ReadInputFile(location.path);
  if (!text.ok()) {
    return absl::Status(text.status().code(),
                        absl::StrCat("config file ", text.status().message()));
  }
  return ParseClientConfig(*text, location.path);
}

}  // namespace endeavour::cli
