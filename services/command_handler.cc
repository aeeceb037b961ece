#include "services/command_handler.h"

#include "absl/strings/ascii.h"

namespace endeavour::services {

absl::Status ValidateCommandId(const std::string& command_id) {
  if (command_id.empty()) {
    return absl::InvalidArgumentError("command_id: every command needs an idempotency key");
  }
  if (command_id.size() > 100) {
    return absl::InvalidArgumentError(
        absl::StrCat("command_id: ", command_id.size(), " characters, more than the limit of 100"));
  }
  for (char c : command_id) {
    if (!absl::ascii_isalnum(static_cast<unsigned char>(c)) && c != '-' && c != '_' && c != '.' &&
        c != ':') {
      return absl::InvalidArgumentError(
          "command_id: may hold only letters, digits and - _ . : (a UUID is best)");
    }
  }
  return absl::OkStatus();
}

std::string DecidedEventId(const std::string& command_id, size_t index) {
  return absl::StrCat(command_id, ".", index);
}

}  // namespace endeavour::services
