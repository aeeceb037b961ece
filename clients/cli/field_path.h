// `--set path=value`: one field of a command, named by a dotted path from the command message
// (plan.review_date, plan.outcomes[0].target_date, session.minutes). Field names are protobuf's
// (snake_case) or their JSON names (lowerCamelCase). A repeated field takes an index: an existing
// element is replaced, index == size appends; a repeated scalar without an index appends.
#ifndef ENDEAVOUR_CLIENTS_CLI_FIELD_PATH_H_
#define ENDEAVOUR_CLIENTS_CLI_FIELD_PATH_H_

#include "absl/status/status.h"
#include "absl/strings/string_view.h"
#include "google/protobuf/descriptor.h"
#include "google/protobuf/message.h"

namespace endeavour::cli {

// Applies one "path=value" to `message`. INVALID_ARGUMENT naming the path and why: no such field
// (listing the fields there are), an index out of range, a value that does not parse.
absl::Status ApplyFieldAssignment(google::protobuf::Message& message, absl::string_view assignment);

// The field of `type` called `name` (protobuf name, JSON name, or with '-' for '_'), or nullptr.
const google::protobuf::FieldDescriptor* FindFieldNamed(const google::protobuf::Descriptor& type,
                                                        absl::string_view name);

// "plan_id, cycle, agreed_on, ..." for messages that name the fields there are.
std::string FieldNames(const google::protobuf::Descriptor& type);

}  // namespace endeavour::cli

#endif  // ENDEAVOUR_CLIENTS_CLI_FIELD_PATH_H_
