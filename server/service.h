#pragma once

// The operations the HTTP routes and the `steppe snapshot` command call: each
// route is one call here. A Service reads through GraphStore::Snapshot(), so
// its readers see one consistent state while an ingest writes.

#include <chrono>
#include <cstddef>
#include <cstdint>
#include <mutex>
#include <nlohmann/json.hpp>
#include <string>
#include <string_view>

#include "core/result.h"
#include "query/engine.h"
#include "query/snapshot.h"
#include "storage/article_enricher.h"
#include "storage/graph_store.h"
#include "storage/ingestor.h"

namespace steppe::server {

struct ServiceOptions {
  std::chrono::milliseconds query_timeout{10000};
  uint64_t max_rows = 10000;
  size_t snapshot_max_nodes = 150;
  size_t max_facts = 500;  // facts listed per node by NodeDetail
};

// What a snapshot shows: the nodes, relationships and paths a query returns,
// or the neighbourhood of a named node (when `query` is empty).
struct SnapshotRequest {
  std::string query;
  query::Params params;
  query::NeighbourhoodRequest neighbourhood;
  std::string date;  // the caption's date; empty: the latest date in the picture
  query::SnapshotFormat format = query::SnapshotFormat::kSvg;
};

// What POST /articles did: the ingest report, and what the store gained.
struct IngestSummary {
  std::string format;  // "single", "aggregator", "feed"
  storage::IngestReport report;
  uint64_t entities_added = 0;  // nodes other than Article nodes
  uint64_t facts_added = 0;     // relationships other than MENTIONS
  uint64_t nodes_added = 0;
  uint64_t edges_added = 0;
};

// Thread-safe: many readers at once; writes (write queries and ingests) take
// turns, since GraphStore::Apply calls must not overlap.
class Service {
 public:
  // `enricher` (extraction and resolution) may be null: ingests then store
  // Article nodes only. Neither is owned.
  Service(storage::GraphStore& store, storage::ArticleEnricher* enricher, ServiceOptions options);

  const ServiceOptions& options() const { return options_; }
  storage::GraphStore& store() { return store_; }

  // Runs Cypher under the options' timeout and row cap. Without
  // `allow_writes`, a write query is refused (InvalidArgument).
  Result<query::QueryResult> Query(std::string_view text, const query::Params& params,
                                   bool allow_writes);

  // Entities whose name or alias matches `text` (db.search), best first:
  // {"query", "hits": [{"id", "name", "labels", "score"}]}.
  Result<nlohmann::json> Search(std::string_view text, size_t limit);

  // A node with its facts and their evidence: {"node", "facts": [{"id",
  // "type", "direction", "other", "properties", "sentence", "article"}],
  // "mentioned_in": [...], "truncated"}. NotFound for an unknown id.
  Result<nlohmann::json> NodeDetail(NodeId id) const;

  // The rendered snapshot. InvalidArgument when neither a query nor a centre
  // is given; the query's and the selection's errors otherwise.
  Result<std::string> Snapshot(const SnapshotRequest& request);

  // Stores the articles of `text`, news in any of the three input formats;
  // `name` stands for the file name (article ids are "<name>#<n>").
  // InvalidArgument for text that is empty, binary, not UTF-8 or in no known
  // format; nothing is written then.
  Result<IngestSummary> Ingest(std::string_view text, std::string_view name);

  // {"status": "ok", "version", "nodes", "edges", "articles"}.
  Result<nlohmann::json> Health() const;

 private:
  Result<query::Subgraph> QuerySubgraph(const SnapshotRequest& request);

  storage::GraphStore& store_;
  storage::ArticleEnricher* enricher_;
  ServiceOptions options_;
  query::Engine engine_;
  std::mutex write_mutex_;
};

}  // namespace steppe::server
