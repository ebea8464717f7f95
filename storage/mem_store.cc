#include "storage/mem_store.h"

#include <cmath>
#include <set>
#include <tuple>

#include "core/fold.h"

namespace steppe::storage {

// (one end, type, other end, edge): both adjacency lists sort by type, then
// by the other end, as the RocksDB layout does.
using AdjacencyKey = std::tuple<NodeId, std::string, NodeId, EdgeId>;

struct MemStore::State {
  std::map<NodeId, Node> nodes;
  std::map<EdgeId, Edge> edges;
  std::set<AdjacencyKey> out;
  std::set<AdjacencyKey> in;
  std::set<std::pair<std::string, NodeId>> labels;
  std::set<std::pair<std::string, NodeId>> names;
  std::set<std::pair<std::string, std::string>> indexed;  // (label, key)
  std::set<std::tuple<std::string, std::string, std::string, NodeId>> props;
  std::map<NodeId, StoredArticle> articles;
  std::map<std::string, NodeId, std::less<>> fingerprints;
  uint64_t duplicates = 0;
  uint64_t version = 0;
};

namespace {

using State = MemStore::State;

// A key under which equal property values meet; numbers that Cypher calls
// equal (1 and 1.0) share one.
std::string ValueKey(const Value& value) {
  switch (value.kind()) {
    case Value::Kind::kNull: return "n";
    case Value::Kind::kBool: return value.as_bool() ? "b1" : "b0";
    case Value::Kind::kInt: return "i" + std::to_string(value.as_int());
    case Value::Kind::kDouble: {
      double d = value.as_double();
      if (std::trunc(d) == d && std::fabs(d) < 9e18)
        return "i" + std::to_string(static_cast<int64_t>(d));
      return "d" + std::to_string(d);
    }
    case Value::Kind::kString: return "s" + value.as_string();
    case Value::Kind::kList: {
      std::string out = "[";
      for (const auto& item : value.as_list()) out += ValueKey(item) + ",";
      return out + "]";
    }
    case Value::Kind::kMap: {
      std::string out = "{";
      for (const auto& [k, v] : value.as_map()) out += k + ":" + ValueKey(v) + ",";
      return out + "}";
    }
  }
  return "?";
}

// The name keys of a node: its `name` and each of its `aliases`.
std::set<std::string> NameKeys(const Node& node) {
  std::set<std::string> keys;
  auto add = [&keys](const Value& v) {
    if (!v.is_string()) return;
    std::string key = FoldName(v.as_string());
    if (!key.empty()) keys.insert(std::move(key));
  };
  if (auto it = node.props.find("name"); it != node.props.end()) add(it->second);
  if (auto it = node.props.find("aliases"); it != node.props.end() && it->second.is_list())
    for (const auto& alias : it->second.as_list()) add(alias);
  return keys;
}

void UnindexNode(State& s, const Node& node) {
  for (const auto& l : node.labels) s.labels.erase({l, node.id});
  for (const auto& key : NameKeys(node)) s.names.erase({key, node.id});
  for (const auto& l : node.labels)
    for (const auto& [k, v] : node.props)
      if (s.indexed.count({l, k})) s.props.erase({l, k, ValueKey(v), node.id});
}

void IndexNode(State& s, const Node& node) {
  for (const auto& l : node.labels) s.labels.insert({l, node.id});
  for (const auto& key : NameKeys(node)) s.names.insert({key, node.id});
  for (const auto& l : node.labels)
    for (const auto& [k, v] : node.props)
      if (s.indexed.count({l, k})) s.props.insert({l, k, ValueKey(v), node.id});
}

void UnlinkEdge(State& s, const Edge& e) {
  s.out.erase({e.src, e.type, e.dst, e.id});
  s.in.erase({e.dst, e.type, e.src, e.id});
}

bool HasEdges(const State& s, NodeId id) {
  auto has = [id](const std::set<AdjacencyKey>& adjacency) {
    auto it = adjacency.lower_bound({id, "", 0, 0});
    return it != adjacency.end() && std::get<0>(*it) == id;
  };
  return has(s.out) || has(s.in);
}

Status ApplyTo(State& s, const Mutation& batch) {
  for (const Node& node : batch.put_nodes) {
    if (auto old = s.nodes.find(node.id); old != s.nodes.end()) UnindexNode(s, old->second);
    s.nodes[node.id] = node;
    IndexNode(s, node);
  }
  for (const Edge& edge : batch.put_edges) {
    if (auto old = s.edges.find(edge.id); old != s.edges.end()) UnlinkEdge(s, old->second);
    s.edges[edge.id] = edge;
    s.out.insert({edge.src, edge.type, edge.dst, edge.id});
    s.in.insert({edge.dst, edge.type, edge.src, edge.id});
  }
  for (EdgeId id : batch.delete_edges) {
    auto it = s.edges.find(id);
    if (it == s.edges.end()) continue;
    UnlinkEdge(s, it->second);
    s.edges.erase(it);
  }
  for (NodeId id : batch.delete_nodes) {
    auto it = s.nodes.find(id);
    if (it == s.nodes.end()) continue;
    if (HasEdges(s, id))
      return Status::InvalidArgument("node " + std::to_string(id) + " still has relationships");
    UnindexNode(s, it->second);
    s.nodes.erase(it);
  }
  for (const Edge& edge : batch.put_edges) {
    if (!s.edges.count(edge.id)) continue;  // deleted again in this batch
    if (!s.nodes.count(edge.src) || !s.nodes.count(edge.dst))
      return Status::InvalidArgument("relationship " + std::to_string(edge.id) +
                                     " has an end that is not a node");
  }
  for (const StoredArticle& article : batch.put_articles) {
    s.articles[article.node] = article;
    s.fingerprints[article.fingerprint] = article.node;
  }
  s.duplicates += static_cast<uint64_t>(batch.duplicates_delta);
  return Status::OK();
}

Status ScanAdjacency(const std::set<AdjacencyKey>& adjacency, NodeId id,
                     std::optional<std::string_view> type, bool outgoing,
                     const EdgeVisitor& visit) {
  std::string from_type = type ? std::string(*type) : std::string();
  for (auto it = adjacency.lower_bound({id, from_type, 0, 0}); it != adjacency.end(); ++it) {
    const auto& [end, edge_type, other, edge] = *it;
    if (end != id || (type && edge_type != *type)) break;
    EdgeRef ref{edge, outgoing ? end : other, outgoing ? other : end, edge_type};
    if (!visit(ref)) break;
  }
  return Status::OK();
}

// Reads one state; both MemStore (latest state) and its snapshots use it.
class StateReader final : public GraphReader {
 public:
  explicit StateReader(std::shared_ptr<const State> state) : state_(std::move(state)) {}

  Result<Node> GetNode(NodeId id) const override {
    auto it = state_->nodes.find(id);
    if (it == state_->nodes.end()) return Status::NotFound("node " + std::to_string(id));
    return it->second;
  }
  Result<Edge> GetEdge(EdgeId id) const override {
    auto it = state_->edges.find(id);
    if (it == state_->edges.end()) return Status::NotFound("relationship " + std::to_string(id));
    return it->second;
  }
  Status ScanNodes(const NodeVisitor& visit) const override {
    for (const auto& [id, node] : state_->nodes)
      if (!visit(id)) break;
    return Status::OK();
  }
  Status ScanEdges(const EdgeVisitor& visit) const override {
    for (const auto& [id, e] : state_->edges)
      if (!visit(EdgeRef{id, e.src, e.dst, e.type})) break;
    return Status::OK();
  }
  Status ScanLabel(std::string_view label, const NodeVisitor& visit) const override {
    std::string l(label);
    for (auto it = state_->labels.lower_bound({l, 0}); it != state_->labels.end(); ++it) {
      if (it->first != l || !visit(it->second)) break;
    }
    return Status::OK();
  }
  Status ScanOut(NodeId id, std::optional<std::string_view> type,
                 const EdgeVisitor& visit) const override {
    return ScanAdjacency(state_->out, id, type, true, visit);
  }
  Status ScanIn(NodeId id, std::optional<std::string_view> type,
                const EdgeVisitor& visit) const override {
    return ScanAdjacency(state_->in, id, type, false, visit);
  }
  Status FindByName(std::string_view name, const NodeVisitor& visit) const override {
    std::string key = FoldName(name);
    if (key.empty()) return Status::OK();
    for (auto it = state_->names.lower_bound({key, 0}); it != state_->names.end(); ++it) {
      if (it->first != key || !visit(it->second)) break;
    }
    return Status::OK();
  }
  Status FindByProperty(std::string_view label, std::string_view key, const Value& value,
                        const NodeVisitor& visit) const override {
    std::string l(label), k(key);
    if (!state_->indexed.count({l, k}))
      return Status::NotFound("no index on :" + l + "(" + k + ")");
    std::string v = ValueKey(value);
    for (auto it = state_->props.lower_bound({l, k, v, 0}); it != state_->props.end(); ++it) {
      const auto& [il, ik, iv, id] = *it;
      if (il != l || ik != k || iv != v || !visit(id)) break;
    }
    return Status::OK();
  }
  Result<StoredArticle> GetArticle(NodeId id) const override {
    auto it = state_->articles.find(id);
    if (it == state_->articles.end()) return Status::NotFound("article " + std::to_string(id));
    return it->second;
  }
  Result<NodeId> FindFingerprint(std::string_view fingerprint) const override {
    auto it = state_->fingerprints.find(fingerprint);
    if (it == state_->fingerprints.end())
      return Status::NotFound("fingerprint " + std::string(fingerprint));
    return it->second;
  }
  Status ScanArticles(const ArticleVisitor& visit) const override {
    for (const auto& [id, article] : state_->articles)
      if (!visit(article)) break;
    return Status::OK();
  }
  Result<GraphStats> Stats() const override {
    GraphStats stats;
    stats.nodes = state_->nodes.size();
    stats.edges = state_->edges.size();
    stats.articles = state_->articles.size();
    stats.duplicates = state_->duplicates;
    for (const auto& [label, id] : state_->labels) ++stats.per_label[label];
    for (const auto& [id, e] : state_->edges) ++stats.per_type[e.type];
    return stats;
  }
  uint64_t Version() const override { return state_->version; }

 private:
  std::shared_ptr<const State> state_;
};

}  // namespace

MemStore::MemStore() : state_(std::make_shared<const State>()) {}
MemStore::~MemStore() = default;

std::shared_ptr<const MemStore::State> MemStore::Current() const {
  std::lock_guard<std::mutex> lock(mutex_);
  return state_;
}

Result<Node> MemStore::GetNode(NodeId id) const { return StateReader(Current()).GetNode(id); }
Result<Edge> MemStore::GetEdge(EdgeId id) const { return StateReader(Current()).GetEdge(id); }
Status MemStore::ScanNodes(const NodeVisitor& visit) const {
  return StateReader(Current()).ScanNodes(visit);
}
Status MemStore::ScanEdges(const EdgeVisitor& visit) const {
  return StateReader(Current()).ScanEdges(visit);
}
Status MemStore::ScanLabel(std::string_view label, const NodeVisitor& visit) const {
  return StateReader(Current()).ScanLabel(label, visit);
}
Status MemStore::ScanOut(NodeId id, std::optional<std::string_view> type,
                         const EdgeVisitor& visit) const {
  return StateReader(Current()).ScanOut(id, type, visit);
}
Status MemStore::ScanIn(NodeId id, std::optional<std::string_view> type,
                        const EdgeVisitor& visit) const {
  return StateReader(Current()).ScanIn(id, type, visit);
}
Status MemStore::FindByName(std::string_view name, const NodeVisitor& visit) const {
  return StateReader(Current()).FindByName(name, visit);
}
Status MemStore::FindByProperty(std::string_view label, std::string_view key, const Value& value,
                                const NodeVisitor& visit) const {
  return StateReader(Current()).FindByProperty(label, key, value, visit);
}
Result<StoredArticle> MemStore::GetArticle(NodeId id) const {
  return StateReader(Current()).GetArticle(id);
}
Result<NodeId> MemStore::FindFingerprint(std::string_view fingerprint) const {
  return StateReader(Current()).FindFingerprint(fingerprint);
}
Status MemStore::ScanArticles(const ArticleVisitor& visit) const {
  return StateReader(Current()).ScanArticles(visit);
}
Result<GraphStats> MemStore::Stats() const { return StateReader(Current()).Stats(); }
uint64_t MemStore::Version() const { return Current()->version; }

std::unique_ptr<GraphReader> MemStore::Snapshot() const {
  return std::make_unique<StateReader>(Current());
}

NodeId MemStore::AllocateNodeId() { return next_node_id_++; }
EdgeId MemStore::AllocateEdgeId() { return next_edge_id_++; }

Status MemStore::Apply(const Mutation& batch) {
  if (batch.empty()) return Status::OK();
  auto next = std::make_shared<State>(*Current());
  STEPPE_RETURN_IF_ERROR(ApplyTo(*next, batch));
  ++next->version;
  for (const Node& node : batch.put_nodes) next_node_id_ = std::max(next_node_id_, node.id + 1);
  for (const Edge& edge : batch.put_edges) next_edge_id_ = std::max(next_edge_id_, edge.id + 1);
  std::lock_guard<std::mutex> lock(mutex_);
  state_ = std::move(next);
  return Status::OK();
}

Status MemStore::CreateIndex(std::string_view label, std::string_view key) {
  auto next = std::make_shared<State>(*Current());
  if (!next->indexed.insert({std::string(label), std::string(key)}).second) return Status::OK();
  for (const auto& [id, node] : next->nodes)
    if (node.HasLabel(label)) IndexNode(*next, node);
  ++next->version;
  std::lock_guard<std::mutex> lock(mutex_);
  state_ = std::move(next);
  return Status::OK();
}

}  // namespace steppe::storage
