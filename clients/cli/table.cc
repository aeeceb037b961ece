#include "clients/cli/table.h"

#include <algorithm>
#include <cmath>

#include "absl/strings/ascii.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_format.h"
#include "absl/time/time.h"

namespace endeavour::cli {
namespace {

// Characters, not bytes: names and reasons may hold "£" or accents.
size_t DisplayWidth(const std::string& text) {
  size_t width = 0;
  for (unsigned char c : text) width += (c & 0xc0) != 0x80;
  return width;
}

void AppendPadded(const std::string& cell, size_t width, std::string* out) {
  *out += cell;
  out->append(width - std::min(width, DisplayWidth(cell)), ' ');
}

}  // namespace

std::string Table::Render() const {
  std::vector<size_t> widths(headers_.size(), 0);
  for (size_t c = 0; c < headers_.size(); ++c) widths[c] = DisplayWidth(headers_[c]);
  for (const auto& row : rows_) {
    for (size_t c = 0; c < row.size() && c < widths.size(); ++c) {
      widths[c] = std::max(widths[c], DisplayWidth(row[c]));
    }
  }
  std::string out;
  auto line = [&](const std::vector<std::string>& cells, bool upper) {
    std::string text;
    for (size_t c = 0; c < widths.size(); ++c) {
      const std::string cell = c < cells.size() ? cells[c] : "";
      const bool last = c + 1 == widths.size();
      if (last) {
        text += upper ? absl::AsciiStrToUpper(cell) : cell;
      } else {
        AppendPadded(upper ? absl::AsciiStrToUpper(cell) : cell, widths[c] + 2, &text);
      }
    }
    while (!text.empty() && text.back() == ' ') text.pop_back();
    out += text + "\n";
  };
  line(headers_, true);
  for (const auto& row : rows_) line(row, false);
  return out;
}

std::string Fields::Render() const {
  size_t width = 0;
  for (const auto& [label, value] : rows_) width = std::max(width, DisplayWidth(label));
  std::string out;
  for (const auto& [label, value] : rows_) {
    AppendPadded(label, width + 2, &out);
    out += value + "\n";
  }
  return out;
}

std::string FormatDate(const v1::Date& date) {
  if (date.year() == 0 && date.month() == 0 && date.day() == 0) return "-";
  return absl::StrFormat("%04d-%02d-%02d", date.year(), date.month(), date.day());
}

std::string FormatTime(const google::protobuf::Timestamp& time) {
  if (time.seconds() == 0 && time.nanos() == 0) return "-";
  return absl::FormatTime("%Y-%m-%dT%H:%M:%SZ", absl::FromUnixSeconds(time.seconds()),
                          absl::UTCTimeZone());
}

std::string FormatPence(int64_t pence) {
  const char* sign = pence < 0 ? "-" : "";
  const int64_t magnitude = pence < 0 ? -pence : pence;
  return absl::StrFormat("%s£%d.%02d", sign, magnitude / 100, magnitude % 100);
}

std::string FormatShare(double share) {
  return absl::StrCat(static_cast<int>(std::lround(share * 100)), "%");
}

std::string Shorten(const std::string& text, size_t width) {
  if (DisplayWidth(text) <= width) return text;
  std::string out;
  size_t count = 0;
  for (size_t i = 0; i < text.size(); ++i) {
    const unsigned char c = text[i];
    if ((c & 0xc0) != 0x80 && ++count > width - 3) break;
    out += text[i];
  }
  return out + "...";
}

std::string Heading(const std::string& title) { return absl::StrCat("\n", title, "\n"); }

}  // namespace endeavour::cli
