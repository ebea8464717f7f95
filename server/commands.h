#pragma once

#include <CLI/CLI.hpp>

namespace steppe::server {

// Adds every `steppe` subcommand to `app`. A subcommand's callback runs it
// and records its exit code: 0 done, 1 bad input, 2 internal error.
void AddCommands(CLI::App& app);

// `steppe ingest`, `steppe stats`, `steppe articles`, `steppe check`.
void AddIngestCommand(CLI::App& app);
void AddStatsCommand(CLI::App& app);
void AddArticlesCommand(CLI::App& app);
void AddCheckCommand(CLI::App& app);
// `steppe extract PATH... --format facts` (server/cmd_extract.cc).
void AddExtractCommand(CLI::App& app);

// `steppe query 'CYPHER' ...` and `steppe shell` (server/cmd_query.cc).
void AddQueryCommands(CLI::App& app);
// `steppe import`: bulk-load CSV graphs (server/cmd_import.cc).
void AddImportCommand(CLI::App& app);

// `steppe serve`: the HTTP endpoint (server/cmd_serve.cc).
void AddServeCommand(CLI::App& app);
// `steppe snapshot`: draw part of the graph to a file (server/cmd_snapshot.cc).
void AddSnapshotCommand(CLI::App& app);

// The exit code the subcommand that ran recorded.
int ExitCode();
void SetExitCode(int code);

}  // namespace steppe::server
