#include "query/projection.h"

#include <algorithm>
#include <limits>
#include <thread>
#include <utility>

#include "query/projection_boost.h"

namespace steppe::query {
namespace {

using Graph = Projection::BoostGraph::Graph;
using EdgePair = std::pair<Projection::Vertex, Projection::Vertex>;

constexpr uint64_t kMaxCount = std::numeric_limits<uint32_t>::max() - 1;

// Maps type names to small indexes. Edges come in runs of one type, so the
// last hit answers almost every call.
class TypeTable {
 public:
  uint32_t IndexOf(std::string_view type) {
    if (last_ < names_.size() && names_[last_] == type) return last_;
    for (uint32_t i = 0; i < names_.size(); ++i) {
      if (names_[i] == type) return last_ = i;
    }
    names_.emplace_back(type);
    return last_ = static_cast<uint32_t>(names_.size() - 1);
  }
  const std::vector<std::string>& names() const { return names_; }
  std::vector<std::string> Take() { return std::move(names_); }

 private:
  std::vector<std::string> names_;
  uint32_t last_ = 0;
};

// Below this many edges one thread scans them all.
constexpr uint64_t kParallelScanEdges = 1 << 18;

// The edges of one id range, as vertex pairs with their infos; the infos'
// types index this part's own table.
struct EdgePart {
  explicit EdgePart(uint64_t expected) {
    pairs.reserve(expected);
    infos.reserve(expected);
  }

  void Scan(const storage::GraphReader& reader, const Projection& projection, EdgeId first,
            EdgeId last) {
    Status missing;
    status = reader.ScanEdgeRange(first, last, [&](const storage::EdgeRef& e) {
      Projection::Vertex from = projection.VertexOf(e.src);
      Projection::Vertex to = projection.VertexOf(e.dst);
      if (from == Projection::kNoVertex || to == Projection::kNoVertex) {
        missing = Status::Corruption("projection: edge " + std::to_string(e.edge) + " joins node " +
                                     std::to_string(from == Projection::kNoVertex ? e.src : e.dst) +
                                     ", which is not stored");
        return false;
      }
      pairs.emplace_back(from, to);
      infos.push_back(Projection::EdgeInfo{e.edge, types.IndexOf(e.type)});
      return pairs.size() <= kMaxCount;
    });
    if (status.ok()) status = missing;
  }

  // Appends `later`'s edges (of higher ids), its types mapped into this table.
  void Append(EdgePart&& later) {
    std::vector<uint32_t> type_map;
    for (const std::string& name : later.types.names()) type_map.push_back(types.IndexOf(name));
    pairs.insert(pairs.end(), later.pairs.begin(), later.pairs.end());
    for (const Projection::EdgeInfo& info : later.infos)
      infos.push_back(Projection::EdgeInfo{info.id, type_map[info.type]});
  }

  std::vector<EdgePair> pairs;
  std::vector<Projection::EdgeInfo> infos;
  TypeTable types;
  Status status;
};

}  // namespace

Projection::Projection() = default;
Projection::~Projection() = default;

void Projection::PointAtGraph() {
  const Graph& g = graph_->graph;
  num_edges_ = g.m_forward.m_column.size();
  out_rowstart_ = g.m_forward.m_rowstart.data();
  out_target_ = g.m_forward.m_column.data();
  // Edge bundles live in one vector indexed by slot; take its first element.
  edge_info_ = num_edges_ == 0 ? nullptr : &g[Graph::edge_descriptor(0, 0)];
  in_rowstart_ = g.m_backward.m_rowstart.data();
  in_source_ = g.m_backward.m_column.data();
  // The backward structure's bundle is the slot of each in-edge.
  in_slot_ = num_edges_ == 0 ? nullptr
                             : &get(g.m_backward.get_edge_bundle(), Graph::edge_descriptor(0, 0));
}

Result<std::shared_ptr<const Projection>> Projection::Build(const storage::GraphReader& reader) {
  std::shared_ptr<Projection> projection(new Projection());
  projection->version_ = reader.Version();

  // The stored counts size the arrays up front (a hint: the scans decide).
  Result<storage::GraphStats> stats = reader.Stats();
  if (!stats.ok()) return stats.status();
  auto nodes = std::make_shared<std::vector<NodeId>>();
  nodes->reserve(std::min<uint64_t>(stats->nodes, kMaxCount + 1));
  STEPPE_RETURN_IF_ERROR(reader.ScanNodes([&](NodeId id) {
    nodes->push_back(id);
    return nodes->size() <= kMaxCount;
  }));
  if (nodes->size() > kMaxCount) {
    return Status::ResourceExhausted("projection: more than 2^32-2 nodes");
  }
  // ScanNodes promises id order; VertexOf's binary search relies on it.
  if (!std::is_sorted(nodes->begin(), nodes->end())) {
    return Status::Corruption("projection: ScanNodes did not return ids in order");
  }
  projection->nodes_ = nodes;
  projection->dense_ids_ = !nodes->empty() && nodes->back() - nodes->front() + 1 == nodes->size();

  // Sequential passes over the edges (the scan decodes only each record's
  // head) cost far less than a ScanOut seek per node. Large graphs are read
  // as two id ranges on two threads; the first range's edges come first, so
  // the edges stay in id order, and Boost's counting sort then groups them
  // by source, keeping id order within.
  const uint64_t expected = std::min<uint64_t>(stats->edges, kMaxCount + 1);
  const EdgeId split = expected >= kParallelScanEdges ? expected / 2 + 1 : UINT64_MAX;
  EdgePart first(expected), second(split == UINT64_MAX ? 0 : expected - expected / 2);
  std::thread second_scan;
  if (split != UINT64_MAX)
    second_scan = std::thread([&] { second.Scan(reader, *projection, split, UINT64_MAX); });
  first.Scan(reader, *projection, 0, split);
  if (second_scan.joinable()) second_scan.join();
  STEPPE_RETURN_IF_ERROR(first.status);
  STEPPE_RETURN_IF_ERROR(second.status);
  first.Append(std::move(second));
  std::vector<EdgePair>& pairs = first.pairs;
  std::vector<EdgeInfo>& infos = first.infos;
  if (pairs.size() > kMaxCount) {
    return Status::ResourceExhausted("projection: more than 2^32-2 edges");
  }
  projection->type_names_ = std::make_shared<std::vector<std::string>>(first.types.Take());
  projection->graph_ = std::make_unique<BoostGraph>(
      BoostGraph{Graph(boost::edges_are_unsorted_multi_pass, pairs.begin(), pairs.end(),
                       infos.begin(), static_cast<Vertex>(nodes->size()))});
  projection->PointAtGraph();
  return std::shared_ptr<const Projection>(std::move(projection));
}

std::shared_ptr<const Projection> Projection::Filter(const std::vector<std::string>& types) const {
  std::vector<bool> keep(type_names_->size(), false);
  for (size_t t = 0; t < type_names_->size(); ++t) {
    keep[t] = std::find(types.begin(), types.end(), (*type_names_)[t]) != types.end();
  }
  std::vector<EdgePair> pairs;
  std::vector<EdgeInfo> infos;
  for (Vertex v = 0; v < num_vertices(); ++v) {
    for (Slot s = out_begin(v); s < out_begin(v + 1); ++s) {
      if (!keep[edge(s).type]) continue;
      pairs.emplace_back(v, target(s));
      infos.push_back(edge(s));
    }
  }
  std::shared_ptr<Projection> filtered(new Projection());
  filtered->version_ = version_;
  filtered->kept_types_ = types;
  std::sort(filtered->kept_types_.begin(), filtered->kept_types_.end());
  filtered->kept_types_.erase(std::unique(filtered->kept_types_.begin(), filtered->kept_types_.end()),
                              filtered->kept_types_.end());
  filtered->nodes_ = nodes_;
  filtered->dense_ids_ = dense_ids_;
  filtered->type_names_ = type_names_;
  filtered->graph_ = std::make_unique<BoostGraph>(
      BoostGraph{Graph(boost::edges_are_unsorted_multi_pass, pairs.begin(), pairs.end(),
                       infos.begin(), static_cast<Vertex>(num_vertices()))});
  filtered->PointAtGraph();
  return filtered;
}

Projection::Vertex Projection::VertexOf(NodeId node) const {
  if (dense_ids_) {
    NodeId first = nodes_->front();
    return node >= first && node - first < nodes_->size() ? static_cast<Vertex>(node - first)
                                                           : kNoVertex;
  }
  auto it = std::lower_bound(nodes_->begin(), nodes_->end(), node);
  if (it == nodes_->end() || *it != node) return kNoVertex;
  return static_cast<Vertex>(it - nodes_->begin());
}

Projection::Vertex Projection::source(Slot s) const {
  // The last row that starts at or before `s`; empty rows share a start, so
  // take the last of equal starts.
  const Slot* row = std::upper_bound(out_rowstart_, out_rowstart_ + num_vertices() + 1, s);
  return static_cast<Vertex>(row - out_rowstart_ - 1);
}

size_t Projection::MemoryBytes() const {
  size_t v = num_vertices() + 1;
  size_t e = num_edges_;
  return nodes_->size() * sizeof(NodeId) + 2 * v * sizeof(Slot) +
         e * (sizeof(Vertex) + sizeof(EdgeInfo) + sizeof(Vertex) + sizeof(Slot));
}

}  // namespace steppe::query
