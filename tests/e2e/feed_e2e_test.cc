// The event feed end to end: a downstream consumer subscribes from the start while another client
// appends 10,000 events through the real server; the consumer receives every one once, in order,
// then disconnects and resumes from its checkpoint without a gap or a duplicate.
#include <grpcpp/grpcpp.h>

#include <atomic>
#include <memory>
#include <string>
#include <thread>
#include <vector>

#include "absl/strings/str_cat.h"
#include "endeavour/v1/api.grpc.pb.h"
#include "eventstore/testing/temp_dir.h"
#include "gtest/gtest.h"
#include "services/domain/dates.h"
#include "services/domain/pupil_record_test_util.h"
#include "tests/e2e/server_process.h"

namespace endeavour {
namespace {

namespace t = domain::testing;

constexpr int kPupils = 100;
constexpr int kSessionsPerPupil = 96;  // with 4 events to set each pupil up: 10,000 in all

std::string AddToken(const std::string& tokens, const std::string& role) {
  testing::Output out =
      testing::AddToken(ENDEAVOURD, tokens, "school-1", role, absl::StrCat("system/", role));
  EXPECT_EQ(out.exit_code, 0) << out.out;
  return out.out;
}

class Client {
 public:
  Client(const std::string& address, std::string token)
      : channel_(grpc::CreateChannel(address, grpc::InsecureChannelCredentials())),
        pupils_(v1::PupilRecordService::NewStub(channel_)),
        feed_(v1::EventStreamService::NewStub(channel_)),
        token_(std::move(token)) {}

  std::unique_ptr<grpc::ClientContext> Context() const {
    auto context = std::make_unique<grpc::ClientContext>();
    context->AddMetadata("authorization", "Bearer " + token_);
    return context;
  }
  v1::PupilRecordService::Stub& pupils() { return *pupils_; }
  v1::EventStreamService::Stub& feed() { return *feed_; }

 private:
  std::shared_ptr<grpc::Channel> channel_;
  std::unique_ptr<v1::PupilRecordService::Stub> pupils_;
  std::unique_ptr<v1::EventStreamService::Stub> feed_;
  std::string token_;
};

template <typename Request>
Request For(int pupil, const std::string& command_id) {
  Request request;
  request.mutable_header()->set_command_id(command_id);
  *request.mutable_header()->mutable_today() = t::D(2026, 1, 5);
  request.set_pupil_id(absl::StrCat("adm-", 10000 + pupil));
  return request;
}

// Records pupils [first, last): registration, need, status, plan, then the sessions.
void RecordPupils(Client& client, int first, int last) {
  v1::CommandReply reply;
  for (int p = first; p < last; ++p) {
    auto reg = For<v1::RegisterPupilRequest>(p, absl::StrCat("reg-", p));
    *reg.mutable_command()->mutable_pupil() = t::Amelia();
    reg.mutable_command()->mutable_pupil()->set_pupil_id(absl::StrCat("adm-", 10000 + p));
    ASSERT_TRUE(client.pupils().RegisterPupil(client.Context().get(), reg, &reply).ok());
    auto need = For<v1::IdentifyNeedRequest>(p, absl::StrCat("need-", p));
    *need.mutable_command()->mutable_need() = t::ReadingNeed();
    ASSERT_TRUE(client.pupils().IdentifyNeed(client.Context().get(), need, &reply).ok());
    auto status = For<v1::ChangeSenStatusRequest>(p, absl::StrCat("status-", p));
    *status.mutable_command()->mutable_change() = t::OntoSenSupport();
    ASSERT_TRUE(client.pupils().ChangeSenStatus(client.Context().get(), status, &reply).ok());
    auto plan = For<v1::AgreePlanRequest>(p, absl::StrCat("plan-", p));
    *plan.mutable_command()->mutable_plan() = t::FirstPlan();
    ASSERT_TRUE(client.pupils().AgreePlan(client.Context().get(), plan, &reply).ok());
    for (int s = 0; s < kSessionsPerPupil; ++s) {
      auto session = For<v1::LogInterventionRequest>(p, absl::StrCat("session-", p, "-", s));
      *session.mutable_command()->mutable_session() =
          t::Session(absl::StrCat("s-", s), domain::AddDays(t::D(2025, 10, 9), s % 40));
      grpc::Status logged =
          client.pupils().LogIntervention(client.Context().get(), session, &reply);
      ASSERT_TRUE(logged.ok()) << logged.error_message();
    }
  }
}

// Reads the feed from `from` until it has `count` events and the caught-up checkpoint after them.
struct Received {
  std::vector<v1::EventEnvelope> events;
  uint64_t checkpoint = 0;
};
Received Consume(Client& client, uint64_t from, size_t count) {
  Received received;
  auto context = client.Context();
  v1::SubscribeRequest request;
  request.set_from_position(from);
  auto reader = client.feed().Subscribe(context.get(), request);
  v1::SubscribeReply reply;
  while (reader->Read(&reply)) {
    if (reply.has_event()) received.events.push_back(reply.event());
    if (reply.has_caught_up()) {
      received.checkpoint = reply.caught_up().position();
      if (received.events.size() >= count) break;
    }
  }
  context->TryCancel();  // the consumer disconnects
  reader->Finish().IgnoreError();
  return received;
}

TEST(FeedEndToEndTest, AConsumerGetsEveryEventOnceInOrderAndResumesFromItsCheckpoint) {
  endeavour::testing::TempDir dir("feed_e2e");
  const std::string tokens = dir.path() + "/tokens";
  const std::string senco = AddToken(tokens, "senco");
  const std::string feed = AddToken(tokens, "feed");
  testing::ServerProcess server;
  ASSERT_TRUE(server.Start(ENDEAVOURD, {"--data", dir.path() + "/data", "--tokens", tokens}));

  Client consumer(server.address(), feed);
  Received first;
  std::thread reading([&] { first = Consume(consumer, 1, kPupils * (4 + kSessionsPerPupil)); });
  std::vector<std::thread> writers;
  for (int w = 0; w < 4; ++w) {
    writers.emplace_back([&, w] {
      Client client(server.address(), senco);
      RecordPupils(client, w * kPupils / 4, (w + 1) * kPupils / 4);
    });
  }
  for (std::thread& writer : writers) writer.join();
  reading.join();

  ASSERT_EQ(first.events.size(), static_cast<size_t>(kPupils * (4 + kSessionsPerPupil)));
  for (size_t i = 1; i < first.events.size(); ++i) {
    ASSERT_LT(first.events[i - 1].position(), first.events[i].position()) << "at " << i;
  }
  for (const v1::EventEnvelope& e : first.events) ASSERT_EQ(e.tenant(), "school-1");
  EXPECT_GE(first.checkpoint, first.events.back().position());

  // Disconnected; more is recorded; the consumer resumes after its checkpoint.
  Client client(server.address(), senco);
  RecordPupils(client, kPupils, kPupils + 1);
  Received second = Consume(consumer, first.checkpoint + 1, 4 + kSessionsPerPupil);
  ASSERT_EQ(second.events.size(), static_cast<size_t>(4 + kSessionsPerPupil));
  EXPECT_GT(second.events.front().position(), first.checkpoint);
  EXPECT_EQ(second.events.front().stream_id(), "pupil/school-1/adm-10100");

  // The same events, read page by page, are what the subscription delivered.
  v1::ReadAllRequest page_request;
  page_request.set_from_position(1);
  page_request.set_max_count(1000);
  std::vector<uint64_t> paged;
  while (true) {
    v1::ReadAllReply page;
    ASSERT_TRUE(consumer.feed().ReadAll(consumer.Context().get(), page_request, &page).ok());
    for (const v1::EventEnvelope& e : page.events()) paged.push_back(e.position());
    if (page.next_position() > page.head_position()) break;
    page_request.set_from_position(page.next_position());
  }
  ASSERT_EQ(paged.size(), first.events.size() + second.events.size());
  for (size_t i = 0; i < first.events.size(); ++i) {
    ASSERT_EQ(paged[i], first.events[i].position());
  }
}

}  // namespace
}  // namespace endeavour
