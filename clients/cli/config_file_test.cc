#include "clients/cli/config_file.h"

#include "gtest/gtest.h"

namespace endeavour::cli {
namespace {

TEST(ConfigFileTest, ReadsKeyValueLinesSkippingCommentsAndQuotes) {
  absl::StatusOr<ClientConfig> config = ParseClientConfig(
      "# where my school's server is\n"
      "server = https://send.example.org:443   # TLS\n"
      "\n"
      "token=\"abc-DEF_123\"\n"
      "  ca_cert = /etc/endeavour/ca.pem  \n",
      "config");
  ASSERT_TRUE(config.ok()) << config.status();
  EXPECT_EQ(config->server, "https://send.example.org:443");
  EXPECT_EQ(config->token, "abc-DEF_123");
  EXPECT_EQ(config->ca_cert, "/etc/endeavour/ca.pem");
}

TEST(ConfigFileTest, AnUnknownKeyIsRefusedWithItsLine) {
  absl::StatusOr<ClientConfig> config = ParseClientConfig("server = a:1\nsevrer = b:2\n", "cfg");
  ASSERT_FALSE(config.ok());
  EXPECT_EQ(config.status().code(), absl::StatusCode::kInvalidArgument);
  EXPECT_NE(config.status().message().find("cfg:2"), absl::string_view::npos) << config.status();
  EXPECT_NE(config.status().message().find("sevrer"), absl::string_view::npos) << config.status();
}

TEST(ConfigFileTest, ALineWithoutEqualsIsRefused) {
  absl::StatusOr<ClientConfig> config = ParseClientConfig("server a:1\n", "cfg");
  ASSERT_FALSE(config.ok());
  EXPECT_NE(config.status().message().find("cfg:1"), absl::string_view::npos) << config.status();
}

TEST(ConfigFileTest, TheFlagWinsOverTheDefaultLocation) {
  EXPECT_EQ(LocateClientConfig("/tmp/x.conf").path, "/tmp/x.conf");
  EXPECT_TRUE(LocateClientConfig("/tmp/x.conf").named);
}

TEST(ConfigFileTest, AMissingDefaultFileIsEmptyButAMissingNamedFileIsAnError) {
  absl::StatusOr<ClientConfig> absent = LoadClientConfig({"/nonexistent/endeavour/config", false});
  ASSERT_TRUE(absent.ok()) << absent.status();
  EXPECT_TRUE(absent->server.empty());
  absl::StatusOr<ClientConfig> named = LoadClientConfig({"/nonexistent/endeavour/config", true});
  ASSERT_FALSE(named.ok());
  EXPECT_NE(named.status().message().find("/nonexistent/endeavour/config"),
            absl::string_view::npos);
}

}  // namespace
}  // namespace endeavour::cli
