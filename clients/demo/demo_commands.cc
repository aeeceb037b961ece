// `endeavour demo seed`: fills a running endeavourd with the demo school (demo_school.h), so a
// newcomer sees real plans, histories and overviews at once.
#include <cstdio>
#include <iostream>
#include <memory>
#include <string>
#include <utility>
#include <vector>

#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_format.h"
#include "absl/strings/str_split.h"
#include "absl/time/civil_time.h"
#include "absl/time/clock.h"
#include "absl/time/time.h"
#include "clients/cli/cli.h"
#include "clients/cli/local_failure.h"
#include "clients/demo/demo_school.h"
#include "clients/demo/demo_seeder.h"
#include "services/domain/dates.h"

namespace endeavour::cli {
namespace {

constexpr char kWhat[] = "demo seed";
constexpr int64_t kProgressEvery = 500;

struct SeedFlags {
  uint64_t seed = 1;
  int pupils = 300;
  int sen = 60;
  std::string start_date = "2024-09-02";
  int parallel = 8;
};

absl::StatusOr<v1::Date> ParseDate(const std::string& text) {
  std::vector<std::string> parts = absl::StrSplit(text, '-');
  v1::Date date;
  int year = 0, month = 0, day = 0;
  if (parts.size() == 3 && absl::SimpleAtoi(parts[0], &year) &&
      absl::SimpleAtoi(parts[1], &month) && absl::SimpleAtoi(parts[2], &day)) {
    date.set_year(year);
    date.set_month(month);
    date.set_day(day);
  }
  if (!domain::IsRealDate(date)) {
    return absl::InvalidArgumentError(
        absl::StrCat("--start-date: \"", text, "\" is not a date written YYYY-MM-DD"));
  }
  return date;
}

// A pupil with a full history, to show in "try next".
std::string ExamplePupil(const demo::DemoSchool& school) {
  const demo::DemoPupil* best = &school.pupils.front();
  for (const demo::DemoPupil& pupil : school.pupils) {
    if (pupil.requests.size() > best->requests.size()) best = &pupil;
  }
  return best->pupil_id;
}

void PrintSummary(const demo::DemoSchool& school, const demo::SeedCounts& counts,
                  OutputFormat output) {
  const demo::DemoShape& shape = school.shape;
  const std::string start = domain::FormatDate(school.options.start);
  const std::string end = domain::FormatDate(school.end);
  if (output == OutputFormat::kJson) {
    std::cout << absl::StrCat(
        "{\"seed\": \"", school.options.seed, "\", \"start\": \"", start, "\", \"end\": \"", end,
        "\", \"pupils\": ", shape.on_roll, ", \"onRegister\": ", shape.on_register,
        ", \"senSupport\": ", shape.sen_support, ", \"ehcPlan\": ", shape.ehc_plan,
        ", \"cameOffRegister\": ", shape.came_off_register,
        ", \"commandsSent\": ", counts.commands_sent,
        ", \"eventsRecorded\": ", counts.events_recorded, ", \"lastPosition\": \"",
        counts.last_position, "\"}\n");
    return;
  }
  const std::string pupil = ExamplePupil(school);
  std::cout << absl::StrCat(
      "Demo school seeded (seed ", school.options.seed, ", ", start, " to ", end, ")\n",
      "  pupils on roll      ", shape.on_roll, "\n", "  SEN register        ", shape.on_register,
      " (", shape.sen_support, " SEN support, ", shape.ehc_plan, " EHC plan); ",
      shape.came_off_register, " more came off it\n", "  commands sent       ",
      counts.commands_sent, "\n", "  events recorded     ", counts.events_recorded,
      counts.events_recorded == 0 ? " (the school was there already)" : "", "\n",
      "  last log position   ", counts.last_position, "\n\nTry next:\n");
  const std::pair<std::string, std::string> next[] = {
      {"endeavour overview", "the SEN register, reviews due, delivery against plan"},
      {"endeavour plan " + pupil, "a pupil's current plan"},
      {"endeavour history " + pupil, "their best-endeavours history, cycle by cycle"},
      {"endeavour self-evaluation", "the school's ratings, gaps and improvement actions"}};
  for (const auto& [command, what] : next) {
    std::cout << absl::StrFormat("  %-32s %s\n", command, what);
  }
}

// Each command carries its own day, so a history running past today is accepted; say so, as the
// views of today leave out whatever is dated later.
void NoteIfAfterToday(const demo::DemoSchool& school) {
  const absl::CivilDay today = absl::ToCivilDay(absl::Now(), absl::LocalTimeZone());
  if (absl::CivilDay(school.end.year(), school.end.month(), school.end.day()) <= today) return;
  std::fprintf(stderr,
               "endeavour: demo seed: note: the history runs to %s, after today; views of today "
               "leave out what is dated later\n",
               domain::FormatDate(school.end).c_str());
}

// The server's refusal, with the likely cause of a conflict: the same ids, other content.
int ReportSeedFailure(const absl::Status& status) {
  std::string message(status.message());
  if (status.code() == absl::StatusCode::kAlreadyExists) {
    absl::StrAppend(&message,
                    " (was this server seeded with other --pupils, --sen or --start-date, or by "
                    "another version of endeavour? Use the same ones, another --seed, or an "
                    "empty data folder)");
  }
  // gRPC's codes are the canonical codes absl uses.
  return ReportFailure(kWhat, grpc::Status(static_cast<grpc::StatusCode>(status.code()), message));
}

int RunSeed(const SeedFlags& flags, const Globals& globals) {
  demo::DemoOptions options;
  options.seed = flags.seed;
  options.pupils = flags.pupils;
  options.sen = flags.sen;
  absl::StatusOr<v1::Date> start = ParseDate(flags.start_date);
  if (!start.ok()) return ReportLocalFailure(kWhat, start.status());
  options.start = *start;
  absl::StatusOr<demo::DemoSchool> school = demo::GenerateDemoSchool(options);
  if (!school.ok()) return ReportLocalFailure(kWhat, school.status());
  absl::StatusOr<Connection> connection = Connection::Open(globals);
  if (!connection.ok()) return ReportLocalFailure(kWhat, connection.status());
  const int64_t total = static_cast<int64_t>(school->CommandCount());
  std::fprintf(stderr,
               "endeavour: demo seed: %d pupils (%d on the SEN register), %lld commands to %s, "
               "%d pupils at a time\n",
               school->shape.on_roll, school->shape.on_register, static_cast<long long>(total),
               connection->server().c_str(), flags.parallel);
  NoteIfAfterToday(*school);
  const absl::Time began = absl::Now();
  absl::StatusOr<demo::SeedCounts> counts = demo::SeedDemoSchool(
      *school, connection->channel(),
      [&connection] { return connection->NewContext(absl::Seconds(30)); }, flags.parallel,
      kProgressEvery,
      [began](int64_t sent, int64_t all) {
        std::fprintf(stderr, "endeavour: demo seed: %lld of %lld commands sent (%.0f s)\n",
                     static_cast<long long>(sent), static_cast<long long>(all),
                     absl::ToDoubleSeconds(absl::Now() - began));
      });
  if (!counts.ok()) return ReportSeedFailure(counts.status());
  // The views fold the log in the background: wait for them, so what is tried next shows it all.
  if (absl::Status views = demo::WaitForViews(
          connection->channel(),
          [&connection] { return connection->NewContext(absl::Seconds(40)); },
          counts->last_position);
      !views.ok()) {
    std::fprintf(stderr, "endeavour: demo seed: note: the views have not caught up yet (%s)\n",
                 std::string(views.message()).c_str());
  }
  PrintSummary(*school, *counts, globals.output);
  return kExitOk;
}

}  // namespace

void AddDemoCommands(CLI::App& app, Globals& globals) {
  CLI::App* demo = app.add_subcommand("demo", "The demo school: a realistic, fictional school");
  demo->group("Demo");
  demo->require_subcommand(1);
  auto flags = std::make_shared<SeedFlags>();
  CLI::App* seed = demo->add_subcommand(
      "seed", "Fill the server with the demo school: 300 pupils, two years of SEN records");
  seed->add_option("--seed", flags->seed, "Which demo school (every seed gives another)")
      ->capture_default_str();
  seed->add_option("--pupils", flags->pupils, "Pupils on roll")
      ->check(CLI::Range(1, 20000))
      ->capture_default_str();
  seed->add_option("--sen", flags->sen,
                   "Pupils on the SEN register at the end (a few more came off it)")
      ->check(CLI::NonNegativeNumber)
      ->capture_default_str();
  seed->add_option("--start-date", flags->start_date,
                   "YYYY-MM-DD: the record's first day; the history runs 800 days from it")
      ->capture_default_str();
  seed->add_option("--parallel", flags->parallel, "Pupils seeded at the same time")
      ->check(CLI::Range(1, 64))
      ->capture_default_str();
  seed->footer(
      "\nThe demo school is fictional: about 60 pupils on the SEN register across the four "
      "areas\nof need with one to four Assess-Plan-Do-Review cycles each (sessions, adjustments, "
      "reviews\nwith every kind of decision, specialist advice, EHC needs assessment requests), "
      "corrections\nand retractions, a transfer in, and two rounds of the self-evaluation. The "
      "same --seed gives\nthe same commands and command ids, so seeding again records nothing "
      "new.\n"
      "\nExample (with the token deploy/run.sh made):\n"
      "  $ export ENDEAVOUR_SERVER=127.0.0.1:50051 ENDEAVOUR_TOKEN=$(cat data/dev-token)\n"
      "  $ endeavour demo seed --parallel 4\n"
      "A SENCO's token is needed (pupil records and the self-evaluation). Progress goes to\n"
      "standard error every 500 commands, the summary to standard output.");
  seed->callback([flags, &globals] { globals.exit_code = RunSeed(*flags, globals); });
}

}  // namespace endeavour::cli
