#include "tests/crash/projections_crash_util.h"

#include <cstdint>
#include <map>
#include <string>
#include <utility>
#include <vector>

#include "absl/status/status.h"
#include "absl/strings/match.h"
#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/string_view.h"
#include "absl/time/clock.h"
#include "absl/time/time.h"
#include "endeavour/v1/envelope.pb.h"
#include "eventstore/rocksdb_event_store.h"
#include "google/protobuf/message.h"
#include "google/protobuf/util/message_differencer.h"
#include "gtest/gtest.h"
#include "projections/best_endeavours_history.h"
#include "projections/current_plan.h"
#include "projections/projection_runner.h"
#include "projections/pupil_file.h"
#include "projections/register_entry.h"
#include "projections/self_evaluation_file.h"
#include "projections/self_evaluation_trends.h"
#include "projections/stored_view.h"
#include "projections/view_projections.h"

namespace endeavour::projections::crash_util {

using eventstore::RocksDbEventStore;
using eventstore::StateStore;

void ReadLog(const RocksDbEventStore& store, Log& log) {
  log.head = store.HeadPosition();
  uint64_t expected_position = 1;
  for (uint64_t from = 1; from <= log.head;) {
    auto page = store.ReadAll(from, 1000, eventstore::EventFilter{});
    ASSERT_TRUE(page.ok()) << "ReadAll from " << from << ": " << page.status();
    ASSERT_GT(page->next_position, from) << "ReadAll made no progress";
    for (eventstore::StoredEvent& event : page->events) {
      ASSERT_EQ(event.envelope.position(), expected_position++);
      std::vector<v1::EventEnvelope>& stream = log.streams[event.envelope.stream_id()];
      ASSERT_EQ(event.envelope.stream_version(), stream.size() + 1);
      stream.push_back(std::move(event.envelope));
    }
    from = page->next_position;
  }
  ASSERT_EQ(expected_position, log.head + 1) << "the log has fewer events than its head says";
}

void ExpectPrefixOfWorkload(const Log& log, const Streams& workload) {
  for (const auto& [stream_id, events] : log.streams) {
    auto it = workload.find(stream_id);
    ASSERT_NE(it, workload.end()) << "stream " << stream_id << " is not the workload's";
    ASSERT_LE(events.size(), it->second.size()) << stream_id;
    for (size_t i = 0; i < events.size(); ++i) {
      ASSERT_EQ(events[i].event_id(), it->second[i].event_id())
          << stream_id << " version " << i + 1;
    }
  }
}

size_t CountUpTo(const std::vector<v1::EventEnvelope>& stream, uint64_t checkpoint) {
  return std::upper_bound(
             stream.begin(), stream.end(), checkpoint,
             [](uint64_t cp, const v1::EventEnvelope& e) { return cp < e.position(); }) -
         stream.begin();
}

void ExpectSameView(const google::protobuf::Message& actual,
                    const google::protobuf::Message& expected, const std::string& what) {
  google::protobuf::util::MessageDifferencer differencer;
  std::string differences;
  differencer.ReportDifferencesToString(&differences);
  if (!differencer.Compare(expected, actual)) {
    ADD_FAILURE() << what << " differs from the view rendered from the log (expected -> actual):\n"
                  << differences.substr(0, 4000);
  }
}

namespace {

constexpr char kCount[] = "event_count";

int ScaleOf(uint32_t count_version) { return count_version == 1 ? 1 : 10; }

// The stored view under `key` (the state store's own key) parses and equals `expected`.
template <typename View>
void ExpectStoredView(const StateStore& state, const std::string& key, const View& expected) {
  auto stored = state.Get(key);
  ASSERT_TRUE(stored.ok()) << key << ": " << stored.status();
  ASSERT_TRUE(stored->has_value()) << key << " is missing";
  View view;
  const absl::Status decoded = DecodeView(**stored, key, &view);
  ASSERT_TRUE(decoded.ok()) << decoded;
  ExpectSameView(view, expected, key);
}

// Every key of the state store under `prefix`, relative to it.
std::map<std::string, std::string> ScanAll(const StateStore& state, const std::string& prefix) {
  std::map<std::string, std::string> keys;
  const absl::Status scanned = state.Scan(prefix, [&](absl::string_view key, absl::string_view v) {
    keys.emplace(std::string(key.substr(prefix.size())), std::string(v));
    return true;
  });
  EXPECT_TRUE(scanned.ok()) << "scanning " << prefix << ": " << scanned;
  return keys;
}

uint64_t BigEndian64(absl::string_view bytes) {
  uint64_t value = 0;
  for (unsigned char c : bytes) value = (value << 8) | c;
  return value;
}

// Reads the active version and the checkpoints of `name`; checks that none is past the head.
void ReadWritten(const StateStore& state, const std::string& name, uint64_t head,
                 Written& written) {
  auto active = state.Get(absl::StrCat("active/", name));
  ASSERT_TRUE(active.ok()) << active.status();
  if (active->has_value()) {
    ASSERT_TRUE(absl::SimpleAtoi(**active, &written.active)) << **active;
  }
  for (const auto& [key, value] : ScanAll(state, absl::StrCat("checkpoint/", name, "/v"))) {
    uint32_t version = 0;
    ASSERT_TRUE(absl::SimpleAtoi(key, &version)) << "checkpoint key of " << name << ": " << key;
    ASSERT_EQ(value.size(), 8u) << "checkpoint of " << name << " v" << version;
    const uint64_t checkpoint = BigEndian64(value);
    EXPECT_LE(checkpoint, head) << "checkpoint of " << name << " v" << version
                                << " is past the log's head";
    written.checkpoints[version] = checkpoint;
  }
  // A version with state has a checkpoint: no state is ever written without one.
  for (const auto& [key, unused] : ScanAll(state, absl::StrCat("state/", name, "/v"))) {
    uint32_t version = 0;
    ASSERT_TRUE(absl::SimpleAtoi(key.substr(0, key.find('/')), &version)) << key;
    ASSERT_TRUE(written.checkpoints.contains(version))
        << name << " has state of v" << version << " but no checkpoint: " << key;
  }
}

// Each stream's stored count is its number of events up to the checkpoint, times the scale.
void CheckCounts(const StateStore& state, const Log& log, uint32_t version, uint64_t checkpoint) {
  SCOPED_TRACE(absl::StrCat("event_count v", version, " at checkpoint ", checkpoint));
  std::map<std::string, std::string> stored = ScanAll(state, StateKey(kCount, version, ""));
  int wrong = 0;
  for (const auto& [stream_id, events] : log.streams) {
    const size_t count = CountUpTo(events, checkpoint);
    auto it = stored.find(stream_id);
    if (count == 0) {
      EXPECT_EQ(it, stored.end()) << stream_id << " has a count but no event up to the checkpoint";
    } else if (it == stored.end()) {
      ADD_FAILURE() << stream_id << " has " << count << " events up to the checkpoint, no count";
      ++wrong;
    } else if (it->second != absl::StrCat(count * ScaleOf(version))) {
      ADD_FAILURE() << stream_id << ": stored count " << it->second << ", but " << count
                    << " events up to the checkpoint (scale " << ScaleOf(version)
                    << "): an event applied twice or skipped";
      ++wrong;
    }
    if (it != stored.end()) stored.erase(it);
    ASSERT_LT(wrong, 5) << "and more";
  }
  EXPECT_TRUE(stored.empty()) << "a count for a stream not in the log: " << stored.begin()->first;
}

// Each pupil's stored views are those of the file folded up to the checkpoint.
void CheckPupilViews(const StateStore& state, const Log& log, uint64_t checkpoint) {
  SCOPED_TRACE(absl::StrCat("pupil_views at checkpoint ", checkpoint));
  size_t streams_with_views = 0;
  for (const auto& [stream_id, events] : log.streams) {
    if (!absl::StartsWith(stream_id, "pupil/")) continue;
    if (CountUpTo(events, checkpoint) == 0) {
      auto plan = state.Get(StateKey(kPupilViews, 1, PlanKey(stream_id)));
      ASSERT_TRUE(plan.ok()) << plan.status();
      EXPECT_FALSE(plan->has_value()) << stream_id << " has views but no event up to checkpoint";
      continue;
    }
    ++streams_with_views;
    PupilFile file;
    ASSERT_NO_FATAL_FAILURE(FoldUpTo(events, checkpoint, file));
    ExpectStoredView(state, StateKey(kPupilViews, 1, PlanKey(stream_id)), RenderCurrentPlan(file));
    ExpectStoredView(state, StateKey(kPupilViews, 1, HistoryKey(stream_id)), RenderHistory(file));
    ExpectStoredView(state, StateKey(kPupilViews, 1, RegisterKey(stream_id)),
                     RenderRegisterEntry(file));
    if (::testing::Test::HasFailure()) return;
  }
  EXPECT_EQ(ScanAll(state, StateKey(kPupilViews, 1, "")).size(), 3 * streams_with_views)
      << "stored pupil views for streams the log does not have up to the checkpoint";
}

// The school's stored trends are those of the file folded up to the checkpoint.
void CheckTrends(const StateStore& state, const Log& log, uint64_t checkpoint) {
  SCOPED_TRACE(absl::StrCat("self_evaluation at checkpoint ", checkpoint));
  size_t streams_with_views = 0;
  for (const auto& [stream_id, events] : log.streams) {
    if (!absl::StartsWith(stream_id, "school/") || CountUpTo(events, checkpoint) == 0) continue;
    ++streams_with_views;
    SelfEvaluationFile file;
    ASSERT_NO_FATAL_FAILURE(FoldUpTo(events, checkpoint, file));
    ExpectStoredView(state, StateKey(kSelfEvaluationViews, 1, TrendsKey(stream_id)),
                     RenderTrends(file));
  }
  EXPECT_EQ(ScanAll(state, StateKey(kSelfEvaluationViews, 1, "")).size(), streams_with_views)
      << "stored trends for streams the log does not have up to the checkpoint";
}

}  // namespace

void CheckWrittenState(RocksDbEventStore& store, const Streams& workload, Seen& seen) {
  Log log;
  ASSERT_NO_FATAL_FAILURE(ReadLog(store, log));
  seen.head = log.head;
  ASSERT_NO_FATAL_FAILURE(ExpectPrefixOfWorkload(log, workload));
  const StateStore& state = store.ProjectionState();
  ASSERT_NO_FATAL_FAILURE(ReadWritten(state, kCount, log.head, seen.counts));
  ASSERT_NO_FATAL_FAILURE(ReadWritten(state, kPupilViews, log.head, seen.pupil_views));
  ASSERT_NO_FATAL_FAILURE(ReadWritten(state, kSelfEvaluationViews, log.head, seen.self_evaluation));
  for (const auto& [version, checkpoint] : seen.counts.checkpoints) {
    ASSERT_NO_FATAL_FAILURE(CheckCounts(state, log, version, checkpoint));
  }
  for (const Written* views : {&seen.pupil_views, &seen.self_evaluation}) {
    ASSERT_LE(views->active, 1u);
    for (const auto& [version, unused] : views->checkpoints) ASSERT_EQ(version, 1u);
  }
  ASSERT_NO_FATAL_FAILURE(CheckPupilViews(state, log, seen.pupil_views.CheckpointOf(1)));
  ASSERT_NO_FATAL_FAILURE(CheckTrends(state, log, seen.self_evaluation.CheckpointOf(1)));
}

}  // namespace endeavour::projections::crash_util
