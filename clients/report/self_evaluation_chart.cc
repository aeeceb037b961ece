#include "clients/report/self_evaluation_chart.h"

#include <algorithm>
#include <cmath>
#include <string>
#include <vector>

#include "absl/strings/str_cat.h"
#include "clients/report/footer.h"
#include "clients/report/labels.h"
#include "clients/report/svg_canvas.h"

namespace endeavour::report {
namespace {

constexpr double kWidth = 1200;
constexpr double kLeft = 20;
constexpr double kScaleLeft = 440;
constexpr double kScaleRight = 750;
constexpr double kRowHeight = 24;
constexpr double kRightLeft = 800;
constexpr double kRightRight = 1180;

constexpr char kCurrentColour[] = "#1f4e9c";
constexpr char kTargetColour[] = "#c2410c";
constexpr char kMuted[] = "fill=\"#6b7280\"";
// The evidence pages' three bands: not yet addressed, being addressed, strategically addressed.
constexpr char kBandLow[] = "fill=\"#f9d9d4\"";
constexpr char kBandMid[] = "fill=\"#fdeccb\"";
constexpr char kBandHigh[] = "fill=\"#d8eed8\"";
constexpr const char* kSectionColours[] = {"#1b9e77", "#d95f02", "#7570b3", "#e7298a",
                                           "#66a61e", "#b8860b", "#a6761d"};

const char* SectionColour(v1::SelfEvaluationSection section) {
  return kSectionColours[std::clamp(static_cast<int>(section), 1, 7) - 1];
}

// The 0-10 scale across a statement row: each rating at the middle of its own cell.
double ScaleX(double rating) {
  return kScaleLeft + (rating + 0.5) * (kScaleRight - kScaleLeft) / 11;
}

std::string CurrentMark() { return absl::StrCat("fill=\"", kCurrentColour, "\""); }
std::string TargetMark() {
  return absl::StrCat("fill=\"#ffffff\" stroke=\"", kTargetColour, "\" stroke-width=\"2\"");
}
std::string CurrentLine() {
  return absl::StrCat("stroke=\"", kCurrentColour, "\" stroke-width=\"2.5\"");
}
std::string TargetLine() {
  return absl::StrCat("stroke=\"", kTargetColour, "\" stroke-width=\"2\" stroke-dasharray=\"6 4\"");
}

// The marks of the two lines, then the three evidence bands, in two rows from `y`.
double DrawLegend(double y, SvgCanvas& canvas) {
  canvas.Line({kLeft, y}, {kLeft + 30, y}, CurrentLine());
  canvas.Circle({kLeft + 15, y}, 4.5, CurrentMark());
  canvas.Text({kLeft + 38, y + 4}, "current rating", "font-size=\"12\"");
  canvas.Line({kLeft + 150, y}, {kLeft + 180, y}, TargetLine());
  canvas.Diamond({kLeft + 165, y}, 6, TargetMark());
  canvas.Text({kLeft + 188, y + 4}, "target", "font-size=\"12\"");
  const std::pair<const char*, const char*> bands[] = {{kBandLow, "0-3 not yet addressed"},
                                                       {kBandMid, "4-6 being addressed"},
                                                       {kBandHigh, "7-10 strategically addressed"}};
  double x = kLeft;
  y += 22;
  for (const auto& [fill, label] : bands) {
    canvas.Rect(x, y - 8, 22, 16, absl::StrCat(fill, " stroke=\"#bbbbbb\""));
    canvas.Text({x + 28, y + 4}, label, "font-size=\"12\"");
    x += 220;
  }
  return y + 14;
}

double DrawHeading(const v1::SelfEvaluationTrends& trends, SvgCanvas& canvas) {
  canvas.Text({kLeft, 34},
              absl::StrCat("SEND self-evaluation: join the dots",
                           trends.tenant().empty() ? "" : " — ", trends.tenant()),
              "font-size=\"22\" font-weight=\"bold\" fill=\"#12355b\"");
  canvas.Text({kLeft, 56},
              "Each key statement's current rating (solid line) and target (dashed line), 0-10. "
              "Not applicable (0) and unrated statements are missed out of the lines.",
              "font-size=\"13\" fill=\"#333333\"");
  return DrawLegend(80, canvas) + 16;
}

std::string StatementTooltip(const v1::TrendStatement& statement) {
  std::string tooltip = absl::StrCat(statement.statement(), ". ", statement.text());
  if (!statement.has_latest()) return absl::StrCat(tooltip, "\nNot rated.");
  const v1::TrendRating& latest = statement.latest();
  absl::StrAppend(&tooltip, "\nRated ", DateText(latest.rated_on()), ": now ",
                  latest.current_rating(), ", target ", latest.target_rating());
  if (!latest.evidence().empty()) absl::StrAppend(&tooltip, "\nEvidence: ", latest.evidence());
  return tooltip;
}

double DrawSection(const v1::TrendSection& section, double y, SvgCanvas& canvas) {
  canvas.Text({kLeft, y + 16}, absl::StrCat(section.section(), ". ", section.title()),
              "font-size=\"15\" font-weight=\"bold\" fill=\"#12355b\"");
  const v1::TrendAverages& averages = section.latest();
  std::string summary = averages.statements() > 0
                            ? absl::StrCat("average now ", OneDecimal(averages.current()),
                                           ", target ", OneDecimal(averages.target()), " · ")
                            : "";
  absl::StrAppend(&summary, section.statements_rated(), " of ", section.statements_size(),
                  " rated");
  if (section.statements_not_applicable() > 0) {
    absl::StrAppend(&summary, ", ", section.statements_not_applicable(), " not applicable");
  }
  canvas.Text({kLeft, y + 33}, summary, "font-size=\"12\" fill=\"#333333\"");
  const double top = y + 56;
  const double bottom = top + kRowHeight * section.statements_size();
  for (int v = 0; v <= 10; ++v) {
    canvas.Text({ScaleX(v), top - 5}, absl::StrCat(v), "font-size=\"10.5\" text-anchor=\"middle\"");
  }
  canvas.Rect(ScaleX(-0.5), top, ScaleX(3.5) - ScaleX(-0.5), bottom - top, kBandLow);
  canvas.Rect(ScaleX(3.5), top, ScaleX(6.5) - ScaleX(3.5), bottom - top, kBandMid);
  canvas.Rect(ScaleX(6.5), top, ScaleX(10.5) - ScaleX(6.5), bottom - top, kBandHigh);
  for (int v = 0; v <= 10; ++v) {
    canvas.Line({ScaleX(v), top}, {ScaleX(v), bottom}, "stroke=\"#ffffff\" stroke-width=\"1\"");
  }
  std::vector<Point> current_line, target_line;
  for (int i = 0; i < section.statements_size(); ++i) {
    const v1::TrendStatement& statement = section.statements(i);
    const double middle = top + kRowHeight * (i + 0.5);
    canvas.Line({kLeft, top + kRowHeight * (i + 1)}, {kScaleRight, top + kRowHeight * (i + 1)},
                "stroke=\"#e5e7eb\" stroke-width=\"1\"");
    const bool rated = statement.has_latest() && statement.latest().current_rating() > 0;
    canvas.Text({kLeft + 4, middle + 4},
                absl::StrCat(statement.statement(), ". ", Shorten(statement.text(), 60)),
                rated ? "font-size=\"11.5\"" : absl::StrCat("font-size=\"11.5\" ", kMuted),
                StatementTooltip(statement));
    if (!rated) {
      canvas.Text({kScaleLeft + 6, middle + 4},
                  statement.has_latest() ? "not applicable" : "not rated",
                  absl::StrCat("font-size=\"11\" font-style=\"italic\" ", kMuted));
      continue;
    }
    current_line.push_back({ScaleX(statement.latest().current_rating()), middle});
    target_line.push_back({ScaleX(statement.latest().target_rating()), middle});
  }
  canvas.Polyline(target_line, TargetLine());
  canvas.Polyline(current_line, CurrentLine());
  for (const Point& p : target_line) canvas.Diamond(p, 6.5, TargetMark());
  for (const Point& p : current_line) canvas.Circle(p, 4.5, CurrentMark());
  return bottom + 22;
}

// The averages round by round: a line per section and the school's overall current and target.
double DrawTrend(const v1::SelfEvaluationTrends& trends, double y, SvgCanvas& canvas) {
  canvas.Text({kRightLeft, y + 16}, "Averages round by round",
              "font-size=\"15\" font-weight=\"bold\" fill=\"#12355b\"");
  const double left = kRightLeft + 26, right = kRightRight - 8;
  const double top = y + 34, bottom = top + 220;
  auto value_y = [&](double v) { return bottom - v / 10 * (bottom - top); };
  canvas.Rect(left, value_y(3.5), right - left, bottom - value_y(3.5), kBandLow);
  canvas.Rect(left, value_y(6.5), right - left, value_y(3.5) - value_y(6.5), kBandMid);
  canvas.Rect(left, top, right - left, value_y(6.5) - top, kBandHigh);
  for (int v = 0; v <= 10; v += 2) {
    canvas.Text({left - 6, value_y(v) + 4}, absl::StrCat(v),
                "font-size=\"10.5\" text-anchor=\"end\"");
    canvas.Line({left, value_y(v)}, {right, value_y(v)}, "stroke=\"#ffffff\" stroke-width=\"1\"");
  }
  const int rounds = trends.rounds_size();
  if (rounds == 0) {
    canvas.Text({(left + right) / 2, (top + bottom) / 2}, "No ratings recorded yet.",
                absl::StrCat("font-size=\"13\" text-anchor=\"middle\" ", kMuted));
  }
  auto round_x = [&](int i) {
    return rounds == 1 ? (left + right) / 2 : left + 24 + i * (right - left - 48) / (rounds - 1);
  };
  const int label_every =
      rounds <= 1
          ? 1
          : std::max(1, static_cast<int>(std::ceil(72 / ((right - left - 48) / (rounds - 1)))));
  for (int i = 0; i < rounds; ++i) {
    if (i % label_every != 0) continue;
    canvas.Text({round_x(i), bottom + 15}, ShortDateText(trends.rounds(i).rated_on()),
                "font-size=\"10\" text-anchor=\"middle\"");
  }
  for (int s = 1; s <= 7; ++s) {
    std::vector<Point> points;
    for (int i = 0; i < rounds; ++i) {
      for (const v1::TrendRoundSection& rs : trends.rounds(i).sections()) {
        if (rs.section() == s && rs.averages().statements() > 0) {
          points.push_back({round_x(i), value_y(rs.averages().current())});
        }
      }
    }
    const char* colour = SectionColour(static_cast<v1::SelfEvaluationSection>(s));
    canvas.Polyline(points, absl::StrCat("stroke=\"", colour, "\" stroke-width=\"1.5\""));
    for (const Point& p : points) canvas.Circle(p, 3, absl::StrCat("fill=\"", colour, "\""));
  }
  std::vector<Point> current, target;
  for (int i = 0; i < rounds; ++i) {
    const v1::TrendAverages& overall = trends.rounds(i).overall();
    if (overall.statements() == 0) continue;
    current.push_back({round_x(i), value_y(overall.current())});
    target.push_back({round_x(i), value_y(overall.target())});
  }
  canvas.Polyline(target, TargetLine());
  canvas.Polyline(current, "stroke=\"#111111\" stroke-width=\"3\"");
  for (const Point& p : target) canvas.Diamond(p, 5, TargetMark());
  for (const Point& p : current) canvas.Circle(p, 4, "fill=\"#111111\"");

  double legend = bottom + 36;
  canvas.Line({kRightLeft, legend - 4}, {kRightLeft + 24, legend - 4},
              "stroke=\"#111111\" stroke-width=\"3\"");
  canvas.Text({kRightLeft + 30, legend}, "whole school, current", "font-size=\"11.5\"");
  canvas.Line({kRightLeft + 190, legend - 4}, {kRightLeft + 214, legend - 4}, TargetLine());
  canvas.Text({kRightLeft + 220, legend}, "whole school, target", "font-size=\"11.5\"");
  for (const v1::TrendSection& section : trends.sections()) {
    legend += 17;
    canvas.Line(
        {kRightLeft, legend - 4}, {kRightLeft + 24, legend - 4},
        absl::StrCat("stroke=\"", SectionColour(section.section()), "\" stroke-width=\"2\""));
    canvas.Text(
        {kRightLeft + 30, legend},
        absl::StrCat(section.section(), ". ", SectionShortName(section.section()), ", current"),
        "font-size=\"11.5\"", section.title());
  }
  return legend + 30;
}

double DrawGaps(const v1::SelfEvaluationTrends& trends, double y, SvgCanvas& canvas) {
  canvas.Text({kRightLeft, y + 16}, "Gaps, largest first",
              "font-size=\"15\" font-weight=\"bold\" fill=\"#12355b\"");
  canvas.Text({kRightLeft, y + 34}, "Target minus current: where to put the effort.",
              absl::StrCat("font-size=\"11.5\" ", kMuted));
  y += 58;
  int rank = 0, closed = 0;
  for (const v1::TrendGap& gap : trends.gaps()) {
    if (gap.gap() <= 0) {
      ++closed;
      continue;
    }
    ++rank;
    canvas.Text(
        {kRightLeft, y},
        absl::StrCat(rank, ". ", SectionShortName(gap.section()), ", statement ", gap.statement()),
        "font-size=\"12\" font-weight=\"bold\"");
    canvas.Text({kRightRight, y},
                absl::StrCat(gap.current_rating(), " → ", gap.target_rating(), ": gap ", gap.gap()),
                "font-size=\"12\" font-weight=\"bold\" text-anchor=\"end\"");
    canvas.Text({kRightLeft + 14, y + 15}, Shorten(gap.text(), 42),
                absl::StrCat("font-size=\"10.5\" ", kMuted), gap.text());
    canvas.Text(
        {kRightRight, y + 15},
        gap.actions() == 0 ? "no action planned" : Count(gap.actions(), "action", "actions"),
        gap.actions() == 0 ? "font-size=\"10.5\" text-anchor=\"end\" fill=\"#b91c1c\" "
                             "font-weight=\"bold\""
                           : "font-size=\"10.5\" text-anchor=\"end\" fill=\"#166534\"");
    y += 34;
  }
  if (rank == 0) {
    canvas.Text({kRightLeft, y}, "No statement is below its target.",
                absl::StrCat("font-size=\"12\" ", kMuted));
    y += 20;
  }
  if (closed > 0) {
    canvas.Text({kRightLeft, y},
                absl::StrCat(Count(closed, "statement", "statements"), " at or above target."),
                absl::StrCat("font-size=\"11.5\" ", kMuted));
    y += 20;
  }
  return y;
}

double DrawFooter(const v1::SelfEvaluationTrends& trends, const Provenance& provenance, double y,
                  SvgCanvas& canvas) {
  canvas.Line({kLeft, y}, {kRightRight, y}, "stroke=\"#9aa7b5\" stroke-width=\"1\"");
  y += 18;
  for (const Text& line : FooterLines(provenance, trends.tenant(), trends.last_position())) {
    std::string plain;
    for (const Run& run : line.runs()) plain += run.text;
    canvas.Text({kLeft, y}, plain, "font-size=\"11\" fill=\"#333333\"");
    y += 16;
  }
  return y + 6;
}

}  // namespace

std::string SelfEvaluationSvgElement(const v1::SelfEvaluationTrends& trends,
                                     const Provenance& provenance) {
  SvgCanvas canvas;
  const double top = DrawHeading(trends, canvas);
  double left = top;
  for (const v1::TrendSection& section : trends.sections()) {
    left = DrawSection(section, left, canvas);
  }
  double right = DrawTrend(trends, top, canvas);
  right = DrawGaps(trends, right, canvas);
  const double height = DrawFooter(trends, provenance, std::max(left, right) + 10, canvas);
  return canvas.Element(
      0, 0, kWidth, height,
      absl::StrCat("SEND self-evaluation of ", trends.tenant(), ": join the dots"),
      "For each section of the self-evaluation tool, each key statement's current rating and "
      "target on the 0-10 scale, joined as two lines over the evidence bands; the averages round "
      "by round; and the gaps between current and target, largest first.");
}

std::string ChartLegendSvg() {
  SvgCanvas canvas;
  const double height = DrawLegend(14, canvas) + 4;
  return canvas.Element(0, 0, kScaleRight + 10, height, "How to read the chart",
                        "The current rating's mark and line, the target's, and the colours of "
                        "the three evidence bands.");
}

std::string SectionPanelSvg(const v1::TrendSection& section) {
  SvgCanvas canvas;
  const double height = DrawSection(section, 0, canvas) - 12;
  return canvas.Element(
      0, 0, kScaleRight + 10, height, absl::StrCat(section.section(), ". ", section.title()),
      "Each key statement's current rating and target on the 0-10 scale, joined as two lines.");
}

std::string RoundsSvg(const v1::SelfEvaluationTrends& trends) {
  SvgCanvas canvas;
  // The document gives the chart its heading: the view starts below the one drawn.
  constexpr double kBelowTitle = 24;
  const double height = DrawTrend(trends, 0, canvas) - 10 - kBelowTitle;
  return canvas.Element(kRightLeft - 10, kBelowTitle, kRightRight - kRightLeft + 20, height,
                        "Averages round by round",
                        "The school's average current rating and target in each round of "
                        "rating, and each section's average current rating.");
}

std::string RenderSelfEvaluationChart(const v1::SelfEvaluationTrends& trends,
                                      const Provenance& provenance) {
  return absl::StrCat("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n",
                      SelfEvaluationSvgElement(trends, provenance), "\n");
}

}  // namespace endeavour::report
