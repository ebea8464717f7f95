#pragma once

#include <cstddef>
#include <memory>
#include <span>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "core/model.h"
#include "core/result.h"
#include "core/status.h"
#include "storage/records.h"
#include "storage/rocks_store.h"

namespace steppe::storage {

struct BulkWriterOptions {
  // Property indexes to build, as GraphStore::CreateIndex(label, key) would;
  // the store maintains them afterwards.
  std::vector<std::pair<std::string, std::string>> indexes;
  // Counts expected, to reserve memory up front (0: grow as needed).
  size_t expected_nodes = 0;
  size_t expected_edges = 0;
  // Used while writing, and stored for the RocksStore that opens the result.
  RocksStoreOptions store;
};

// Builds a NEW store from a stream of nodes and edges, much faster than
// Apply(): it sorts the index entries in memory and writes every column
// family as SST files (rocksdb::SstFileWriter), which RocksDB then ingests
// whole. The result is an ordinary store: RocksStore::Open reads it, and
// Check() passes on it.
//
//   auto writer = BulkWriter::Create("/data/graph");
//   for (...) STEPPE_RETURN_IF_ERROR((*writer)->AddNode(node));
//   for (...) STEPPE_RETURN_IF_ERROR((*writer)->AddEdge(edge));
//   STEPPE_RETURN_IF_ERROR((*writer)->Finish());
//   auto store = RocksStore::Open("/data/graph");
//
// Memory: about 40 bytes per node plus its record and names, 32 bytes per
// edge while adding and 24 more per edge in each of two threads in Finish()
// (13M edges and 1.8M nodes take about 1.1 GB). Edge records go to disk as
// they arrive. Not thread-safe: one thread calls Add*() and Finish().
class BulkWriter {
 public:
  // InvalidArgument when `path` exists and is not an empty directory;
  // IOError when it cannot be created.
  static Result<std::unique_ptr<BulkWriter>> Create(const std::string& path,
                                                    const BulkWriterOptions& options = {});
  // Without a successful Finish(), `path` holds an empty store.
  ~BulkWriter();
  BulkWriter(const BulkWriter&) = delete;
  BulkWriter& operator=(const BulkWriter&) = delete;

  // Adds a node (labels, properties; the `name` and `aliases` properties go
  // to the name index). Node ids may come in any order; a repeated id fails
  // Finish(). InvalidArgument for an empty label.
  Status AddNode(const Node& node);
  // Adds an edge. Edge ids must increase from one call to the next; an edge
  // with id 0 gets the previous id + 1 (the first gets 1). Its ends must be
  // nodes added before or after it (Finish() checks). InvalidArgument for an
  // id that does not increase or an empty type.
  Status AddEdge(const Edge& edge);

  // AddNode and AddEdge for a row whose properties are strings and integers,
  // seen in place (bulk import's CSV rows): the same store results, without
  // building a Node or Edge. REQUIRES: `props` sorted by key, keys distinct.
  Status AddNodeRow(NodeId id, std::string_view label, std::span<const PropertyView> props);
  Status AddEdgeRow(EdgeId id, std::string_view type, NodeId src, NodeId dst,
                    std::span<const PropertyView> props);

  // Promises that no AddNode* follows, so that the node families ("nodes",
  // "labels", "names", "props") are sorted and written on a thread of their
  // own while edges are added. Optional: Finish() does it otherwise. Later
  // AddNode* calls fail with InvalidArgument.
  void EndNodes();

  // Sorts, checks that every edge's ends are nodes and no node id repeats,
  // writes the SST files, ingests them, and writes the id counters,
  // dictionaries and statistics. Call once. On InvalidArgument (a missing
  // end, a repeated node id) nothing is ingested and `path` holds an empty store.
  Status Finish();

  uint64_t nodes_added() const;
  uint64_t edges_added() const;

  struct Impl;

 private:
  explicit BulkWriter(std::unique_ptr<Impl> impl);
  std::unique_ptr<Impl> impl_;
};

}  // namespace steppe::storage
