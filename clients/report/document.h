// A report as a sequence of blocks (headings, paragraphs, lists, tables, field lists), written
// out either as one self-contained HTML file that prints cleanly on A4 or as Markdown. The report
// builders say what a document contains; the two writers decide how it looks, and escape every
// string they are given, so no builder can forget to.
#ifndef ENDEAVOUR_CLIENTS_REPORT_DOCUMENT_H_
#define ENDEAVOUR_CLIENTS_REPORT_DOCUMENT_H_

#include <string>
#include <utility>
#include <variant>
#include <vector>

namespace endeavour::report {

// How a stretch of inline text is set.
enum class Style {
  kPlain,
  kStrong,
  kEmphasis,
  kStruck,  // a retracted fact, or the value a correction replaced
  kCode,    // identifiers: event ids, plan ids, hashes
  kFlag,    // a marker a reader must not miss: RETRACTED, CORRECTED, OVERDUE
};

struct Run {
  Style style = Style::kPlain;
  std::string text;
};

// Inline text: runs of styled text. Built by chaining, e.g.
//   Text().Strong("Decision: ").Plain(DecisionText(d))
class Text {
 public:
  Text() = default;
  // Plain text; implicit because a plain string is what most cells and items are.
  Text(std::string plain);  // NOLINT(google-explicit-constructor)
  Text(const char* plain);  // NOLINT(google-explicit-constructor)

  Text& Plain(std::string text) { return Add(Style::kPlain, std::move(text)); }
  Text& Strong(std::string text) { return Add(Style::kStrong, std::move(text)); }
  Text& Emphasis(std::string text) { return Add(Style::kEmphasis, std::move(text)); }
  Text& Struck(std::string text) { return Add(Style::kStruck, std::move(text)); }
  Text& Code(std::string text) { return Add(Style::kCode, std::move(text)); }
  Text& Flag(std::string text) { return Add(Style::kFlag, std::move(text)); }
  Text& Append(const Text& more);
  // Every run struck through, flags kept as they are: how a retracted fact is shown.
  Text StruckThrough() const;

  const std::vector<Run>& runs() const { return runs_; }
  bool empty() const;

 private:
  Text& Add(Style style, std::string text);
  std::vector<Run> runs_;
};

// What a block is about, for how it is set apart.
enum class Tone {
  kNormal,
  kNote,        // an explanation of the figures
  kCorrection,  // the trail of a corrected fact, beside it
  kRetracted,   // a fact withdrawn as recorded in error
  kWarning,     // something a reader should act on: overdue, no action planned
};

struct Heading {
  int level = 2;  // 2 to 4; the document's title is level 1
  std::string text;
  bool new_page = false;  // printed from the top of a page
};

struct Paragraph {
  Text text;
  Tone tone = Tone::kNormal;
};

struct BulletList {
  std::vector<Text> items;
  Tone tone = Tone::kNormal;
};

struct TableRow {
  std::vector<Text> cells;
  Tone tone = Tone::kNormal;
};

struct Table {
  std::vector<std::string> columns;
  std::vector<TableRow> rows;
  // Columns set right-aligned (figures), by index.
  std::vector<int> numeric_columns;
};

// "Label: value" pairs, such as a pupil's details.
struct Fields {
  std::vector<std::pair<std::string, Text>> entries;
  Tone tone = Tone::kNormal;
};

// Markup made by another writer of this module (the SVG chart), which escaped its own data. The
// HTML writer includes it as it is; the Markdown writer leaves it out.
struct TrustedMarkup {
  std::string markup;
  // Drawn at about half the page's width rather than across it.
  bool narrow = false;
};

using Block = std::variant<Heading, Paragraph, BulletList, Table, Fields, TrustedMarkup>;

struct Document {
  std::string title;
  // Shown under the title: who or what the document is about.
  std::vector<Text> subtitle;
  std::vector<Block> blocks;
  // Where the figures came from: log position, tree head, when it was made.
  std::vector<Text> footer;

  void Add(Block block);
};

std::string WriteHtml(const Document& document);
std::string WriteMarkdown(const Document& document);

}  // namespace endeavour::report

#endif  // ENDEAVOUR_CLIENTS_REPORT_DOCUMENT_H_
