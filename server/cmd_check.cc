// steppe check [--db DIR]
#include <cstdio>
#include <memory>
#include <string>

#include "server/cli_support.h"
#include "server/commands.h"

namespace steppe::server {
namespace {

struct CheckOptions {
  std::string db;
};

int RunCheck(const CheckOptions& options) {
  Result<std::unique_ptr<storage::RocksStore>> store = OpenStore(options.db, /*must_exist=*/true);
  if (!store.ok()) return ReportError(store.status());
  Result<storage::CheckReport> report = (*store)->Check();
  if (!report.ok()) return ReportError(report.status());
  std::printf("checked %s\n", options.db.c_str());
  for (const auto& [family, entries] : report->entries) {
    std::printf("  %-14s %llu entries\n", family.c_str(), static_cast<unsigned long long>(entries));
  }
  if (report->ok()) {
    std::printf("ok: every record, index entry, counter and statistic agrees\n");
    return 0;
  }
  const size_t problems = report->problems.size() + report->more_problems;
  std::printf("%zu problem%s:\n", problems, problems == 1 ? "" : "s");
  for (const std::string& problem : report->problems) std::printf("  %s\n", problem.c_str());
  if (report->more_problems > 0) {
    std::printf("  ... and %llu more\n", static_cast<unsigned long long>(report->more_problems));
  }
  std::fprintf(stderr, "steppe: the store at %s has %zu problem%s\n", options.db.c_str(), problems,
               problems == 1 ? "" : "s");
  return 1;
}

}  // namespace

void AddCheckCommand(CLI::App& app) {
  auto options = std::make_shared<CheckOptions>();
  CLI::App* command = app.add_subcommand(
      "check", "Walk the whole store and cross-check records, indexes, counters and statistics; "
               "exit 1 when anything disagrees.");
  AddDbOption(*command, options->db);
  command->callback([options] { SetExitCode(RunCheck(*options)); });
}

}  // namespace steppe::server
