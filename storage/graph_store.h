#pragma once

#include <cstdint>
#include <functional>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <string_view>

#include "core/article.h"
#include "core/model.h"
#include "core/mutation.h"
#include "core/result.h"
#include "core/status.h"

namespace steppe::storage {

// One adjacency entry as a scan sees it. `type` is valid only during the
// callback that receives it.
struct EdgeRef {
  EdgeId edge = 0;
  NodeId src = 0;
  NodeId dst = 0;
  std::string_view type;
};

// Counts kept with the data, moved in the same batch as every change.
struct GraphStats {
  uint64_t nodes = 0;
  uint64_t edges = 0;
  uint64_t articles = 0;
  uint64_t duplicates = 0;
  std::map<std::string, uint64_t> per_label;
  std::map<std::string, uint64_t> per_type;
};

// Visitors return false to stop a scan early.
using NodeVisitor = std::function<bool(NodeId)>;
using EdgeVisitor = std::function<bool(const EdgeRef&)>;
using ArticleVisitor = std::function<bool(const StoredArticle&)>;

// A read-only view of the graph. A view from GraphStore::Snapshot() sees one
// consistent state however many writes follow; the store itself, read
// directly, sees the latest state. Reads are safe from many threads.
class GraphReader {
 public:
  virtual ~GraphReader() = default;

  // The node or edge, or a status for which IsNotFound() is true.
  virtual Result<Node> GetNode(NodeId id) const = 0;
  virtual Result<Edge> GetEdge(EdgeId id) const = 0;

  // Every node id / edge id, in id order.
  virtual Status ScanNodes(const NodeVisitor& visit) const = 0;
  virtual Status ScanEdges(const EdgeVisitor& visit) const = 0;
  // The edges with first <= id < last, in id order: ScanEdges in parts, so
  // that a caller may scan several parts at once (projection builds do).
  // The default filters ScanEdges; stores override it with a bounded scan.
  virtual Status ScanEdgeRange(EdgeId first, EdgeId last, const EdgeVisitor& visit) const {
    return ScanEdges([&](const EdgeRef& e) { return e.edge < first || (e.edge < last && visit(e)); });
  }
  // The nodes that carry `label`, in id order.
  virtual Status ScanLabel(std::string_view label, const NodeVisitor& visit) const = 0;
  // Edges leaving / entering `id`, of `type` when given, ordered by type then other end.
  virtual Status ScanOut(NodeId id, std::optional<std::string_view> type,
                         const EdgeVisitor& visit) const = 0;
  virtual Status ScanIn(NodeId id, std::optional<std::string_view> type,
                        const EdgeVisitor& visit) const = 0;
  // Nodes whose `name` or one of whose `aliases` folds (FoldName) to the same
  // key as `name`.
  virtual Status FindByName(std::string_view name, const NodeVisitor& visit) const = 0;
  // Nodes with `label` whose property `key` equals `value`, through the
  // property index. NotFound when (label, key) is not indexed: scan instead.
  virtual Status FindByProperty(std::string_view label, std::string_view key, const Value& value,
                                const NodeVisitor& visit) const = 0;

  // Stored articles, keyed by their Article node.
  virtual Result<StoredArticle> GetArticle(NodeId id) const = 0;
  // The Article node stored under `fingerprint`, or NotFound.
  virtual Result<NodeId> FindFingerprint(std::string_view fingerprint) const = 0;
  virtual Status ScanArticles(const ArticleVisitor& visit) const = 0;

  virtual Result<GraphStats> Stats() const = 0;
  // Grows with every applied change; equal versions mean equal contents.
  virtual uint64_t Version() const = 0;
};

// A GraphStore holds nodes, edges, articles and the indexes over them.
// Reads are safe from many threads, also while Apply runs; calls to Apply(),
// AllocateNodeId(), AllocateEdgeId() and CreateIndex() must not overlap.
class GraphStore : public GraphReader {
 public:
  // A view pinned at the current state.
  virtual std::unique_ptr<GraphReader> Snapshot() const = 0;

  // Fresh ids for a Mutation under construction. An id handed out and never
  // applied is simply skipped; the counters persist with the next Apply().
  virtual NodeId AllocateNodeId() = 0;
  virtual EdgeId AllocateEdgeId() = 0;

  // Applies every change in `batch`, or none of them (one RocksDB WriteBatch).
  // An empty batch writes nothing.
  virtual Status Apply(const Mutation& batch) = 0;

  // Maintains a property index over (label, key) from now on, filling it from
  // the nodes already stored.
  virtual Status CreateIndex(std::string_view label, std::string_view key) = 0;
};

}  // namespace steppe::storage
