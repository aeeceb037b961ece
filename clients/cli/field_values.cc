#include "clients/cli/field_values.h"

#include <algorithm>
#include <cstdint>
#include <vector>

#include "absl/strings/ascii.h"
#include "absl/strings/escaping.h"
#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "absl/time/civil_time.h"
#include "absl/time/time.h"
#include "clients/cli/enum_names.h"

namespace endeavour::cli {
namespace {

namespace pb = google::protobuf;
using pb::FieldDescriptor;

absl::Status NotA(absl::string_view what, absl::string_view text) {
  return absl::InvalidArgumentError(
      absl::StrCat("\"", std::string(text), "\" is not ", std::string(what)));
}

template <typename T>
absl::StatusOr<T> ParseInteger(absl::string_view text, absl::string_view what) {
  T value;
  if (!absl::SimpleAtoi(absl::StripAsciiWhitespace(text), &value)) return NotA(what, text);
  return value;
}

absl::StatusOr<bool> ParseBool(absl::string_view text) {
  const std::string lower = absl::AsciiStrToLower(absl::StripAsciiWhitespace(text));
  if (lower == "true" || lower == "yes" || lower == "1") return true;
  if (lower == "false" || lower == "no" || lower == "0") return false;
  return NotA("true or false", text);
}

// Sets a scalar message (Date, Timestamp) from text into `target`.
absl::Status ParseScalarMessage(absl::string_view text, pb::Message& target) {
  const std::string& type = target.GetDescriptor()->full_name();
  if (type == v1::Date::descriptor()->full_name()) {
    absl::StatusOr<v1::Date> date = ParseDate(text);
    if (!date.ok()) return date.status();
    target.CopyFrom(*date);
    return absl::OkStatus();
  }
  absl::StatusOr<pb::Timestamp> time = ParseTimestamp(text);
  if (!time.ok()) return time.status();
  target.CopyFrom(*time);
  return absl::OkStatus();
}

// Sets `field` from `text`: at `index` of a repeated field, appended when index is -1, or the
// singular field.
absl::Status Apply(pb::Message& message, const FieldDescriptor& field, int index,
                   absl::string_view text) {
  const pb::Reflection& r = *message.GetReflection();
  const bool repeated = field.is_repeated();
  const bool add = repeated && index < 0;
#define ENDEAVOUR_SET(Type, value)                       \
  if (add) {                                             \
    r.Add##Type(&message, &field, value);                \
  } else if (repeated) {                                 \
    r.SetRepeated##Type(&message, &field, index, value); \
  } else {                                               \
    r.Set##Type(&message, &field, value);                \
  }
  switch (field.cpp_type()) {
    case FieldDescriptor::CPPTYPE_INT32: {
      absl::StatusOr<int32_t> v = ParseInteger<int32_t>(text, "a whole number (32-bit)");
      if (!v.ok()) return v.status();
      ENDEAVOUR_SET(Int32, *v);
      break;
    }
    case FieldDescriptor::CPPTYPE_INT64: {
      absl::StatusOr<int64_t> v = ParseInteger<int64_t>(text, "a whole number");
      if (!v.ok()) return v.status();
      ENDEAVOUR_SET(Int64, *v);
      break;
    }
    case FieldDescriptor::CPPTYPE_UINT32: {
      absl::StatusOr<uint32_t> v = ParseInteger<uint32_t>(text, "a whole number from 0");
      if (!v.ok()) return v.status();
      ENDEAVOUR_SET(UInt32, *v);
      break;
    }
    case FieldDescriptor::CPPTYPE_UINT64: {
      absl::StatusOr<uint64_t> v = ParseInteger<uint64_t>(text, "a whole number from 0");
      if (!v.ok()) return v.status();
      ENDEAVOUR_SET(UInt64, *v);
      break;
    }
    case FieldDescriptor::CPPTYPE_DOUBLE:
    case FieldDescriptor::CPPTYPE_FLOAT: {
      double v;
      if (!absl::SimpleAtod(absl::StripAsciiWhitespace(text), &v)) return NotA("a number", text);
      if (field.cpp_type() == FieldDescriptor::CPPTYPE_FLOAT) {
        ENDEAVOUR_SET(Float, static_cast<float>(v));
      } else {
        ENDEAVOUR_SET(Double, v);
      }
      break;
    }
    case FieldDescriptor::CPPTYPE_BOOL: {
      absl::StatusOr<bool> v = ParseBool(text);
      if (!v.ok()) return v.status();
      ENDEAVOUR_SET(Bool, *v);
      break;
    }
    case FieldDescriptor::CPPTYPE_ENUM: {
      absl::StatusOr<const pb::EnumValueDescriptor*> v = ParseEnumValue(*field.enum_type(), text);
      if (!v.ok()) return v.status();
      ENDEAVOUR_SET(Enum, *v);
      break;
    }
    case FieldDescriptor::CPPTYPE_STRING: {
      std::string v(text);
      if (field.type() == FieldDescriptor::TYPE_BYTES && !absl::Base64Unescape(text, &v)) {
        return NotA("base64", text);
      }
      ENDEAVOUR_SET(String, v);
      break;
    }
    case FieldDescriptor::CPPTYPE_MESSAGE: {
      if (!IsScalarMessage(*field.message_type())) {
        return absl::InvalidArgumentError(
            absl::StrCat("is a ", field.message_type()->full_name(),
                         ": set one of its fields (path.field=value)"));
      }
      pb::Message* target = add        ? r.AddMessage(&message, &field)
                            : repeated ? r.MutableRepeatedMessage(&message, &field, index)
                                       : r.MutableMessage(&message, &field);
      absl::Status parsed = ParseScalarMessage(text, *target);
      if (!parsed.ok() && add) r.RemoveLast(&message, &field);
      return parsed;
    }
  }
#undef ENDEAVOUR_SET
  return absl::OkStatus();
}

}  // namespace

absl::StatusOr<v1::Date> ParseDate(absl::string_view text) {
  text = absl::StripAsciiWhitespace(text);
  absl::CivilDay day;
  // ParseCivilTime accepts exactly YYYY-MM-DD; normalising would turn 2025-02-30 into March.
  if (text.size() != 10 || !absl::ParseCivilTime(text, &day) ||
      absl::FormatCivilTime(day) != text) {
    return absl::InvalidArgumentError(
        absl::StrCat("\"", std::string(text), "\" is not a date YYYY-MM-DD"));
  }
  v1::Date date;
  date.set_year(static_cast<int32_t>(day.year()));
  date.set_month(day.month());
  date.set_day(day.day());
  return date;
}

absl::StatusOr<google::protobuf::Timestamp> ParseTimestamp(absl::string_view text) {
  absl::Time time;
  std::string error;
  if (!absl::ParseTime(absl::RFC3339_full, std::string(absl::StripAsciiWhitespace(text)), &time,
                       &error)) {
    return absl::InvalidArgumentError(absl::StrCat(
        "\"", std::string(text), "\" is not an RFC 3339 time (2026-09-01T12:00:00Z): ", error));
  }
  google::protobuf::Timestamp timestamp;
  timestamp.set_seconds(absl::ToUnixSeconds(time));
  timestamp.set_nanos(static_cast<int32_t>(
      absl::ToInt64Nanoseconds(time - absl::FromUnixSeconds(timestamp.seconds()))));
  return timestamp;
}

absl::StatusOr<const google::protobuf::EnumValueDescriptor*> ParseEnumValue(
    const google::protobuf::EnumDescriptor& type, absl::string_view text) {
  std::string wanted = absl::AsciiStrToUpper(absl::StripAsciiWhitespace(text));
  std::replace(wanted.begin(), wanted.end(), '-', '_');
  std::replace(wanted.begin(), wanted.end(), ' ', '_');
  const std::string prefix = EnumPrefix(type);
  for (const std::string& name : {wanted, prefix + wanted}) {
    if (const pb::EnumValueDescriptor* value = type.FindValueByName(name); value != nullptr) {
      return value;
    }
  }
  if (int number; absl::SimpleAtoi(wanted, &number)) {
    if (const pb::EnumValueDescriptor* value = type.FindValueByNumber(number); value != nullptr) {
      return value;
    }
  }
  return absl::InvalidArgumentError(
      absl::StrCat("\"", std::string(text), "\" is not one of ", EnumChoices(type)));
}

bool IsScalarMessage(const google::protobuf::Descriptor& type) {
  return &type == v1::Date::descriptor() || &type == pb::Timestamp::descriptor();
}

absl::Status SetFieldFromText(google::protobuf::Message& message,
                              const google::protobuf::FieldDescriptor& field,
                              absl::string_view text) {
  return Apply(message, field, -1, text);
}

absl::Status SetRepeatedFieldFromText(google::protobuf::Message& message,
                                      const google::protobuf::FieldDescriptor& field, int index,
                                      absl::string_view text) {
  return Apply(message, field, index, text);
}

std::string DescribeFieldType(const google::protobuf::FieldDescriptor& field) {
  switch (field.cpp_type()) {
    case FieldDescriptor::CPPTYPE_INT32:
    case FieldDescriptor::CPPTYPE_INT64:
    case FieldDescriptor::CPPTYPE_UINT32:
    case FieldDescriptor::CPPTYPE_UINT64:
      return "a whole number";
    case FieldDescriptor::CPPTYPE_DOUBLE:
    case FieldDescriptor::CPPTYPE_FLOAT:
      return "a number";
    case FieldDescriptor::CPPTYPE_BOOL:
      return "true or false";
    case FieldDescriptor::CPPTYPE_ENUM:
      return absl::StrCat("one of ", EnumChoices(*field.enum_type()));
    case FieldDescriptor::CPPTYPE_STRING:
      return field.type() == FieldDescriptor::TYPE_BYTES ? "base64" : "text";
    case FieldDescriptor::CPPTYPE_MESSAGE:
      if (field.message_type() == v1::Date::descriptor()) return "a date YYYY-MM-DD";
      if (field.message_type() == pb::Timestamp::descriptor()) return "an RFC 3339 time";
      return absl::StrCat("a ", field.message_type()->full_name());
  }
  return "a value";
}

}  // namespace endeavour::cli
