// The parent's side of a crash test's child: a process started with its stdout on a pipe, read
// with a deadline, killed and reaped by the test.
#ifndef ENDEAVOUR_TESTS_CRASH_CHILD_PROCESS_H_
#define ENDEAVOUR_TESTS_CRASH_CHILD_PROCESS_H_

#include <sys/types.h>

#include <string>
#include <vector>

#include "absl/time/time.h"

namespace endeavour::crash {

// A running child with its stdout on a pipe.
struct Child {
  pid_t pid = -1;
  int out_fd = -1;
  std::string buffer;  // bytes read so far and not yet taken by the test
  bool eof = false;
};

// Starts args[0] with `args` as its argv. pid is -1 if it could not be started.
Child SpawnChild(const std::vector<std::string>& args);

// Reads what the child writes until `deadline`, or EOF, or (when `until_line`) a whole line.
void ReadUntil(Child& child, absl::Time deadline, bool until_line);

// Reads to EOF and reaps the child; returns its wait status.
int Reap(Child& child);

}  // namespace endeavour::crash

#endif  // ENDEAVOUR_TESTS_CRASH_CHILD_PROCESS_H_
