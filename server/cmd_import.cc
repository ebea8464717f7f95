// `steppe import --db DIR DATA_DIR`: bulk-loads a graph written as CSV files
// (nodes_<Label>.csv, edges_<TYPE>.csv) into a new store.
#include <chrono>
#include <cstdio>
#include <iostream>
#include <memory>
#include <string>

#include "server/commands.h"
#include "server/graph_import.h"

namespace steppe::server {
namespace {

struct ImportArgs {
  std::string db = "steppe.db";
  std::string data_dir;
  bool quiet = false;
};

void RunImport(const ImportArgs& args) {
  auto start = std::chrono::steady_clock::now();
  auto progress = [&](const std::string& line) {
    if (!args.quiet) std::cerr << "import: " << line << "\n";
  };
  Result<ImportReport> report = ImportCsvGraph(args.data_dir, args.db, progress);
  if (!report.ok()) {
    std::cerr << "steppe: " << report.status().message() << "\n";
    SetExitCode(report.status().IsInvalidArgument() ? 1 : 2);
    return;
  }
  double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  std::printf("imported %llu nodes and %llu edges (%.1f MiB of CSV) into %s in %.2f s\n",
              static_cast<unsigned long long>(report->nodes),
              static_cast<unsigned long long>(report->edges),
              static_cast<double>(report->csv_bytes) / (1 << 20), args.db.c_str(), seconds);
  SetExitCode(0);
}

}  // namespace

void AddImportCommand(CLI::App& app) {
  auto args = std::make_shared<ImportArgs>();
  CLI::App* cmd = app.add_subcommand(
      "import", "Bulk-load a graph from CSV files (nodes_<Label>.csv, edges_<TYPE>.csv) into a new store");
  cmd->add_option("--db", args->db, "Directory of the new store")->capture_default_str();
  cmd->add_option("DATA_DIR", args->data_dir, "Directory holding the CSV files")->required();
  cmd->add_flag("-q,--quiet", args->quiet, "Print no progress lines");
  cmd->callback([args] { RunImport(*args); });
}

}  // namespace steppe::server
