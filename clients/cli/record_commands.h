// The record group of `endeavour`: one subcommand per command RPC (generated from the service
// descriptors), the views and audit queries, and `tail`. AddRecordCommands (cli.h) adds them all.
#ifndef ENDEAVOUR_CLIENTS_CLI_RECORD_COMMANDS_H_
#define ENDEAVOUR_CLIENTS_CLI_RECORD_COMMANDS_H_

#include <vector>

#include "clients/cli/cli.h"
#include "google/protobuf/descriptor.h"

namespace endeavour::cli {

// The services whose every RPC becomes a command subcommand.
inline constexpr const char* kCommandServices[] = {"endeavour.v1.PupilRecordService",
                                                   "endeavour.v1.SelfEvaluationService"};

// Every RPC of kCommandServices, from the generated descriptor pool.
std::vector<const google::protobuf::MethodDescriptor*> CommandMethods();

void AddCommandSubcommands(CLI::App& app, Globals& globals);
void AddQuerySubcommands(CLI::App& app, Globals& globals);
void AddTailSubcommand(CLI::App& app, Globals& globals);

}  // namespace endeavour::cli

#endif  // ENDEAVOUR_CLIENTS_CLI_RECORD_COMMANDS_H_
