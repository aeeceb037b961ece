// The self-evaluation tool as seed 001 gives it: seven sections, 45 key statements, the rating
// scale and the evidence bands.
#include "services/domain/key_statements.h"

#include <gtest/gtest.h>

#include <cctype>
#include <set>
#include <string>
#include <vector>

namespace endeavour::domain {
namespace {

namespace v1 = endeavour::v1;

TEST(KeyStatements, TheToolHasSevenSectionsInTheOrderOfTheEnum) {
  const auto sections = SelfEvaluationSections();
  ASSERT_EQ(sections.size(), 7u);
  for (size_t i = 0; i < sections.size(); ++i) {
    EXPECT_EQ(sections[i].id, static_cast<v1::SelfEvaluationSection>(i + 1));
    EXPECT_EQ(FindSection(sections[i].id), &sections[i]);
  }
  EXPECT_EQ(FindSection(v1::SELF_EVALUATION_SECTION_UNSPECIFIED), nullptr);
  EXPECT_EQ(FindSection(static_cast<v1::SelfEvaluationSection>(8)), nullptr);
}

TEST(KeyStatements, SectionsHaveTheirPageHeadingsAsTitles) {
  EXPECT_EQ(FindSection(v1::SELF_EVALUATION_SECTION_OUTCOMES)->title,
            "Outcomes for Pupils with SEND");
  EXPECT_EQ(FindSection(v1::SELF_EVALUATION_SECTION_WORKING_WITH_PARENTS_AND_CARERS)->title,
            "Working with Pupils and Parents/Carers of pupils with SEND");
  EXPECT_EQ(FindSection(v1::SELF_EVALUATION_SECTION_EFFICIENT_USE_OF_RESOURCES)->title,
            "The efficient use of resources to improve outcomes for SEND");
}

// Issue 4 says 7, 7, 7, 7, 7, 5 and 5: that is the order of the tool's pages, where the use of
// resources comes fifth. In the enum's order (the order of the tool's instructions) it reads
// 7, 7, 7, 7, 5, 5, 7.
TEST(KeyStatements, SectionsHaveSevenOrFiveStatementsAsTheToolGivesThem) {
  std::vector<size_t> counts;
  for (const Section& section : SelfEvaluationSections()) {
    counts.push_back(section.statements.size());
  }
  EXPECT_EQ(counts, (std::vector<size_t>{7, 7, 7, 7, 5, 5, 7}));
  const v1::SelfEvaluationSection page_order[] = {
      v1::SELF_EVALUATION_SECTION_OUTCOMES,
      v1::SELF_EVALUATION_SECTION_LEADERSHIP,
      v1::SELF_EVALUATION_SECTION_TEACHING_AND_LEARNING,
      v1::SELF_EVALUATION_SECTION_WORKING_WITH_PARENTS_AND_CARERS,
      v1::SELF_EVALUATION_SECTION_EFFICIENT_USE_OF_RESOURCES,
      v1::SELF_EVALUATION_SECTION_ASSESSMENT_AND_IDENTIFICATION,
      v1::SELF_EVALUATION_SECTION_MONITORING_TRACKING_AND_EVALUATION};
  std::vector<size_t> in_page_order;
  for (auto id : page_order) in_page_order.push_back(FindSection(id)->statements.size());
  EXPECT_EQ(in_page_order, (std::vector<size_t>{7, 7, 7, 7, 7, 5, 5}));
}

TEST(KeyStatements, StatementsAreNumberedFromOneWithoutAGap) {
  for (const Section& section : SelfEvaluationSections()) {
    for (size_t i = 0; i < section.statements.size(); ++i) {
      EXPECT_EQ(section.statements[i].number, static_cast<int>(i + 1)) << section.title;
    }
  }
}

TEST(KeyStatements, EveryStatementHasItsOwnTextWithoutItsNumber) {
  std::set<std::string_view> texts;
  for (const Section& section : SelfEvaluationSections()) {
    for (const KeyStatement& statement : section.statements) {
      const std::string text(statement.text);
      EXPECT_GT(text.size(), 40u) << text;
      EXPECT_TRUE(std::isupper(static_cast<unsigned char>(text[0]))) << text;
      EXPECT_EQ(text.find("  "), std::string::npos) << text;
      EXPECT_NE(text.back(), ' ') << text;
      EXPECT_TRUE(texts.insert(statement.text).second) << text;
    }
  }
  EXPECT_EQ(texts.size(), 45u);
}

TEST(KeyStatements, FindsAStatementByItsSectionAndNumber) {
  const KeyStatement* register_review =
      FindKeyStatement(v1::SELF_EVALUATION_SECTION_ASSESSMENT_AND_IDENTIFICATION, 4);
  ASSERT_NE(register_review, nullptr);
  EXPECT_EQ(register_review->text, "The SEND register is accurate and reviewed at least termly.");
  const KeyStatement* apdr =
      FindKeyStatement(v1::SELF_EVALUATION_SECTION_MONITORING_TRACKING_AND_EVALUATION, 2);
  ASSERT_NE(apdr, nullptr);
  EXPECT_EQ(apdr->text, "Interventions follow a cycle of Assess, Plan, Do, Review.");
}

TEST(KeyStatements, FindsNoStatementOutsideItsSection) {
  EXPECT_EQ(FindKeyStatement(v1::SELF_EVALUATION_SECTION_ASSESSMENT_AND_IDENTIFICATION, 6),
            nullptr);
  EXPECT_EQ(FindKeyStatement(v1::SELF_EVALUATION_SECTION_LEADERSHIP, 0), nullptr);
  EXPECT_EQ(FindKeyStatement(v1::SELF_EVALUATION_SECTION_LEADERSHIP, 8), nullptr);
  EXPECT_EQ(FindKeyStatement(v1::SELF_EVALUATION_SECTION_UNSPECIFIED, 1), nullptr);
}

// Where the evidence page words a statement differently, the rating page's wording is kept.
TEST(KeyStatements, KeepTheRatingPagesWording) {
  EXPECT_EQ(FindKeyStatement(v1::SELF_EVALUATION_SECTION_TEACHING_AND_LEARNING, 2)->text,
            "Senior leaders are involved in reviewing and helping teachers improve the quality of "
            "teaching for all pupils.");  // the evidence page: "They are involved ..."
  EXPECT_NE(FindKeyStatement(v1::SELF_EVALUATION_SECTION_OUTCOMES, 1)
                ->text.find("close to or above National benchmark or comparative school figures"),
            std::string_view::npos);  // the evidence page: "close to or above national figures"
  EXPECT_NE(FindKeyStatement(v1::SELF_EVALUATION_SECTION_EFFICIENT_USE_OF_RESOURCES, 5)
                ->text.find("through the use of a provision map"),
            std::string_view::npos);  // the evidence page: "using a provision map"
  EXPECT_EQ(
      FindKeyStatement(v1::SELF_EVALUATION_SECTION_WORKING_WITH_PARENTS_AND_CARERS, 4)->text,
      "Pupils with SEND speak highly of the support they receive. Where appropriate, they are "
      "able to articulate how the support they have had from the school has made a real "
      "difference");
}

TEST(RatingScale, DescribesZeroOneThreeFiveSevenAndEightToTen) {
  std::vector<std::pair<int, int>> ranges;
  for (const RatingLevel& level : RatingScale()) ranges.emplace_back(level.from, level.to);
  EXPECT_EQ(ranges,
            (std::vector<std::pair<int, int>>{{0, 0}, {1, 1}, {3, 3}, {5, 5}, {7, 7}, {8, 10}}));
  EXPECT_EQ(DescribedLevel(kNotApplicable)->meaning.substr(0, 29), "Inappropriate/inapplicable to");
  EXPECT_EQ(DescribedLevel(9)->meaning, "Case studies of outstanding practice to share");
  EXPECT_EQ(DescribedLevel(2), nullptr);
  EXPECT_EQ(DescribedLevel(11), nullptr);
}

TEST(EvidenceBands, ZeroToThreeHasNotBeenAddressedYet) {
  EXPECT_EQ(BandOf(0), EvidenceBand::kNotYetAddressed);
  EXPECT_EQ(BandOf(3), EvidenceBand::kNotYetAddressed);
  EXPECT_EQ(EvidenceBandName(BandOf(1)), "has not been addressed yet");
}

TEST(EvidenceBands, FourToSixIsBeingAddressedInImprovementPlanning) {
  EXPECT_EQ(BandOf(4), EvidenceBand::kBeingAddressed);
  EXPECT_EQ(BandOf(6), EvidenceBand::kBeingAddressed);
  EXPECT_NE(BandOf(7), EvidenceBand::kBeingAddressed);
}

TEST(EvidenceBands, SevenToTenIsStrategicallyAddressed) {
  EXPECT_EQ(BandOf(7), EvidenceBand::kStrategicallyAddressed);
  EXPECT_EQ(BandOf(10), EvidenceBand::kStrategicallyAddressed);
  EXPECT_EQ(EvidenceBandName(BandOf(8)), "strategically addressed - clear evidence of impact");
}

}  // namespace
}  // namespace endeavour::domain
