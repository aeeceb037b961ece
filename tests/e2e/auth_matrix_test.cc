// Who may call what, over every RPC of api.proto, against a real endeavourd. The methods come from
// the generated descriptors and are called generically (grpc::GenericStub with serialized
// requests), so an RPC added later is tried too: with no token, a bad token or a malformed header
// it must be UNAUTHENTICATED; naming another school it must be PERMISSION_DENIED; and for the role
// matrix it needs an entry in ExpectedOperations, or the test fails. A refused call returns no
// data (a streaming call not one message), a refused command records nothing, and a caller of
// another school, whatever it calls, gets nothing of this school's records: its feed and its
// subscription carry only its own school's events.
#include <grpcpp/generic/generic_stub.h>
#include <grpcpp/grpcpp.h>

#include <algorithm>
#include <chrono>
#include <functional>
#include <map>
#include <memory>
#include <optional>
#include <random>
#include <set>
#include <string>
#include <tuple>
#include <utility>
#include <vector>

#include "absl/status/status.h"
#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_split.h"
#include "endeavour/v1/api.grpc.pb.h"
#include "eventstore/testing/temp_dir.h"
#include "google/protobuf/descriptor.h"
#include "google/protobuf/message.h"
#include "google/protobuf/util/message_differencer.h"
#include "gtest/gtest.h"
#include "services/auth/access_policy.h"
#include "services/auth/token_store.h"
#include "services/domain/pupil_record_test_util.h"
#include "services/domain/self_evaluation_testing.h"
#include "tests/e2e/server_process.h"

namespace endeavour {
namespace {

namespace pb = google::protobuf;
namespace t = domain::testing;
using auth::Operation;

constexpr char kSchool[] = "school-1";
constexpr char kOtherSchool[] = "school-2";
constexpr char kPupil[] = "adm-20417";        // Amelia, at school-1, with a need and a plan
constexpr char kSecondPupil[] = "adm-20418";  // school-1: a need, no plan; changes status, leaves
constexpr char kOtherPupil[] = "adm-99999";   // school-2's pupil

// Every command is given on this day.
v1::Date Today() { return t::D(2026, 5, 1); }

// The operation the server must check for each method of api.proto. A method that is not here
// fails the role matrix test: decide which auth::Operation it is, and add it.
const std::map<std::string, Operation>& ExpectedOperations() {
  static const auto* const kTable = new std::map<std::string, Operation>{
      {"endeavour.v1.PupilRecordService.RegisterPupil", Operation::kRecordPupilFact},
      {"endeavour.v1.PupilRecordService.IdentifyNeed", Operation::kRecordPupilFact},
      {"endeavour.v1.PupilRecordService.ChangeSenStatus", Operation::kRecordPupilFact},
      {"endeavour.v1.PupilRecordService.AgreePlan", Operation::kRecordPupilFact},
      {"endeavour.v1.PupilRecordService.LogIntervention", Operation::kLogIntervention},
      {"endeavour.v1.PupilRecordService.RecordReview", Operation::kRecordPupilFact},
      {"endeavour.v1.PupilRecordService.AdjustPlan", Operation::kRecordPupilFact},
      {"endeavour.v1.PupilRecordService.RequestExternalAdvice", Operation::kRecordPupilFact},
      {"endeavour.v1.PupilRecordService.RecordExternalAdvice", Operation::kRecordPupilFact},
      {"endeavour.v1.PupilRecordService.RequestEhcNeedsAssessment", Operation::kRecordPupilFact},
      {"endeavour.v1.PupilRecordService.TransferPupilOut", Operation::kRecordPupilFact},
      {"endeavour.v1.PupilRecordService.ReceivePupilTransfer", Operation::kRecordPupilFact},
      {"endeavour.v1.PupilRecordService.CorrectRecord", Operation::kCorrectPupilRecord},
      {"endeavour.v1.PupilRecordService.RetractRecord", Operation::kCorrectPupilRecord},
      {"endeavour.v1.SelfEvaluationService.RecordRating", Operation::kRecordSelfEvaluation},
      {"endeavour.v1.SelfEvaluationService.PlanImprovementAction",
       Operation::kRecordSelfEvaluation},
      {"endeavour.v1.QueryService.GetCurrentPlan", Operation::kReadPlan},
      {"endeavour.v1.QueryService.GetHistory", Operation::kReadHistory},
      {"endeavour.v1.QueryService.GetSelfEvaluationTrends", Operation::kReadSelfEvaluation},
      {"endeavour.v1.QueryService.GetSchoolOverview", Operation::kReadOverview},
      {"endeavour.v1.EventStreamService.ReadStream", Operation::kReadFeed},
      {"endeavour.v1.EventStreamService.ReadAll", Operation::kReadFeed},
      {"endeavour.v1.EventStreamService.Subscribe", Operation::kReadFeed},
      {"endeavour.v1.AuditService.GetTreeHead", Operation::kReadAudit},
      {"endeavour.v1.AuditService.Verify", Operation::kVerify},
      {"endeavour.v1.AuditService.ReadAccessLog", Operation::kReadAccessLog},
      {"endeavour.v1.AuditService.GetPublicKey", Operation::kReadAudit},
      {"endeavour.v1.AuditService.SignTreeHead", Operation::kReadAudit},
      {"endeavour.v1.AuditService.ListSignedTreeHeads", Operation::kReadAudit},
      {"endeavour.v1.AuditService.GetSignedTreeHead", Operation::kReadAudit},
      {"endeavour.v1.AuditService.GetInclusionProof", Operation::kReadEventProof},
      {"endeavour.v1.AuditService.GetConsistencyProof", Operation::kReadAudit},
  };
  return *kTable;
}

// Every method of every service of api.proto, from the generated descriptors.
std::vector<const pb::MethodDescriptor*> ApiMethods() {
  std::vector<const pb::MethodDescriptor*> methods;
  const pb::FileDescriptor* file =
      pb::DescriptorPool::generated_pool()->FindFileByName("endeavour/v1/api.proto");
  EXPECT_NE(file, nullptr) << "endeavour/v1/api.proto is not in the generated pool";
  if (file == nullptr) return methods;
  for (int s = 0; s < file->service_count(); ++s) {
    for (int m = 0; m < file->service(s)->method_count(); ++m) {
      methods.push_back(file->service(s)->method(m));
    }
  }
  return methods;
}

// --- Requests, edited through reflection ------------------------------------------------------

std::unique_ptr<pb::Message> NewMessage(const pb::Descriptor& type) {
  return std::unique_ptr<pb::Message>(
      pb::MessageFactory::generated_factory()->GetPrototype(&type)->New());
}

// The request's `string school` field (the school a granted role reads), if it has one.
const pb::FieldDescriptor* SchoolField(const pb::Descriptor& request) {
  const pb::FieldDescriptor* field = request.FindFieldByName("school");
  if (field == nullptr || field->is_repeated() ||
      field->type() != pb::FieldDescriptor::TYPE_STRING) {
    return nullptr;
  }
  return field;
}

// A singular message field named `name` of `type`, or nullptr.
const pb::FieldDescriptor* MessageField(const pb::Descriptor& type, const std::string& name) {
  const pb::FieldDescriptor* field = type.FindFieldByName(name);
  if (field == nullptr || field->is_repeated() ||
      field->type() != pb::FieldDescriptor::TYPE_MESSAGE) {
    return nullptr;
  }
  return field;
}

// The request's options.as_of.position field (an as-of query), if it has one.
const pb::FieldDescriptor* AsOfPositionField(const pb::Descriptor& request) {
  const pb::FieldDescriptor* options = MessageField(request, "options");
  if (options == nullptr) return nullptr;
  const pb::FieldDescriptor* as_of = MessageField(*options->message_type(), "as_of");
  if (as_of == nullptr) return nullptr;
  const pb::FieldDescriptor* position = as_of->message_type()->FindFieldByName("position");
  if (position == nullptr || position->type() != pb::FieldDescriptor::TYPE_UINT64) return nullptr;
  return position;
}

// How a request is varied: which school it names, and whether it asks for a past point.
struct Variant {
  std::string school;  // "" leaves the field unset: the caller's own tenant
  bool as_of = false;

  std::string Describe() const {
    std::string out = school.empty() ? "own tenant" : absl::StrCat("school \"", school, "\"");
    if (as_of) absl::StrAppend(&out, ", as of a position");
    return out;
  }
};

// The plain request; with the `school` field, also naming this school and the other one; with
// an as-of point, each of those as of a position too.
std::vector<Variant> VariantsOf(const pb::MethodDescriptor& method) {
  std::vector<Variant> variants = {{"", false}};
  if (SchoolField(*method.input_type()) != nullptr) {
    variants.push_back({kSchool, false});
    variants.push_back({kOtherSchool, false});
  }
  if (AsOfPositionField(*method.input_type()) != nullptr) {
    const size_t now = variants.size();
    for (size_t i = 0; i < now; ++i) variants.push_back({variants[i].school, true});
  }
  return variants;
}

std::string Apply(const pb::MethodDescriptor& method, const std::string& request,
                  const Variant& variant, uint64_t as_of_position) {
  if (variant.school.empty() && !variant.as_of) return request;
  std::unique_ptr<pb::Message> message = NewMessage(*method.input_type());
  EXPECT_TRUE(message->ParseFromString(request)) << method.full_name();
  if (!variant.school.empty()) {
    message->GetReflection()->SetString(message.get(), SchoolField(*method.input_type()),
                                        variant.school);
  }
  if (variant.as_of) {
    const pb::Descriptor& type = *method.input_type();
    pb::Message* options =
        message->GetReflection()->MutableMessage(message.get(), MessageField(type, "options"));
    pb::Message* as_of = options->GetReflection()->MutableMessage(
        options, MessageField(*options->GetDescriptor(), "as_of"));
    as_of->GetReflection()->SetUInt64(as_of, AsOfPositionField(type), as_of_position);
  }
  return message->SerializeAsString();
}

// The start of a message's text, for failure messages.
std::string Brief(const pb::Message& message) {
  std::string text = message.ShortDebugString();
  if (text.size() > 300) text = text.substr(0, 300) + "...";
  return text;
}

// --- Calling any method by name --------------------------------------------------------------

struct Reply {
  grpc::Status status;
  int messages = 0;   // messages received
  std::string bytes;  // their serialized bytes, concatenated
};

// "PERMISSION_DENIED", ...: gRPC's codes are absl's canonical codes.
std::string CodeName(grpc::StatusCode code) {
  return absl::StatusCodeToString(static_cast<absl::StatusCode>(code));
}

std::string Describe(const grpc::Status& status) {
  return absl::StrCat(CodeName(status.error_code()), " \"", status.error_message(), "\"");
}

std::string ToBytes(const grpc::ByteBuffer& buffer) {
  std::string out;
  std::vector<grpc::Slice> slices;
  if (!buffer.Valid() || !buffer.Dump(&slices).ok()) return out;
  for (const grpc::Slice& slice : slices) {
    out.append(reinterpret_cast<const char*>(slice.begin()), slice.size());
  }
  return out;
}

grpc::ByteBuffer ToBuffer(const std::string& bytes) {
  grpc::Slice slice(bytes);
  return grpc::ByteBuffer(&slice, 1);
}

void* Tag(intptr_t n) { return reinterpret_cast<void*>(n); }

// Waits for the one operation in flight on `cq`; whether it succeeded.
bool Await(grpc::CompletionQueue& cq) {
  void* tag = nullptr;
  bool ok = false;
  return cq.Next(&tag, &ok) && ok;
}

class GenericClient {
 public:
  explicit GenericClient(std::shared_ptr<grpc::Channel> channel) : stub_(std::move(channel)) {}

  // Calls `method` with the serialized `request`, sending `authorization` (when set) as the
  // metadata of that name. A streaming call is cancelled after its first message: one is enough
  // to show it was let through.
  Reply Call(const pb::MethodDescriptor& method, const std::string& request,
             const std::optional<std::string>& authorization) {
    grpc::ClientContext context;
    if (authorization.has_value()) context.AddMetadata("authorization", *authorization);
    const bool streaming = method.client_streaming() || method.server_streaming();
    context.set_deadline(std::chrono::system_clock::now() +
                         std::chrono::seconds(streaming ? 5 : 10));
    const std::string path = absl::StrCat("/", method.service()->full_name(), "/", method.name());
    grpc::CompletionQueue cq;
    Reply reply =
        streaming ? Stream(context, cq, path, request) : Unary(context, cq, path, request);
    cq.Shutdown();
    void* tag = nullptr;
    bool ok = false;
    while (cq.Next(&tag, &ok)) {
    }
    return reply;
  }

 private:
  Reply Unary(grpc::ClientContext& context, grpc::CompletionQueue& cq, const std::string& path,
              const std::string& request) {
    Reply reply;
    std::unique_ptr<grpc::GenericClientAsyncResponseReader> call =
        stub_.PrepareUnaryCall(&context, path, ToBuffer(request), &cq);
    call->StartCall();
    grpc::ByteBuffer response;
    call->Finish(&response, &reply.status, Tag(1));
    Await(cq);
    if (response.Valid()) reply.messages = 1;
    reply.bytes = ToBytes(response);
    return reply;
  }

  Reply Stream(grpc::ClientContext& context, grpc::CompletionQueue& cq, const std::string& path,
               const std::string& request) {
    Reply reply;
    std::unique_ptr<grpc::GenericClientAsyncReaderWriter> call =
        stub_.PrepareCall(&context, path, &cq);
    call->StartCall(Tag(1));
    if (Await(cq)) {
      call->WriteLast(ToBuffer(request), grpc::WriteOptions(), Tag(2));
      Await(cq);
      grpc::ByteBuffer message;
      call->Read(&message, Tag(3));
      if (Await(cq)) {
        reply.messages = 1;
        reply.bytes = ToBytes(message);
        context.TryCancel();
      }
    }
    call->Finish(&reply.status, Tag(4));
    Await(cq);
    return reply;
  }

  grpc::GenericStub stub_;
};

// 43 characters of the token alphabet, like a real token, but issued by no one.
std::string RandomToken() {
  static constexpr char kAlphabet[] =
      "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";
  std::random_device device;
  std::string token;
  for (int i = 0; i < 43; ++i) token.push_back(kAlphabet[device() % 64]);
  return token;
}

// The tenant of a stream id: "pupil/<tenant>/<id>", "school/<tenant>/...", "access/<tenant>".
std::string TenantOfStream(const std::string& stream_id) {
  std::vector<std::string> parts = absl::StrSplit(stream_id, '/');
  return parts.size() >= 2 ? parts[1] : "";
}

// --- The server, its tokens and its records ---------------------------------------------------

struct Caller {
  std::string name;  // for messages: "teacher of school-1"
  auth::Principal principal;
  std::string token;
};

class AuthMatrixTest : public ::testing::Test {
 protected:
  void SetUp() override {
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

  void TearDown() override {
    for (const std::string& method : unimplemented_) {
      ADD_FAILURE() << method
                    << " answered UNIMPLEMENTED: endeavourd does not serve it, so who may call "
                       "it cannot be checked (register the service in endeavourd_main.cc)";
    }
  }

  Caller AddCaller(const std::string& tenant, const std::string& role, const std::string& actor,
                   const std::string& grant = "") {
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

  std::vector<const Caller*> SchoolOneCallers() const {
    return {&senco_, &teacher_, &leader_, &governor_, &feed_, &admin_, &la_officer_, &inspector_};
  }

  std::unique_ptr<grpc::ClientContext> As(const Caller& caller) {
    auto context = std::make_unique<grpc::ClientContext>();
    context->AddMetadata("authorization", "Bearer " + caller.token);
    context->set_deadline(std::chrono::system_clock::now() + std::chrono::seconds(10));
    return context;
  }

  std::string Unique(const std::string& prefix) { return absl::StrCat(prefix, "-", ++unique_); }

  v1::CommandHeader Header() {
    v1::CommandHeader header;
    header.set_command_id(Unique("command"));
    *header.mutable_today() = Today();
    return header;
  }

  template <typename Request>
  Request ForPupil(const std::string& pupil_id) {
    Request request;
    *request.mutable_header() = Header();
    request.set_pupil_id(pupil_id);
    return request;
  }

  static v1::PupilRegistered NewPupil(const std::string& id, const std::string& name) {
    v1::PupilRegistered pupil = t::Amelia();
    pupil.set_pupil_id(id);
    pupil.set_display_name(name);
    return pupil;
  }

  // Runs a command that must succeed; keeps its event ids (by tenant) and the log head.
  v1::CommandReply Commit(
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

  // school-1: Amelia with a need, on SEN support, plan-1 reviewed, plan-2 active, a session, a
  // request for advice; a second pupil with a need; a self-evaluation rating. school-2: one pupil.
  void Seed() {
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
    Commit(senco_, "review-1",
           [&](auto* c, auto* r) { return pupils_->RecordReview(c, review, r); });
    auto plan2 = ForPupil<v1::AgreePlanRequest>(kPupil);
    *plan2.mutable_command()->mutable_plan() = t::SecondPlan();
    Commit(senco_, "plan-2", [&](auto* c, auto* r) { return pupils_->AgreePlan(c, plan2, r); });
    auto session = ForPupil<v1::LogInterventionRequest>(kPupil);
    *session.mutable_command()->mutable_session() =
        t::Session("s-seed", t::D(2025, 12, 2), "pt", "plan-2");
    v1::CommandReply logged = Commit(senco_, "session", [&](auto* c, auto* r) {
      return pupils_->LogIntervention(c, session, r);
    });
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

  // Signs the log's head now; its tree size.
  uint64_t SignHead() {
    v1::SignTreeHeadReply reply;
    grpc::Status status = audit_->SignTreeHead(As(senco_).get(), {}, &reply);
    EXPECT_TRUE(status.ok()) << "SignTreeHead: " << Describe(status);
    EXPECT_EQ(reply.head().tree_size(), head_);
    return reply.head().tree_size();
  }

  static v1::RatingRecorded Rating() {
    v1::RatingRecorded rating = t::GovernorRating();
    *rating.mutable_rated_on() = t::D(2026, 4, 20);
    return rating;
  }

  // Registers a new pupil at the caller's school; the position of that one event, which is the
  // log's new head when nothing else is written meanwhile.
  uint64_t ProbeHead(const Caller& caller) {
    const std::string id = Unique("probe");
    auto probe = ForPupil<v1::RegisterPupilRequest>(id);
    *probe.mutable_command()->mutable_pupil() = NewPupil(id, "Probe Pupil");
    v1::CommandReply reply = Commit(
        caller, "probe", [&](auto* c, auto* r) { return pupils_->RegisterPupil(c, probe, r); });
    EXPECT_EQ(reply.event_ids_size(), 1);
    return reply.position();
  }

  // A request for each method the test knows, valid for a caller allowed to make it (each call
  // gets fresh ids, so the senco's and the teacher's sessions are both new).
  void MakeBuilders() {
    auto pupil = [this](const std::string& method, std::function<std::string()> build) {
      builders_[absl::StrCat("endeavour.v1.PupilRecordService.", method)] = std::move(build);
    };
    pupil("RegisterPupil", [this] {
      const std::string id = Unique("reg");
      auto r = ForPupil<v1::RegisterPupilRequest>(id);
      *r.mutable_command()->mutable_pupil() = NewPupil(id, "New Pupil");
      return r.SerializeAsString();
    });
    pupil("IdentifyNeed", [this] {
      auto r = ForPupil<v1::IdentifyNeedRequest>(kPupil);
      v1::NeedIdentified need = t::LanguageNeed();
      need.set_need_id(Unique("need"));
      *r.mutable_command()->mutable_need() = need;
      return r.SerializeAsString();
    });
    pupil("ChangeSenStatus", [this] {
      auto r = ForPupil<v1::ChangeSenStatusRequest>(kSecondPupil);
      *r.mutable_command()->mutable_change() = t::OntoSenSupport();
      return r.SerializeAsString();
    });
    pupil("AgreePlan", [this] {  // plan-2 again: already agreed, so nothing new
      auto r = ForPupil<v1::AgreePlanRequest>(kPupil);
      *r.mutable_command()->mutable_plan() = t::SecondPlan();
      return r.SerializeAsString();
    });
    pupil("LogIntervention", [this] {
      auto r = ForPupil<v1::LogInterventionRequest>(kPupil);
      *r.mutable_command()->mutable_session() =
          t::Session(Unique("s"), t::D(2025, 12, 3), "pt", "plan-2");
      return r.SerializeAsString();
    });
    pupil("RecordReview", [this] {  // review-1 again: already held, so nothing new
      auto r = ForPupil<v1::RecordReviewRequest>(kPupil);
      *r.mutable_command()->mutable_review() = t::FirstReview();
      return r.SerializeAsString();
    });
    pupil("AdjustPlan", [this] {
      auto r = ForPupil<v1::AdjustPlanRequest>(kPupil);
      v1::PlanAdjusted adjustment = t::Adjustment();
      adjustment.set_adjustment_id(Unique("adj"));
      adjustment.set_plan_id("plan-2");
      *adjustment.mutable_adjusted_on() = t::D(2025, 12, 5);
      *r.mutable_command()->mutable_adjustment() = adjustment;
      return r.SerializeAsString();
    });
    pupil("RequestExternalAdvice", [this] {
      auto r = ForPupil<v1::RequestExternalAdviceRequest>(kPupil);
      v1::ExternalAdviceRequested request = t::AdviceRequest();
      request.set_request_id(Unique("ep"));
      *r.mutable_command()->mutable_request() = request;
      return r.SerializeAsString();
    });
    pupil("RecordExternalAdvice", [this] {  // answers the seeded request ep-1
      auto r = ForPupil<v1::RecordExternalAdviceRequest>(kPupil);
      *r.mutable_command()->mutable_advice() = t::Advice();
      return r.SerializeAsString();
    });
    pupil("RequestEhcNeedsAssessment", [this] {
      auto r = ForPupil<v1::RequestEhcNeedsAssessmentRequest>(kPupil);
      v1::EhcNeedsAssessmentRequested request = t::EhcRequest();
      request.set_request_id(Unique("ehc"));
      *r.mutable_command()->mutable_request() = request;
      return r.SerializeAsString();
    });
    pupil("TransferPupilOut", [this] {
      auto r = ForPupil<v1::TransferPupilOutRequest>(kSecondPupil);
      *r.mutable_command()->mutable_transfer() = t::TransferOut();
      return r.SerializeAsString();
    });
    pupil("ReceivePupilTransfer", [this] {
      const std::string id = Unique("in");
      auto r = ForPupil<v1::ReceivePupilTransferRequest>(id);
      v1::PupilTransferred transfer = t::TransferIn();
      transfer.set_from_stream_id("pupil/school-0112/" + id);
      *transfer.mutable_pupil() = NewPupil(id, "Arriving Pupil");
      *r.mutable_command()->mutable_transfer() = transfer;
      return r.SerializeAsString();
    });
    pupil("CorrectRecord", [this] {
      auto r = ForPupil<v1::CorrectRecordRequest>(kPupil);
      v1::NeedIdentified corrected = t::ReadingNeed();
      corrected.set_views(
          "Class teacher, parents and the SENCO agree reading is the main barrier.");
      *r.mutable_command()->mutable_correction() = t::Correction(need_event_id_, corrected);
      return r.SerializeAsString();
    });
    pupil("RetractRecord", [this] {
      auto r = ForPupil<v1::RetractRecordRequest>(kPupil);
      *r.mutable_command()->mutable_retraction() = t::Retraction(session_event_id_);
      return r.SerializeAsString();
    });

    builders_["endeavour.v1.SelfEvaluationService.RecordRating"] = [this] {
      v1::RecordRatingRequest r;
      *r.mutable_header() = Header();
      *r.mutable_command()->mutable_rating() = Rating();
      return r.SerializeAsString();
    };
    builders_["endeavour.v1.SelfEvaluationService.PlanImprovementAction"] = [this] {
      v1::PlanImprovementActionRequest r;
      *r.mutable_header() = Header();
      v1::ImprovementActionPlanned action = t::GovernorTraining();
      action.set_action_id(Unique("action"));
      *action.mutable_planned_on() = t::D(2026, 4, 21);
      *r.mutable_command()->mutable_action() = action;
      return r.SerializeAsString();
    };

    builders_["endeavour.v1.QueryService.GetCurrentPlan"] = [this] {
      return PupilView(kPupil).SerializeAsString();
    };
    builders_["endeavour.v1.QueryService.GetHistory"] = [this] {
      return PupilView(kPupil).SerializeAsString();
    };
    builders_["endeavour.v1.QueryService.GetSelfEvaluationTrends"] = [this] {
      v1::SchoolViewRequest r;
      *r.mutable_options() = Options();
      return r.SerializeAsString();
    };
    builders_["endeavour.v1.QueryService.GetSchoolOverview"] = [this] {
      v1::OverviewRequest r;
      *r.mutable_options() = Options();
      return r.SerializeAsString();
    };

    builders_["endeavour.v1.EventStreamService.ReadStream"] = [] {
      v1::ReadStreamRequest r;
      r.set_pupil_id(kPupil);
      r.set_from_version(1);
      return r.SerializeAsString();
    };
    builders_["endeavour.v1.EventStreamService.ReadAll"] = [] {
      v1::ReadAllRequest r;
      r.set_from_position(1);
      r.set_max_count(1000);
      return r.SerializeAsString();
    };
    builders_["endeavour.v1.EventStreamService.Subscribe"] = [] {
      v1::SubscribeRequest r;
      r.set_from_position(1);
      return r.SerializeAsString();
    };
    builders_["endeavour.v1.AuditService.ReadAccessLog"] = [] {
      v1::AccessLogRequest r;
      r.set_from_version(1);
      return r.SerializeAsString();
    };
    builders_["endeavour.v1.AuditService.GetPublicKey"] = [] {
      return v1::PublicKeyRequest().SerializeAsString();
    };
    builders_["endeavour.v1.AuditService.SignTreeHead"] = [] {
      return v1::SignTreeHeadRequest().SerializeAsString();
    };
    builders_["endeavour.v1.AuditService.ListSignedTreeHeads"] = [] {
      v1::ListSignedTreeHeadsRequest r;
      r.set_from_tree_size(1);
      return r.SerializeAsString();
    };
    builders_["endeavour.v1.AuditService.GetSignedTreeHead"] = [this] {
      v1::GetSignedTreeHeadRequest r;
      r.set_tree_size(second_signed_size_);
      return r.SerializeAsString();
    };
    // Amelia's need, at school-1: a caller that may read school-1's records gets it.
    builders_["endeavour.v1.AuditService.GetInclusionProof"] = [this] {
      v1::InclusionProofRequest r;
      r.set_position(need_position_);
      r.set_tree_size(second_signed_size_);
      return r.SerializeAsString();
    };
    builders_["endeavour.v1.AuditService.GetConsistencyProof"] = [this] {
      v1::ConsistencyProofRequest r;
      r.set_first_tree_size(first_signed_size_);
      r.set_second_tree_size(second_signed_size_);
      return r.SerializeAsString();
    };
  }

  // Views as they stand once the seed is folded in, reckoned to a fixed day.
  v1::ViewOptions Options() const {
    v1::ViewOptions options;
    options.set_wait_for_position(head_);
    *options.mutable_today() = Today();
    return options;
  }

  v1::PupilViewRequest PupilView(const std::string& pupil_id) const {
    v1::PupilViewRequest request;
    request.set_pupil_id(pupil_id);
    *request.mutable_options() = Options();
    return request;
  }

  // The known method's request, or an empty one for a method the test does not know.
  std::string RequestFor(const pb::MethodDescriptor& method) {
    if (auto it = builders_.find(method.full_name()); it != builders_.end()) return it->second();
    return NewMessage(*method.input_type())->SerializeAsString();
  }

  Reply CallAs(const Caller& caller, const pb::MethodDescriptor& method,
               const std::string& request) {
    return generic_->Call(method, request, "Bearer " + caller.token);
  }

  // True (and noted, reported once in TearDown) if the server does not serve the method.
  bool Unimplemented(const pb::MethodDescriptor& method, const Reply& reply) {
    if (reply.status.error_code() != grpc::StatusCode::UNIMPLEMENTED) return false;
    unimplemented_.insert(method.full_name());
    return true;
  }

  // Refused with exactly `code`, and nothing received.
  void ExpectRefused(const std::string& who, const pb::MethodDescriptor& method, const Reply& reply,
                     grpc::StatusCode code) {
    if (Unimplemented(method, reply)) return;
    EXPECT_EQ(reply.status.error_code(), code)
        << who << ": " << method.full_name() << " must be " << CodeName(code) << " but answered "
        << Describe(reply.status);
    EXPECT_EQ(reply.messages, 0) << who << ": " << method.full_name() << " sent a reply";
    EXPECT_TRUE(reply.bytes.empty())
        << who << ": " << method.full_name() << " returned " << reply.bytes.size() << " bytes";
  }

  // Nothing in `reply` comes from school-1's records: not its tenant name, its pupil's name or
  // need, nor any of its events' ids.
  void ExpectNothingOfSchoolOne(const std::string& who, const pb::MethodDescriptor& method,
                                const Reply& reply) {
    std::vector<std::string> markers = {kSchool, "Amelia", "Salford"};
    for (const std::string& id : event_ids_[kSchool]) markers.push_back(id);
    for (const std::string& marker : markers) {
      EXPECT_FALSE(absl::StrContains(reply.bytes, marker))
          << who << ": " << method.full_name() << " (" << Describe(reply.status)
          << ") returned school-1's \"" << marker << "\"";
    }
  }

  // Every event of the feed is `tenant`'s, by its envelope and by its stream.
  static void ExpectOnlyTenant(const std::string& who, const std::string& tenant,
                               const v1::EventEnvelope& event) {
    EXPECT_EQ(event.tenant(), tenant)
        << who << " was sent event " << event.position() << " of " << event.stream_id();
    EXPECT_EQ(TenantOfStream(event.stream_id()), tenant)
        << who << " was sent event " << event.position() << " of " << event.stream_id();
  }

  // The whole feed of `caller`, page by page.
  std::vector<v1::EventEnvelope> ReadAll(const Caller& caller, grpc::Status* status) {
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
}  // namespace endeavour
