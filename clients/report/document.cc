#include "clients/report/document.h"

namespace endeavour::report {

Text::Text(std::string plain) { Add(Style::kPlain, std::move(plain)); }

Text::Text(const char* plain) : Text(std::string(plain)) {}

Text& Text::Add(Style style, std::string text) {
  if (!text.empty()) runs_.push_back(Run{style, std::move(text)});
  return *this;
}

Text& Text::Append(const Text& more) {
  runs_.insert(runs_.end(), more.runs_.begin(), more.runs_.end());
  return *this;
}

Text Text::StruckThrough() const {
  Text struck;
  for (const Run& run : runs_) {
    struck.runs_.push_back(
        Run{run.style == Style::kFlag ? Style::kFlag : Style::kStruck, run.text});
  }
  return struck;
}

bool Text::empty() const { return runs_.empty(); }

void Document::Add(Block block) { blocks.push_back(std::move(block)); }

}  // namespace endeavour::report
