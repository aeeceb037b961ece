// The query subcommands: the four views (plan, history, self-evaluation, overview) and the audit
// reads (access-log, tree-head, verify).
#include <cstdint>
#include <functional>
#include <iostream>
#include <memory>
#include <string>

#include "absl/strings/escaping.h"
#include "absl/strings/str_cat.h"
#include "clients/cli/as_of.h"
#include "clients/cli/enum_names.h"
#include "clients/cli/field_values.h"
#include "clients/cli/json_text.h"
#include "clients/cli/local_failure.h"
#include "clients/cli/record_commands.h"
#include "clients/cli/table.h"
#include "clients/cli/view_tables.h"
#include "endeavour/v1/api.grpc.pb.h"

namespace endeavour::cli {
namespace {

constexpr char kViews[] = "Views";
constexpr char kAudit[] = "Audit";

struct ViewFlags {
  std::string as_of;
  std::string today;
  std::string school;
  uint64_t wait_for = 0;
};

void AddViewFlags(CLI::App& sub, ViewFlags& flags) {
  sub.add_option("--as-of", flags.as_of,
                 "The view as of a point: a log position (42), an occurred-on date (2026-09-01) "
                 "or a recorded-at time (2026-09-01T12:00:00Z)")
      ->type_name("POINT");
  sub.add_option("--wait-for", flags.wait_for,
                 "Wait (up to 10 s) until the views hold this log position (a command's reply "
                 "position)")
      ->type_name("POSITION");
  sub.add_option("--today", flags.today,
                 "The day date-dependent figures are reckoned to (default: the as-of date, or "
                 "today)")
      ->type_name("YYYY-MM-DD");
  sub.add_option("--school", flags.school,
                 "Another school's records, for a role granted that school (la_officer, "
                 "inspector)")
      ->type_name("SCHOOL");
}

absl::StatusOr<v1::ViewOptions> OptionsFrom(const ViewFlags& flags) {
  v1::ViewOptions options;
  if (!flags.as_of.empty()) {
    absl::StatusOr<v1::AsOf> as_of = ParseAsOf(flags.as_of);
    if (!as_of.ok()) return as_of.status();
    *options.mutable_as_of() = *as_of;
  }
  if (!flags.today.empty()) {
    absl::StatusOr<v1::Date> today = ParseDate(flags.today);
    if (!today.ok()) {
      return absl::InvalidArgumentError(absl::StrCat("--today: ", today.status().message()));
    }
    *options.mutable_today() = *today;
  }
  options.set_wait_for_position(flags.wait_for);
  // The server's default wait (2 s) is short for a person at a busy school's terminal.
  if (flags.wait_for > 0) options.set_wait_timeout_ms(10000);
  return options;
}

// Opens the connection, makes the call, prints the reply as a table or JSON, and sets the exit
// code.
template <typename Reply>
void RunQuery(
    const std::string& name, Globals& globals, absl::Duration timeout,
    const std::function<grpc::Status(const Connection&, grpc::ClientContext*, Reply*)>& call,
    const std::function<std::string(const Reply&)>& render) {
  absl::StatusOr<Connection> connection = Connection::Open(globals);
  if (!connection.ok()) {
    globals.exit_code = ReportLocalFailure(name, connection.status());
    return;
  }
  std::unique_ptr<grpc::ClientContext> context = connection->NewContext(timeout);
  Reply reply;
  const grpc::Status status = call(*connection, context.get(), &reply);
  if (!status.ok()) {
    globals.exit_code = ReportFailure(name, status);
    return;
  }
  std::cout << (globals.output == OutputFormat::kJson ? MessageToJson(reply) : render(reply));
}

// A view of one pupil (plan, history) or of the school (self-evaluation, overview).
template <typename Request, typename Reply>
void AddView(CLI::App& app, Globals& globals, const std::string& name,
             const std::string& description, const std::string& example, bool per_pupil,
             grpc::Status (v1::QueryService::Stub::*rpc)(grpc::ClientContext*, const Request&,
                                                         Reply*),
             std::string (*render)(const Reply&),
             const std::function<void(CLI::App&, Request&)>& extra_flags = nullptr) {
  CLI::App* sub = app.add_subcommand(name, description);
  sub->group(kViews);
  auto flags = std::make_shared<ViewFlags>();
  auto request = std::make_shared<Request>();
  auto pupil = std::make_shared<std::string>();
  if (per_pupil) {
    sub->add_option("pupil", *pupil, "The school's identifier for the pupil")
        ->type_name("ID")
        ->required();
  }
  AddViewFlags(*sub, *flags);
  if (extra_flags) extra_flags(*sub, *request);
  sub->footer(absl::StrCat("\nExample:\n  $ ", example, "\n"));
  sub->callback([=, &globals] {
    absl::StatusOr<v1::ViewOptions> options = OptionsFrom(*flags);
    if (!options.ok()) {
      globals.exit_code = ReportLocalFailure(name, options.status());
      return;
    }
    *request->mutable_options() = *options;
    request->set_school(flags->school);
    if constexpr (std::is_same_v<Request, v1::PupilViewRequest>) request->set_pupil_id(*pupil);
    RunQuery<Reply>(
        name, globals, absl::Seconds(60),
        [&](const Connection& c, grpc::ClientContext* context, Reply* reply) {
          return (v1::QueryService::NewStub(c.channel()).get()->*rpc)(context, *request, reply);
        },
        render);
  });
}

std::string RenderAccessLog(const v1::AccessLogReply& reply) {
  Table table({"read at", "reader", "role", "pupil", "view", "as of"});
  for (const v1::RecordRead& r : reply.entries()) {
    table.AddRow({FormatTime(r.read_at()), r.reader().id(), Label(r.reader().role()), r.pupil_id(),
                  r.view(), r.as_of().empty() ? "-" : r.as_of()});
  }
  std::string out = table.empty() ? "No reads recorded.\n" : table.Render();
  if (reply.next_version() != 0) {
    absl::StrAppend(&out, "More: endeavour access-log --from ", reply.next_version(), "\n");
  }
  return out;
}

std::string RenderTreeHead(const v1::TreeHeadReply& reply) {
  Fields fields;
  fields.Add("tree size", std::to_string(reply.tree_size()));
  fields.Add("root hash", absl::BytesToHexString(reply.root_hash()));
  return fields.Render();
}

std::string RenderVerify(const v1::VerifyReply& reply) {
  Fields fields;
  fields.Add("tree size", std::to_string(reply.tree_size()));
  fields.Add("root hash", absl::BytesToHexString(reply.root_hash()));
  fields.Add("verified", reply.verified() ? "yes: every leaf and the root recomputed" : "no");
  return fields.Render();
}

void AddAuditCommands(CLI::App& app, Globals& globals) {
  CLI::App* log = app.add_subcommand("access-log", "Who read which pupil's record, and when");
  log->group(kAudit);
  auto request = std::make_shared<v1::AccessLogRequest>();
  log->add_option_function<uint64_t>(
      "--from", [request](uint64_t v) { request->set_from_version(v); },
      "From this entry of the school's access log (1 for the first)");
  log->add_option_function<uint32_t>(
      "--max", [request](uint32_t v) { request->set_max_count(v); },
      "At most this many entries (default 100, at most 1000)");
  log->footer("\nExample:\n  $ endeavour access-log --from 1 --max 50\n");
  log->callback([request, &globals] {
    RunQuery<v1::AccessLogReply>(
        "access-log", globals, absl::Seconds(30),
        [&](const Connection& c, grpc::ClientContext* context, v1::AccessLogReply* reply) {
          return v1::AuditService::NewStub(c.channel())->ReadAccessLog(context, *request, reply);
        },
        RenderAccessLog);
  });
  CLI::App* head = app.add_subcommand("tree-head", "The Merkle log's size and root hash");
  head->group(kAudit);
  head->footer("\nExample:\n  $ endeavour tree-head -o json\n");
  head->callback([&globals] {
    RunQuery<v1::TreeHeadReply>(
        "tree-head", globals, absl::Seconds(30),
        [](const Connection& c, grpc::ClientContext* context, v1::TreeHeadReply* reply) {
          return v1::AuditService::NewStub(c.channel())
              ->GetTreeHead(context, v1::TreeHeadRequest(), reply);
        },
        RenderTreeHead);
  });
  CLI::App* verify =
      app.add_subcommand("verify", "Recompute every leaf and the root of the Merkle log (admin)");
  verify->group(kAudit);
  verify->footer("\nExample:\n  $ endeavour verify --token \"$ADMIN_TOKEN\"\n");
  verify->callback([&globals] {
    // It reads every event of the log: allow it time.
    RunQuery<v1::VerifyReply>(
        "verify", globals, absl::Minutes(30),
        [](const Connection& c, grpc::ClientContext* context, v1::VerifyReply* reply) {
          return v1::AuditService::NewStub(c.channel())
              ->Verify(context, v1::VerifyRequest(), reply);
        },
        RenderVerify);
  });
}

}  // namespace

void AddQuerySubcommands(CLI::App& app, Globals& globals) {
  AddView<v1::PupilViewRequest, v1::CurrentPlan>(
      app, globals, "plan",
      "A pupil's active plan: needs, outcomes, provision, delivery so far, next review",
      "endeavour plan adm-20417 --as-of 2025-11-01", true, &v1::QueryService::Stub::GetCurrentPlan,
      RenderCurrentPlan);
  AddView<v1::PupilViewRequest, v1::BestEndeavoursHistory>(
      app, globals, "history",
      "A pupil's best-endeavours history, cycle by cycle, corrections shown in place",
      "endeavour history adm-20417 -o json > amelia-history.json", true,
      &v1::QueryService::Stub::GetHistory, RenderHistory);
  AddView<v1::SchoolViewRequest, v1::SelfEvaluationTrends>(
      app, globals, "self-evaluation",
      "The school's SEND self-evaluation: ratings, gaps, rounds, improvement actions",
      "endeavour self-evaluation --as-of 2026-09-01", false,
      &v1::QueryService::Stub::GetSelfEvaluationTrends, RenderTrends);
  AddView<v1::OverviewRequest, v1::SchoolOverview>(
      app, globals, "overview",
      "The school's SEN register, reviews due and overdue, delivery against plan",
      "endeavour overview --due-within-days 28", false, &v1::QueryService::Stub::GetSchoolOverview,
      RenderOverview, [](CLI::App& sub, v1::OverviewRequest& request) {
        sub.add_option_function<int32_t>(
               "--due-within-days", [&request](int32_t days) { request.set_due_within_days(days); },
               "Reviews due within this many days count as due (default 14, at most 366)")
            ->check(CLI::Range(1, 366));
      });
  AddAuditCommands(app, globals);
}

}  // namespace endeavour::cli
