#pragma once

#include <cstddef>
#include <memory>
#include <string>
#include <string_view>

#include "storage/graph_store.h"
#include "storage/store_check.h"

namespace steppe::storage {

struct RocksStoreOptions {
  // Shared LRU block cache for every column family.
  size_t block_cache_bytes = size_t{512} << 20;
  // fsync the write-ahead log on every Apply. Off, a process crash loses
  // nothing (the OS holds the log); a power cut may lose the last batches.
  bool sync_writes = false;
};

// The GraphStore over RocksDB: one column family per kind of record, laid out
// as keys.h describes. Every Apply() is one rocksdb::WriteBatch that carries
// the records, all their index entries, the id counters and the statistics.
//
// Reads are safe from many threads, also while Apply() runs; Apply(),
// AllocateNodeId/EdgeId() and CreateIndex() must not overlap one another.
// Snapshot() views pin a rocksdb::Snapshot and must be destroyed before the
// store.
class RocksStore : public GraphStore {
 public:
  // Opens the store at `path`, creating the directory and every column family
  // when missing. IOError when the directory cannot be created or the store
  // is locked by another process; Corruption when it does not read back.
  static Result<std::unique_ptr<RocksStore>> Open(const std::string& path,
                                                  const RocksStoreOptions& options = {});
  ~RocksStore() override;
  RocksStore(const RocksStore&) = delete;
  RocksStore& operator=(const RocksStore&) = delete;

  // GraphReader, on the latest state.
  Result<Node> GetNode(NodeId id) const override;
  Result<Edge> GetEdge(EdgeId id) const override;
  Status ScanNodes(const NodeVisitor& visit) const override;
  Status ScanEdges(const EdgeVisitor& visit) const override;
  Status ScanEdgeRange(EdgeId first, EdgeId last, const EdgeVisitor& visit) const override;
  Status ScanLabel(std::string_view label, const NodeVisitor& visit) const override;
  // Adjacency comes grouped by type in the order types were first stored
  // (their dictionary ids, keys.h), then by the other end and the edge id.
  Status ScanOut(NodeId id, std::optional<std::string_view> type,
                 const EdgeVisitor& visit) const override;
  Status ScanIn(NodeId id, std::optional<std::string_view> type,
                const EdgeVisitor& visit) const override;
  Status FindByName(std::string_view name, const NodeVisitor& visit) const override;
  Status FindByProperty(std::string_view label, std::string_view key, const Value& value,
                        const NodeVisitor& visit) const override;
  Result<StoredArticle> GetArticle(NodeId id) const override;
  Result<NodeId> FindFingerprint(std::string_view fingerprint) const override;
  Status ScanArticles(const ArticleVisitor& visit) const override;
  Result<GraphStats> Stats() const override;
  // RocksDB's latest sequence number.
  uint64_t Version() const override;

  // GraphStore.
  std::unique_ptr<GraphReader> Snapshot() const override;
  NodeId AllocateNodeId() override;
  EdgeId AllocateEdgeId() override;
  // InvalidArgument, with nothing written, when an edge's endpoint does not
  // exist, a deleted node keeps an edge, or an article's node is not an
  // Article node.
  Status Apply(const Mutation& batch) override;
  // InvalidArgument when `key` is empty or holds a NUL byte.
  Status CreateIndex(std::string_view label, std::string_view key) override;

  // Walks every column family and cross-checks records, index entries,
  // counters and statistics (store_check.cc). The status is not OK only when
  // the walk itself fails; faults found go into the report.
  Result<CheckReport> Check() const;

  // Test hooks that break the store on purpose, so that tests can see Check()
  // report it. `family` is a name from keys.h ("out", "names", ...); `key`
  // and `value` are raw bytes. Not for use outside tests.
  Status DeleteRawKeyForTest(std::string_view family, std::string_view key);
  Status PutRawKeyForTest(std::string_view family, std::string_view key, std::string_view value);

  struct Impl;  // rocks_internal.h: the DB, its families and the dictionaries

 private:
  explicit RocksStore(std::unique_ptr<Impl> impl);
  std::unique_ptr<Impl> impl_;
};

}  // namespace steppe::storage
