#include "clients/report/svg_canvas.h"

#include <cmath>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_format.h"
#include "clients/report/markup.h"

namespace endeavour::report {

std::string Num(double value) {
  const double rounded = std::round(value * 10) / 10;
  if (rounded == std::floor(rounded)) return absl::StrCat(static_cast<int64_t>(rounded));
  return absl::StrFormat("%.1f", rounded);
}

std::string Shorten(absl::string_view text, size_t max_chars) {
  size_t chars = 0;
  for (size_t i = 0; i < text.size(); ++i) {
    // A byte that does not continue a UTF-8 sequence starts a character.
    if ((static_cast<unsigned char>(text[i]) & 0xC0) != 0x80) {
      if (chars == max_chars) return absl::StrCat(text.substr(0, i), "…");
      ++chars;
    }
  }
  return std::string(text);
}

void SvgCanvas::Rect(double x, double y, double width, double height,
                     absl::string_view attributes) {
  absl::StrAppend(&body_, "<rect x=\"", Num(x), "\" y=\"", Num(y), "\" width=\"", Num(width),
                  "\" height=\"", Num(height), "\" ", attributes, "/>\n");
}

void SvgCanvas::Line(Point from, Point to, absl::string_view attributes) {
  absl::StrAppend(&body_, "<line x1=\"", Num(from.x), "\" y1=\"", Num(from.y), "\" x2=\"",
                  Num(to.x), "\" y2=\"", Num(to.y), "\" ", attributes, "/>\n");
}

void SvgCanvas::Polyline(const std::vector<Point>& points, absl::string_view attributes) {
  if (points.size() < 2) return;
  std::string list;
  for (const Point& p : points) {
    absl::StrAppend(&list, list.empty() ? "" : " ", Num(p.x), ",", Num(p.y));
  }
  absl::StrAppend(&body_, "<polyline points=\"", list, "\" fill=\"none\" ", attributes, "/>\n");
}

void SvgCanvas::Circle(Point centre, double radius, absl::string_view attributes) {
  absl::StrAppend(&body_, "<circle cx=\"", Num(centre.x), "\" cy=\"", Num(centre.y), "\" r=\"",
                  Num(radius), "\" ", attributes, "/>\n");
}

void SvgCanvas::Diamond(Point centre, double radius, absl::string_view attributes) {
  absl::StrAppend(&body_, "<polygon points=\"", Num(centre.x), ",", Num(centre.y - radius), " ",
                  Num(centre.x + radius), ",", Num(centre.y), " ", Num(centre.x), ",",
                  Num(centre.y + radius), " ", Num(centre.x - radius), ",", Num(centre.y), "\" ",
                  attributes, "/>\n");
}

void SvgCanvas::Text(Point at, absl::string_view text, absl::string_view attributes,
                     absl::string_view tooltip) {
  absl::StrAppend(&body_, "<text x=\"", Num(at.x), "\" y=\"", Num(at.y), "\" ", attributes, ">");
  if (!tooltip.empty()) absl::StrAppend(&body_, "<title>", EscapeXml(tooltip), "</title>");
  absl::StrAppend(&body_, EscapeXml(text), "</text>\n");
}

std::string SvgCanvas::Element(double left, double top, double width, double height,
                               absl::string_view title, absl::string_view description) const {
  return absl::StrCat(
      "<svg xmlns=\"http://www.w3.org/2000/svg\" version=\"1.1\" width=\"", Num(width),
      "\" height=\"", Num(height), "\" viewBox=\"", Num(left), " ", Num(top), " ", Num(width), " ",
      Num(height),
      "\" role=\"img\" font-family=\"'Liberation Sans', 'DejaVu Sans', Arial, Helvetica, "
      "sans-serif\">\n<title>",
      EscapeXml(title), "</title>\n<desc>", EscapeXml(description), "</desc>\n", "<rect x=\"",
      Num(left), "\" y=\"", Num(top), "\" width=\"", Num(width), "\" height=\"", Num(height),
      "\" fill=\"#ffffff\"/>\n", body_, "</svg>");
}

}  // namespace endeavour::report
