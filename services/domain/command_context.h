// What arrives with every command besides its content: the idempotency key and the school's date.
// Deciders are pure: they never read a clock or make an id; both come from here.
#ifndef ENDEAVOUR_SERVICES_DOMAIN_COMMAND_CONTEXT_H_
#define ENDEAVOUR_SERVICES_DOMAIN_COMMAND_CONTEXT_H_

#include <string>

#include "endeavour/v1/common.pb.h"

namespace endeavour::domain {

struct CommandContext {
  // The client's key for this command (a UUID). The events it decides get ids derived from it,
  // so a retried command appends nothing new.
  std::string command_id;
  // The school's date when the command was given: no event may claim to have happened after it.
  endeavour::v1::Date today;
};

}  // namespace endeavour::domain

#endif  // ENDEAVOUR_SERVICES_DOMAIN_COMMAND_CONTEXT_H_
