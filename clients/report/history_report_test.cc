#include <string>

#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "clients/report/report.h"
#include "clients/report/report_samples.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"

namespace endeavour::report {
namespace {

using ::testing::HasSubstr;
using ::testing::Not;

class HistoryReportTest : public ::testing::Test {
 protected:
  std::string Html() {
    return RenderHistoryReport(history_, testing::SampleProvenance(), DocumentFormat::kHtml);
  }
  std::string Markdown() {
    return RenderHistoryReport(history_, testing::SampleProvenance(), DocumentFormat::kMarkdown);
  }

  v1::BestEndeavoursHistory history_ = testing::SampleHistory();
};

TEST_F(HistoryReportTest, NamesThePupilAndEveryCycleInOrder) {
  for (const std::string& document : {Html(), Markdown()}) {
    EXPECT_THAT(document, HasSubstr("Amelia Hughes"));
    EXPECT_THAT(document, HasSubstr("K (SEN support)"));
    const size_t one = document.find("Cycle 1: plan plan-1, agreed 8 October 2025");
    const size_t two = document.find("Cycle 2: plan plan-2, agreed 28 January 2026");
    const size_t three = document.find("Cycle 3: plan plan-3, agreed 16 March 2026");
    ASSERT_NE(one, std::string::npos);
    ASSERT_NE(two, std::string::npos);
    ASSERT_NE(three, std::string::npos);
    EXPECT_LT(one, two);
    EXPECT_LT(two, three);
  }
}

TEST_F(HistoryReportTest, ShowsEachNeedWithItsEvidenceAndAgreement) {
  const std::string html = Html();
  EXPECT_THAT(html, HasSubstr("Cognition and learning: MLD (moderate learning difficulty)"));
  EXPECT_THAT(html, HasSubstr("need-reading"));
  EXPECT_THAT(html, HasSubstr("Salford sentence reading test"));
  // The language need was never planned for: it stands outside the cycles.
  EXPECT_THAT(html, HasSubstr("Needs no standing plan addresses"));
  EXPECT_THAT(html,
              HasSubstr("Communication and interaction: SLCN (speech, language and communication "
                        "needs)"));
  EXPECT_THAT(html, HasSubstr("not yet asked"));
}

TEST_F(HistoryReportTest, ShowsProvisionWithTimeAndCost) {
  const std::string html = Html();
  EXPECT_THAT(html, HasSubstr("Precision teaching"));
  EXPECT_THAT(html, HasSubstr("5 × 10 min a week, one-to-one, £12.50 a week"));
  // The phonics group as adjusted: 4 a week in a group of 2.
  EXPECT_THAT(html, HasSubstr("4 × 20 min a week, group of 2, £10.00 a week"));
  // Precision teaching up to the first review: seven weeks at £12.50.
  EXPECT_THAT(html, HasSubstr("£87.50"));
  // Cycle 1 as a whole: 770 minutes planned, 32 delivered (12 + 20, the retracted session left
  // out), £132.50 planned.
  EXPECT_THAT(html, HasSubstr("32 / 770"));
  EXPECT_THAT(html, HasSubstr("£132.50"));
  EXPECT_THAT(html, HasSubstr("Dictation scores flat for three weeks"));
  EXPECT_THAT(html, HasSubstr("Hall needed for a rehearsal"));
}

TEST_F(HistoryReportTest, ShowsOutcomesAdviceDecisionsAndWhatWasLearnt) {
  const std::string html = Html();
  EXPECT_THAT(html, HasSubstr("Reads 45 of the first 100 high-frequency words on sight"));
  EXPECT_THAT(html, HasSubstr("Probe 2025-11-24: 38 of 100 words (from 12 in October)"));
  EXPECT_THAT(html, HasSubstr("Dr Nadia Rahman, educational psychologist"));
  EXPECT_THAT(html, HasSubstr("Multisensory structured spelling programme, daily, one-to-one"));
  EXPECT_THAT(html, HasSubstr("Significant concerns remain: request an EHC needs assessment"));
  EXPECT_THAT(html, HasSubstr("EHC needs assessment requested on 6 May 2026 by the school"));
  EXPECT_THAT(html, HasSubstr("Daily one-to-one beats group work for Amelia; mornings are best."));
  EXPECT_THAT(html, HasSubstr("How plan-2 used it"));
}

TEST_F(HistoryReportTest, ShowsEachCorrectionBesideWhatItCorrected) {
  const std::string html = Html();
  // The session's minutes: as it stands, with the value first recorded struck beside it, and
  // each correction with its reason and the values before and after.
  EXPECT_THAT(html, HasSubstr("12 (first recorded <del>10</del>)"));
  EXPECT_THAT(html, HasSubstr("Paper log says 15"));
  EXPECT_THAT(html, HasSubstr("<strong>minutes: </strong><del>10</del> → 15"));
  EXPECT_THAT(html, HasSubstr("<strong>minutes: </strong><del>15</del> → 12"));
  // The review's outcome, and the need's census type.
  EXPECT_THAT(html, HasSubstr("partly met</strong> (first recorded as <del>not met</del>)"));
  EXPECT_THAT(html, HasSubstr("<del>CENSUS_NEED_TYPE_SPLD</del> → CENSUS_NEED_TYPE_MLD"));
  EXPECT_THAT(html, HasSubstr("EP report: moderate, not specific, difficulty"));
  const std::string markdown = Markdown();
  EXPECT_THAT(markdown, HasSubstr("12 (first recorded ~~10~~)"));
  EXPECT_THAT(markdown, HasSubstr("**minutes:** ~~10~~ → 15"));
}

TEST_F(HistoryReportTest, StrikesARetractedSessionThroughWithTheReason) {
  const std::string html = Html();
  EXPECT_THAT(html, HasSubstr("<tr class=\"retracted\"><td><span class=\"flag\">RETRACTED</span>"
                              " <del>9 Oct 2025</del>"));
  EXPECT_THAT(html, HasSubstr("Logged for the wrong pupil"));
  EXPECT_THAT(Markdown(), HasSubstr("**[RETRACTED]** ~~9 Oct 2025~~"));
}

TEST_F(HistoryReportTest, FooterGivesTheLogPositionTreeHeadAndDate) {
  for (const std::string& document : {Html(), Markdown()}) {
    EXPECT_THAT(document, HasSubstr(absl::StrCat("up to position ", history_.last_position())));
    EXPECT_THAT(document, HasSubstr("size 230"));
    EXPECT_THAT(document,
                HasSubstr("3f2a9100deadbeef102030405060708090a0b0c0d0e0f0011223344556677889"));
    EXPECT_THAT(document, HasSubstr("2026-02-05 14:30 UTC"));
  }
  Provenance as_of = testing::SampleProvenance();
  as_of.as_of = "log position 120";
  EXPECT_THAT(RenderHistoryReport(history_, as_of, DocumentFormat::kHtml),
              HasSubstr("as of log position 120."));
}

TEST_F(HistoryReportTest, AMissingTreeHeadIsSaidNotHidden) {
  Provenance none = testing::SampleProvenance();
  none.tree_size = 0;
  none.tree_head_note = "not available to this role";
  EXPECT_THAT(RenderHistoryReport(history_, none, DocumentFormat::kHtml),
              HasSubstr("Merkle tree head: </strong>not available to this role"));
}

TEST_F(HistoryReportTest, DataCannotInjectMarkup) {
  const std::string evil = "<script>alert('x')</script> **bold** [link](javascript:alert(1)) & |";
  history_.mutable_pupil()->mutable_current()->set_display_name(evil);
  history_.mutable_cycles(0)->mutable_review()->mutable_current()->set_pupil_views(
      "<img src=x onerror=alert(1)>\n# not a heading");
  const std::string html = Html();
  EXPECT_THAT(html, Not(HasSubstr("<script>")));
  EXPECT_THAT(html, Not(HasSubstr("<img")));
  EXPECT_THAT(html, HasSubstr("&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt;"));
  const std::string markdown = Markdown();
  EXPECT_THAT(markdown, Not(HasSubstr("<script>")));
  EXPECT_THAT(markdown, Not(HasSubstr("<img")));
  EXPECT_THAT(markdown, Not(HasSubstr("**bold**")));
  EXPECT_THAT(markdown, Not(HasSubstr("[link](")));
  EXPECT_THAT(markdown, HasSubstr("&lt;script&gt;"));
  EXPECT_THAT(markdown, Not(HasSubstr("\n# not a heading")));
}

}  // namespace
}  // namespace endeavour::report
