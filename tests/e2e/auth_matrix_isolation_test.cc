// A caller of another school (auth_matrix_fixture.h), whatever it calls, can neither name nor
// reach school-1 and gets nothing of its records: not through the queries, and its feed and its
// subscription carry only its own school's events.
#include <grpcpp/grpcpp.h>

#include <chrono>
#include <cstdint>
#include <memory>
#include <set>
#include <string>
#include <tuple>
#include <utility>
#include <vector>

#include "absl/strings/str_cat.h"
#include "endeavour/v1/api.grpc.pb.h"
#include "google/protobuf/descriptor.h"
#include "google/protobuf/message.h"
#include "google/protobuf/util/message_differencer.h"
#include "gtest/gtest.h"
#include "tests/e2e/auth_matrix_fixture.h"
#include "tests/e2e/generic_client.h"

namespace endeavour::testing::auth_matrix {
namespace {

namespace pb = google::protobuf;

TEST_F(AuthMatrixTest, AnotherSchoolCanNeitherNameNorReachThisSchool) {
  auto views = [&](uint64_t wait_for) {
    std::vector<std::unique_ptr<pb::Message>> out;
    v1::PupilViewRequest pupil = PupilView(kPupil);
    pupil.mutable_options()->set_wait_for_position(wait_for);
    auto plan = std::make_unique<v1::CurrentPlan>();
    EXPECT_TRUE(queries_->GetCurrentPlan(As(senco_).get(), pupil, plan.get()).ok());
    auto history = std::make_unique<v1::BestEndeavoursHistory>();
    EXPECT_TRUE(queries_->GetHistory(As(senco_).get(), pupil, history.get()).ok());
    v1::SchoolViewRequest school;
    *school.mutable_options() = pupil.options();
    auto trends = std::make_unique<v1::SelfEvaluationTrends>();
    EXPECT_TRUE(queries_->GetSelfEvaluationTrends(As(senco_).get(), school, trends.get()).ok());
    v1::OverviewRequest overview_request;
    *overview_request.mutable_options() = pupil.options();
    auto overview = std::make_unique<v1::SchoolOverview>();
    EXPECT_TRUE(
        queries_->GetSchoolOverview(As(senco_).get(), overview_request, overview.get()).ok());
    out.push_back(std::move(plan));
    out.push_back(std::move(history));
    out.push_back(std::move(trends));
    out.push_back(std::move(overview));
    return out;
  };
  const auto before = views(head_);
  for (const Caller* caller : {&other_senco_, &other_feed_}) {
    for (const pb::MethodDescriptor* method : ApiMethods()) {
      for (const Variant& variant : VariantsOf(*method)) {
        const std::string who = absl::StrCat(caller->name, " (", variant.Describe(), ")");
        const Reply reply =
            CallAs(*caller, *method, Apply(*method, RequestFor(*method), variant, head_));
        if (variant.school == kSchool) {
          ExpectRefused(who, *method, reply, grpc::StatusCode::PERMISSION_DENIED);
        } else if (!Unimplemented(*method, reply)) {
          ExpectNothingOfSchoolOne(who, *method, reply);
        }
      }
    }
  }
  // Whatever school-2 recorded under the same pupil ids went to its own records.
  const auto after = views(ProbeHead(other_senco_));
  for (size_t i = 0; i < before.size() && i < after.size(); ++i) {
    std::string differences;
    pb::util::MessageDifferencer differencer;
    differencer.ReportDifferencesToString(&differences);
    EXPECT_TRUE(differencer.Compare(*before[i], *after[i]))
        << "school-1's " << before[i]->GetDescriptor()->name()
        << " changed while school-2 called every method:\n"
        << differences;
  }
}

TEST_F(AuthMatrixTest, AnotherSchoolsPupilIsNotFoundAndCannotBeNamed) {
  v1::CurrentPlan plan;
  v1::BestEndeavoursHistory history;
  // school-2's SENCO has no such pupil in their own school...
  grpc::Status read = queries_->GetCurrentPlan(As(other_senco_).get(), PupilView(kPupil), &plan);
  EXPECT_EQ(read.error_code(), grpc::StatusCode::NOT_FOUND) << Describe(read);
  read = queries_->GetHistory(As(other_senco_).get(), PupilView(kPupil), &history);
  EXPECT_EQ(read.error_code(), grpc::StatusCode::NOT_FOUND) << Describe(read);
  // ...and cannot name school-1, now or as of a point.
  v1::PupilViewRequest named = PupilView(kPupil);
  named.set_school(kSchool);
  read = queries_->GetCurrentPlan(As(other_senco_).get(), named, &plan);
  EXPECT_EQ(read.error_code(), grpc::StatusCode::PERMISSION_DENIED) << Describe(read);
  named.mutable_options()->mutable_as_of()->set_position(head_);
  read = queries_->GetHistory(As(other_senco_).get(), named, &history);
  EXPECT_EQ(read.error_code(), grpc::StatusCode::PERMISSION_DENIED) << Describe(read);
  EXPECT_EQ(plan.ByteSizeLong(), 0u) << Brief(plan);
  EXPECT_EQ(history.ByteSizeLong(), 0u) << Brief(history);
  // The same the other way round.
  read = queries_->GetCurrentPlan(As(senco_).get(), PupilView(kOtherPupil), &plan);
  EXPECT_EQ(read.error_code(), grpc::StatusCode::NOT_FOUND) << Describe(read);
  v1::PupilViewRequest reach = PupilView(kOtherPupil);
  reach.set_school(kOtherSchool);
  read = queries_->GetHistory(As(la_officer_).get(), reach, &history);
  EXPECT_EQ(read.error_code(), grpc::StatusCode::PERMISSION_DENIED) << Describe(read);
  EXPECT_EQ(plan.ByteSizeLong(), 0u) << Brief(plan);
  EXPECT_EQ(history.ByteSizeLong(), 0u) << Brief(history);
}

TEST_F(AuthMatrixTest, TheFeedReadsOnlyItsOwnSchool) {
  // Reads by the granted roles are logged at school-1; school-2 reads its own pupil.
  v1::PupilViewRequest granted = PupilView(kPupil);
  granted.set_school(kSchool);
  v1::BestEndeavoursHistory history;
  grpc::Status read = queries_->GetHistory(As(la_officer_).get(), granted, &history);
  EXPECT_TRUE(read.ok()) << Describe(read);
  granted.mutable_options()->mutable_as_of()->set_position(head_);
  v1::CurrentPlan plan;
  read = queries_->GetCurrentPlan(As(inspector_).get(), granted, &plan);
  EXPECT_TRUE(read.ok()) << Describe(read);
  queries_->GetHistory(As(other_senco_).get(), PupilView(kOtherPupil), &history);

  for (const auto& [caller, tenant, other] : {std::tuple{&feed_, kSchool, kOtherSchool},
                                              std::tuple{&other_feed_, kOtherSchool, kSchool}}) {
    grpc::Status status;
    const std::vector<v1::EventEnvelope> events = ReadAll(*caller, &status);
    ASSERT_TRUE(status.ok()) << caller->name << ": ReadAll: " << Describe(status);
    std::set<std::string> ids;
    uint64_t last = 0;
    for (const v1::EventEnvelope& event : events) {
      ExpectOnlyTenant(caller->name + " reading all", tenant, event);
      EXPECT_GT(event.position(), last) << "positions out of order";
      last = event.position();
      ids.insert(event.event_id());
    }
    for (const std::string& id : event_ids_[tenant]) {
      EXPECT_TRUE(ids.contains(id)) << caller->name << " was not sent its school's event " << id;
    }
    for (const std::string& id : event_ids_[other]) {
      EXPECT_FALSE(ids.contains(id)) << caller->name << " was sent " << other << "'s event " << id;
    }
  }

  // A stream is named by pupil id within the caller's own school only.
  for (const auto& [caller, pupil_id] :
       {std::pair{&feed_, kOtherPupil}, std::pair{&other_feed_, kPupil}}) {
    v1::ReadStreamRequest request;
    request.set_pupil_id(pupil_id);
    request.set_from_version(1);
    v1::ReadStreamReply reply;
    grpc::Status status = events_->ReadStream(As(*caller).get(), request, &reply);
    EXPECT_TRUE(status.ok() || status.error_code() == grpc::StatusCode::NOT_FOUND)
        << caller->name << ": ReadStream " << pupil_id << ": " << Describe(status);
    EXPECT_EQ(reply.events_size(), 0) << caller->name << " read another school's " << pupil_id;
  }
  v1::ReadStreamRequest self_evaluation;
  self_evaluation.set_self_evaluation(true);
  self_evaluation.set_from_version(1);
  v1::ReadStreamReply reply;
  grpc::Status status = events_->ReadStream(As(other_feed_).get(), self_evaluation, &reply);
  EXPECT_TRUE(status.ok() || status.error_code() == grpc::StatusCode::NOT_FOUND)
      << Describe(status);
  for (const v1::EventEnvelope& event : reply.events()) {
    ExpectOnlyTenant("school-2's feed reading its self-evaluation", kOtherSchool, event);
  }
}

TEST_F(AuthMatrixTest, ASubscriptionDeliversOnlyItsOwnSchool) {
  grpc::ClientContext context;
  context.AddMetadata("authorization", "Bearer " + other_feed_.token);
  context.set_deadline(std::chrono::system_clock::now() + std::chrono::seconds(20));
  v1::SubscribeRequest request;
  request.set_from_position(1);
  std::unique_ptr<grpc::ClientReader<v1::SubscribeReply>> reader =
      events_->Subscribe(&context, request);
  v1::SubscribeReply message;
  std::set<std::string> ids;
  bool caught_up = false;
  while (!caught_up && reader->Read(&message)) {
    if (message.has_event()) {
      ExpectOnlyTenant("school-2's subscription", kOtherSchool, message.event());
      ids.insert(message.event().event_id());
    }
    caught_up = message.has_caught_up();
  }
  if (caught_up) {
    for (const std::string& id : event_ids_[kOtherSchool]) {
      EXPECT_TRUE(ids.contains(id)) << "school-2's subscription skipped its event " << id;
    }
    // Live: school-1 writes first, then school-2; the next event delivered is school-2's.
    ProbeHead(senco_);
    const uint64_t own = ProbeHead(other_senco_);
    bool delivered = false;
    while (!delivered && reader->Read(&message)) {
      if (!message.has_event()) continue;
      delivered = true;
      ExpectOnlyTenant("school-2's live subscription", kOtherSchool, message.event());
      EXPECT_EQ(message.event().position(), own);
    }
    EXPECT_TRUE(delivered) << "school-2's own new event was not delivered";
    context.TryCancel();
  }
  while (reader->Read(&message)) {
  }
  const grpc::Status status = reader->Finish();
  if (!caught_up) {
    if (status.error_code() == grpc::StatusCode::UNIMPLEMENTED) {
      unimplemented_.insert("endeavour.v1.EventStreamService.Subscribe");
    } else {
      ADD_FAILURE() << "school-2's subscription never caught up: " << Describe(status);
    }
  }
}

}  // namespace
}  // namespace endeavour::testing::auth_matrix
