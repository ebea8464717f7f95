// Extraction throughput: the articles of ../shared/data/seeds (or the files
// given) repeated until their text passes 50 MB, extracted on one core, in
// three runs. Prints each run's MB/s of article text (titles and bodies) and,
// last, the median of the runs in MB/s of CPU time: on a shared machine the
// wall clock also counts other processes, and one run can fall on a busy
// moment.
//
//   build/bench/extract_bench [PATH...] [--mb N] [--runs N]

#include <algorithm>
#include <chrono>
#include <ctime>
#include <cstdlib>
#include <iostream>
#include <string>
#include <vector>

#include "core/extract/extractor.h"
#include "core/ingest/reader.h"

int main(int argc, char** argv) {
  std::vector<std::string> paths;
  double target_mb = 50;
  int runs = 3;
  for (int i = 1; i < argc; ++i) {
    std::string arg = argv[i];
    if (arg == "--mb" && i + 1 < argc) {
      target_mb = std::atof(argv[++i]);
    } else if (arg == "--runs" && i + 1 < argc) {
      runs = std::max(1, std::atoi(argv[++i]));
    } else {
      paths.push_back(arg);
    }
  }
  if (paths.empty()) paths.push_back(std::string(STEPPE_SHARED_DIR_FALLBACK));
  auto files = steppe::ingest::ListNewsFiles(paths);
  if (!files.ok()) {
    std::cerr << "extract_bench: " << files.status().ToString() << "\n";
    return 1;
  }
  std::vector<steppe::Article> articles;
  size_t bytes = 0;
  for (const std::string& path : *files) {
    auto file = steppe::ingest::ReadNewsFile(path);
    if (!file.ok()) {
      std::cerr << "extract_bench: " << file.status().ToString() << "\n";
      return 1;
    }
    for (auto& a : file->articles) {
      bytes += a.body.size() + a.title.value_or("").size();
      articles.push_back(std::move(a));
    }
  }
  if (articles.empty() || bytes == 0) {
    std::cerr << "extract_bench: no articles\n";
    return 1;
  }
  steppe::extract::ExtractFacts(articles.front());  // build the lexicon outside the timing
  std::vector<double> cpu_rates;
  for (int run = 1; run <= runs; ++run) {
    size_t done = 0, facts = 0;
    auto start = std::chrono::steady_clock::now();
    std::clock_t cpu_start = std::clock();
    while (static_cast<double>(done) < target_mb * 1e6) {
      for (const steppe::Article& a : articles) {
        steppe::ArticleFacts f = steppe::extract::ExtractFacts(a);
        facts += f.entities.size() + f.roles.size() + f.meetings.size() + f.agreements.size() + f.law_actions.size();
        done += a.body.size() + a.title.value_or("").size();
      }
    }
    double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
    double cpu_seconds = static_cast<double>(std::clock() - cpu_start) / CLOCKS_PER_SEC;
    double mb = static_cast<double>(done) / 1e6;
    cpu_rates.push_back(mb / cpu_seconds);
    std::cout << "run " << run << ": " << articles.size() << " articles (" << bytes << " bytes) repeated to " << mb
              << " MB in " << seconds << " s = " << mb / seconds << " MB/s wall, " << mb / cpu_seconds
              << " MB/s of CPU time (" << facts << " items)\n";
  }
  std::sort(cpu_rates.begin(), cpu_rates.end());
  std::cout << "extract: " << cpu_rates[cpu_rates.size() / 2] << " MB/s of CPU time, one thread (median of " << runs
            << " runs)\n";
  return 0;
}
