// The footer every report ends with: when it was made, the log position the view reflects, and
// the Merkle tree head it can be checked against.
#ifndef ENDEAVOUR_CLIENTS_REPORT_FOOTER_H_
#define ENDEAVOUR_CLIENTS_REPORT_FOOTER_H_

#include <cstdint>
#include <string>
#include <vector>

#include "clients/report/document.h"
#include "clients/report/report.h"

namespace endeavour::report {

// Lowercase hex of raw bytes.
std::string Hex(const std::string& bytes);

// `school` is the school the view is of; `view_position` the view's last_position.
std::vector<Text> FooterLines(const Provenance& provenance, const std::string& school,
                              uint64_t view_position);

}  // namespace endeavour::report

#endif  // ENDEAVOUR_CLIENTS_REPORT_FOOTER_H_
