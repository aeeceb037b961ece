#include "clients/cli/field_path.h"

#include <algorithm>
#include <string>
#include <vector>

#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "absl/strings/str_split.h"
#include "clients/cli/field_values.h"

namespace endeavour::cli {
namespace {

namespace pb = google::protobuf;

// One step of a path: a field name and, for a repeated field, maybe an index.
struct Step {
  std::string name;
  int index = -1;  // -1: none given
};

absl::StatusOr<std::vector<Step>> ParsePath(absl::string_view path) {
  std::vector<Step> steps;
  for (absl::string_view part : absl::StrSplit(path, '.')) {
    Step step;
    if (const size_t open = part.find('['); open != absl::string_view::npos) {
      const absl::string_view index = part.substr(open + 1, part.size() - open - 2);
      if (part.back() != ']' || !absl::SimpleAtoi(index, &step.index) || step.index < 0) {
        return absl::InvalidArgumentError(
            absl::StrCat("\"", std::string(part), "\": an index is written name[N] with N from 0"));
      }
      part = part.substr(0, open);
    }
    if (part.empty()) return absl::InvalidArgumentError("a field name is empty");
    step.name = std::string(part);
    steps.push_back(std::move(step));
  }
  return steps;
}

// The message that step `step` names inside `message`, created when the path first reaches it.
absl::StatusOr<pb::Message*> Descend(pb::Message& message, const pb::FieldDescriptor& field,
                                     const Step& step) {
  const pb::Reflection& r = *message.GetReflection();
  if (!field.is_repeated()) {
    if (step.index >= 0) return absl::InvalidArgumentError("is not a list: it takes no index");
    return r.MutableMessage(&message, &field);
  }
  const int size = r.FieldSize(message, &field);
  if (step.index < 0) {
    return absl::InvalidArgumentError(absl::StrCat("is a list of ", size, ": give an index, ",
                                                   step.name, "[0] to ", step.name, "[", size,
                                                   "] (", size, " adds one)"));
  }
  if (step.index > size) {
    return absl::InvalidArgumentError(absl::StrCat("has ", size, " entries: the index may be 0 to ",
                                                   size, " (", size, " adds one)"));
  }
  if (step.index == size) return r.AddMessage(&message, &field);
  return r.MutableRepeatedMessage(&message, &field, step.index);
}

absl::Status SetLeaf(pb::Message& message, const pb::FieldDescriptor& field, const Step& step,
                     absl::string_view value) {
  const bool message_valued = field.cpp_type() == pb::FieldDescriptor::CPPTYPE_MESSAGE &&
                              !IsScalarMessage(*field.message_type());
  if (message_valued) {
    return absl::InvalidArgumentError(
        absl::StrCat("is a ", field.message_type()->name(), ": set its fields, e.g. ", step.name,
                     field.is_repeated() ? "[0]" : "", ".", field.message_type()->field(0)->name(),
                     "=... (fields: ", FieldNames(*field.message_type()), ")"));
  }
  if (!field.is_repeated()) {
    if (step.index >= 0) return absl::InvalidArgumentError("is not a list: it takes no index");
    return SetFieldFromText(message, field, value);
  }
  const int size = message.GetReflection()->FieldSize(message, &field);
  if (step.index < 0 || step.index == size) return SetFieldFromText(message, field, value);
  if (step.index > size) {
    return absl::InvalidArgumentError(absl::StrCat("has ", size, " entries: the index may be 0 to ",
                                                   size, " (", size, " adds one)"));
  }
  return SetRepeatedFieldFromText(message, field, step.index, value);
}

}  // namespace

const google::protobuf::FieldDescriptor* FindFieldNamed(const google::protobuf::Descriptor& type,
                                                        absl::string_view name) {
  std::string snake(name);
  std::replace(snake.begin(), snake.end(), '-', '_');
  if (const pb::FieldDescriptor* field = type.FindFieldByName(snake); field != nullptr) {
    return field;
  }
  return type.FindFieldByCamelcaseName(std::string(name));
}

std::string FieldNames(const google::protobuf::Descriptor& type) {
  std::vector<std::string> names;
  for (int i = 0; i < type.field_count(); ++i) names.push_back(type.field(i)->name());
  return absl::StrJoin(names, ", ");
}

absl::Status ApplyFieldAssignment(google::protobuf::Message& message,
                                  absl::string_view assignment) {
  const size_t equals = assignment.find('=');
  if (equals == absl::string_view::npos) {
    return absl::InvalidArgumentError(absl::StrCat("--set \"", std::string(assignment),
                                                   "\": expected path=value, e.g. plan.cycle=2"));
  }
  const absl::string_view path = assignment.substr(0, equals);
  const absl::string_view value = assignment.substr(equals + 1);
  const std::string where = absl::StrCat("--set ", std::string(path));
  absl::StatusOr<std::vector<Step>> steps = ParsePath(path);
  if (!steps.ok())
    return absl::InvalidArgumentError(absl::StrCat(where, ": ", steps.status().message()));
  pb::Message* at = &message;
  std::string walked;
  for (size_t i = 0; i < steps->size(); ++i) {
    const Step& step = (*steps)[i];
    absl::StrAppend(&walked, walked.empty() ? "" : ".", step.name);
    const pb::FieldDescriptor* field = FindFieldNamed(*at->GetDescriptor(), step.name);
    if (field == nullptr) {
      return absl::InvalidArgumentError(absl::StrCat(
          where, ": no field \"", step.name, "\" in ", at->GetDescriptor()->full_name(),
          " (fields: ", FieldNames(*at->GetDescriptor()), ")"));
    }
    absl::Status done;
    if (i + 1 == steps->size()) {
      done = SetLeaf(*at, *field, step, value);
    } else if (field->cpp_type() != pb::FieldDescriptor::CPPTYPE_MESSAGE ||
               IsScalarMessage(*field->message_type())) {
      done = absl::InvalidArgumentError("is a single value: nothing is inside it");
    } else if (absl::StatusOr<pb::Message*> inner = Descend(*at, *field, step); inner.ok()) {
      at = *inner;
    } else {
      done = inner.status();
    }
    if (!done.ok()) {
      return absl::InvalidArgumentError(absl::StrCat("--set ", walked, ": ", done.message()));
    }
  }
  return absl::OkStatus();
}

}  // namespace endeavour::cli
