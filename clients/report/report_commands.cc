// `endeavour report`: history, self-evaluation and overview. Each fetches its view over gRPC (as
// of a point when asked), reads the Merkle tree head for the footer, renders the document
// (report.h) and writes it, through chromium or rsvg-convert for PDF and PNG (report_file.h).
#include <cstdint>
#include <cstdio>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "absl/strings/str_cat.h"
#include "absl/time/clock.h"
#include "clients/cli/as_of.h"
#include "clients/cli/cli.h"
#include "clients/report/as_of_flag.h"
#include "clients/report/report.h"
#include "clients/report/report_file.h"
#include "endeavour/v1/api.grpc.pb.h"

namespace endeavour::cli {
namespace {

constexpr char kAsOfHelp[] =
    "The record as of a point: a log position (120), what had happened by a date (2025-09-01), "
    "or what the record said at a time (2025-09-01T08:00:00Z)";
constexpr char kSchoolHelp[] =
    "Another school's records, for a role granted that school (la_officer, inspector)";

struct ReportFlags {
  std::string format = "html";
  std::string out;
  std::string as_of;
  std::string school;
  uint64_t wait_for = 0;
};

void AddReportFlags(CLI::App& sub, ReportFlags& flags, const std::vector<std::string>& formats,
                    const std::string& format_help) {
  sub.add_option("--format", flags.format, format_help)
      ->check(CLI::IsMember(formats))
      ->capture_default_str();
  sub.add_option("--out", flags.out,
                 "The file to write; default standard output (pdf and png need a file)");
  sub.add_option("--as-of", flags.as_of, kAsOfHelp);
  sub.add_option("--school", flags.school, kSchoolHelp);
  sub.add_option("--wait-for", flags.wait_for,
                 "Wait until the views hold this log position (a command's reply position)");
}

// A failure found here rather than by the server: the message names the flag or the file.
int ReportLocal(const std::string& what, const absl::Status& status) {
  std::fprintf(stderr, "endeavour: %s: %s\n", what.c_str(), std::string(status.message()).c_str());
  return status.code() == absl::StatusCode::kInvalidArgument ? kExitUsage : kExitFailed;
}

// What a report's fetch needs once its flags have been checked and the server reached.
struct ReportCall {
  std::string name;  // "report history", for messages
  std::optional<Connection> connection;
  v1::ViewOptions options;
  std::string as_of_text;
};

// Checks the flags and opens the connection; on failure says why, sets the exit code and returns
// nothing.
std::optional<ReportCall> Begin(const std::string& name, Globals& globals, const ReportFlags& flags,
                                bool needs_file) {
  ReportCall call;
  call.name = name;
  if (!flags.as_of.empty()) {
    absl::StatusOr<v1::AsOf> as_of = ParseAsOf(flags.as_of);
    if (!as_of.ok()) {
      globals.exit_code = ReportLocal(name, as_of.status());
      return std::nullopt;
    }
    *call.options.mutable_as_of() = *as_of;
  }
  call.options.set_wait_for_position(flags.wait_for);
  call.as_of_text = report::DescribeAsOf(call.options.as_of());
  if (needs_file && (flags.out.empty() || flags.out == "-")) {
    globals.exit_code =
        ReportLocal(name, absl::InvalidArgumentError(absl::StrCat(
                              "--out FILE is required with --format ", flags.format,
                              ": a binary document is not written to standard output")));
    return std::nullopt;
  }
  absl::StatusOr<Connection> connection = Connection::Open(globals);
  if (!connection.ok()) {
    globals.exit_code = ReportLocal(name, connection.status());
    return std::nullopt;
  }
  call.connection = *std::move(connection);
  return call;
}

// The footer's facts. The tree head is read after the view, so its tree holds every event the
// view was made from. A role that may not read it (a governor, a school leader) still gets its
// report, saying so; any other failure ends the command.
std::optional<report::Provenance> ReadProvenance(const ReportCall& call, Globals& globals) {
  report::Provenance provenance;
  provenance.as_of = call.as_of_text;
  provenance.made_at = absl::Now();
  v1::TreeHeadReply head;
  const grpc::Status status =
      v1::AuditService::NewStub(call.connection->channel())
          ->GetTreeHead(call.connection->NewContext().get(), v1::TreeHeadRequest(), &head);
  if (status.error_code() == grpc::StatusCode::PERMISSION_DENIED) {
    provenance.tree_head_note =
        "not read: this role may not read the tree head; a SENCO's copy of the report carries it.";
    return provenance;
  }
  if (!status.ok()) {
    globals.exit_code = ReportFailure(absl::StrCat(call.name, ": tree head"), status);
    return std::nullopt;
  }
  provenance.tree_size = head.tree_size();
  provenance.root_hash = head.root_hash();
  return provenance;
}

void Finish(const std::string& name, const absl::Status& written, Globals& globals) {
  if (!written.ok()) globals.exit_code = ReportLocal(name, written);
}

void AddHistory(CLI::App& report, Globals& globals) {
  CLI::App* sub = report.add_subcommand(
      "history",
      "The best-endeavours history of one pupil, cycle by cycle, as a tribunal panel reads it: "
      "needs and evidence, plans and outcomes, provision with time and cost, adjustments, "
      "advice, reviews, what was learnt; corrections beside what they correct, retractions "
      "struck through");
  auto flags = std::make_shared<ReportFlags>();
  auto pupil = std::make_shared<std::string>();
  sub->add_option("pupil", *pupil, "The school's identifier for the pupil")->required();
  AddReportFlags(*sub, *flags, {"html", "md", "pdf"},
                 "html (one self-contained file that prints to A4), md (Markdown) or pdf "
                 "(needs chromium: deploy/install-deps.sh --pdf)");
  sub->footer(
      "\nExamples:\n"
      "  $ endeavour report history adm-20417 --format pdf --out amelia-history.pdf\n"
      "  $ endeavour report history adm-20417 --as-of 2026-01-31 > amelia-january.html");
  sub->callback([flags, pupil, &globals] {
    const std::string name = "report history";
    std::optional<ReportCall> call = Begin(name, globals, *flags, flags->format == "pdf");
    if (!call) return;
    v1::PupilViewRequest request;
    request.set_pupil_id(*pupil);
    request.set_school(flags->school);
    *request.mutable_options() = call->options;
    v1::BestEndeavoursHistory history;
    const grpc::Status status =
        v1::QueryService::NewStub(call->connection->channel())
            ->GetHistory(call->connection->NewContext(absl::Seconds(60)).get(), request, &history);
    if (!status.ok()) {
      globals.exit_code = ReportFailure(name, status);
      return;
    }
    std::optional<report::Provenance> provenance = ReadProvenance(*call, globals);
    if (!provenance) return;
    const std::string document = report::RenderHistoryReport(
        history, *provenance,
        flags->format == "md" ? report::DocumentFormat::kMarkdown : report::DocumentFormat::kHtml);
    Finish(name,
           flags->format == "pdf" ? report::PrintHtmlToPdf(document, flags->out)
                                  : report::WriteReport(flags->out, document),
           globals);
  });
}

void AddSelfEvaluation(CLI::App& report, Globals& globals) {
  CLI::App* sub = report.add_subcommand(
      "self-evaluation",
      "The school's SEND self-evaluation as the tool's \"join the dots\" chart: each key "
      "statement's current rating and target on the 0-10 scale over the evidence bands, the "
      "averages round by round, and the gaps ranked, largest first");
  auto flags = std::make_shared<ReportFlags>();
  AddReportFlags(*sub, *flags, {"html", "svg", "png"},
                 "html (the chart with the gaps, averages, rounds and improvement plan as "
                 "tables), svg (the chart alone) or png (the chart as an image, via rsvg-convert)");
  sub->footer(
      "\nExamples:\n"
      "  $ endeavour report self-evaluation --format png --out self-evaluation.png\n"
      "  $ endeavour report self-evaluation --format svg --as-of 2025-12-31 > chart.svg");
  sub->callback([flags, &globals] {
    const std::string name = "report self-evaluation";
    std::optional<ReportCall> call = Begin(name, globals, *flags, flags->format == "png");
    if (!call) return;
    v1::SchoolViewRequest request;
    request.set_school(flags->school);
    *request.mutable_options() = call->options;
    v1::SelfEvaluationTrends trends;
    const grpc::Status status =
        v1::QueryService::NewStub(call->connection->channel())
            ->GetSelfEvaluationTrends(call->connection->NewContext(absl::Seconds(60)).get(),
                                      request, &trends);
    if (!status.ok()) {
      globals.exit_code = ReportFailure(name, status);
      return;
    }
    std::optional<report::Provenance> provenance = ReadProvenance(*call, globals);
    if (!provenance) return;
    absl::Status written;
    if (flags->format == "html") {
      written =
          report::WriteReport(flags->out, report::RenderSelfEvaluationReport(trends, *provenance));
    } else {
      const std::string chart = report::RenderSelfEvaluationChart(trends, *provenance);
      written = flags->format == "png" ? report::ConvertSvgToPng(chart, flags->out)
                                       : report::WriteReport(flags->out, chart);
    }
    Finish(name, written, globals);
  });
}

void AddOverview(CLI::App& report, Globals& globals) {
  CLI::App* sub = report.add_subcommand(
      "overview",
      "The school's SEND overview: the SEN register with census codes, reviews due and overdue, "
      "delivery against plan (planned against delivered minutes), and pupils whose reviews "
      "suggest escalation");
  auto flags = std::make_shared<ReportFlags>();
  auto due_within = std::make_shared<int>(14);
  AddReportFlags(*sub, *flags, {"html", "md"}, "html (prints to A4) or md (Markdown)");
  sub->add_option("--due-within", *due_within, "Reviews due within this many days count as due")
      ->check(CLI::Range(1, 366))
      ->capture_default_str();
  sub->footer(
      "\nExamples:\n"
      "  $ endeavour report overview --out overview.html\n"
      "  $ endeavour report overview --format md --due-within 28");
  sub->callback([flags, due_within, &globals] {
    const std::string name = "report overview";
    std::optional<ReportCall> call = Begin(name, globals, *flags, false);
    if (!call) return;
    v1::OverviewRequest request;
    request.set_school(flags->school);
    request.set_due_within_days(*due_within);
    *request.mutable_options() = call->options;
    v1::SchoolOverview overview;
    const grpc::Status status =
        v1::QueryService::NewStub(call->connection->channel())
            ->GetSchoolOverview(call->connection->NewContext(absl::Seconds(60)).get(), request,
                                &overview);
    if (!status.ok()) {
      globals.exit_code = ReportFailure(name, status);
      return;
    }
    std::optional<report::Provenance> provenance = ReadProvenance(*call, globals);
    if (!provenance) return;
    Finish(name,
           report::WriteReport(flags->out,
                               report::RenderOverviewReport(overview, *provenance,
                                                            flags->format == "md"
                                                                ? report::DocumentFormat::kMarkdown
                                                                : report::DocumentFormat::kHtml)),
           globals);
  });
}

}  // namespace

void AddReportCommands(CLI::App& app, Globals& globals) {
  CLI::App* report = app.add_subcommand(
      "report",
      "Documents made from the views: a pupil's best-endeavours history (html, md, pdf), the "
      "school's self-evaluation chart (html, svg, png), the school overview (html, md). Each "
      "ends with the log position it reflects and the Merkle tree head it can be checked "
      "against");
  report->group("Reports");
  report->require_subcommand(1);
  AddHistory(*report, globals);
  AddSelfEvaluation(*report, globals);
  AddOverview(*report, globals);
}

}  // namespace endeavour::cli
