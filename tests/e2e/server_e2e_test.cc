// endeavourd end to end: a real server process on a loopback port, driven through gRPC with the
// generated stubs. Tokens decide who may do what; a SIGKILL mid-way loses nothing acknowledged and
// the views come back exactly right; SIGTERM shuts down cleanly.
#include <arpa/inet.h>
#include <grpcpp/grpcpp.h>
#include <netinet/in.h>
#include <signal.h>
#include <sys/socket.h>
#include <sys/wait.h>
#include <unistd.h>

#include <memory>
#include <string>
#include <thread>
#include <vector>

#include "absl/strings/str_cat.h"
#include "endeavour/v1/api.grpc.pb.h"
#include "eventstore/testing/temp_dir.h"
#include "gtest/gtest.h"
#include "services/domain/pupil_record_test_util.h"
#include "tests/e2e/server_process.h"

namespace endeavour {
namespace {

namespace t = domain::testing;

class ServerEndToEndTest : public ::testing::Test {
 protected:
  void SetUp() override {
    senco_ = AddToken("school-1", "senco", "staff/1042");
    teacher_ = AddToken("school-1", "teacher", "staff/2210");
    other_school_ = AddToken("school-2", "senco", "staff/9001");
    admin_ = AddToken("school-1", "admin", "ops/1");
    feed_ = AddToken("school-1", "feed", "system/mis");
    ASSERT_FALSE(senco_.empty());
    StartServer();
  }

  std::string AddToken(const std::string& tenant, const std::string& role,
                       const std::string& actor) {
    testing::Output out = testing::AddToken(ENDEAVOURD, tokens_, tenant, role, actor);
    EXPECT_EQ(out.exit_code, 0) << out.out;
    return out.out;
  }

  void StartServer() {
    ASSERT_TRUE(server_.Start(ENDEAVOURD, {"--data", dir_.path() + "/data", "--tokens", tokens_}));
    auto channel = grpc::CreateChannel(server_.address(), grpc::InsecureChannelCredentials());
    pupils_ = v1::PupilRecordService::NewStub(channel);
    queries_ = v1::QueryService::NewStub(channel);
    audit_ = v1::AuditService::NewStub(channel);
  }

  std::unique_ptr<grpc::ClientContext> As(const std::string& token) {
    auto context = std::make_unique<grpc::ClientContext>();
    if (!token.empty()) context->AddMetadata("authorization", "Bearer " + token);
    context->set_deadline(std::chrono::system_clock::now() + std::chrono::seconds(10));
    return context;
  }

  v1::CommandHeader Header(const std::string& command_id) {
    v1::CommandHeader header;
    header.set_command_id(command_id);
    *header.mutable_today() = t::D(2026, 1, 5);
    return header;
  }

  // Registers Amelia, identifies her need, puts her on SEN support and agrees her first plan.
  uint64_t RecordUpToThePlan() {
    v1::CommandReply reply;
    v1::RegisterPupilRequest reg;
    *reg.mutable_header() = Header("c-register");
    reg.set_pupil_id("adm-20417");
    *reg.mutable_command()->mutable_pupil() = t::Amelia();
    EXPECT_TRUE(pupils_->RegisterPupil(As(senco_).get(), reg, &reply).ok());
    v1::IdentifyNeedRequest need;
    *need.mutable_header() = Header("c-need");
    need.set_pupil_id("adm-20417");
    *need.mutable_command()->mutable_need() = t::ReadingNeed();
    EXPECT_TRUE(pupils_->IdentifyNeed(As(senco_).get(), need, &reply).ok());
    v1::ChangeSenStatusRequest status;
    *status.mutable_header() = Header("c-status");
    status.set_pupil_id("adm-20417");
    *status.mutable_command()->mutable_change() = t::OntoSenSupport();
    EXPECT_TRUE(pupils_->ChangeSenStatus(As(senco_).get(), status, &reply).ok());
    v1::AgreePlanRequest plan;
    *plan.mutable_header() = Header("c-plan-1");
    plan.set_pupil_id("adm-20417");
    *plan.mutable_command()->mutable_plan() = t::FirstPlan();
    grpc::Status agreed = pupils_->AgreePlan(As(senco_).get(), plan, &reply);
    EXPECT_TRUE(agreed.ok()) << agreed.error_message();
    return reply.position();
  }

  v1::PupilViewRequest PlanQuery(uint64_t wait_for) {
    v1::PupilViewRequest request;
    request.set_pupil_id("adm-20417");
    request.mutable_options()->set_wait_for_position(wait_for);
    *request.mutable_options()->mutable_today() = t::D(2025, 11, 1);
    return request;
  }

  endeavour::testing::TempDir dir_{"server_e2e"};
  const std::string tokens_ = dir_.path() + "/tokens";
  std::string senco_, teacher_, other_school_, admin_, feed_;
  testing::ServerProcess server_;
  std::unique_ptr<v1::PupilRecordService::Stub> pupils_;
  std::unique_ptr<v1::QueryService::Stub> queries_;
  std::unique_ptr<v1::AuditService::Stub> audit_;
};

TEST_F(ServerEndToEndTest, ACommandIsReadBackThroughTheViews) {
  const uint64_t position = RecordUpToThePlan();
  ASSERT_GT(position, 0u);
  v1::CurrentPlan plan;
  grpc::Status read = queries_->GetCurrentPlan(As(senco_).get(), PlanQuery(position), &plan);
  ASSERT_TRUE(read.ok()) << read.error_message();
  EXPECT_TRUE(plan.has_active_plan());
  EXPECT_EQ(plan.plan().plan_id(), "plan-1");
}

TEST_F(ServerEndToEndTest, NoTokenABadTokenAndAnotherSchoolAreRefused) {
  const uint64_t position = RecordUpToThePlan();
  v1::CurrentPlan plan;
  EXPECT_EQ(queries_->GetCurrentPlan(As("").get(), PlanQuery(0), &plan).error_code(),
            grpc::StatusCode::UNAUTHENTICATED);
  EXPECT_EQ(
      queries_->GetCurrentPlan(As(std::string(43, 'x')).get(), PlanQuery(0), &plan).error_code(),
      grpc::StatusCode::UNAUTHENTICATED);
  // Another school's SENCO sees no such pupil in their own school...
  EXPECT_EQ(queries_->GetCurrentPlan(As(other_school_).get(), PlanQuery(0), &plan).error_code(),
            grpc::StatusCode::NOT_FOUND);
  // ...and cannot name the first school.
  v1::PupilViewRequest reach = PlanQuery(0);
  reach.set_school("school-1");
  EXPECT_EQ(queries_->GetCurrentPlan(As(other_school_).get(), reach, &plan).error_code(),
            grpc::StatusCode::PERMISSION_DENIED);
  EXPECT_FALSE(plan.has_active_plan());
  // A teacher reads the plan and logs sessions, but does not agree plans.
  EXPECT_TRUE(queries_->GetCurrentPlan(As(teacher_).get(), PlanQuery(position), &plan).ok());
  v1::AgreePlanRequest second;
  *second.mutable_header() = Header("c-plan-2");
  second.set_pupil_id("adm-20417");
  *second.mutable_command()->mutable_plan() = t::SecondPlan();
  v1::CommandReply reply;
  EXPECT_EQ(pupils_->AgreePlan(As(teacher_).get(), second, &reply).error_code(),
            grpc::StatusCode::PERMISSION_DENIED);
  v1::LogInterventionRequest session;
  *session.mutable_header() = Header("c-session-1");
  session.set_pupil_id("adm-20417");
  *session.mutable_command()->mutable_session() = t::Session("s-1", t::D(2025, 10, 9));
  grpc::Status logged = pupils_->LogIntervention(As(teacher_).get(), session, &reply);
  EXPECT_TRUE(logged.ok()) << logged.error_message();
}

TEST_F(ServerEndToEndTest, ARuleBrokenIsRefusedNamingTheField) {
  RecordUpToThePlan();
  v1::LogInterventionRequest session;
  *session.mutable_header() = Header("c-session-x");
  session.set_pupil_id("adm-20417");
  *session.mutable_command()->mutable_session() =
      t::Session("s-x", t::D(2025, 10, 9), "no-such-provision");
  v1::CommandReply reply;
  grpc::Status refused = pupils_->LogIntervention(As(senco_).get(), session, &reply);
  EXPECT_EQ(refused.error_code(), grpc::StatusCode::NOT_FOUND) << refused.error_message();
  EXPECT_NE(refused.error_message().find("provision"), std::string::npos);
  v1::RegisterPupilRequest nameless;
  *nameless.mutable_header() = Header("c-nameless");
  EXPECT_EQ(pupils_->RegisterPupil(As(senco_).get(), nameless, &reply).error_code(),
            grpc::StatusCode::INVALID_ARGUMENT);
}

TEST_F(ServerEndToEndTest, ASigkillLosesNothingAcknowledgedAndTheViewsComeBack) {
  const uint64_t position = RecordUpToThePlan();
  server_.Stop(SIGKILL);
  StartServer();
  v1::CurrentPlan plan;
  grpc::Status read = queries_->GetCurrentPlan(As(senco_).get(), PlanQuery(position), &plan);
  ASSERT_TRUE(read.ok()) << read.error_message();
  EXPECT_EQ(plan.plan().plan_id(), "plan-1");
  // The same command again records nothing new (idempotent across the restart).
  v1::AgreePlanRequest again;
  *again.mutable_header() = Header("c-plan-1");
  again.set_pupil_id("adm-20417");
  *again.mutable_command()->mutable_plan() = t::FirstPlan();
  v1::CommandReply reply;
  ASSERT_TRUE(pupils_->AgreePlan(As(senco_).get(), again, &reply).ok());
  EXPECT_EQ(reply.position(), position);
  EXPECT_EQ(reply.event_ids_size(), 0);
  v1::BestEndeavoursHistory history;
  ASSERT_TRUE(queries_->GetHistory(As(senco_).get(), PlanQuery(position), &history).ok());
  EXPECT_EQ(history.cycles_size(), 1);
}

TEST_F(ServerEndToEndTest, EveryReadOfAPupilIsInTheAccessLog) {
  const uint64_t position = RecordUpToThePlan();
  v1::CurrentPlan plan;
  ASSERT_TRUE(queries_->GetCurrentPlan(As(teacher_).get(), PlanQuery(position), &plan).ok());
  v1::PupilViewRequest as_of = PlanQuery(0);
  as_of.mutable_options()->mutable_as_of()->set_position(position);
  v1::BestEndeavoursHistory history;
  ASSERT_TRUE(queries_->GetHistory(As(senco_).get(), as_of, &history).ok());

  v1::AccessLogReply log;
  ASSERT_TRUE(audit_->ReadAccessLog(As(senco_).get(), v1::AccessLogRequest(), &log).ok());
  ASSERT_EQ(log.entries_size(), 2);
  EXPECT_EQ(log.entries(0).reader().id(), "staff/2210");
  EXPECT_EQ(log.entries(0).pupil_id(), "adm-20417");
  EXPECT_EQ(log.entries(0).view(), "current_plan");
  EXPECT_EQ(log.entries(1).view(), "history");
  EXPECT_EQ(log.entries(1).as_of(), absl::StrCat("position ", position));
  // A teacher may not read it; the other school sees its own (empty) log.
  EXPECT_EQ(audit_->ReadAccessLog(As(teacher_).get(), v1::AccessLogRequest(), &log).error_code(),
            grpc::StatusCode::PERMISSION_DENIED);
  v1::AccessLogReply other;
  ASSERT_TRUE(audit_->ReadAccessLog(As(other_school_).get(), v1::AccessLogRequest(), &other).ok());
  EXPECT_EQ(other.entries_size(), 0);
}

TEST_F(ServerEndToEndTest, AnAdminVerifiesTheLog) {
  RecordUpToThePlan();
  v1::VerifyReply verified;
  grpc::Status status = audit_->Verify(As(admin_).get(), v1::VerifyRequest(), &verified);
  ASSERT_TRUE(status.ok()) << status.error_message();
  EXPECT_TRUE(verified.verified());
  EXPECT_EQ(verified.tree_size(), 4u);
  EXPECT_EQ(verified.root_hash().size(), 32u);
  EXPECT_EQ(audit_->Verify(As(senco_).get(), v1::VerifyRequest(), &verified).error_code(),
            grpc::StatusCode::PERMISSION_DENIED);
}

// A plain HTTP GET of http://<address><path>; the body, or "" on failure.
std::string HttpGet(const std::string& address, const std::string& path) {
  const size_t colon = address.rfind(':');
  sockaddr_in to{};
  to.sin_family = AF_INET;
  to.sin_port = htons(static_cast<uint16_t>(std::stoi(address.substr(colon + 1))));
  inet_pton(AF_INET, address.substr(0, colon).c_str(), &to.sin_addr);
  const int fd = socket(AF_INET, SOCK_STREAM, 0);
  if (fd < 0 || connect(fd, reinterpret_cast<sockaddr*>(&to), sizeof(to)) != 0) {
    if (fd >= 0) close(fd);
    return "";
  }
  const std::string request =
      absl::StrCat("GET ", path, " HTTP/1.0\r\nHost: ", address, "\r\n\r\n");
  if (write(fd, request.data(), request.size()) < 0) {
    close(fd);
    return "";
  }
  std::string response;
  char buffer[4096];
  ssize_t n;
  while ((n = read(fd, buffer, sizeof(buffer))) > 0) response.append(buffer, n);
  close(fd);
  return response;
}

TEST(ServerMetricsTest, CallsAppendsAndLagAreServedForPrometheus) {
  endeavour::testing::TempDir dir("server_metrics");
  const std::string tokens = dir.path() + "/tokens";
  testing::Output senco = testing::AddToken(ENDEAVOURD, tokens, "school-1", "senco", "staff/1042");
  ASSERT_EQ(senco.exit_code, 0);
  testing::ServerProcess server;
  ASSERT_TRUE(server.Start(ENDEAVOURD, {"--data", dir.path() + "/data", "--tokens", tokens,
                                        "--metrics", "127.0.0.1:0"}));
  const std::string metrics = server.WaitForOutput("metrics on http://([0-9.]+:[0-9]+)/metrics");
  ASSERT_FALSE(metrics.empty());

  auto stub = v1::PupilRecordService::NewStub(
      grpc::CreateChannel(server.address(), grpc::InsecureChannelCredentials()));
  v1::RegisterPupilRequest reg;
  reg.mutable_header()->set_command_id("c-register");
  *reg.mutable_header()->mutable_today() = t::D(2026, 1, 5);
  reg.set_pupil_id("adm-20417");
  *reg.mutable_command()->mutable_pupil() = t::Amelia();
  v1::CommandReply reply;
  grpc::ClientContext context;
  context.AddMetadata("authorization", "Bearer " + senco.out);
  ASSERT_TRUE(stub->RegisterPupil(&context, reg, &reply).ok());
  grpc::ClientContext anonymous;
  EXPECT_FALSE(stub->RegisterPupil(&anonymous, reg, &reply).ok());

  // The store's figures are sampled once a second.
  std::string body;
  for (int i = 0; i < 50; ++i) {
    body = HttpGet(metrics, "/metrics");
    if (body.find("endeavour_store_total{kind=\"events\"} 1") != std::string::npos) break;
    std::this_thread::sleep_for(std::chrono::milliseconds(100));
  }
  EXPECT_NE(body.find("endeavour_rpc_total{code=\"OK\",method=\"/endeavour.v1."
                      "PupilRecordService/RegisterPupil\"} 1"),
            std::string::npos)
      << body;
  EXPECT_NE(body.find("code=\"UNAUTHENTICATED\""), std::string::npos);
  EXPECT_NE(body.find("endeavour_store_total{kind=\"events\"} 1"), std::string::npos);
  EXPECT_NE(body.find("endeavour_rpc_duration_seconds_bucket"), std::string::npos);
  EXPECT_NE(body.find("endeavour_projection_lag_events{projection=\"pupil_views\"}"),
            std::string::npos);
}

TEST_F(ServerEndToEndTest, ARequestOverTheSizeLimitIsRefusedAndTheServerCarriesOn) {
  v1::RegisterPupilRequest huge;
  *huge.mutable_header() = Header("c-huge");
  huge.set_pupil_id("adm-20417");
  *huge.mutable_command()->mutable_pupil() = t::Amelia();
  huge.mutable_command()->mutable_pupil()->set_display_name(std::string(5 << 20, 'a'));
  v1::CommandReply reply;
  EXPECT_EQ(pupils_->RegisterPupil(As(senco_).get(), huge, &reply).error_code(),
            grpc::StatusCode::RESOURCE_EXHAUSTED);
  // Nothing was recorded, and the server still serves.
  EXPECT_GT(RecordUpToThePlan(), 0u);
  v1::TreeHeadReply head;
  ASSERT_TRUE(audit_->GetTreeHead(As(senco_).get(), v1::TreeHeadRequest(), &head).ok());
  EXPECT_EQ(head.tree_size(), 4u);
}

TEST_F(ServerEndToEndTest, SubscriptionsPastTheCapAreRefused) {
  RecordUpToThePlan();
  const std::string& feed = feed_;  // tokens are read when the server starts
  auto stub = v1::EventStreamService::NewStub(
      grpc::CreateChannel(server_.address(), grpc::InsecureChannelCredentials()));
  std::vector<std::unique_ptr<grpc::ClientContext>> contexts;
  std::vector<std::unique_ptr<grpc::ClientReader<v1::SubscribeReply>>> readers;
  v1::SubscribeRequest from_start;
  from_start.set_from_position(1);
  for (int i = 0; i < 32; ++i) {
    contexts.push_back(As(feed));
    readers.push_back(stub->Subscribe(contexts.back().get(), from_start));
    v1::SubscribeReply reply;  // read up to the caught-up checkpoint: it is open
    do {
      ASSERT_TRUE(readers.back()->Read(&reply)) << i;
    } while (!reply.has_caught_up());
  }
  auto context = As(feed);
  auto refused = stub->Subscribe(context.get(), from_start);
  v1::SubscribeReply nothing;
  EXPECT_FALSE(refused->Read(&nothing));
  EXPECT_EQ(refused->Finish().error_code(), grpc::StatusCode::RESOURCE_EXHAUSTED);
  for (auto& c : contexts) c->TryCancel();
  for (auto& r : readers) r->Finish().IgnoreError();
}

TEST_F(ServerEndToEndTest, SigtermShutsDownCleanly) {
  RecordUpToThePlan();
  // A consumer following the feed is told the server is going, with UNAVAILABLE.
  auto feed = v1::EventStreamService::NewStub(
      grpc::CreateChannel(server_.address(), grpc::InsecureChannelCredentials()));
  auto context = As(feed_);
  v1::SubscribeRequest from_start;
  from_start.set_from_position(1);
  auto reader = feed->Subscribe(context.get(), from_start);
  v1::SubscribeReply reply;
  do {
    ASSERT_TRUE(reader->Read(&reply));
  } while (!reply.has_caught_up());
  const int status = server_.Stop(SIGTERM);
  EXPECT_TRUE(WIFEXITED(status)) << status;
  EXPECT_EQ(WEXITSTATUS(status), 0);
  while (reader->Read(&reply)) {
  }
  EXPECT_EQ(reader->Finish().error_code(), grpc::StatusCode::UNAVAILABLE);
}

}  // namespace
}  // namespace endeavour
