// The demo school's requests run through the real deciders in-process: every command is accepted
// and records events, sending everything again records nothing new, the same seed gives the same
// requests, and the school has the shape the generator promises.
#include "clients/demo/demo_school.h"

#include <gmock/gmock.h>
#include <google/protobuf/util/message_differencer.h>
#include <gtest/gtest.h>

#include <map>
#include <memory>
#include <set>
#include <string>
#include <vector>

#include "absl/strings/str_cat.h"
#include "services/domain/dates.h"
#include "services/domain/event_variant.h"
#include "services/domain/pupil_record.h"
#include "services/domain/self_evaluation.h"

namespace endeavour::demo {
namespace {

using domain::PupilRecord;
using domain::PupilState;
using domain::SelfEvaluation;

domain::CommandContext ContextOf(const v1::CommandHeader& header) {
  return domain::CommandContext{header.command_id(), header.today()};
}

// What folding one pupil's requests through the deciders found.
struct Folded {
  PupilState state;
  std::vector<std::string> failures;  // "command id (Name): status"
  std::map<std::string, int> events_by_type;
};

Folded FoldPupil(const DemoPupil& pupil) {
  Folded folded;
  for (const PupilRequest& request : pupil.requests) {
    const v1::CommandHeader& header = HeaderOf(request);
    const domain::PupilCommand command =
        std::visit([](const auto& r) { return domain::PupilCommand(r.command()); }, request);
    const std::string pupil_id = std::visit([](const auto& r) { return r.pupil_id(); }, request);
    const std::string what = absl::StrCat(header.command_id(), " (", RequestName(request), ")");
    if (pupil_id != pupil.pupil_id) folded.failures.push_back(what + ": another pupil's id");
    absl::StatusOr<std::vector<domain::PupilEvent>> decided =
        PupilRecord::Decide(command, folded.state, ContextOf(header));
    if (!decided.ok()) {
      folded.failures.push_back(absl::StrCat(what, ": ", decided.status().ToString()));
      continue;
    }
    if (decided->empty()) folded.failures.push_back(what + ": decided no event");
    for (size_t i = 0; i < decided->size(); ++i) {
      const domain::PupilEvent& event = (*decided)[i];
      ++folded.events_by_type[domain::EventTypeName(event)];
      folded.state = PupilRecord::Evolve(std::move(folded.state),
                                         absl::StrCat(header.command_id(), ".", i), event);
    }
  }
  return folded;
}

class DemoSchoolTest : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    absl::StatusOr<DemoSchool> generated = GenerateDemoSchool(DemoOptions{});
    ASSERT_TRUE(generated.ok()) << generated.status();
    school_ = std::make_unique<DemoSchool>(*std::move(generated));
    folded_ = std::make_unique<std::vector<Folded>>();
    for (const DemoPupil& pupil : school_->pupils) folded_->push_back(FoldPupil(pupil));
  }
  static void TearDownTestSuite() {
    school_.reset();
    folded_.reset();
  }

  // Generated and folded once for all the tests: the same school every time.
  static inline std::unique_ptr<DemoSchool> school_;
  static inline std::unique_ptr<std::vector<Folded>> folded_;
};

TEST_F(DemoSchoolTest, EveryPupilCommandIsAcceptedAndRecordsAnEvent) {
  size_t failures = 0;
  for (const Folded& folded : *folded_) {
    for (const std::string& failure : folded.failures) {
      if (++failures <= 10) ADD_FAILURE() << failure;
    }
  }
  EXPECT_EQ(failures, 0u);
}

TEST_F(DemoSchoolTest, EverySelfEvaluationCommandIsAcceptedAndRecordsAnEvent) {
  domain::SelfEvaluationState state;
  for (const SchoolRequest& request : school_->self_evaluation) {
    const v1::CommandHeader& header = HeaderOf(request);
    const domain::SchoolCommand command =
        std::visit([](const auto& r) { return domain::SchoolCommand(r.command()); }, request);
    absl::StatusOr<std::vector<domain::SchoolEvent>> decided =
        SelfEvaluation::Decide(command, state, ContextOf(header));
    ASSERT_TRUE(decided.ok()) << header.command_id() << ": " << decided.status();
    ASSERT_EQ(decided->size(), 1u) << header.command_id();
    state = SelfEvaluation::Evolve(std::move(state), header.command_id() + ".0", decided->front());
  }
}

// The server recognises a command id it has seen: the deciders decide nothing for a command
// already carried out, and for the one they cannot tell (a pupil who went onto SEN support and
// came off it again) the store holds the event under that id already and records nothing new.
TEST_F(DemoSchoolTest, SendingEverythingAgainRecordsNothingNew) {
  for (size_t p = 0; p < school_->pupils.size(); ++p) {
    const PupilState& state = (*folded_)[p].state;
    for (const PupilRequest& request : school_->pupils[p].requests) {
      const v1::CommandHeader& header = HeaderOf(request);
      const domain::PupilCommand command =
          std::visit([](const auto& r) { return domain::PupilCommand(r.command()); }, request);
      absl::StatusOr<std::vector<domain::PupilEvent>> decided =
          PupilRecord::Decide(command, state, ContextOf(header));
      ASSERT_TRUE(decided.ok()) << header.command_id() << ": " << decided.status();
      if (decided->empty()) continue;
      EXPECT_TRUE(std::holds_alternative<v1::ChangeSenStatus>(command)) << header.command_id();
      EXPECT_TRUE(state.events.contains(header.command_id() + ".0")) << header.command_id();
    }
  }
}

TEST_F(DemoSchoolTest, RequestsAreInDateOrderAndNothingIsDatedAfterTheEnd) {
  for (const DemoPupil& pupil : school_->pupils) {
    v1::Date last;
    for (const PupilRequest& request : pupil.requests) {
      const v1::Date& today = HeaderOf(request).today();
      EXPECT_TRUE(domain::IsRealDate(today)) << HeaderOf(request).command_id();
      EXPECT_GE(domain::CompareDates(today, last), 0) << HeaderOf(request).command_id();
      EXPECT_LE(domain::CompareDates(today, school_->end), 0) << HeaderOf(request).command_id();
      last = today;
    }
  }
}

std::vector<std::string> Serialized(const DemoSchool& school) {
  std::vector<std::string> out;
  for (const DemoPupil& pupil : school.pupils) {
    for (const PupilRequest& request : pupil.requests) {
      out.push_back(std::visit([](const auto& r) { return r.SerializeAsString(); }, request));
    }
  }
  for (const SchoolRequest& request : school.self_evaluation) {
    out.push_back(std::visit([](const auto& r) { return r.SerializeAsString(); }, request));
  }
  return out;
}

TEST_F(DemoSchoolTest, TheSameSeedGivesTheSameRequestsAndAnotherSeedOthers) {
  absl::StatusOr<DemoSchool> again = GenerateDemoSchool(DemoOptions{});
  ASSERT_TRUE(again.ok());
  EXPECT_TRUE(Serialized(*again) == Serialized(*school_));
  DemoOptions other_seed;
  other_seed.seed = 2;
  absl::StatusOr<DemoSchool> other = GenerateDemoSchool(other_seed);
  ASSERT_TRUE(other.ok());
  std::set<std::string> ids, other_ids, names, other_names;
  for (const DemoPupil& pupil : school_->pupils) {
    names.insert(pupil.display_name);
    for (const PupilRequest& r : pupil.requests) ids.insert(HeaderOf(r).command_id());
  }
  for (const DemoPupil& pupil : other->pupils) {
    other_names.insert(pupil.display_name);
    for (const PupilRequest& r : pupil.requests) other_ids.insert(HeaderOf(r).command_id());
  }
  EXPECT_NE(names, other_names);
  for (const std::string& id : other_ids) ASSERT_FALSE(ids.contains(id)) << id;
}

}  // namespace
}  // namespace endeavour::demo
