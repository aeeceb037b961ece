#include "services/auth/access_policy.h"

#include <algorithm>
#include <cstdint>

#include "absl/strings/str_cat.h"
#include "services/auth/token_store.h"

namespace endeavour::auth {
namespace {

constexpr uint32_t Bit(v1::Role role) { return uint32_t{1} << static_cast<int>(role); }

constexpr uint32_t kSenco = Bit(v1::ROLE_SENCO);
constexpr uint32_t kTeacher = Bit(v1::ROLE_TEACHER);
constexpr uint32_t kLeader = Bit(v1::ROLE_LEADER);
constexpr uint32_t kGovernor = Bit(v1::ROLE_GOVERNOR);
constexpr uint32_t kLaOfficer = Bit(v1::ROLE_LA_OFFICER);
constexpr uint32_t kInspector = Bit(v1::ROLE_INSPECTOR);
constexpr uint32_t kFeed = Bit(v1::ROLE_FEED);
constexpr uint32_t kAdmin = Bit(v1::ROLE_ADMIN);

struct Rule {
  Operation op;
  const char* name;
  bool write;
  uint32_t roles;
};

// The matrix in access_policy.h, one row per Operation, in enum order.
constexpr Rule kRules[] = {
    {Operation::kRecordPupilFact, "record_pupil_fact", true, kSenco},
    {Operation::kLogIntervention, "log_intervention", true, kSenco | kTeacher},
    {Operation::kCorrectPupilRecord, "correct_pupil_record", true, kSenco},
    {Operation::kRecordSelfEvaluation, "record_self_evaluation", true, kSenco | kLeader},
    {Operation::kReadPlan, "read_plan", false, kSenco | kTeacher},
    {Operation::kReadHistory, "read_history", false, kSenco | kLaOfficer},
    {Operation::kReadSelfEvaluation, "read_self_evaluation", false, kSenco | kLeader | kGovernor},
    {Operation::kReadOverview, "read_overview", false, kSenco | kLeader | kGovernor},
    {Operation::kReadAsOf, "read_as_of", false, kSenco | kInspector},
    {Operation::kReadFeed, "read_feed", false, kFeed},
    {Operation::kReadAccessLog, "read_access_log", false, kSenco | kAdmin},
    {Operation::kVerify, "verify", false, kAdmin},
    {Operation::kReadAudit, "read_audit", false, kSenco | kLaOfficer | kInspector | kAdmin},
    {Operation::kManageTokens, "manage_tokens", true, kAdmin},
    {Operation::kReadEventProof, "read_event_proof", false, kSenco | kLaOfficer | kInspector},
};
static_assert(std::size(kRules) == std::size(kAllOperations));
static_assert([] {
  for (size_t i = 0; i < std::size(kRules); ++i) {
    if (static_cast<size_t>(kRules[i].op) != i || kAllOperations[i] != kRules[i].op) return false;
  }
  return true;
}());

const Rule* FindRule(Operation op) {
  const auto index = static_cast<size_t>(op);
  return index < std::size(kRules) ? &kRules[index] : nullptr;
}

// Roles that read other tenants' records, by grant, instead of acting on their own.
bool ReadsByGrant(v1::Role role) {
  return role == v1::ROLE_LA_OFFICER || role == v1::ROLE_INSPECTOR;
}

bool IsView(Operation op) {
  return op == Operation::kReadPlan || op == Operation::kReadHistory ||
         op == Operation::kReadSelfEvaluation || op == Operation::kReadOverview;
}

}  // namespace

bool Allows(v1::Role role, Operation op) {
  const Rule* rule = FindRule(op);
  if (rule == nullptr || role <= v1::ROLE_UNSPECIFIED || !v1::Role_IsValid(role)) return false;
  return (rule->roles & Bit(role)) != 0;
}

bool IsWrite(Operation op) {
  const Rule* rule = FindRule(op);
  return rule == nullptr || rule->write;  // an unknown operation is treated as the riskier kind
}

std::string OperationName(Operation op) {
  const Rule* rule = FindRule(op);
  if (rule == nullptr) return absl::StrCat("operation(", static_cast<int>(op), ")");
  return rule->name;
}

absl::Status CheckAccess(const Principal& principal, Operation op, const std::string& tenant) {
  const std::string who = absl::StrCat("role ", RoleName(principal.role), " may ");
  if (!Allows(principal.role, op)) {
    return absl::PermissionDeniedError(absl::StrCat(who, "not ", OperationName(op)));
  }
  if (!ReadsByGrant(principal.role)) {
    if (tenant.empty() || tenant != principal.tenant) {
      return absl::PermissionDeniedError(
          absl::StrCat(who, OperationName(op), " only for its own tenant"));
    }
    return absl::OkStatus();
  }
  if (IsWrite(op)) {
    return absl::PermissionDeniedError(
        absl::StrCat(who, "not ", OperationName(op), ": it only reads schools granted to it"));
  }
  const auto& granted = principal.granted_tenants;
  if (tenant.empty() || std::find(granted.begin(), granted.end(), tenant) == granted.end()) {
    return absl::PermissionDeniedError(
        absl::StrCat(who, OperationName(op), " only for the schools granted to it"));
  }
  return absl::OkStatus();
}

absl::Status CheckViewAccess(const Principal& principal, Operation view, bool as_of,
                             const std::string& tenant) {
  if (!as_of) return CheckAccess(principal, view, tenant);
  if (!IsView(view)) {
    return absl::PermissionDeniedError(
        absl::StrCat(OperationName(view), " has no as-of form; no role may ask for one"));
  }
  absl::Status as_of_status = CheckAccess(principal, Operation::kReadAsOf, tenant);
  if (as_of_status.ok() || view != Operation::kReadHistory) return as_of_status;
  // A history already shows every earlier state of the record, so its past is no secret to a
  // role that may read it now.
  if (CheckAccess(principal, Operation::kReadHistory, tenant).ok()) return absl::OkStatus();
  return as_of_status;
}

}  // namespace endeavour::auth
