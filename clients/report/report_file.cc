#include "clients/report/report_file.h"

#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <spawn.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <sstream>
#include <thread>
#include <vector>

#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_split.h"

extern char** environ;

namespace endeavour::report {
namespace {

// A private folder for the converter's input and chatter, removed with everything in it.
class ScratchFolder {
 public:
  ScratchFolder() {
    const char* tmp = getenv("TMPDIR");
    std::string pattern =
        absl::StrCat(tmp != nullptr && *tmp != '\0' ? tmp : "/tmp", "/endeavour-report-XXXXXX");
    if (mkdtemp(pattern.data()) != nullptr) path_ = std::filesystem::absolute(pattern).string();
  }
  ~ScratchFolder() {
    if (path_.empty()) return;
    std::error_code ignored;
    std::filesystem::remove_all(path_, ignored);
  }
  ScratchFolder(const ScratchFolder&) = delete;
  ScratchFolder& operator=(const ScratchFolder&) = delete;

  bool ok() const { return !path_.empty(); }
  std::string File(const std::string& name) const { return absl::StrCat(path_, "/", name); }

 private:
  std::string path_;
};

absl::Status WriteFile(const std::string& path, absl::string_view content) {
  FILE* file = fopen(path.c_str(), "wb");
  if (file == nullptr) {
    return absl::InternalError(absl::StrCat("cannot write ", path, ": ", strerror(errno)));
  }
  const size_t written = fwrite(content.data(), 1, content.size(), file);
  const int write_errno = written == content.size() ? 0 : errno;
  if (fclose(file) != 0 || write_errno != 0) {
    return absl::InternalError(absl::StrCat("cannot write ", path, ": ",
                                            strerror(write_errno != 0 ? write_errno : errno)));
  }
  return absl::OkStatus();
}

std::string Tail(const std::string& path, size_t max_bytes = 600) {
  std::ifstream in(path, std::ios::binary);
  std::stringstream text;
  text << in.rdbuf();
  const std::string all = text.str();
  return all.size() <= max_bytes ? all : all.substr(all.size() - max_bytes);
}

// Runs `argv` with its standard output and error into `log`, for at most `limit` (a converter that
// hangs is killed rather than hanging the command). OK when it exits 0.
absl::Status Run(const std::vector<std::string>& argv, const std::string& log,
                 std::chrono::seconds limit) {
  posix_spawn_file_actions_t actions;
  posix_spawn_file_actions_init(&actions);
  posix_spawn_file_actions_addopen(&actions, STDOUT_FILENO, log.c_str(),
                                   O_WRONLY | O_CREAT | O_TRUNC, 0600);
  posix_spawn_file_actions_adddup2(&actions, STDOUT_FILENO, STDERR_FILENO);
  posix_spawn_file_actions_addopen(&actions, STDIN_FILENO, "/dev/null", O_RDONLY, 0);
  std::vector<char*> args;
  for (const std::string& a : argv) args.push_back(const_cast<char*>(a.c_str()));
  args.push_back(nullptr);
  pid_t pid = -1;
  const int spawned = posix_spawn(&pid, argv[0].c_str(), &actions, nullptr, args.data(), environ);
  posix_spawn_file_actions_destroy(&actions);
  if (spawned != 0) {
    return absl::InternalError(absl::StrCat("cannot run ", argv[0], ": ", strerror(spawned)));
  }
  const auto deadline = std::chrono::steady_clock::now() + limit;
  int status = 0;
  while (waitpid(pid, &status, WNOHANG) == 0) {
    if (std::chrono::steady_clock::now() >= deadline) {
      kill(pid, SIGKILL);
      waitpid(pid, &status, 0);
      return absl::DeadlineExceededError(
          absl::StrCat(argv[0], " did not finish within ", limit.count(), " seconds"));
    }
    std::this_thread::sleep_for(std::chrono::milliseconds(50));
  }
  if (!WIFEXITED(status) || WEXITSTATUS(status) != 0) {
    return absl::InternalError(
        absl::StrCat(argv[0], " failed (",
                     WIFEXITED(status) ? absl::StrCat("exit code ", WEXITSTATUS(status)) : "killed",
                     "): ", Tail(log)));
  }
  return absl::OkStatus();
}

// The converter's output file starts with `magic`, or an error saying what came instead.
absl::Status CheckStartsWith(const std::string& path, absl::string_view magic,
                             const std::string& kind, const std::string& program,
                             const std::string& log) {
  std::ifstream in(path, std::ios::binary);
  std::string start(magic.size(), '\0');
  if (!in.read(start.data(), start.size()) || start != magic) {
    return absl::InternalError(
        absl::StrCat(program, " wrote no ", kind, " to ", path, ": ", Tail(log)));
  }
  return absl::OkStatus();
}

// Runs a converter that writes `output`: the file is made first, so that a folder that cannot be
// written to is said plainly rather than in the converter's words, and removed if it fails.
absl::Status Convert(const std::vector<std::string>& argv, const std::string& output,
                     absl::string_view magic, const std::string& kind, const std::string& log,
                     std::chrono::seconds limit) {
  if (absl::Status writable = WriteFile(output, ""); !writable.ok()) return writable;
  absl::Status converted = Run(argv, log, limit);
  if (converted.ok()) converted = CheckStartsWith(output, magic, kind, argv[0], log);
  if (!converted.ok()) unlink(output.c_str());
  return converted;
}

}  // namespace

std::string FindProgram(const std::string& name) {
  const char* path = getenv("PATH");
  for (absl::string_view dir : absl::StrSplit(path != nullptr ? path : "/usr/bin:/bin", ':')) {
    if (dir.empty()) continue;
    const std::string candidate = absl::StrCat(dir, "/", name);
    if (access(candidate.c_str(), X_OK) == 0 && !std::filesystem::is_directory(candidate)) {
      return candidate;
    }
  }
  return "";
}

absl::Status WriteReport(const std::string& path, absl::string_view content) {
  if (path.empty() || path == "-") {
    std::cout.write(content.data(), content.size());
    std::cout.flush();
    if (!std::cout) return absl::InternalError("cannot write to standard output");
    return absl::OkStatus();
  }
  return WriteFile(path, content);
}

absl::Status PrintHtmlToPdf(absl::string_view html, const std::string& pdf_path) {
  const std::string chromium = FindProgram("chromium");
  if (chromium.empty()) {
    return absl::FailedPreconditionError(
        "PDF output needs chromium, which is not installed: run `deploy/install-deps.sh --pdf` "
        "(or choose --format html and print it from a browser)");
  }
  ScratchFolder scratch;
  if (!scratch.ok()) return absl::InternalError("cannot make a temporary folder for chromium");
  const std::string input = scratch.File("report.html");
  if (absl::Status written = WriteFile(input, html); !written.ok()) return written;
  const std::string output = std::filesystem::absolute(pdf_path).string();
  const std::string log = scratch.File("chromium.log");
  // Its own profile in the scratch folder: chromium touches nothing of the user's, and two
  // reports printed at once do not share one.
  return Convert({chromium, "--headless", "--no-sandbox", "--disable-gpu",
                  "--disable-dev-shm-usage", "--no-first-run", "--no-pdf-header-footer",
                  absl::StrCat("--user-data-dir=", scratch.File("profile")),
                  absl::StrCat("--print-to-pdf=", output), absl::StrCat("file://", input)},
                 output, "%PDF-", "PDF", log, std::chrono::seconds(120));
}

absl::Status ConvertSvgToPng(absl::string_view svg, const std::string& png_path, double zoom) {
  const std::string rsvg = FindProgram("rsvg-convert");
  if (rsvg.empty()) {
    return absl::FailedPreconditionError(
        "PNG output needs rsvg-convert (Debian package librsvg2-bin), which is not installed: "
        "run `deploy/install-deps.sh` (or choose --format svg)");
  }
  ScratchFolder scratch;
  if (!scratch.ok()) return absl::InternalError("cannot make a temporary folder for rsvg-convert");
  const std::string input = scratch.File("chart.svg");
  if (absl::Status written = WriteFile(input, svg); !written.ok()) return written;
  const std::string log = scratch.File("rsvg-convert.log");
  return Convert({rsvg, "--format=png", absl::StrCat("--zoom=", zoom),
                  absl::StrCat("--output=", png_path), input},
                 png_path, "\x89PNG\r\n\x1a\n", "PNG", log, std::chrono::seconds(60));
}

}  // namespace endeavour::report
