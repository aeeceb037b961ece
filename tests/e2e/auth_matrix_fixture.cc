#include "tests/e2e/auth_matrix_fixture.h"

#include <grpcpp/grpcpp.h>

#include <algorithm>
#include <chrono>
#include <cstdint>
#include <functional>
#include <memory>
#include <random>
#include <string>
#include <vector>

#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_split.h"
#include "endeavour/v1/api.grpc.pb.h"
#include "google/protobuf/descriptor.h"
#include "gtest/gtest.h"
#include "services/auth/token_store.h"
#include "services/domain/pupil_record_test_util.h"
#include "services/domain/self_evaluation_testing.h"
#include "tests/e2e/generic_client.h"
#include "tests/e2e/server_process.h"

namespace endeavour::testing::auth_matrix {

namespace pb = google::protobuf;
namespace t = domain::testing;

namespace {

// Every command is given on this day.
v1::Date Today() { return t::D(2026, 5, 1); }

// The tenant of a stream id: "pupil/<tenant>/<id>", "school/<tenant>/...", "access/<tenant>".
std::string TenantOfStream(const std::string& stream_id) {
  std::vector<std::string> parts = absl::StrSplit(stream_id, '/');
  return parts.size() >= 2 ? parts[1] : "";
}

}  // namespace

std::string RandomToken() {
  static constexpr char kAlphabet[] =
      "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";
  std::random_device device;
  std::string token;
  for (int i = 0; i < 43; ++i) token.push_back(kAlphabet[device() % 64]);
  return token;
}

void AuthMatrixTest::SetUp() {
  senco_ = AddCaller(kSchool, "senco", "staff/1042");
  teacher_ = AddCaller(kSchool, "teacher", "staff/2210");
  leader_ = AddCaller(kSchool, "leader", "staff/3001");
  governor_ = AddCaller(kSchool, "governor", "gov/17");
  feed_ = AddCaller(kSchool, "feed", "svc/mis");
  admin_ = AddCaller(kSchool, "admin", "ops/1");
  la_officer_ = AddCaller("la-1", "la_officer", "la/77", kSchool);
  inspector_ = AddCaller("ofsted-1", "inspector", "hmi/5", kSchool);
  other_senco_ = AddCaller(kOtherSchool, "senco", "staff/9001");
  other_feed_ = AddCaller(kOtherSchool, "feed", "svc/mis-2");
  ASSERT_FALSE(::testing::Test::HasFailure()) << "could not make the tokens";
  ASSERT_TRUE(server_.Start(ENDEAVOURD, {"--data", dir_.path() + "/data", "--tokens", tokens_}));
  auto channel = grpc::CreateChannel(server_.address(), grpc::InsecureChannelCredentials());
  generic_ = std::make_unique<GenericClient>(channel);
  pupils_ = v1::PupilRecordService::NewStub(channel);
  school_ = v1::SelfEvaluationService::NewStub(channel);
  queries_ = v1::QueryService::NewStub(channel);
  events_ = v1::EventStreamService::NewStub(channel);
  audit_ = v1::AuditService::NewStub(channel);
  Seed();
  ASSERT_FALSE(::testing::Test::HasFailure()) << "could not record the schools' records";
  MakeBuilders();
}

void AuthMatrixTest::TearDown() {
  for (const std::string& method : unimplemented_) {
    ADD_FAILURE() << method
                  << " answered UNIMPLEMENTED: endeavourd does not serve it, so who may call "
                     "it cannot be checked (register the service in endeavourd_main.cc)";
  }
}

Caller AuthMatrixTest::AddCaller(const std::string& tenant, const std::string& role,
                                 const std::string& actor, const std::string& grant) {
  testing::Output out = testing::AddToken(ENDEAVOURD, tokens_, tenant, role, actor, grant);
  EXPECT_EQ(out.exit_code, 0) << out.out;
  Caller caller;
  caller.name = absl::StrCat(role, " of ", tenant);
  caller.principal.actor_id = actor;
  caller.principal.role = auth::ParseRole(role).value_or(v1::ROLE_UNSPECIFIED);
  caller.principal.tenant = tenant;
  if (!grant.empty()) caller.principal.granted_tenants = absl::StrSplit(grant, ',');
  caller.token = out.out;
  return caller;
}

std::unique_ptr<grpc::ClientContext> AuthMatrixTest::As(const Caller& caller) {
  auto context = std::make_unique<grpc::ClientContext>();
  context->AddMetadata("authorization", "Bearer " + caller.token);
  context->set_deadline(std::chrono::system_clock::now() + std::chrono::seconds(10));
  return context;
}

v1::CommandHeader AuthMatrixTest::Header() {
  v1::CommandHeader header;
  header.set_command_id(Unique("command"));
  *header.mutable_today() = Today();
  return header;
}

v1::PupilRegistered AuthMatrixTest::NewPupil(const std::string& id, const std::string& name) {
  v1::PupilRegistered pupil = t::Amelia();
  pupil.set_pupil_id(id);
  pupil.set_display_name(name);
  return pupil;
}

v1::CommandReply AuthMatrixTest::Commit(
    const Caller& caller, const std::string& what,
    const std::function<grpc::Status(grpc::ClientContext*, v1::CommandReply*)>& call) {
  v1::CommandReply reply;
  grpc::Status status = call(As(caller).get(), &reply);
  EXPECT_TRUE(status.ok()) << caller.name << ": " << what << ": " << Describe(status);
  for (const std::string& id : reply.event_ids()) {
    event_ids_[caller.principal.tenant].insert(id);
  }
  head_ = std::max(head_, reply.position());
  return reply;
}

void AuthMatrixTest::Seed() {
  auto reg = ForPupil<v1::RegisterPupilRequest>(kPupil);
  *reg.mutable_command()->mutable_pupil() = t::Amelia();
  Commit(senco_, "register", [&](auto* c, auto* r) { return pupils_->RegisterPupil(c, reg, r); });
  auto need = ForPupil<v1::IdentifyNeedRequest>(kPupil);
  *need.mutable_command()->mutable_need() = t::ReadingNeed();
  v1::CommandReply identified =
      Commit(senco_, "need", [&](auto* c, auto* r) { return pupils_->IdentifyNeed(c, need, r); });
  if (identified.event_ids_size() > 0) need_event_id_ = identified.event_ids(0);
  need_position_ = identified.position();
  first_signed_size_ = SignHead();
  auto status = ForPupil<v1::ChangeSenStatusRequest>(kPupil);
  *status.mutable_command()->mutable_change() = t::OntoSenSupport();
  Commit(senco_, "status",
         [&](auto* c, auto* r) { return pupils_->ChangeSenStatus(c, status, r); });
  auto plan1 = ForPupil<v1::AgreePlanRequest>(kPupil);
  *plan1.mutable_command()->mutable_plan() = t::FirstPlan();
  Commit(senco_, "plan-1", [&](auto* c, auto* r) { return pupils_->AgreePlan(c, plan1, r); });
  auto review = ForPupil<v1::RecordReviewRequest>(kPupil);
  *review.mutable_command()->mutable_review() = t::FirstReview();
  Commit(senco_, "review-1", [&](auto* c, auto* r) { return pupils_->RecordReview(c, review, r); });
  auto plan2 = ForPupil<v1::AgreePlanRequest>(kPupil);
  *plan2.mutable_command()->mutable_plan() = t::SecondPlan();
  Commit(senco_, "plan-2", [&](auto* c, auto* r) { return pupils_->AgreePlan(c, plan2, r); });
  auto session = ForPupil<v1::LogInterventionRequest>(kPupil);
  *session.mutable_command()->mutable_session() =
      t::Session("s-seed", t::D(2025, 12, 2), "pt", "plan-2");
  v1::CommandReply logged = Commit(
      senco_, "session", [&](auto* c, auto* r) { return pupils_->LogIntervention(c, session, r); });
  if (logged.event_ids_size() > 0) session_event_id_ = logged.event_ids(0);
  auto advice = ForPupil<v1::RequestExternalAdviceRequest>(kPupil);
  *advice.mutable_command()->mutable_request() = t::AdviceRequest();
  Commit(senco_, "advice request",
         [&](auto* c, auto* r) { return pupils_->RequestExternalAdvice(c, advice, r); });

  auto second = ForPupil<v1::RegisterPupilRequest>(kSecondPupil);
  *second.mutable_command()->mutable_pupil() = NewPupil(kSecondPupil, "Ben Carter");
  Commit(senco_, "register 2",
         [&](auto* c, auto* r) { return pupils_->RegisterPupil(c, second, r); });
  auto second_need = ForPupil<v1::IdentifyNeedRequest>(kSecondPupil);
  *second_need.mutable_command()->mutable_need() = t::ReadingNeed();
  Commit(senco_, "need 2",
         [&](auto* c, auto* r) { return pupils_->IdentifyNeed(c, second_need, r); });

  v1::RecordRatingRequest rating;
  *rating.mutable_header() = Header();
  *rating.mutable_command()->mutable_rating() = Rating();
  Commit(senco_, "rating", [&](auto* c, auto* r) { return school_->RecordRating(c, rating, r); });

  auto other = ForPupil<v1::RegisterPupilRequest>(kOtherPupil);
  *other.mutable_command()->mutable_pupil() = NewPupil(kOtherPupil, "Zara Khan");
  Commit(other_senco_, "register at school-2",
         [&](auto* c, auto* r) { return pupils_->RegisterPupil(c, other, r); });
  second_signed_size_ = SignHead();
}

uint64_t AuthMatrixTest::SignHead() {
  v1::SignTreeHeadReply reply;
  grpc::Status status = audit_->SignTreeHead(As(senco_).get(), {}, &reply);
  EXPECT_TRUE(status.ok()) << "SignTreeHead: " << Describe(status);
  EXPECT_EQ(reply.head().tree_size(), head_);
  return reply.head().tree_size();
}

v1::RatingRecorded AuthMatrixTest::Rating() {
  v1::RatingRecorded rating = t::GovernorRating();
  *rating.mutable_rated_on() = t::D(2026, 4, 20);
  return rating;
}

uint64_t AuthMatrixTest::ProbeHead(const Caller& caller) {
  const std::string id = Unique("probe");
  auto probe = ForPupil<v1::RegisterPupilRequest>(id);
  *probe.mutable_command()->mutable_pupil() = NewPupil(id, "Probe Pupil");
  v1::CommandReply reply = Commit(
      caller, "probe", [&](auto* c, auto* r) { return pupils_->RegisterPupil(c, probe, r); });
  EXPECT_EQ(reply.event_ids_size(), 1);
  return reply.position();
}

v1::ViewOptions AuthMatrixTest::Options() const {
  v1::ViewOptions options;
  options.set_wait_for_position(head_);
  *options.mutable_today() = Today();
  return options;
}

v1::PupilViewRequest AuthMatrixTest::PupilView(const std::string& pupil_id) const {
  v1::PupilViewRequest request;
  request.set_pupil_id(pupil_id);
  *request.mutable_options() = Options();
  return request;
}

Reply AuthMatrixTest::CallAs(const Caller& caller, const pb::MethodDescriptor& method,
                             const std::string& request) {
  return generic_->Call(method, request, "Bearer " + caller.token);
}

bool AuthMatrixTest::Unimplemented(const pb::MethodDescriptor& method, const Reply& reply) {
  if (reply.status.error_code() != grpc::StatusCode::UNIMPLEMENTED) return false;
  unimplemented_.insert(method.full_name());
  return true;
}

void AuthMatrixTest::ExpectRefused(const std::string& who, const pb::MethodDescriptor& method,
                                   const Reply& reply, grpc::StatusCode code) {
  if (Unimplemented(method, reply)) return;
  EXPECT_EQ(reply.status.error_code(), code)
      << who << ": " << method.full_name() << " must be " << CodeName(code) << " but answered "
      << Describe(reply.status);
  EXPECT_EQ(reply.messages, 0) << who << ": " << method.full_name() << " sent a reply";
  EXPECT_TRUE(reply.bytes.empty())
      << who << ": " << method.full_name() << " returned " << reply.bytes.size() << " bytes";
}

void AuthMatrixTest::ExpectNothingOfSchoolOne(const std::string& who,
                                              const pb::MethodDescriptor& method,
                                              const Reply& reply) {
  std::vector<std::string> markers = {kSchool, "Amelia", "Salford"};
  for (const std::string& id : event_ids_[kSchool]) markers.push_back(id);
  for (const std::string& marker : markers) {
    EXPECT_FALSE(absl::StrContains(reply.bytes, marker))
        << who << ": " << method.full_name() << " (" << Describe(reply.status)
        << ") returned school-1's \"" << marker << "\"";
  }
}

void AuthMatrixTest::ExpectOnlyTenant(const std::string& who, const std::string& tenant,
                                      const v1::EventEnvelope& event) {
  EXPECT_EQ(event.tenant(), tenant)
      << who << " was sent event " << event.position() << " of " << event.stream_id();
  EXPECT_EQ(TenantOfStream(event.stream_id()), tenant)
      << who << " was sent event " << event.position() << " of " << event.stream_id();
}

std::vector<v1::EventEnvelope> AuthMatrixTest::ReadAll(const Caller& caller, grpc::Status* status) {
  std::vector<v1::EventEnvelope> events;
  uint64_t from = 1;
  for (int page = 0; page < 1000; ++page) {
    v1::ReadAllRequest request;
    request.set_from_position(from);
    request.set_max_count(1000);
    v1::ReadAllReply reply;
    *status = events_->ReadAll(As(caller).get(), request, &reply);
    if (!status->ok()) break;
    events.insert(events.end(), reply.events().begin(), reply.events().end());
    if (reply.next_position() <= from || reply.next_position() > reply.head_position()) break;
    from = reply.next_position();
  }
  return events;
}

}  // namespace endeavour::testing::auth_matrix
