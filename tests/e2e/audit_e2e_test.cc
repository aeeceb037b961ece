// Signed tree heads and proofs end to end, against a real endeavourd: the signing key is made
// once, private and stable; heads verify with the published key, list in order, survive SIGKILL
// and are signed at an interval only when the log has grown; inclusion and consistency proofs
// verify with eventstore's pure checks over exactly the bytes returned; and an event is proven
// only to a caller who may read it.
#include <grpcpp/grpcpp.h>
#include <signal.h>
#include <sys/stat.h>

#include <filesystem>
#include <memory>
#include <string>
#include <vector>

#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "absl/time/clock.h"
#include "endeavour/v1/api.grpc.pb.h"
#include "eventstore/merkle_proofs.h"
#include "eventstore/testing/temp_dir.h"
#include "gtest/gtest.h"
#include "services/audit/signed_tree_head.h"
#include "services/domain/pupil_record_test_util.h"
#include "tests/e2e/server_process.h"

namespace endeavour {
namespace {

namespace t = domain::testing;

std::string Describe(const grpc::Status& status) {
  return absl::StrCat(status.error_code(), " \"", status.error_message(), "\"");
}

class AuditEndToEndTest : public ::testing::Test {
 protected:
  void SetUp() override {
    senco_ = AddToken("school-1", "senco", "staff/1042");
    teacher_ = AddToken("school-1", "teacher", "staff/2210");
    admin_ = AddToken("school-1", "admin", "ops/1");
    other_senco_ = AddToken("school-2", "senco", "staff/9001");
    la_officer_ = AddToken("la-1", "la_officer", "la/77", "school-1");
    inspector_ = AddToken("ofsted-1", "inspector", "hmi/5", "school-2");
    ASSERT_FALSE(HasFailure());
  }

  std::string AddToken(const std::string& tenant, const std::string& role, const std::string& actor,
                       const std::string& grant = "") {
    testing::Output out = testing::AddToken(ENDEAVOURD, tokens_, tenant, role, actor, grant);
    EXPECT_EQ(out.exit_code, 0) << out.out;
    return out.out;
  }

  void StartServer(std::vector<std::string> extra = {}) {
    std::vector<std::string> args = {"--data", data_, "--tokens", tokens_};
    args.insert(args.end(), extra.begin(), extra.end());
    ASSERT_TRUE(server_.Start(ENDEAVOURD, args));
    auto channel = grpc::CreateChannel(server_.address(), grpc::InsecureChannelCredentials());
    pupils_ = v1::PupilRecordService::NewStub(channel);
    queries_ = v1::QueryService::NewStub(channel);
    audit_ = v1::AuditService::NewStub(channel);
  }

  std::unique_ptr<grpc::ClientContext> As(const std::string& token) {
    auto context = std::make_unique<grpc::ClientContext>();
    context->AddMetadata("authorization", "Bearer " + token);
    context->set_deadline(std::chrono::system_clock::now() + std::chrono::seconds(10));
    return context;
  }

  // Registers a pupil at the token's school; the position of that one event.
  uint64_t Register(const std::string& token, const std::string& pupil_id) {
    v1::RegisterPupilRequest request;
    request.mutable_header()->set_command_id(absl::StrCat("c-", ++unique_));
    *request.mutable_header()->mutable_today() = t::D(2026, 1, 5);
    request.set_pupil_id(pupil_id);
    *request.mutable_command()->mutable_pupil() = t::Amelia();
    request.mutable_command()->mutable_pupil()->set_pupil_id(pupil_id);
    v1::CommandReply reply;
    grpc::Status status = pupils_->RegisterPupil(As(token).get(), request, &reply);
    EXPECT_TRUE(status.ok()) << Describe(status);
    return reply.position();
  }

  uint64_t IdentifyNeed(const std::string& pupil_id) {
    v1::IdentifyNeedRequest request;
    request.mutable_header()->set_command_id(absl::StrCat("c-", ++unique_));
    *request.mutable_header()->mutable_today() = t::D(2026, 1, 5);
    request.set_pupil_id(pupil_id);
    *request.mutable_command()->mutable_need() = t::ReadingNeed();
    v1::CommandReply reply;
    grpc::Status status = pupils_->IdentifyNeed(As(senco_).get(), request, &reply);
    EXPECT_TRUE(status.ok()) << Describe(status);
    return reply.position();
  }

  v1::SignTreeHeadReply Sign(const std::string& token) {
    v1::SignTreeHeadReply reply;
    grpc::Status status = audit_->SignTreeHead(As(token).get(), {}, &reply);
    EXPECT_TRUE(status.ok()) << Describe(status);
    return reply;
  }

  audit::PublicKey PublicKey() {
    v1::PublicKeyReply reply;
    grpc::Status status = audit_->GetPublicKey(As(senco_).get(), {}, &reply);
    EXPECT_TRUE(status.ok()) << Describe(status);
    absl::StatusOr<audit::PublicKey> key = audit::PublicKey::FromPem(reply.public_key_pem());
    EXPECT_TRUE(key.ok()) << key.status();
    EXPECT_EQ(key->key_id(), reply.key_id());
    return *std::move(key);
  }

  std::vector<v1::SignedTreeHead> ListHeads(uint32_t page_size = 0) {
    std::vector<v1::SignedTreeHead> heads;
    v1::ListSignedTreeHeadsRequest request;
    request.set_max_count(page_size);
    for (int page = 0; page < 1000; ++page) {
      v1::ListSignedTreeHeadsReply reply;
      grpc::Status status = audit_->ListSignedTreeHeads(As(senco_).get(), request, &reply);
      EXPECT_TRUE(status.ok()) << Describe(status);
      heads.insert(heads.end(), reply.heads().begin(), reply.heads().end());
      if (!status.ok() || reply.next_tree_size() == 0) break;
      request.set_from_tree_size(reply.next_tree_size());
    }
    return heads;
  }

  endeavour::testing::TempDir dir_{"audit_e2e"};
  const std::string tokens_ = dir_.path() + "/tokens";
  const std::string data_ = dir_.path() + "/data";
  std::string senco_, teacher_, admin_, other_senco_, la_officer_, inspector_;
  testing::ServerProcess server_;
  std::unique_ptr<v1::PupilRecordService::Stub> pupils_;
  std::unique_ptr<v1::QueryService::Stub> queries_;
  std::unique_ptr<v1::AuditService::Stub> audit_;
  int unique_ = 0;
};

TEST_F(AuditEndToEndTest, TheKeyIsPrivateStableAndPrintedByTheKeyCommand) {
  // Before the first start there is no key, and `endeavourd key` makes none.
  testing::Output none = testing::RunToCompletion(ENDEAVOURD, {"key", "--data", data_});
  EXPECT_NE(none.exit_code, 0);
  EXPECT_FALSE(std::filesystem::exists(data_ + "/signing-key.pem"));

  StartServer();
  const std::string key_path = data_ + "/signing-key.pem";
  struct stat info;
  ASSERT_EQ(stat(key_path.c_str(), &info), 0);
  EXPECT_EQ(info.st_mode & 0777, 0600u);
  const std::string key_id = PublicKey().key_id();
  EXPECT_EQ(key_id.size(), 64u);

  testing::Output printed = testing::RunToCompletion(ENDEAVOURD, {"key", "--data", data_});
  EXPECT_EQ(printed.exit_code, 0);
  EXPECT_TRUE(absl::StrContains(printed.out, "-----BEGIN PUBLIC KEY-----")) << printed.out;
  EXPECT_TRUE(absl::StrContains(printed.out, "key id: " + key_id)) << printed.out;
  testing::Output by_file =
      testing::RunToCompletion(ENDEAVOURD, {"key", "--signing-key", key_path});
  EXPECT_EQ(by_file.out, printed.out);

  EXPECT_EQ(server_.Stop(SIGTERM), 0);
  StartServer();
  EXPECT_EQ(PublicKey().key_id(), key_id);
  server_.Stop(SIGTERM);

  // A key others may read is refused at start, saying so.
  chmod(key_path.c_str(), 0644);
  testing::ServerProcess refused;
  EXPECT_FALSE(refused.Start(ENDEAVOURD, {"--data", data_, "--tokens", tokens_}));
}

TEST_F(AuditEndToEndTest, HeadsSignedOnDemandVerifyListInOrderAndSurviveSigkill) {
  StartServer();
  const audit::PublicKey key = PublicKey();
  v1::SignTreeHeadReply empty;
  EXPECT_EQ(audit_->SignTreeHead(As(senco_).get(), {}, &empty).error_code(),
            grpc::StatusCode::FAILED_PRECONDITION)
      << "an empty log has nothing to sign";
  std::vector<v1::SignedTreeHead> signed_heads;
  for (int i = 0; i < 4; ++i) {
    const uint64_t position = Register(senco_, absl::StrCat("p-", i));
    v1::SignTreeHeadReply reply = Sign(senco_);
    EXPECT_TRUE(reply.newly_signed());
    EXPECT_EQ(reply.head().tree_size(), position);
    EXPECT_TRUE(audit::VerifyTreeHead(reply.head(), key).ok());
    signed_heads.push_back(reply.head());
  }
  // Nothing new in the log: the latest head again, not a new one.
  v1::SignTreeHeadReply again = Sign(admin_);
  EXPECT_FALSE(again.newly_signed());
  EXPECT_EQ(again.head().SerializeAsString(), signed_heads.back().SerializeAsString());

  for (uint32_t page_size : {0u, 1u, 3u}) {
    std::vector<v1::SignedTreeHead> listed = ListHeads(page_size);
    ASSERT_EQ(listed.size(), signed_heads.size()) << page_size;
    for (size_t i = 0; i < listed.size(); ++i) {
      EXPECT_EQ(listed[i].SerializeAsString(), signed_heads[i].SerializeAsString());
    }
  }

  const v1::SignedTreeHead kept = signed_heads[2];
  EXPECT_EQ(server_.Stop(SIGKILL) & 0x7f, SIGKILL);
  StartServer();
  v1::GetSignedTreeHeadRequest request;
  request.set_tree_size(kept.tree_size());
  v1::SignedTreeHead fetched;
  grpc::Status status = audit_->GetSignedTreeHead(As(senco_).get(), request, &fetched);
  ASSERT_TRUE(status.ok()) << Describe(status);
  EXPECT_EQ(fetched.SerializeAsString(), kept.SerializeAsString());
  EXPECT_TRUE(audit::VerifyTreeHead(fetched, PublicKey()).ok());
  request.set_tree_size(0);
  ASSERT_TRUE(audit_->GetSignedTreeHead(As(senco_).get(), request, &fetched).ok());
  EXPECT_EQ(fetched.SerializeAsString(), signed_heads.back().SerializeAsString());
  request.set_tree_size(kept.tree_size() + 1000);
  status = audit_->GetSignedTreeHead(As(senco_).get(), request, &fetched);
  EXPECT_EQ(status.error_code(), grpc::StatusCode::NOT_FOUND) << Describe(status);
  EXPECT_TRUE(absl::StrContains(status.error_message(), "tree_size")) << Describe(status);
}

TEST_F(AuditEndToEndTest, TheIntervalSignsOnlyWhenTheLogHasGrown) {
  StartServer({"--sign-interval-seconds", "1"});
  const uint64_t first = Register(senco_, "p-1");
  // Waits on the list itself, with a generous bound, never on a timing assertion.
  std::vector<v1::SignedTreeHead> heads;
  for (int i = 0; i < 300 && heads.empty(); ++i) {
    absl::SleepFor(absl::Milliseconds(100));
    heads = ListHeads();
  }
  ASSERT_EQ(heads.size(), 1u);
  EXPECT_EQ(heads[0].tree_size(), first);
  absl::SleepFor(absl::Seconds(3));  // three intervals with nothing new in the log
  EXPECT_EQ(ListHeads().size(), 1u) << "a head was signed although the log had not grown";
  const uint64_t second = Register(senco_, "p-2");
  for (int i = 0; i < 300 && heads.size() < 2; ++i) {
    absl::SleepFor(absl::Milliseconds(100));
    heads = ListHeads();
  }
  ASSERT_EQ(heads.size(), 2u);
  EXPECT_EQ(heads[1].tree_size(), second);
  EXPECT_TRUE(audit::VerifyTreeHead(heads[1], PublicKey()).ok());
}

TEST_F(AuditEndToEndTest, InclusionAndConsistencyProofsVerifyOverTheReturnedBytes) {
  StartServer();
  std::vector<uint64_t> amelia = {Register(senco_, "adm-20417"), IdentifyNeed("adm-20417")};
  const v1::SignedTreeHead early = Sign(senco_).head();
  Register(other_senco_, "adm-99999");
  for (int i = 0; i < 5; ++i) Register(senco_, absl::StrCat("p-", i));
  const v1::SignedTreeHead late = Sign(senco_).head();
  const audit::PublicKey key = PublicKey();

  for (const v1::SignedTreeHead& head : {early, late}) {
    for (uint64_t position : {amelia[0], amelia[1]}) {
      v1::InclusionProofRequest request;
      request.set_position(position);
      request.set_tree_size(head.tree_size());
      v1::InclusionProofReply reply;
      grpc::Status status = audit_->GetInclusionProof(As(senco_).get(), request, &reply);
      ASSERT_TRUE(status.ok()) << Describe(status);
      EXPECT_EQ(reply.head().SerializeAsString(), head.SerializeAsString());
      EXPECT_TRUE(audit::VerifyTreeHead(reply.head(), key).ok());
      v1::EventEnvelope event;
      ASSERT_TRUE(event.ParseFromString(reply.event()));
      EXPECT_EQ(event.stream_id(), "pupil/school-1/adm-20417");
      EXPECT_EQ(event.position(), position);
      const std::vector<std::string> path(reply.audit_path().begin(), reply.audit_path().end());
      EXPECT_TRUE(eventstore::VerifyInclusion(eventstore::LeafHash(reply.event()), position,
                                              head.tree_size(), path, head.root_hash())
                      .ok());
      std::string altered = reply.event();
      altered[altered.size() / 2] ^= 0x01;
      EXPECT_FALSE(eventstore::VerifyInclusion(eventstore::LeafHash(altered), position,
                                               head.tree_size(), path, head.root_hash())
                       .ok());
    }
  }
  // Each proof was a read of Amelia's record, and is in the access log.
  v1::AccessLogRequest log_request;
  log_request.set_from_version(1);
  v1::AccessLogReply log;
  ASSERT_TRUE(audit_->ReadAccessLog(As(senco_).get(), log_request, &log).ok());
  int proofs_logged = 0;
  for (const v1::RecordRead& read : log.entries()) {
    if (read.view() == "inclusion_proof" && read.pupil_id() == "adm-20417") ++proofs_logged;
  }
  EXPECT_EQ(proofs_logged, 4);

  for (const auto& [first, second] : {std::pair{early, late}, std::pair{late, late}}) {
    v1::ConsistencyProofRequest request;
    request.set_first_tree_size(first.tree_size());
    request.set_second_tree_size(second.tree_size());
    v1::ConsistencyProofReply reply;
    grpc::Status status = audit_->GetConsistencyProof(
        As(la_officer_).get(),
        [&] {
          request.set_school("school-1");
          return request;
        }(),
        &reply);
    ASSERT_TRUE(status.ok()) << Describe(status);
    EXPECT_TRUE(audit::VerifyTreeHead(reply.first(), key).ok());
    EXPECT_TRUE(audit::VerifyTreeHead(reply.second(), key).ok());
    const std::vector<std::string> proof(reply.proof().begin(), reply.proof().end());
    EXPECT_TRUE(eventstore::VerifyConsistency(first.tree_size(), first.root_hash(),
                                              second.tree_size(), second.root_hash(), proof)
                    .ok());
    if (first.tree_size() < second.tree_size()) {
      EXPECT_FALSE(eventstore::VerifyConsistency(first.tree_size(), second.root_hash(),
                                                 second.tree_size(), second.root_hash(), proof)
                       .ok());
    }
  }
  v1::ConsistencyProofRequest backwards;
  backwards.set_first_tree_size(late.tree_size());
  backwards.set_second_tree_size(early.tree_size());
  v1::ConsistencyProofReply nothing;
  EXPECT_EQ(audit_->GetConsistencyProof(As(senco_).get(), backwards, &nothing).error_code(),
            grpc::StatusCode::INVALID_ARGUMENT);
}

TEST_F(AuditEndToEndTest, AnEventIsProvenOnlyToThoseWhoMayReadIt) {
  StartServer();
  const uint64_t amelia = Register(senco_, "adm-20417");
  const uint64_t zara = Register(other_senco_, "adm-99999");
  // A read of Amelia's history is recorded in school-1's access log, just before the probe.
  v1::PupilViewRequest view;
  view.set_pupil_id("adm-20417");
  view.mutable_options()->set_wait_for_position(amelia);
  v1::BestEndeavoursHistory history;
  ASSERT_TRUE(queries_->GetHistory(As(senco_).get(), view, &history).ok());
  const uint64_t access_event = Register(senco_, "probe") - 1;
  const uint64_t size = Sign(senco_).head().tree_size();

  auto prove = [&](const std::string& token, uint64_t position, const std::string& school) {
    v1::InclusionProofRequest request;
    request.set_position(position);
    request.set_tree_size(size);
    request.set_school(school);
    v1::InclusionProofReply reply;
    grpc::Status status = audit_->GetInclusionProof(As(token).get(), request, &reply);
    EXPECT_EQ(reply.ByteSizeLong() == 0, !status.ok()) << Describe(status);
    return status.error_code();
  };
  using grpc::StatusCode;
  EXPECT_EQ(prove(senco_, amelia, ""), StatusCode::OK);
  EXPECT_EQ(prove(senco_, zara, ""), StatusCode::PERMISSION_DENIED) << "another school's event";
  EXPECT_EQ(prove(senco_, zara, "school-2"), StatusCode::PERMISSION_DENIED);
  EXPECT_EQ(prove(senco_, access_event, ""), StatusCode::PERMISSION_DENIED) << "the access log";
  EXPECT_EQ(prove(other_senco_, amelia, ""), StatusCode::PERMISSION_DENIED);
  EXPECT_EQ(prove(other_senco_, zara, ""), StatusCode::OK);
  EXPECT_EQ(prove(la_officer_, amelia, "school-1"), StatusCode::OK);
  EXPECT_EQ(prove(la_officer_, amelia, ""), StatusCode::PERMISSION_DENIED);
  EXPECT_EQ(prove(la_officer_, zara, "school-1"), StatusCode::PERMISSION_DENIED);
  EXPECT_EQ(prove(la_officer_, zara, "school-2"), StatusCode::PERMISSION_DENIED) << "not granted";
  EXPECT_EQ(prove(inspector_, zara, "school-2"), StatusCode::OK);
  EXPECT_EQ(prove(inspector_, amelia, "school-2"), StatusCode::PERMISSION_DENIED);
  EXPECT_EQ(prove(teacher_, amelia, ""), StatusCode::PERMISSION_DENIED);
  EXPECT_EQ(prove(admin_, amelia, ""), StatusCode::PERMISSION_DENIED);
  EXPECT_EQ(prove(senco_, size + 1, ""), StatusCode::INVALID_ARGUMENT) << "past the head";
  EXPECT_EQ(prove(senco_, 0, ""), StatusCode::INVALID_ARGUMENT);

  // Heads carry no child's data, but a teacher has no audit role, and a granted role reads
  // them only through a school granted to it.
  v1::SignTreeHeadReply head;
  EXPECT_EQ(audit_->SignTreeHead(As(teacher_).get(), {}, &head).error_code(),
            StatusCode::PERMISSION_DENIED);
  v1::PublicKeyReply key;
  EXPECT_EQ(audit_->GetPublicKey(As(teacher_).get(), {}, &key).error_code(),
            StatusCode::PERMISSION_DENIED);
  EXPECT_EQ(audit_->GetPublicKey(As(la_officer_).get(), {}, &key).error_code(),
            StatusCode::PERMISSION_DENIED);
  v1::PublicKeyRequest granted;
  granted.set_school("school-1");
  EXPECT_EQ(audit_->GetPublicKey(As(la_officer_).get(), granted, &key).error_code(),
            StatusCode::OK);
  EXPECT_EQ(audit_->GetPublicKey(As(admin_).get(), {}, &key).error_code(), StatusCode::OK);
}

}  // namespace
}  // namespace endeavour
