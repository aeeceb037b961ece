// Who may call what, over every RPC of api.proto, against a real endeavourd. The methods come from
// the generated descriptors and are called generically (grpc::GenericStub with serialized
// requests), so an RPC added later is tried too: with no token, a bad token or a malformed header
// it must be UNAUTHENTICATED; naming another school it must be PERMISSION_DENIED; and for the role
// matrix it needs an entry in ExpectedOperations, or the test fails. A refused call returns no
// data (a streaming call not one message), a refused command records nothing, and a caller of
// another school, whatever it calls, gets nothing of this school's records: its feed and its
// subscription carry only its own school's events.
//
// Where each part is:
//   - generic_client.{h,cc}: the methods from the descriptors, requests edited through reflection,
//     and calling any method by name;
//   - auth_matrix_fixture.{h,cc} (this): AuthMatrixTest, the server with a token for each role and
//     tenant and both schools' records, and the checks on what a call returned;
//   - auth_matrix_requests.cc: ExpectedOperations, the variants of a request, and a valid request
//     for each method the test knows;
//   - auth_matrix_roles_test.cc: the table against api.proto, the calls without a valid token and
//     the role matrix;
//   - auth_matrix_isolation_test.cc: what a caller of another school can name, reach and read,
//     through the queries, the feed and a subscription.
#ifndef ENDEAVOUR_TESTS_E2E_AUTH_MATRIX_FIXTURE_H_
#define ENDEAVOUR_TESTS_E2E_AUTH_MATRIX_FIXTURE_H_

#include <grpcpp/grpcpp.h>

#include <cstdint>
#include <functional>
#include <map>
#include <memory>
#include <set>
#include <string>
#include <vector>

#include "absl/strings/str_cat.h"
#include "endeavour/v1/api.grpc.pb.h"
#include "eventstore/testing/temp_dir.h"
#include "google/protobuf/descriptor.h"
#include "gtest/gtest.h"
#include "services/auth/access_policy.h"
#include "services/auth/principal.h"
#include "tests/e2e/generic_client.h"
#include "tests/e2e/server_process.h"

namespace endeavour::testing::auth_matrix {

inline constexpr char kSchool[] = "school-1";
inline constexpr char kOtherSchool[] = "school-2";
// Amelia, at school-1, with a need and a plan
inline constexpr char kPupil[] = "adm-20417";
// school-1: a need, no plan; changes status, leaves
inline constexpr char kSecondPupil[] = "adm-20418";
// school-2's pupil
inline constexpr char kOtherPupil[] = "adm-99999";

// The operation the server must check for each method of api.proto. A method that is not here
// fails the role matrix test: decide which auth::Operation it is, and add it.
const std::map<std::string, auth::Operation>& ExpectedOperations();

// The plain request; with the `school` field, also naming this school and the other one; with
// an as-of point, each of those as of a position too.
std::vector<Variant> VariantsOf(const google::protobuf::MethodDescriptor& method);

// 43 characters of the token alphabet, like a real token, but issued by no one.
std::string RandomToken();

// --- The server, its tokens and its records ---------------------------------------------------

struct Caller {
  std::string name;  // for messages: "teacher of school-1"
  auth::Principal principal;
  std::string token;
};

class AuthMatrixTest : public ::testing::Test {
 protected:
  void SetUp() override;
  void TearDown() override;

  Caller AddCaller(const std::string& tenant, const std::string& role, const std::string& actor,
                   const std::string& grant = "");

  std::vector<const Caller*> SchoolOneCallers() const {
    return {&senco_, &teacher_, &leader_, &governor_, &feed_, &admin_, &la_officer_, &inspector_};
  }

  std::unique_ptr<grpc::ClientContext> As(const Caller& caller);

  std::string Unique(const std::string& prefix) { return absl::StrCat(prefix, "-", ++unique_); }

  v1::CommandHeader Header();

  template <typename Request>
  Request ForPupil(const std::string& pupil_id) {
    Request request;
    *request.mutable_header() = Header();
    request.set_pupil_id(pupil_id);
    return request;
  }

  static v1::PupilRegistered NewPupil(const std::string& id, const std::string& name);

  // Runs a command that must succeed; keeps its event ids (by tenant) and the log head.
  v1::CommandReply Commit(
      const Caller& caller, const std::string& what,
      const std::function<grpc::Status(grpc::ClientContext*, v1::CommandReply*)>& call);

  // school-1: Amelia with a need, on SEN support, plan-1 reviewed, plan-2 active, a session, a
  // request for advice; a second pupil with a need; a self-evaluation rating. school-2: one pupil.
  void Seed();

  // Signs the log's head now; its tree size.
  uint64_t SignHead();

  static v1::RatingRecorded Rating();

  // Registers a new pupil at the caller's school; the position of that one event, which is the
  // log's new head when nothing else is written meanwhile.
  uint64_t ProbeHead(const Caller& caller);

  // A request for each method the test knows, valid for a caller allowed to make it (each call
  // gets fresh ids, so the senco's and the teacher's sessions are both new).
  void MakeBuilders();

  // Views as they stand once the seed is folded in, reckoned to a fixed day.
  v1::ViewOptions Options() const;

  v1::PupilViewRequest PupilView(const std::string& pupil_id) const;

  // The known method's request, or an empty one for a method the test does not know.
  std::string RequestFor(const google::protobuf::MethodDescriptor& method);

  Reply CallAs(const Caller& caller, const google::protobuf::MethodDescriptor& method,
               const std::string& request);

  // True (and noted, reported once in TearDown) if the server does not serve the method.
  bool Unimplemented(const google::protobuf::MethodDescriptor& method, const Reply& reply);

  // Refused with exactly `code`, and nothing received.
  void ExpectRefused(const std::string& who, const google::protobuf::MethodDescriptor& method,
                     const Reply& reply, grpc::StatusCode code);

  // Nothing in `reply` comes from school-1's records: not its tenant name, its pupil's name or
  // need, nor any of its events' ids.
  void ExpectNothingOfSchoolOne(const std::string& who,
                                const google::protobuf::MethodDescriptor& method,
                                const Reply& reply);

  // Every event of the feed is `tenant`'s, by its envelope and by its stream.
  static void ExpectOnlyTenant(const std::string& who, const std::string& tenant,
                               const v1::EventEnvelope& event);

  // The whole feed of `caller`, page by page.
  std::vector<v1::EventEnvelope> ReadAll(const Caller& caller, grpc::Status* status);

  endeavour::testing::TempDir dir_{"auth_matrix"};
  const std::string tokens_ = dir_.path() + "/tokens";
  Caller senco_, teacher_, leader_, governor_, feed_, admin_, la_officer_, inspector_;
  Caller other_senco_, other_feed_;
  testing::ServerProcess server_;
  std::unique_ptr<GenericClient> generic_;
  std::unique_ptr<v1::PupilRecordService::Stub> pupils_;
  std::unique_ptr<v1::SelfEvaluationService::Stub> school_;
  std::unique_ptr<v1::QueryService::Stub> queries_;
  std::unique_ptr<v1::EventStreamService::Stub> events_;
  std::unique_ptr<v1::AuditService::Stub> audit_;

  int unique_ = 0;
  uint64_t need_position_ = 0;                               // Amelia's need
  uint64_t first_signed_size_ = 0, second_signed_size_ = 0;  // heads signed during the seed
  uint64_t head_ = 0;  // the highest position a command has reported
  std::map<std::string, std::set<std::string>> event_ids_;  // by tenant
  std::string need_event_id_, session_event_id_;
  std::map<std::string, std::function<std::string()>> builders_;
  std::set<std::string> unimplemented_;
};

}  // namespace endeavour::testing::auth_matrix

#endif  // ENDEAVOUR_TESTS_E2E_AUTH_MATRIX_FIXTURE_H_
