#pragma once

// Counters for GET /metrics, rendered in Prometheus' text exposition format.
// Safe to update from many request threads at once.

#include <array>
#include <cstdint>
#include <map>
#include <mutex>
#include <string>
#include <string_view>

#include "storage/graph_store.h"

namespace steppe::server {

// What one POST /articles added.
struct IngestCounts {
  uint64_t articles = 0;    // distinct new articles stored
  uint64_t duplicates = 0;  // copies of articles already stored or repeated in the text
  uint64_t nodes = 0;       // nodes created
  uint64_t edges = 0;       // relationships created
};

class Metrics {
 public:
  // Upper bounds (seconds) of the latency histogram's buckets.
  static constexpr std::array<double, 12> kBuckets = {0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025,
                                                      0.05,   0.1,   0.25,   0.5,   1,    5};

  // Counts a request to `route` (the pattern, not the path, so that labels stay few).
  void RecordRequest(std::string_view route, int status, double seconds);
  void RecordIngest(const IngestCounts& counts);

  // Every counter, plus the store's size from `stats`.
  std::string Render(const storage::GraphStats& stats) const;

 private:
  struct Latency {
    std::array<uint64_t, kBuckets.size()> buckets{};  // not cumulative here
    uint64_t count = 0;
    double sum = 0;
  };

  mutable std::mutex mutex_;
  std::map<std::pair<std::string, int>, uint64_t> requests_;
  std::map<std::string, Latency> latency_;
  IngestCounts ingested_;
  uint64_t ingest_requests_ = 0;
};

}  // namespace steppe::server
