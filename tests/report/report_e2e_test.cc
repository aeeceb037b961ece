// `endeavour report` end to end: a real endeavourd with a small pupil record and self-evaluation
// made through gRPC, then the real endeavour binary writing each report, and the files checked for
// the facts they must carry (and by Python's own XML and HTML parsers).
#include <fcntl.h>
#include <grpcpp/grpcpp.h>
#include <spawn.h>
#include <sys/wait.h>
#include <unistd.h>

#include <fstream>
#include <memory>
#include <sstream>
#include <string>
#include <vector>

#include "absl/strings/escaping.h"
#include "absl/strings/str_cat.h"
#include "endeavour/v1/api.grpc.pb.h"
#include "eventstore/testing/temp_dir.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "services/domain/pupil_record_test_util.h"
#include "services/domain/self_evaluation_testing.h"
#include "tests/e2e/server_process.h"

extern char** environ;

namespace endeavour {
namespace {

namespace t = domain::testing;
using ::testing::HasSubstr;
using ::testing::Not;

std::string ReadAll(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  std::stringstream text;
  text << in.rdbuf();
  return text.str();
}

struct Ran {
  std::string out;
  std::string err;
  int exit_code = -1;
};

// Runs `binary` with `args`, standard output and error kept apart in files under `scratch`.
Ran RunProgram(const std::string& binary, const std::vector<std::string>& args,
               const std::string& scratch) {
  const std::string out = scratch + "/stdout", err = scratch + "/stderr";
  posix_spawn_file_actions_t actions;
  posix_spawn_file_actions_init(&actions);
  posix_spawn_file_actions_addopen(&actions, STDOUT_FILENO, out.c_str(),
                                   O_WRONLY | O_CREAT | O_TRUNC, 0600);
  posix_spawn_file_actions_addopen(&actions, STDERR_FILENO, err.c_str(),
                                   O_WRONLY | O_CREAT | O_TRUNC, 0600);
  std::vector<char*> argv = {const_cast<char*>(binary.c_str())};
  for (const std::string& a : args) argv.push_back(const_cast<char*>(a.c_str()));
  argv.push_back(nullptr);
  Ran ran;
  pid_t pid = -1;
  const int spawned = posix_spawn(&pid, binary.c_str(), &actions, nullptr, argv.data(), environ);
  posix_spawn_file_actions_destroy(&actions);
  if (spawned != 0) return ran;
  int status = 0;
  waitpid(pid, &status, 0);
  ran.exit_code = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
  ran.out = ReadAll(out);
  ran.err = ReadAll(err);
  return ran;
}

class ReportEndToEndTest : public ::testing::Test {
 protected:
  void SetUp() override {
    senco_ = AddToken("senco", "staff/1042");
    governor_ = AddToken("governor", "governors/chair");
    ASSERT_FALSE(senco_.empty());
    ASSERT_TRUE(server_.Start(ENDEAVOURD, {"--data", dir_.path() + "/data", "--tokens", tokens_}));
    auto channel = grpc::CreateChannel(server_.address(), grpc::InsecureChannelCredentials());
    pupils_ = v1::PupilRecordService::NewStub(channel);
    school_ = v1::SelfEvaluationService::NewStub(channel);
    audit_ = v1::AuditService::NewStub(channel);
    RecordAmelia();
    RecordSelfEvaluation();
    WaitForTheViews();
  }

  // The views are folded in the background: each test starts once they hold every command.
  void WaitForTheViews() {
    auto queries = v1::QueryService::NewStub(
        grpc::CreateChannel(server_.address(), grpc::InsecureChannelCredentials()));
    v1::SchoolViewRequest request;
    request.mutable_options()->set_wait_for_position(last_school_position_);
    request.mutable_options()->set_wait_timeout_ms(30000);
    v1::SelfEvaluationTrends trends;
    const grpc::Status waited = queries->GetSelfEvaluationTrends(Context().get(), request, &trends);
    ASSERT_TRUE(waited.ok()) << waited.error_message();
    v1::OverviewRequest overview_request;
    *overview_request.mutable_options() = request.options();
    v1::SchoolOverview overview;
    const grpc::Status overview_waited =
        queries->GetSchoolOverview(Context().get(), overview_request, &overview);
    ASSERT_TRUE(overview_waited.ok()) << overview_waited.error_message();
  }

  std::string AddToken(const std::string& role, const std::string& actor) {
    testing::Output out = testing::AddToken(ENDEAVOURD, tokens_, "school-1", role, actor);
    EXPECT_EQ(out.exit_code, 0) << out.out;
    return out.out;
  }

  std::unique_ptr<grpc::ClientContext> Context() {
    auto context = std::make_unique<grpc::ClientContext>();
    context->AddMetadata("authorization", "Bearer " + senco_);
    context->set_deadline(std::chrono::system_clock::now() + std::chrono::seconds(10));
    return context;
  }

  template <typename Request>
  Request For(const std::string& command_id, const v1::Date& today) {
    Request request;
    request.mutable_header()->set_command_id(command_id);
    *request.mutable_header()->mutable_today() = today;
    if constexpr (requires { request.set_pupil_id(""); }) request.set_pupil_id("adm-20417");
    return request;
  }

  // Sends one command; returns the reply, failing the test if it was refused.
  template <typename Request, typename Call>
  v1::CommandReply Send(Call call, const Request& request) {
    v1::CommandReply reply;
    const grpc::Status status = call(Context().get(), request, &reply);
    EXPECT_TRUE(status.ok()) << request.header().command_id() << ": " << status.error_message();
    return reply;
  }

  // Amelia's first cycle: two sessions logged (one retracted as the wrong pupil's, the other's
  // minutes corrected), one missed, the review, and her second plan.
  void RecordAmelia() {
    const v1::Date today = t::D(2026, 1, 5);
    auto pupils = pupils_.get();
    auto reg = For<v1::RegisterPupilRequest>("c-register", today);
    *reg.mutable_command()->mutable_pupil() = t::Amelia();
    Send([&](auto* c, auto& r, auto* o) { return pupils->RegisterPupil(c, r, o); }, reg);
    auto need = For<v1::IdentifyNeedRequest>("c-need", today);
    *need.mutable_command()->mutable_need() = t::ReadingNeed();
    Send([&](auto* c, auto& r, auto* o) { return pupils->IdentifyNeed(c, r, o); }, need);
    auto status = For<v1::ChangeSenStatusRequest>("c-status", today);
    *status.mutable_command()->mutable_change() = t::OntoSenSupport();
    Send([&](auto* c, auto& r, auto* o) { return pupils->ChangeSenStatus(c, r, o); }, status);
    auto plan = For<v1::AgreePlanRequest>("c-plan-1", today);
    *plan.mutable_command()->mutable_plan() = t::FirstPlan();
    Send([&](auto* c, auto& r, auto* o) { return pupils->AgreePlan(c, r, o); }, plan);
    std::vector<std::string> session_events;
    for (const v1::InterventionDelivered& s :
         {t::Session("s1", t::D(2025, 10, 9)), t::Session("s2", t::D(2025, 10, 10))}) {
      auto log = For<v1::LogInterventionRequest>("c-" + s.session_id(), today);
      *log.mutable_command()->mutable_session() = s;
      session_events.push_back(
          Send([&](auto* c, auto& r, auto* o) { return pupils->LogIntervention(c, r, o); }, log)
              .event_ids(0));
    }
    v1::InterventionDelivered longer = t::Session("s2", t::D(2025, 10, 10));
    longer.set_minutes(15);
    auto correct = For<v1::CorrectRecordRequest>("c-correct", today);
    *correct.mutable_command()->mutable_correction() =
        t::Correction(session_events[1], longer, "Paper log says 15");
    Send([&](auto* c, auto& r, auto* o) { return pupils->CorrectRecord(c, r, o); }, correct);
    before_retraction_ = last_position_;
    auto retract = For<v1::RetractRecordRequest>("c-retract", today);
    *retract.mutable_command()->mutable_retraction() =
        t::Retraction(session_events[0], "Logged for the wrong pupil");
    last_position_ =
        Send([&](auto* c, auto& r, auto* o) { return pupils->RetractRecord(c, r, o); }, retract)
            .position();
    before_retraction_ = last_position_ - 1;
    auto review = For<v1::RecordReviewRequest>("c-review-1", today);
    *review.mutable_command()->mutable_review() = t::FirstReview();
    Send([&](auto* c, auto& r, auto* o) { return pupils->RecordReview(c, r, o); }, review);
    auto second = For<v1::AgreePlanRequest>("c-plan-2", today);
    *second.mutable_command()->mutable_plan() = t::SecondPlan();
    last_position_ =
        Send([&](auto* c, auto& r, auto* o) { return pupils->AgreePlan(c, r, o); }, second)
            .position();
  }

  // Leadership 4 rated 3 with a target of 6, Outcomes 1 rated 5 for 8, Outcomes 6 not applicable,
  // and the governor's training planned.
  void RecordSelfEvaluation() {
    const v1::Date today = t::D(2026, 11, 24);
    auto school = school_.get();
    v1::RatingRecorded outcomes = t::GovernorRating();
    outcomes.set_section(v1::SELF_EVALUATION_SECTION_OUTCOMES);
    outcomes.set_statement(1);
    outcomes.set_current_rating(5);
    outcomes.set_target_rating(8);
    v1::RatingRecorded not_applicable = outcomes;
    not_applicable.set_statement(6);
    not_applicable.set_current_rating(0);
    not_applicable.set_target_rating(0);
    not_applicable.clear_target_by();
    int n = 0;
    for (const v1::RatingRecorded& rating : {t::GovernorRating(), outcomes, not_applicable}) {
      auto request = For<v1::RecordRatingRequest>(absl::StrCat("c-rating-", ++n), today);
      *request.mutable_command()->mutable_rating() = rating;
      last_school_position_ =
          Send([&](auto* c, auto& r, auto* o) { return school->RecordRating(c, r, o); }, request)
              .position();
    }
    auto action = For<v1::PlanImprovementActionRequest>("c-action", today);
    *action.mutable_command()->mutable_action() = t::GovernorTraining();
    last_school_position_ =
        Send([&](auto* c, auto& r, auto* o) { return school->PlanImprovementAction(c, r, o); },
             action)
            .position();
  }

  // endeavour --server ... --token ... ARGS, as the SENCO unless another token is given.
  Ran Endeavour(std::vector<std::string> args, const std::string& token = "") {
    args.insert(args.begin(),
                {"--server", server_.address(), "--token", token.empty() ? senco_ : token});
    return RunProgram(ENDEAVOUR, args, dir_.path());
  }

  v1::TreeHeadReply TreeHead() {
    v1::TreeHeadReply head;
    EXPECT_TRUE(audit_->GetTreeHead(Context().get(), v1::TreeHeadRequest(), &head).ok());
    return head;
  }

  // check_markup.py's verdict on the files: "" when they are well-formed.
  std::string MarkupProblems(const std::vector<std::string>& paths) {
    std::vector<std::string> args = {CHECK_MARKUP};
    args.insert(args.end(), paths.begin(), paths.end());
    const Ran checked = RunProgram("/usr/bin/python3", args, dir_.path());
    return checked.exit_code == 0 ? "" : checked.out + checked.err;
  }

  std::string Path(const std::string& name) { return dir_.path() + "/" + name; }

  endeavour::testing::TempDir dir_{"report_e2e"};
  const std::string tokens_ = dir_.path() + "/tokens";
  std::string senco_, governor_;
  testing::ServerProcess server_;
  std::unique_ptr<v1::PupilRecordService::Stub> pupils_;
  std::unique_ptr<v1::SelfEvaluationService::Stub> school_;
  std::unique_ptr<v1::AuditService::Stub> audit_;
  uint64_t last_position_ = 0;
  uint64_t before_retraction_ = 0;
  uint64_t last_school_position_ = 0;
};

TEST_F(ReportEndToEndTest, TheHistoryCarriesTheRecordAndTheTreeHeadItWasMadeFrom) {
  const Ran ran = Endeavour({"report", "history", "adm-20417", "--out", Path("history.html")});
  ASSERT_EQ(ran.exit_code, 0) << ran.err;
  const std::string html = ReadAll(Path("history.html"));
  EXPECT_THAT(html, HasSubstr("Best-endeavours history: Amelia Hughes"));
  EXPECT_THAT(html, HasSubstr("Cycle 1: plan plan-1, agreed 8 October 2025"));
  EXPECT_THAT(html, HasSubstr("Cycle 2: plan plan-2, agreed 1 December 2025"));
  EXPECT_THAT(html, HasSubstr("Cognition and learning: SpLD (specific learning difficulty)"));
  EXPECT_THAT(html, HasSubstr("5 × 10 min a week, one-to-one, £12.50 a week"));
  // The corrected session beside its first value, the retracted one struck with its reason.
  EXPECT_THAT(html, HasSubstr("15 (first recorded <del>10</del>)"));
  EXPECT_THAT(html, HasSubstr("<strong>minutes: </strong><del>10</del> → 15"));
  EXPECT_THAT(html, HasSubstr("<del>9 Oct 2025</del>"));
  EXPECT_THAT(html, HasSubstr("Logged for the wrong pupil"));
  EXPECT_THAT(html, HasSubstr("Daily one-to-one beats group work for Amelia"));
  // The footer: the view's last event, and the tree head read after it (nothing has been
  // appended since: reading the tree head is not logged).
  EXPECT_THAT(html, HasSubstr(absl::StrCat("up to position ", last_position_, ", as the record")));
  const v1::TreeHeadReply head = TreeHead();
  EXPECT_THAT(html, HasSubstr(absl::StrCat("size ", head.tree_size())));
  EXPECT_THAT(html, HasSubstr(absl::BytesToHexString(head.root_hash())));
  EXPECT_EQ(MarkupProblems({Path("history.html")}), "");
}

TEST_F(ReportEndToEndTest, TheHistoryInMarkdownGoesToStandardOutput) {
  const Ran ran = Endeavour({"report", "history", "adm-20417", "--format", "md"});
  ASSERT_EQ(ran.exit_code, 0) << ran.err;
  EXPECT_THAT(ran.out, HasSubstr("# Best-endeavours history: Amelia Hughes"));
  EXPECT_THAT(ran.out, HasSubstr("15 (first recorded ~~10~~)"));
  EXPECT_THAT(ran.out, HasSubstr("**[RETRACTED]** ~~9 Oct 2025~~"));
}

TEST_F(ReportEndToEndTest, TheHistoryAsOfAPositionIsTheRecordAsItStoodThen) {
  const Ran ran = Endeavour({"report", "history", "adm-20417", "--as-of",
                             absl::StrCat(before_retraction_), "--out", Path("then.html")});
  ASSERT_EQ(ran.exit_code, 0) << ran.err;
  const std::string html = ReadAll(Path("then.html"));
  EXPECT_THAT(html, HasSubstr("15 (first recorded <del>10</del>)"));
  EXPECT_THAT(html, Not(HasSubstr("Logged for the wrong pupil")));
  EXPECT_THAT(html, Not(HasSubstr("Cycle 2")));
  EXPECT_THAT(html, HasSubstr(absl::StrCat("as of log position ", before_retraction_, ".")));
}

TEST_F(ReportEndToEndTest, TheSelfEvaluationChartAsSvgPngAndHtml) {
  Ran ran = Endeavour({"report", "self-evaluation", "--format", "svg", "--out", Path("chart.svg")});
  ASSERT_EQ(ran.exit_code, 0) << ran.err;
  const std::string svg = ReadAll(Path("chart.svg"));
  EXPECT_THAT(svg, HasSubstr("viewBox=\"0 0 1200 "));
  EXPECT_THAT(svg, HasSubstr(">2. Leadership of SEND<"));
  EXPECT_THAT(svg, HasSubstr(">not applicable</text>"));
  // The gaps ranked: Outcomes 1 (5 for 8) before Leadership 4 (3 for 6) on equal gaps.
  const size_t first = svg.find(">1. Outcomes, statement 1<");
  const size_t second = svg.find(">2. Leadership, statement 4<");
  ASSERT_NE(first, std::string::npos);
  ASSERT_NE(second, std::string::npos);
  EXPECT_LT(first, second);
  EXPECT_THAT(svg, HasSubstr(">1 action<"));
  EXPECT_THAT(svg, HasSubstr(absl::BytesToHexString(TreeHead().root_hash())));

  ran = Endeavour({"report", "self-evaluation", "--format", "png", "--out", Path("chart.png")});
  ASSERT_EQ(ran.exit_code, 0) << ran.err;
  EXPECT_EQ(ReadAll(Path("chart.png")).substr(0, 8), "\x89PNG\r\n\x1a\n");

  ran = Endeavour({"report", "self-evaluation", "--out", Path("self-evaluation.html")});
  ASSERT_EQ(ran.exit_code, 0) << ran.err;
  EXPECT_THAT(ReadAll(Path("self-evaluation.html")),
              HasSubstr("Book the SEND governor on the local authority"));
  EXPECT_EQ(MarkupProblems({Path("chart.svg"), Path("self-evaluation.html")}), "");
}

TEST_F(ReportEndToEndTest, AGovernorGetsTheChartWithoutTheTreeHeadAndIsToldWhy) {
  const Ran ran = Endeavour(
      {"report", "self-evaluation", "--format", "svg", "--out", Path("governor.svg")}, governor_);
  ASSERT_EQ(ran.exit_code, 0) << ran.err;
  EXPECT_THAT(ReadAll(Path("governor.svg")),
              HasSubstr("Merkle tree head: not read: this role may not read the tree head"));
}

TEST_F(ReportEndToEndTest, TheOverviewListsTheRegisterAndDelivery) {
  const Ran ran = Endeavour({"report", "overview", "--format", "md"});
  ASSERT_EQ(ran.exit_code, 0) << ran.err;
  EXPECT_THAT(ran.out, HasSubstr("# SEND overview: school-1"));
  EXPECT_THAT(ran.out, HasSubstr("**Amelia Hughes**<br>adm-20417 | 4 | K (SEN support)"));
  EXPECT_THAT(ran.out, HasSubstr("SpLD (specific learning difficulty)"));
  EXPECT_THAT(ran.out, HasSubstr("## Delivery against plan"));
}

TEST_F(ReportEndToEndTest, PdfIsPrintedByChromiumOrSaysHowToGetIt) {
  const Ran ran = Endeavour(
      {"report", "history", "adm-20417", "--format", "pdf", "--out", Path("history.pdf")});
  if (access("/usr/bin/chromium", X_OK) == 0) {
    ASSERT_EQ(ran.exit_code, 0) << ran.err;
    EXPECT_EQ(ReadAll(Path("history.pdf")).substr(0, 5), "%PDF-");
  } else {
    EXPECT_EQ(ran.exit_code, 1);
    EXPECT_THAT(ran.err, HasSubstr("deploy/install-deps.sh --pdf"));
  }
}

TEST_F(ReportEndToEndTest, MistakesAreRefusedWithTheFlagOrTheServersReason) {
  Ran ran = Endeavour({"report", "history", "adm-20417", "--format", "pdf"});
  EXPECT_EQ(ran.exit_code, 2);
  EXPECT_THAT(ran.err, HasSubstr("--out FILE is required with --format pdf"));
  ran = Endeavour({"report", "history", "adm-20417", "--as-of", "last tuesday"});
  EXPECT_EQ(ran.exit_code, 2);
  EXPECT_THAT(ran.err, HasSubstr("--as-of \"last tuesday\""));
  ran = Endeavour({"report", "history", "adm-99999"});
  EXPECT_EQ(ran.exit_code, 3);
  EXPECT_THAT(ran.err, HasSubstr("endeavour: report history: NOT_FOUND"));
  ran = Endeavour(
      {"report", "self-evaluation", "--format", "png", "--out", Path("no/such/folder/chart.png")});
  EXPECT_EQ(ran.exit_code, 1);
  EXPECT_THAT(ran.err, HasSubstr("no/such/folder/chart.png"));
}

}  // namespace
}  // namespace endeavour
