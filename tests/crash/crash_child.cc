// The process eventstore_crash_test kills: `eventstore_crash_child DIR` opens the RocksDB store in
// DIR and appends from several threads until it is killed. For every acknowledged append it writes
// one line to stdout, "<first_position> <last_position> <event_id>...", one event id per event of
// the batch in order, so the parent knows exactly what the store promised before it died.
#include <unistd.h>

#include <cerrno>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <memory>
#include <random>
#include <string>
#include <thread>
#include <vector>

#include "absl/status/status.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_format.h"
#include "absl/strings/string_view.h"
#include "absl/synchronization/mutex.h"
#include "endeavour/v1/envelope.pb.h"
#include "eventstore/expected_version.h"
#include "eventstore/rocksdb_event_store.h"

namespace endeavour::eventstore {
namespace {

constexpr int kThreads = 4;
constexpr int kStreams = 50;
constexpr size_t kPayloadBytes = 200;

absl::Mutex stdout_mutex;

// Writes all of `line` to stdout (a pipe); lines are short, so each write(2) is atomic.
void WriteLine(absl::string_view line) ABSL_LOCKS_EXCLUDED(stdout_mutex) {
  absl::MutexLock lock(&stdout_mutex);
  while (!line.empty()) {
    ssize_t n = write(STDOUT_FILENO, line.data(), line.size());
    if (n < 0 && errno == EINTR) continue;
    if (n <= 0) _exit(3);  // the parent has gone; nothing useful is left to do
    line.remove_prefix(static_cast<size_t>(n));
  }
}

[[noreturn]] void Die(const absl::Status& status, absl::string_view what) {
  absl::FPrintF(stderr, "eventstore_crash_child: %s: %s\n", what, status.ToString());
  _exit(2);
}

void AppendForever(RocksDbEventStore* store, int thread_index, uint64_t nonce) {
  std::mt19937_64 rng(nonce ^ (static_cast<uint64_t>(thread_index) << 56));
  std::string payload(kPayloadBytes, '\0');
  for (char& c : payload) c = static_cast<char>('a' + rng() % 26);
  for (uint64_t counter = 0;; ++counter) {
    // One append in four is a batch of 2 to 8 events.
    const int batch_size = rng() % 4 == 0 ? 2 + static_cast<int>(rng() % 7) : 1;
    std::vector<endeavour::v1::EventEnvelope> events(batch_size);
    std::vector<std::string> ids;
    for (int i = 0; i < batch_size; ++i) {
      auto& e = events[i];
      // pid and nonce keep ids unique across the child processes that share DIR.
      e.set_event_id(
          absl::StrFormat("%016x-%d-%d-%d-%d", nonce, getpid(), thread_index, counter, i));
      e.set_event_type("endeavour.v1.CrashTestEvent");
      e.set_tenant("crash");
      e.mutable_actor()->set_id("staff/crash");
      e.mutable_actor()->set_role(endeavour::v1::ROLE_SENCO);
      e.set_correlation_id(absl::StrCat("crash-", counter));
      e.set_payload(payload);
      ids.push_back(e.event_id());
    }
    const std::string stream = absl::StrCat("pupil/crash/p-", rng() % kStreams);
    auto result = store->Append(stream, ExpectedVersion::Any(), std::move(events));
    if (!result.ok()) Die(result.status(), absl::StrCat("Append to ", stream));
    std::string line = absl::StrCat(result->first_position, " ", result->last_position);
    for (const std::string& id : ids) absl::StrAppend(&line, " ", id);
    line.push_back('\n');
    WriteLine(line);
  }
}

int Main(int argc, char** argv) {
  if (argc != 2) {
    absl::FPrintF(stderr, "usage: %s DIR\n", argv[0]);
    return 1;
  }
  auto store = RocksDbEventStore::Open(argv[1]);
  if (!store.ok()) Die(store.status(), absl::StrCat("Open ", argv[1]));
  std::random_device random_device;
  const uint64_t nonce = (uint64_t{random_device()} << 32) | random_device();
  std::vector<std::thread> threads;
  for (int t = 0; t < kThreads; ++t) {
    threads.emplace_back(AppendForever, store->get(), t, nonce);
  }
  for (std::thread& t : threads) t.join();  // never returns: the parent kills us
  return 0;
}

}  // namespace
}  // namespace endeavour::eventstore

int main(int argc, char** argv) { return endeavour::eventstore::Main(argc, argv); }
