#include "projections/testing/school_workload.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <chrono>
#include <cstdio>
#include <map>
#include <set>
#include <string>
#include <variant>
#include <vector>

#include "absl/strings/str_cat.h"
#include "services/domain/dates.h"
#include "services/domain/event_variant.h"
#include "services/domain/pupil_record.h"
#include "services/domain/pupil_record_test_util.h"
#include "services/domain/self_evaluation.h"

namespace endeavour::projections::testing {
namespace {

namespace dt = domain::testing;
using domain::PupilCommand;
using domain::PupilEvent;

// Far enough ahead for the longest workload in these tests.
const v1::Date kFarFuture = dt::D(2150, 1, 1);

// The command a person would have given to record `event`: each command carries its fact.
struct CommandFor {
  PupilCommand operator()(const v1::PupilRegistered& e) { return dt::Register(e); }
  PupilCommand operator()(const v1::NeedIdentified& e) { return dt::Identify(e); }
  PupilCommand operator()(const v1::SenStatusChanged& e) { return dt::Change(e); }
  PupilCommand operator()(const v1::PlanAgreed& e) { return dt::Agree(e); }
  PupilCommand operator()(const v1::InterventionDelivered& e) { return dt::Log(e); }
  PupilCommand operator()(const v1::ReviewHeld& e) { return dt::Review(e); }
  PupilCommand operator()(const v1::PlanAdjusted& e) { return dt::Adjust(e); }
  PupilCommand operator()(const v1::ExternalAdviceRequested& e) { return dt::AskAdvice(e); }
  PupilCommand operator()(const v1::ExternalAdviceReceived& e) { return dt::ReceiveAdvice(e); }
  PupilCommand operator()(const v1::EhcNeedsAssessmentRequested& e) { return dt::AskEhc(e); }
  PupilCommand operator()(const v1::PupilTransferred& e) {
    return e.direction() == v1::PupilTransferred::DIRECTION_OUT ? dt::LeaveFor(e)
                                                                : dt::ArriveFrom(e);
  }
  PupilCommand operator()(const v1::RecordCorrected& e) { return dt::Correct(e); }
  PupilCommand operator()(const v1::RecordRetracted& e) { return dt::Retract(e); }
};

// Replays a stream through the decider: every event must be exactly what its command decides
// against the record folded so far. Stops at the first event that is not.
void ExpectValidPupilStream(const std::vector<WorkloadEvent>& stream) {
  domain::PupilState state;
  for (const WorkloadEvent& event : stream) {
    const v1::EventEnvelope& envelope = event.envelope;
    absl::StatusOr<PupilEvent> fact =
        domain::ParseEvent<PupilEvent>(envelope.event_type(), envelope.payload());
    ASSERT_TRUE(fact.ok()) << envelope.event_id() << ": " << fact.status();
    const domain::CommandContext context{absl::StrCat("command-", envelope.event_id()), kFarFuture};
    absl::StatusOr<std::vector<PupilEvent>> decided =
        domain::PupilRecord::Decide(std::visit(CommandFor{}, *fact), state, context);
    ASSERT_TRUE(decided.ok()) << envelope.event_id() << " (" << envelope.event_type()
                              << "): " << decided.status();
    ASSERT_EQ(decided->size(), 1u) << envelope.event_id() << " decided nothing";
    ASSERT_EQ(domain::SerializeEvent(decided->front()), envelope.payload()) << envelope.event_id();
    state = domain::PupilRecord::Evolve(std::move(state), envelope.event_id(), *fact);
  }
}

std::string Bytes(const std::vector<WorkloadEvent>& events) {
  std::string bytes;
  for (const WorkloadEvent& event : events) {
    absl::StrAppend(&bytes, event.stream_id, "|", event.envelope.SerializeAsString(), "|");
  }
  return bytes;
}

template <typename Message>
std::vector<Message> AllOf(const std::vector<WorkloadEvent>& events) {
  std::vector<Message> found;
  for (const WorkloadEvent& event : events) {
    if (event.envelope.event_type() != Message::descriptor()->full_name()) continue;
    found.emplace_back().ParseFromString(event.envelope.payload());
  }
  return found;
}

class SchoolWorkloadTest : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    school_ = new std::vector<WorkloadEvent>(Default().Interleaved());
  }
  static void TearDownTestSuite() { delete school_; }
  static SchoolWorkload Default() { return SchoolWorkload(WorkloadOptions{}); }
  // The default school: 100 pupils, about 100 events each.
  static const std::vector<WorkloadEvent>& School() { return *school_; }

 private:
  static inline std::vector<WorkloadEvent>* school_ = nullptr;
};

TEST_F(SchoolWorkloadTest, EveryPupilStreamIsValidUnderTheDomainRules) {
  const SchoolWorkload school = Default();
  for (int i = 0; i < school.options().pupils; ++i) {
    SCOPED_TRACE(school.PupilStreamId(i));
    ExpectValidPupilStream(school.PupilEvents(i));
    if (HasFatalFailure()) return;
  }
}

TEST_F(SchoolWorkloadTest, LongStreamsStayValid) {
  const SchoolWorkload school(WorkloadOptions{.pupils = 20, .events_per_pupil = 400, .seed = 7});
  for (int i = 0; i < school.options().pupils; ++i) {
    SCOPED_TRACE(school.PupilStreamId(i));
    ExpectValidPupilStream(school.PupilEvents(i));
    if (HasFatalFailure()) return;
  }
}

TEST_F(SchoolWorkloadTest, TheSameSeedGivesTheSameBytes) {
  EXPECT_EQ(Bytes(Default().Interleaved()), Bytes(School()));
  EXPECT_EQ(Bytes(Default().SelfEvaluationEvents()), Bytes(Default().SelfEvaluationEvents()));
}

TEST_F(SchoolWorkloadTest, DifferentSeedsGiveDifferentSchools) {
  const SchoolWorkload other(WorkloadOptions{.seed = 2});
  EXPECT_NE(Bytes(other.PupilEvents(0)), Bytes(Default().PupilEvents(0)));
  EXPECT_NE(Bytes(other.SelfEvaluationEvents()), Bytes(Default().SelfEvaluationEvents()));
}

TEST_F(SchoolWorkloadTest, APupilsStoryDoesNotDependOnTheSizeOfTheSchool) {
  const SchoolWorkload small(WorkloadOptions{.pupils = 10});
  EXPECT_EQ(Bytes(small.PupilEvents(7)), Bytes(Default().PupilEvents(7)));
}

TEST_F(SchoolWorkloadTest, StreamsComeOutNearTheTargetLength) {
  std::map<std::string, int> per_stream;
  for (const WorkloadEvent& event : School()) ++per_stream[event.stream_id];
  ASSERT_EQ(per_stream.size(), 100u);
  int total = 0;
  for (const auto& [stream, count] : per_stream) {
    EXPECT_LE(count, 100) << stream;
    EXPECT_GE(count, 75) << stream;
    total += count;
  }
  EXPECT_GE(total, 9700);
}

TEST_F(SchoolWorkloadTest, EventIdsAreUniqueAcrossTheSchoolAndSafeForTheStore) {
  std::set<std::string> ids;
  std::vector<WorkloadEvent> all = School();
  for (WorkloadEvent& event : Default().SelfEvaluationEvents()) all.push_back(std::move(event));
  for (const WorkloadEvent& event : all) {
    const std::string& id = event.envelope.event_id();
    EXPECT_TRUE(ids.insert(id).second) << id << " appears twice";
    EXPECT_LE(id.size(), 128u);
    EXPECT_THAT(id, ::testing::MatchesRegex("[A-Za-z0-9._:-]+"));
  }
  EXPECT_EQ(Default().PupilEvents(42)[16].envelope.event_id(), "school-1:s1-p42-e17");
}

TEST_F(SchoolWorkloadTest, EnvelopesCarryWhatTheCallerFillsIn) {
  for (const WorkloadEvent& event : School()) {
    const v1::EventEnvelope& envelope = event.envelope;
    EXPECT_THAT(event.stream_id, ::testing::StartsWith("pupil/school-1/adm-"));
    EXPECT_EQ(envelope.tenant(), "school-1");
    EXPECT_THAT(envelope.event_type(), ::testing::StartsWith("endeavour.v1."));
    EXPECT_THAT(envelope.actor().id(), ::testing::StartsWith("staff/"));
    EXPECT_NE(envelope.actor().role(), v1::ROLE_UNSPECIFIED);
    EXPECT_TRUE(domain::IsRealDate(envelope.occurred_on()));
    EXPECT_FALSE(envelope.correlation_id().empty());
    EXPECT_FALSE(envelope.payload().empty());
    EXPECT_EQ(envelope.position(), 0u);
    if (HasFailure()) return;
  }
}

TEST_F(SchoolWorkloadTest, DatesMoveForwardsInTermTimeWithinTwoYears) {
  const int64_t start = domain::DayNumber(DefaultWorkloadStart());
  std::map<std::string, int64_t> latest;
  int64_t previous = start;
  for (const WorkloadEvent& event : School()) {
    const int64_t day = domain::DayNumber(event.envelope.occurred_on());
    EXPECT_GE(day, previous) << "the log is in date order";
    EXPECT_GE(day, latest[event.stream_id]) << event.envelope.event_id();
    EXPECT_LT((day + 3) % 7, 5) << event.envelope.event_id() << " is dated on a weekend";
    EXPECT_NE(event.envelope.occurred_on().month(), 8) << event.envelope.event_id() << " in August";
    EXPECT_LE(day, start + 730) << event.envelope.event_id();
    latest[event.stream_id] = previous = day;
    if (HasFailure()) return;
  }
}

TEST_F(SchoolWorkloadTest, TheInterleavingMixesStreamsAndKeepsEachStreamsOrder) {
  std::map<std::string, std::vector<std::string>> merged;
  int switches = 0;
  for (size_t i = 0; i < School().size(); ++i) {
    merged[School()[i].stream_id].push_back(School()[i].envelope.event_id());
    switches += i > 0 && School()[i].stream_id != School()[i - 1].stream_id;
  }
  const SchoolWorkload school = Default();
  for (int i = 0; i < school.options().pupils; ++i) {
    std::vector<std::string> own;
    for (const WorkloadEvent& event : school.PupilEvents(i))
      own.push_back(event.envelope.event_id());
    EXPECT_EQ(merged[school.PupilStreamId(i)], own) << school.PupilStreamId(i);
  }
  EXPECT_GT(switches, static_cast<int>(School().size()) / 4) << "streams barely mix";
}

TEST_F(SchoolWorkloadTest, TheSchoolHasAMixOfWhatHappens) {
  std::set<int> attendance, decisions, census_types, statuses;
  for (const auto& session : AllOf<v1::InterventionDelivered>(School())) {
    attendance.insert(session.attendance());
  }
  for (const auto& review : AllOf<v1::ReviewHeld>(School())) decisions.insert(review.decision());
  int secondary = 0;
  for (const auto& need : AllOf<v1::NeedIdentified>(School())) {
    census_types.insert(need.census_type());
    secondary += need.rank() == v1::NEED_RANK_SECONDARY;
  }
  for (const auto& change : AllOf<v1::SenStatusChanged>(School())) {
    statuses.insert(change.to_status());
  }
  EXPECT_EQ(attendance.size(), 4u);
  EXPECT_EQ(decisions.size(), 6u);
  EXPECT_GE(census_types.size(), 6u);
  EXPECT_EQ(statuses.size(), 3u) << "onto SEN support, EHC plans, and leaving SEN support";
  EXPECT_GT(secondary, 10);
  EXPECT_GT(AllOf<v1::PlanAdjusted>(School()).size(), 20u);
  EXPECT_GT(AllOf<v1::ExternalAdviceReceived>(School()).size(), 10u);
  EXPECT_GT(AllOf<v1::EhcNeedsAssessmentRequested>(School()).size(), 3u);
  EXPECT_GT(AllOf<v1::RecordRetracted>(School()).size(), 5u);
  const auto corrections = AllOf<v1::RecordCorrected>(School());
  ASSERT_GT(corrections.size(), 10u);
  EXPECT_EQ(corrections[0].corrected_event_type(), "endeavour.v1.InterventionDelivered");
}

TEST_F(SchoolWorkloadTest, TheSelfEvaluationIsValidUnderItsRules) {
  const std::vector<WorkloadEvent> events = Default().SelfEvaluationEvents();
  domain::SelfEvaluationState state;
  int ratings = 0, actions = 0;
  for (const WorkloadEvent& event : events) {
    const v1::EventEnvelope& envelope = event.envelope;
    EXPECT_EQ(event.stream_id, "school/school-1/self-evaluation");
    auto fact = domain::ParseEvent<domain::SchoolEvent>(envelope.event_type(), envelope.payload());
    ASSERT_TRUE(fact.ok()) << fact.status();
    domain::SchoolCommand command;
    if (const auto* rating = std::get_if<v1::RatingRecorded>(&*fact)) {
      v1::RecordRating rate;
      *rate.mutable_rating() = *rating;
      command = rate;
      ++ratings;
    } else {
      v1::PlanImprovementAction plan;
      *plan.mutable_action() = std::get<v1::ImprovementActionPlanned>(*fact);
      command = plan;
      ++actions;
    }
    auto decided = domain::SelfEvaluation::Decide(command, state, {"command", kFarFuture});
    ASSERT_TRUE(decided.ok()) << envelope.event_id() << ": " << decided.status();
    ASSERT_EQ(decided->size(), 1u) << envelope.event_id();
    EXPECT_EQ(domain::SerializeEvent(decided->front()), envelope.payload());
    state = domain::SelfEvaluation::Evolve(std::move(state), envelope.event_id(), *fact);
  }
  EXPECT_EQ(ratings, 90);
  EXPECT_EQ(actions, 5);
  EXPECT_EQ(state.statements.size(), 45u);
}

// Benchmarks generate a million events: that must take seconds, not minutes. The bound is loose
// so that sanitizer builds pass; the figure printed is the one to watch.
TEST_F(SchoolWorkloadTest, AMillionEventsAreGeneratedInSeconds) {
  const SchoolWorkload school(WorkloadOptions{.pupils = 10000, .events_per_pupil = 100});
  const auto began = std::chrono::steady_clock::now();
  size_t events = 0, bytes = 0;
  for (int i = 0; i < school.options().pupils; ++i) {
    for (const WorkloadEvent& event : school.PupilEvents(i)) {
      ++events;
      bytes += event.envelope.payload().size();
    }
  }
  const double seconds =
      std::chrono::duration<double>(std::chrono::steady_clock::now() - began).count();
  std::printf("generated %zu events (%zu payload bytes) in %.2f s\n", events, bytes, seconds);
  EXPECT_GE(events, 950000u);
  EXPECT_LT(seconds, 60.0);
}

}  // namespace
}  // namespace endeavour::projections::testing
