// The command subcommands, one per RPC of the command services, made from the descriptors.
#include <iostream>
#include <memory>
#include <string>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "absl/strings/str_split.h"
#include "clients/cli/command_examples.h"
#include "clients/cli/command_request.h"
#include "clients/cli/field_values.h"
#include "clients/cli/generic_call.h"
#include "clients/cli/json_text.h"
#include "clients/cli/local_failure.h"
#include "clients/cli/record_commands.h"
#include "clients/cli/table.h"
#include "endeavour/v1/api.pb.h"
#include "google/protobuf/descriptor.h"

namespace endeavour::cli {
namespace {

namespace pb = google::protobuf;

struct CommandState {
  CommandInput input;
  bool dry_run = false;
};

std::string GroupOf(const pb::ServiceDescriptor& service) {
  if (service.name() == "PupilRecordService") return "Pupil record commands";
  if (service.name() == "SelfEvaluationService") return "Self-evaluation commands";
  return absl::StrCat(service.name(), " commands");
}

// `text` broken after ", " to fit 100 columns from column 36, where FieldsHelp puts it.
std::string Wrapped(const std::string& text) {
  constexpr size_t kWidth = 100 - 36;
  std::string out;
  size_t line = 0;
  for (absl::string_view word : absl::StrSplit(text, ", ")) {
    if (line > 0 && line + 2 + word.size() > kWidth) {
      out += ",\n" + std::string(36, ' ');
      line = 0;
    } else if (line > 0) {
      out += ", ";
      line += 2;
    }
    out += std::string(word);
    line += word.size();
  }
  return out;
}

// What can be set in the command, one line per field of the fact it carries, so that `--help`
// answers "what is the path of ...?".
std::string FieldsHelp(const pb::Descriptor& command) {
  std::string text = "Fields (--set PATH=VALUE, or keys in --file):\n";
  for (int i = 0; i < command.field_count(); ++i) {
    const pb::FieldDescriptor& fact = *command.field(i);
    if (fact.cpp_type() != pb::FieldDescriptor::CPPTYPE_MESSAGE) continue;
    for (int j = 0; j < fact.message_type()->field_count(); ++j) {
      const pb::FieldDescriptor& field = *fact.message_type()->field(j);
      std::string path = absl::StrCat(fact.name(), ".", field.name());
      std::string type;
      const bool nested = field.cpp_type() == pb::FieldDescriptor::CPPTYPE_MESSAGE &&
                          !IsScalarMessage(*field.message_type());
      if (nested) {
        std::vector<std::string> names;
        for (int k = 0; k < field.message_type()->field_count(); ++k) {
          names.push_back(field.message_type()->field(k)->name());
        }
        type = absl::StrCat("{", absl::StrJoin(names, ", "), "}");
      } else {
        type = DescribeFieldType(field);
      }
      if (field.is_repeated()) {
        path += "[N]";
        type = absl::StrCat("list of ", type);
      }
      absl::StrAppend(&text, "  ", path, std::string(path.size() < 34 ? 34 - path.size() : 1, ' '),
                      Wrapped(type), "\n");
    }
  }
  return text;
}

void PrintReply(const pb::Message& reply, const std::string& command_id, bool generated_id,
                const Globals& globals) {
  if (globals.output == OutputFormat::kJson) {
    if (generated_id) std::cerr << "endeavour: command id " << command_id << "\n";
    std::cout << MessageToJson(reply);
    return;
  }
  const auto* command_reply = dynamic_cast<const v1::CommandReply*>(&reply);
  if (command_reply == nullptr) {
    std::cout << MessageToJson(reply);
    return;
  }
  Fields fields;
  fields.Add("command id", command_id);
  fields.Add("stream version", std::to_string(command_reply->stream_version()));
  fields.Add("position", std::to_string(command_reply->position()));
  fields.Add("event ids", command_reply->event_ids().empty()
                              ? "(none: this command had already been carried out)"
                              : absl::StrJoin(command_reply->event_ids(), ", "));
  std::cout << fields.Render();
}

void RunCommand(const pb::MethodDescriptor& method, const std::string& name,
                const CommandState& state, Globals& globals) {
  absl::StatusOr<std::unique_ptr<pb::Message>> request = BuildCommandRequest(method, state.input);
  if (!request.ok()) {
    globals.exit_code = ReportLocalFailure(name, request.status());
    return;
  }
  if (state.dry_run) {
    std::cout << MessageToJson(**request);
    return;
  }
  absl::StatusOr<Connection> connection = Connection::Open(globals);
  if (!connection.ok()) {
    globals.exit_code = ReportLocalFailure(name, connection.status());
    return;
  }
  std::unique_ptr<pb::Message> reply(
      pb::MessageFactory::generated_factory()->GetPrototype(method.output_type())->New());
  const grpc::Status status = CallUnary(*connection, method, **request, *reply);
  if (!status.ok()) {
    globals.exit_code = ReportFailure(name, status);
    return;
  }
  const auto& header =
      static_cast<const v1::CommandHeader&>((*request)->GetReflection()->GetMessage(
          **request, method.input_type()->FindFieldByName("header")));
  PrintReply(*reply, header.command_id(), state.input.command_id.empty(), globals);
}

void AddCommand(CLI::App& app, Globals& globals, const pb::MethodDescriptor& method) {
  const std::string name = KebabCase(method.name());
  const CommandExample* example = FindCommandExample(method.full_name());
  const std::string summary =
      example != nullptr ? example->summary : absl::StrCat("Call ", method.full_name());
  CLI::App* sub = app.add_subcommand(name, summary);
  sub->group(GroupOf(*method.service()));
  auto state = std::make_shared<CommandState>();
  const pb::Descriptor& command = *method.input_type()->FindFieldByName("command")->message_type();
  if (TakesPupilId(method)) {
    sub->add_option("pupil", state->input.pupil_id,
                    "The school's identifier for the pupil (e.g. the admission number)")
        ->type_name("ID")
        ->required();
  }
  sub->add_option("-f,--file", state->input.file,
                  absl::StrCat("The command (", command.full_name(),
                               ") as YAML or JSON; - reads standard input"))
      ->type_name("FILE");
  sub->add_option("--set", state->input.sets,
                  "PATH=VALUE: set one field of the command (after --file); repeatable")
      ->allow_extra_args(false)
      ->type_name("PATH=VALUE");
  sub->add_option("--command-id", state->input.command_id,
                  "Idempotency key: the same id again records nothing new (default: a new UUID, "
                  "printed)")
      ->type_name("ID");
  sub->add_option("--today", state->input.today,
                  "The school's date: nothing may be dated after it (default: the server's date)")
      ->type_name("YYYY-MM-DD");
  sub->add_option("--correlation-id", state->input.correlation_id,
                  "Ties the events of one workflow together (default: the command id)")
      ->type_name("ID");
  sub->add_flag("--dry-run", state->dry_run, "Print the request as JSON and send nothing");
  std::string footer = "\n";
  if (example != nullptr) footer += FormatExample(*example, name) + "\n";
  footer += FieldsHelp(command);
  footer +=
      "Dates are YYYY-MM-DD; enums take their short names (e.g. cognition-and-learning).\n"
      "A list takes an index: outcomes[0].description; the index after the last adds one.\n";
  sub->footer(footer);
  const pb::MethodDescriptor* m = &method;
  sub->callback([m, name, state, &globals] { RunCommand(*m, name, *state, globals); });
}

}  // namespace

std::vector<const google::protobuf::MethodDescriptor*> CommandMethods() {
  // The generated pool holds api.proto once its generated code is linked in; naming a message
  // of it makes sure the linker keeps that code.
  (void)v1::CommandReply::descriptor();
  std::vector<const pb::MethodDescriptor*> methods;
  for (const char* service_name : kCommandServices) {
    const pb::ServiceDescriptor* service =
        pb::DescriptorPool::generated_pool()->FindServiceByName(service_name);
    if (service == nullptr) continue;
    for (int i = 0; i < service->method_count(); ++i) methods.push_back(service->method(i));
  }
  return methods;
}

void AddCommandSubcommands(CLI::App& app, Globals& globals) {
  for (const pb::MethodDescriptor* method : CommandMethods()) {
    if (IsCommandMethod(*method)) AddCommand(app, globals, *method);
  }
}

}  // namespace endeavour::cli
