// Enum values as people read and type them: AREA_OF_NEED_SENSORY_AND_PHYSICAL is "sensory and
// physical" in a table and `sensory-and-physical` on the command line.
#ifndef ENDEAVOUR_CLIENTS_CLI_ENUM_NAMES_H_
#define ENDEAVOUR_CLIENTS_CLI_ENUM_NAMES_H_

#include <string>

#include "google/protobuf/descriptor.h"
#include "google/protobuf/generated_enum_reflection.h"

namespace endeavour::cli {

// What every value name of `type` begins with, up to and including its last '_' ("AREA_OF_NEED_").
std::string EnumPrefix(const google::protobuf::EnumDescriptor& type);

// "cognition-and-learning, sensory-and-physical, ..." (UNSPECIFIED left out).
std::string EnumChoices(const google::protobuf::EnumDescriptor& type);

// "cognition and learning"; "-" for 0 (unspecified); the number for a value the type lacks.
std::string EnumLabel(const google::protobuf::EnumDescriptor& type, int number);

template <typename Enum>
std::string Label(Enum value) {
  return EnumLabel(*google::protobuf::GetEnumDescriptor<Enum>(), static_cast<int>(value));
}

}  // namespace endeavour::cli

#endif  // ENDEAVOUR_CLIENTS_CLI_ENUM_NAMES_H_
