#include "clients/cli/command_request.h"

#include <cstdio>
#include <random>

#include "absl/status/status.h"
#include "absl/strings/str_cat.h"
#include "clients/cli/command_document.h"
#include "clients/cli/field_path.h"
#include "clients/cli/field_values.h"
#include "clients/cli/input_file.h"
#include "endeavour/v1/api.pb.h"

namespace endeavour::cli {
namespace {

namespace pb = google::protobuf;

const pb::FieldDescriptor* CommandField(const pb::Descriptor& request) {
  const pb::FieldDescriptor* field = request.FindFieldByName("command");
  if (field == nullptr || field->is_repeated() ||
      field->cpp_type() != pb::FieldDescriptor::CPPTYPE_MESSAGE) {
    return nullptr;
  }
  return field;
}

const pb::FieldDescriptor* HeaderField(const pb::Descriptor& request) {
  const pb::FieldDescriptor* field = request.FindFieldByName("header");
  if (field == nullptr || field->message_type() != v1::CommandHeader::descriptor()) return nullptr;
  return field;
}

// register-pupil carries the pupil id twice (the request's and the fact's): the positional
// argument fills the fact's when the user left it out.
void FillFactPupilId(pb::Message& command, const std::string& pupil_id) {
  if (command.GetDescriptor()->field_count() == 0) return;
  const pb::FieldDescriptor* fact_field = command.GetDescriptor()->field(0);
  if (fact_field->cpp_type() != pb::FieldDescriptor::CPPTYPE_MESSAGE || fact_field->is_repeated()) {
    return;
  }
  pb::Message* fact = command.GetReflection()->MutableMessage(&command, fact_field);
  const pb::FieldDescriptor* id = fact->GetDescriptor()->FindFieldByName("pupil_id");
  if (id == nullptr || id->type() != pb::FieldDescriptor::TYPE_STRING || id->is_repeated()) return;
  if (fact->GetReflection()->GetString(*fact, id).empty()) {
    fact->GetReflection()->SetString(fact, id, pupil_id);
  }
}

absl::Status FillHeader(const CommandInput& input, v1::CommandHeader& header) {
  header.set_command_id(input.command_id.empty() ? NewCommandId() : input.command_id);
  if (!input.today.empty()) {
    absl::StatusOr<v1::Date> today = ParseDate(input.today);
    if (!today.ok()) {
      return absl::InvalidArgumentError(absl::StrCat("--today: ", today.status().message()));
    }
    *header.mutable_today() = *today;
  }
  header.set_correlation_id(input.correlation_id);
  return absl::OkStatus();
}

}  // namespace

bool IsCommandMethod(const google::protobuf::MethodDescriptor& method) {
  return !method.client_streaming() && !method.server_streaming() &&
         CommandField(*method.input_type()) != nullptr &&
         HeaderField(*method.input_type()) != nullptr;
}

bool TakesPupilId(const google::protobuf::MethodDescriptor& method) {
  const pb::FieldDescriptor* field = method.input_type()->FindFieldByName("pupil_id");
  return field != nullptr && field->type() == pb::FieldDescriptor::TYPE_STRING;
}

absl::StatusOr<std::unique_ptr<google::protobuf::Message>> BuildCommandRequest(
    const google::protobuf::MethodDescriptor& method, const CommandInput& input) {
  const pb::Descriptor& type = *method.input_type();
  std::unique_ptr<pb::Message> request(
      pb::MessageFactory::generated_factory()->GetPrototype(&type)->New());
  const pb::Reflection& r = *request->GetReflection();
  pb::Message& command = *r.MutableMessage(request.get(), CommandField(type));
  if (!input.file.empty()) {
    absl::StatusOr<std::string> text = ReadInputFile(input.file);
    if (!text.ok()) {
      return absl::Status(text.status().code(), absl::StrCat("--file ", text.status().message()));
    }
    const std::string source = input.file == "-" ? "standard input" : input.file;
    if (absl::Status s = ParseCommandDocument(*text, source, command); !s.ok()) return s;
  }
  for (const std::string& assignment : input.sets) {
    if (absl::Status s = ApplyFieldAssignment(command, assignment); !s.ok()) return s;
  }
  if (TakesPupilId(method)) {
    r.SetString(request.get(), type.FindFieldByName("pupil_id"), input.pupil_id);
    FillFactPupilId(command, input.pupil_id);
  }
  auto& header =
      static_cast<v1::CommandHeader&>(*r.MutableMessage(request.get(), HeaderField(type)));
  if (absl::Status s = FillHeader(input, header); !s.ok()) return s;
  return request;
}

std::string NewCommandId() {
  std::random_device device;
  unsigned char bytes[16];
  for (unsigned char& b : bytes) b = static_cast<unsigned char>(device());
  bytes[6] = (bytes[6] & 0x0f) | 0x40;  // version 4
  bytes[8] = (bytes[8] & 0x3f) | 0x80;  // RFC 4122 variant
  char text[37];
  std::snprintf(text, sizeof(text),
                "%02x%02x%02x%02x-%02x%02x-%02x%02x-%02x%02x-%02x%02x%02x%02x%02x%02x", bytes[0],
                bytes[1], bytes[2], bytes[3], bytes[4], bytes[5], bytes[6], bytes[7], bytes[8],
                bytes[9], bytes[10], bytes[11], bytes[12], bytes[13], bytes[14], bytes[15]);
  return text;
}

}  // namespace endeavour::cli
