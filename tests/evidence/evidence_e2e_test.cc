// Evidence packs end to end: `endeavour evidence-pack` against a real endeavourd seeded with a
// demo school, and `endeavour verify-pack` offline. An intact pack verifies, holds every event of
// the pupil and nothing of any other pupil; every kind of tampering (with the pack, with the key,
// with the store's files, with the log after an earlier head) fails with a message naming it.
#include <grpcpp/grpcpp.h>
#include <rocksdb/db.h>
#include <signal.h>

#include <chrono>
#include <fstream>
#include <memory>
#include <sstream>
#include <string>
#include <vector>

#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "clients/demo/demo_school.h"
#include "endeavour/v1/api.grpc.pb.h"
#include "endeavour/v1/evidence.pb.h"
#include "eventstore/testing/temp_dir.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "services/audit/signed_tree_head.h"
#include "services/audit/signing_key.h"
#include "services/domain/pupil_record_test_util.h"
#include "tests/e2e/server_process.h"

namespace endeavour {
namespace {

namespace t = domain::testing;
using ::testing::HasSubstr;

constexpr int kExitNotVerified = 8;

std::string ReadFile(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  std::stringstream text;
  text << in.rdbuf();
  return text.str();
}

void WriteFile(const std::string& path, const std::string& bytes) {
  std::ofstream(path, std::ios::binary | std::ios::trunc) << bytes;
}

class EvidenceEndToEndTest : public ::testing::Test {
 protected:
  void SetUp() override {
    senco_ = AddToken("school-1", "senco", "staff/1042");
    la_officer_ = AddToken("la-1", "la_officer", "la/77", "school-1");
    admin_ = AddToken("school-1", "admin", "ops/1");
    ASSERT_FALSE(HasFailure());
  }

  std::string AddToken(const std::string& tenant, const std::string& role, const std::string& actor,
                       const std::string& grant = "") {
    testing::Output out = testing::AddToken(ENDEAVOURD, tokens_, tenant, role, actor, grant);
    EXPECT_EQ(out.exit_code, 0) << out.out;
    return out.out;
  }

  void StartServer(testing::ServerProcess& server, const std::string& data,
                   std::vector<std::string> extra = {}) {
    std::vector<std::string> args = {"--data", data, "--tokens", tokens_};
    args.insert(args.end(), extra.begin(), extra.end());
    ASSERT_TRUE(server.Start(ENDEAVOURD, args));
    address_ = server.address();
    auto channel = grpc::CreateChannel(address_, grpc::InsecureChannelCredentials());
    audit_ = v1::AuditService::NewStub(channel);
    pupils_ = v1::PupilRecordService::NewStub(channel);
  }

  // The public key PEM of the server with data folder `data`, written to a file; its path.
  std::string KeyFile(const std::string& data, const std::string& name = "server.pem") {
    testing::Output printed = testing::RunToCompletion(ENDEAVOURD, {"key", "--data", data});
    EXPECT_EQ(printed.exit_code, 0) << printed.out;
    const std::string path = dir_.path() + "/" + name;
    WriteFile(path, printed.out.substr(0, printed.out.find("key id:")));
    return path;
  }

  testing::Output Endeavour(const std::string& token, std::vector<std::string> args) {
    std::vector<std::string> all = {"--server", address_, "--token", token};
    all.insert(all.end(), args.begin(), args.end());
    return testing::RunToCompletion(ENDEAVOUR, all);
  }

  // verify-pack needs no server.
  testing::Output Verify(std::vector<std::string> args) {
    std::vector<std::string> all = {"verify-pack"};
    all.insert(all.end(), args.begin(), args.end());
    return testing::RunToCompletion(ENDEAVOUR, all);
  }

  std::unique_ptr<grpc::ClientContext> As(const std::string& token) {
    auto context = std::make_unique<grpc::ClientContext>();
    context->AddMetadata("authorization", "Bearer " + token);
    context->set_deadline(std::chrono::system_clock::now() + std::chrono::seconds(30));
    return context;
  }

  void Register(const std::string& pupil_id, const std::string& name) {
    v1::RegisterPupilRequest request;
    request.mutable_header()->set_command_id(absl::StrCat("c-", ++unique_));
    *request.mutable_header()->mutable_today() = t::D(2026, 1, 5);
    request.set_pupil_id(pupil_id);
    *request.mutable_command()->mutable_pupil() = t::Amelia();
    request.mutable_command()->mutable_pupil()->set_pupil_id(pupil_id);
    request.mutable_command()->mutable_pupil()->set_display_name(name);
    v1::CommandReply reply;
    grpc::Status status = pupils_->RegisterPupil(As(senco_).get(), request, &reply);
    ASSERT_TRUE(status.ok()) << status.error_message();
  }

  void IdentifyNeed(const std::string& pupil_id) {
    v1::IdentifyNeedRequest request;
    request.mutable_header()->set_command_id(absl::StrCat("c-", ++unique_));
    *request.mutable_header()->mutable_today() = t::D(2026, 1, 5);
    request.set_pupil_id(pupil_id);
    *request.mutable_command()->mutable_need() = t::ReadingNeed();
    v1::CommandReply reply;
    grpc::Status status = pupils_->IdentifyNeed(As(senco_).get(), request, &reply);
    ASSERT_TRUE(status.ok()) << status.error_message();
  }

  v1::EvidencePack Pack(const std::string& path) {
    v1::EvidencePack pack;
    EXPECT_TRUE(pack.ParseFromString(ReadFile(path))) << path;
    return pack;
  }

  // Writes `pack` and runs verify-pack on it with `key`; expects FAILED mentioning `expected`.
  void ExpectFails(const v1::EvidencePack& pack, const std::string& key,
                   const std::string& expected, const std::string& name) {
    const std::string path = dir_.path() + "/" + name + ".pack";
    WriteFile(path, pack.SerializeAsString());
    testing::Output out = Verify({path, "--key", key});
    EXPECT_EQ(out.exit_code, kExitNotVerified) << name << ": " << out.out;
    EXPECT_THAT(out.out, HasSubstr("FAILED: ")) << name;
    EXPECT_THAT(out.out, HasSubstr(expected)) << name;
  }

  endeavour::testing::TempDir dir_{"evidence_e2e"};
  const std::string tokens_ = dir_.path() + "/tokens";
  const std::string data_ = dir_.path() + "/data";
  std::string senco_, la_officer_, admin_, address_;
  testing::ServerProcess server_;
  std::unique_ptr<v1::AuditService::Stub> audit_;
  std::unique_ptr<v1::PupilRecordService::Stub> pupils_;
  int unique_ = 0;
};

// The small demo school the tests seed, and its SEN pupil with the most events.
demo::DemoOptions SmallSchool() {
  demo::DemoOptions options;
  options.pupils = 24;
  options.sen = 6;
  return options;
}

const demo::DemoPupil& Busiest(const demo::DemoSchool& school) {
  const demo::DemoPupil* busiest = &school.pupils.front();
  for (const demo::DemoPupil& pupil : school.pupils) {
    if (pupil.requests.size() > busiest->requests.size()) busiest = &pupil;
  }
  return *busiest;
}

class DemoSchoolEvidenceTest : public EvidenceEndToEndTest {
 protected:
  void SetUp() override {
    EvidenceEndToEndTest::SetUp();
    StartServer(server_, data_);
    testing::Output seeded = Endeavour(senco_, {"demo", "seed", "--pupils", "24", "--sen", "6"});
    ASSERT_EQ(seeded.exit_code, 0) << seeded.out;
    absl::StatusOr<demo::DemoSchool> school = demo::GenerateDemoSchool(SmallSchool());
    ASSERT_TRUE(school.ok()) << school.status();
    school_ = *std::move(school);
    key_ = KeyFile(data_);
  }

  demo::DemoSchool school_;
  std::string key_;
};

TEST_F(DemoSchoolEvidenceTest, APackHoldsThePupilsWholeRecordAndNothingOfAnyOtherPupil) {
  const demo::DemoPupil& pupil = Busiest(school_);
  const std::string pack_path = dir_.path() + "/pupil.pack";
  const std::string html_path = dir_.path() + "/pupil.html";
  testing::Output made =
      Endeavour(senco_, {"evidence-pack", pupil.pupil_id, "--out", pack_path, "--html", html_path});
  ASSERT_EQ(made.exit_code, 0) << made.out;

  testing::Output verified = Verify({pack_path, "--key", key_});
  ASSERT_EQ(verified.exit_code, 0) << verified.out;
  EXPECT_THAT(verified.out,
              HasSubstr(absl::StrCat("VERIFIED: ", pupil.requests.size(), " events of pupil ",
                                     pupil.pupil_id, " of school-1")))
      << "every command recorded one event, and the pack holds them all";

  const std::string bytes = ReadFile(pack_path);
  const v1::EvidencePack pack = Pack(pack_path);
  EXPECT_EQ(ReadFile(html_path), pack.history_html());
  EXPECT_THAT(pack.history_html(), HasSubstr(pupil.display_name));
  int scanned = 0;
  for (const demo::DemoPupil& other : school_.pupils) {
    if (other.pupil_id == pupil.pupil_id) continue;
    // An id that is part of this pupil's own id or name would be found for the wrong reason.
    if (!absl::StrContains(pupil.pupil_id, other.pupil_id)) {
      EXPECT_FALSE(absl::StrContains(bytes, other.pupil_id)) << other.pupil_id;
    }
    if (!absl::StrContains(pupil.display_name, other.display_name)) {
      EXPECT_FALSE(absl::StrContains(bytes, other.display_name)) << other.display_name;
    }
    ++scanned;
  }
  EXPECT_EQ(scanned, 23);

  // An LA officer granted the school makes the same kind of pack; one not granted cannot.
  const std::string la_pack = dir_.path() + "/la.pack";
  testing::Output by_la = Endeavour(
      la_officer_, {"evidence-pack", pupil.pupil_id, "--school", "school-1", "--out", la_pack});
  ASSERT_EQ(by_la.exit_code, 0) << by_la.out;
  EXPECT_EQ(Verify({la_pack, "--key", key_}).exit_code, 0);
  EXPECT_EQ(Endeavour(la_officer_, {"evidence-pack", pupil.pupil_id, "--school", "school-2",
                                    "--out", dir_.path() + "/refused.pack"})
                .exit_code,
            4);
}

TEST_F(DemoSchoolEvidenceTest, EveryKindOfTamperingWithAPackIsCaughtAndNamed) {
  const demo::DemoPupil& pupil = Busiest(school_);
  const std::string pack_path = dir_.path() + "/pupil.pack";
  ASSERT_EQ(Endeavour(senco_, {"evidence-pack", pupil.pupil_id, "--out", pack_path}).exit_code, 0);
  const v1::EvidencePack pack = Pack(pack_path);
  ASSERT_GE(pack.events_size(), 5);

  v1::EvidencePack flipped = pack;
  std::string* bytes = flipped.mutable_events(4)->mutable_event();
  (*bytes)[bytes->size() / 2] ^= 0x01;
  ExpectFails(flipped, key_, "event 5", "flipped");
  ExpectFails(flipped, key_, "inclusion proof does not reach the signed root", "flipped");

  v1::EvidencePack dropped = pack;
  dropped.mutable_events()->DeleteSubrange(2, 1);
  ExpectFails(dropped, key_, "stream version 4 where 3 was expected", "dropped");

  v1::EvidencePack reordered = pack;
  reordered.mutable_events()->SwapElements(1, 3);
  ExpectFails(reordered, key_, "missing or out of order", "reordered");

  // Another pupil's event, with a genuine proof to the same signed head.
  const demo::DemoPupil& other = school_.pupils.front().pupil_id == pupil.pupil_id
                                     ? school_.pupils.back()
                                     : school_.pupils.front();
  v1::InclusionProofReply foreign;
  for (uint64_t position = 1; position <= pack.head().tree_size(); ++position) {
    v1::InclusionProofRequest request;
    request.set_position(position);
    request.set_tree_size(pack.head().tree_size());
    if (!audit_->GetInclusionProof(As(senco_).get(), request, &foreign).ok()) continue;
    v1::EventEnvelope envelope;
    ASSERT_TRUE(envelope.ParseFromString(foreign.event()));
    if (envelope.stream_id() == "pupil/school-1/" + other.pupil_id) break;
  }
  v1::EvidencePack swapped = pack;
  v1::ProvenEvent* event = swapped.mutable_events(0);
  event->set_position(foreign.position());
  event->set_event(foreign.event());
  *event->mutable_audit_path() = foreign.audit_path();
  ExpectFails(swapped, key_, "belongs to stream pupil/school-1/" + other.pupil_id, "swapped");

  v1::EvidencePack history = pack;
  history.mutable_history()->mutable_totals()->Clear();
  history.mutable_history()->set_last_position(pack.history().last_position() + 1);
  ExpectFails(history, key_, "history: differs", "history");
  v1::EvidencePack html = pack;
  html.set_history_html(absl::StrCat(pack.history_html(), "<p>and more</p>"));
  ExpectFails(html, key_, "history HTML: differs", "html");

  // Another key: verifying with it, and a head re-signed by it that claims the real key's id.
  absl::StatusOr<audit::SigningKey> other_key = audit::SigningKey::Generate();
  ASSERT_TRUE(other_key.ok());
  const std::string other_pem = dir_.path() + "/other.pem";
  WriteFile(other_pem, other_key->public_key().pem());
  ExpectFails(pack, other_pem, "not by the given key", "wrong-key");
  absl::StatusOr<v1::SignedTreeHead> resigned = audit::SignTreeHead(
      pack.head().tree_size(), pack.head().root_hash(), absl::Now(), *other_key);
  ASSERT_TRUE(resigned.ok());
  resigned->set_key_id(pack.key_id());
  v1::EvidencePack forged = pack;
  *forged.mutable_head() = *resigned;
  ExpectFails(forged, key_, "signed head: ", "resigned");

  // Intact, it still verifies: the checks above failed for what was changed.
  EXPECT_EQ(Verify({pack_path, "--key", key_}).exit_code, 0);
  EXPECT_EQ(Verify({dir_.path() + "/missing.pack", "--key", key_}).exit_code, 1);
}

TEST_F(DemoSchoolEvidenceTest, AnEarlierHeadIsCheckedByConsistency) {
  const demo::DemoPupil& pupil = Busiest(school_);
  const std::string head_path = dir_.path() + "/earlier.head";
  ASSERT_EQ(Endeavour(senco_, {"signed-head", "--out", head_path}).exit_code, 0);
  ASSERT_NO_FATAL_FAILURE(Register("adm-new-1", "Nobody Else"));

  const std::string with_proof = dir_.path() + "/with-proof.pack";
  testing::Output made = Endeavour(
      senco_, {"evidence-pack", pupil.pupil_id, "--out", with_proof, "--earlier", head_path});
  ASSERT_EQ(made.exit_code, 0) << made.out;
  testing::Output verified = Verify({with_proof, "--key", key_, "--earlier", head_path});
  EXPECT_EQ(verified.exit_code, 0) << verified.out;
  EXPECT_THAT(verified.out, HasSubstr("consistent with the earlier head at tree size"));

  const std::string without = dir_.path() + "/without.pack";
  ASSERT_EQ(Endeavour(senco_, {"evidence-pack", pupil.pupil_id, "--out", without}).exit_code, 0);
  testing::Output no_proof = Verify({without, "--key", key_, "--earlier", head_path});
  EXPECT_EQ(no_proof.exit_code, kExitNotVerified);
  EXPECT_THAT(no_proof.out, HasSubstr("carries no consistency proof from tree size"));
}

// The server hands out a head, then rewrites its log (here: a second log under the same key, with
// other events up to that size) and makes a pack that proves consistency with its own rewritten
// head of that size. The holder of the genuine head catches it.
TEST_F(EvidenceEndToEndTest, APackFromARewrittenLogFailsAgainstTheGenuineEarlierHead) {
  StartServer(server_, data_);
  ASSERT_NO_FATAL_FAILURE(Register("adm-1", "Amelia Hughes"));
  ASSERT_NO_FATAL_FAILURE(IdentifyNeed("adm-1"));
  const std::string genuine = dir_.path() + "/genuine.head";
  ASSERT_EQ(Endeavour(senco_, {"signed-head", "--out", genuine}).exit_code, 0);
  const std::string key = KeyFile(data_);
  ASSERT_EQ(server_.Stop(SIGTERM), 0);

  testing::ServerProcess rewritten;
  const std::string other_data = dir_.path() + "/rewritten";
  StartServer(rewritten, other_data, {"--signing-key", data_ + "/signing-key.pem"});
  ASSERT_NO_FATAL_FAILURE(Register("adm-1", "Amelia Hughes"));
  ASSERT_NO_FATAL_FAILURE(Register("adm-2", "Someone Else"));
  const std::string forged_head = dir_.path() + "/forged.head";
  ASSERT_EQ(Endeavour(senco_, {"signed-head", "--out", forged_head}).exit_code, 0);
  ASSERT_NO_FATAL_FAILURE(IdentifyNeed("adm-1"));
  const std::string pack = dir_.path() + "/rewritten.pack";
  testing::Output made =
      Endeavour(senco_, {"evidence-pack", "adm-1", "--out", pack, "--earlier", forged_head});
  ASSERT_EQ(made.exit_code, 0) << made.out;

  testing::Output alone = Verify({pack, "--key", key});
  EXPECT_EQ(alone.exit_code, 0) << "on its own the rewritten pack checks: " << alone.out;
  testing::Output against = Verify({pack, "--key", key, "--earlier", genuine});
  EXPECT_EQ(against.exit_code, kExitNotVerified) << against.out;
  EXPECT_THAT(against.out, HasSubstr("does not extend the earlier head at tree size 2"));
}

// Someone with the data folder rewrites a stored event's bytes in RocksDB (a character of the
// pupil's name) and restarts the server. It opens (the tree's nodes and root are as they were),
// the pack it makes carries the altered bytes, and verify-pack catches them; the server's own
// Verify reports DATA_LOSS.
TEST_F(EvidenceEndToEndTest, AnEventRewrittenInTheStoresFilesFailsVerification) {
  StartServer(server_, data_);
  ASSERT_NO_FATAL_FAILURE(Register("adm-1", "Amelia Hughes"));
  ASSERT_NO_FATAL_FAILURE(IdentifyNeed("adm-1"));
  const std::string key = KeyFile(data_);
  ASSERT_EQ(server_.Stop(SIGTERM), 0);

  {
    std::vector<std::string> names;
    ASSERT_TRUE(rocksdb::DB::ListColumnFamilies({}, data_, &names).ok());
    std::vector<rocksdb::ColumnFamilyDescriptor> families;
    for (const std::string& name : names)
      families.emplace_back(name, rocksdb::ColumnFamilyOptions());
    std::vector<rocksdb::ColumnFamilyHandle*> handles;
    rocksdb::DB* raw = nullptr;
    ASSERT_TRUE(rocksdb::DB::Open({}, data_, families, &handles, &raw).ok());
    std::unique_ptr<rocksdb::DB> db(raw);
    rocksdb::ColumnFamilyHandle* events = nullptr;
    for (size_t i = 0; i < names.size(); ++i) {
      if (names[i] == "events") events = handles[i];
    }
    ASSERT_NE(events, nullptr);
    const std::string first_position("\0\0\0\0\0\0\0\1", 8);
    std::string value;
    ASSERT_TRUE(db->Get({}, events, first_position, &value).ok());
    const size_t at = value.find("Amelia Hughes");
    ASSERT_NE(at, std::string::npos);
    value[at] = 'E';  // "Emelia Hughes": the envelope still parses
    ASSERT_TRUE(db->Put(rocksdb::WriteOptions(), events, first_position, value).ok());
    for (rocksdb::ColumnFamilyHandle* handle : handles) db->DestroyColumnFamilyHandle(handle);
  }

  testing::ServerProcess restarted;
  StartServer(restarted, data_);
  const std::string pack = dir_.path() + "/after.pack";
  testing::Output made = Endeavour(senco_, {"evidence-pack", "adm-1", "--out", pack});
  ASSERT_EQ(made.exit_code, 0) << made.out;
  testing::Output verified = Verify({pack, "--key", key});
  EXPECT_EQ(verified.exit_code, kExitNotVerified) << verified.out;
  EXPECT_THAT(verified.out,
              HasSubstr("event 1 (stream version 1): inclusion proof does not reach the signed "
                        "root"));

  v1::VerifyReply reply;
  grpc::Status status = audit_->Verify(As(admin_).get(), {}, &reply);
  EXPECT_EQ(status.error_code(), grpc::StatusCode::DATA_LOSS) << status.error_message();
}

}  // namespace
}  // namespace endeavour
