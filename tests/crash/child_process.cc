#include "tests/crash/child_process.h"

#include <fcntl.h>
#include <poll.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cstdint>

#include "absl/strings/match.h"
#include "absl/time/clock.h"

namespace endeavour::crash {

Child SpawnChild(const std::vector<std::string>& args) {
  std::vector<char*> argv;
  for (const std::string& arg : args) argv.push_back(const_cast<char*>(arg.c_str()));
  argv.push_back(nullptr);
  int fds[2];
  if (pipe2(fds, O_CLOEXEC) != 0) return {};
  const pid_t pid = fork();
  if (pid == 0) {
    // Only async-signal-safe calls between fork and exec.
    dup2(fds[1], STDOUT_FILENO);
    execv(argv[0], argv.data());
    _exit(127);
  }
  close(fds[1]);
  if (pid < 0) {
    close(fds[0]);
    return {};
  }
  Child child;
  child.pid = pid;
  child.out_fd = fds[0];
  return child;
}

void ReadUntil(Child& child, absl::Time deadline, bool until_line) {
  while (!child.eof) {
    if (until_line && absl::StrContains(child.buffer, '\n')) return;
    const absl::Duration left = deadline - absl::Now();
    if (left <= absl::ZeroDuration()) return;
    pollfd p{.fd = child.out_fd, .events = POLLIN, .revents = 0};
    const int wait_ms = static_cast<int>(std::min<int64_t>(absl::ToInt64Milliseconds(left), 1000));
    if (poll(&p, 1, wait_ms + 1) <= 0) continue;  // nothing yet, or EINTR
    char chunk[1 << 16];
    const ssize_t n = read(child.out_fd, chunk, sizeof(chunk));
    if (n < 0 && errno == EINTR) continue;
    if (n <= 0) {
      child.eof = true;
    } else {
      child.buffer.append(chunk, static_cast<size_t>(n));
    }
  }
}

int Reap(Child& child) {
  ReadUntil(child, absl::InfiniteFuture(), /*until_line=*/false);
  close(child.out_fd);
  int status = 0;
  while (waitpid(child.pid, &status, 0) < 0 && errno == EINTR) {
  }
  return status;
}

}  // namespace endeavour::crash
