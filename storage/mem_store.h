#pragma once

#include <memory>
#include <mutex>

#include "storage/graph_store.h"

namespace steppe::storage {

// A GraphStore held in memory, for tests and for the openCypher TCK, where
// every scenario wants a fresh, small graph. Each Apply() builds a new state
// from a copy of the old one and swaps it in, so readers and snapshots keep
// the state they started on; that costs O(graph size) per Apply, which suits
// small graphs only.
class MemStore final : public GraphStore {
 public:
  MemStore();
  ~MemStore() override;

  Result<Node> GetNode(NodeId id) const override;
  Result<Edge> GetEdge(EdgeId id) const override;
  Status ScanNodes(const NodeVisitor& visit) const override;
  Status ScanEdges(const EdgeVisitor& visit) const override;
  Status ScanLabel(std::string_view label, const NodeVisitor& visit) const override;
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
  uint64_t Version() const override;

  std::unique_ptr<GraphReader> Snapshot() const override;
  NodeId AllocateNodeId() override;
  EdgeId AllocateEdgeId() override;
  Status Apply(const Mutation& batch) override;
  Status CreateIndex(std::string_view label, std::string_view key) override;

  struct State;

 private:
  std::shared_ptr<const State> Current() const;

  mutable std::mutex mutex_;  // guards state_ (the pointer, not what it points to)
  std::shared_ptr<const State> state_;
  NodeId next_node_id_ = 1;
  EdgeId next_edge_id_ = 1;
};

}  // namespace steppe::storage
