#include "clients/report/self_evaluation_chart.h"

#include <regex>
#include <string>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_split.h"
#include "clients/report/labels.h"
#include "clients/report/report.h"
#include "clients/report/report_samples.h"
#include "clients/report/svg_canvas.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"

namespace endeavour::report {
namespace {

using ::testing::HasSubstr;
using ::testing::Not;

// The number of points of each <polyline> drawn with `stroke`, in order.
std::vector<int> LinePoints(const std::string& svg, const std::string& stroke) {
  std::vector<int> counts;
  const std::regex line("<polyline points=\"([^\"]*)\" fill=\"none\" stroke=\"" + stroke + "\"");
  for (std::sregex_iterator it(svg.begin(), svg.end(), line), end; it != end; ++it) {
    counts.push_back(
        static_cast<int>(std::vector<std::string>(absl::StrSplit((*it)[1].str(), ' ')).size()));
  }
  return counts;
}

constexpr char kCurrent[] = "#1f4e9c";
constexpr char kTarget[] = "#c2410c";

class ChartTest : public ::testing::Test {
 protected:
  v1::SelfEvaluationTrends trends_ = testing::SampleTrends();
};

TEST_F(ChartTest, IsAStandaloneSvgWithAViewBoxAndEverySection) {
  const std::string svg = RenderSelfEvaluationChart(trends_, testing::SampleProvenance());
  EXPECT_EQ(svg.rfind("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<svg ", 0), 0u);
  EXPECT_THAT(svg, HasSubstr("viewBox=\"0 0 1200 "));
  for (const v1::TrendSection& section : trends_.sections()) {
    EXPECT_THAT(svg, HasSubstr(absl::StrCat(">", section.section(), ". ", section.title(), "<")));
  }
  // The footer.
  EXPECT_THAT(svg, HasSubstr(absl::StrCat("up to position ", trends_.last_position())));
  EXPECT_THAT(svg, HasSubstr("3f2a9100deadbeef"));
}

TEST_F(ChartTest, JoinsTheRatedStatementsAndMissesOutNotApplicableAndUnrated) {
  // Outcomes: 7 statements, the sixth rated 0 (not applicable).
  const std::string outcomes = SectionPanelSvg(trends_.sections(0));
  EXPECT_THAT(LinePoints(outcomes, kCurrent), ::testing::ElementsAre(6));
  EXPECT_THAT(LinePoints(outcomes, kTarget), ::testing::ElementsAre(6));
  EXPECT_THAT(outcomes, HasSubstr(">not applicable</text>"));
  // Assessment: 5 statements, the fifth never rated.
  const std::string assessment = SectionPanelSvg(trends_.sections(4));
  EXPECT_THAT(LinePoints(assessment, kCurrent), ::testing::ElementsAre(4));
  EXPECT_THAT(assessment, HasSubstr(">not rated</text>"));
  // Leadership: all 7 rated, each a circle for now and a diamond for the target.
  const std::string leadership = SectionPanelSvg(trends_.sections(1));
  EXPECT_THAT(LinePoints(leadership, kCurrent), ::testing::ElementsAre(7));
  const std::regex circle("<circle [^>]*fill=\"#1f4e9c\"");
  EXPECT_EQ(std::distance(std::sregex_iterator(leadership.begin(), leadership.end(), circle),
                          std::sregex_iterator()),
            7);
}

TEST_F(ChartTest, PlacesEachRatingOnTheScale) {
  // Leadership 1's latest rating: the current circle and target diamond at their scale positions
  // (each rating in the middle of its cell of the 0-10 scale from x=440 to x=750).
  const v1::TrendRating& latest = trends_.sections(1).statements(0).latest();
  auto x = [](int rating) { return 440 + (rating + 0.5) * 310 / 11; };
  const std::string leadership = SectionPanelSvg(trends_.sections(1));
  EXPECT_THAT(leadership,
              HasSubstr(absl::StrCat("<circle cx=\"", Num(x(latest.current_rating())), "\"")));
  EXPECT_THAT(leadership,
              HasSubstr(absl::StrCat("<polygon points=\"", Num(x(latest.target_rating())), ",")));
}

TEST_F(ChartTest, ColoursTheThreeEvidenceBands) {
  const std::string panel = SectionPanelSvg(trends_.sections(1));
  EXPECT_THAT(panel, HasSubstr("fill=\"#f9d9d4\""));  // 0-3
  EXPECT_THAT(panel, HasSubstr("fill=\"#fdeccb\""));  // 4-6
  EXPECT_THAT(panel, HasSubstr("fill=\"#d8eed8\""));  // 7-10
  const std::string legend = ChartLegendSvg();
  EXPECT_THAT(legend, HasSubstr(">0-3 not yet addressed<"));
  EXPECT_THAT(legend, HasSubstr(">7-10 strategically addressed<"));
}

TEST_F(ChartTest, RanksTheGapsLargestFirst) {
  ASSERT_GE(trends_.gaps_size(), 2);
  const std::string svg = RenderSelfEvaluationChart(trends_, testing::SampleProvenance());
  size_t previous = 0;
  for (int i = 0; i < 5; ++i) {
    const v1::TrendGap& gap = trends_.gaps(i);
    if (i > 0) {
      EXPECT_GE(trends_.gaps(i - 1).gap(), gap.gap());
    }
    const size_t at = svg.find(absl::StrCat(">", i + 1, ". ", SectionShortName(gap.section()),
                                            ", statement ", gap.statement(), "<"));
    ASSERT_NE(at, std::string::npos) << i;
    EXPECT_GT(at, previous);
    previous = at;
    EXPECT_NE(svg.find(absl::StrCat(gap.current_rating(), " → ", gap.target_rating(), ": gap ",
                                    gap.gap()),
                       at),
              std::string::npos);
  }
}

TEST_F(ChartTest, ShowsTheTrendOverRounds) {
  ASSERT_EQ(trends_.rounds_size(), 3);
  const std::string rounds = RoundsSvg(trends_);
  for (const v1::TrendRound& round : trends_.rounds()) {
    EXPECT_THAT(rounds, HasSubstr(absl::StrCat(">", ShortDateText(round.rated_on()), "<")));
  }
  // The school's average now, one point a round, and a line per section.
  EXPECT_THAT(LinePoints(rounds, "#111111"), ::testing::ElementsAre(3));
  EXPECT_THAT(LinePoints(rounds, kTarget), ::testing::ElementsAre(3));
  // Sections 5-7 were not rated in the July round: two points each.
  EXPECT_THAT(LinePoints(rounds, "#66a61e"), ::testing::ElementsAre(2));
}

TEST_F(ChartTest, TheHtmlReportEmbedsTheChartAndTablesTheGaps) {
  const std::string html = RenderSelfEvaluationReport(trends_, testing::SampleProvenance());
  EXPECT_THAT(html, HasSubstr("<div class=\"chart\">\n<svg xmlns=\"http://www.w3.org/2000/svg\""));
  EXPECT_THAT(html, HasSubstr("Gaps, largest first"));
  EXPECT_THAT(html, HasSubstr(trends_.gaps(0).text()));
  // The governor's training was due on 31 October; the view is for 28 November.
  EXPECT_THAT(html, HasSubstr("<span class=\"flag\">OVERDUE</span> 28 days"));
  EXPECT_THAT(html, HasSubstr("size 230"));
}

TEST_F(ChartTest, DataIsEscaped) {
  trends_.set_tenant("<script>alert(1)</script>");
  trends_.mutable_sections(0)->mutable_statements(0)->set_text("\"><script>x()</script>");
  const std::string svg = RenderSelfEvaluationChart(trends_, testing::SampleProvenance());
  EXPECT_THAT(svg, Not(HasSubstr("<script>")));
  EXPECT_THAT(svg, HasSubstr("&lt;script&gt;alert(1)&lt;/script&gt;"));
}

}  // namespace
}  // namespace endeavour::report
