#pragma once

#include <cstddef>
#include <cstdint>
#include <memory>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "core/model.h"
#include "core/result.h"
#include "storage/graph_store.h"

namespace steppe::query {

// A read-only copy of the graph's topology for the graph algorithms: a
// Boost.Graph bidirectional compressed_sparse_row_graph over dense vertex
// indexes 0..n-1, one per node (in NodeId order), whose edges keep their
// EdgeId and relationship type. Node and edge properties stay in the store.
//
// Boost stays behind the pimpl: this header exposes the CSR arrays as spans,
// so callers (and algorithms.cc's hot loops) need no Boost headers. A
// Projection never changes once built; share it freely between threads.
class Projection {
 public:
  using Vertex = uint32_t;
  // Index of an edge in the out-edge arrays (its "slot").
  using Slot = uint32_t;
  static constexpr Vertex kNoVertex = UINT32_MAX;

  // The per-edge record kept in the CSR graph.
  struct EdgeInfo {
    EdgeId id = 0;
    uint32_t type = 0;  // index into type_names()
  };

  // Builds the projection of every node and edge `reader` sees: ScanNodes,
  // then ScanEdgeRange over two halves of the edge ids on two threads when
  // there are many; a vertex's out-edges keep edge id order. Pass a snapshot
  // when writes may run concurrently. Corruption when an edge ends at a node ScanNodes did not
  // report; ResourceExhausted past 2^32-2 nodes or edges.
  static Result<std::shared_ptr<const Projection>> Build(const storage::GraphReader& reader);

  // The same vertices, keeping only the edges whose type is in `types`
  // (a type that never occurs matches nothing).
  std::shared_ptr<const Projection> Filter(const std::vector<std::string>& types) const;

  ~Projection();
  Projection(const Projection&) = delete;
  Projection& operator=(const Projection&) = delete;

  // GraphReader::Version() of the state this projection copies.
  uint64_t version() const { return version_; }
  // The relationship types kept, sorted; empty means every type.
  const std::vector<std::string>& kept_types() const { return kept_types_; }

  size_t num_vertices() const { return nodes_->size(); }
  size_t num_edges() const { return num_edges_; }

  // The vertex of `node`, or kNoVertex when the node is not in the graph.
  Vertex VertexOf(NodeId node) const;
  NodeId NodeOf(Vertex v) const { return (*nodes_)[v]; }

  // Out-edges of `v` occupy slots [out_begin(v), out_begin(v + 1)).
  Slot out_begin(Vertex v) const { return out_rowstart_[v]; }
  Vertex target(Slot s) const { return out_target_[s]; }
  // The vertex whose out-edges hold slot `s` (a binary search).
  Vertex source(Slot s) const;
  const EdgeInfo& edge(Slot s) const { return edge_info_[s]; }
  // In-edges of `v`: their sources and the slots of the same edges.
  std::span<const Vertex> in_sources(Vertex v) const {
    return {in_source_ + in_rowstart_[v], in_source_ + in_rowstart_[v + 1]};
  }
  std::span<const Slot> in_slots(Vertex v) const {
    return {in_slot_ + in_rowstart_[v], in_slot_ + in_rowstart_[v + 1]};
  }
  uint32_t out_degree(Vertex v) const { return out_rowstart_[v + 1] - out_rowstart_[v]; }
  uint32_t in_degree(Vertex v) const { return in_rowstart_[v + 1] - in_rowstart_[v]; }

  // Every relationship type seen while building, indexed by EdgeInfo::type.
  const std::vector<std::string>& type_names() const { return *type_names_; }

  // Approximate heap bytes held (for limits and metrics).
  size_t MemoryBytes() const;

  // The Boost graph itself, for algorithms that call Boost.Graph; its type is
  // defined in query/projection_boost.h, which only query/*.cc include.
  struct BoostGraph;
  const BoostGraph& boost_graph() const { return *graph_; }

 private:
  Projection();
  void PointAtGraph();

  uint64_t version_ = 0;
  // When the node ids run without gaps (bulk imports give them so), the
  // vertex of a node is its id minus the first; otherwise VertexOf searches.
  bool dense_ids_ = false;
  std::vector<std::string> kept_types_;
  std::shared_ptr<const std::vector<NodeId>> nodes_;  // vertex -> NodeId, ascending
  std::shared_ptr<const std::vector<std::string>> type_names_;
  std::unique_ptr<BoostGraph> graph_;
  size_t num_edges_ = 0;
  // Views into graph_'s arrays (stable once built).
  const Slot* out_rowstart_ = nullptr;
  const Vertex* out_target_ = nullptr;
  const EdgeInfo* edge_info_ = nullptr;
  const Slot* in_rowstart_ = nullptr;
  const Vertex* in_source_ = nullptr;
  const Slot* in_slot_ = nullptr;
};

}  // namespace steppe::query
