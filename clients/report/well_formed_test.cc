// Every rendered document, from realistic views, is checked by parsers nobody here wrote: Python's
// xml.etree for the SVG and html.parser for the HTML (check_markup.py). Set
// ENDEAVOUR_REPORT_SAMPLES to a folder to keep the files for looking at.
#include <stdio.h>
#include <stdlib.h>
#include <sys/wait.h>

#include <fstream>
#include <string>
#include <vector>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "clients/report/report.h"
#include "clients/report/report_samples.h"
#include "eventstore/testing/temp_dir.h"
#include "gtest/gtest.h"

namespace endeavour::report {
namespace {

struct Checked {
  std::string out;
  int exit_code = -1;
};

Checked RunChecker(const std::vector<std::string>& paths) {
  const std::string command =
      absl::StrCat("/usr/bin/python3 ", CHECK_MARKUP, " ", absl::StrJoin(paths, " "), " 2>&1");
  Checked checked;
  FILE* pipe = popen(command.c_str(), "r");
  if (pipe == nullptr) return checked;
  char buffer[4096];
  size_t n;
  while ((n = fread(buffer, 1, sizeof(buffer), pipe)) > 0) checked.out.append(buffer, n);
  const int status = pclose(pipe);
  checked.exit_code = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
  return checked;
}

class MarkupTest : public ::testing::Test {
 protected:
  std::string Write(const std::string& name, const std::string& content) {
    const char* keep = getenv("ENDEAVOUR_REPORT_SAMPLES");
    const std::string folder = keep != nullptr && *keep != '\0' ? keep : dir_.path();
    const std::string path = absl::StrCat(folder, "/", name);
    std::ofstream(path, std::ios::binary) << content;
    return path;
  }

  endeavour::testing::TempDir dir_{"report_markup"};
};

TEST_F(MarkupTest, EveryReportIsWellFormed) {
  const Provenance provenance = testing::SampleProvenance();
  const v1::BestEndeavoursHistory history = testing::SampleHistory();
  const v1::SelfEvaluationTrends trends = testing::SampleTrends();
  const v1::SchoolOverview overview = testing::SampleOverview();
  const std::vector<std::string> paths = {
      Write("history.html", RenderHistoryReport(history, provenance, DocumentFormat::kHtml)),
      Write("history.md", RenderHistoryReport(history, provenance, DocumentFormat::kMarkdown)),
      Write("self-evaluation.svg", RenderSelfEvaluationChart(trends, provenance)),
      Write("self-evaluation.html", RenderSelfEvaluationReport(trends, provenance)),
      Write("overview.html", RenderOverviewReport(overview, provenance, DocumentFormat::kHtml)),
      Write("overview.md", RenderOverviewReport(overview, provenance, DocumentFormat::kMarkdown)),
  };
  const Checked checked = RunChecker(paths);
  EXPECT_EQ(checked.exit_code, 0) << checked.out;
}

TEST_F(MarkupTest, HostileNamesLeaveTheMarkupWellFormedAndInert) {
  const std::string evil = "</td></tr><script>alert(1)</script><svg onload=alert(2)> & \x01 ]]>";
  v1::BestEndeavoursHistory history = testing::SampleHistory();
  history.mutable_pupil()->mutable_current()->set_display_name(evil);
  history.mutable_cycles(0)->mutable_resources(0)->mutable_sessions(1)->mutable_current()->set_note(
      evil);
  v1::SelfEvaluationTrends trends = testing::SampleTrends();
  trends.set_tenant(evil);
  trends.mutable_sections(1)->mutable_statements(0)->set_text(evil);
  trends.mutable_gaps(0)->set_text(evil);
  v1::SchoolOverview overview = testing::SampleOverview();
  overview.set_tenant(evil);
  overview.mutable_sen_register(0)->set_display_name(evil);
  const Provenance provenance = testing::SampleProvenance();
  const std::vector<std::string> paths = {
      Write("hostile-history.html",
            RenderHistoryReport(history, provenance, DocumentFormat::kHtml)),
      Write("hostile-history.md",
            RenderHistoryReport(history, provenance, DocumentFormat::kMarkdown)),
      Write("hostile-chart.svg", RenderSelfEvaluationChart(trends, provenance)),
      Write("hostile-self-evaluation.html", RenderSelfEvaluationReport(trends, provenance)),
      Write("hostile-overview.html",
            RenderOverviewReport(overview, provenance, DocumentFormat::kHtml)),
      Write("hostile-overview.md",
            RenderOverviewReport(overview, provenance, DocumentFormat::kMarkdown)),
  };
  const Checked checked = RunChecker(paths);
  EXPECT_EQ(checked.exit_code, 0) << checked.out;
}

// The checker itself finds what it is there to find.
TEST_F(MarkupTest, TheCheckerRejectsBrokenMarkup) {
  const Checked checked = RunChecker({
      Write("broken.html", "<!DOCTYPE html>\n<html><body><p><b>unclosed</p></body></html>\n"),
      Write("broken.svg", "<svg xmlns=\"http://www.w3.org/2000/svg\"><text>a</svg>"),
      Write("script.html", "<!DOCTYPE html>\n<html><body><script>x()</script></body></html>\n"),
      Write("raw.md", "# Title\n\n<script>x()</script>\n"),
  });
  EXPECT_EQ(checked.exit_code, 1);
  EXPECT_NE(checked.out.find("broken.html"), std::string::npos) << checked.out;
  EXPECT_NE(checked.out.find("broken.svg"), std::string::npos) << checked.out;
  EXPECT_NE(checked.out.find("<script> element"), std::string::npos) << checked.out;
  EXPECT_NE(checked.out.find("raw.md"), std::string::npos) << checked.out;
}

}  // namespace
}  // namespace endeavour::report
