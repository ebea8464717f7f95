#pragma once

#include <cstddef>
#include <cstdint>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <unordered_map>
#include <vector>

#include "core/model.h"

namespace steppe::query {

// Nodes and edges read by earlier read queries, shared by the queries that
// follow until the store changes -- the record cache of a graph database.
// The records of one store version (GraphReader::Version()) form a
// generation; a query pins the generation of its snapshot, so the records it
// gets stay valid while it runs, without a reference per record. A
// generation also keeps the answers of index seeks, as the index blocks of a
// store's page cache would, so a repeated look-up by key costs a hash probe
// instead of a store iterator. Thread-safe.
class RecordCache {
 public:
  class Generation {
   public:
    // The node ids an index seek found; nullopt: the store has no such index.
    using SeekResult = std::optional<std::vector<NodeId>>;

    // The cached record, or null. The pointer lives as long as the generation.
    const Node* FindNode(NodeId id) const;
    const Edge* FindEdge(EdgeId id) const;
    // Keeps `node` (moved from) and returns it; returns null, leaving `node`
    // as it was, once the cache holds `max_bytes` (approximately).
    const Node* AddNode(Node&& node);
    const Edge* AddEdge(Edge&& edge);
    // The kept answer of the seek named `key` (see Txn), or null.
    const SeekResult* FindSeek(const std::string& key) const;
    // Keeps `found` under `key` unless the cache is full.
    void AddSeek(std::string key, SeekResult found);

   private:
    friend class RecordCache;
    Generation(uint64_t version, size_t max_bytes) : version_(version), max_bytes_(max_bytes) {}
    bool Admit(size_t bytes);

    const uint64_t version_;
    const size_t max_bytes_;
    mutable std::mutex mu_;
    size_t bytes_ = 0;
    std::unordered_map<NodeId, Node> nodes_;  // values keep their address across rehashes
    std::unordered_map<EdgeId, Edge> edges_;
    std::unordered_map<std::string, SeekResult> seeks_;
  };

  explicit RecordCache(size_t max_bytes) : max_bytes_(max_bytes) {}

  // The generation of `version`: the current one, a new one when `version`
  // is newer (the older records go once no query pins them), or null for an
  // older version (that query reads the store alone).
  std::shared_ptr<Generation> Pin(uint64_t version);

 private:
  const size_t max_bytes_;
  std::mutex mu_;
  std::shared_ptr<Generation> current_;
};

}  // namespace steppe::query
