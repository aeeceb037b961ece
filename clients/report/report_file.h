// Putting a rendered report where the user asked: standard output or a file, as it is, or turned
// into PDF by headless chromium or into PNG by rsvg-convert. Both programs are Debian packages
// (chromium, librsvg2-bin) that deploy/install-deps.sh installs; neither is linked in.
#ifndef ENDEAVOUR_CLIENTS_REPORT_REPORT_FILE_H_
#define ENDEAVOUR_CLIENTS_REPORT_REPORT_FILE_H_

#include <string>
#include <vector>

#include "absl/status/status.h"
#include "absl/strings/string_view.h"

namespace endeavour::report {

// `content` to the file `path` (created or replaced), or to standard output when `path` is empty
// or "-". INTERNAL naming the path and the system's reason when it cannot be written.
absl::Status WriteReport(const std::string& path, absl::string_view content);

// The HTML printed to an A4 PDF at `pdf_path` by `chromium --headless`. FAILED_PRECONDITION
// telling the user to run `deploy/install-deps.sh --pdf` when chromium is not installed; INTERNAL
// with the end of chromium's output when it fails or writes no PDF.
absl::Status PrintHtmlToPdf(absl::string_view html, const std::string& pdf_path);

// The SVG drawn to a PNG at `png_path` by rsvg-convert, at `zoom` times its size.
// FAILED_PRECONDITION telling the user to run `deploy/install-deps.sh` when rsvg-convert is not
// installed; INTERNAL with its output when it fails.
absl::Status ConvertSvgToPng(absl::string_view svg, const std::string& png_path, double zoom = 1.5);

// The first executable called `name` in the directories of $PATH; "" when there is none.
std::string FindProgram(const std::string& name);

}  // namespace endeavour::report

#endif  // ENDEAVOUR_CLIENTS_REPORT_REPORT_FILE_H_
