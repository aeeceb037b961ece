// `endeavour demo seed` end to end: the real endeavour binary fills a real endeavourd with a small
// demo school, twice (the second time records nothing new: the log's size and root stay the
// same), and the school overview read through gRPC shows the register the generator promised.
#include <grpcpp/grpcpp.h>

#include <chrono>
#include <map>
#include <memory>
#include <string>
#include <vector>

#include "clients/demo/demo_school.h"
#include "endeavour/v1/api.grpc.pb.h"
#include "eventstore/testing/temp_dir.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "tests/e2e/server_process.h"

namespace endeavour {
namespace {

using ::testing::HasSubstr;

class DemoSeedEndToEndTest : public ::testing::Test {
 protected:
  void SetUp() override {
    const testing::Output token =
        testing::AddToken(ENDEAVOURD, tokens_, "demo-school", "senco", "staff/demo-senco");
    ASSERT_EQ(token.exit_code, 0) << token.out;
    senco_ = token.out;
    ASSERT_TRUE(server_.Start(ENDEAVOURD, {"--data", dir_.path() + "/data", "--tokens", tokens_}));
    channel_ = grpc::CreateChannel(server_.address(), grpc::InsecureChannelCredentials());
  }

  testing::Output Endeavour(std::vector<std::string> args, const std::string& token) {
    std::vector<std::string> all = {"--server", server_.address(), "--token", token};
    all.insert(all.end(), args.begin(), args.end());
    return testing::RunToCompletion(ENDEAVOUR, all);
  }

  std::unique_ptr<grpc::ClientContext> Context() {
    auto context = std::make_unique<grpc::ClientContext>();
    context->AddMetadata("authorization", "Bearer " + senco_);
    context->set_deadline(std::chrono::system_clock::now() + std::chrono::seconds(30));
    return context;
  }

  v1::TreeHeadReply TreeHead() {
    v1::TreeHeadReply head;
    const grpc::Status status =
        v1::AuditService::NewStub(channel_)->GetTreeHead(Context().get(), {}, &head);
    EXPECT_TRUE(status.ok()) << status.error_message();
    return head;
  }

  endeavour::testing::TempDir dir_{"demo_seed_e2e"};
  const std::string tokens_ = dir_.path() + "/tokens";
  std::string senco_;
  testing::ServerProcess server_;
  std::shared_ptr<grpc::Channel> channel_;
};

const std::vector<std::string> kSmallSchool = {"demo", "seed", "--pupils", "60", "--sen", "15"};

TEST_F(DemoSeedEndToEndTest, SeedingTwiceRecordsOnceAndTheOverviewShowsTheRegister) {
  const testing::Output first = Endeavour(kSmallSchool, senco_);
  ASSERT_EQ(first.exit_code, 0) << first.out;
  EXPECT_THAT(first.out, HasSubstr("pupils on roll      60"));
  EXPECT_THAT(first.out, HasSubstr("endeavour overview"));
  const v1::TreeHeadReply seeded = TreeHead();
  ASSERT_GT(seeded.tree_size(), 1000u);

  const testing::Output second = Endeavour(kSmallSchool, senco_);
  ASSERT_EQ(second.exit_code, 0) << second.out;
  EXPECT_THAT(second.out, HasSubstr("events recorded     0"));
  const v1::TreeHeadReply again = TreeHead();
  EXPECT_EQ(again.tree_size(), seeded.tree_size());
  EXPECT_EQ(again.root_hash(), seeded.root_hash());

  demo::DemoOptions options;
  options.pupils = 60;
  options.sen = 15;
  absl::StatusOr<demo::DemoSchool> school = demo::GenerateDemoSchool(options);
  ASSERT_TRUE(school.ok()) << school.status();
  EXPECT_EQ(static_cast<uint64_t>(school->CommandCount()), seeded.tree_size())
      << "every command recorded one event";

  v1::OverviewRequest request;
  request.mutable_options()->set_wait_for_position(seeded.tree_size());
  request.mutable_options()->set_wait_timeout_ms(30000);
  *request.mutable_options()->mutable_today() = school->end;
  v1::SchoolOverview overview;
  const grpc::Status status =
      v1::QueryService::NewStub(channel_)->GetSchoolOverview(Context().get(), request, &overview);
  ASSERT_TRUE(status.ok()) << status.error_message();
  EXPECT_EQ(overview.counts().pupils(), 60);
  EXPECT_EQ(overview.counts().on_register(), 15);
  EXPECT_EQ(overview.counts().sen_support(), school->shape.sen_support);
  EXPECT_EQ(overview.counts().ehc_plan(), school->shape.ehc_plan);
  EXPECT_EQ(overview.sen_register_size(), 15);
  std::map<v1::AreaOfNeed, int> by_area;
  for (const v1::OverviewAreaCount& area : overview.by_area()) by_area[area.area()] = area.total();
  EXPECT_EQ(by_area, school->shape.register_by_area);
  EXPECT_EQ(by_area.size(), 4u) << "all four broad areas of need";
  EXPECT_GT(overview.delivery().sessions_logged(), 0);
}

TEST_F(DemoSeedEndToEndTest, BadFlagsAndAWrongTokenGetTheirOwnExitCodes) {
  EXPECT_EQ(Endeavour({"demo", "seed", "--pupils", "60", "--sen", "50"}, senco_).exit_code, 2);
  EXPECT_EQ(Endeavour({"demo", "seed", "--start-date", "2025-02-30"}, senco_).exit_code, 2);
  EXPECT_EQ(Endeavour(kSmallSchool, "not-a-token").exit_code, 4);
  EXPECT_EQ(TreeHead().tree_size(), 0u) << "nothing recorded";
}

}  // namespace
}  // namespace endeavour
