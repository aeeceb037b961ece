// Closed sets of events as std::variant of protobuf messages, and their way in and out of an
// envelope: the stable type name ("endeavour.v1.ReviewHeld") and the serialized payload.
#ifndef ENDEAVOUR_SERVICES_DOMAIN_EVENT_VARIANT_H_
#define ENDEAVOUR_SERVICES_DOMAIN_EVENT_VARIANT_H_

#include <optional>
#include <string>
#include <utility>
#include <variant>

#include "absl/status/statusor.h"
#include "absl/strings/str_cat.h"

namespace endeavour::domain {

// The stable type name of whichever event `event` holds.
template <typename Variant>
std::string EventTypeName(const Variant& event) {
  return std::visit([](const auto& e) { return e.GetDescriptor()->full_name(); }, event);
}

template <typename Variant>
std::string SerializeEvent(const Variant& event) {
  return std::visit([](const auto& e) { return e.SerializeAsString(); }, event);
}

// Parses a payload of type `type_name` into the alternative of that name. INVALID_ARGUMENT for a
// type that is not in the set, DATA_LOSS for bytes that do not parse.
template <typename Variant>
absl::StatusOr<Variant> ParseEvent(const std::string& type_name, const std::string& payload) {
  // Folding a stream parses every payload: build the error only when no alternative matches.
  std::optional<absl::StatusOr<Variant>> result;
  auto try_one = [&]<typename Alternative>() {
    if (result.has_value() || Alternative::descriptor()->full_name() != type_name) return;
    Alternative message;
    if (message.ParseFromString(payload)) {
      result.emplace(Variant(std::move(message)));
    } else {
      result.emplace(
          absl::DataLossError(absl::StrCat("payload of ", type_name, " does not parse")));
    }
  };
  [&]<size_t... I>(std::index_sequence<I...>) {
    (try_one.template operator()<std::variant_alternative_t<I, Variant>>(), ...);
  }
  (std::make_index_sequence<std::variant_size_v<Variant>>());
  if (!result.has_value()) {
    return absl::InvalidArgumentError(
        absl::StrCat("event_type: \"", type_name, "\" is not known here"));
  }
  return *std::move(result);
}

}  // namespace endeavour::domain

#endif  // ENDEAVOUR_SERVICES_DOMAIN_EVENT_VARIANT_H_
