// Closed sets of events as std::variant of protobuf messages, and their way in and out of an
// envelope: the stable type name ("endeavour.v1.ReviewHeld") and the serialized payload.
#ifndef ENDEAVOUR_SERVICES_DOMAIN_EVENT_VARIANT_H_
#define ENDEAVOUR_SERVICES_DOMAIN_EVENT_VARIANT_H_

#include <array>
#include <string>
#include <utility>
#include <variant>

#include "absl/status/statusor.h"
#include "absl/strings/str_cat.h"
#include "google/protobuf/descriptor.h"

namespace endeavour::domain {

// The stable type name of whichever event `event` holds.
template <typename Variant>
std::string EventTypeName(const Variant& event) {
  return std::visit([](const auto& e) { return e.GetDescriptor()->full_name(); }, event);
}

// The descriptor of whichever event `event` holds; it lives as long as the program.
template <typename Variant>
const google::protobuf::Descriptor* EventDescriptor(const Variant& event) {
  return std::visit([](const auto& e) { return e.GetDescriptor(); }, event);
}

template <typename Variant>
std::string SerializeEvent(const Variant& event) {
  return std::visit([](const auto& e) { return e.SerializeAsString(); }, event);
}

// Parses a payload of type `type_name` into the alternative of that name. INVALID_ARGUMENT for a
// type that is not in the set, DATA_LOSS for bytes that do not parse.
template <typename Variant>
absl::StatusOr<Variant> ParseEvent(const std::string& type_name, const std::string& payload) {
  // Folding a stream parses every payload: the names are looked up once per program, and the
  // error is built only when no alternative matches.
  constexpr size_t kAlternatives = std::variant_size_v<Variant>;
  static const std::array<const std::string*, kAlternatives> kNames =
      []<size_t... I>(std::index_sequence<I...>) {
    return std::array<const std::string*, kAlternatives>{
        &std::variant_alternative_t<I, Variant>::descriptor()->full_name()...};
  }
  (std::make_index_sequence<kAlternatives>());
  absl::StatusOr<Variant> result;
  size_t index = 0;
  while (index < kAlternatives && *kNames[index] != type_name) ++index;
  if (index == kAlternatives) {
    result = absl::InvalidArgumentError(
        absl::StrCat("event_type: \"", type_name, "\" is not known here"));
    return result;
  }
  // Parsed in place: a message moved is a message built and swapped.
  auto parse = [&]<typename Alternative>() {
    result.emplace(std::in_place_type<Alternative>);
    if (!std::get<Alternative>(*result).ParseFromString(payload)) {
      result = absl::DataLossError(absl::StrCat("payload of ", type_name, " does not parse"));
    }
  };
  [&]<size_t... I>(std::index_sequence<I...>) {
    ((index == I ? parse.template operator()<std::variant_alternative_t<I, Variant>>() : void()),
     ...);
  }
  (std::make_index_sequence<kAlternatives>());
  return result;
}

}  // namespace endeavour::domain

#endif  // ENDEAVOUR_SERVICES_DOMAIN_EVENT_VARIANT_H_
