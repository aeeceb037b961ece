// Names the calling thread, as `top -H`, perf and /proc/PID/task/*/comm show it. Unnamed, a thread
// keeps the name of the thread that started it: the store's leader and completer, started by the
// first asynchronous append, showed up as gRPC's "nexting_thread", and a profile split by thread
// said the wrong thing.
#ifndef ENDEAVOUR_EVENTSTORE_THREAD_NAME_H_
#define ENDEAVOUR_EVENTSTORE_THREAD_NAME_H_

#include <string>

#include "absl/strings/string_view.h"

namespace endeavour::eventstore {

// Linux keeps the first 15 bytes of a name; the rest is dropped.
void NameThisThread(absl::string_view name);

// The calling thread's name, as the kernel keeps it.
std::string ThisThreadName();

}  // namespace endeavour::eventstore

#endif  // ENDEAVOUR_EVENTSTORE_THREAD_NAME_H_
