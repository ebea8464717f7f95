#include "server/commands.h"

namespace steppe::server {
namespace {
int exit_code = 0;
}  // namespace

void AddCommands(CLI::App& app) {
  // Each module's commands register here, one line each.
  AddIngestCommand(app);
  AddStatsCommand(app);
  AddArticlesCommand(app);
  AddCheckCommand(app);
  AddExtractCommand(app);
  AddQueryCommands(app);
  AddImportCommand(app);
  AddServeCommand(app);
  AddSnapshotCommand(app);
}

int ExitCode() { return exit_code; }
void SetExitCode(int code) { exit_code = code; }

}  // namespace steppe::server
