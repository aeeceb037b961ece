// The HTML writer: one file with its style sheet inline and nothing fetched from anywhere (a
// Content-Security-Policy says so to the browser too), laid out for A4 when printed.
#include <algorithm>
#include <string>

#include "absl/strings/str_cat.h"
#include "clients/report/document.h"
#include "clients/report/markup.h"

namespace endeavour::report {
namespace {

constexpr char kStyleSheet[] = R"css(
@page { size: A4; margin: 16mm 15mm 18mm 15mm; }
* { box-sizing: border-box; }
html { -webkit-print-color-adjust: exact; print-color-adjust: exact; }
body { font-family: "Liberation Sans", "DejaVu Sans", Arial, Helvetica, sans-serif;
  font-size: 10.5pt; line-height: 1.4; color: #1b1b1b; margin: 0 auto; max-width: 190mm;
  padding: 8mm 0; }
h1 { font-size: 19pt; margin: 0 0 2mm; color: #12355b; }
h2 { font-size: 14pt; margin: 7mm 0 2mm; color: #12355b; border-bottom: 1.5pt solid #12355b;
  padding-bottom: 1mm; }
h3 { font-size: 11.5pt; margin: 5mm 0 1.5mm; color: #12355b; }
h4 { font-size: 10.5pt; margin: 4mm 0 1mm; }
h2, h3, h4 { break-after: avoid; page-break-after: avoid; }
.subtitle { color: #444; margin: 0 0 4mm; }
.subtitle p { margin: 0; }
p { margin: 1.5mm 0; }
ul { margin: 1mm 0 2mm; padding-left: 6mm; }
li { margin: 0.5mm 0; }
table { border-collapse: collapse; width: 100%; margin: 2mm 0 3mm; font-size: 9.5pt; }
thead { display: table-header-group; }
th { background: #e6ecf3; text-align: left; font-weight: bold; }
th, td { border: 0.5pt solid #9aa7b5; padding: 1mm 1.5mm; vertical-align: top; }
td.num, th.num { text-align: right; }
tr, li, .fields div, p.correction, p.retracted { break-inside: avoid; page-break-inside: avoid; }
.fields { margin: 2mm 0; }
.fields div { display: flex; gap: 3mm; padding: 0.4mm 0; }
.fields dt { flex: 0 0 42mm; font-weight: bold; color: #333; margin: 0; }
.fields dd { flex: 1; margin: 0; }
.new-page { break-before: page; page-break-before: always; }
del { color: #7a1f1f; text-decoration: line-through; }
code { font-family: "DejaVu Sans Mono", "Liberation Mono", monospace; font-size: 8.5pt;
  overflow-wrap: anywhere; }
.flag { display: inline-block; font-size: 8pt; font-weight: bold; letter-spacing: 0.04em;
  color: #fff; background: #8a1c1c; border-radius: 2pt; padding: 0 1.2mm; margin-right: 1mm; }
.note { color: #444; font-size: 9.5pt; }
.correction { border-left: 2pt solid #c77d00; background: #fff6e5; padding: 1mm 2mm;
  font-size: 9.5pt; }
ul.correction { padding-left: 7mm; }
.retracted { border-left: 2pt solid #8a1c1c; background: #fbeeee; padding: 1mm 2mm; }
tr.retracted td { background: #fbeeee; }
tr.correction td { background: #fff6e5; }
.warning { border-left: 2pt solid #b03a00; background: #fff0e8; padding: 1mm 2mm; }
tr.warning td { background: #fff0e8; }
.chart svg { width: 100%; height: auto; display: block; }
.chart.narrow svg { width: 62%; }
.chart { break-inside: avoid; page-break-inside: avoid; margin: 2mm 0 4mm; }
footer { margin-top: 8mm; border-top: 0.75pt solid #9aa7b5; padding-top: 2mm; font-size: 8.5pt;
  color: #333; break-inside: avoid; page-break-inside: avoid; }
footer p { margin: 0.6mm 0; }
@media screen { body { padding: 8mm 6mm; } }
)css";

std::string ToneClass(Tone tone) {
  switch (tone) {
    case Tone::kNote:
      return "note";
    case Tone::kCorrection:
      return "correction";
    case Tone::kRetracted:
      return "retracted";
    case Tone::kWarning:
      return "warning";
    default:
      return "";
  }
}

std::string ClassAttribute(Tone tone) {
  const std::string name = ToneClass(tone);
  return name.empty() ? "" : absl::StrCat(" class=\"", name, "\"");
}

std::string InlineHtml(const Text& text) {
  std::string out;
  for (const Run& run : text.runs()) {
    const std::string escaped = EscapeXmlLines(run.text);
    switch (run.style) {
      case Style::kStrong:
        absl::StrAppend(&out, "<strong>", escaped, "</strong>");
        break;
      case Style::kEmphasis:
        absl::StrAppend(&out, "<em>", escaped, "</em>");
        break;
      case Style::kStruck:
        absl::StrAppend(&out, "<del>", escaped, "</del>");
        break;
      case Style::kCode:
        absl::StrAppend(&out, "<code>", escaped, "</code>");
        break;
      case Style::kFlag:
        absl::StrAppend(&out, "<span class=\"flag\">", escaped, "</span> ");
        break;
      default:
        out += escaped;
    }
  }
  return out;
}

bool IsNumeric(const Table& table, int column) {
  return std::find(table.numeric_columns.begin(), table.numeric_columns.end(), column) !=
         table.numeric_columns.end();
}

void WriteTable(const Table& table, std::string& out) {
  out += "<table>\n<thead><tr>";
  for (size_t c = 0; c < table.columns.size(); ++c) {
    absl::StrAppend(&out, IsNumeric(table, c) ? "<th class=\"num\">" : "<th>",
                    EscapeXml(table.columns[c]), "</th>");
  }
  out += "</tr></thead>\n<tbody>\n";
  for (const TableRow& row : table.rows) {
    absl::StrAppend(&out, "<tr", ClassAttribute(row.tone), ">");
    for (size_t c = 0; c < row.cells.size(); ++c) {
      absl::StrAppend(&out, IsNumeric(table, c) ? "<td class=\"num\">" : "<td>",
                      InlineHtml(row.cells[c]), "</td>");
    }
    out += "</tr>\n";
  }
  out += "</tbody>\n</table>\n";
}

struct BlockWriter {
  std::string& out;

  void operator()(const Heading& heading) {
    const int level = std::clamp(heading.level, 2, 4);
    absl::StrAppend(&out, "<h", level, heading.new_page ? " class=\"new-page\"" : "", ">",
                    EscapeXml(heading.text), "</h", level, ">\n");
  }
  void operator()(const Paragraph& paragraph) {
    absl::StrAppend(&out, "<p", ClassAttribute(paragraph.tone), ">", InlineHtml(paragraph.text),
                    "</p>\n");
  }
  void operator()(const BulletList& list) {
    absl::StrAppend(&out, "<ul", ClassAttribute(list.tone), ">\n");
    for (const Text& item : list.items) absl::StrAppend(&out, "<li>", InlineHtml(item), "</li>\n");
    out += "</ul>\n";
  }
  void operator()(const Table& table) { WriteTable(table, out); }
  void operator()(const Fields& fields) {
    const std::string tone = ToneClass(fields.tone);
    absl::StrAppend(&out, "<dl class=\"fields", tone.empty() ? "" : " ", tone, "\">\n");
    for (const auto& [label, value] : fields.entries) {
      absl::StrAppend(&out, "<div><dt>", EscapeXml(label), "</dt><dd>", InlineHtml(value),
                      "</dd></div>\n");
    }
    out += "</dl>\n";
  }
  void operator()(const TrustedMarkup& markup) {
    absl::StrAppend(&out,
                    markup.narrow ? "<div class=\"chart narrow\">\n" : "<div class=\"chart\">\n",
                    markup.markup, "\n</div>\n");
  }
};

}  // namespace

std::string WriteHtml(const Document& document) {
  std::string out = absl::StrCat(
      "<!DOCTYPE html>\n<html lang=\"en-GB\">\n<head>\n<meta charset=\"utf-8\">\n"
      "<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; "
      "style-src 'unsafe-inline'\">\n"
      "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n<title>",
      EscapeXml(document.title), "</title>\n<style>", kStyleSheet, "</style>\n</head>\n<body>\n");
  absl::StrAppend(&out, "<header>\n<h1>", EscapeXml(document.title), "</h1>\n");
  if (!document.subtitle.empty()) {
    out += "<div class=\"subtitle\">\n";
    for (const Text& line : document.subtitle)
      absl::StrAppend(&out, "<p>", InlineHtml(line), "</p>\n");
    out += "</div>\n";
  }
  out += "</header>\n<main>\n";
  BlockWriter writer{out};
  for (const Block& block : document.blocks) std::visit(writer, block);
  out += "</main>\n";
  if (!document.footer.empty()) {
    out += "<footer>\n";
    for (const Text& line : document.footer)
      absl::StrAppend(&out, "<p>", InlineHtml(line), "</p>\n");
    out += "</footer>\n";
  }
  out += "</body>\n</html>\n";
  return out;
}

}  // namespace endeavour::report
