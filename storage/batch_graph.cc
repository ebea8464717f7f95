#include "storage/batch_graph.h"

#include <set>

#include "core/fold.h"

namespace steppe::storage {

BatchGraph::BatchGraph(const GraphReader& store, GraphStore& ids, Mutation& batch)
    : store_(store), ids_(ids), batch_(batch) {
  for (size_t i = 0; i < batch_.put_nodes.size(); ++i) {
    node_index_[batch_.put_nodes[i].id] = i;
    IndexNames(batch_.put_nodes[i].id);
  }
  for (size_t i = 0; i < batch_.put_edges.size(); ++i) edge_index_[batch_.put_edges[i].id] = i;
}

NodeId BatchGraph::NewNode(std::string_view label) {
  Node node;
  node.id = ids_.AllocateNodeId();
  node.labels.emplace_back(label);
  node_index_[node.id] = batch_.put_nodes.size();
  batch_.put_nodes.push_back(std::move(node));
  return batch_.put_nodes.back().id;
}

Result<Node*> BatchGraph::NodeAt(NodeId id) {
  if (auto it = node_index_.find(id); it != node_index_.end()) return &batch_.put_nodes[it->second];
  Result<Node> stored = store_.GetNode(id);
  if (!stored.ok()) return stored.status();
  node_index_[id] = batch_.put_nodes.size();
  batch_.put_nodes.push_back(std::move(*stored));
  return &batch_.put_nodes.back();
}

Result<Node> BatchGraph::ReadNode(NodeId id) const {
  if (auto it = node_index_.find(id); it != node_index_.end()) return batch_.put_nodes[it->second];
  return store_.GetNode(id);
}

void BatchGraph::IndexNames(NodeId id) {
  auto it = node_index_.find(id);
  if (it == node_index_.end()) return;
  const Node& node = batch_.put_nodes[it->second];
  std::set<std::string> keys;
  if (auto name = node.props.find("name"); name != node.props.end() && name->second.is_string())
    keys.insert(FoldName(name->second.as_string()));
  if (auto aliases = node.props.find("aliases");
      aliases != node.props.end() && aliases->second.is_list())
    for (const Value& alias : aliases->second.as_list())
      if (alias.is_string()) keys.insert(FoldName(alias.as_string()));
  for (const std::string& key : keys) {
    bool known = false;
    for (auto [b, e] = names_.equal_range(key); b != e && !known; ++b) known = b->second == id;
    if (!known && !key.empty()) names_.emplace(key, id);
  }
}

Status BatchGraph::FindByName(std::string_view name, std::string_view label,
                              const std::function<void(const Node&)>& visit) const {
  std::string key = FoldName(name);
  if (key.empty()) return Status::OK();
  std::set<NodeId> seen;
  for (auto [b, e] = names_.equal_range(key); b != e; ++b) {
    const Node& node = batch_.put_nodes[node_index_.at(b->second)];
    if (node.HasLabel(label) && seen.insert(node.id).second) visit(node);
  }
  std::vector<NodeId> stored;
  STEPPE_RETURN_IF_ERROR(store_.FindByName(name, [&stored](NodeId id) {
    stored.push_back(id);
    return true;
  }));
  for (NodeId id : stored) {
    if (!seen.insert(id).second) continue;
    Result<Node> node = ReadNode(id);
    if (!node.ok()) return node.status();
    if (node->HasLabel(label)) visit(*node);
  }
  return Status::OK();
}

Status BatchGraph::ScanOut(NodeId src, std::string_view type,
                           const std::function<bool(const Edge&)>& visit) const {
  std::set<EdgeId> seen;
  for (const Edge& edge : batch_.put_edges) {
    if (edge.src != src || edge.type != type) continue;
    seen.insert(edge.id);
    if (!visit(edge)) return Status::OK();
  }
  std::vector<EdgeId> stored;
  STEPPE_RETURN_IF_ERROR(store_.ScanOut(src, type, [&](const EdgeRef& ref) {
    if (!seen.count(ref.edge)) stored.push_back(ref.edge);
    return true;
  }));
  for (EdgeId id : stored) {
    Result<Edge> edge = store_.GetEdge(id);
    if (!edge.ok()) return edge.status();
    if (!visit(*edge)) break;
  }
  return Status::OK();
}

void BatchGraph::ScanBatchOut(NodeId src, std::string_view type,
                              const std::function<bool(const Edge&)>& visit) const {
  for (const Edge& edge : batch_.put_edges)
    if (edge.src == src && edge.type == type && !visit(edge)) return;
}

EdgeId BatchGraph::AddEdge(std::string_view type, NodeId src, NodeId dst, Properties props) {
  Edge edge;
  edge.id = ids_.AllocateEdgeId();
  edge.type = std::string(type);
  edge.src = src;
  edge.dst = dst;
  edge.props = std::move(props);
  PutEdge(edge);
  return edge.id;
}

void BatchGraph::PutEdge(const Edge& edge) {
  if (auto it = edge_index_.find(edge.id); it != edge_index_.end()) {
    batch_.put_edges[it->second] = edge;
    return;
  }
  edge_index_[edge.id] = batch_.put_edges.size();
  batch_.put_edges.push_back(edge);
}

}  // namespace steppe::storage
