#include "clients/cli/enum_names.h"

#include <algorithm>
#include <vector>

#include "absl/strings/ascii.h"
#include "absl/strings/match.h"
#include "absl/strings/str_join.h"

namespace endeavour::cli {

std::string EnumPrefix(const google::protobuf::EnumDescriptor& type) {
  if (type.value_count() < 2) return "";
  std::string prefix = type.value(0)->name();
  for (int i = 1; i < type.value_count(); ++i) {
    const std::string& name = type.value(i)->name();
    size_t n = 0;
    while (n < prefix.size() && n < name.size() && prefix[n] == name[n]) ++n;
    prefix.resize(n);
  }
  const size_t last = prefix.rfind('_');
  return last == std::string::npos ? "" : prefix.substr(0, last + 1);
}

std::string EnumChoices(const google::protobuf::EnumDescriptor& type) {
  const std::string prefix = EnumPrefix(type);
  std::vector<std::string> names;
  for (int i = 0; i < type.value_count(); ++i) {
    if (type.value(i)->number() == 0) continue;
    std::string name = absl::AsciiStrToLower(type.value(i)->name().substr(prefix.size()));
    std::replace(name.begin(), name.end(), '_', '-');
    names.push_back(name);
  }
  return absl::StrJoin(names, ", ");
}

std::string EnumLabel(const google::protobuf::EnumDescriptor& type, int number) {
  if (number == 0) return "-";
  const google::protobuf::EnumValueDescriptor* value = type.FindValueByNumber(number);
  if (value == nullptr) return std::to_string(number);
  std::string name = absl::AsciiStrToLower(value->name().substr(EnumPrefix(type).size()));
  std::replace(name.begin(), name.end(), '_', ' ');
  return name;
}

}  // namespace endeavour::cli
