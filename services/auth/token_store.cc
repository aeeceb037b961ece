#include "services/auth/token_store.h"

#include <fcntl.h>
#include <openssl/crypto.h>
#include <openssl/evp.h>
#include <openssl/rand.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstdio>
#include <cstdlib>
#include <set>
#include <unordered_map>
#include <utility>

#include "absl/status/status.h"
#include "absl/strings/ascii.h"
#include "absl/strings/escaping.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "absl/strings/str_split.h"

namespace endeavour::auth {
namespace {

using Hash = std::array<unsigned char, 32>;

constexpr size_t kTokenBytes = 32;

constexpr std::pair<v1::Role, absl::string_view> kRoleNames[] = {
    {v1::ROLE_SENCO, "senco"},
    {v1::ROLE_TEACHER, "teacher"},
    {v1::ROLE_LEADER, "leader"},
    {v1::ROLE_GOVERNOR, "governor"},
    {v1::ROLE_LA_OFFICER, "la_officer"},
    {v1::ROLE_INSPECTOR, "inspector"},
    {v1::ROLE_FEED, "feed"},
    {v1::ROLE_ADMIN, "admin"},
};

// ---- What a token may be issued for.

absl::Status CheckTenant(absl::string_view what, absl::string_view tenant) {
  if (tenant.empty() || tenant.size() > 64 || tenant == "." || tenant == "..") {
    return absl::InvalidArgumentError(absl::StrCat(
        what, " must be 1-64 characters of a-z, 0-9, '-', '_' and '.', and not \".\" or \"..\""));
  }
  for (char c : tenant) {
    if (!absl::ascii_islower(static_cast<unsigned char>(c)) &&
        !absl::ascii_isdigit(static_cast<unsigned char>(c)) && c != '-' && c != '_' && c != '.') {
      return absl::InvalidArgumentError(absl::StrCat(
          what, " \"", absl::CHexEscape(tenant), "\" may hold only a-z, 0-9, '-', '_' and '.'"));
    }
  }
  return absl::OkStatus();
}

absl::Status CheckActorId(absl::string_view actor_id) {
  if (actor_id.empty() || actor_id.size() > 128) {
    return absl::InvalidArgumentError(
        absl::StrCat("actor_id must be 1-128 characters, got ", actor_id.size()));
  }
  for (char c : actor_id) {
    if (c < 0x20 || c > 0x7e) {
      return absl::InvalidArgumentError(
          "actor_id may hold only printable ASCII characters (no TAB, newline or control "
          "characters)");
    }
  }
  if (actor_id.front() == ' ' || actor_id.back() == ' ') {
    return absl::InvalidArgumentError("actor_id must not begin or end with a space");
  }
  return absl::OkStatus();
}

absl::Status CheckPrincipal(const Principal& principal) {
  if (absl::Status s = CheckTenant("tenant", principal.tenant); !s.ok()) return s;
  if (principal.role == v1::ROLE_UNSPECIFIED || !v1::Role_IsValid(principal.role)) {
    return absl::InvalidArgumentError(
        "role must be senco, teacher, leader, governor, la_officer, inspector, feed or admin");
  }
  if (absl::Status s = CheckActorId(principal.actor_id); !s.ok()) return s;
  if (!principal.granted_tenants.empty() && principal.role != v1::ROLE_LA_OFFICER &&
      principal.role != v1::ROLE_INSPECTOR) {
    return absl::InvalidArgumentError(absl::StrCat(
        "granted tenants are only for la_officer and inspector, not ", RoleName(principal.role)));
  }
  std::set<absl::string_view> seen;
  for (const std::string& granted : principal.granted_tenants) {
    if (absl::Status s = CheckTenant("granted tenant", granted); !s.ok()) return s;
    if (!seen.insert(granted).second) {
      return absl::InvalidArgumentError(
          absl::StrCat("granted tenant \"", granted, "\" is listed twice"));
    }
  }
  return absl::OkStatus();
}

// ---- The file on disk.

class Fd {
 public:
  explicit Fd(int fd) : fd_(fd) {}
  ~Fd() {
    if (fd_ >= 0) ::close(fd_);
  }
  Fd(const Fd&) = delete;
  Fd& operator=(const Fd&) = delete;
  int get() const { return fd_; }
  // Closes now, reporting the error that the destructor would swallow.
  int Close() { return ::close(std::exchange(fd_, -1)); }

 private:
  int fd_;
};

struct FileOwner {
  uid_t uid;
  gid_t gid;
};

struct TokenFile {
  std::string contents;
  FileOwner owner;
};

absl::Status CheckFileSafety(const std::string& path, const struct stat& st, bool check_owner) {
  if (!S_ISREG(st.st_mode)) {
    return absl::FailedPreconditionError(
        absl::StrCat("token file ", path, " is not a regular file"));
  }
  if ((st.st_mode & 077) != 0) {
    char mode[8];
    std::snprintf(mode, sizeof(mode), "%04o", static_cast<unsigned>(st.st_mode & 07777));
    return absl::FailedPreconditionError(
        absl::StrCat("token file ", path, " has mode ", mode,
                     ", so group or others may access it; it must be private to its owner. Run: "
                     "chmod 600 ",
                     path));
  }
  if (check_owner && st.st_uid != ::geteuid() && st.st_uid != 0) {
    return absl::FailedPreconditionError(absl::StrCat(
        "token file ", path, " is owned by uid ", st.st_uid, ", neither this process's user (uid ",
        ::geteuid(), ") nor root; chown it to the user the server runs as"));
  }
  return absl::OkStatus();
}

absl::StatusOr<TokenFile> ReadTokenFile(const std::string& path, bool check_owner) {
  Fd fd(::open(path.c_str(), O_RDONLY | O_CLOEXEC | O_NOCTTY | O_NONBLOCK));
  if (fd.get() < 0) {
    const int error = errno;
    if (error == ENOENT) {
      return absl::NotFoundError(absl::StrCat("token file ", path, " does not exist"));
    }
    return absl::ErrnoToStatus(error, absl::StrCat("cannot open token file ", path));
  }
  struct stat st;
  if (::fstat(fd.get(), &st) != 0) {
    return absl::ErrnoToStatus(errno, absl::StrCat("cannot stat token file ", path));
  }
  if (absl::Status s = CheckFileSafety(path, st, check_owner); !s.ok()) return s;
  TokenFile file{std::string(), FileOwner{st.st_uid, st.st_gid}};
  char buffer[8192];
  for (;;) {
    const ssize_t n = ::read(fd.get(), buffer, sizeof(buffer));
    if (n < 0 && errno == EINTR) continue;
    if (n < 0) return absl::ErrnoToStatus(errno, absl::StrCat("cannot read token file ", path));
    if (n == 0) break;
    file.contents.append(buffer, static_cast<size_t>(n));
  }
  return file;
}

absl::Status WriteAll(int fd, absl::string_view data) {
  while (!data.empty()) {
    const ssize_t n = ::write(fd, data.data(), data.size());
    if (n < 0 && errno == EINTR) continue;
    if (n < 0) return absl::ErrnoToStatus(errno, "cannot write the new token file");
    data.remove_prefix(static_cast<size_t>(n));
  }
  return absl::OkStatus();
}

absl::Status SyncDirectoryOf(const std::string& path) {
  const size_t slash = path.rfind('/');
  const std::string dir =
      slash == std::string::npos ? "." : (slash == 0 ? "/" : path.substr(0, slash));
  Fd fd(::open(dir.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC));
  if (fd.get() < 0 || ::fsync(fd.get()) != 0) {
    return absl::ErrnoToStatus(errno, absl::StrCat("cannot sync directory ", dir));
  }
  return absl::OkStatus();
}

// Writes `contents` to a temporary file beside `path` (mode 0600, `owner` if given), syncs it and
// renames it over `path`, so a reader sees the old file or the new one, never half of one.
absl::Status ReplaceFileAtomically(const std::string& path, absl::string_view contents,
                                   std::optional<FileOwner> owner) {
  std::string temp = path + ".tmp.XXXXXX";
  Fd fd(::mkostemp(temp.data(), O_CLOEXEC));  // creates the file with mode 0600
  if (fd.get() < 0) {
    return absl::ErrnoToStatus(errno, absl::StrCat("cannot create a temporary file beside ", path));
  }
  absl::Status status = [&]() -> absl::Status {
    if (::fchmod(fd.get(), 0600) != 0) return absl::ErrnoToStatus(errno, "cannot chmod 600");
    struct stat st;
    if (owner.has_value() && ::fstat(fd.get(), &st) == 0 &&
        (st.st_uid != owner->uid || st.st_gid != owner->gid) &&
        ::fchown(fd.get(), owner->uid, owner->gid) != 0) {
      return absl::ErrnoToStatus(errno, absl::StrCat("cannot keep the owner and group of ", path));
    }
    if (absl::Status s = WriteAll(fd.get(), contents); !s.ok()) return s;
    if (::fsync(fd.get()) != 0) return absl::ErrnoToStatus(errno, "cannot fsync");
    if (fd.Close() != 0) return absl::ErrnoToStatus(errno, "cannot close");
    if (::rename(temp.c_str(), path.c_str()) != 0) {
      return absl::ErrnoToStatus(errno, absl::StrCat("cannot rename onto ", path));
    }
    return absl::OkStatus();
  }();
  if (!status.ok()) {
    ::unlink(temp.c_str());
    return absl::Status(status.code(), absl::StrCat(temp, ": ", status.message()));
  }
  return SyncDirectoryOf(path);
}

// ---- Tokens and hashes.

// Fetched once: OpenSSL 3 otherwise looks the algorithm up on every digest.
const EVP_MD* Sha256Algorithm() {
  static const EVP_MD* md = [] {
    EVP_MD* fetched = EVP_MD_fetch(nullptr, "SHA256", nullptr);
    if (fetched == nullptr) std::abort();  // no SHA-256 means no usable OpenSSL at all
    return fetched;
  }();
  return md;
}

// EVP_Digest uses a context of its own, so this is thread-safe.
Hash Sha256(absl::string_view data) {
  Hash out;
  unsigned int len = 0;
  if (EVP_Digest(data.data(), data.size(), out.data(), &len, Sha256Algorithm(), nullptr) != 1 ||
      len != out.size()) {
    std::abort();  // fails only on allocation failure or a broken OpenSSL
  }
  return out;
}

std::string HashHex(const Hash& hash) {
  return absl::BytesToHexString(
      absl::string_view(reinterpret_cast<const char*>(hash.data()), hash.size()));
}

std::optional<Hash> ParseHashHex(absl::string_view hex) {
  if (hex.size() != 2 * sizeof(Hash)) return std::nullopt;
  for (char c : hex) {
    if (!absl::ascii_isxdigit(static_cast<unsigned char>(c))) return std::nullopt;
  }
  const std::string bytes = absl::HexStringToBytes(hex);
  Hash hash;
  std::copy(bytes.begin(), bytes.end(), hash.begin());
  return hash;
}

bool WellFormedToken(absl::string_view token) {
  if (token.size() < kMinTokenLength || token.size() > kMaxTokenLength) return false;
  for (char c : token) {
    if (!absl::ascii_isalnum(static_cast<unsigned char>(c)) && c != '_' && c != '-') return false;
  }
  return true;
}

// One line of the file, already known not to be blank or a comment.
absl::StatusOr<std::pair<Hash, Principal>> ParseLine(absl::string_view line) {
  if (absl::EndsWith(line, "\r")) {
    return absl::InvalidArgumentError("line ends with a carriage return; use LF line endings");
  }
  const std::vector<absl::string_view> fields = absl::StrSplit(line, '\t');
  if (fields.size() < 4 || fields.size() > 5) {
    return absl::InvalidArgumentError(absl::StrCat(
        "expected 4 or 5 TAB-separated fields (sha256hex, tenant, role, actor_id[, granted "
        "tenants]), found ",
        fields.size()));
  }
  std::optional<Hash> hash = ParseHashHex(fields[0]);
  if (!hash.has_value()) {
    return absl::InvalidArgumentError(
        "the first field must be 64 hex digits, the SHA-256 of the token (the file never holds "
        "the token itself)");
  }
  Principal principal;
  principal.tenant = std::string(fields[1]);
  if (std::optional<v1::Role> role = ParseRole(fields[2]); role.has_value()) {
    principal.role = *role;
  } else {
    return absl::InvalidArgumentError(absl::StrCat(
        "unknown role \"", absl::CHexEscape(fields[2]),
        "\"; expected senco, teacher, leader, governor, la_officer, inspector, feed or admin"));
  }
  principal.actor_id = std::string(fields[3]);
  if (fields.size() == 5) {
    principal.granted_tenants = absl::StrSplit(fields[4], ',');
  }
  if (absl::Status s = CheckPrincipal(principal); !s.ok()) return s;
  return std::make_pair(*hash, std::move(principal));
}

}  // namespace

std::optional<v1::Role> ParseRole(absl::string_view name) {
  for (const auto& [role, role_name] : kRoleNames) {
    if (name == role_name) return role;
  }
  return std::nullopt;
}

std::string RoleName(v1::Role role) {
  if (role == v1::ROLE_UNSPECIFIED) return "unspecified";
  for (const auto& [known, name] : kRoleNames) {
    if (role == known) return std::string(name);
  }
  return absl::StrCat("role(", static_cast<int>(role), ")");
}

absl::StatusOr<TokenStore> TokenStore::Parse(const std::string& path, absl::string_view contents) {
  std::vector<Entry> entries;
  std::unordered_map<std::string, int> first_line_of_hash;
  int line_number = 0;
  for (absl::string_view line : absl::StrSplit(contents, '\n')) {
    ++line_number;
    const absl::string_view stripped = absl::StripLeadingAsciiWhitespace(line);
    if (absl::StripTrailingAsciiWhitespace(stripped).empty() || absl::StartsWith(stripped, "#")) {
      continue;
    }
    auto parsed = ParseLine(line);
    if (!parsed.ok()) {
      return absl::InvalidArgumentError(
          absl::StrCat(path, ":", line_number, ": ", parsed.status().message()));
    }
    auto [hash, principal] = *std::move(parsed);
    auto [it, inserted] = first_line_of_hash.emplace(HashHex(hash), line_number);
    if (!inserted) {
      return absl::InvalidArgumentError(absl::StrCat(
          path, ":", line_number, ": duplicate token hash, already on line ", it->second));
    }
    entries.push_back(Entry{hash, std::move(principal)});
  }
  return TokenStore(std::move(entries));
}

absl::StatusOr<TokenStore> TokenStore::Load(const std::string& path) {
  absl::StatusOr<TokenFile> file = ReadTokenFile(path, /*check_owner=*/true);
  if (!file.ok()) return file.status();
  return Parse(path, file->contents);
}

std::optional<Principal> TokenStore::Authenticate(absl::string_view bearer_token) const {
  // Malformed tokens are refused before hashing: that only reveals what the format is.
  if (!WellFormedToken(bearer_token)) return std::nullopt;
  const Hash hash = Sha256(bearer_token);
  const Entry* found = nullptr;
  for (const Entry& entry : entries_) {
    // No early exit: every stored hash is compared, whichever one matches.
    if (CRYPTO_memcmp(entry.hash.data(), hash.data(), hash.size()) == 0) found = &entry;
  }
  if (found == nullptr) return std::nullopt;
  return found->principal;
}

absl::StatusOr<std::string> TokenStore::AddToken(const std::string& path, const std::string& tenant,
                                                 v1::Role role, const std::string& actor_id,
                                                 const std::vector<std::string>& granted_tenants) {
  if (absl::Status s = CheckPrincipal(Principal{actor_id, role, tenant, granted_tenants});
      !s.ok()) {
    return s;
  }
  // Appending to a file that does not load would hide the problem until the server restarts.
  std::optional<TokenFile> existing;
  std::optional<TokenStore> store;
  if (absl::StatusOr<TokenFile> file = ReadTokenFile(path, /*check_owner=*/false); file.ok()) {
    absl::StatusOr<TokenStore> parsed = Parse(path, file->contents);
    if (!parsed.ok()) return parsed.status();
    store.emplace(*std::move(parsed));
    existing.emplace(*std::move(file));
  } else if (!absl::IsNotFound(file.status())) {
    return file.status();
  }

  unsigned char random[kTokenBytes];
  if (RAND_bytes(random, sizeof(random)) != 1) {
    return absl::InternalError("OpenSSL RAND_bytes failed; no token was made");
  }
  std::string token =
      absl::WebSafeBase64Escape(absl::string_view(reinterpret_cast<char*>(random), kTokenBytes));
  OPENSSL_cleanse(random, sizeof(random));
  if (store.has_value() && store->Authenticate(token).has_value()) {
    return absl::InternalError("the new random token is already in the file; try again");
  }

  std::string contents = existing.has_value() ? std::move(existing->contents) : std::string();
  if (!contents.empty() && contents.back() != '\n') contents.push_back('\n');
  absl::StrAppend(&contents, HashHex(Sha256(token)), "\t", tenant, "\t", RoleName(role), "\t",
                  actor_id);
  if (!granted_tenants.empty())
    absl::StrAppend(&contents, "\t", absl::StrJoin(granted_tenants, ","));
  contents.push_back('\n');

  std::optional<FileOwner> owner;
  if (existing.has_value()) owner = existing->owner;
  if (absl::Status s = ReplaceFileAtomically(path, contents, owner); !s.ok()) return s;
  return token;
}

}  // namespace endeavour::auth
