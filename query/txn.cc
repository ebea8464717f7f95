#include "query/txn.h"

#include <algorithm>
#include <type_traits>

#include "core/fold.h"

namespace steppe::query {

Txn::Txn(const storage::GraphReader& base, storage::GraphStore* store)
    : base_(base), store_(store) {}

namespace {

// A record as the query sees it: from the shared generation, else the
// query's own cache, else the store (filling the generation, or the query's
// cache when the generation is full or absent).
template <typename Record, typename Id, typename Load>
const Record* CachedRecord(Id id, std::unordered_map<Id, std::shared_ptr<const Record>>& cache,
                           RecordCache::Generation* shared, Load load) {
  if (shared) {
    const Record* found = nullptr;
    if constexpr (std::is_same_v<Record, Node>) found = shared->FindNode(id);
    else found = shared->FindEdge(id);
    if (found) return found;
  }
  if (auto it = cache.find(id); it != cache.end()) return it->second.get();
  Result<Record> loaded = load(id);
  if (!loaded.ok()) return nullptr;
  if (shared) {
    const Record* kept = nullptr;
    if constexpr (std::is_same_v<Record, Node>) kept = shared->AddNode(std::move(*loaded));
    else kept = shared->AddEdge(std::move(*loaded));
    if (kept) return kept;
  }
  auto record = std::make_shared<const Record>(std::move(*loaded));
  const Record* raw = record.get();
  cache.emplace(id, std::move(record));
  return raw;
}

}  // namespace

const Node* Txn::GetNode(NodeId id) {
  if (last_node_.record && last_node_.id == id) return last_node_.record;
  if (deleted_nodes_.count(id)) return nullptr;
  if (auto it = dirty_nodes_.find(id); it != dirty_nodes_.end()) return &it->second;
  const Node* node = CachedRecord<Node>(id, node_cache_, shared_.get(),
                                        [&](NodeId n) { return base_.GetNode(n); });
  if (!writable()) last_node_ = {id, node};
  return node;
}

const Edge* Txn::GetEdge(EdgeId id) {
  if (last_edge_.record && last_edge_.id == id) return last_edge_.record;
  if (deleted_edges_.count(id)) return nullptr;
  if (auto it = dirty_edges_.find(id); it != dirty_edges_.end()) return &it->second;
  const Edge* edge = CachedRecord<Edge>(id, edge_cache_, shared_.get(),
                                        [&](EdgeId e) { return base_.GetEdge(e); });
  if (!writable()) last_edge_ = {id, edge};
  return edge;
}

Status Txn::ScanNodes(const std::function<bool(NodeId)>& visit) {
  bool stopped = false;
  STEPPE_RETURN_IF_ERROR(base_.ScanNodes([&](NodeId id) {
    if (deleted_nodes_.count(id)) return true;
    stopped = !visit(id);
    return !stopped;
  }));
  if (stopped) return Status::OK();
  for (NodeId id : created_node_order_) {
    if (deleted_nodes_.count(id)) continue;
    if (!visit(id)) break;
  }
  return Status::OK();
}

Status Txn::ScanLabel(const std::string& label, const std::function<bool(NodeId)>& visit) {
  bool stopped = false;
  std::unordered_set<NodeId> seen;
  STEPPE_RETURN_IF_ERROR(base_.ScanLabel(label, [&](NodeId id) {
    if (deleted_nodes_.count(id)) return true;
    if (auto it = dirty_nodes_.find(id); it != dirty_nodes_.end()) {
      seen.insert(id);
      if (!it->second.HasLabel(label)) return true;
    }
    stopped = !visit(id);
    return !stopped;
  }));
  if (stopped) return Status::OK();
  // Nodes created here, or given the label here.
  std::vector<NodeId> extra;
  for (const auto& [id, node] : dirty_nodes_)
    if (!seen.count(id) && !deleted_nodes_.count(id) && node.HasLabel(label)) {
      if (created_nodes_.count(id)) {
        extra.push_back(id);
        continue;
      }
      Result<Node> original = base_.GetNode(id);
      if (!original.ok() || !original->HasLabel(label)) extra.push_back(id);
    }
  std::sort(extra.begin(), extra.end());
  for (NodeId id : extra)
    if (!visit(id)) break;
  return Status::OK();
}

namespace {

// Names an expansion in the shared records: the node, the direction, and the
// types (length prefixed).
std::string ExpansionKey(NodeId node, HopDirection direction,
                         const std::vector<std::string>& types) {
  std::string out = "e";
  out.append(reinterpret_cast<const char*>(&node), sizeof node);
  out += static_cast<char>('0' + static_cast<int>(direction));
  for (const std::string& type : types) {
    out += std::to_string(type.size());
    out += ':';
    out += type;
  }
  return out;
}

}  // namespace

Status Txn::Expand(NodeId node, HopDirection direction, const std::vector<std::string>& types,
                   const std::function<bool(const Hop&)>& visit) {
  if (!shared_) return ScanHops(node, direction, types, visit);
  std::string key = ExpansionKey(node, direction, types);
  if (const std::vector<Hop>* kept = shared_->FindHops(key)) {
    for (const Hop& hop : *kept)
      if (!visit(hop)) break;
    return Status::OK();
  }
  // Kept only when the visitor saw every hop: one that stops early (an
  // existence check) should not pay for the rest of a hub's edges.
  std::vector<Hop> hops;
  bool stopped = false;
  STEPPE_RETURN_IF_ERROR(ScanHops(node, direction, types, [&](const Hop& hop) {
    hops.push_back(hop);
    stopped = !visit(hop);
    return !stopped;
  }));
  if (!stopped) shared_->AddHops(std::move(key), std::move(hops));
  return Status::OK();
}

Status Txn::ScanHops(NodeId node, HopDirection direction, const std::vector<std::string>& types,
                     const std::function<bool(const Hop&)>& visit) {
  bool stopped = false;
  auto scan = [&](bool outgoing, std::optional<std::string_view> type) -> Status {
    if (created_nodes_.count(node)) return Status::OK();
    auto on_edge = [&](const storage::EdgeRef& ref) {
      if (deleted_edges_.count(ref.edge)) return true;
      if (!outgoing && direction == HopDirection::kBoth && ref.src == ref.dst) return true;
      Hop hop{ref.edge, ref.src, ref.dst, outgoing ? ref.dst : ref.src, std::string(ref.type)};
      stopped = !visit(hop);
      return !stopped;
    };
    return outgoing ? base_.ScanOut(node, type, on_edge) : base_.ScanIn(node, type, on_edge);
  };
  auto scan_created = [&](bool outgoing) {
    auto& index = outgoing ? created_out_ : created_in_;
    auto [begin, end] = index.equal_range(node);
    std::vector<EdgeId> ids;
    for (auto it = begin; it != end; ++it) ids.push_back(it->second);
    std::sort(ids.begin(), ids.end());
    for (EdgeId id : ids) {
      if (stopped) return;
      const Edge* edge = GetEdge(id);
      if (!edge) continue;
      if (!types.empty() && std::find(types.begin(), types.end(), edge->type) == types.end())
        continue;
      if (!outgoing && direction == HopDirection::kBoth && edge->src == edge->dst) continue;
      Hop hop{edge->id, edge->src, edge->dst, outgoing ? edge->dst : edge->src, edge->type};
      stopped = !visit(hop);
    }
  };
  for (bool outgoing : {true, false}) {
    if (outgoing && direction == HopDirection::kIn) continue;
    if (!outgoing && direction == HopDirection::kOut) continue;
    if (types.empty()) {
      STEPPE_RETURN_IF_ERROR(scan(outgoing, std::nullopt));
    } else {
      for (const auto& type : types) {
        if (stopped) break;
        STEPPE_RETURN_IF_ERROR(scan(outgoing, type));
      }
    }
    if (stopped) return Status::OK();
    scan_created(outgoing);
    if (stopped) return Status::OK();
  }
  return Status::OK();
}

namespace {

// Names a property seek in the shared records: label and key (length
// prefixed), then the value's kind and bytes. Empty for a list or a map,
// whose seeks are not kept.
std::string PropertySeekKey(const std::string& label, const std::string& key,
                            const steppe::Value& value) {
  std::string out;
  out.reserve(32 + label.size() + key.size() +
              (value.is_string() ? value.as_string().size() : sizeof(int64_t)));
  out += 'p';
  out += std::to_string(label.size());
  out += ':';
  out += label;
  out += std::to_string(key.size());
  out += ':';
  out += key;
  out += static_cast<char>('0' + static_cast<int>(value.kind()));
  auto append_bytes = [&out](const auto& number) {
    out.append(reinterpret_cast<const char*>(&number), sizeof number);
  };
  switch (value.kind()) {
    case steppe::Value::Kind::kNull: break;
    case steppe::Value::Kind::kBool: out += value.as_bool() ? '1' : '0'; break;
    case steppe::Value::Kind::kInt: append_bytes(value.as_int()); break;
    case steppe::Value::Kind::kDouble: append_bytes(value.as_double()); break;
    case steppe::Value::Kind::kString: out += value.as_string(); break;
    case steppe::Value::Kind::kList:
    case steppe::Value::Kind::kMap: return "";
  }
  return out;
}

}  // namespace

std::optional<std::vector<NodeId>> Txn::Seek(
    const std::string& key, const std::function<Status(const storage::NodeVisitor&)>& find) {
  const bool keep = shared_ && !key.empty();
  if (keep)
    if (const RecordCache::Generation::SeekResult* kept = shared_->FindSeek(key)) return *kept;
  std::vector<NodeId> ids;
  Status s = find([&](NodeId id) {
    if (!deleted_nodes_.count(id)) ids.push_back(id);
    return true;
  });
  std::optional<std::vector<NodeId>> found;
  if (s.ok()) found = std::move(ids);
  // A missing index is an answer too; a failed read is not kept.
  if (keep && (s.ok() || s.IsNotFound())) shared_->AddSeek(key, found);
  return found;
}

std::optional<std::vector<NodeId>> Txn::FindByProperty(const std::string& label,
                                                       const std::string& key,
                                                       const steppe::Value& value) {
  // Our own writes are not in the store's index: look up in the store, then
  // let the caller's filter re-check every candidate.
  if (!dirty_nodes_.empty()) return std::nullopt;
  return Seek(PropertySeekKey(label, key, value), [&](const storage::NodeVisitor& visit) {
    return base_.FindByProperty(label, key, value, visit);
  });
}

std::optional<std::vector<NodeId>> Txn::FindByName(const std::string& name) {
  if (!dirty_nodes_.empty()) return std::nullopt;
  return Seek("n" + name, [&](const storage::NodeVisitor& visit) {
    // A name that folds to nothing has no index entry: scan instead.
    if (FoldName(name).empty()) return Status::NotFound("the name folds to nothing");
    return base_.FindByName(name, visit);
  });
}

Node* Txn::MutableNode(NodeId id) {
  if (deleted_nodes_.count(id)) return nullptr;
  if (auto it = dirty_nodes_.find(id); it != dirty_nodes_.end()) return &it->second;
  const Node* current = GetNode(id);
  if (!current) return nullptr;
  return &dirty_nodes_.emplace(id, *current).first->second;
}

Edge* Txn::MutableEdge(EdgeId id) {
  if (deleted_edges_.count(id)) return nullptr;
  if (auto it = dirty_edges_.find(id); it != dirty_edges_.end()) return &it->second;
  const Edge* current = GetEdge(id);
  if (!current) return nullptr;
  return &dirty_edges_.emplace(id, *current).first->second;
}

NodeId Txn::CreateNode(std::vector<std::string> labels, Properties props) {
  Node node;
  node.id = store_->AllocateNodeId();
  std::sort(labels.begin(), labels.end());
  labels.erase(std::unique(labels.begin(), labels.end()), labels.end());
  node.labels = std::move(labels);
  for (auto it = props.begin(); it != props.end();)
    it = it->second.is_null() ? props.erase(it) : std::next(it);
  node.props = std::move(props);
  stats_.nodes_created++;
  stats_.labels_added += node.labels.size();
  stats_.properties_set += node.props.size();
  NodeId id = node.id;
  dirty_nodes_.emplace(id, std::move(node));
  created_nodes_.insert(id);
  created_node_order_.push_back(id);
  return id;
}

EdgeId Txn::CreateEdge(std::string type, NodeId src, NodeId dst, Properties props) {
  Edge edge;
  edge.id = store_->AllocateEdgeId();
  edge.type = std::move(type);
  edge.src = src;
  edge.dst = dst;
  for (auto it = props.begin(); it != props.end();)
    it = it->second.is_null() ? props.erase(it) : std::next(it);
  edge.props = std::move(props);
  stats_.relationships_created++;
  stats_.properties_set += edge.props.size();
  EdgeId id = edge.id;
  dirty_edges_.emplace(id, std::move(edge));
  created_edges_.insert(id);
  created_out_.emplace(src, id);
  created_in_.emplace(dst, id);
  return id;
}

void Txn::SetNodeProperty(NodeId id, const std::string& key, const steppe::Value& value) {
  Node* node = MutableNode(id);
  if (!node) return;
  if (value.is_null()) {
    if (node->props.erase(key)) stats_.properties_set++;
    return;
  }
  node->props[key] = value;
  stats_.properties_set++;
}

void Txn::SetEdgeProperty(EdgeId id, const std::string& key, const steppe::Value& value) {
  Edge* edge = MutableEdge(id);
  if (!edge) return;
  if (value.is_null()) {
    if (edge->props.erase(key)) stats_.properties_set++;
    return;
  }
  edge->props[key] = value;
  stats_.properties_set++;
}

void Txn::AddLabel(NodeId id, const std::string& label) {
  const Node* current = GetNode(id);
  if (!current || current->HasLabel(label)) return;
  Node* node = MutableNode(id);
  node->labels.push_back(label);
  std::sort(node->labels.begin(), node->labels.end());
  stats_.labels_added++;
}

void Txn::RemoveLabel(NodeId id, const std::string& label) {
  const Node* current = GetNode(id);
  if (!current || !current->HasLabel(label)) return;
  Node* node = MutableNode(id);
  node->labels.erase(std::find(node->labels.begin(), node->labels.end(), label));
  stats_.labels_removed++;
}

void Txn::DeleteEdge(EdgeId id) {
  if (deleted_edges_.count(id) || !GetEdge(id)) return;
  deleted_edges_.insert(id);
  stats_.relationships_deleted++;
}

bool Txn::DeleteNode(NodeId id, bool detach) {
  if (deleted_nodes_.count(id) || !GetNode(id)) return true;
  std::vector<EdgeId> edges;
  Status s = Expand(id, HopDirection::kBoth, {}, [&](const Hop& hop) {
    edges.push_back(hop.edge);
    return true;
  });
  s.IgnoreError();  // a failed scan leaves `edges` short; Apply then refuses the batch
  if (!edges.empty() && !detach) return false;
  for (EdgeId edge : edges) DeleteEdge(edge);
  deleted_nodes_.insert(id);
  stats_.nodes_deleted++;
  return true;
}

Status Txn::Commit() {
  if (!has_writes()) return Status::OK();
  Mutation batch;
  for (auto& [id, node] : dirty_nodes_)
    if (!deleted_nodes_.count(id)) batch.put_nodes.push_back(node);
  for (auto& [id, edge] : dirty_edges_)
    if (!deleted_edges_.count(id) && !deleted_nodes_.count(edge.src) &&
        !deleted_nodes_.count(edge.dst))
      batch.put_edges.push_back(edge);
  for (EdgeId id : deleted_edges_)
    if (!created_edges_.count(id)) batch.delete_edges.push_back(id);
  for (NodeId id : deleted_nodes_)
    if (!created_nodes_.count(id)) batch.delete_nodes.push_back(id);
  auto by_id = [](const auto& a, const auto& b) { return a.id < b.id; };
  std::sort(batch.put_nodes.begin(), batch.put_nodes.end(), by_id);
  std::sort(batch.put_edges.begin(), batch.put_edges.end(), by_id);
  return store_->Apply(batch);
}

}  // namespace steppe::query
