// The crash tests' own flags (--cycles, --seed), which InitGoogleTest leaves in argv, and the
// main that both crash tests share.
#ifndef ENDEAVOUR_TESTS_CRASH_CRASH_FLAGS_H_
#define ENDEAVOUR_TESTS_CRASH_CRASH_FLAGS_H_

#include <signal.h>

#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <string>

#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/string_view.h"
#include "gtest/gtest.h"

namespace endeavour::crash {

// Reads --name=value flags left over by InitGoogleTest, or the environment variable `env`, and
// removes the flags from argv. False when a value is not a number.
inline bool ParseCrashFlag(int& argc, char** argv, absl::string_view name, const char* env,
                           uint64_t& value) {
  if (const char* from_env = std::getenv(env); from_env != nullptr && *from_env != '\0') {
    if (!absl::SimpleAtoi(from_env, &value)) return false;
  }
  const std::string prefix = absl::StrCat("--", std::string(name), "=");
  for (int i = 1; i < argc; ++i) {
    if (absl::string_view arg = argv[i]; arg.substr(0, prefix.size()) == prefix) {
      if (!absl::SimpleAtoi(arg.substr(prefix.size()), &value)) return false;
      for (int j = i; j + 1 <= argc; ++j) argv[j] = argv[j + 1];
      --argc;
      --i;
    }
  }
  return true;
}

// A crash test's main: gtest's flags, then --cycles (1 to 100000) into `cycles` and --seed into
// `seed` (or ENDEAVOUR_CRASH_CYCLES and ENDEAVOUR_CRASH_SEED). A bad or unknown flag exits 2.
inline int RunCrashTests(int argc, char** argv, int& cycles, uint64_t& seed) {
  ::testing::InitGoogleTest(&argc, argv);
  uint64_t parsed_cycles = static_cast<uint64_t>(cycles);
  if (!ParseCrashFlag(argc, argv, "cycles", "ENDEAVOUR_CRASH_CYCLES", parsed_cycles) ||
      parsed_cycles == 0 || parsed_cycles > 100000 ||
      !ParseCrashFlag(argc, argv, "seed", "ENDEAVOUR_CRASH_SEED", seed)) {
    std::fprintf(stderr,
                 "bad --cycles or --seed (or ENDEAVOUR_CRASH_CYCLES/ENDEAVOUR_CRASH_SEED)\n");
    return 2;
  }
  if (argc > 1) {
    std::fprintf(stderr, "unknown argument: %s\nusage: %s [--cycles=N] [--seed=S]\n", argv[1],
                 argv[0]);
    return 2;
  }
  cycles = static_cast<int>(parsed_cycles);
  // A write to a pipe nobody reads any more fails with EPIPE instead of ending the test.
  signal(SIGPIPE, SIG_IGN);
  return RUN_ALL_TESTS();
}

}  // namespace endeavour::crash

#endif  // ENDEAVOUR_TESTS_CRASH_CRASH_FLAGS_H_
