// The bearer tokens endeavourd accepts, kept as SHA-256 hashes in a text file, so that reading the
// file (or a backup of it) does not give anyone a token.
//
// File format: UTF-8 text, one token per line, fields separated by a single TAB:
//
//   sha256hex <TAB> tenant <TAB> role <TAB> actor_id [<TAB> granted,tenants]
//
//   sha256hex       64 hex digits: SHA-256 of the token's characters. The token never appears.
//   tenant          1-64 characters of [a-z0-9._-], the school (or authority) the token acts for.
//   role            senco, teacher, leader, governor, la_officer, inspector, feed or admin.
//   actor_id        1-128 printable ASCII characters (spaces allowed, no TAB), e.g. "staff/1042".
//   granted,tenants Only for la_officer and inspector, optional: the comma-separated tenants they
//                   may read. Their own tenant is not implied.
//
// Blank lines and lines whose first non-blank character is '#' are ignored. Each hash appears once.
// Like ssh with a private key, Load refuses a file that group or others may access (mode & 077):
// run `chmod 600 <file>`. It also refuses a file owned by anyone but the server's user or root.
//
// Example (the separators are TABs; hashes shortened here):
//   # Oakfield Primary
//   9f86d081884c7d65...b0f00a08  oakfield  senco       staff/1042
//   60303ae22b998861...8c11c752  leeds-la  la_officer  la/77       oakfield,elmwood
//
// A TokenStore is immutable once loaded: Authenticate is thread-safe. To pick up new tokens,
// Load again and swap the whole store.
#ifndef ENDEAVOUR_SERVICES_AUTH_TOKEN_STORE_H_
#define ENDEAVOUR_SERVICES_AUTH_TOKEN_STORE_H_

#include <array>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"
#include "endeavour/v1/common.pb.h"
#include "services/auth/principal.h"

namespace endeavour::auth {

// Tokens shorter than this, or with characters outside [A-Za-z0-9_-], are refused unhashed.
// AddToken makes 43-character tokens (32 random bytes, base64url without padding).
inline constexpr size_t kMinTokenLength = 32;
inline constexpr size_t kMaxTokenLength = 512;

class TokenStore {
 public:
  // Reads and checks the token file at `path`. NOT_FOUND if there is no such file (whether that
  // is fatal is the server's call); FAILED_PRECONDITION if its permissions or owner are unsafe;
  // INVALID_ARGUMENT "path:line: problem" for the first malformed line.
  static absl::StatusOr<TokenStore> Load(const std::string& path);

  // Makes a new random token for (tenant, role, actor_id, granted_tenants), appends its hash to
  // the file at `path` and returns the token: the only time it exists outside the caller's hands.
  // Creates the file (mode 0600) if missing; otherwise the file must Load cleanly. The file is
  // replaced atomically (temporary file in the same directory, fsync, rename, fsync of the
  // directory), keeping its comments, owner and group. INVALID_ARGUMENT for a bad tenant, role,
  // actor id or grant. Not safe against two AddToken calls on the same file at once.
  static absl::StatusOr<std::string> AddToken(const std::string& path, const std::string& tenant,
                                              v1::Role role, const std::string& actor_id,
                                              const std::vector<std::string>& granted_tenants);

  // The principal the token was issued for, or nullopt for an unknown or malformed token. The
  // hash is compared with every stored hash in constant time (CRYPTO_memcmp, no early exit).
  std::optional<Principal> Authenticate(absl::string_view bearer_token) const;

  size_t size() const { return entries_.size(); }

 private:
  struct Entry {
    std::array<unsigned char, 32> hash;
    Principal principal;
  };
  explicit TokenStore(std::vector<Entry> entries) : entries_(std::move(entries)) {}
  static absl::StatusOr<TokenStore> Parse(const std::string& path, absl::string_view contents);

  std::vector<Entry> entries_;
};

// "senco" -> ROLE_SENCO, ..., "admin" -> ROLE_ADMIN; nullopt for anything else (case matters).
std::optional<v1::Role> ParseRole(absl::string_view name);
// ROLE_SENCO -> "senco", ...; "unspecified" for ROLE_UNSPECIFIED, "role(N)" for unknown values.
std::string RoleName(v1::Role role);

}  // namespace endeavour::auth

#endif  // ENDEAVOUR_SERVICES_AUTH_TOKEN_STORE_H_
