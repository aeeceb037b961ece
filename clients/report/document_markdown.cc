// The Markdown writer: CommonMark with GitHub's tables and strikethrough, readable as plain text.
// Data is escaped so that it can neither format the document nor carry HTML through a renderer.
#include <algorithm>
#include <string>

#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "clients/report/document.h"
#include "clients/report/markup.h"

namespace endeavour::report {
namespace {

// Emphasis markers only work hard against the text: blanks go outside them.
std::string Wrap(const std::string& escaped, const std::string& marker) {
  const size_t first = escaped.find_first_not_of(' ');
  if (first == std::string::npos) return escaped;
  const size_t last = escaped.find_last_not_of(' ');
  return absl::StrCat(escaped.substr(0, first), marker, escaped.substr(first, last - first + 1),
                      marker, escaped.substr(last + 1));
}

std::string InlineMarkdown(const Text& text, const std::string& line_break) {
  std::string out;
  for (const Run& run : text.runs()) {
    const std::string escaped = EscapeMarkdown(run.text, line_break);
    switch (run.style) {
      case Style::kStrong:
        out += Wrap(escaped, "**");
        break;
      case Style::kEmphasis:
        out += Wrap(escaped, "*");
        break;
      case Style::kStruck:
        out += Wrap(escaped, "~~");
        break;
      case Style::kFlag:
        out += Wrap(absl::StrCat("[", escaped, "]"), "**") + " ";
        break;
      default:
        // kCode too: a code span cannot escape its content, so data stays plain escaped text.
        out += escaped;
    }
  }
  return out;
}

std::string Prefix(Tone tone) {
  return tone == Tone::kCorrection || tone == Tone::kRetracted || tone == Tone::kWarning ? "> "
                                                                                         : "";
}

void WriteTable(const Table& table, std::string& out) {
  out += "|";
  for (const std::string& column : table.columns) {
    absl::StrAppend(&out, " ", EscapeMarkdown(column, " "), " |");
  }
  out += "\n|";
  for (size_t c = 0; c < table.columns.size(); ++c) {
    const bool numeric = std::find(table.numeric_columns.begin(), table.numeric_columns.end(),
                                   static_cast<int>(c)) != table.numeric_columns.end();
    out += numeric ? " ---: |" : " --- |";
  }
  out += "\n";
  for (const TableRow& row : table.rows) {
    out += "|";
    for (size_t c = 0; c < table.columns.size(); ++c) {
      const std::string cell = c < row.cells.size() ? InlineMarkdown(row.cells[c], "<br>") : "";
      absl::StrAppend(&out, " ", cell, " |");
    }
    out += "\n";
  }
  out += "\n";
}

struct BlockWriter {
  std::string& out;

  void operator()(const Heading& heading) {
    const int level = std::clamp(heading.level, 2, 4);
    absl::StrAppend(&out, std::string(level, '#'), " ", EscapeMarkdown(heading.text, " "), "\n\n");
  }
  void operator()(const Paragraph& paragraph) {
    const std::string prefix = Prefix(paragraph.tone);
    absl::StrAppend(&out, prefix, InlineMarkdown(paragraph.text, absl::StrCat("\\\n", prefix)),
                    "\n\n");
  }
  void operator()(const BulletList& list) {
    const std::string prefix = Prefix(list.tone);
    for (const Text& item : list.items) {
      absl::StrAppend(&out, prefix, "- ", InlineMarkdown(item, absl::StrCat("\\\n", prefix, "  ")),
                      "\n");
    }
    out += "\n";
  }
  void operator()(const Table& table) { WriteTable(table, out); }
  void operator()(const Fields& fields) {
    const std::string prefix = Prefix(fields.tone);
    for (const auto& [label, value] : fields.entries) {
      // A question needs no colon after it.
      const char* colon = absl::EndsWith(label, "?") ? "" : ":";
      absl::StrAppend(&out, prefix, "- **", EscapeMarkdown(label, " "), colon, "** ",
                      InlineMarkdown(value, absl::StrCat("\\\n", prefix, "  ")), "\n");
    }
    out += "\n";
  }
  void operator()(const TrustedMarkup&) {}
};

}  // namespace

std::string WriteMarkdown(const Document& document) {
  std::string out = absl::StrCat("# ", EscapeMarkdown(document.title, " "), "\n\n");
  for (const Text& line : document.subtitle) {
    absl::StrAppend(&out, InlineMarkdown(line, "\\\n"), "\\\n");
  }
  if (!document.subtitle.empty()) {
    out.resize(out.size() - 2);  // no hard break after the last line
    out += "\n\n";
  }
  BlockWriter writer{out};
  for (const Block& block : document.blocks) std::visit(writer, block);
  if (!document.footer.empty()) {
    out += "---\n\n";
    for (const Text& line : document.footer)
      absl::StrAppend(&out, InlineMarkdown(line, " "), "\n\n");
  }
  while (absl::EndsWith(out, "\n\n")) out.pop_back();
  return out;
}

}  // namespace endeavour::report
