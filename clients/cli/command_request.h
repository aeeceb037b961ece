// A command request built from the command line: the request message of a command RPC
// (PupilRecordService, SelfEvaluationService), filled from --file, then each --set, then the
// header (command id, today, correlation id) and the pupil id.
#ifndef ENDEAVOUR_CLIENTS_CLI_COMMAND_REQUEST_H_
#define ENDEAVOUR_CLIENTS_CLI_COMMAND_REQUEST_H_

#include <memory>
#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "google/protobuf/descriptor.h"
#include "google/protobuf/message.h"

namespace endeavour::cli {

struct CommandInput {
  std::string pupil_id;           // for requests with a pupil_id field
  std::string file;               // YAML or JSON of the `command` field; "-" standard input
  std::vector<std::string> sets;  // "path=value", applied in order after the file
  std::string command_id;         // empty: a fresh random UUID
  std::string today;              // YYYY-MM-DD, or empty: the server's date
  std::string correlation_id;
};

// Whether `method` is a command RPC this builder understands: its request has a CommandHeader
// `header` and a message `command`.
bool IsCommandMethod(const google::protobuf::MethodDescriptor& method);

// Whether the request names a pupil (a `pupil_id` field).
bool TakesPupilId(const google::protobuf::MethodDescriptor& method);

// The request for `method`. INVALID_ARGUMENT naming the flag, path or line at fault; NOT_FOUND
// when --file cannot be read. The command's fact gets the pupil id when it has an empty
// `pupil_id` of its own (register-pupil).
absl::StatusOr<std::unique_ptr<google::protobuf::Message>> BuildCommandRequest(
    const google::protobuf::MethodDescriptor& method, const CommandInput& input);

// A random (version 4) UUID.
std::string NewCommandId();

}  // namespace endeavour::cli

#endif  // ENDEAVOUR_CLIENTS_CLI_COMMAND_REQUEST_H_
