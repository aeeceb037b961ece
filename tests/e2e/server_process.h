// A real endeavourd process for end-to-end tests: started on a free loopback port with the
// caller's data folder and token file, stopped with the signal the test chooses.
#ifndef ENDEAVOUR_TESTS_E2E_SERVER_PROCESS_H_
#define ENDEAVOUR_TESTS_E2E_SERVER_PROCESS_H_

#include <sys/types.h>

#include <string>
#include <vector>

namespace endeavour::testing {

// Runs `binary` with `args` and returns what it printed on standard output, and its exit code.
struct Output {
  std::string out;
  int exit_code = -1;
};
Output RunToCompletion(const std::string& binary, const std::vector<std::string>& args);

// `endeavourd token add` on the token file `tokens` (`grant`: schools, comma-separated, for the
// roles that read other schools). The new token is `out`, whitespace stripped. Add tokens before
// starting the server: it reads the token file at start.
Output AddToken(const std::string& endeavourd, const std::string& tokens, const std::string& tenant,
                const std::string& role, const std::string& actor, const std::string& grant = "");

class ServerProcess {
 public:
  ServerProcess() = default;
  ~ServerProcess();  // SIGKILLs a server still running
  ServerProcess(const ServerProcess&) = delete;
  ServerProcess& operator=(const ServerProcess&) = delete;

  // Starts `binary` with `args` plus "--listen 127.0.0.1:0" and waits (up to 30 s) for it to say
  // where it listens. False if it exits or says nothing.
  bool Start(const std::string& binary, const std::vector<std::string>& args);
  // "127.0.0.1:<port>".
  const std::string& address() const { return address_; }
  // Reads on in the server's standard output until a line matches `pattern` (up to 30 s); returns
  // the first capture group, or "" if none came.
  std::string WaitForOutput(const std::string& pattern);
  // Sends `signal` and waits for the process; returns its exit status as waitpid reports it.
  int Stop(int signal);
  bool running() const { return pid_ > 0; }

 private:
  pid_t pid_ = -1;
  int stdout_fd_ = -1;
  std::string address_;
  std::string seen_;  // standard output read so far
};

}  // namespace endeavour::testing

#endif  // ENDEAVOUR_TESTS_E2E_SERVER_PROCESS_H_
