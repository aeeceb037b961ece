// A fresh folder under the test's temporary directory, removed with everything in it when the
// object goes: every test that opens a real RocksDB store gets its own.
#ifndef ENDEAVOUR_EVENTSTORE_TESTING_TEMP_DIR_H_
#define ENDEAVOUR_EVENTSTORE_TESTING_TEMP_DIR_H_

#include <stdlib.h>

#include <filesystem>
#include <string>

#include "gtest/gtest.h"

namespace endeavour::testing {

class TempDir {
 public:
  explicit TempDir(const std::string& name = "endeavour") {
    std::string pattern = ::testing::TempDir() + name + "_XXXXXX";
    if (mkdtemp(pattern.data()) == nullptr) ADD_FAILURE() << "mkdtemp failed for " << pattern;
    path_ = pattern;
  }
  ~TempDir() {
    std::error_code ignored;
    std::filesystem::remove_all(path_, ignored);
  }
  TempDir(const TempDir&) = delete;
  TempDir& operator=(const TempDir&) = delete;

  const std::string& path() const { return path_; }

 private:
  std::string path_;
};

}  // namespace endeavour::testing

#endif  // ENDEAVOUR_EVENTSTORE_TESTING_TEMP_DIR_H_
