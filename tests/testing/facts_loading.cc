#include "tests/testing/facts_loading.h"

#include <algorithm>
#include <vector>

#include "storage/graph_loader.h"

namespace steppe::testing {
namespace {

std::vector<NodeId> Ids(const storage::GraphReader& store, std::string_view name,
                        std::string_view label) {
  std::vector<NodeId> ids;
  store.FindByName(name, [&](NodeId id) {
         Result<Node> node = store.GetNode(id);
         if (node.ok() && node->HasLabel(label)) ids.push_back(id);
         return true;
       }).IgnoreError();  // a failed scan shows as a missing node in the check
  std::sort(ids.begin(), ids.end());
  return ids;
}

std::string Render(const Value& value) {
  if (value.is_string()) return value.as_string();
  if (value.is_int()) return std::to_string(value.as_int());
  if (!value.is_list()) return "";
  std::string out;
  for (const Value& item : value.as_list()) out += (out.empty() ? "" : "|") + Render(item);
  return out;
}

}  // namespace

Result<NodeId> LoadFacts(storage::GraphStore& store, const ArticleFacts& facts) {
  Mutation batch;
  Node article;
  article.id = store.AllocateNodeId();
  article.labels = {std::string(label::kArticle)};
  article.props["name"] = facts.article.title.value_or(facts.article.id);
  batch.put_nodes.push_back(article);
  STEPPE_RETURN_IF_ERROR(storage::GraphLoader().Load(facts, store, store, article.id, batch));
  STEPPE_RETURN_IF_ERROR(store.Apply(batch));
  return article.id;
}

std::string Named(const storage::GraphReader& store, std::string_view name,
                  std::string_view label) {
  std::string out;
  for (NodeId id : Ids(store, name, label)) out += (out.empty() ? "" : ",") + std::to_string(id);
  return out;
}

std::string Out(const storage::GraphReader& store, std::string_view name, std::string_view label,
                std::string_view type) {
  std::vector<NodeId> ids = Ids(store, name, label);
  if (ids.size() != 1) return "<" + std::to_string(ids.size()) + " nodes>";
  std::vector<std::string> edges;
  std::optional<std::string_view> filter;
  if (!type.empty()) filter = type;
  store.ScanOut(ids.front(), filter, [&](const storage::EdgeRef& ref) {
         Result<Node> other = store.GetNode(ref.dst);
         edges.push_back(std::string(ref.type) + "->" +
                         (other.ok() ? Render(other->props["name"]) : "?"));
         return true;
       }).IgnoreError();  // a failed scan shows as missing edges in the check
  std::sort(edges.begin(), edges.end());
  std::string out;
  for (const auto& e : edges) out += (out.empty() ? "" : ", ") + e;
  return out;
}

std::string Prop(const storage::GraphReader& store, std::string_view name,
                 std::string_view label, const std::string& key) {
  std::vector<NodeId> ids = Ids(store, name, label);
  if (ids.size() != 1) return "<" + std::to_string(ids.size()) + " nodes>";
  Result<Node> node = store.GetNode(ids.front());
  if (!node.ok()) return node.status().ToString();
  auto it = node->props.find(key);
  return it == node->props.end() ? "" : Render(it->second);
}

}  // namespace steppe::testing
