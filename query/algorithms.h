#pragma once

#include <chrono>
#include <cstddef>
#include <cstdint>
#include <optional>
#include <vector>

#include "core/model.h"
#include "core/result.h"
#include "query/projection.h"

namespace steppe::query {

// Bounds on one algorithm call. Every multi-hop search keeps a visited set and
// stops with ResourceExhausted (visited vertices, bytes or paths over the
// cap) or Timeout (deadline passed) rather than exhausting memory or hanging.
struct AlgorithmLimits {
  uint64_t max_visited = 20'000'000;     // vertices a search may visit
  uint64_t max_bytes = 1ull << 30;       // working memory a call may hold
  uint64_t max_paths = 100'000;          // paths allShortestPaths may return
  std::chrono::steady_clock::time_point deadline = std::chrono::steady_clock::time_point::max();

  // Limits whose deadline is `timeout` from now.
  static AlgorithmLimits WithTimeout(std::chrono::milliseconds timeout);
};

// Which way edges are followed, as a pattern's arrow says.
enum class Direction { kOutgoing, kIncoming, kBoth };

struct PathOptions {
  Direction direction = Direction::kBoth;
  uint32_t max_hops = 15;
};

// A walk: nodes[0] -edges[0]- nodes[1] ... ; edges.size() == nodes.size() - 1.
struct Path {
  std::vector<NodeId> nodes;
  std::vector<EdgeId> edges;
  size_t length() const { return edges.size(); }
};

// A shortest path (fewest edges) from `from` to `to` over `graph`, found by a
// bidirectional breadth-first search; nullopt when none exists within
// max_hops. A node absent from the graph yields NotFound. from == to gives
// the empty path.
Result<std::optional<Path>> ShortestPath(const Projection& graph, NodeId from, NodeId to,
                                         const PathOptions& options, const AlgorithmLimits& limits);

// Every shortest path from `from` to `to` (parallel edges make distinct
// paths), in no particular order; empty when none exists within max_hops.
// ResourceExhausted when there are more than limits.max_paths.
Result<std::vector<Path>> AllShortestPaths(const Projection& graph, NodeId from, NodeId to,
                                           const PathOptions& options,
                                           const AlgorithmLimits& limits);

struct Reached {
  NodeId node = 0;
  uint32_t hops = 0;
};

// The nodes within 1..max_hops of `from` (never `from` itself), each once
// with its distance, in breadth-first order.
Result<std::vector<Reached>> Neighbourhood(const Projection& graph, NodeId from,
                                           const PathOptions& options,
                                           const AlgorithmLimits& limits);

struct Scored {
  NodeId node = 0;
  double score = 0;
};

struct PageRankOptions {
  uint32_t iterations = 20;
  double damping = 0.85;
  double tolerance = 1e-9;  // stop early once the L1 change is below this
  Direction direction = Direction::kOutgoing;
};

// PageRank of every vertex, highest first (ties by NodeId). Rank held by
// vertices without out-edges is spread evenly, so scores sum to 1.
Result<std::vector<Scored>> PageRank(const Projection& graph, const PageRankOptions& options,
                                     const AlgorithmLimits& limits);

// Betweenness centrality (Brandes) of every vertex, edges taken as
// undirected, highest first: for each unordered pair of other nodes, the
// fraction of their shortest paths through the node. Checks the deadline
// after every source; O(V*E) work, so large graphs need a generous deadline.
Result<std::vector<Scored>> Betweenness(const Projection& graph, const AlgorithmLimits& limits);

struct Component {
  NodeId node = 0;
  NodeId component = 0;  // the smallest NodeId in the node's component
};

// Weakly connected components (edge direction ignored), one entry per node in
// NodeId order.
Result<std::vector<Component>> ConnectedComponents(const Projection& graph,
                                                   const AlgorithmLimits& limits);

}  // namespace steppe::query
