#pragma once

#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <unordered_set>
#include <vector>

#include "core/model.h"
#include "core/mutation.h"
#include "query/engine.h"
#include "query/hop.h"
#include "query/record_cache.h"
#include "storage/graph_store.h"

namespace steppe::query {

// The graph as one query sees it: a base reader plus the query's own
// uncommitted writes. Reads cache records; writes collect into the Mutation
// that Commit() hands to the store. Errors are thrown as QueryError by the
// executor's helpers, so this class returns Status only where the store does.
class Txn {
 public:
  // `store` is null for a read-only query.
  Txn(const storage::GraphReader& base, storage::GraphStore* store);

  // Records shared with other read queries of the same store version; only
  // for a read-only Txn over a snapshot. May stay unset.
  void set_shared_records(RecordCache& records) { shared_ = records.Pin(base_.Version()); }

  // The graph the query started from (without this query's writes).
  const storage::GraphReader& base() const { return base_; }

  // The node or edge as of now; null when absent or deleted in this query.
  const Node* GetNode(NodeId id);
  const Edge* GetEdge(EdgeId id);

  Status ScanNodes(const std::function<bool(NodeId)>& visit);
  Status ScanLabel(const std::string& label, const std::function<bool(NodeId)>& visit);
  // Edges at `node` in `direction`, of any of `types` (empty: all). An
  // undirected scan reports a self-loop once.
  Status Expand(NodeId node, HopDirection direction, const std::vector<std::string>& types,
                const std::function<bool(const Hop&)>& visit);
  // Index seeks; nullopt when the store has no such index (scan instead).
  std::optional<std::vector<NodeId>> FindByProperty(const std::string& label, const std::string& key,
                                                    const steppe::Value& value);
  std::optional<std::vector<NodeId>> FindByName(const std::string& name);

  // Writes. REQUIRES: writable().
  bool writable() const { return store_ != nullptr; }
  NodeId CreateNode(std::vector<std::string> labels, Properties props);
  EdgeId CreateEdge(std::string type, NodeId src, NodeId dst, Properties props);
  // Sets (or with a null value removes) a property; false when the entity is gone.
  void SetNodeProperty(NodeId id, const std::string& key, const steppe::Value& value);
  void SetEdgeProperty(EdgeId id, const std::string& key, const steppe::Value& value);
  void AddLabel(NodeId id, const std::string& label);
  void RemoveLabel(NodeId id, const std::string& label);
  void DeleteEdge(EdgeId id);
  // Deletes the node; when it still has edges, returns false unless `detach`.
  bool DeleteNode(NodeId id, bool detach);
  bool IsNodeDeleted(NodeId id) const { return deleted_nodes_.count(id) > 0; }
  bool IsEdgeDeleted(EdgeId id) const { return deleted_edges_.count(id) > 0; }

  const WriteStats& stats() const { return stats_; }
  bool has_writes() const { return !dirty_nodes_.empty() || !dirty_edges_.empty() ||
                                   !deleted_nodes_.empty() || !deleted_edges_.empty(); }
  // Applies every change as one Mutation.
  Status Commit();

 private:
  // An index seek through `find`, its answer kept in the shared records
  // under `key` (not kept when `key` is empty); nullopt when the store has
  // no such index or the read fails.
  std::optional<std::vector<NodeId>> Seek(
      const std::string& key, const std::function<Status(const storage::NodeVisitor&)>& find);
  // Expand without the shared records: the store, then this query's writes.
  Status ScanHops(NodeId node, HopDirection direction, const std::vector<std::string>& types,
                  const std::function<bool(const Hop&)>& visit);
  Node* MutableNode(NodeId id);
  Edge* MutableEdge(EdgeId id);

  const storage::GraphReader& base_;
  storage::GraphStore* store_;
  std::shared_ptr<RecordCache::Generation> shared_;  // pinned for the query's lifetime
  // The record GetNode / GetEdge returned last, in a read-only query (whose
  // records never change): a row reads the same node or relationship
  // several times in a row (labels, then each property).
  template <typename Record>
  struct LastRead {
    uint64_t id = 0;
    const Record* record = nullptr;
  };
  LastRead<Node> last_node_;
  LastRead<Edge> last_edge_;
  std::unordered_map<NodeId, std::shared_ptr<const Node>> node_cache_;
  std::unordered_map<EdgeId, std::shared_ptr<const Edge>> edge_cache_;
  std::unordered_map<NodeId, Node> dirty_nodes_;  // created or changed
  std::unordered_map<EdgeId, Edge> dirty_edges_;
  std::unordered_set<NodeId> created_nodes_;
  std::unordered_set<EdgeId> created_edges_;
  std::vector<NodeId> created_node_order_;
  std::unordered_multimap<NodeId, EdgeId> created_out_;
  std::unordered_multimap<NodeId, EdgeId> created_in_;
  std::unordered_set<NodeId> deleted_nodes_;
  std::unordered_set<EdgeId> deleted_edges_;
  WriteStats stats_;
};

}  // namespace steppe::query
