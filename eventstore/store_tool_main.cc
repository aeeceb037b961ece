// endeavour-store: look at and check an embedded event store folder without a server.
#include <cstdio>
#include <cstring>
#include <filesystem>
#include <string>

#include "absl/strings/escaping.h"
#include "absl/time/clock.h"
#include "eventstore/rocksdb_event_store.h"

namespace {

constexpr char kUsage[] =
    "Usage: endeavour-store COMMAND --data DIR\n"
    "\n"
    "Looks at an Endeavour event store folder (the embedded RocksDB store) directly.\n"
    "Only one process may open a folder at a time: stop the server first.\n"
    "\n"
    "Commands:\n"
    "  info     print the log's head position and Merkle tree root\n"
    "  verify   recompute every leaf hash and the root from the stored events;\n"
    "           exits 0 when they match, 3 (and names the first bad position) when not\n"
    "\n"
    "Options:\n"
    "  --data DIR   the store folder (it must exist)\n"
    "  --help       this text\n"
    "\n"
    "Example:\n"
    "  endeavour-store verify --data data/\n";

int Fail(const std::string& message, int code) {
  std::fprintf(stderr, "endeavour-store: %s\n", message.c_str());
  return code;
}

}  // namespace

int main(int argc, char** argv) {
  std::string command, data;
  for (int i = 1; i < argc; ++i) {
    const std::string arg = argv[i];
    if (arg == "--help" || arg == "-h") {
      std::fputs(kUsage, stdout);
      return 0;
    } else if (arg == "--data" && i + 1 < argc) {
      data = argv[++i];
    } else if (arg.rfind("--data=", 0) == 0) {
      data = arg.substr(7);
    } else if (command.empty() && arg[0] != '-') {
      command = arg;
    } else {
      return Fail("unknown argument \"" + arg + "\" (see --help)", 2);
    }
  }
  if (command != "info" && command != "verify") {
    return Fail(command.empty() ? "a command is needed: info or verify (see --help)"
                                : "unknown command \"" + command + "\" (see --help)",
                2);
  }
  if (data.empty()) return Fail("--data DIR is needed (see --help)", 2);
  // Opening creates a store; a typo in the folder name should not quietly make a new empty one.
  if (!std::filesystem::is_directory(data)) {
    return Fail("no store folder at \"" + data + "\"", 1);
  }

  auto store = endeavour::eventstore::RocksDbEventStore::Open(data);
  if (!store.ok()) return Fail(std::string(store.status().ToString()), 1);
  const auto head = (*store)->CurrentTreeHead();
  std::printf("folder:     %s\nevents:     %llu\ntree root:  %s\n", data.c_str(),
              static_cast<unsigned long long>(head.tree_size),
              absl::BytesToHexString(head.root_hash).c_str());
  if (command == "info") return 0;

  const absl::Time start = absl::Now();
  absl::Status verified = (*store)->Verify();
  const double seconds = absl::ToDoubleSeconds(absl::Now() - start);
  if (!verified.ok()) return Fail(std::string(verified.ToString()), 3);
  std::printf("verified:   every leaf and the root match (%.2f s)\n", seconds);
  return 0;
}
