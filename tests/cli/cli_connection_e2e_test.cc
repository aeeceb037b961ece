// Where the CLI finds its server and token: flags, else ENDEAVOUR_SERVER / ENDEAVOUR_TOKEN, else
// the config file (--config, else $ENDEAVOUR_CONFIG, else ~/.config/endeavour/config); and TLS
// when the address says https:// or tls://, trusting --ca-cert (or the config's ca_cert).
#include <filesystem>
#include <map>
#include <string>

#include "absl/strings/match.h"
#include "gtest/gtest.h"
#include "tests/cli/cli_fixture.h"

namespace endeavour::testing {
namespace {

using CliConnectionTest = CliEndToEndTest;

constexpr char kBadToken[] = "not-a-token-anyone-issued";

// tree-head as JSON: a read every SENCO may make; exit code 0 means the call got through.
const std::vector<std::string> kRead = {"tree-head", "-o", "json"};

std::vector<std::string> With(std::vector<std::string> front) {
  front.insert(front.end(), kRead.begin(), kRead.end());
  return front;
}

TEST_F(CliConnectionTest, TheEnvironmentGivesServerAndToken) {
  CliResult result =
      cli_.Run(kRead, {{"ENDEAVOUR_SERVER", server_.address()}, {"ENDEAVOUR_TOKEN", senco_}});
  EXPECT_EQ(result.exit_code, 0) << result.err;
  EXPECT_EQ(Parse<v1::TreeHeadReply>(result.out).tree_size(), 0u);
}

TEST_F(CliConnectionTest, FlagsWinOverTheEnvironment) {
  const std::map<std::string, std::string> wrong = {{"ENDEAVOUR_SERVER", "127.0.0.1:1"},
                                                    {"ENDEAVOUR_TOKEN", kBadToken}};
  EXPECT_EQ(cli_.Run(With({"--server", server_.address(), "--token", senco_}), wrong).exit_code, 0);
  // Each setting on its own: the flag's server with the environment's (bad) token is refused.
  EXPECT_EQ(cli_.Run(With({"--server", server_.address()}), wrong).exit_code, 4);
}

TEST_F(CliConnectionTest, TheConfigFileNamedByFlagOrEnvironment) {
  const std::string config =
      File("endeavour.conf", "# school-1's server\nserver = " + server_.address() +
                                 "\ntoken = " + senco_ + "   # the SENCO's\n");
  EXPECT_EQ(cli_.Run(With({"--config", config})).exit_code, 0);
  EXPECT_EQ(cli_.Run(kRead, {{"ENDEAVOUR_CONFIG", config}}).exit_code, 0);
  // The environment wins over the file, setting by setting.
  EXPECT_EQ(
      cli_.Run(kRead, {{"ENDEAVOUR_CONFIG", config}, {"ENDEAVOUR_TOKEN", kBadToken}}).exit_code, 4);
}

TEST_F(CliConnectionTest, TheDefaultConfigFileInHome) {
  std::filesystem::create_directories(cli_.home() + "/.config/endeavour");
  ASSERT_TRUE(WriteFile(cli_.home() + "/.config/endeavour/config",
                        "server = " + server_.address() + "\ntoken = " + senco_ + "\n"));
  EXPECT_EQ(cli_.Run(kRead).exit_code, 0);
}

TEST_F(CliConnectionTest, ABadConfigFileIsNamedWithItsLine) {
  const std::string config = File("bad.conf", "server = 127.0.0.1:1\nsevrer = x\n");
  CliResult result = cli_.Run(With({"--config", config}));
  EXPECT_EQ(result.exit_code, 2) << result.err;
  EXPECT_TRUE(absl::StrContains(result.err, "bad.conf:2: unknown key \"sevrer\"")) << result.err;
  CliResult missing = cli_.Run(With({"--config", dir_.path() + "/nowhere.conf"}));
  EXPECT_EQ(missing.exit_code, 1) << missing.err;
  EXPECT_TRUE(absl::StrContains(missing.err, "nowhere.conf")) << missing.err;
}

// A server with a self-signed certificate for 127.0.0.1 and localhost, made by openssl.
TEST_F(CliConnectionTest, TlsWhenTheAddressAsksForItTrustingTheCaCert) {
  const std::string cert = dir_.path() + "/cert.pem";
  const std::string key = dir_.path() + "/key.pem";
  Output made =
      RunToCompletion("/usr/bin/openssl",
                      {"req", "-x509", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:prime256v1",
                       "-nodes", "-days", "2", "-subj", "/CN=localhost", "-addext",
                       "subjectAltName=IP:127.0.0.1,DNS:localhost", "-keyout", key, "-out", cert});
  ASSERT_EQ(made.exit_code, 0) << "openssl could not make a certificate";
  ServerProcess tls;
  ASSERT_TRUE(tls.Start(ENDEAVOURD, {"--data", dir_.path() + "/tls-data", "--tokens", tokens_,
                                     "--tls-cert", cert, "--tls-key", key}));
  const std::string port = tls.address().substr(tls.address().find(':') + 1);
  CliResult https = cli_.Run(
      With({"--server", "https://" + tls.address(), "--token", senco_, "--ca-cert", cert}));
  EXPECT_EQ(https.exit_code, 0) << https.err;
  const std::string config =
      File("tls.conf", "server = tls://localhost:" + port + "\ntoken = " + senco_ +
                           "\nca_cert = " + cert + "\n");
  CliResult from_config = cli_.Run(With({"--config", config}));
  EXPECT_EQ(from_config.exit_code, 0) << from_config.err;
  // Plaintext to a TLS server, or TLS without trusting its certificate, does not connect.
  EXPECT_EQ(cli_.Run(With({"--server", tls.address(), "--token", senco_})).exit_code, 6);
  EXPECT_EQ(cli_.Run(With({"--server", "https://" + tls.address(), "--token", senco_})).exit_code,
            6);
  CliResult no_ca = cli_.Run(With({"--server", "https://" + tls.address(), "--token", senco_,
                                   "--ca-cert", dir_.path() + "/none.pem"}));
  EXPECT_EQ(no_ca.exit_code, 1) << no_ca.err;
  EXPECT_TRUE(absl::StrContains(no_ca.err, "--ca-cert")) << no_ca.err;
}

}  // namespace
}  // namespace endeavour::testing
