#include "services/auth/token_store.h"

#include <dirent.h>
#include <openssl/sha.h>
#include <sys/stat.h>
#include <unistd.h>

#include <fstream>
#include <sstream>
#include <string>
#include <vector>

#include "absl/strings/escaping.h"
#include "absl/strings/str_cat.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"

namespace endeavour::auth {
namespace {

using ::testing::ElementsAre;
using ::testing::HasSubstr;
using ::testing::StartsWith;

// Well-formed tokens (at least 32 characters of [A-Za-z0-9_-]).
constexpr char kOakfieldToken[] = "oakfield-senco-token-0123456789abcdefXYZ_";
constexpr char kElmwoodToken[] = "elmwood-teacher-token-0123456789abcdefXYZ";
constexpr char kLaToken[] = "leeds-la-officer-token-0123456789abcdefXY";

std::string HashHex(absl::string_view token) {
  unsigned char digest[SHA256_DIGEST_LENGTH];
  SHA256(reinterpret_cast<const unsigned char*>(token.data()), token.size(), digest);
  return absl::BytesToHexString(absl::string_view(reinterpret_cast<char*>(digest), sizeof(digest)));
}

class TokenStoreTest : public ::testing::Test {
 protected:
  void SetUp() override {
    const auto* info = ::testing::UnitTest::GetInstance()->current_test_info();
    dir_ = absl::StrCat(::testing::TempDir(), "/token_store_test.", ::getpid(), ".", info->name());
    ASSERT_EQ(::mkdir(dir_.c_str(), 0700), 0) << dir_;
    path_ = dir_ + "/tokens";
  }
  void TearDown() override {
    for (const std::string& name : DirEntries()) ::unlink((dir_ + "/" + name).c_str());
    ::rmdir(dir_.c_str());
  }

  void Write(const std::string& contents, mode_t mode = 0600) {
    std::ofstream(path_, std::ios::binary | std::ios::trunc) << contents;
    ASSERT_EQ(::chmod(path_.c_str(), mode), 0);
  }
  std::string Read() const {
    std::stringstream contents;
    contents << std::ifstream(path_, std::ios::binary).rdbuf();
    return contents.str();
  }
  std::vector<std::string> DirEntries() const {
    std::vector<std::string> names;
    if (DIR* d = ::opendir(dir_.c_str()); d != nullptr) {
      while (dirent* e = ::readdir(d)) {
        if (std::string(e->d_name) != "." && std::string(e->d_name) != "..") {
          names.push_back(e->d_name);
        }
      }
      ::closedir(d);
    }
    return names;
  }

  std::string dir_;
  std::string path_;
};

std::string Line(absl::string_view token, absl::string_view rest) {
  return absl::StrCat(HashHex(token), "\t", rest, "\n");
}

TEST_F(TokenStoreTest, LoadsAHandWrittenFileAndAuthenticatesItsToken) {
  Write(absl::StrCat("# Oakfield Primary\n\n   # indented comment\n",
                     Line(kOakfieldToken, "oakfield\tsenco\tstaff/1042")));
  absl::StatusOr<TokenStore> store = TokenStore::Load(path_);
  ASSERT_TRUE(store.ok()) << store.status();
  EXPECT_EQ(store->size(), 1u);
  std::optional<Principal> principal = store->Authenticate(kOakfieldToken);
  ASSERT_TRUE(principal.has_value());
  EXPECT_EQ(principal->actor_id, "staff/1042");
  EXPECT_EQ(principal->role, v1::ROLE_SENCO);
  EXPECT_EQ(principal->tenant, "oakfield");
  EXPECT_TRUE(principal->granted_tenants.empty());
}

TEST_F(TokenStoreTest, EachTokenGivesItsOwnTenantsPrincipal) {
  Write(absl::StrCat(Line(kOakfieldToken, "oakfield\tsenco\tstaff/1042"),
                     Line(kElmwoodToken, "elmwood\tteacher\tstaff/7"),
                     Line(kLaToken, "leeds-la\tla_officer\tla/77\toakfield,elmwood")));
  absl::StatusOr<TokenStore> store = TokenStore::Load(path_);
  ASSERT_TRUE(store.ok()) << store.status();
  EXPECT_EQ(store->Authenticate(kOakfieldToken)->tenant, "oakfield");
  EXPECT_EQ(store->Authenticate(kElmwoodToken)->tenant, "elmwood");
  EXPECT_EQ(store->Authenticate(kElmwoodToken)->role, v1::ROLE_TEACHER);
  std::optional<Principal> la = store->Authenticate(kLaToken);
  ASSERT_TRUE(la.has_value());
  EXPECT_EQ(la->tenant, "leeds-la");
  EXPECT_EQ(la->role, v1::ROLE_LA_OFFICER);
  EXPECT_THAT(la->granted_tenants, ElementsAre("oakfield", "elmwood"));
}

TEST_F(TokenStoreTest, RefusesWrongShortAndGarbageTokens) {
  const std::string short_token(31, 'a');  // its hash is in the file, but it is too short
  Write(absl::StrCat(Line(kOakfieldToken, "oakfield\tsenco\tstaff/1042"),
                     Line(short_token, "oakfield\tadmin\tops/1")));
  absl::StatusOr<TokenStore> store = TokenStore::Load(path_);
  ASSERT_TRUE(store.ok()) << store.status();
  const std::string token = kOakfieldToken;
  const std::vector<std::string> refused = {
      "",
      short_token,
      "wrong-token-wrong-token-wrong-token-wrong",  // well formed, unknown
      token.substr(0, token.size() - 1),            // a prefix
      token + "x",                                  // an extension
      "Bearer " + token,                            // the header value, not the token
      token + "\n",
      token + " ",
      " " + token,
      std::string(token).replace(3, 1, "."),
      std::string(token).replace(3, 1, "+"),
      std::string(token).replace(3, 1, "\xc3\xa9"),
      std::string(token).replace(3, 1, std::string(1, '\0')),
      HashHex(kOakfieldToken),  // the stored hash is not a token
      std::string(100000, 'a'),
  };
  for (const std::string& presented : refused) {
    EXPECT_FALSE(store->Authenticate(presented).has_value()) << absl::CEscape(presented);
  }
  EXPECT_TRUE(store->Authenticate(kOakfieldToken).has_value());
}

TEST_F(TokenStoreTest, EmptyFileIsAnEmptyStore) {
  Write("# no tokens yet\n");
  absl::StatusOr<TokenStore> store = TokenStore::Load(path_);
  ASSERT_TRUE(store.ok()) << store.status();
  EXPECT_EQ(store->size(), 0u);
  EXPECT_FALSE(store->Authenticate(kOakfieldToken).has_value());
}

TEST_F(TokenStoreTest, MissingFileIsNotFoundNamingThePath) {
  absl::StatusOr<TokenStore> store = TokenStore::Load(path_);
  EXPECT_EQ(store.status().code(), absl::StatusCode::kNotFound);
  EXPECT_THAT(std::string(store.status().message()), HasSubstr(path_));
}

TEST_F(TokenStoreTest, LoadRefusesAFileGroupOrOthersMayAccess) {
  for (mode_t mode : {0644, 0640, 0604, 0660, 0602, 0610}) {
    Write(Line(kOakfieldToken, "oakfield\tsenco\tstaff/1042"), mode);
    absl::StatusOr<TokenStore> store = TokenStore::Load(path_);
    EXPECT_EQ(store.status().code(), absl::StatusCode::kFailedPrecondition) << mode;
    EXPECT_THAT(std::string(store.status().message()),
                HasSubstr(absl::StrCat("chmod 600 ", path_)));
  }
  Write(Line(kOakfieldToken, "oakfield\tsenco\tstaff/1042"), 0400);
  EXPECT_TRUE(TokenStore::Load(path_).ok());
}

TEST_F(TokenStoreTest, LoadRefusesADirectory) {
  ASSERT_EQ(::mkdir(path_.c_str(), 0700), 0);
  EXPECT_FALSE(TokenStore::Load(path_).ok());
  ::rmdir(path_.c_str());
}

TEST_F(TokenStoreTest, EveryParseErrorNamesTheFileAndLine) {
  const std::string good = Line(kOakfieldToken, "oakfield\tsenco\tstaff/1042");
  const std::string other = HashHex(kElmwoodToken);
  struct Case {
    std::string line;
    std::string problem;
  };
  const std::vector<Case> cases = {
      {other + "\toakfield\theadteacher\tstaff/1", "unknown role \"headteacher\""},
      {other + "\toakfield\tSENCO\tstaff/1", "unknown role"},
      {other + "\toakfield\t\tstaff/1", "unknown role"},
      {other.substr(1) + "\toakfield\tsenco\tstaff/1", "64 hex digits"},
      {"g" + other.substr(1) + "\toakfield\tsenco\tstaff/1", "64 hex digits"},
      {std::string(kElmwoodToken) + "\toakfield\tsenco\tstaff/1", "64 hex digits"},
      {other + "\toakfield\tsenco", "expected 4 or 5 TAB-separated fields"},
      {other + " oakfield senco staff/1", "expected 4 or 5 TAB-separated fields"},
      {other + "\toakfield\tla_officer\tla/1\ta\tb", "found 6"},
      {other + "\tOakfield\tsenco\tstaff/1", "tenant"},
      {other + "\toak/field\tsenco\tstaff/1", "tenant"},
      {other + "\t..\tsenco\tstaff/1", "tenant"},
      {other + "\t\tsenco\tstaff/1", "tenant"},
      {other + "\toakfield\tsenco\t", "actor_id"},
      {other + "\toakfield\tsenco\tstaff/1\x01", "actor_id"},
      {other + "\toakfield\tsenco\tstaff/1\r", "carriage return"},
      {other + "\toakfield\tsenco\tstaff/1\toakfield", "only for la_officer and inspector"},
      {other + "\tleeds-la\tla_officer\tla/1\t", "granted tenant"},
      {other + "\tleeds-la\tla_officer\tla/1\toak,,elm", "granted tenant"},
      {other + "\tleeds-la\tla_officer\tla/1\toak,oak", "listed twice"},
      {HashHex(kOakfieldToken) + "\telmwood\tteacher\tstaff/2",
       "duplicate token hash, already on "
       "line 2"},
  };
  for (const Case& c : cases) {
    Write(absl::StrCat("# tokens\n", good, c.line, "\n", Line(kLaToken, "x\tfeed\tsvc/1")));
    absl::StatusOr<TokenStore> store = TokenStore::Load(path_);
    EXPECT_EQ(store.status().code(), absl::StatusCode::kInvalidArgument) << absl::CEscape(c.line);
    EXPECT_THAT(std::string(store.status().message()), StartsWith(path_ + ":3: "))
        << absl::CEscape(c.line);
    EXPECT_THAT(std::string(store.status().message()), HasSubstr(c.problem))
        << absl::CEscape(c.line);
  }
}

TEST_F(TokenStoreTest, AddTokenThenLoadFindsItAndTheFileHoldsOnlyItsHash) {
  absl::StatusOr<std::string> token =
      TokenStore::AddToken(path_, "oakfield", v1::ROLE_SENCO, "staff/1042", {});
  ASSERT_TRUE(token.ok()) << token.status();
  EXPECT_EQ(token->size(), 43u);
  EXPECT_EQ(token->find_first_not_of("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz"
                                     "0123456789-_"),
            std::string::npos);

  const std::string contents = Read();
  EXPECT_EQ(contents.find(*token), std::string::npos) << contents;
  EXPECT_EQ(contents, absl::StrCat(HashHex(*token), "\toakfield\tsenco\tstaff/1042\n"));

  absl::StatusOr<TokenStore> store = TokenStore::Load(path_);
  ASSERT_TRUE(store.ok()) << store.status();
  std::optional<Principal> principal = store->Authenticate(*token);
  ASSERT_TRUE(principal.has_value());
  EXPECT_EQ(principal->actor_id, "staff/1042");
  EXPECT_EQ(principal->role, v1::ROLE_SENCO);
  EXPECT_EQ(principal->tenant, "oakfield");
}

TEST_F(TokenStoreTest, AddTokenCreatesTheFileWithMode0600WhateverTheUmask) {
  const mode_t old_umask = ::umask(0);
  absl::StatusOr<std::string> token =
      TokenStore::AddToken(path_, "oakfield", v1::ROLE_FEED, "svc/search", {});
  ::umask(old_umask);
  ASSERT_TRUE(token.ok()) << token.status();
  struct stat st;
  ASSERT_EQ(::stat(path_.c_str(), &st), 0);
  EXPECT_EQ(st.st_mode & 07777, 0600u);
}

TEST_F(TokenStoreTest, AddTokenAppendsKeepsCommentsAndLeavesNoTemporaryFile) {
  const std::string existing =
      absl::StrCat("# Oakfield Primary\n", Line(kOakfieldToken, "oakfield\tsenco\tstaff/1042"));
  Write(existing.substr(0, existing.size() - 1));  // no final newline
  absl::StatusOr<std::string> first =
      TokenStore::AddToken(path_, "oakfield", v1::ROLE_TEACHER, "staff/7", {});
  absl::StatusOr<std::string> second = TokenStore::AddToken(path_, "leeds-la", v1::ROLE_LA_OFFICER,
                                                            "la/77", {"oakfield", "elmwood"});
  ASSERT_TRUE(first.ok()) << first.status();
  ASSERT_TRUE(second.ok()) << second.status();
  EXPECT_NE(*first, *second);

  EXPECT_THAT(Read(), StartsWith(existing));
  EXPECT_THAT(DirEntries(), ElementsAre("tokens"));
  absl::StatusOr<TokenStore> store = TokenStore::Load(path_);
  ASSERT_TRUE(store.ok()) << store.status();
  EXPECT_EQ(store->size(), 3u);
  EXPECT_EQ(store->Authenticate(kOakfieldToken)->role, v1::ROLE_SENCO);
  EXPECT_EQ(store->Authenticate(*first)->role, v1::ROLE_TEACHER);
  std::optional<Principal> la = store->Authenticate(*second);
  ASSERT_TRUE(la.has_value());
  EXPECT_EQ(la->tenant, "leeds-la");
  EXPECT_THAT(la->granted_tenants, ElementsAre("oakfield", "elmwood"));
}

TEST_F(TokenStoreTest, AddTokenRefusesAnInsecureOrMalformedFileAndLeavesItAlone) {
  const std::string insecure = Line(kOakfieldToken, "oakfield\tsenco\tstaff/1042");
  Write(insecure, 0644);
  absl::StatusOr<std::string> token =
      TokenStore::AddToken(path_, "oakfield", v1::ROLE_TEACHER, "staff/7", {});
  EXPECT_EQ(token.status().code(), absl::StatusCode::kFailedPrecondition);
  EXPECT_EQ(Read(), insecure);

  const std::string malformed = "not a token line\n";
  Write(malformed);
  token = TokenStore::AddToken(path_, "oakfield", v1::ROLE_TEACHER, "staff/7", {});
  EXPECT_EQ(token.status().code(), absl::StatusCode::kInvalidArgument);
  EXPECT_THAT(std::string(token.status().message()), StartsWith(path_ + ":1: "));
  EXPECT_EQ(Read(), malformed);
}

TEST_F(TokenStoreTest, AddTokenValidatesItsArgumentsAndWritesNothingWhenTheyAreBad) {
  struct Case {
    std::string tenant;
    v1::Role role;
    std::string actor_id;
    std::vector<std::string> granted;
  };
  const std::vector<Case> cases = {
      {"", v1::ROLE_SENCO, "staff/1", {}},
      {std::string(65, 'a'), v1::ROLE_SENCO, "staff/1", {}},
      {"Oakfield", v1::ROLE_SENCO, "staff/1", {}},
      {"oak/field", v1::ROLE_SENCO, "staff/1", {}},
      {"..", v1::ROLE_SENCO, "staff/1", {}},
      {"oakfield", v1::ROLE_UNSPECIFIED, "staff/1", {}},
      {"oakfield", static_cast<v1::Role>(99), "staff/1", {}},
      {"oakfield", v1::ROLE_SENCO, "", {}},
      {"oakfield", v1::ROLE_SENCO, std::string(129, 'a'), {}},
      {"oakfield", v1::ROLE_SENCO, "staff\t1", {}},
      {"oakfield", v1::ROLE_SENCO, "staff/1\n", {}},
      {"oakfield", v1::ROLE_SENCO, "staff/1", {"elmwood"}},
      {"leeds-la", v1::ROLE_INSPECTOR, "ofsted/1", {"elm/wood"}},
      {"leeds-la", v1::ROLE_INSPECTOR, "ofsted/1", {"elmwood", "elmwood"}},
  };
  for (const Case& c : cases) {
    absl::StatusOr<std::string> token =
        TokenStore::AddToken(path_, c.tenant, c.role, c.actor_id, c.granted);
    EXPECT_EQ(token.status().code(), absl::StatusCode::kInvalidArgument)
        << c.tenant << " " << c.role << " " << absl::CEscape(c.actor_id);
  }
  EXPECT_TRUE(DirEntries().empty());
  EXPECT_TRUE(
      TokenStore::AddToken(path_, std::string(64, 'a'), v1::ROLE_SENCO, std::string(128, 'a'), {})
          .ok());
}

TEST(RoleNamesTest, EveryRoleRoundTripsThroughItsName) {
  const std::vector<std::pair<v1::Role, std::string>> roles = {
      {v1::ROLE_SENCO, "senco"},
      {v1::ROLE_TEACHER, "teacher"},
      {v1::ROLE_LEADER, "leader"},
      {v1::ROLE_GOVERNOR, "governor"},
      {v1::ROLE_LA_OFFICER, "la_officer"},
      {v1::ROLE_INSPECTOR, "inspector"},
      {v1::ROLE_FEED, "feed"},
      {v1::ROLE_ADMIN, "admin"},
  };
  ASSERT_EQ(roles.size(), static_cast<size_t>(v1::Role_MAX));
  for (const auto& [role, name] : roles) {
    EXPECT_EQ(RoleName(role), name);
    EXPECT_EQ(ParseRole(name), role) << name;
  }
  EXPECT_EQ(RoleName(v1::ROLE_UNSPECIFIED), "unspecified");
  EXPECT_EQ(RoleName(static_cast<v1::Role>(42)), "role(42)");
  for (const char* bad : {"", "unspecified", "SENCO", "Senco", "senco ", "la-officer", "root"}) {
    EXPECT_EQ(ParseRole(bad), std::nullopt) << bad;
  }
}

}  // namespace
}  // namespace endeavour::auth
