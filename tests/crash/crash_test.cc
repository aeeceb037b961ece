// Kills a process that is appending to the RocksDB store with SIGKILL, over and over, and checks
// after each kill that the store kept its promises: every acknowledged append is stored at the
// position it was acknowledged with, positions have no gap, the Merkle head covers exactly the log,
// Verify() passes, and nothing a reader saw after an earlier crash has changed.
//
// SIGKILL ends the process, not the machine: what reached the page cache survives, so this tests
// recovery (the store reopens to a consistent log holding every acknowledged append), not fsync.
// Each check reads the whole log, so a cycle costs more the longer the run has gone on.
//
// Usage: eventstore_crash_test [gtest flags] [--cycles=N] [--seed=S]
// (or ENDEAVOUR_CRASH_CYCLES / ENDEAVOUR_CRASH_SEED). The seed is printed so a run can be replayed
// as far as timing allows.
#include <signal.h>
#include <stdlib.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <random>
#include <string>
#include <unordered_map>
#include <unordered_set>
#include <vector>

#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_split.h"
#include "absl/strings/string_view.h"
#include "absl/time/clock.h"
#include "absl/time/time.h"
#include "eventstore/rocksdb_event_store.h"
#include "gtest/gtest.h"
#include "tests/crash/child_process.h"
#include "tests/crash/crash_flags.h"

#ifndef ENDEAVOUR_CRASH_CHILD
#error "ENDEAVOUR_CRASH_CHILD must name the eventstore_crash_child binary"
#endif

namespace endeavour::eventstore {
namespace {

int cycles_flag = 20;
uint64_t seed_flag = 0;  // 0: pick one

// One acknowledged append, as the child reported it.
struct Ack {
  uint64_t first_position = 0;
  uint64_t last_position = 0;
  std::vector<std::string> event_ids;
};

// Moves every complete line of `buffer` into `acks`.
void ParseAcks(std::string& buffer, std::vector<Ack>& acks) {
  size_t start = 0;
  for (size_t end; (end = buffer.find('\n', start)) != std::string::npos; start = end + 1) {
    std::vector<std::string> fields =
        absl::StrSplit(absl::string_view(buffer).substr(start, end - start), ' ');
    Ack ack;
    ASSERT_GE(fields.size(), 3u) << buffer.substr(start, end - start);
    ASSERT_TRUE(absl::SimpleAtoi(fields[0], &ack.first_position)) << fields[0];
    ASSERT_TRUE(absl::SimpleAtoi(fields[1], &ack.last_position)) << fields[1];
    ack.event_ids.assign(fields.begin() + 2, fields.end());
    acks.push_back(std::move(ack));
  }
  buffer.erase(0, start);
}

class EventStoreCrashTest : public testing::Test {
 protected:
  void SetUp() override {
    std::string pattern = testing::TempDir() + "eventstore_crash_XXXXXX";
    ASSERT_NE(mkdtemp(pattern.data()), nullptr) << pattern;
    dir_ = pattern;
  }
  void TearDown() override {
    if (HasFailure()) {
      std::fprintf(stderr, "crash test: keeping the store in %s\n", dir_.c_str());
    } else if (!dir_.empty()) {
      std::filesystem::remove_all(dir_);
    }
  }

  // Runs the child once and kills it; adds what it acknowledged to acks_.
  void RunAndKill(std::mt19937_64& rng, int cycle);
  // Opens the store and checks everything acknowledged so far, and what earlier checks saw.
  void CheckStore(int cycle);

  std::string dir_;
  std::vector<Ack> acks_;              // every acknowledged append, from every cycle
  std::vector<std::string> seen_ids_;  // event ids by position - 1, as the last check read them
};

void EventStoreCrashTest::RunAndKill(std::mt19937_64& rng, int cycle) {
  crash::Child child = crash::SpawnChild({ENDEAVOUR_CRASH_CHILD, dir_});
  ASSERT_GT(child.pid, 0) << "cannot start " << ENDEAVOUR_CRASH_CHILD;
  // Most cycles kill in the middle of appending; one in five kills early, maybe during Open.
  const bool early = rng() % 5 == 0;
  const absl::Duration delay = early ? absl::Milliseconds(rng() % 50)
                                     : absl::Milliseconds(50 + static_cast<int>(rng() % 351));
  if (!early) crash::ReadUntil(child, absl::Now() + absl::Seconds(30), /*until_line=*/true);
  const bool started = early || !child.buffer.empty();
  if (started) crash::ReadUntil(child, absl::Now() + delay, /*until_line=*/false);
  const bool died_early = child.eof;
  kill(child.pid, SIGKILL);
  const int status = crash::Reap(child);  // reads to EOF first
  ASSERT_FALSE(died_early) << "cycle " << cycle << ": the child exited by itself, status "
                           << status;
  ASSERT_TRUE(started) << "cycle " << cycle << ": the child acknowledged nothing in 30 s";
  ASSERT_TRUE(WIFSIGNALED(status) && WTERMSIG(status) == SIGKILL)
      << "cycle " << cycle << ": the child ended with status " << status;
  const size_t before = acks_.size();
  ParseAcks(child.buffer, acks_);
  EXPECT_TRUE(child.buffer.empty()) << "a torn line: " << child.buffer;
  std::fprintf(stderr, "cycle %d: killed %s after %s, %zu acknowledged appends\n", cycle,
               absl::FormatDuration(delay).c_str(), early ? "its start" : "its first ack",
               acks_.size() - before);
}

void EventStoreCrashTest::CheckStore(int cycle) {
  auto opened = RocksDbEventStore::Open(dir_);
  ASSERT_TRUE(opened.ok()) << "cycle " << cycle << ": " << opened.status();
  RocksDbEventStore& store = **opened;
  const uint64_t head = store.HeadPosition();
  SCOPED_TRACE(absl::StrCat("cycle ", cycle, ", head ", head));

  // Read the whole log: positions 1..head, each once; stream versions 1..n per stream.
  std::vector<std::string> ids;
  ids.reserve(head);
  std::unordered_set<std::string> unique_ids;
  std::unordered_map<std::string, uint64_t> stream_versions;
  for (uint64_t from = 1; from <= head;) {
    auto page = store.ReadAll(from, 1000, EventFilter{});
    ASSERT_TRUE(page.ok()) << "ReadAll from " << from << ": " << page.status();
    ASSERT_GT(page->next_position, from) << "ReadAll made no progress";
    for (const StoredEvent& event : page->events) {
      const auto& e = event.envelope;
      ASSERT_EQ(e.position(), ids.size() + 1) << "a gap or a disorder in positions";
      ASSERT_TRUE(unique_ids.insert(e.event_id()).second)
          << "event id stored twice: " << e.event_id();
      ASSERT_EQ(e.stream_version(), ++stream_versions[e.stream_id()])
          << "stream " << e.stream_id() << " at position " << e.position();
      ids.push_back(e.event_id());
    }
    from = page->next_position;
  }
  ASSERT_EQ(ids.size(), head) << "ReadAll did not return every position up to the head";
  for (const auto& [stream, version] : stream_versions) {
    auto stored = store.StreamVersion(stream);
    ASSERT_TRUE(stored.ok()) << stored.status();
    EXPECT_EQ(*stored, version) << stream;
  }

  // Every acknowledged event is where it was acknowledged.
  for (const Ack& ack : acks_) {
    ASSERT_EQ(ack.last_position - ack.first_position + 1, ack.event_ids.size())
        << "acknowledged " << ack.first_position << ".." << ack.last_position;
    ASSERT_LE(ack.last_position, head) << "acknowledged event " << ack.event_ids.back() << " lost";
    for (size_t i = 0; i < ack.event_ids.size(); ++i) {
      ASSERT_EQ(ids[ack.first_position + i - 1], ack.event_ids[i])
          << "at acknowledged position " << ack.first_position + i;
    }
  }
  // What the previous check read, acknowledged or not, has not changed.
  ASSERT_GE(ids.size(), seen_ids_.size()) << "the log shrank";
  for (size_t i = 0; i < seen_ids_.size(); ++i) {
    ASSERT_EQ(ids[i], seen_ids_[i]) << "position " << i + 1 << " changed since the last check";
  }
  seen_ids_ = std::move(ids);

  EXPECT_EQ(store.CurrentTreeHead().tree_size, head);
  const absl::Status verified = store.Verify();
  EXPECT_TRUE(verified.ok()) << verified;
}

TEST_F(EventStoreCrashTest, AcknowledgedAppendsSurviveSigkill) {
  const uint64_t seed = seed_flag != 0 ? seed_flag : std::random_device()();
  std::fprintf(stderr, "crash test: %d cycles, seed %llu (--seed=%llu replays)\n", cycles_flag,
               static_cast<unsigned long long>(seed), static_cast<unsigned long long>(seed));
  RecordProperty("seed", std::to_string(seed));
  std::mt19937_64 rng(seed);
  for (int cycle = 1; cycle <= cycles_flag; ++cycle) {
    ASSERT_NO_FATAL_FAILURE(RunAndKill(rng, cycle));
    ASSERT_NO_FATAL_FAILURE(CheckStore(cycle));
    if (HasFailure()) return;
  }
  std::fprintf(stderr, "crash test: %zu acknowledged appends, %zu events in the log\n",
               acks_.size(), seen_ids_.size());
  EXPECT_GT(acks_.size(), 0u);
}

}  // namespace
}  // namespace endeavour::eventstore

int main(int argc, char** argv) {
  return endeavour::crash::RunCrashTests(argc, argv, endeavour::eventstore::cycles_flag,
                                         endeavour::eventstore::seed_flag);
}
