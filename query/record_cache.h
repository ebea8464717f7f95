#pragma once

#include <cstddef>
#include <cstdint>
#include <memory>
#include <mutex>
#include <unordered_map>

#include "core/model.h"

namespace steppe::query {

// Nodes and edges read by earlier read queries, shared by the queries that
// follow until the store changes -- the record cache of a graph database.
// Every entry belongs to one store version (GraphReader::Version()): a
// lookup or insert for another version misses, and an insert for a newer
// version starts the cache over. Inserts stop once the records held reach
// `max_bytes` (approximately). Thread-safe.
class RecordCache {
 public:
  explicit RecordCache(size_t max_bytes) : max_bytes_(max_bytes) {}

  std::shared_ptr<const Node> FindNode(uint64_t version, NodeId id) const;
  std::shared_ptr<const Edge> FindEdge(uint64_t version, EdgeId id) const;
  void AddNode(uint64_t version, std::shared_ptr<const Node> node);
  void AddEdge(uint64_t version, std::shared_ptr<const Edge> edge);

 private:
  // True when an entry of `version` may go in (clearing an older version's).
  bool Admit(uint64_t version, size_t bytes);

  const size_t max_bytes_;
  mutable std::mutex mu_;
  uint64_t version_ = 0;
  size_t bytes_ = 0;
  std::unordered_map<NodeId, std::shared_ptr<const Node>> nodes_;
  std::unordered_map<EdgeId, std::shared_ptr<const Edge>> edges_;
};

}  // namespace steppe::query
