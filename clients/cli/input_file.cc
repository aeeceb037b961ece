#include "clients/cli/input_file.h"

#include <cerrno>
#include <cstring>
#include <fstream>
#include <iostream>
#include <iterator>
#include <sstream>

#include "absl/status/status.h"
#include "absl/strings/str_cat.h"

namespace endeavour::cli {

absl::StatusOr<std::string> ReadInputFile(const std::string& path) {
  if (path == "-") {
    std::ostringstream all;
    all << std::cin.rdbuf();
    if (std::cin.bad()) return absl::DataLossError("standard input: read failed");
    return all.str();
  }
  std::ifstream in(path, std::ios::binary);
  if (!in) {
    const int error = errno;
    const std::string why = absl::StrCat(path, ": cannot read: ", std::strerror(error));
    if (error == EACCES) return absl::PermissionDeniedError(why);
    return absl::NotFoundError(why);
  }
  std::string text((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  if (in.bad()) return absl::DataLossError(absl::StrCat(path, ": read failed"));
  return text;
}

}  // namespace endeavour::cli
