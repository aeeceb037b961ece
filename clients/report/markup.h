// Escaping for the three markups the reports write. Everything that comes from the record (a
// pupil's name, a review's notes, a reason) passes through one of these on its way out, so a name
// like "<script>" is shown, never run.
#ifndef ENDEAVOUR_CLIENTS_REPORT_MARKUP_H_
#define ENDEAVOUR_CLIENTS_REPORT_MARKUP_H_

#include <string>

#include "absl/strings/string_view.h"

namespace endeavour::report {

// For HTML and SVG (XML) text and attribute values: & < > " ' as character references, and the
// control characters XML 1.0 forbids (all below U+0020 but tab, line feed and carriage return)
// dropped, so the result is always well-formed.
std::string EscapeXml(absl::string_view text);

// As EscapeXml, with each line break as <br>: for multi-line text in an HTML element.
std::string EscapeXmlLines(absl::string_view text);

// For Markdown (CommonMark with GitHub's tables and strikethrough): every character that could
// start emphasis, a link (its brackets: parentheses alone make none), code, a table cell, math or
// a strikethrough is backslash-escaped; a line that would start a heading, list or quote has its
// marker escaped (the text is taken to start a line, as it may); and < > & become character
// references so that no HTML passes through a Markdown renderer. Line breaks become `line_break`
// (a hard break in running text, "<br>" in a table cell).
std::string EscapeMarkdown(absl::string_view text, absl::string_view line_break = "\\\n");

}  // namespace endeavour::report

#endif  // ENDEAVOUR_CLIENTS_REPORT_MARKUP_H_
