#include "clients/report/report_file.h"

#include <stdlib.h>

#include <fstream>
#include <sstream>
#include <string>

#include "clients/report/report.h"
#include "clients/report/report_samples.h"
#include "eventstore/testing/temp_dir.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"

namespace endeavour::report {
namespace {

using ::testing::HasSubstr;
using ::testing::StartsWith;

std::string ReadAll(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  std::stringstream text;
  text << in.rdbuf();
  return text.str();
}

// Sets $PATH for the life of the object: how a test makes a program missing.
class ScopedPath {
 public:
  explicit ScopedPath(const std::string& path) : saved_(getenv("PATH")) {
    setenv("PATH", path.c_str(), 1);
  }
  ~ScopedPath() { setenv("PATH", saved_.c_str(), 1); }

 private:
  std::string saved_;
};

class ReportFileTest : public ::testing::Test {
 protected:
  endeavour::testing::TempDir dir_{"report_file"};
};

TEST_F(ReportFileTest, WritesTheDocumentToTheFile) {
  const std::string path = dir_.path() + "/report.html";
  ASSERT_TRUE(WriteReport(path, "<p>Amelia</p>\n").ok());
  EXPECT_EQ(ReadAll(path), "<p>Amelia</p>\n");
}

TEST_F(ReportFileTest, AFileThatCannotBeWrittenIsNamedWithTheReason) {
  const absl::Status status = WriteReport(dir_.path() + "/no/such/folder/report.html", "x");
  EXPECT_EQ(status.code(), absl::StatusCode::kInternal);
  EXPECT_THAT(status.message(), HasSubstr("no/such/folder/report.html"));
  EXPECT_THAT(status.message(), HasSubstr("No such file or directory"));
}

TEST_F(ReportFileTest, DrawsTheChartAsAPng) {
  ASSERT_FALSE(FindProgram("rsvg-convert").empty()) << "deploy/install-deps.sh installs it";
  const std::string path = dir_.path() + "/chart.png";
  const std::string svg =
      RenderSelfEvaluationChart(testing::SampleTrends(), testing::SampleProvenance());
  const absl::Status status = ConvertSvgToPng(svg, path);
  ASSERT_TRUE(status.ok()) << status;
  EXPECT_THAT(ReadAll(path), StartsWith("\x89PNG\r\n\x1a\n"));
}

TEST_F(ReportFileTest, ABrokenSvgIsAnErrorAndLeavesNoFile) {
  const std::string path = dir_.path() + "/broken.png";
  const absl::Status status = ConvertSvgToPng("<svg><text>", path);
  EXPECT_EQ(status.code(), absl::StatusCode::kInternal);
  EXPECT_THAT(status.message(), HasSubstr("rsvg-convert"));
  EXPECT_FALSE(std::ifstream(path).good());
}

TEST_F(ReportFileTest, WithoutChromiumPdfSaysHowToInstallIt) {
  ScopedPath empty(dir_.path());
  const absl::Status status = PrintHtmlToPdf("<!DOCTYPE html><p>x</p>", dir_.path() + "/x.pdf");
  EXPECT_EQ(status.code(), absl::StatusCode::kFailedPrecondition);
  EXPECT_THAT(status.message(), HasSubstr("deploy/install-deps.sh --pdf"));
  const absl::Status png = ConvertSvgToPng("<svg/>", dir_.path() + "/x.png");
  EXPECT_EQ(png.code(), absl::StatusCode::kFailedPrecondition);
  EXPECT_THAT(png.message(), HasSubstr("deploy/install-deps.sh"));
}

TEST_F(ReportFileTest, PrintsTheHistoryToPdfWithChromium) {
  if (FindProgram("chromium").empty()) {
    GTEST_SKIP() << "chromium is not installed (deploy/install-deps.sh --pdf)";
  }
  const std::string path = dir_.path() + "/history.pdf";
  const std::string html = RenderHistoryReport(testing::SampleHistory(),
                                               testing::SampleProvenance(), DocumentFormat::kHtml);
  const absl::Status status = PrintHtmlToPdf(html, path);
  ASSERT_TRUE(status.ok()) << status;
  const std::string pdf = ReadAll(path);
  EXPECT_EQ(pdf.substr(0, 5), "%PDF-");
  // Every page A4 (595 x 842 points), and each of the three cycles starts a page of its own.
  int a4_pages = 0;
  for (size_t at = pdf.find("/MediaBox [0 0 594.9"); at != std::string::npos;
       at = pdf.find("/MediaBox [0 0 594.9", at + 1)) {
    ++a4_pages;
  }
  EXPECT_GE(a4_pages, 4);
  EXPECT_EQ(pdf.find("/MediaBox [0 0 612"), std::string::npos) << "US Letter pages";
}

}  // namespace
}  // namespace endeavour::report
