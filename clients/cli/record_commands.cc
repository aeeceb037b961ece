#include "clients/cli/record_commands.h"

namespace endeavour::cli {

void AddRecordCommands(CLI::App& app, Globals& globals) {
  AddCommandSubcommands(app, globals);
  AddQuerySubcommands(app, globals);
  AddTailSubcommand(app, globals);
}

}  // namespace endeavour::cli
