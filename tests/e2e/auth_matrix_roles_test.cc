// Who may call what (auth_matrix_fixture.h): the expected-access table names only methods of
// api.proto; without a valid token every call is UNAUTHENTICATED; and each role of school-1 reaches
// exactly what the access policy allows, with nothing recorded by a refused command.
#include <grpcpp/grpcpp.h>

#include <algorithm>
#include <cstdint>
#include <optional>
#include <set>
#include <string>
#include <utility>
#include <vector>

#include "absl/strings/str_cat.h"
#include "google/protobuf/descriptor.h"
#include "gtest/gtest.h"
#include "services/auth/access_policy.h"
#include "tests/e2e/auth_matrix_fixture.h"
#include "tests/e2e/generic_client.h"

namespace endeavour::testing::auth_matrix {
namespace {

namespace pb = google::protobuf;
using auth::Operation;

TEST(AuthMatrixTableTest, EveryExpectedAccessEntryNamesAMethodOfTheApi) {
  std::set<std::string> methods;
  for (const pb::MethodDescriptor* method : ApiMethods()) methods.insert(method->full_name());
  EXPECT_GE(methods.size(), 20u);
  for (const auto& [name, op] : ExpectedOperations()) {
    EXPECT_TRUE(methods.contains(name)) << name << " is in ExpectedOperations but not in api.proto";
  }
}

TEST_F(AuthMatrixTest, WithoutAValidTokenEveryCallIsUnauthenticated) {
  std::string altered = senco_.token;
  altered.back() = altered.back() == 'A' ? 'B' : 'A';
  const std::vector<std::pair<std::string, std::optional<std::string>>> credentials = {
      {"no authorization metadata", std::nullopt},
      {"a token issued by no one", "Bearer " + RandomToken()},
      {"a malformed header", "Basic x"},
      {"an empty bearer token", "Bearer "},
      {"a valid token under another scheme", "Basic " + senco_.token},
      {"a valid token with its last character changed", "Bearer " + altered},
  };
  const uint64_t before = ProbeHead(senco_);
  for (const pb::MethodDescriptor* method : ApiMethods()) {
    const std::vector<std::pair<std::string, std::string>> requests = {
        {"a valid request", RequestFor(*method)},
        {"an empty request", NewMessage(*method->input_type())->SerializeAsString()}};
    for (const auto& [credential, authorization] : credentials) {
      for (const auto& [kind, request] : requests) {
        ExpectRefused(absl::StrCat(credential, ", ", kind), *method,
                      generic_->Call(*method, request, authorization),
                      grpc::StatusCode::UNAUTHENTICATED);
      }
    }
  }
  EXPECT_EQ(ProbeHead(senco_), before + 1) << "an unauthenticated call appended to the log";
}

TEST_F(AuthMatrixTest, EachRoleReachesExactlyWhatTheMatrixAllows) {
  struct Case {
    const Caller* caller;
    const pb::MethodDescriptor* method;
    Operation op;
    Variant variant;
    bool allowed;
  };
  std::vector<Case> cases;
  for (const pb::MethodDescriptor* method : ApiMethods()) {
    auto expected = ExpectedOperations().find(method->full_name());
    if (expected == ExpectedOperations().end()) {
      ADD_FAILURE() << "new RPC without an expected-access entry: " << method->full_name()
                    << " (add it to ExpectedOperations with the auth::Operation it needs)";
      continue;
    }
    for (const Caller* caller : SchoolOneCallers()) {
      for (const Variant& variant : VariantsOf(*method)) {
        const std::string tenant =
            variant.school.empty() ? caller->principal.tenant : variant.school;
        const bool allowed =
            auth::CheckViewAccess(caller->principal, expected->second, variant.as_of, tenant).ok();
        cases.push_back({caller, method, expected->second, variant, allowed});
      }
    }
  }
  auto run = [&](const Case& c) {
    const std::string who = absl::StrCat(c.caller->name, " (", c.variant.Describe(), ")");
    const Reply reply =
        CallAs(*c.caller, *c.method, Apply(*c.method, RequestFor(*c.method), c.variant, head_));
    if (!c.allowed) {
      ExpectRefused(who, *c.method, reply, grpc::StatusCode::PERMISSION_DENIED);
      return;
    }
    if (Unimplemented(*c.method, reply)) return;
    const grpc::StatusCode code = reply.status.error_code();
    EXPECT_NE(code, grpc::StatusCode::PERMISSION_DENIED)
        << who << " may " << auth::OperationName(c.op) << " but " << c.method->full_name()
        << " answered " << Describe(reply.status);
    EXPECT_NE(code, grpc::StatusCode::UNAUTHENTICATED)
        << who << ": " << c.method->full_name() << " answered " << Describe(reply.status);
    // A known request from a caller allowed to make it goes through (a stream, which the client
    // cancels after its first message, sends that message).
    if (builders_.contains(c.method->full_name())) {
      EXPECT_TRUE(c.method->server_streaming() ? reply.messages > 0 : reply.status.ok())
          << who << " may " << auth::OperationName(c.op) << " but " << c.method->full_name()
          << " answered " << Describe(reply.status);
    }
  };
  // Every role is let through somewhere, so each is really tested both ways.
  for (const Caller* caller : SchoolOneCallers()) {
    EXPECT_TRUE(std::any_of(cases.begin(), cases.end(),
                            [&](const Case& c) { return c.caller == caller && c.allowed; }))
        << caller->name << " is allowed nothing";
  }
  // Refused commands first, then check that none of them recorded anything.
  const uint64_t before = ProbeHead(senco_);
  for (const Case& c : cases) {
    if (!c.allowed && auth::IsWrite(c.op)) run(c);
  }
  EXPECT_EQ(ProbeHead(senco_), before + 1) << "a refused command appended to the log";
  for (const Case& c : cases) {
    if (!c.allowed && !auth::IsWrite(c.op)) run(c);
  }
  for (const Case& c : cases) {
    if (c.allowed) run(c);
  }
}

}  // namespace
}  // namespace endeavour::testing::auth_matrix
