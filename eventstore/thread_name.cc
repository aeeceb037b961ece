#include "eventstore/thread_name.h"

#include <pthread.h>

namespace endeavour::eventstore {
namespace {

// The longest name the kernel keeps, without the terminating NUL.
constexpr size_t kMaxNameBytes = 15;

}  // namespace

void NameThisThread(absl::string_view name) {
  const std::string kept(name.substr(0, kMaxNameBytes));
  // Only fails for a name over the limit, which the line above rules out.
  pthread_setname_np(pthread_self(), kept.c_str());
}

std::string ThisThreadName() {
  char name[kMaxNameBytes + 1] = {};
  if (pthread_getname_np(pthread_self(), name, sizeof(name)) != 0) return "";
  return name;
}

}  // namespace endeavour::eventstore
