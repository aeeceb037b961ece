// Text to protobuf values, by field type: what `--set path=value`, `--as-of` and the YAML command
// files share. Dates are YYYY-MM-DD; enums take their full name
// (AREA_OF_NEED_SENSORY_AND_PHYSICAL), the name without the type's prefix in any case, with '-' or
// '_' (sensory-and-physical), or the number; times are RFC 3339 (2026-09-01T12:00:00Z).
#ifndef ENDEAVOUR_CLIENTS_CLI_FIELD_VALUES_H_
#define ENDEAVOUR_CLIENTS_CLI_FIELD_VALUES_H_

#include <string>

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"
#include "endeavour/v1/common.pb.h"
#include "google/protobuf/descriptor.h"
#include "google/protobuf/message.h"
#include "google/protobuf/timestamp.pb.h"

namespace endeavour::cli {

// A real calendar date written YYYY-MM-DD.
absl::StatusOr<v1::Date> ParseDate(absl::string_view text);
absl::StatusOr<google::protobuf::Timestamp> ParseTimestamp(absl::string_view text);
absl::StatusOr<const google::protobuf::EnumValueDescriptor*> ParseEnumValue(
    const google::protobuf::EnumDescriptor& type, absl::string_view text);

// The message types given as one scalar: endeavour.v1.Date and google.protobuf.Timestamp.
bool IsScalarMessage(const google::protobuf::Descriptor& type);

// Sets `field` of `message` (appends, for a repeated field) from `text`, parsed by the field's
// type. INVALID_ARGUMENT saying why the text does not fit; the caller names the field.
absl::Status SetFieldFromText(google::protobuf::Message& message,
                              const google::protobuf::FieldDescriptor& field,
                              absl::string_view text);

// Replaces element `index` of the repeated `field` (scalar or scalar message) with `text`.
absl::Status SetRepeatedFieldFromText(google::protobuf::Message& message,
                                      const google::protobuf::FieldDescriptor& field, int index,
                                      absl::string_view text);

// "date YYYY-MM-DD", "integer", "one of: ..." for error messages and help.
std::string DescribeFieldType(const google::protobuf::FieldDescriptor& field);

}  // namespace endeavour::cli

#endif  // ENDEAVOUR_CLIENTS_CLI_FIELD_VALUES_H_
