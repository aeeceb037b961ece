// Who is calling: what a bearer token maps to. Built by TokenStore::Authenticate, judged by
// CheckAccess (access_policy.h), and copied into the Actor of the events the caller records.
#ifndef ENDEAVOUR_SERVICES_AUTH_PRINCIPAL_H_
#define ENDEAVOUR_SERVICES_AUTH_PRINCIPAL_H_

#include <string>
#include <vector>

#include "endeavour/v1/common.pb.h"

namespace endeavour::auth {

struct Principal {
  // A stable identifier for the person or service, for example "staff/1042".
  std::string actor_id;
  v1::Role role = v1::ROLE_UNSPECIFIED;
  // The tenant (school, local authority, inspectorate) the token was issued for.
  std::string tenant;
  // For la_officer and inspector only: the schools they may read. Empty for every other role.
  // Their own tenant is not implied: only the schools listed here.
  std::vector<std::string> granted_tenants;
};

}  // namespace endeavour::auth

#endif  // ENDEAVOUR_SERVICES_AUTH_PRINCIPAL_H_
