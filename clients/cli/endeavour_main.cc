// endeavour: the command-line client of endeavourd. Global flags say where the server is and who
// is calling; each subcommand group (records and queries, reports, the demo school) adds its
// subcommands; the one that runs sets the exit code.
#include <cstdio>
#include <string>

#include "clients/cli/cli.h"

namespace {

constexpr char kFooter[] = R"(
Connection: --server, --token and --ca-cert, else the environment (ENDEAVOUR_SERVER,
ENDEAVOUR_TOKEN), else the config file (--config, else $ENDEAVOUR_CONFIG, else
~/.config/endeavour/config), one `key = value` per line, '#' starts a comment:
    server = school.example.org:50051    # https://HOST:PORT or tls://HOST:PORT for TLS
    token = <the bearer token endeavourd token add printed>
    ca_cert = /etc/endeavour/ca.pem      # for TLS; default: the system's roots
Keep that file mode 0600: it holds your token.

Exit codes: 0 ok, 1 failed, 2 usage (bad flags, no server or token), 3 not found, 4 refused
(token or role), 5 conflict (command id reused, concurrent change), 6 server unavailable,
7 rejected (the record's rules; the message names the field and the rule), 8 an evidence
pack that does not verify (verify-pack).

Run `endeavour SUBCOMMAND --help` for a subcommand's flags and an example.
)";

}  // namespace

int main(int argc, char** argv) {
  using endeavour::cli::Globals;
  using endeavour::cli::OutputFormat;
  Globals globals;
  CLI::App app(
      "endeavour: the SEND graduated approach's evidence ledger, from the command line. Record "
      "what the school does for a pupil (Assess, Plan, Do, Review), read plans, histories and "
      "the school's views, follow the event feed.",
      "endeavour");
  app.add_option("--server", globals.server, "endeavourd's HOST:PORT (https:// for TLS)")
      ->group("Connection");
  app.add_option("--token", globals.token, "Bearer token")->group("Connection");
  app.add_option("--ca-cert", globals.ca_cert,
                 "PEM file of the CA to trust, for an https:// or tls:// server")
      ->group("Connection");
  app.add_option("--config", globals.config_path, "Config file (see below)")->group("Connection");
  app.add_option_function<std::string>(
         "-o,--output",
         [&globals](const std::string& format) {
           globals.output = format == "json" ? OutputFormat::kJson : OutputFormat::kTable;
         },
         "table (for people, the default) or json (protobuf's JSON mapping, for scripts)")
      ->check(CLI::IsMember({"table", "json"}))
      ->group("Output");
  // Global flags may come after the subcommand too: `endeavour plan adm-20417 -o json`.
  app.fallthrough();
  app.require_subcommand(1);
  app.footer(kFooter);
  endeavour::cli::AddRecordCommands(app, globals);
  endeavour::cli::AddReportCommands(app, globals);
  endeavour::cli::AddDemoCommands(app, globals);
  endeavour::cli::AddEvidenceCommands(app, globals);
  try {
    app.parse(argc, argv);
  } catch (const CLI::ParseError& e) {
    // A mistyped subcommand is left over as an argument, and CLI11 would only say that one is
    // required: name the word instead.
    if (app.get_subcommands().empty() && !app.remaining().empty() &&
        dynamic_cast<const CLI::RequiredError*>(&e) != nullptr) {
      std::fprintf(stderr, "endeavour: unknown subcommand \"%s\" (endeavour --help lists them)\n",
                   app.remaining().front().c_str());
      return endeavour::cli::kExitUsage;
    }
    // --help and --version are "errors" with exit code 0; every other one is a usage error.
    const int code = app.exit(e);
    return code == 0 ? 0 : endeavour::cli::kExitUsage;
  }
  return globals.exit_code;
}
