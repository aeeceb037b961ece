#include "tests/e2e/server_process.h"

#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cctype>
#include <chrono>
#include <regex>

namespace endeavour::testing {
namespace {

// fork + exec with standard output on a pipe; returns the pid and the read end.
pid_t Spawn(const std::string& binary, const std::vector<std::string>& args, int* out_fd) {
  int fds[2];
  if (pipe2(fds, O_CLOEXEC) != 0) return -1;
  const pid_t pid = fork();
  if (pid == 0) {
    dup2(fds[1], STDOUT_FILENO);
    std::vector<char*> argv;
    argv.push_back(const_cast<char*>(binary.c_str()));
    for (const std::string& a : args) argv.push_back(const_cast<char*>(a.c_str()));
    argv.push_back(nullptr);
    execv(binary.c_str(), argv.data());
    _exit(127);
  }
  close(fds[1]);
  *out_fd = fds[0];
  return pid;
}

}  // namespace

Output RunToCompletion(const std::string& binary, const std::vector<std::string>& args) {
  Output output;
  int fd = -1;
  const pid_t pid = Spawn(binary, args, &fd);
  if (pid < 0) return output;
  char buffer[4096];
  ssize_t n;
  while ((n = read(fd, buffer, sizeof(buffer))) > 0) output.out.append(buffer, n);
  close(fd);
  int status = 0;
  waitpid(pid, &status, 0);
  output.exit_code = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
  return output;
}

Output AddToken(const std::string& endeavourd, const std::string& tokens, const std::string& tenant,
                const std::string& role, const std::string& actor, const std::string& grant) {
  std::vector<std::string> args = {"token", "add",    "--tokens", tokens,    "--tenant",
                                   tenant,  "--role", role,       "--actor", actor};
  if (!grant.empty()) args.insert(args.end(), {"--grant", grant});
  Output out = RunToCompletion(endeavourd, args);
  while (!out.out.empty() && std::isspace(static_cast<unsigned char>(out.out.back()))) {
    out.out.pop_back();
  }
  return out;
}

ServerProcess::~ServerProcess() {
  if (pid_ > 0) Stop(SIGKILL);
}

bool ServerProcess::Start(const std::string& binary, const std::vector<std::string>& args) {
  std::vector<std::string> all = args;
  all.push_back("--listen");
  all.push_back("127.0.0.1:0");
  pid_ = Spawn(binary, all, &stdout_fd_);
  if (pid_ < 0) return false;
  // Wait for "endeavourd: listening on 127.0.0.1:<port>, ...".
  address_ = WaitForOutput("listening on ([0-9.]+:[0-9]+)");
  if (!address_.empty()) return true;
  Stop(SIGKILL);
  return false;
}

std::string ServerProcess::WaitForOutput(const std::string& pattern) {
  const std::regex wanted(pattern);
  const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(30);
  while (true) {
    std::smatch match;
    if (std::regex_search(seen_, match, wanted)) {
      std::string found = match.size() > 1 ? match[1].str() : match[0].str();
      seen_ = match.suffix();
      return found;
    }
    if (stdout_fd_ < 0 || std::chrono::steady_clock::now() >= deadline) return "";
    pollfd p{stdout_fd_, POLLIN, 0};
    if (poll(&p, 1, 100) <= 0) continue;
    char buffer[1024];
    const ssize_t n = read(stdout_fd_, buffer, sizeof(buffer));
    if (n <= 0) return "";
    seen_.append(buffer, n);
  }
}

int ServerProcess::Stop(int signal) {
  if (pid_ <= 0) return -1;
  kill(pid_, signal);
  int status = 0;
  waitpid(pid_, &status, 0);
  pid_ = -1;
  if (stdout_fd_ >= 0) close(stdout_fd_);
  stdout_fd_ = -1;
  return status;
}

}  // namespace endeavour::testing
