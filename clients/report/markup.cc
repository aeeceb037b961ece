#include "clients/report/markup.h"

#include "absl/strings/ascii.h"

namespace endeavour::report {
namespace {

bool ForbiddenInXml(unsigned char c) { return c < 0x20 && c != '\t' && c != '\n' && c != '\r'; }

void AppendXml(char c, std::string& out) {
  switch (c) {
    case '&':
      out += "&amp;";
      break;
    case '<':
      out += "&lt;";
      break;
    case '>':
      out += "&gt;";
      break;
    case '"':
      out += "&quot;";
      break;
    case '\'':
      out += "&#39;";
      break;
    default:
      if (!ForbiddenInXml(static_cast<unsigned char>(c))) out += c;
  }
}

// Characters that mean something anywhere in a CommonMark or GFM line.
bool InlineSpecial(char c) {
  switch (c) {
    case '\\':
    case '`':
    case '*':
    case '_':
    case '[':
    case ']':
    case '~':
    case '|':
    case '$':
      return true;
    default:
      return false;
  }
}

// Characters that open a block (heading, list, quote, thematic break, setext underline) when
// they start a line.
bool BlockStart(char c) { return c == '#' || c == '-' || c == '+' || c == '=' || c == '>'; }

}  // namespace

std::string EscapeXml(absl::string_view text) {
  std::string out;
  out.reserve(text.size() + text.size() / 8);
  for (char c : text) AppendXml(c, out);
  return out;
}

std::string EscapeXmlLines(absl::string_view text) {
  std::string out;
  out.reserve(text.size() + text.size() / 8);
  for (char c : text) {
    if (c == '\n') {
      out += "<br>";
    } else if (c != '\r') {
      AppendXml(c, out);
    }
  }
  return out;
}

std::string EscapeMarkdown(absl::string_view text, absl::string_view line_break) {
  std::string out;
  out.reserve(text.size() + text.size() / 4);
  bool line_start = true;
  for (size_t i = 0; i < text.size(); ++i) {
    const char c = text[i];
    if (c == '\r') continue;
    if (c == '\n') {
      out.append(line_break.data(), line_break.size());
      line_start = true;
      continue;
    }
    if (ForbiddenInXml(static_cast<unsigned char>(c))) continue;
    if (line_start && (c == ' ' || c == '\t')) {
      // A marker after leading blanks still opens a block: the line has not started yet.
      out += c;
      continue;
    }
    if (c == '<') {
      out += "&lt;";
    } else if (c == '>') {
      out += "&gt;";
    } else if (c == '&') {
      out += "&amp;";
    } else if (InlineSpecial(c) || (line_start && BlockStart(c))) {
      out += '\\';
      out += c;
    } else if (line_start && absl::ascii_isdigit(c)) {
      // "1." or "1)" at the start of a line would begin an ordered list.
      size_t end = i;
      while (end < text.size() && absl::ascii_isdigit(text[end])) ++end;
      out.append(text.data() + i, end - i);
      if (end < text.size() && (text[end] == '.' || text[end] == ')')) {
        out += '\\';
        out += text[end];
        ++end;
      }
      i = end - 1;
    } else {
      out += c;
    }
    line_start = false;
  }
  return out;
}

}  // namespace endeavour::report
