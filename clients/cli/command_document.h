// A command written as a document: YAML, or JSON (which YAML reads too), shaped like the command
// message with protobuf's field names (snake_case or lowerCamelCase). The document is read with
// the message's descriptor in hand, so dates may be written 2025-11-26, enums by their short names
// (cognition-and-learning) and mistakes are reported by path (plan.outcomes[1].target_date); it is
// then turned into protobuf JSON and parsed with JsonStringToMessage.
//
// A correction (endeavour.v1.RecordCorrected) may give the corrected event as a document too:
// `corrected_event: {...}` beside `corrected_event_type`, instead of serialized bytes in
// `corrected_payload`.
#ifndef ENDEAVOUR_CLIENTS_CLI_COMMAND_DOCUMENT_H_
#define ENDEAVOUR_CLIENTS_CLI_COMMAND_DOCUMENT_H_

#include <string>

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"
#include "google/protobuf/descriptor.h"
#include "google/protobuf/message.h"

namespace endeavour::cli {

// The document `text` (from `source`, named in errors) as protobuf JSON for `type`.
// INVALID_ARGUMENT naming the source, the line or the field path, and the reason.
absl::StatusOr<std::string> CommandDocumentToJson(absl::string_view text, const std::string& source,
                                                  const google::protobuf::Descriptor& type);

// Merges the document into `message`.
absl::Status ParseCommandDocument(absl::string_view text, const std::string& source,
                                  google::protobuf::Message& message);

}  // namespace endeavour::cli

#endif  // ENDEAVOUR_CLIENTS_CLI_COMMAND_DOCUMENT_H_
