// Plain-text output for people: tables with aligned columns (headers in capitals, as kubectl
// prints them) and "label  value" blocks, plus the formats the tables share for dates, money and
// times.
#ifndef ENDEAVOUR_CLIENTS_CLI_TABLE_H_
#define ENDEAVOUR_CLIENTS_CLI_TABLE_H_

#include <cstdint>
#include <string>
#include <utility>
#include <vector>

#include "endeavour/v1/common.pb.h"
#include "google/protobuf/timestamp.pb.h"

namespace endeavour::cli {

class Table {
 public:
  explicit Table(std::vector<std::string> headers) : headers_(std::move(headers)) {}
  void AddRow(std::vector<std::string> cells) { rows_.push_back(std::move(cells)); }
  bool empty() const { return rows_.empty(); }
  // Each column as wide as its widest cell (counted in UTF-8 characters), two spaces apart.
  std::string Render() const;

 private:
  std::vector<std::string> headers_;
  std::vector<std::vector<std::string>> rows_;
};

// Labelled values, one per line, the values lined up.
class Fields {
 public:
  void Add(std::string label, std::string value) {
    rows_.emplace_back(std::move(label), std::move(value));
  }
  std::string Render() const;

 private:
  std::vector<std::pair<std::string, std::string>> rows_;
};

// "2025-11-26"; "-" when unset.
std::string FormatDate(const v1::Date& date);
// "2026-11-24T20:53:15Z"; "-" when unset.
std::string FormatTime(const google::protobuf::Timestamp& time);
// "£12.50".
std::string FormatPence(int64_t pence);
// "85%" of a 0-1 share.
std::string FormatShare(double share);
// `text` cut to `width` characters with "..." when longer.
std::string Shorten(const std::string& text, size_t width);
// A section heading: the title and a blank line before it.
std::string Heading(const std::string& title);

}  // namespace endeavour::cli

#endif  // ENDEAVOUR_CLIENTS_CLI_TABLE_H_
