// The `steppe` command line: one CLI11 subcommand per verb, each defined in
// its own server/cmd_*.cc and added here.
#include <CLI/CLI.hpp>

#include <iostream>

#include "server/commands.h"

int main(int argc, char** argv) {
  CLI::App app{"Steppe: a knowledge graph of Kazakhstan public-affairs news, queried in openCypher"};
  app.require_subcommand(1);
  steppe::server::AddCommands(app);
  try {
    app.parse(argc, argv);
  } catch (const CLI::ParseError& e) {
    return app.exit(e);
  }
  return steppe::server::ExitCode();
}
