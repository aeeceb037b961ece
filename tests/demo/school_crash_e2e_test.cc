// A whole school through the real server, with a crash in the middle: the demo school's requests
// (one to four Assess-Plan-Do-Review cycles a pupil, sessions, adjustments, reviews of every kind,
// advice, corrections, retractions, a transfer in, two rounds of self-evaluation) are sent by
// several clients at once; endeavourd is SIGKILLed while they send, restarted, and the school is
// sent again (a command already carried out records nothing new). Then the feed must hold every
// command's event exactly once, each stream's versions without a gap, and every pupil's views
// must be exactly the views rendered here, independently, from the events the feed returned.
#include <google/protobuf/util/message_differencer.h>
#include <grpcpp/grpcpp.h>
#include <signal.h>

#include <atomic>
#include <chrono>
#include <map>
#include <memory>
#include <string>
#include <thread>
#include <vector>

#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "absl/time/clock.h"
#include "clients/demo/demo_school.h"
#include "clients/demo/demo_seeder.h"
#include "endeavour/v1/api.grpc.pb.h"
#include "eventstore/testing/temp_dir.h"
#include "gtest/gtest.h"
#include "projections/best_endeavours_history.h"
#include "projections/current_plan.h"
#include "projections/pupil_file.h"
#include "services/domain/streams.h"
#include "tests/e2e/server_process.h"

namespace endeavour {
namespace {

using google::protobuf::util::MessageDifferencer;

constexpr char kSchool[] = "demo-school";

class SchoolCrashEndToEndTest : public ::testing::Test {
 protected:
  void SetUp() override {
    senco_ = AddToken("senco", "staff/senco");
    feed_ = AddToken("feed", "system/mis");
    demo::DemoOptions options;
    options.seed = 7;
    options.pupils = 40;
    options.sen = 12;
    absl::StatusOr<demo::DemoSchool> school = demo::GenerateDemoSchool(options);
    ASSERT_TRUE(school.ok()) << school.status();
    school_ = *std::move(school);
    Start();
  }

  std::string AddToken(const std::string& role, const std::string& actor) {
    testing::Output out = testing::AddToken(ENDEAVOURD, tokens_, kSchool, role, actor);
    EXPECT_EQ(out.exit_code, 0) << out.out;
    return out.out;
  }

  void Start() {
    ASSERT_TRUE(server_.Start(ENDEAVOURD, {"--data", dir_.path() + "/data", "--tokens", tokens_}));
    channel_ = grpc::CreateChannel(server_.address(), grpc::InsecureChannelCredentials());
  }

  demo::ContextFactory As(const std::string& token) const {
    return [token] {
      auto context = std::make_unique<grpc::ClientContext>();
      context->AddMetadata("authorization", "Bearer " + token);
      context->set_deadline(std::chrono::system_clock::now() + std::chrono::seconds(30));
      return context;
    };
  }

  uint64_t TreeSize() {
    v1::TreeHeadReply head;
    grpc::Status read =
        v1::AuditService::NewStub(channel_)->GetTreeHead(As(senco_)().get(), {}, &head);
    EXPECT_TRUE(read.ok()) << read.error_message();
    return head.tree_size();
  }

  // Every event the feed gives the school, from the first position to the head.
  std::vector<v1::EventEnvelope> ReadFeed() {
    auto feed = v1::EventStreamService::NewStub(channel_);
    std::vector<v1::EventEnvelope> events;
    v1::ReadAllRequest request;
    request.set_from_position(1);
    request.set_max_count(1000);
    while (true) {
      v1::ReadAllReply page;
      grpc::Status read = feed->ReadAll(As(feed_)().get(), request, &page);
      EXPECT_TRUE(read.ok()) << read.error_message();
      if (!read.ok()) return events;
      for (v1::EventEnvelope& e : *page.mutable_events()) events.push_back(std::move(e));
      if (page.next_position() > page.head_position()) return events;
      request.set_from_position(page.next_position());
    }
  }

  endeavour::testing::TempDir dir_{"school_crash_e2e"};
  const std::string tokens_ = dir_.path() + "/tokens";
  std::string senco_, feed_;
  demo::DemoSchool school_;
  testing::ServerProcess server_;
  std::shared_ptr<grpc::Channel> channel_;
};

TEST_F(SchoolCrashEndToEndTest, AKillMidWayLosesNothingAndTheViewsAreThoseOfTheFeed) {
  const int64_t total = static_cast<int64_t>(school_.CommandCount());
  std::atomic<int64_t> sent{0};
  std::thread sender([&] {
    // Fails once the server is gone: what matters is what was acknowledged before.
    (void)demo::SeedDemoSchool(school_, channel_, As(senco_), /*parallel=*/4, /*every=*/1,
                               [&](int64_t done, int64_t) { sent = done; });
  });
  const absl::Time give_up = absl::Now() + absl::Seconds(60);
  while (sent < total / 2 && absl::Now() < give_up) absl::SleepFor(absl::Milliseconds(2));
  ASSERT_GE(sent, total / 2) << "the seeding did not get half-way";
  // Everything in this head was acknowledged as durable; appends are in flight as it dies.
  const uint64_t acknowledged = TreeSize();
  server_.Stop(SIGKILL);
  sender.join();

  Start();
  EXPECT_GE(TreeSize(), acknowledged) << "an acknowledged append was lost";
  absl::StatusOr<demo::SeedCounts> again =
      demo::SeedDemoSchool(school_, channel_, As(senco_), /*parallel=*/4, /*every=*/1000, nullptr);
  ASSERT_TRUE(again.ok()) << again.status();
  ASSERT_TRUE(demo::WaitForViews(channel_, As(senco_), TreeSize()).ok());

  // The feed: every command's event once, in log order, each stream's versions 1, 2, 3, ...
  std::map<std::string, std::vector<v1::EventEnvelope>> streams;
  std::map<std::string, int> ids;
  uint64_t last_position = 0;
  int64_t recorded = 0;
  for (v1::EventEnvelope& e : ReadFeed()) {
    EXPECT_GT(e.position(), last_position);
    last_position = e.position();
    EXPECT_EQ(++ids[e.event_id()], 1) << "event " << e.event_id() << " twice";
    std::vector<v1::EventEnvelope>& stream = streams[e.stream_id()];
    EXPECT_EQ(e.stream_version(), stream.size() + 1) << e.stream_id();
    if (!absl::StartsWith(e.stream_id(), "access/")) ++recorded;
    stream.push_back(std::move(e));
  }
  EXPECT_EQ(recorded, total) << "each demo command records one event";

  // The views: the server's, as stored by its projections, against a fold of the feed's events.
  const v1::Date today = school_.end;
  auto queries = v1::QueryService::NewStub(channel_);
  for (const demo::DemoPupil& pupil : school_.pupils) {
    SCOPED_TRACE(pupil.pupil_id);
    const std::string stream_id = domain::PupilStreamId(kSchool, pupil.pupil_id);
    projections::PupilFile file;
    file.stream_id = stream_id;
    file.tenant = kSchool;
    for (const v1::EventEnvelope& e : streams[stream_id]) ASSERT_TRUE(file.Apply(e).ok());
    v1::PupilViewRequest request;
    request.set_pupil_id(pupil.pupil_id);
    *request.mutable_options()->mutable_today() = today;

    v1::BestEndeavoursHistory history;
    grpc::Status read = queries->GetHistory(As(senco_)().get(), request, &history);
    ASSERT_TRUE(read.ok()) << read.error_message();
    std::string difference;
    MessageDifferencer differ;
    differ.ReportDifferencesToString(&difference);
    EXPECT_TRUE(differ.Compare(projections::RenderHistory(file), history)) << difference;

    v1::CurrentPlan plan;
    read = queries->GetCurrentPlan(As(senco_)().get(), request, &plan);
    ASSERT_TRUE(read.ok()) << read.error_message();
    v1::CurrentPlan expected = projections::RenderCurrentPlan(file);
    projections::FillCurrentPlanAsOf(today, expected);
    difference.clear();
    EXPECT_TRUE(differ.Compare(expected, plan)) << difference;
  }

  v1::OverviewRequest overview_request;
  *overview_request.mutable_options()->mutable_today() = today;
  v1::SchoolOverview overview;
  ASSERT_TRUE(queries->GetSchoolOverview(As(senco_)().get(), overview_request, &overview).ok());
  EXPECT_EQ(overview.sen_register_size(), school_.shape.on_register);
}

}  // namespace
}  // namespace endeavour
