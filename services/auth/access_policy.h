// Who may do what: the role matrix, as data. gRPC methods ("/endeavour.v1.<Service>/<Method>")
// are mapped to an Operation by the server; this file decides which roles may perform each
// Operation and on which tenant's records.
//
// | operation              |senco|teacher|leader|governor|la_officer|inspector|feed|admin|
// |------------------------|-----|-------|------|--------|----------|---------|----|-----|
// | record_pupil_fact      |  x  |       |      |        |          |         |    |     |
// | log_intervention       |  x  |   x   |      |        |          |         |    |     |
// | correct_pupil_record   |  x  |       |      |        |          |         |    |     |
// | record_self_evaluation |  x  |       |  x   |        |          |         |    |     |
// | read_plan              |  x  |   x   |      |        |          |         |    |     |
// | read_history           |  x  |       |      |        |    g     |         |    |     |
// | read_self_evaluation   |  x  |       |  x   |   x    |          |         |    |     |
// | read_overview          |  x  |       |  x   |   x    |          |         |    |     |
// | read_as_of             |  x  |       |      |        |          |    g    |    |     |
// | read_feed              |     |       |      |        |          |         | x  |     |
// | read_access_log        |  x  |       |      |        |          |         |    |  x  |
// | verify                 |     |       |      |        |          |         |    |  x  |
// | read_audit             |  x  |       |      |        |    g     |    g    |    |  x  |
// | manage_tokens          |     |       |      |        |          |         |    |  x  |
// | read_event_proof       |  x  |       |      |        |    g     |    g    |    |     |
//
// x: for the principal's own tenant only. g: for the tenants granted to the principal only (the
// la_officer's or inspector's own tenant is not implied), and only ever for reads.
//
// As-of reads. A query with an as-of point is allowed when CheckViewAccess says so: with
// read_as_of, any view as of any point (senco; inspector for granted schools); without it, only
// a history as of a point, and only for a role that may read that history now (la_officer), since
// a history already shows every earlier state of the record. Teachers, leaders and governors see
// views as they stand, not as they stood.
//
// Audit. read_audit covers what carries nothing of any child: the tree head, signed tree heads,
// the signing key and consistency proofs, and asking for a head to be signed now (which records
// nothing in the log: it only attests to the log as it stands). The heads cover the whole log,
// but a granted role still names a school granted to it, so a token with no grant reads nothing.
// read_event_proof returns one event's stored bytes with its inclusion proof: the server further
// refuses any event that is not a pupil or school record of the school checked here, so the
// access log and other schools' events are never handed out; admin, who reads the access log
// and verifies the log, does not read pupils' events.
#ifndef ENDEAVOUR_SERVICES_AUTH_ACCESS_POLICY_H_
#define ENDEAVOUR_SERVICES_AUTH_ACCESS_POLICY_H_

#include <string>

#include "absl/status/status.h"
#include "endeavour/v1/common.pb.h"
#include "services/auth/principal.h"

namespace endeavour::auth {

// Kinds of operation. Append only; the server keeps a table from gRPC method name to Operation.
enum class Operation {
  kRecordPupilFact,       // register, identify need, agree/adjust plan, reviews, advice, transfers
  kLogIntervention,       // log an intervention session
  kCorrectPupilRecord,    // correct or retract an earlier record
  kRecordSelfEvaluation,  // rate the school's SEND practice, plan improvement actions
  kReadPlan,              // a pupil's current plan
  kReadHistory,           // a pupil's best-endeavours history
  kReadSelfEvaluation,    // the school's self-evaluation trends
  kReadOverview,          // the school overview
  kReadAsOf,              // any of the four views above as of a past point
  kReadFeed,              // the event stream for downstream consumers
  kReadAccessLog,         // who read which pupil's record, when
  kVerify,                // verify the log and the Merkle tree
  kReadAudit,             // tree heads, signed heads, the public key, consistency proofs
  kManageTokens,          // issue and revoke bearer tokens
  kReadEventProof,        // one event's stored bytes and its inclusion proof
};
inline constexpr Operation kAllOperations[] = {
    Operation::kRecordPupilFact,    Operation::kLogIntervention,
    Operation::kCorrectPupilRecord, Operation::kRecordSelfEvaluation,
    Operation::kReadPlan,           Operation::kReadHistory,
    Operation::kReadSelfEvaluation, Operation::kReadOverview,
    Operation::kReadAsOf,           Operation::kReadFeed,
    Operation::kReadAccessLog,      Operation::kVerify,
    Operation::kReadAudit,          Operation::kManageTokens,
    Operation::kReadEventProof,
};

// Whether `role` may perform `op` at all, on some tenant (the table above). False for
// ROLE_UNSPECIFIED and unknown roles.
bool Allows(v1::Role role, Operation op);

// Whether `op` changes records (a write) rather than only reading them.
bool IsWrite(Operation op);

// Whether `principal` may act on `tenant`'s records with `op`: its own tenant for every role but
// la_officer and inspector; for those, a granted tenant, and reads only. OK or PERMISSION_DENIED
// naming the role, the operation and the reason; the message is the same whether or not `tenant`
// exists.
absl::Status CheckAccess(const Principal& principal, Operation op, const std::string& tenant);

// For a query of view `view` (kReadPlan, kReadHistory, kReadSelfEvaluation or kReadOverview):
// CheckAccess(principal, view, tenant) when `as_of` is false. When it is true, the rule in the
// header comment: CheckAccess with kReadAsOf, or with kReadHistory for a history.
absl::Status CheckViewAccess(const Principal& principal, Operation view, bool as_of,
                             const std::string& tenant);

// "record_pupil_fact", "log_intervention", ...: stable, for messages and the access log.
std::string OperationName(Operation op);

}  // namespace endeavour::auth

#endif  // ENDEAVOUR_SERVICES_AUTH_ACCESS_POLICY_H_
