// steppe stats [--db DIR] [--json]
#include <cstdio>
#include <iostream>
#include <memory>
#include <nlohmann/json.hpp>
#include <string>

#include "server/cli_support.h"
#include "server/commands.h"

namespace steppe::server {
namespace {

struct StatsOptions {
  std::string db;
  bool json = false;
};

nlohmann::json ToJson(const storage::GraphStats& stats) {
  return {{"articles", stats.articles},   {"duplicates", stats.duplicates},
          {"nodes", stats.nodes},         {"edges", stats.edges},
          {"labels", stats.per_label},    {"relationship_types", stats.per_type}};
}

void PrintCounts(const char* heading, const std::map<std::string, uint64_t>& counts) {
  std::printf("%s\n", heading);
  if (counts.empty()) std::printf("  (none)\n");
  for (const auto& [name, count] : counts) {
    std::printf("  %-12s %llu\n", name.c_str(), static_cast<unsigned long long>(count));
  }
}

void PrintText(const storage::GraphStats& stats) {
  const auto line = [](const char* what, uint64_t n) {
    std::printf("%-12s %llu\n", what, static_cast<unsigned long long>(n));
  };
  line("articles", stats.articles);
  line("duplicates", stats.duplicates);
  line("nodes", stats.nodes);
  line("edges", stats.edges);
  PrintCounts("labels", stats.per_label);
  PrintCounts("relationship types", stats.per_type);
}

int RunStats(const StatsOptions& options) {
  Result<std::unique_ptr<storage::RocksStore>> store = OpenStore(options.db, /*must_exist=*/true);
  if (!store.ok()) return ReportError(store.status());
  Result<storage::GraphStats> stats = (*store)->Stats();
  if (!stats.ok()) return ReportError(stats.status());
  if (options.json) {
    std::cout << ToJson(*stats).dump() << "\n";
  } else {
    PrintText(*stats);
  }
  return 0;
}

}  // namespace

void AddStatsCommand(CLI::App& app) {
  auto options = std::make_shared<StatsOptions>();
  CLI::App* command = app.add_subcommand(
      "stats", "Count what the store holds: articles, duplicates seen, nodes and edges, per label "
               "and per relationship type.");
  AddDbOption(*command, options->db);
  command->add_flag("--json", options->json,
                    "print one JSON object: articles, duplicates, nodes, edges, labels, "
                    "relationship_types");
  command->callback([options] { SetExitCode(RunStats(*options)); });
}

}  // namespace steppe::server
