// JSON text as the CLI writes it: strings escaped by hand (the YAML reader builds JSON piece by
// piece) and whole messages in protobuf's JSON mapping.
#ifndef ENDEAVOUR_CLIENTS_CLI_JSON_TEXT_H_
#define ENDEAVOUR_CLIENTS_CLI_JSON_TEXT_H_

#include <string>

#include "absl/strings/string_view.h"
#include "google/protobuf/message.h"

namespace endeavour::cli {

// Appends `text` as a quoted JSON string.
void AppendJsonString(absl::string_view text, std::string* out);

// `message` in protobuf's JSON mapping (lowerCamelCase names, unset fields left out): indented,
// or on one line for JSON lines. Ends with a newline.
std::string MessageToJson(const google::protobuf::Message& message, bool one_line = false);

}  // namespace endeavour::cli

#endif  // ENDEAVOUR_CLIENTS_CLI_JSON_TEXT_H_
