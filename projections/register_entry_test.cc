#include "projections/register_entry.h"

#include "gtest/gtest.h"
#include "projections/pupil_file_test_util.h"

namespace endeavour::projections {
namespace {

using domain::testing::Amelia;
using domain::testing::D;
using domain::testing::EhcRequest;
using domain::testing::FirstPlan;
using domain::testing::FirstReview;
using domain::testing::OntoSenSupport;
using domain::testing::ReadingNeed;
using domain::testing::Retraction;
using domain::testing::SecondPlan;
using domain::testing::Session;
using domain::testing::TransferOut;
using testing::Missed;
using testing::PupilStream;

TEST(RegisterEntryTest, APupilJustRegisteredIsOnNWithNoNeed) {
  PupilStream stream;
  stream.Add(Amelia());
  const v1::RegisterEntry entry = RenderRegisterEntry(stream.File());
  EXPECT_EQ(entry.stream_id(), PupilStream::kStreamId);
  EXPECT_EQ(entry.pupil_id(), "adm-20417");
  EXPECT_EQ(entry.display_name(), "Amelia Hughes");
  EXPECT_EQ(entry.year_group(), 4);
  EXPECT_EQ(entry.status(), v1::SEN_STATUS_NO_SEN);
  EXPECT_EQ(entry.primary_area(), v1::AREA_OF_NEED_UNSPECIFIED);
  EXPECT_EQ(entry.active_plan_id(), "");
  EXPECT_FALSE(entry.has_next_review_date());
  EXPECT_EQ(entry.reviewed_cycles(), 0);
  EXPECT_EQ(entry.last_position(), 101u);
}

// Amelia in her second cycle, after a first review with an outcome not met.
TEST(RegisterEntryTest, FillsEveryFieldDuringASecondCycle) {
  PupilStream stream;
  stream.AddAll(
      {Amelia(), ReadingNeed(), OntoSenSupport(), FirstPlan(), FirstReview(), SecondPlan()});
  stream.Add(Session("s1", D(2025, 12, 2), "pt", "plan-2"));
  stream.Add(Missed("s2", D(2025, 12, 3), v1::ATTENDANCE_PUPIL_ABSENT, "", "pt", "plan-2"));
  const v1::RegisterEntry entry = RenderRegisterEntry(stream.File());
  EXPECT_EQ(entry.status(), v1::SEN_STATUS_SEN_SUPPORT);
  EXPECT_EQ(entry.primary_area(), v1::AREA_OF_NEED_COGNITION_AND_LEARNING);
  EXPECT_EQ(entry.primary_census_type(), v1::CENSUS_NEED_TYPE_SPLD);
  EXPECT_EQ(entry.active_plan_id(), "plan-2");
  EXPECT_EQ(entry.active_cycle(), 2);
  EXPECT_EQ(entry.active_plan_agreed_on().month(), 12);
  EXPECT_EQ(entry.next_review_date().year(), 2026);
  EXPECT_EQ(entry.next_review_date().day(), 4);
  EXPECT_EQ(entry.reviewed_cycles(), 1);
  EXPECT_EQ(entry.reviewed_cycles_with_not_met(), 1);
  EXPECT_EQ(entry.last_review_on().day(), 26);
  EXPECT_EQ(entry.last_review_decision(), v1::REVIEW_DECISION_REFINE_PLAN);
  ASSERT_EQ(entry.delivery_size(), 2);
  EXPECT_EQ(entry.delivery(0).plan_id(), "plan-2");
  EXPECT_EQ(entry.delivery(0).sessions_logged(), 2);
  EXPECT_EQ(entry.delivery(0).sessions_attended(), 1);
  EXPECT_DOUBLE_EQ(entry.delivery(0).attendance_rate(), 0.5);
  EXPECT_EQ(entry.delivery(0).planned_until().month(), 2);
  EXPECT_EQ(entry.delivery(0).sessions_planned(), 0);  // the overview fills it for its day
  EXPECT_EQ(entry.delivery(1).provision_id(), "phonics");
  EXPECT_FALSE(entry.ehc_needs_assessment_requested());
  EXPECT_FALSE(entry.transferred_out());
  EXPECT_EQ(entry.last_position(), 98u + 3 * 8);
}

TEST(RegisterEntryTest, BetweenPlansTheNextReviewIsTheOneTheLastReviewSet) {
  PupilStream stream;
  v1::ReviewHeld met = FirstReview();
  met.mutable_outcomes(1)->set_progress(v1::OUTCOME_PROGRESS_MET);
  *met.mutable_next_review_date() = D(2026, 1, 14);
  stream.AddAll({Amelia(), ReadingNeed(), OntoSenSupport(), FirstPlan(), met});
  const v1::RegisterEntry entry = RenderRegisterEntry(stream.File());
  EXPECT_EQ(entry.active_plan_id(), "");
  EXPECT_EQ(entry.active_cycle(), 0);
  EXPECT_EQ(entry.delivery_size(), 0);
  EXPECT_EQ(entry.next_review_date().month(), 1);
  EXPECT_EQ(entry.next_review_date().day(), 14);
  EXPECT_EQ(entry.reviewed_cycles(), 1);
  EXPECT_EQ(entry.reviewed_cycles_with_not_met(), 0);
}

TEST(RegisterEntryTest, ARetractedReviewReopensThePlan) {
  PupilStream stream;
  stream.AddAll({Amelia(), ReadingNeed(), OntoSenSupport(), FirstPlan()});
  const std::string review = stream.Add(FirstReview());
  stream.Add(Retraction(review, "Review typed into the wrong pupil's record"));
  const v1::RegisterEntry entry = RenderRegisterEntry(stream.File());
  EXPECT_EQ(entry.active_plan_id(), "plan-1");
  EXPECT_EQ(entry.reviewed_cycles(), 0);
  EXPECT_FALSE(entry.has_last_review_on());
  EXPECT_EQ(entry.next_review_date().month(), 11);
}

TEST(RegisterEntryTest, MarksAnEhcRequestThatStands) {
  PupilStream stream;
  stream.AddAll({Amelia(), ReadingNeed(), OntoSenSupport()});
  const std::string request = stream.Add(EhcRequest());
  EXPECT_TRUE(RenderRegisterEntry(stream.File()).ehc_needs_assessment_requested());
  stream.Add(Retraction(request));
  EXPECT_FALSE(RenderRegisterEntry(stream.File()).ehc_needs_assessment_requested());
}

TEST(RegisterEntryTest, APupilWhoLeftIsMarkedWithNoReviewDue) {
  PupilStream stream;
  stream.AddAll({Amelia(), ReadingNeed(), OntoSenSupport(), FirstPlan(), TransferOut()});
  const v1::RegisterEntry entry = RenderRegisterEntry(stream.File());
  EXPECT_TRUE(entry.transferred_out());
  EXPECT_FALSE(entry.has_next_review_date());
  EXPECT_EQ(entry.active_plan_id(), "plan-1");
}

}  // namespace
}  // namespace endeavour::projections
