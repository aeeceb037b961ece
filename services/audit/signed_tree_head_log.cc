#include "services/audit/signed_tree_head_log.h"

#include <fcntl.h>
#include <openssl/evp.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cstring>

#include "absl/strings/str_cat.h"
#include "absl/strings/string_view.h"

namespace endeavour::audit {
namespace {

constexpr absl::string_view kMagic = "ESTHLOG1";
constexpr uint32_t kMaxPayload = 64 << 10;
constexpr size_t kFrame = 8;  // length + check

std::string Check(absl::string_view payload) {
  unsigned char digest[32];
  unsigned int size = 0;
  EVP_Digest(payload.data(), payload.size(), digest, &size, EVP_sha256(), nullptr);
  return std::string(reinterpret_cast<char*>(digest), 4);
}

uint32_t ReadBigEndian32(absl::string_view bytes) {
  uint32_t value = 0;
  for (int i = 0; i < 4; ++i) value = (value << 8) | static_cast<unsigned char>(bytes[i]);
  return value;
}

std::string Errno(const std::string& path, const char* what) {
  return absl::StrCat("signed tree heads ", path, ": ", what, ": ", std::strerror(errno));
}

absl::Status WriteAt(int fd, absl::string_view bytes, uint64_t offset) {
  size_t done = 0;
  while (done < bytes.size()) {
    const ssize_t n =
        pwrite(fd, bytes.data() + done, bytes.size() - done, static_cast<off_t>(offset + done));
    if (n < 0 && errno == EINTR) continue;
    if (n <= 0) return absl::UnavailableError(std::strerror(errno));
    done += static_cast<size_t>(n);
  }
  return absl::OkStatus();
}

absl::StatusOr<std::string> ReadAt(int fd, uint64_t offset, size_t size) {
  std::string out(size, '\0');
  size_t done = 0;
  while (done < size) {
    const ssize_t n = pread(fd, out.data() + done, size - done, static_cast<off_t>(offset + done));
    if (n < 0 && errno == EINTR) continue;
    if (n < 0) return absl::UnavailableError(std::strerror(errno));
    if (n == 0) break;
    done += static_cast<size_t>(n);
  }
  out.resize(done);
  return out;
}

absl::Status SyncFolderOf(const std::string& path) {
  const size_t slash = path.rfind('/');
  const std::string folder = slash == std::string::npos ? "." : path.substr(0, slash + 1);
  const int fd = open(folder.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC);
  if (fd < 0) return absl::UnavailableError(Errno(folder, "cannot open its folder"));
  const int synced = fsync(fd);
  close(fd);
  if (synced != 0) return absl::UnavailableError(Errno(folder, "cannot sync its folder"));
  return absl::OkStatus();
}

}  // namespace

absl::StatusOr<std::unique_ptr<SignedTreeHeadLog>> SignedTreeHeadLog::Open(
    const std::string& path) {
  const int fd = open(path.c_str(), O_RDWR | O_CREAT | O_CLOEXEC, 0600);
  if (fd < 0) return absl::UnavailableError(Errno(path, "cannot open"));
  std::unique_ptr<SignedTreeHeadLog> log(new SignedTreeHeadLog(path, fd));
  absl::MutexLock lock(&log->mutex_);
  if (absl::Status loaded = log->Load(); !loaded.ok()) return loaded;
  return log;
}

SignedTreeHeadLog::~SignedTreeHeadLog() { close(fd_); }

absl::Status SignedTreeHeadLog::Load() {
  struct stat info;
  if (fstat(fd_, &info) != 0) return absl::UnavailableError(Errno(path_, "cannot stat"));
  if (static_cast<size_t>(info.st_size) < kMagic.size()) {
    // New, or created by a crash before its magic was synced: start it properly.
    absl::Status written = ftruncate(fd_, 0) == 0 ? WriteAt(fd_, kMagic, 0)
                                                  : absl::UnavailableError(std::strerror(errno));
    if (!written.ok()) {
      return absl::UnavailableError(
          absl::StrCat("signed tree heads ", path_, ": ", written.message()));
    }
    if (fdatasync(fd_) != 0) return absl::UnavailableError(Errno(path_, "cannot sync"));
    if (absl::Status synced = SyncFolderOf(path_); !synced.ok()) return synced;
    end_ = kMagic.size();
    return absl::OkStatus();
  }
  absl::StatusOr<std::string> contents = ReadAt(fd_, 0, static_cast<size_t>(info.st_size));
  if (!contents.ok()) return absl::UnavailableError(Errno(path_, "cannot read"));
  const absl::string_view file = *contents;
  if (file.size() < kMagic.size() || file.substr(0, kMagic.size()) != kMagic) {
    return absl::DataLossError(absl::StrCat("signed tree heads ", path_,
                                            ": does not start with \"ESTHLOG1\"; not this format"));
  }
  uint64_t offset = kMagic.size();
  while (offset < file.size()) {
    const absl::string_view rest = file.substr(offset);
    const uint32_t length = rest.size() >= 4 ? ReadBigEndian32(rest) : 0;
    const bool complete = rest.size() >= 4 && rest.size() >= kFrame + length;
    v1::SignedTreeHead head;
    const bool good = complete && length <= kMaxPayload &&
                      rest.substr(4 + length, 4) == Check(rest.substr(4, length)) &&
                      head.ParseFromArray(rest.data() + 4, static_cast<int>(length));
    if (!good) {
      // A torn append reaches the end of the file: its frame is cut short or ends exactly there,
      // or the file system extended the file with zeros.
      const bool torn =
          rest.size() <= kFrame + length || rest.find_first_not_of('\0') == absl::string_view::npos;
      if (!torn) {
        return absl::DataLossError(absl::StrCat("signed tree heads ", path_,
                                                ": the record at byte ", offset,
                                                " is damaged and more records follow it"));
      }
      // A torn append that was never acknowledged: cut it off.
      if (ftruncate(fd_, static_cast<off_t>(offset)) != 0 || fdatasync(fd_) != 0) {
        return absl::UnavailableError(Errno(path_, "cannot cut off a torn last record"));
      }
      break;
    }
    if (!entries_.empty() && head.tree_size() <= entries_.back().tree_size) {
      return absl::DataLossError(absl::StrCat("signed tree heads ", path_, ": tree size ",
                                              head.tree_size(), " at byte ", offset,
                                              " does not follow ", entries_.back().tree_size));
    }
    entries_.push_back({head.tree_size(), offset + 4, length});
    latest_ = std::move(head);
    offset += kFrame + length;
  }
  end_ = offset;
  return absl::OkStatus();
}

absl::Status SignedTreeHeadLog::Append(const v1::SignedTreeHead& head) {
  absl::MutexLock lock(&mutex_);
  if (!sticky_error_.ok()) return sticky_error_;
  if (latest_.has_value() && head.tree_size() <= latest_->tree_size()) {
    return absl::FailedPreconditionError(
        absl::StrCat("signed tree heads: tree size ", head.tree_size(),
                     " is not larger than the latest head's, ", latest_->tree_size()));
  }
  const std::string payload = head.SerializeAsString();
  if (payload.size() > kMaxPayload) {
    return absl::InvalidArgumentError("signed tree head: larger than 64 KiB");
  }
  std::string record;
  record.reserve(kFrame + payload.size());
  for (int shift = 24; shift >= 0; shift -= 8) {
    record.push_back(static_cast<char>((payload.size() >> shift) & 0xff));
  }
  record.append(payload);
  record.append(Check(payload));
  absl::Status written = WriteAt(fd_, record, end_);
  if (written.ok() && fdatasync(fd_) != 0) written = absl::UnavailableError(std::strerror(errno));
  if (!written.ok()) {
    sticky_error_ =
        absl::UnavailableError(absl::StrCat("signed tree heads ", path_, ": a write failed (",
                                            written.message(), "); no more heads until restarted"));
    return sticky_error_;
  }
  entries_.push_back({head.tree_size(), end_ + 4, static_cast<uint32_t>(payload.size())});
  end_ += record.size();
  latest_ = head;
  return absl::OkStatus();
}

std::optional<v1::SignedTreeHead> SignedTreeHeadLog::Latest() const {
  absl::MutexLock lock(&mutex_);
  return latest_;
}

size_t SignedTreeHeadLog::size() const {
  absl::MutexLock lock(&mutex_);
  return entries_.size();
}

absl::StatusOr<v1::SignedTreeHead> SignedTreeHeadLog::ReadEntry(const Entry& entry) const {
  absl::StatusOr<std::string> payload = ReadAt(fd_, entry.offset, entry.length);
  if (!payload.ok()) return absl::UnavailableError(Errno(path_, "cannot read"));
  v1::SignedTreeHead head;
  if (payload->size() != entry.length || !head.ParseFromString(*payload)) {
    return absl::DataLossError(absl::StrCat("signed tree heads ", path_, ": the head of size ",
                                            entry.tree_size, " no longer reads back"));
  }
  return head;
}

absl::StatusOr<v1::SignedTreeHead> SignedTreeHeadLog::Get(uint64_t tree_size) const {
  Entry entry;
  {
    absl::MutexLock lock(&mutex_);
    auto it = std::lower_bound(entries_.begin(), entries_.end(), tree_size,
                               [](const Entry& e, uint64_t size) { return e.tree_size < size; });
    if (it == entries_.end() || it->tree_size != tree_size) {
      return absl::NotFoundError(
          absl::StrCat("tree_size: no head was signed at tree size ", tree_size));
    }
    entry = *it;
  }
  return ReadEntry(entry);
}

absl::StatusOr<std::vector<v1::SignedTreeHead>> SignedTreeHeadLog::List(uint64_t from_tree_size,
                                                                        size_t max_count) const {
  std::vector<Entry> wanted;
  {
    absl::MutexLock lock(&mutex_);
    auto it = std::lower_bound(entries_.begin(), entries_.end(), from_tree_size,
                               [](const Entry& e, uint64_t size) { return e.tree_size < size; });
    for (; it != entries_.end() && wanted.size() < max_count; ++it) wanted.push_back(*it);
  }
  std::vector<v1::SignedTreeHead> heads;
  heads.reserve(wanted.size());
  for (const Entry& entry : wanted) {
    absl::StatusOr<v1::SignedTreeHead> head = ReadEntry(entry);
    if (!head.ok()) return head.status();
    heads.push_back(*std::move(head));
  }
  return heads;
}

}  // namespace endeavour::audit
