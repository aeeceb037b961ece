// Appends under load against a real endeavourd: every call endeavour-load counts is an append the
// log holds, it stops at exactly --count, and a refused token fails the run rather than measuring
// errors; health checks (the baseline) append nothing; and SIGTERM in the middle of a stream of
// appends loses none that was acknowledged.
#include <grpcpp/grpcpp.h>
#include <signal.h>
#include <sys/wait.h>

#include <atomic>
#include <memory>
#include <string>
#include <thread>
#include <vector>

#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "absl/time/clock.h"
#include "endeavour/v1/api.grpc.pb.h"
#include "eventstore/testing/temp_dir.h"
#include "gtest/gtest.h"
#include "services/domain/pupil_record_test_util.h"
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

  // The log's size, as the admin's tree head gives it; -1 when the call fails.
  int64_t TreeSize() {
    auto audit = v1::AuditService::NewStub(
        grpc::CreateChannel(server_.address(), grpc::InsecureChannelCredentials()));
    grpc::ClientContext context;
    context.AddMetadata("authorization", "Bearer " + admin_);
    v1::TreeHeadReply head;
    grpc::Status status = audit->GetTreeHead(&context, {}, &head);
    EXPECT_TRUE(status.ok()) << status.error_message();
    return status.ok() ? static_cast<int64_t>(head.tree_size()) : -1;
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
  EXPECT_EQ(TreeSize(), 310);
  auto audit = v1::AuditService::NewStub(
      grpc::CreateChannel(server_.address(), grpc::InsecureChannelCredentials()));
  grpc::ClientContext verify_context;
  verify_context.AddMetadata("authorization", "Bearer " + admin_);
  v1::VerifyReply verified;
  grpc::Status status = audit->Verify(&verify_context, {}, &verified);
  EXPECT_TRUE(status.ok()) << status.error_message();
}

TEST_F(LoadEndToEndTest, HealthChecksAreCountedAndAppendNothing) {
  testing::Output out = Load(senco_, {"--clients", "8", "--count", "200", "--rpc", "health-check"});
  ASSERT_EQ(out.exit_code, 0) << out.out;
  EXPECT_TRUE(absl::StrContains(out.out, "calls: 200\n")) << out.out;
  EXPECT_TRUE(absl::StrContains(out.out, "errors: 0\n")) << out.out;
  EXPECT_TRUE(absl::StrContains(out.out, "calls_per_s: ")) << out.out;
  EXPECT_FALSE(absl::StrContains(out.out, "appends")) << "a health check is not an append";

  EXPECT_EQ(TreeSize(), 0) << "no pupil registered, nothing appended";
}

TEST_F(LoadEndToEndTest, AServerThatIsNotThereFailsTheRunAtOnce) {
  const absl::Time start = absl::Now();
  testing::Output out = testing::RunToCompletion(
      ENDEAVOUR_LOAD,
      {"--server", "127.0.0.1:1", "--token", senco_, "--seconds", "60", "--rpc", "health-check"});
  EXPECT_EQ(out.exit_code, 1) << out.out;
  EXPECT_FALSE(absl::StrContains(out.out, "calls_per_s")) << "no figures for a failed run";
  EXPECT_LT(absl::Now() - start, absl::Seconds(30)) << "it ran on instead of stopping";
}

TEST_F(LoadEndToEndTest, ARefusedTokenFailsTheRun) {
  testing::Output out = Load("not-a-token", {"--count", "10", "--pupils", "2"});
  EXPECT_EQ(out.exit_code, 1) << out.out;
  EXPECT_FALSE(absl::StrContains(out.out, "appends_per_s")) << "no figures for a failed run";
}

TEST_F(LoadEndToEndTest, SigtermLosesNoAcknowledgedAppend) {
  auto channel = grpc::CreateChannel(server_.address(), grpc::InsecureChannelCredentials());
  auto pupils = v1::PupilRecordService::NewStub(channel);
  auto call = [&](auto method, auto& request) {
    grpc::ClientContext context;
    context.AddMetadata("authorization", "Bearer " + senco_);
    context.set_deadline(std::chrono::system_clock::now() + std::chrono::seconds(10));
    v1::CommandReply reply;
    grpc::Status status = ((*pupils).*method)(&context, request, &reply);
    return status.ok() ? reply.position() : 0;
  };
  v1::RegisterPupilRequest registration;
  registration.mutable_header()->set_command_id("register");
  registration.set_pupil_id("p-1");
  *registration.mutable_command()->mutable_pupil() = domain::testing::Amelia();
  registration.mutable_command()->mutable_pupil()->set_pupil_id("p-1");
  ASSERT_GT(call(&v1::PupilRecordService::Stub::RegisterPupil, registration), 0u);

  // Eight clients append needs until the server goes; each keeps the last position acknowledged.
  std::atomic<int> acknowledged{0};
  std::vector<uint64_t> last_position(8, 0);
  std::vector<std::thread> clients;
  for (int c = 0; c < 8; ++c) {
    clients.emplace_back([&, c] {
      for (int i = 0;; ++i) {
        v1::IdentifyNeedRequest request;
        request.mutable_header()->set_command_id(absl::StrCat("need-", c, "-", i));
        request.set_pupil_id("p-1");
        *request.mutable_command()->mutable_need() = domain::testing::ReadingNeed();
        request.mutable_command()->mutable_need()->set_need_id(absl::StrCat("n-", c, "-", i));
        request.mutable_command()->mutable_need()->set_rank(v1::NEED_RANK_SECONDARY);
        const uint64_t position = call(&v1::PupilRecordService::Stub::IdentifyNeed, request);
        if (position == 0) return;
        last_position[c] = position;
        ++acknowledged;
      }
    });
  }
  const absl::Time give_up = absl::Now() + absl::Seconds(30);
  while (acknowledged < 200 && absl::Now() < give_up) absl::SleepFor(absl::Milliseconds(5));
  EXPECT_GE(acknowledged.load(), 200) << "the clients stopped before the server did";
  const int status = server_.Stop(SIGTERM);
  for (std::thread& client : clients) client.join();
  EXPECT_TRUE(WIFEXITED(status) && WEXITSTATUS(status) == 0) << status;

  // Restarted, the log holds every acknowledged append (positions have no gaps) and verifies.
  ASSERT_TRUE(server_.Start(ENDEAVOURD, {"--data", dir_.path() + "/data", "--tokens", tokens_}));
  const int64_t tree_size = TreeSize();
  EXPECT_GE(tree_size, acknowledged.load() + 1);
  for (uint64_t position : last_position) EXPECT_LE(static_cast<int64_t>(position), tree_size);
}

}  // namespace
}  // namespace endeavour
