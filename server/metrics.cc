#include "server/metrics.h"

#include <sstream>

namespace steppe::server {

void Metrics::RecordRequest(std::string_view route, int status, double seconds) {
  std::lock_guard<std::mutex> lock(mutex_);
  ++requests_[{std::string(route), status}];
  Latency& latency = latency_[std::string(route)];
  for (size_t i = 0; i < kBuckets.size(); ++i) {
    if (seconds <= kBuckets[i]) {
      ++latency.buckets[i];
      break;
    }
  }
  ++latency.count;
  latency.sum += seconds;
}

void Metrics::RecordIngest(const IngestCounts& counts) {
  std::lock_guard<std::mutex> lock(mutex_);
  ++ingest_requests_;
  ingested_.articles += counts.articles;
  ingested_.duplicates += counts.duplicates;
  ingested_.nodes += counts.nodes;
  ingested_.edges += counts.edges;
}

std::string Metrics::Render(const storage::GraphStats& stats) const {
  std::lock_guard<std::mutex> lock(mutex_);
  std::ostringstream out;
  out << "# HELP steppe_http_requests_total HTTP requests answered, by route and status.\n"
         "# TYPE steppe_http_requests_total counter\n";
  for (const auto& [key, count] : requests_)
    out << "steppe_http_requests_total{route=\"" << key.first << "\",status=\"" << key.second
        << "\"} " << count << "\n";
  out << "# HELP steppe_http_request_duration_seconds Time to answer a request, by route.\n"
         "# TYPE steppe_http_request_duration_seconds histogram\n";
  for (const auto& [route, latency] : latency_) {
    uint64_t cumulative = 0;
    for (size_t i = 0; i < kBuckets.size(); ++i) {
      cumulative += latency.buckets[i];
      out << "steppe_http_request_duration_seconds_bucket{route=\"" << route << "\",le=\""
          << kBuckets[i] << "\"} " << cumulative << "\n";
    }
    out << "steppe_http_request_duration_seconds_bucket{route=\"" << route << "\",le=\"+Inf\"} "
        << latency.count << "\n"
        << "steppe_http_request_duration_seconds_sum{route=\"" << route << "\"} " << latency.sum
        << "\n"
        << "steppe_http_request_duration_seconds_count{route=\"" << route << "\"} " << latency.count
        << "\n";
  }
  out << "# HELP steppe_store_nodes Nodes in the store.\n# TYPE steppe_store_nodes gauge\n"
      << "steppe_store_nodes " << stats.nodes << "\n"
      << "# HELP steppe_store_edges Relationships in the store.\n# TYPE steppe_store_edges gauge\n"
      << "steppe_store_edges " << stats.edges << "\n"
      << "# HELP steppe_store_articles Articles in the store.\n"
         "# TYPE steppe_store_articles gauge\n"
      << "steppe_store_articles " << stats.articles << "\n"
      << "# HELP steppe_store_nodes_by_label Nodes in the store, by label.\n"
         "# TYPE steppe_store_nodes_by_label gauge\n";
  for (const auto& [label, count] : stats.per_label)
    out << "steppe_store_nodes_by_label{label=\"" << label << "\"} " << count << "\n";
  out << "# HELP steppe_ingest_requests_total POST /articles requests that stored their text.\n"
         "# TYPE steppe_ingest_requests_total counter\n"
      << "steppe_ingest_requests_total " << ingest_requests_ << "\n"
      << "# HELP steppe_ingest_articles_total Distinct articles stored through HTTP.\n"
         "# TYPE steppe_ingest_articles_total counter\n"
      << "steppe_ingest_articles_total " << ingested_.articles << "\n"
      << "# HELP steppe_ingest_duplicates_total Duplicate article copies skipped.\n"
         "# TYPE steppe_ingest_duplicates_total counter\n"
      << "steppe_ingest_duplicates_total " << ingested_.duplicates << "\n"
      << "# HELP steppe_ingest_nodes_total Nodes created by ingest.\n"
         "# TYPE steppe_ingest_nodes_total counter\n"
      << "steppe_ingest_nodes_total " << ingested_.nodes << "\n"
      << "# HELP steppe_ingest_edges_total Relationships created by ingest.\n"
         "# TYPE steppe_ingest_edges_total counter\n"
      << "steppe_ingest_edges_total " << ingested_.edges << "\n";
  return out.str();
}

}  // namespace steppe::server
