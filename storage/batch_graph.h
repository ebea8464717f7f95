#pragma once

#include <functional>
#include <map>
#include <optional>
#include <string>
#include <string_view>

#include "core/model.h"
#include "core/mutation.h"
#include "core/result.h"
#include "storage/graph_store.h"

namespace steppe::storage {

// The graph as it will be once `batch` is applied: the stored nodes and
// edges overlaid with those the batch puts. The loader builds one article's
// Mutation through it, so that a node it created or changed a moment ago is
// found again although the store has not seen it yet.
//
// Nodes and edges the loader changes are copied into the batch once and
// changed there; references returned by NodeAt/EdgeAt stay valid until the
// next call that adds to the batch. Not thread-safe; one per Mutation.
class BatchGraph {
 public:
  BatchGraph(const GraphReader& store, GraphStore& ids, Mutation& batch);

  // A new node with one label, put into the batch.
  NodeId NewNode(std::string_view label);
  // The node, copied into the batch (so changes to it are written) on first
  // use. NotFound when neither the batch nor the store has it.
  Result<Node*> NodeAt(NodeId id);
  // The node as the batch or the store has it, without copying.
  Result<Node> ReadNode(NodeId id) const;

  // Records the current name and aliases of a batch node for FindByName;
  // call after changing them. Names are only ever added, never removed.
  void IndexNames(NodeId id);

  // Calls `visit` for each node with `label` whose name or alias has the
  // FoldName key of `name`, each once, batch copies first.
  Status FindByName(std::string_view name, std::string_view label,
                    const std::function<void(const Node&)>& visit) const;

  // Calls `visit` for each edge leaving `src` with `type`, the batch's copy
  // when it has one; stops when it returns false.
  Status ScanOut(NodeId src, std::string_view type,
                 const std::function<bool(const Edge&)>& visit) const;

  // The same over the edges of the batch alone.
  void ScanBatchOut(NodeId src, std::string_view type,
                    const std::function<bool(const Edge&)>& visit) const;

  // Puts a new edge into the batch and returns its id.
  EdgeId AddEdge(std::string_view type, NodeId src, NodeId dst, Properties props);
  // Replaces an edge (stored or of the batch) in the batch.
  void PutEdge(const Edge& edge);

 private:
  const GraphReader& store_;
  GraphStore& ids_;
  Mutation& batch_;
  std::map<NodeId, size_t> node_index_;  // node id -> position in batch_.put_nodes
  std::map<EdgeId, size_t> edge_index_;  // edge id -> position in batch_.put_edges
  std::multimap<std::string, NodeId> names_;  // FoldName key -> batch node
};

}  // namespace steppe::storage
