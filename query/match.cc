#include "query/match.h"

#include <algorithm>
#include <deque>
#include <functional>
#include <thread>
#include <unordered_map>
#include <unordered_set>

#include "query/algorithms.h"
#include "query/eval.h"
#include "query/projection.h"

namespace steppe::query {
namespace {

HopDirection DirectionOf(const ast::RelPattern& rel, bool reversed) {
  switch (rel.direction) {
    case ast::Direction::kBoth: return HopDirection::kBoth;
    case ast::Direction::kOut: return reversed ? HopDirection::kIn : HopDirection::kOut;
    case ast::Direction::kIn: return reversed ? HopDirection::kOut : HopDirection::kIn;
  }
  return HopDirection::kBoth;
}

bool PropsMatch(const ast::Expr* props, const Properties* stored, const Row& row,
                ExecContext& ctx) {
  if (!props) return true;
  Value wanted = Eval(*props, row, ctx);
  if (wanted.is_null()) return true;
  if (!wanted.is_map()) ThrowTypeError("a pattern's properties must be a Map");
  for (const auto& [key, value] : wanted.as_map()) {
    if (!stored) return false;
    auto it = stored->find(key);
    if (it == stored->end()) return false;
    if (CypherEquals(Value::FromCore(it->second), value) != true) return false;
  }
  return true;
}

bool NodeMatches(const ast::NodePattern& pattern, NodeId id, const Row& row, ExecContext& ctx) {
  // Labels alone are checked on the cached projection, without reading the node.
  if (!pattern.props)
    if (const Projection* topology = ctx.Topology(false)) {
      Projection::Vertex v = topology->VertexOf(id);
      if (v != Projection::kNoVertex) {
        for (const auto& label : pattern.labels)
          if (!ctx.LabelMarks(label)[v]) return false;
        return true;
      }
    }
  const Node* node = ctx.txn().GetNode(id);
  if (!node) return false;
  for (const auto& label : pattern.labels)
    if (!node->HasLabel(label)) return false;
  return PropsMatch(pattern.props.get(), &node->props, row, ctx);
}

bool RelMatches(const ast::RelPattern& pattern, EdgeId id, const Row& row, ExecContext& ctx) {
  if (!pattern.props) return true;
  const Edge* edge = ctx.txn().GetEdge(id);
  return PropsMatch(pattern.props.get(), edge ? &edge->props : nullptr, row, ctx);
}

// Binds `pattern` to node `id` in `row`; false when it does not fit.
bool BindNode(const ast::NodePattern& pattern, NodeId id, Row& row, ExecContext& ctx) {
  Value& slot = row[pattern.slot];
  if (!slot.is_null()) {
    if (!slot.is_node() || slot.node_id() != id) return false;
  }
  if (!NodeMatches(pattern, id, row, ctx)) return false;
  if (slot.is_null()) slot = NodeRefValue(id);
  return true;
}

// wanted[t]: whether the projection's relationship type t is one of `types`
// (every type when `types` is empty), so that edges are filtered by index.
std::vector<bool> WantedTypes(const Projection& g, const std::vector<std::string>& types) {
  const auto& names = g.type_names();
  std::vector<bool> wanted(names.size(), types.empty());
  for (const auto& type : types)
    for (size_t i = 0; i < names.size(); ++i)
      if (names[i] == type) wanted[i] = true;
  return wanted;
}

// The hops at `at` read from the cached projection; false when `at` is not
// in it (the caller asks the store).
bool TopologyHops(const Projection& g, NodeId at, HopDirection direction,
                  const std::vector<std::string>& types, std::vector<Hop>& hops) {
  Projection::Vertex v = g.VertexOf(at);
  if (v == Projection::kNoVertex) return false;
  const auto& names = g.type_names();
  const std::vector<bool> wanted = WantedTypes(g, types);
  if (direction != HopDirection::kIn)
    for (Projection::Slot s = g.out_begin(v); s < g.out_begin(v + 1); ++s) {
      const Projection::EdgeInfo& info = g.edge(s);
      if (!wanted[info.type]) continue;
      NodeId other = g.NodeOf(g.target(s));
      hops.push_back(Hop{info.id, at, other, other, names[info.type]});
    }
  if (direction != HopDirection::kOut) {
    auto sources = g.in_sources(v);
    auto slots = g.in_slots(v);
    for (size_t k = 0; k < sources.size(); ++k) {
      if (direction == HopDirection::kBoth && sources[k] == v) continue;  // reported as out
      const Projection::EdgeInfo& info = g.edge(slots[k]);
      if (!wanted[info.type]) continue;
      NodeId other = g.NodeOf(sources[k]);
      hops.push_back(Hop{info.id, other, at, other, names[info.type]});
    }
  }
  return true;
}

struct Dfs {
  const std::vector<MatchStep>& steps;
  ExecContext& ctx;
  const std::function<bool(const Row&)>& emit;
  std::vector<EdgeId> used;  // relationships matched so far: each at most once
  bool stopped = false;

  bool Used(EdgeId id) const { return std::find(used.begin(), used.end(), id) != used.end(); }

  void Run(size_t i, Row& row) {
    if (stopped) return;
    ctx.CheckDeadline();
    if (i == steps.size()) {
      if (!emit(row)) stopped = true;
      return;
    }
    const MatchStep& step = steps[i];
    switch (step.kind) {
      case MatchStep::Kind::kBoundNode: {
        const Value& v = row[step.node->slot];
        if (!v.is_node() || !NodeMatches(*step.node, v.node_id(), row, ctx)) return;
        Run(i + 1, row);
        return;
      }
      case MatchStep::Kind::kAllNodesScan:
      case MatchStep::Kind::kLabelScan:
      case MatchStep::Kind::kNameSeek:
      case MatchStep::Kind::kPropertySeek: Scan(i, step, row); return;
      case MatchStep::Kind::kExpand: Expand(i, step, row); return;
      case MatchStep::Kind::kVarExpand: VarExpand(i, step, row); return;
      case MatchStep::Kind::kShortestPath: Shortest(i, step, row); return;
      case MatchStep::Kind::kFilter: {
        Value keep = Eval(*step.value, row, ctx);
        if (keep.is_bool() && keep.as_bool()) Run(i + 1, row);
        else if (!keep.is_bool() && !keep.is_null())
          ThrowTypeError("WHERE expects a Boolean, got " + std::string(keep.TypeName()));
        return;
      }
      case MatchStep::Kind::kNamedPath: {
        row[step.part->path_slot] = BuildPath(*step.part, row);
        Run(i + 1, row);
        row[step.part->path_slot] = Value();
        return;
      }
    }
  }

  Value BuildPath(const ast::PatternPart& part, const Row& row) {
    PathValue path;
    const Value& first = row[part.nodes[0].slot];
    if (!first.is_node()) return Value();
    path.nodes.push_back(first.as_node());
    for (size_t k = 0; k < part.rels.size(); ++k) {
      const Value& r = row[part.rels[k].slot];
      std::vector<const RelValue*> rels;
      if (r.is_relationship()) rels.push_back(&r.as_relationship());
      else if (r.is_list())
        for (const auto& item : r.as_list()) rels.push_back(&item.as_relationship());
      else if (r.is_path()) {
        // shortestPath binds the part's path directly
        return r;
      }
      for (const RelValue* rel : rels) {
        NodeId at = path.nodes.back().id;
        NodeId next = rel->src == at ? rel->dst : rel->src;
        path.rels.push_back(*rel);
        NodeValue node;
        node.id = next;
        path.nodes.push_back(std::move(node));
      }
    }
    return Value(std::move(path));
  }

  void Scan(size_t i, const MatchStep& step, Row& row) {
    std::vector<NodeId> ids;
    bool scanned = false;
    if (step.kind == MatchStep::Kind::kNameSeek || step.kind == MatchStep::Kind::kPropertySeek) {
      Value v = Eval(*step.value, row, ctx);
      if (v.is_null()) return;  // `= null` matches nothing
      std::optional<std::vector<NodeId>> found;
      if (step.kind == MatchStep::Kind::kNameSeek && v.is_string())
        found = ctx.txn().FindByName(v.as_string());
      else if (step.kind == MatchStep::Kind::kPropertySeek && v.IsStorable())
        found = ctx.txn().FindByProperty(step.label, step.key, v.ToCore());
      if (found) {
        ids = std::move(*found);
        scanned = true;
      }
    }
    if (!scanned) {
      auto collect = [&](NodeId id) {
        ids.push_back(id);
        return true;
      };
      Status s = step.label.empty() || step.kind == MatchStep::Kind::kAllNodesScan
                     ? ctx.txn().ScanNodes(collect)
                     : ctx.txn().ScanLabel(step.label, collect);
      if (!s.ok()) throw QueryError{s};
    }
    ctx.Charge(ids.size() * sizeof(NodeId));
    for (NodeId id : ids) {
      if (stopped) break;
      if (!BindNode(*step.node, id, row, ctx)) continue;
      Run(i + 1, row);
      row[step.node->slot] = Value();
    }
    ctx.Release(ids.size() * sizeof(NodeId));
  }

  std::vector<Hop> Hops(NodeId at, const ast::RelPattern& rel, bool reversed) {
    std::vector<Hop> hops;
    if (const Projection* topology = ctx.Topology(false))
      if (TopologyHops(*topology, at, DirectionOf(rel, reversed), rel.types, hops)) return hops;
    Status s = ctx.txn().Expand(at, DirectionOf(rel, reversed), rel.types, [&](const Hop& hop) {
      hops.push_back(hop);
      return true;
    });
    if (!s.ok()) throw QueryError{s};
    return hops;
  }

  void Expand(size_t i, const MatchStep& step, Row& row) {
    const Value& from = row[step.from->slot];
    if (!from.is_node()) return;
    const Value bound_rel = row[step.rel->slot];
    for (const Hop& hop : Hops(from.node_id(), *step.rel, step.reversed)) {
      if (stopped) return;
      if (Used(hop.edge)) continue;
      if (!bound_rel.is_null() &&
          (!bound_rel.is_relationship() || bound_rel.as_relationship().id != hop.edge))
        continue;
      if (!RelMatches(*step.rel, hop.edge, row, ctx)) continue;
      bool node_was_null = row[step.node->slot].is_null();
      if (!BindNode(*step.node, hop.other, row, ctx)) continue;
      if (step.bind_rel) row[step.rel->slot] = RelRefValue(hop.edge, hop.type, hop.src, hop.dst);
      used.push_back(hop.edge);
      Run(i + 1, row);
      used.pop_back();
      if (step.bind_rel) row[step.rel->slot] = bound_rel;
      if (node_was_null) row[step.node->slot] = Value();
    }
  }

  // A variable-length relationship bound to a list of relationships: the
  // path must follow exactly those, in order.
  void FollowBoundList(size_t i, const MatchStep& step, Row& row, const Value& bound) {
    if (!bound.is_list()) return;
    std::vector<const RelValue*> rels;
    for (const auto& item : bound.as_list()) {
      if (!item.is_relationship()) return;
      rels.push_back(&item.as_relationship());
    }
    if (step.reversed) std::reverse(rels.begin(), rels.end());
    auto n = static_cast<int64_t>(rels.size());
    if (n < step.rel->min_hops || (step.rel->max_hops >= 0 && n > step.rel->max_hops)) return;
    HopDirection direction = DirectionOf(*step.rel, step.reversed);
    NodeId at = row[step.from->slot].node_id();
    for (const RelValue* rel : rels) {
      if (Used(rel->id) || !ctx.txn().GetEdge(rel->id)) return;
      if (!step.rel->types.empty() &&
          std::find(step.rel->types.begin(), step.rel->types.end(), rel->type) ==
              step.rel->types.end())
        return;
      bool out_ok = rel->src == at && direction != HopDirection::kIn;
      bool in_ok = rel->dst == at && direction != HopDirection::kOut;
      if (!out_ok && !in_ok) return;
      at = out_ok ? rel->dst : rel->src;
    }
    bool node_was_null = row[step.node->slot].is_null();
    if (!BindNode(*step.node, at, row, ctx)) return;
    Run(i + 1, row);
    if (node_was_null) row[step.node->slot] = Value();
  }

  // True when a trail of 1..max_hops relationships leads from `start` back
  // to it. REQUIRES: max_hops <= 2 (a self-loop, or two relationships with
  // one neighbour that lead there and back).
  bool ClosedTrail(NodeId start, const MatchStep& step, int64_t max_hops) {
    std::vector<Hop> there = Hops(start, *step.rel, step.reversed);
    for (const Hop& hop : there)
      if (hop.other == start) return true;
    if (max_hops < 2) return false;
    std::unordered_map<NodeId, int> ways;
    for (const Hop& hop : there) ++ways[hop.other];
    if (DirectionOf(*step.rel, step.reversed) == HopDirection::kBoth) {
      for (const auto& [other, n] : ways)
        if (n >= 2) return true;
      return false;
    }
    for (const Hop& hop : Hops(start, *step.rel, !step.reversed))
      if (ways.count(hop.other)) return true;
    return false;
  }

  // Every node at the end of a walk of min..max hops, each once.
  void DistinctEnds(size_t i, const MatchStep& step, Row& row, NodeId start) {
    int64_t max_hops = step.rel->max_hops;
    std::vector<NodeId> reached;
    if (step.rel->min_hops == 0 || ClosedTrail(start, step, max_hops)) reached.push_back(start);
    std::unordered_set<NodeId> seen{start};
    std::vector<NodeId> frontier{start};
    for (int64_t depth = 0; depth < max_hops && !frontier.empty(); ++depth) {
      std::vector<NodeId> next;
      for (NodeId at : frontier) {
        ctx.CheckDeadline();
        for (const Hop& hop : Hops(at, *step.rel, step.reversed)) {
          if (!seen.insert(hop.other).second) continue;
          ctx.Charge(48);
          next.push_back(hop.other);
          reached.push_back(hop.other);
        }
      }
      frontier = std::move(next);
    }
    for (NodeId end : reached) {
      if (stopped) return;
      bool node_was_null = row[step.node->slot].is_null();
      if (!BindNode(*step.node, end, row, ctx)) continue;
      Run(i + 1, row);
      if (node_was_null) row[step.node->slot] = Value();
    }
  }

  void VarExpand(size_t i, const MatchStep& step, Row& row) {
    const Value& from = row[step.from->slot];
    if (!from.is_node()) return;
    if (!row[step.rel->slot].is_null()) {
      Value bound = row[step.rel->slot];
      FollowBoundList(i, step, row, bound);
      return;
    }
    if (step.distinct_ends) {
      DistinctEnds(i, step, row, from.node_id());
      return;
    }
    int64_t min_hops = step.rel->min_hops;
    int64_t max_hops = step.rel->max_hops < 0 ? kMaxUnboundedHops : step.rel->max_hops;
    std::vector<Value> trail;
    size_t base_used = used.size();
    std::function<void(NodeId, int64_t)> walk = [&](NodeId at, int64_t depth) {
      if (stopped) return;
      ctx.CheckDeadline();
      if (depth >= min_hops) {
        bool node_was_null = row[step.node->slot].is_null();
        if (BindNode(*step.node, at, row, ctx)) {
          Value::List list = trail;
          if (step.reversed) std::reverse(list.begin(), list.end());
          row[step.rel->slot] = Value(std::move(list));
          Run(i + 1, row);
          row[step.rel->slot] = Value();
          if (node_was_null) row[step.node->slot] = Value();
        }
      }
      if (depth >= max_hops) return;
      for (const Hop& hop : Hops(at, *step.rel, step.reversed)) {
        if (stopped) return;
        if (Used(hop.edge)) continue;
        if (!RelMatches(*step.rel, hop.edge, row, ctx)) continue;
        trail.push_back(RelRefValue(hop.edge, hop.type, hop.src, hop.dst));
        used.push_back(hop.edge);
        ctx.Charge(sizeof(Value) + sizeof(EdgeId));
        walk(hop.other, depth + 1);
        ctx.Release(sizeof(Value) + sizeof(EdgeId));
        used.pop_back();
        trail.pop_back();
      }
    };
    walk(from.node_id(), 0);
    used.resize(base_used);
  }

  // Breadth-first search with a visited set: every node is expanded once,
  // so the work is bounded by the graph, never by the number of paths.
  // The shortest paths found on the cached projection (filtered by the
  // relationship's types) with query::ShortestPath / AllShortestPaths and
  // their visited-set and memory caps; false when the projection is not
  // built or the pattern needs what it lacks (relationship properties).
  bool ShortestOnTopology(NodeId source, NodeId target, const ast::RelPattern& rel, bool all,
                          int64_t max_hops, std::vector<std::vector<Hop>>& paths) {
    if (rel.props || source == target || !ctx.Topology(false)) return false;
    Result<std::shared_ptr<const Projection>> graph = ctx.cache()->Get(ctx.txn().base(), rel.types);
    if (!graph.ok()) throw QueryError{graph.status()};
    PathOptions options;
    HopDirection direction = DirectionOf(rel, false);
    options.direction = direction == HopDirection::kOut  ? Direction::kOutgoing
                        : direction == HopDirection::kIn ? Direction::kIncoming
                                                         : Direction::kBoth;
    options.max_hops = static_cast<uint32_t>(std::min<int64_t>(max_hops, UINT32_MAX));
    AlgorithmLimits limits;
    limits.deadline = ctx.deadline();
    limits.max_bytes = ctx.memory_cap();
    std::vector<Path> found;
    if (all) {
      Result<std::vector<Path>> every = AllShortestPaths(**graph, source, target, options, limits);
      if (every.status().IsNotFound()) return false;
      if (!every.ok()) throw QueryError{every.status()};
      found = std::move(*every);
    } else {
      Result<std::optional<Path>> one = ShortestPath(**graph, source, target, options, limits);
      if (one.status().IsNotFound()) return false;
      if (!one.ok()) throw QueryError{one.status()};
      if (one->has_value()) found.push_back(std::move(**one));
    }
    for (const Path& path : found) {
      std::vector<Hop> hops;
      for (size_t k = 0; k < path.edges.size(); ++k) {
        const Edge* edge = ctx.txn().GetEdge(path.edges[k]);
        if (!edge) throw QueryError{Status::Internal("shortest path names a missing edge")};
        hops.push_back(Hop{edge->id, edge->src, edge->dst, path.nodes[k + 1], edge->type});
      }
      paths.push_back(std::move(hops));
    }
    return true;
  }

  void Shortest(size_t i, const MatchStep& step, Row& row) {
    const ast::PatternPart& part = *step.part;
    const ast::RelPattern& rel = part.rels[0];
    const Value& a = row[part.nodes[0].slot];
    const Value& b = row[part.nodes[1].slot];
    if (!a.is_node() || !b.is_node()) return;
    NodeId source = a.node_id(), target = b.node_id();
    int64_t max_hops = rel.max_hops < 0 ? kMaxUnboundedHops * 16 : rel.max_hops;
    bool all = part.kind == ast::PathKind::kAllShortest;
    std::vector<std::vector<Hop>> paths;
    if (!ShortestOnTopology(source, target, rel, all, max_hops, paths))
      ShortestOnStore(source, target, row, rel, all, max_hops, paths);
    EmitPaths(i, row, part, source, paths);
  }

  // Breadth-first search through the transaction, every node expanded once.
  void ShortestOnStore(NodeId source, NodeId target, const Row& row, const ast::RelPattern& rel,
                       bool all, int64_t max_hops, std::vector<std::vector<Hop>>& paths) {
    // parents[n]: the hops that reach n on a shortest path.
    std::unordered_map<NodeId, std::vector<Hop>> parents;
    std::unordered_map<NodeId, int64_t> depth{{source, 0}};
    std::vector<NodeId> frontier{source};
    bool found = source == target && rel.min_hops == 0;
    int64_t level = 0;
    while (!found && !frontier.empty() && level < max_hops) {
      std::vector<NodeId> next;
      for (NodeId at : frontier) {
        ctx.CheckDeadline();
        for (const Hop& hop : Hops(at, rel, false)) {
          if (!RelMatches(rel, hop.edge, row, ctx)) continue;
          auto seen = depth.find(hop.other);
          if (seen == depth.end()) {
            depth.emplace(hop.other, level + 1);
            next.push_back(hop.other);
            parents[hop.other].push_back(hop);
            ctx.Charge(64);
          } else if (seen->second == level + 1 && all) {
            parents[hop.other].push_back(hop);
            ctx.Charge(48);
          }
          if (hop.other == target) found = true;
        }
      }
      frontier = std::move(next);
      ++level;
    }
    if (!found) return;
    // Walk back from the target to list the paths (one, or all).
    std::vector<Hop> suffix;
    std::function<void(NodeId)> back = [&](NodeId at) {
      if (stopped || (!all && !paths.empty())) return;
      if (at == source) {
        paths.emplace_back(suffix.rbegin(), suffix.rend());
        return;
      }
      for (const Hop& hop : parents[at]) {
        NodeId prev = hop.other == hop.src ? hop.dst : hop.src;
        if (hop.src == hop.dst) continue;
        suffix.push_back(hop);
        back(prev);
        suffix.pop_back();
      }
    };
    back(target);
  }

  void EmitPaths(size_t i, Row& row, const ast::PatternPart& part, NodeId source,
                 const std::vector<std::vector<Hop>>& paths) {
    const ast::RelPattern& rel = part.rels[0];
    for (const auto& hops : paths) {
      if (stopped) return;
      if (static_cast<int64_t>(hops.size()) < rel.min_hops) continue;
      PathValue path;
      Value::List rels;
      NodeValue start;
      start.id = source;
      path.nodes.push_back(start);
      for (const Hop& hop : hops) {
        Value r = RelRefValue(hop.edge, hop.type, hop.src, hop.dst);
        rels.push_back(r);
        path.rels.push_back(r.as_relationship());
        NodeValue n;
        n.id = hop.other;
        path.nodes.push_back(n);
      }
      Value saved_rel = row[rel.slot];
      row[rel.slot] = rel.var_length ? Value(std::move(rels)) : rels[0];
      if (part.path_slot >= 0) row[part.path_slot] = Value(std::move(path));
      Run(i + 1, row);
      row[rel.slot] = saved_rel;
      if (part.path_slot >= 0) row[part.path_slot] = Value();
    }
  }
};

std::string NodeText(const ast::NodePattern& node) {
  std::string out = "(";
  if (node.var.rfind("  ", 0) != 0) out += node.var;
  for (const auto& label : node.labels) out += ":" + label;
  return out + ")";
}

std::string RelText(const ast::RelPattern& rel, bool reversed) {
  std::string inner;
  if (rel.var.rfind("  ", 0) != 0) inner += rel.var;
  for (size_t i = 0; i < rel.types.size(); ++i) inner += (i ? "|:" : ":") + rel.types[i];
  if (rel.var_length)
    inner += "*" + std::to_string(rel.min_hops) + ".." +
             (rel.max_hops < 0 ? std::string() : std::to_string(rel.max_hops));
  HopDirection d = DirectionOf(rel, reversed);
  std::string body = inner.empty() ? "-" : "-[" + inner + "]-";
  return d == HopDirection::kIn ? "<" + body : d == HopDirection::kOut ? body + ">" : body;
}

}  // namespace

void RunMatchSteps(const std::vector<MatchStep>& steps, Row& row, ExecContext& ctx,
                   const std::function<bool(const Row&)>& emit) {
  Dfs dfs{steps, ctx, emit, {}, false};
  dfs.Run(0, row);
}

std::string MatchOp::Describe() const {
  std::string out = optional_ ? "OptionalMatch" : "Match";
  for (const auto& step : steps_) {
    out += "\n    ";
    switch (step.kind) {
      case MatchStep::Kind::kBoundNode: out += "Argument" + NodeText(*step.node); break;
      case MatchStep::Kind::kAllNodesScan: out += "AllNodesScan" + NodeText(*step.node); break;
      case MatchStep::Kind::kLabelScan: out += "NodeByLabelScan" + NodeText(*step.node); break;
      case MatchStep::Kind::kNameSeek:
        out += "NodeByNameSeek" + NodeText(*step.node) + " name";
        break;
      case MatchStep::Kind::kPropertySeek:
        out += "NodeIndexSeek" + NodeText(*step.node) + " {" + step.key + "}";
        break;
      case MatchStep::Kind::kExpand:
        out += std::string(step.node_bound ? "Expand(Into)" : "Expand(All)") +
               NodeText(*step.from) + RelText(*step.rel, step.reversed) + NodeText(*step.node);
        break;
      case MatchStep::Kind::kVarExpand:
        out += std::string(step.distinct_ends ? "VarLengthExpand(Distinct ends, BFS)"
                                              : "VarLengthExpand") +
               NodeText(*step.from) + RelText(*step.rel, step.reversed) +
               NodeText(*step.node);
        break;
      case MatchStep::Kind::kShortestPath:
        out += std::string(step.part->kind == ast::PathKind::kAllShortest ? "AllShortestPaths"
                                                                          : "ShortestPath") +
               "(BFS with visited set)" + NodeText(step.part->nodes[0]) +
               RelText(step.part->rels[0], false) + NodeText(step.part->nodes[1]);
        break;
      case MatchStep::Kind::kFilter: out += "Filter"; break;
      case MatchStep::Kind::kNamedPath: out += "NamedPath " + step.part->path_var; break;
    }
  }
  return out;
}

void MatchOp::ForEachMatch(ExecContext& ctx, Row& input,
                           const std::function<void(const Row&)>& visit) const {
  input.resize(width_);
  bool matched = false;
  RunMatchSteps(steps_, input, ctx, [&](const Row& row) {
    matched = true;
    visit(row);
    return true;
  });
  if (!matched && optional_) {
    for (int slot : new_slots_) input[slot] = Value();
    visit(input);
  }
}

void MatchOp::Run(ExecContext& ctx, std::vector<Row>& rows) {
  std::vector<Row> out;
  for (Row& input : rows)
    ForEachMatch(ctx, input, [&](const Row& row) {
      out.push_back(row);
      ctx.Charge(row.size() * sizeof(Value));
    });
  rows = std::move(out);
}

std::string DegreeCount::Describe() const {
  return "DegreeCount" + NodeText(*near_) + RelText(*rel_, reversed_) + NodeText(*far_) +
         " (count(*) per node, no rows per relationship)";
}

namespace {

// Whether a vertex carries every label of a node pattern: one bit test, on
// the label's marks or on the marks of several labels combined once.
class LabelFilter {
 public:
  LabelFilter(ExecContext& ctx, const std::vector<std::string>& labels) {
    if (labels.empty()) return;
    bits_ = &ctx.LabelMarks(labels[0]);
    if (labels.size() == 1) return;
    combined_ = *bits_;
    for (size_t l = 1; l < labels.size(); ++l) {
      const std::vector<bool>& marks = ctx.LabelMarks(labels[l]);
      for (size_t v = 0; v < combined_.size(); ++v) combined_[v] = combined_[v] && marks[v];
    }
    bits_ = &combined_;
  }
  LabelFilter(const LabelFilter&) = delete;
  LabelFilter& operator=(const LabelFilter&) = delete;

  bool operator()(Projection::Vertex v) const { return !bits_ || (*bits_)[v]; }

 private:
  const std::vector<bool>* bits_ = nullptr;  // null: no labels, every vertex passes
  std::vector<bool> combined_;
};

bool HasAllLabels(const Node* node, const std::vector<std::string>& labels) {
  if (!node) return false;
  for (const auto& label : labels)
    if (!node->HasLabel(label)) return false;
  return true;
}

}  // namespace

std::vector<std::pair<NodeId, int64_t>> DegreeCount::CountOnTopology(
    ExecContext& ctx, const Projection& full) const {
  // On the projection of the wanted types alone, a node's count reads only
  // its own out- and in-edge arrays: a sequential pass, with no per-edge type
  // test and no scattered increments.
  const Projection& g = rel_->types.empty() ? full : ctx.TypedTopology(rel_->types);
  const LabelFilter is_near(ctx, near_->labels), is_far(ctx, far_->labels);
  HopDirection direction = DirectionOf(*rel_, reversed_);
  bool count_out = direction != HopDirection::kIn;   // edges leaving the near node
  bool count_in = direction != HopDirection::kOut;   // edges arriving at it
  // The counts of vertices [begin, end), in vertex order.
  auto count = [&](Projection::Vertex begin, Projection::Vertex end, bool check_deadline) {
    std::vector<std::pair<NodeId, int64_t>> counted;
    for (Projection::Vertex u = begin; u < end; ++u) {
      if (check_deadline) ctx.CheckDeadline();
      if (!is_near(u)) continue;
      int64_t degree = 0;
      if (count_out)
        for (Projection::Slot s = g.out_begin(u); s < g.out_begin(u + 1); ++s)
          degree += is_far(g.target(s));
      if (count_in)
        for (Projection::Vertex w : g.in_sources(u))
          // An undirected pattern matches a self-loop once, already counted out.
          degree += is_far(w) && !(count_out && w == u);
      if (degree > 0) counted.emplace_back(g.NodeOf(u), degree);
    }
    return counted;
  };
  // A big graph counts its two halves on two threads; only this one checks
  // the deadline (the other's half is as bounded as this one's).
  auto n = static_cast<Projection::Vertex>(g.num_vertices());
  constexpr Projection::Vertex kParallelVertices = 1 << 16;
  std::vector<std::pair<NodeId, int64_t>> out, second_half;
  if (n < kParallelVertices) {
    out = count(0, n, true);
  } else {
    std::thread first([&] { out = count(0, n / 2, false); });
    try {
      second_half = count(n / 2, n, true);
    } catch (...) {  // past the deadline: the thread must end before the error leaves
      first.join();
      throw;
    }
    first.join();
    out.insert(out.end(), second_half.begin(), second_half.end());
  }
  ctx.Charge(out.size() * sizeof(out[0]));
  return out;
}

std::vector<std::pair<NodeId, int64_t>> DegreeCount::CountOnStore(ExecContext& ctx) const {
  std::vector<NodeId> ids;
  auto collect = [&](NodeId id) {
    ids.push_back(id);
    return true;
  };
  Status s = near_->labels.empty() ? ctx.txn().ScanNodes(collect)
                                   : ctx.txn().ScanLabel(near_->labels[0], collect);
  if (!s.ok()) throw QueryError{s};
  HopDirection direction = DirectionOf(*rel_, reversed_);
  std::vector<std::pair<NodeId, int64_t>> out;
  for (NodeId id : ids) {
    ctx.CheckDeadline();
    if (!HasAllLabels(ctx.txn().GetNode(id), near_->labels)) continue;
    int64_t degree = 0;
    s = ctx.txn().Expand(id, direction, rel_->types, [&](const Hop& hop) {
      if (HasAllLabels(ctx.txn().GetNode(hop.other), far_->labels)) ++degree;
      return true;
    });
    if (!s.ok()) throw QueryError{s};
    if (degree > 0) out.emplace_back(id, degree);
  }
  return out;
}

std::vector<std::pair<NodeId, int64_t>> DegreeCount::Degrees(ExecContext& ctx) const {
  const Projection* topology = ctx.Topology(true);
  return topology ? CountOnTopology(ctx, *topology) : CountOnStore(ctx);
}

void DegreeCount::AddRows(ExecContext& ctx, const std::vector<std::pair<NodeId, int64_t>>& degrees,
                          std::vector<Row>& rows) const {
  std::vector<Row> out;
  out.reserve(rows.size() * degrees.size());
  for (Row& input : rows) {
    input.resize(width_);
    for (const auto& [node, degree] : degrees) {
      Row row = input;
      row[near_->slot] = NodeRefValue(node);
      row[weight_slot_] = Value(degree);
      out.push_back(std::move(row));
    }
    ctx.Charge(degrees.size() * input.size() * sizeof(Value));
  }
  rows = std::move(out);
}

void ForEachPatternMatch(const ast::PatternPart& part, const Row& row, ExecContext& ctx,
                         const std::function<bool(const Row&)>& visit) {
  Row scratch = row;
  int max_slot = static_cast<int>(scratch.size());
  for (const auto& n : part.nodes) max_slot = std::max(max_slot, n.slot + 1);
  for (const auto& r : part.rels) max_slot = std::max(max_slot, r.slot + 1);
  max_slot = std::max(max_slot, part.path_slot + 1);
  scratch.resize(max_slot);
  // Variables bound outside come from the row (a null one matches nothing);
  // the others start empty.
  for (const auto& n : part.nodes)
    if (!n.preset) scratch[n.slot] = Value();
  for (const auto& r : part.rels)
    if (!r.preset) scratch[r.slot] = Value();
  std::vector<MatchStep> steps;
  MatchStep start;
  start.node = &part.nodes[0];
  start.kind = part.nodes[0].preset ? MatchStep::Kind::kBoundNode : MatchStep::Kind::kAllNodesScan;
  steps.push_back(start);
  for (size_t k = 0; k < part.rels.size(); ++k) {
    MatchStep step;
    step.kind = part.rels[k].var_length ? MatchStep::Kind::kVarExpand : MatchStep::Kind::kExpand;
    step.from = &part.nodes[k];
    step.rel = &part.rels[k];
    step.node = &part.nodes[k + 1];
    step.node_bound = part.nodes[k + 1].preset;
    steps.push_back(step);
  }
  if (part.path_slot >= 0) {
    MatchStep path;
    path.kind = MatchStep::Kind::kNamedPath;
    path.part = &part;
    steps.push_back(path);
  }
  RunMatchSteps(steps, scratch, ctx, visit);
}

bool MatchesPattern(const ast::PatternPart& part, const Row& row, ExecContext& ctx) {
  bool found = false;
  ForEachPatternMatch(part, row, ctx, [&](const Row&) {
    found = true;
    return false;
  });
  return found;
}

}  // namespace steppe::query
