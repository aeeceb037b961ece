#include <string>

#include "absl/strings/str_cat.h"
#include "clients/report/labels.h"
#include "clients/report/report.h"
#include "clients/report/report_samples.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"

namespace endeavour::report {
namespace {

using ::testing::HasSubstr;
using ::testing::Not;

class OverviewReportTest : public ::testing::Test {
 protected:
  std::string Render(DocumentFormat format) {
    return RenderOverviewReport(overview_, testing::SampleProvenance(), format);
  }

  v1::SchoolOverview overview_ = testing::SampleOverview();
};

TEST_F(OverviewReportTest, TheRegisterHasEachPupilWithCensusCodes) {
  ASSERT_EQ(overview_.sen_register_size(), 4);
  for (const std::string& document :
       {Render(DocumentFormat::kHtml), Render(DocumentFormat::kMarkdown)}) {
    EXPECT_THAT(document, HasSubstr("Amelia Hughes"));
    EXPECT_THAT(document, HasSubstr("SpLD (specific learning difficulty)"));
    EXPECT_THAT(document, HasSubstr("SEMH (social, emotional and mental health)"));
    EXPECT_THAT(document, HasSubstr("E (education, health and care plan)"));
    EXPECT_THAT(document, HasSubstr("K (SEN support)"));
    // Not on the register: a pupil at N, and one who left.
    EXPECT_THAT(document, Not(HasSubstr("Priya Shah")));
    EXPECT_THAT(document, Not(HasSubstr("Tom Walsh")));
    EXPECT_THAT(document, HasSubstr("1 transferred out"));
  }
  // A register pupil with no primary need is flagged for the census return.
  EXPECT_THAT(Render(DocumentFormat::kHtml), HasSubstr("<span class=\"flag\">MISSING</span>"));
}

TEST_F(OverviewReportTest, ReviewsOverdueAndDueNameThePupilAndTheDays) {
  ASSERT_EQ(overview_.reviews_overdue_size(), 1);
  ASSERT_EQ(overview_.reviews_due_size(), 1);
  const std::string markdown = Render(DocumentFormat::kMarkdown);
  const size_t overdue = markdown.find("### Overdue");
  const size_t due = markdown.find("### Due within 14 days");
  ASSERT_NE(overdue, std::string::npos);
  ASSERT_NE(due, std::string::npos);
  EXPECT_LT(overdue, markdown.find("4 Feb 2026 | 1 |"));
  EXPECT_LT(due, markdown.find("12 Feb 2026 | 7 |"));
  EXPECT_NE(markdown.find("12 Feb 2026 | 7 |"), std::string::npos);
}

TEST_F(OverviewReportTest, DeliveryShowsPlannedAgainstDeliveredMinutes) {
  const std::string html = Render(DocumentFormat::kHtml);
  for (const v1::OverviewPupilDelivery& pupil : overview_.delivery_by_pupil()) {
    EXPECT_THAT(html, HasSubstr(absl::StrCat("<td class=\"num\">", pupil.totals().minutes_planned(),
                                             "</td>")));
    EXPECT_THAT(html, HasSubstr(absl::StrCat(pupil.totals().minutes_delivered(), " (")));
    EXPECT_THAT(html, HasSubstr(MoneyText(pupil.totals().cost_planned_pence())));
  }
  // The school's totals, and why sessions were called off.
  EXPECT_THAT(html, HasSubstr(absl::StrCat("<strong>", overview_.delivery().minutes_planned(),
                                           "</strong>")));
  EXPECT_THAT(html, HasSubstr("Class trip: 1 session"));
}

TEST_F(OverviewReportTest, PersistingConcernsAreListedWithTheirCycles) {
  ASSERT_EQ(overview_.escalations_size(), 1);
  const std::string html = Render(DocumentFormat::kHtml);
  const size_t section = html.find("Concerns persisting across cycles");
  ASSERT_NE(section, std::string::npos);
  EXPECT_NE(html.find("Leo Mensah", section), std::string::npos);
  EXPECT_NE(html.find("not requested", section), std::string::npos);
}

TEST_F(OverviewReportTest, FooterAndEscaping) {
  overview_.set_tenant("<script>x()</script>");
  overview_.mutable_sen_register(0)->set_display_name("Amy | *Bold* <b>");
  for (const std::string& document :
       {Render(DocumentFormat::kHtml), Render(DocumentFormat::kMarkdown)}) {
    EXPECT_THAT(document, Not(HasSubstr("<script>")));
    EXPECT_THAT(document, Not(HasSubstr("<b>")));
    EXPECT_THAT(document, HasSubstr(absl::StrCat("up to position ", overview_.last_position())));
    EXPECT_THAT(document, HasSubstr("size 230"));
  }
  EXPECT_THAT(Render(DocumentFormat::kMarkdown), HasSubstr("Amy \\| \\*Bold\\* &lt;b&gt;"));
}

}  // namespace
}  // namespace endeavour::report
