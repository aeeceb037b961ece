// endeavour-load against a real endeavourd: every call it counts is an append the log holds, it
// stops at exactly --count, and a refused token fails the run rather than measuring errors.
#include <grpcpp/grpcpp.h>

#include <memory>
#include <string>
#include <vector>

#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "endeavour/v1/api.grpc.pb.h"
#include "eventstore/testing/temp_dir.h"
#include "gtest/gtest.h"
#include "tests/e2e/server_process.h"

namespace endeavour {
namespace {

class LoadEndToEndTest : public ::testing::Test {
 protected:
  void SetUp() override {
    senco_ = testing::AddToken(ENDEAVOURD, tokens_, "school-1", "senco", "staff/1").out;
    admin_ = testing::AddToken(ENDEAVOURD, tokens_, "school-1", "admin", "ops/1").out;
    ASSERT_FALSE(senco_.empty());
    ASSERT_FALSE(admin_.empty());
    ASSERT_TRUE(server_.Start(ENDEAVOURD, {"--data", dir_.path() + "/data", "--tokens", tokens_}));
  }

  testing::Output Load(const std::string& token, std::vector<std::string> extra) {
    std::vector<std::string> args = {"--server", server_.address(), "--token", token};
    args.insert(args.end(), extra.begin(), extra.end());
    return testing::RunToCompletion(ENDEAVOUR_LOAD, args);
  }

  endeavour::testing::TempDir dir_{"load_e2e"};
  const std::string tokens_ = dir_.path() + "/tokens";
  std::string senco_, admin_;
  testing::ServerProcess server_;
};

TEST_F(LoadEndToEndTest, EveryAppendCountedIsInTheLogAndTheRunStopsAtItsCount) {
  testing::Output out =
      Load(senco_, {"--clients", "16", "--channels", "2", "--count", "300", "--pupils", "10"});
  ASSERT_EQ(out.exit_code, 0) << out.out;
  EXPECT_TRUE(absl::StrContains(out.out, "appends: 300\n")) << out.out;
  EXPECT_TRUE(absl::StrContains(out.out, "errors: 0\n")) << out.out;
  for (const char* figure : {"appends_per_s: ", "p50_ms: ", "p99_ms: ", "max_ms: "}) {
    EXPECT_TRUE(absl::StrContains(out.out, figure)) << figure << " missing from\n" << out.out;
  }

  // Ten registrations and three hundred needs, all durable and all verified.
  auto audit = v1::AuditService::NewStub(
      grpc::CreateChannel(server_.address(), grpc::InsecureChannelCredentials()));
  grpc::ClientContext head_context;
  head_context.AddMetadata("authorization", "Bearer " + admin_);
  v1::TreeHeadReply head;
  ASSERT_TRUE(audit->GetTreeHead(&head_context, {}, &head).ok());
  EXPECT_EQ(head.tree_size(), 310u);
  grpc::ClientContext verify_context;
  verify_context.AddMetadata("authorization", "Bearer " + admin_);
  v1::VerifyReply verified;
  grpc::Status status = audit->Verify(&verify_context, {}, &verified);
  EXPECT_TRUE(status.ok()) << status.error_message();
}

TEST_F(LoadEndToEndTest, ARefusedTokenFailsTheRun) {
  testing::Output out = Load("not-a-token", {"--count", "10", "--pupils", "2"});
  EXPECT_EQ(out.exit_code, 1) << out.out;
  EXPECT_FALSE(absl::StrContains(out.out, "appends_per_s")) << "no figures for a failed run";
}

}  // namespace
}  // namespace endeavour
