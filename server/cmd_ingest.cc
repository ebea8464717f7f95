// steppe ingest PATH... [--db DIR] [--json]
#include <unistd.h>

#include <chrono>
#include <cstdio>
#include <iostream>
#include <memory>
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "server/cli_support.h"
#include "server/commands.h"
#include "storage/graph_loader.h"
#include "storage/ingestor.h"

namespace steppe::server {
namespace {

struct IngestOptions {
  std::vector<std::string> paths;
  std::string db;
  bool json = false;
};

// A progress line on a terminal, rewritten at most twice a second and only
// once the run has taken a second; nothing when stderr is not a terminal.
class ProgressLine {
 public:
  ProgressLine() : enabled_(isatty(STDERR_FILENO) == 1) {}

  void Update(const storage::IngestReport& report) {
    if (!enabled_ || report.seconds < 1.0) return;
    const auto now = std::chrono::steady_clock::now();
    if (shown_ && now - last_ < std::chrono::milliseconds(500)) return;
    last_ = now;
    shown_ = true;
    const size_t handled = report.written + report.already_stored;
    std::fprintf(stderr, "\rsteppe ingest: %zu of %zu articles, %zu written, %.0f articles/s ",
                 handled, report.distinct, report.written,
                 static_cast<double>(handled) / report.seconds);
    std::fflush(stderr);
  }

  void Finish() {
    if (shown_) std::fputs("\n", stderr);
  }

 private:
  bool enabled_;
  bool shown_ = false;
  std::chrono::steady_clock::time_point last_;
};

void PrintReport(const storage::IngestReport& r, bool json) {
  const double mb_per_s = r.seconds > 0 ? static_cast<double>(r.bytes) / 1e6 / r.seconds : 0;
  if (json) {
    nlohmann::json out = {{"files", r.files},
                          {"bytes", r.bytes},
                          {"blocks", r.blocks},
                          {"distinct", r.distinct},
                          {"duplicates", r.duplicates()},
                          {"repeated_in_input", r.repeated_in_input},
                          {"already_stored", r.already_stored},
                          {"written", r.written},
                          {"seconds", r.seconds}};
    std::cout << out.dump() << "\n";
    return;
  }
  std::printf("files       %zu (%llu bytes)\n", r.files, static_cast<unsigned long long>(r.bytes));
  std::printf("articles    %zu read, %zu distinct\n", r.blocks, r.distinct);
  std::printf("duplicates  %zu (%zu repeated in the input, %zu already stored)\n", r.duplicates(),
              r.repeated_in_input, r.already_stored);
  std::printf("written     %zu\n", r.written);
  std::printf("time        %.3f s (%.2f MB/s)\n", r.seconds, mb_per_s);
}

int RunIngest(const IngestOptions& options) {
  // Every file is read and checked before the store is opened, so that a bad
  // one leaves no trace, not even a new empty store.
  Result<storage::IngestInput> input = storage::IngestInput::Read(options.paths);
  if (!input.ok()) return ReportError(input.status());
  Result<std::unique_ptr<storage::RocksStore>> store = OpenStore(options.db, /*must_exist=*/false);
  if (!store.ok()) return ReportError(store.status());
  // Extraction and resolution write each article's entities and facts into
  // the batch that stores the article.
  storage::GraphLoader loader;
  storage::Ingestor ingestor(**store, &loader);
  ProgressLine progress;
  Result<storage::IngestReport> report = ingestor.Write(
      *std::move(input), [&progress](const storage::IngestReport& r) { progress.Update(r); });
  progress.Finish();
  if (!report.ok()) return ReportError(report.status());
  PrintReport(*report, options.json);
  return 0;
}

}  // namespace

void AddIngestCommand(CLI::App& app) {
  auto options = std::make_shared<IngestOptions>();
  CLI::App* command = app.add_subcommand(
      "ingest",
      "Read news files (single articles, aggregator pages, agency feeds) into the store, with the "
      "officials, bodies, countries, laws, agreements and facts extracted from each article. Every "
      "file is checked before anything is written; articles already stored are skipped.");
  command->add_option("PATH", options->paths, "news files, or folders of *.txt files")->required();
  AddDbOption(*command, options->db);
  command->add_flag("--json", options->json, "print the report as JSON");
  command->callback([options] { SetExitCode(RunIngest(*options)); });
}

}  // namespace steppe::server
