#include "clients/cli/command_document.h"

#include <yaml-cpp/yaml.h>

#include <cmath>
#include <memory>
#include <set>

#include "absl/strings/ascii.h"
#include "absl/strings/escaping.h"
#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "clients/cli/field_path.h"
#include "clients/cli/field_values.h"
#include "clients/cli/json_text.h"
#include "endeavour/v1/pupil_events.pb.h"
#include "google/protobuf/util/json_util.h"

namespace endeavour::cli {
namespace {

namespace pb = google::protobuf;
using pb::FieldDescriptor;

absl::Status At(const std::string& path, absl::string_view why) {
  return absl::InvalidArgumentError(
      absl::StrCat(path.empty() ? "the document" : path, ": ", std::string(why)));
}

class JsonWriter {
 public:
  absl::Status Message(const YAML::Node& node, const pb::Descriptor& type, const std::string& path);
  std::string Take() { return std::move(out_); }

 private:
  absl::Status Field(const YAML::Node& node, const FieldDescriptor& field, const std::string& path);
  absl::Status Value(const YAML::Node& node, const FieldDescriptor& field, const std::string& path);
  absl::Status Scalar(const std::string& text, const FieldDescriptor& field,
                      const std::string& path);
  absl::Status CorrectedEvent(const YAML::Node& map, const YAML::Node& event,
                              const std::string& path);

  std::string out_;
};

absl::Status JsonWriter::Message(const YAML::Node& node, const pb::Descriptor& type,
                                 const std::string& path) {
  if (node.IsNull()) {
    out_ += "{}";
    return absl::OkStatus();
  }
  if (!node.IsMap()) {
    return At(path, absl::StrCat("must be a mapping of ", type.full_name(), " fields (",
                                 FieldNames(type), ")"));
  }
  out_ += "{";
  bool first = true;
  std::set<const FieldDescriptor*> seen;
  for (const auto& entry : node) {
    if (!entry.first.IsScalar()) return At(path, "a key is not a field name");
    const std::string& key = entry.first.Scalar();
    const std::string here = path.empty() ? key : absl::StrCat(path, ".", key);
    if (entry.second.IsNull()) continue;
    if (&type == v1::RecordCorrected::descriptor() &&
        (key == "corrected_event" || key == "correctedEvent")) {
      if (!first) out_ += ",";
      first = false;
      if (absl::Status s = CorrectedEvent(node, entry.second, here); !s.ok()) return s;
      continue;
    }
    const FieldDescriptor* field = FindFieldNamed(type, key);
    if (field == nullptr) {
      return At(here, absl::StrCat("no such field in ", type.full_name(),
                                   " (fields: ", FieldNames(type), ")"));
    }
    if (!seen.insert(field).second) return At(here, "given twice");
    if (!first) out_ += ",";
    first = false;
    AppendJsonString(field->json_name(), &out_);
    out_ += ":";
    if (absl::Status s = Field(entry.second, *field, here); !s.ok()) return s;
  }
  out_ += "}";
  return absl::OkStatus();
}

absl::Status JsonWriter::Field(const YAML::Node& node, const FieldDescriptor& field,
                               const std::string& path) {
  if (!field.is_repeated()) return Value(node, field, path);
  if (!node.IsSequence()) return At(path, "must be a list");
  out_ += "[";
  for (size_t i = 0; i < node.size(); ++i) {
    if (i > 0) out_ += ",";
    if (absl::Status s = Value(node[i], field, absl::StrCat(path, "[", i, "]")); !s.ok()) {
      return s;
    }
  }
  out_ += "]";
  return absl::OkStatus();
}

absl::Status JsonWriter::Value(const YAML::Node& node, const FieldDescriptor& field,
                               const std::string& path) {
  if (field.cpp_type() == FieldDescriptor::CPPTYPE_MESSAGE) {
    const pb::Descriptor& type = *field.message_type();
    if (&type == v1::Date::descriptor() && node.IsScalar()) {
      absl::StatusOr<v1::Date> date = ParseDate(node.Scalar());
      if (!date.ok()) return At(path, date.status().message());
      absl::StrAppend(&out_, "{\"year\":", date->year(), ",\"month\":", date->month(),
                      ",\"day\":", date->day(), "}");
      return absl::OkStatus();
    }
    // A date or time may also be written out as its message ({year: 2025, month: 11, ...}).
    if (IsScalarMessage(type) && node.IsScalar()) return Scalar(node.Scalar(), field, path);
    if (IsScalarMessage(type) && !node.IsMap()) {
      return At(path, absl::StrCat("must be ", DescribeFieldType(field)));
    }
    return Message(node, type, path);
  }
  if (!node.IsScalar()) return At(path, absl::StrCat("must be ", DescribeFieldType(field)));
  return Scalar(node.Scalar(), field, path);
}

// Each scalar is checked here, against the field's type, so that an error names the path.
absl::Status JsonWriter::Scalar(const std::string& text, const FieldDescriptor& field,
                                const std::string& path) {
  switch (field.cpp_type()) {
    case FieldDescriptor::CPPTYPE_INT32:
    case FieldDescriptor::CPPTYPE_INT64:
    case FieldDescriptor::CPPTYPE_UINT32:
    case FieldDescriptor::CPPTYPE_UINT64:
    case FieldDescriptor::CPPTYPE_DOUBLE:
    case FieldDescriptor::CPPTYPE_FLOAT:
    case FieldDescriptor::CPPTYPE_BOOL: {
      // Parsed into a scratch message with the --set parser, then printed back as JSON.
      std::unique_ptr<pb::Message> scratch(
          pb::MessageFactory::generated_factory()->GetPrototype(field.containing_type())->New());
      if (absl::Status s = SetFieldFromText(*scratch, field, text); !s.ok()) {
        return At(path, s.message());
      }
      const pb::Reflection& r = *scratch->GetReflection();
      const bool repeated = field.is_repeated();
      switch (field.cpp_type()) {
        case FieldDescriptor::CPPTYPE_INT32:
          absl::StrAppend(&out_, repeated ? r.GetRepeatedInt32(*scratch, &field, 0)
                                          : r.GetInt32(*scratch, &field));
          break;
        case FieldDescriptor::CPPTYPE_INT64:
          absl::StrAppend(
              &out_, "\"",
              repeated ? r.GetRepeatedInt64(*scratch, &field, 0) : r.GetInt64(*scratch, &field),
              "\"");
          break;
        case FieldDescriptor::CPPTYPE_UINT32:
          absl::StrAppend(&out_, repeated ? r.GetRepeatedUInt32(*scratch, &field, 0)
                                          : r.GetUInt32(*scratch, &field));
          break;
        case FieldDescriptor::CPPTYPE_UINT64:
          absl::StrAppend(
              &out_, "\"",
              repeated ? r.GetRepeatedUInt64(*scratch, &field, 0) : r.GetUInt64(*scratch, &field),
              "\"");
          break;
        case FieldDescriptor::CPPTYPE_BOOL:
          absl::StrAppend(&out_, (repeated ? r.GetRepeatedBool(*scratch, &field, 0)
                                           : r.GetBool(*scratch, &field))
                                     ? "true"
                                     : "false");
          break;
        default: {
          double v;
          if (!absl::SimpleAtod(text, &v) || !std::isfinite(v)) {
            return At(path, absl::StrCat("\"", text, "\" is not a finite number"));
          }
          absl::StrAppend(&out_, v);
        }
      }
      return absl::OkStatus();
    }
    case FieldDescriptor::CPPTYPE_ENUM: {
      absl::StatusOr<const pb::EnumValueDescriptor*> value =
          ParseEnumValue(*field.enum_type(), text);
      if (!value.ok()) return At(path, value.status().message());
      AppendJsonString((*value)->name(), &out_);
      return absl::OkStatus();
    }
    case FieldDescriptor::CPPTYPE_MESSAGE:
      if (field.message_type() == pb::Timestamp::descriptor()) {
        if (absl::StatusOr<pb::Timestamp> t = ParseTimestamp(text); !t.ok()) {
          return At(path, t.status().message());
        }
      }
      AppendJsonString(text, &out_);
      return absl::OkStatus();
    case FieldDescriptor::CPPTYPE_STRING:
      if (field.type() == FieldDescriptor::TYPE_BYTES) {
        std::string ignored;
        if (!absl::Base64Unescape(text, &ignored)) return At(path, "is not base64");
      }
      AppendJsonString(text, &out_);
      return absl::OkStatus();
  }
  return absl::OkStatus();
}

// corrected_event: the corrected fact as a document of the type corrected_event_type names,
// serialized into corrected_payload.
absl::Status JsonWriter::CorrectedEvent(const YAML::Node& map, const YAML::Node& event,
                                        const std::string& path) {
  YAML::Node type_name = map["corrected_event_type"];
  if (!type_name) type_name = map["correctedEventType"];
  if (!type_name || !type_name.IsScalar()) {
    return At(path,
              "needs corrected_event_type beside it (e.g. endeavour.v1.InterventionDelivered)");
  }
  if (map["corrected_payload"] || map["correctedPayload"]) {
    return At(path, "give corrected_event or corrected_payload, not both");
  }
  const pb::Descriptor* type =
      pb::DescriptorPool::generated_pool()->FindMessageTypeByName(type_name.Scalar());
  if (type == nullptr) {
    return At(path, absl::StrCat("corrected_event_type \"", type_name.Scalar(),
                                 "\" is not a message type of endeavour.v1"));
  }
  JsonWriter inner;
  if (absl::Status s = inner.Message(event, *type, path); !s.ok()) return s;
  std::unique_ptr<pb::Message> message(
      pb::MessageFactory::generated_factory()->GetPrototype(type)->New());
  if (auto parsed = pb::util::JsonStringToMessage(inner.Take(), message.get()); !parsed.ok()) {
    return At(path, parsed.message().as_string());
  }
  out_ += "\"correctedPayload\":";
  AppendJsonString(absl::Base64Escape(message->SerializeAsString()), &out_);
  return absl::OkStatus();
}

}  // namespace

absl::StatusOr<std::string> CommandDocumentToJson(absl::string_view text, const std::string& source,
                                                  const google::protobuf::Descriptor& type) {
  YAML::Node root;
  try {
    root = YAML::Load(std::string(text));
  } catch (const YAML::Exception& e) {
    return absl::InvalidArgumentError(absl::StrCat(
        source, ":", e.mark.line + 1, ":", e.mark.column + 1, ": not YAML or JSON: ", e.msg));
  }
  JsonWriter writer;
  absl::Status written;
  // yaml-cpp throws on a malformed node it is asked about (a bad alias, say).
  try {
    written = writer.Message(root, type, "");
  } catch (const YAML::Exception& e) {
    written = absl::InvalidArgumentError(e.what());
  }
  if (!written.ok()) {
    return absl::InvalidArgumentError(absl::StrCat(source, ": ", written.message()));
  }
  return writer.Take();
}

absl::Status ParseCommandDocument(absl::string_view text, const std::string& source,
                                  google::protobuf::Message& message) {
  absl::StatusOr<std::string> json = CommandDocumentToJson(text, source, *message.GetDescriptor());
  if (!json.ok()) return json.status();
  pb::util::JsonParseOptions options;
  if (auto parsed = pb::util::JsonStringToMessage(*json, &message, options); !parsed.ok()) {
    return absl::InvalidArgumentError(absl::StrCat(source, ": ", parsed.message().as_string()));
  }
  return absl::OkStatus();
}

}  // namespace endeavour::cli
