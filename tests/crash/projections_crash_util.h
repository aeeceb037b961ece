// The parent's side of the projections' crash test (projections_crash_test.cc): starting, reading
// and reaping a child, reading the log back after a kill, and checking the state the runners left
// against the fold of the log up to each checkpoint.
#ifndef ENDEAVOUR_TESTS_CRASH_PROJECTIONS_CRASH_UTIL_H_
#define ENDEAVOUR_TESTS_CRASH_PROJECTIONS_CRASH_UTIL_H_

#include <sys/types.h>

#include <cstddef>
#include <cstdint>
#include <map>
#include <string>
#include <vector>

#include "absl/status/status.h"
#include "absl/time/time.h"
#include "endeavour/v1/envelope.pb.h"
#include "eventstore/rocksdb_event_store.h"
#include "google/protobuf/message.h"
#include "gtest/gtest.h"

namespace endeavour::projections::crash_util {

// Each stream's events in stream order.
using Streams = std::map<std::string, std::vector<v1::EventEnvelope>>;

// The log as the parent reads it after a kill.
struct Log {
  uint64_t head = 0;
  Streams streams;
};

void ReadLog(const eventstore::RocksDbEventStore& store, Log& log);

// Each stream of the log holds the first events of the workload's stream, in order.
void ExpectPrefixOfWorkload(const Log& log, const Streams& workload);

// The events of `stream` at or before `checkpoint`.
size_t CountUpTo(const std::vector<v1::EventEnvelope>& stream, uint64_t checkpoint);

template <typename File>
void FoldUpTo(const std::vector<v1::EventEnvelope>& stream, uint64_t checkpoint, File& file) {
  for (size_t i = 0; i < CountUpTo(stream, checkpoint); ++i) {
    const absl::Status applied = file.Apply(stream[i]);
    ASSERT_TRUE(applied.ok()) << "folding " << stream[i].stream_id() << " version " << i + 1 << ": "
                              << applied;
  }
}

// `actual` equals `expected` field by field; `what` names it in the failure.
void ExpectSameView(const google::protobuf::Message& actual,
                    const google::protobuf::Message& expected, const std::string& what);

// What the runners wrote for one projection: its active version and each version's checkpoint.
struct Written {
  uint32_t active = 0;                       // 0: never started
  std::map<uint32_t, uint64_t> checkpoints;  // by version, for the versions with one
  uint64_t CheckpointOf(uint32_t version) const {
    auto it = checkpoints.find(version);
    return it == checkpoints.end() ? 0 : it->second;
  }
};

// What one check saw, for the cycle's line.
struct Seen {
  uint64_t head = 0;
  Written counts;
  Written pupil_views;
  Written self_evaluation;
};

// Checks the state as the runners left it against the log, for every version with a checkpoint.
void CheckWrittenState(eventstore::RocksDbEventStore& store, const Streams& workload, Seen& seen);

}  // namespace endeavour::projections::crash_util

#endif  // ENDEAVOUR_TESTS_CRASH_PROJECTIONS_CRASH_UTIL_H_
