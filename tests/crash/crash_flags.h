// The crash tests' own flags (--cycles, --seed), which InitGoogleTest leaves in argv.
#ifndef ENDEAVOUR_TESTS_CRASH_CRASH_FLAGS_H_
#define ENDEAVOUR_TESTS_CRASH_CRASH_FLAGS_H_

#include <cstdint>
#include <cstdlib>
#include <string>

#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/string_view.h"

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

}  // namespace endeavour::crash

#endif  // ENDEAVOUR_TESTS_CRASH_CRASH_FLAGS_H_
