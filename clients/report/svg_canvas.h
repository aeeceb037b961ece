// A small writer of SVG drawing elements. Attribute strings (colours, dashes, anchors) are the
// caller's constants; every piece of text drawn is escaped here, so data never becomes markup.
#ifndef ENDEAVOUR_CLIENTS_REPORT_SVG_CANVAS_H_
#define ENDEAVOUR_CLIENTS_REPORT_SVG_CANVAS_H_

#include <string>
#include <utility>
#include <vector>

#include "absl/strings/string_view.h"

namespace endeavour::report {

struct Point {
  double x = 0;
  double y = 0;
};

class SvgCanvas {
 public:
  void Rect(double x, double y, double width, double height, absl::string_view attributes);
  void Line(Point from, Point to, absl::string_view attributes);
  void Polyline(const std::vector<Point>& points, absl::string_view attributes);
  void Circle(Point centre, double radius, absl::string_view attributes);
  // A diamond of half-diagonal `radius`: the target's mark, told apart from the current rating's
  // circle without colour.
  void Diamond(Point centre, double radius, absl::string_view attributes);
  // `text` escaped; `tooltip`, when given, becomes a <title> child that viewers show on hover.
  void Text(Point at, absl::string_view text, absl::string_view attributes,
            absl::string_view tooltip = "");

  // The <svg> element showing the `width` x `height` user units from (`left`, `top`) of what was
  // drawn, at that size, with a <title> and <desc> for screen readers.
  std::string Element(double left, double top, double width, double height, absl::string_view title,
                      absl::string_view description) const;

 private:
  std::string body_;
};

// One decimal place, no trailing ".0": SVG coordinates.
std::string Num(double value);

// At most `max_chars` characters (UTF-8 code points) of `text`, with "…" when cut.
std::string Shorten(absl::string_view text, size_t max_chars);

}  // namespace endeavour::report

#endif  // ENDEAVOUR_CLIENTS_REPORT_SVG_CANVAS_H_
