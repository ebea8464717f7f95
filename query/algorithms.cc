#include "query/algorithms.h"

#include <algorithm>
#include <boost/pending/disjoint_sets.hpp>
#include <cmath>
#include <string>
#include <utility>

namespace steppe::query {
namespace {

using Vertex = Projection::Vertex;
using Slot = Projection::Slot;
using Clock = std::chrono::steady_clock;

// Reading the clock on every arc would cost more than the arc; every this
// many units of work is often enough to stop within a millisecond or so.
constexpr uint32_t kDeadlineStride = 4096;

// Counts what a call visits and holds against its AlgorithmLimits.
class Budget {
 public:
  Budget(const AlgorithmLimits& limits, const char* what) : limits_(limits), what_(what) {}

  // Accounts for `bytes` more working memory.
  Status Hold(uint64_t bytes) {
    bytes_ += bytes;
    if (bytes_ > limits_.max_bytes) {
      return Status::ResourceExhausted(std::string(what_) + ": needs more than " +
                                       std::to_string(limits_.max_bytes) +
                                       " bytes of working memory (the limit)");
    }
    return Status::OK();
  }

  // Accounts for one more visited vertex.
  Status Visit() {
    if (++visited_ > limits_.max_visited) {
      return Status::ResourceExhausted(std::string(what_) + ": visited more than " +
                                       std::to_string(limits_.max_visited) +
                                       " vertices (the limit)");
    }
    return Tick();
  }

  // Accounts for a unit of work; checks the deadline now and then.
  Status Tick() {
    if (++ticks_ % kDeadlineStride != 0) return Status::OK();
    return CheckDeadline();
  }

  Status CheckDeadline() const {
    if (Clock::now() > limits_.deadline) {
      return Status::Timeout(std::string(what_) + ": ran past its deadline");
    }
    return Status::OK();
  }

  const AlgorithmLimits& limits() const { return limits_; }
  const char* what() const { return what_; }

 private:
  const AlgorithmLimits& limits_;
  const char* what_;
  uint64_t bytes_ = 0;
  uint64_t visited_ = 0;
  uint64_t ticks_ = 0;
};

Direction Reverse(Direction d) {
  switch (d) {
    case Direction::kOutgoing: return Direction::kIncoming;
    case Direction::kIncoming: return Direction::kOutgoing;
    case Direction::kBoth: return Direction::kBoth;
  }
  return d;
}

// Calls visit(other_end, slot) for each edge at `v` followed in direction `d`.
// Returns false as soon as visit does.
template <typename Visit>
bool ForEachArc(const Projection& g, Vertex v, Direction d, Visit&& visit) {
  if (d != Direction::kIncoming) {
    for (Slot s = g.out_begin(v), end = g.out_begin(v + 1); s < end; ++s) {
      if (!visit(g.target(s), s)) return false;
    }
  }
  if (d != Direction::kOutgoing) {
    auto sources = g.in_sources(v);
    auto slots = g.in_slots(v);
    for (size_t i = 0; i < sources.size(); ++i) {
      if (!visit(sources[i], slots[i])) return false;
    }
  }
  return true;
}

// A per-vertex uint32 array, zero when unvisited, taken from a per-thread
// pool so that a search costs what it visits rather than O(vertices) to clear:
// on release only the touched entries are reset.
class VisitArray {
 public:
  explicit VisitArray(size_t size) {
    std::vector<std::vector<uint32_t>>& pool = Pool();
    if (!pool.empty()) {
      values_ = std::move(pool.back());
      pool.pop_back();
    }
    if (values_.size() < size) values_.assign(size, 0);
  }
  ~VisitArray() {
    for (Vertex v : touched_) values_[v] = 0;
    Pool().push_back(std::move(values_));
  }
  VisitArray(const VisitArray&) = delete;
  VisitArray& operator=(const VisitArray&) = delete;

  uint32_t operator[](Vertex v) const { return values_[v]; }
  void Set(Vertex v, uint32_t value) {
    if (values_[v] == 0) touched_.push_back(v);
    values_[v] = value;
  }

 private:
  static std::vector<std::vector<uint32_t>>& Pool() {
    thread_local std::vector<std::vector<uint32_t>> pool;
    return pool;
  }
  std::vector<uint32_t> values_;
  std::vector<Vertex> touched_;
};

Result<Vertex> VertexOrNotFound(const Projection& g, NodeId node, const char* what) {
  Vertex v = g.VertexOf(node);
  if (v == Projection::kNoVertex) {
    return Status::NotFound(std::string(what) + ": node " + std::to_string(node) +
                            " is not in the graph");
  }
  return v;
}

// One side of a bidirectional breadth-first search. depth[v] is v's distance
// from the side's root plus one (0: not reached).
struct SearchSide {
  SearchSide(size_t vertices, Vertex root, Direction d) : depth(vertices), direction(d) {
    depth.Set(root, 1);
    frontier.push_back(root);
  }
  VisitArray depth;
  Direction direction;  // the way this side follows edges
  std::vector<Vertex> frontier;
  uint32_t level = 0;
};

// An edge where the two searches met: `near` is reached from `from`, `far`
// from `to`.
struct Meeting {
  Vertex near;
  Slot slot;
  Vertex far;
};

// Bidirectional BFS between `from` and `to` (REQUIRES: distinct). Expands
// the smaller frontier one whole level at a time. Once the levels searched
// sum to a + b without the sides touching, the distance exceeds a + b, so every
// edge found from a frontier into the other side closes a shortest path;
// `all` collects every such edge of the level, otherwise the first is enough.
class Bidirectional {
 public:
  Bidirectional(const Projection& g, Vertex from, Vertex to, const PathOptions& options)
      : g_(g),
        forward_(g.num_vertices(), from, options.direction),
        backward_(g.num_vertices(), to, Reverse(options.direction)),
        max_hops_(options.max_hops) {}

  Status Run(bool all, Budget& budget) {
    STEPPE_RETURN_IF_ERROR(budget.Hold(2 * sizeof(uint32_t) * uint64_t{g_.num_vertices()}));
    while (forward_.level + backward_.level < max_hops_ && meetings_.empty()) {
      if (forward_.frontier.empty() || backward_.frontier.empty()) break;
      bool forward_smaller = forward_.frontier.size() <= backward_.frontier.size();
      SearchSide& near = forward_smaller ? forward_ : backward_;
      SearchSide& far = forward_smaller ? backward_ : forward_;
      STEPPE_RETURN_IF_ERROR(ExpandLevel(near, far, forward_smaller, all, budget));
    }
    return Status::OK();
  }

  const std::vector<Meeting>& meetings() const { return meetings_; }
  const SearchSide& forward() const { return forward_; }
  const SearchSide& backward() const { return backward_; }

 private:
  Status ExpandLevel(SearchSide& near, const SearchSide& far, bool near_is_forward, bool all,
                     Budget& budget) {
    std::vector<Vertex> next;
    Status status;
    uint32_t next_depth = near.level + 2;
    for (Vertex u : near.frontier) {
      bool go_on = ForEachArc(g_, u, near.direction, [&](Vertex w, Slot s) {
        if (far.depth[w] != 0) {
          meetings_.push_back(near_is_forward ? Meeting{u, s, w} : Meeting{w, s, u});
          return all;
        }
        if (near.depth[w] == 0) {
          near.depth.Set(w, next_depth);
          next.push_back(w);
          status = budget.Visit();
          if (status.ok()) status = budget.Hold(3 * sizeof(uint32_t));
          return status.ok();
        }
        status = budget.Tick();
        return status.ok();
      });
      STEPPE_RETURN_IF_ERROR(status);
      if (!go_on) break;
    }
    near.frontier = std::move(next);
    ++near.level;
    return Status::OK();
  }

  const Projection& g_;
  SearchSide forward_;
  SearchSide backward_;
  uint32_t max_hops_;
  std::vector<Meeting> meetings_;
};

// A chain of edges from a side's root to some vertex: the vertices after the
// root and the slots leading to them, both root-first.
struct Chain {
  std::vector<Vertex> vertices;
  std::vector<Slot> slots;
};

// Calls emit(chain) for every shortest chain from the side's root to `v`
// (or only the first when `all` is false), walking back to neighbours one
// level closer. Returns false once emit does.
template <typename Emit>
bool ForEachChain(const Projection& g, const SearchSide& side, Vertex v, bool all, Chain& suffix,
                  Emit&& emit) {
  uint32_t depth = side.depth[v];
  if (depth == 1) return emit(suffix);
  bool go_on = true;
  ForEachArc(g, v, Reverse(side.direction), [&](Vertex p, Slot s) {
    if (side.depth[p] != depth - 1) return true;
    suffix.vertices.push_back(v);
    suffix.slots.push_back(s);
    go_on = ForEachChain(g, side, p, all, suffix, emit);
    suffix.vertices.pop_back();
    suffix.slots.pop_back();
    return go_on && all;
  });
  return go_on;
}

// Joins a chain from `from` to the meeting's near end, the meeting edge, and
// a chain from the far end to `to`. Chains come as ForEachChain walks them,
// from their far vertex back towards the root: vertices[i] and the next vertex
// (the root after the last) are joined by slots[i].
Path JoinPath(const Projection& g, Vertex from, Vertex to, const Chain& forward_chain,
              const Meeting& m, const Chain& backward_chain) {
  Path path;
  path.nodes.push_back(g.NodeOf(from));
  for (size_t i = forward_chain.vertices.size(); i-- > 0;) {
    path.edges.push_back(g.edge(forward_chain.slots[i]).id);
    path.nodes.push_back(g.NodeOf(forward_chain.vertices[i]));
  }
  path.edges.push_back(g.edge(m.slot).id);
  path.nodes.push_back(g.NodeOf(m.far));
  for (size_t i = 0; i < backward_chain.vertices.size(); ++i) {
    path.edges.push_back(g.edge(backward_chain.slots[i]).id);
    bool last = i + 1 == backward_chain.vertices.size();
    path.nodes.push_back(g.NodeOf(last ? to : backward_chain.vertices[i + 1]));
  }
  return path;
}

Result<std::vector<Path>> SearchPaths(const Projection& g, NodeId from, NodeId to,
                                      const PathOptions& options, const AlgorithmLimits& limits,
                                      bool all, const char* what) {
  Result<Vertex> source = VertexOrNotFound(g, from, what);
  if (!source.ok()) return source.status();
  Result<Vertex> target = VertexOrNotFound(g, to, what);
  if (!target.ok()) return target.status();
  std::vector<Path> paths;
  if (*source == *target) {
    paths.push_back(Path{{from}, {}});
    return paths;
  }
  Budget budget(limits, what);
  Bidirectional search(g, *source, *target, options);
  STEPPE_RETURN_IF_ERROR(search.Run(all, budget));

  Status status;
  for (const Meeting& m : search.meetings()) {
    Chain forward_suffix, backward_suffix;
    bool go_on = ForEachChain(g, search.forward(), m.near, all, forward_suffix, [&](const Chain& fc) {
      return ForEachChain(g, search.backward(), m.far, all, backward_suffix, [&](const Chain& bc) {
        if (paths.size() >= limits.max_paths) {
          status = Status::ResourceExhausted(std::string(what) + ": more than " +
                                             std::to_string(limits.max_paths) +
                                             " shortest paths (the limit)");
          return false;
        }
        paths.push_back(JoinPath(g, *source, *target, fc, m, bc));
        status = budget.Tick();
        return status.ok() && all;
      });
    });
    STEPPE_RETURN_IF_ERROR(status);
    if (!go_on) break;
  }
  return paths;
}

}  // namespace

AlgorithmLimits AlgorithmLimits::WithTimeout(std::chrono::milliseconds timeout) {
  AlgorithmLimits limits;
  limits.deadline = Clock::now() + timeout;
  return limits;
}

Result<std::optional<Path>> ShortestPath(const Projection& graph, NodeId from, NodeId to,
                                         const PathOptions& options, const AlgorithmLimits& limits) {
  Result<std::vector<Path>> paths =
      SearchPaths(graph, from, to, options, limits, /*all=*/false, "shortestPath");
  if (!paths.ok()) return paths.status();
  if (paths->empty()) return std::optional<Path>();
  return std::optional<Path>(std::move(paths->front()));
}

Result<std::vector<Path>> AllShortestPaths(const Projection& graph, NodeId from, NodeId to,
                                           const PathOptions& options,
                                           const AlgorithmLimits& limits) {
  return SearchPaths(graph, from, to, options, limits, /*all=*/true, "allShortestPaths");
}

Result<std::vector<Reached>> Neighbourhood(const Projection& graph, NodeId from,
                                           const PathOptions& options,
                                           const AlgorithmLimits& limits) {
  Result<Vertex> root = VertexOrNotFound(graph, from, "neighbourhood");
  if (!root.ok()) return root.status();
  Budget budget(limits, "neighbourhood");
  STEPPE_RETURN_IF_ERROR(budget.Hold(sizeof(uint32_t) * uint64_t{graph.num_vertices()}));
  VisitArray seen(graph.num_vertices());
  seen.Set(*root, 1);
  std::vector<Reached> reached;
  std::vector<Vertex> frontier{*root}, next;
  Status status;
  for (uint32_t hops = 1; hops <= options.max_hops && !frontier.empty(); ++hops) {
    next.clear();
    for (Vertex u : frontier) {
      ForEachArc(graph, u, options.direction, [&](Vertex w, Slot) {
        if (seen[w] != 0) {
          status = budget.Tick();
          return status.ok();
        }
        seen.Set(w, 1);
        next.push_back(w);
        reached.push_back(Reached{graph.NodeOf(w), hops});
        status = budget.Visit();
        if (status.ok()) status = budget.Hold(sizeof(Reached) + 2 * sizeof(Vertex));
        return status.ok();
      });
      STEPPE_RETURN_IF_ERROR(status);
    }
    std::swap(frontier, next);
  }
  return reached;
}

namespace {

// Sorts by score, highest first, ties by NodeId.
std::vector<Scored> Ranked(const Projection& g, const std::vector<double>& score) {
  std::vector<Scored> out(score.size());
  for (Vertex v = 0; v < score.size(); ++v) out[v] = Scored{g.NodeOf(v), score[v]};
  std::stable_sort(out.begin(), out.end(),
                   [](const Scored& a, const Scored& b) { return a.score > b.score; });
  return out;
}

}  // namespace

Result<std::vector<Scored>> PageRank(const Projection& graph, const PageRankOptions& options,
                                     const AlgorithmLimits& limits) {
  if (options.damping < 0 || options.damping > 1 || std::isnan(options.damping)) {
    return Status::InvalidArgument("pageRank: damping must lie in [0, 1], not " +
                                   std::to_string(options.damping));
  }
  const size_t n = graph.num_vertices();
  Budget budget(limits, "pageRank");
  STEPPE_RETURN_IF_ERROR(budget.Hold(3 * sizeof(double) * uint64_t{n}));
  if (n == 0) return std::vector<Scored>();

  // Rank flows along `direction`; it arrives at v from the ends of v's
  // arcs taken the other way.
  const Direction along = options.direction;
  const Direction back = Reverse(along);
  std::vector<double> degree(n);
  for (Vertex v = 0; v < n; ++v) {
    if (along != Direction::kIncoming) degree[v] += graph.out_degree(v);
    if (along != Direction::kOutgoing) degree[v] += graph.in_degree(v);
  }
  std::vector<double> rank(n, 1.0 / static_cast<double>(n)), share(n), next(n);
  for (uint32_t iteration = 0; iteration < options.iterations; ++iteration) {
    STEPPE_RETURN_IF_ERROR(budget.CheckDeadline());
    // Rank of vertices with nowhere to send it goes to everyone alike.
    double dangling = 0;
    for (Vertex v = 0; v < n; ++v) {
      if (degree[v] == 0) {
        dangling += rank[v];
        share[v] = 0;
      } else {
        share[v] = rank[v] / degree[v];
      }
    }
    const double base =
        (1.0 - options.damping + options.damping * dangling) / static_cast<double>(n);
    double change = 0;
    for (Vertex v = 0; v < n; ++v) {
      double incoming = 0;
      ForEachArc(graph, v, back, [&](Vertex u, Slot) {
        incoming += share[u];
        return true;
      });
      next[v] = base + options.damping * incoming;
      change += std::abs(next[v] - rank[v]);
    }
    std::swap(rank, next);
    if (change < options.tolerance) break;
  }
  return Ranked(graph, rank);
}

Result<std::vector<Scored>> Betweenness(const Projection& graph, const AlgorithmLimits& limits) {
  const size_t n = graph.num_vertices();
  Budget budget(limits, "betweenness");
  // Per vertex: centrality, dependency, path count (double each), distance
  // and the visiting order (uint32 each).
  STEPPE_RETURN_IF_ERROR(budget.Hold((3 * sizeof(double) + 2 * sizeof(uint32_t)) * uint64_t{n}));
  constexpr uint32_t kUnseen = UINT32_MAX;
  std::vector<double> centrality(n, 0), dependency(n), paths(n);
  std::vector<uint32_t> distance(n, kUnseen);
  std::vector<Vertex> order;
  order.reserve(n);
  for (Vertex s = 0; s < n; ++s) {
    STEPPE_RETURN_IF_ERROR(budget.CheckDeadline());
    // Brandes: count shortest paths from s breadth-first...
    order.clear();
    order.push_back(s);
    distance[s] = 0;
    paths[s] = 1;
    for (size_t head = 0; head < order.size(); ++head) {
      Vertex v = order[head];
      ForEachArc(graph, v, Direction::kBoth, [&](Vertex w, Slot) {
        if (distance[w] == kUnseen) {
          distance[w] = distance[v] + 1;
          paths[w] = 0;
          order.push_back(w);
        }
        if (distance[w] == distance[v] + 1) paths[w] += paths[v];
        return true;
      });
    }
    // ...then accumulate dependencies from the farthest vertex back. A
    // predecessor is any neighbour one step closer to s, so no lists of
    // predecessors are kept.
    for (Vertex v : order) dependency[v] = 0;
    for (size_t i = order.size(); i-- > 1;) {
      Vertex w = order[i];
      double push = (1.0 + dependency[w]) / paths[w];
      ForEachArc(graph, w, Direction::kBoth, [&](Vertex v, Slot) {
        if (distance[v] + 1 == distance[w]) dependency[v] += paths[v] * push;
        return true;
      });
      centrality[w] += dependency[w];
    }
    for (Vertex v : order) distance[v] = kUnseen;
  }
  // Each unordered pair was counted from both of its ends.
  for (double& c : centrality) c /= 2;
  return Ranked(graph, centrality);
}

Result<std::vector<Component>> ConnectedComponents(const Projection& graph,
                                                   const AlgorithmLimits& limits) {
  const size_t n = graph.num_vertices();
  Budget budget(limits, "components");
  STEPPE_RETURN_IF_ERROR(budget.Hold(3 * sizeof(Vertex) * uint64_t{n}));
  std::vector<Vertex> rank(n), parent(n);
  boost::disjoint_sets<Vertex*, Vertex*> sets(rank.data(), parent.data());
  for (Vertex v = 0; v < n; ++v) sets.make_set(v);
  for (Vertex v = 0; v < n; ++v) {
    for (Slot s = graph.out_begin(v), end = graph.out_begin(v + 1); s < end; ++s) {
      sets.union_set(v, graph.target(s));
      STEPPE_RETURN_IF_ERROR(budget.Tick());
    }
  }
  // Name each component by its smallest vertex, which holds its smallest NodeId.
  std::vector<Vertex> smallest(n, Projection::kNoVertex);
  std::vector<Component> out(n);
  for (Vertex v = 0; v < n; ++v) {
    Vertex root = sets.find_set(v);
    if (smallest[root] == Projection::kNoVertex) smallest[root] = v;
    out[v] = Component{graph.NodeOf(v), graph.NodeOf(smallest[root])};
  }
  return out;
}

}  // namespace steppe::query
