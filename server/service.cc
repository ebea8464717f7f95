#include "server/service.h"

#include <map>

#include "core/ingest/reader.h"
#include "server/value_json.h"

namespace steppe::server {
namespace {

Node ToNode(const query::NodeValue& value) { return Node{value.id, value.labels, value.props}; }
Edge ToEdge(const query::RelValue& value) {
  return Edge{value.id, value.type, value.src, value.dst, value.props};
}

// Every node and relationship inside a result cell, however deeply nested.
void CollectEntities(const query::Value& value, std::vector<Node>& nodes,
                     std::vector<Edge>& edges) {
  switch (value.kind()) {
    case query::Value::Kind::kNode:
      nodes.push_back(ToNode(value.as_node()));
      return;
    case query::Value::Kind::kRelationship:
      edges.push_back(ToEdge(value.as_relationship()));
      return;
    case query::Value::Kind::kPath:
      for (const auto& node : value.as_path().nodes) nodes.push_back(ToNode(node));
      for (const auto& rel : value.as_path().rels) edges.push_back(ToEdge(rel));
      return;
    case query::Value::Kind::kList:
      for (const auto& item : value.as_list()) CollectEntities(item, nodes, edges);
      return;
    case query::Value::Kind::kMap:
      for (const auto& [key, item] : value.as_map()) CollectEntities(item, nodes, edges);
      return;
    default:
      return;
  }
}

std::string NameOf(const Node& node) {
  auto it = node.props.find("name");
  return it != node.props.end() && it->second.is_string() ? it->second.as_string() : "";
}

nlohmann::json NodeSummary(const Node& node) {
  return {{"id", node.id}, {"labels", node.labels}, {"name", NameOf(node)}};
}

nlohmann::json ArticleJson(const StoredArticle& stored) {
  const Article& article = stored.article;
  nlohmann::json out = {{"id", stored.node}, {"key", article.id}, {"file", article.file}};
  if (article.title) out["title"] = *article.title;
  if (article.date) out["date"] = *article.date;
  if (article.source_url) out["url"] = *article.source_url;
  if (article.outlet) out["outlet"] = *article.outlet;
  return out;
}

// Looks up each source article once per request.
class ArticleCache {
 public:
  explicit ArticleCache(const storage::GraphReader& reader) : reader_(reader) {}

  nlohmann::json Get(const Value& article_prop) {
    if (!article_prop.is_int()) return nullptr;
    NodeId id = static_cast<NodeId>(article_prop.as_int());
    auto it = cache_.find(id);
    if (it != cache_.end()) return it->second;
    Result<StoredArticle> stored = reader_.GetArticle(id);
    nlohmann::json json = stored.ok() ? ArticleJson(*stored) : nlohmann::json{{"id", id}};
    cache_.emplace(id, json);
    return json;
  }

 private:
  const storage::GraphReader& reader_;
  std::map<NodeId, nlohmann::json> cache_;
};

// Refuses text the news reader must not see: control bytes (a binary
// upload) and malformed UTF-8.
Status CheckText(std::string_view text) {
  if (text.find_first_not_of(" \t\r\n") == std::string_view::npos)
    return Status::InvalidArgument("articles: the body is empty");
  for (size_t i = 0; i < text.size();) {
    unsigned char lead = static_cast<unsigned char>(text[i]);
    if (lead < 0x20 && lead != '\t' && lead != '\n' && lead != '\r' && lead != '\f')
      return Status::InvalidArgument("articles: the body is not text (control byte at offset " +
                                     std::to_string(i) + ")");
    size_t length = lead < 0x80                    ? 1
                    : lead >= 0xC2 && lead <= 0xDF ? 2
                    : lead >= 0xE0 && lead <= 0xEF ? 3
                    : lead >= 0xF0 && lead <= 0xF4 ? 4
                                                   : 0;
    bool valid = length > 0 && i + length <= text.size();
    for (size_t k = 1; valid && k < length; ++k)
      valid = (static_cast<unsigned char>(text[i + k]) & 0xC0) == 0x80;
    if (!valid)
      return Status::InvalidArgument("articles: the body is not valid UTF-8 (offset " +
                                     std::to_string(i) + ")");
    i += length;
  }
  return Status::OK();
}

uint64_t Without(const std::map<std::string, uint64_t>& counts, std::string_view key,
                 uint64_t total) {
  auto it = counts.find(std::string(key));
  return it == counts.end() ? total : total - it->second;
}

}  // namespace

Service::Service(storage::GraphStore& store, storage::ArticleEnricher* enricher,
                 ServiceOptions options)
    : store_(store), enricher_(enricher), options_(options), engine_(store) {}

Result<IngestSummary> Service::Ingest(std::string_view text, std::string_view name) {
  STEPPE_RETURN_IF_ERROR(CheckText(text));
  if (text.starts_with("\xEF\xBB\xBF")) text.remove_prefix(3);  // a byte-order mark
  Result<ingest::NewsFile> file = ingest::ParseNewsText(text, name);
  if (!file.ok()) return file.status();
  IngestSummary summary;
  summary.format = ingest::FormatName(file->format);
  std::vector<ingest::NewsFile> files;
  files.push_back(std::move(*file));

  std::lock_guard<std::mutex> lock(write_mutex_);
  Result<storage::GraphStats> before = store_.Stats();
  if (!before.ok()) return before.status();
  storage::Ingestor ingestor(store_, enricher_);
  Result<storage::IngestReport> report =
      ingestor.Write(storage::IngestInput::FromParsed(std::move(files)));
  if (!report.ok()) return report.status();
  Result<storage::GraphStats> after = store_.Stats();
  if (!after.ok()) return after.status();
  summary.report = *report;
  summary.nodes_added = after->nodes - before->nodes;
  summary.edges_added = after->edges - before->edges;
  summary.entities_added = Without(after->per_label, label::kArticle, after->nodes) -
                           Without(before->per_label, label::kArticle, before->nodes);
  summary.facts_added = Without(after->per_type, rel::kMentions, after->edges) -
                        Without(before->per_type, rel::kMentions, before->edges);
  return summary;
}

Result<query::QueryResult> Service::Query(std::string_view text, const query::Params& params,
                                          bool allow_writes) {
  query::RunOptions run;
  run.timeout = options_.query_timeout;
  run.max_rows = options_.max_rows;
  run.read_only = !allow_writes;
  if (!allow_writes) return engine_.Run(text, params, run);
  std::lock_guard<std::mutex> lock(write_mutex_);
  return engine_.Run(text, params, run);
}

Result<nlohmann::json> Service::Search(std::string_view text, size_t limit) {
  if (text.empty()) return Status::InvalidArgument("search: the query text `q` is empty");
  Result<query::QueryResult> found = Query(
      "CALL db.search($text, $limit) YIELD node, name, score "
      "RETURN id(node) AS id, name, labels(node) AS labels, score",
      {{"text", std::string(text)}, {"limit", static_cast<int64_t>(limit)}}, false);
  if (!found.ok()) return found.status();
  nlohmann::json hits = nlohmann::json::array();
  for (const auto& row : found->rows)
    hits.push_back({{"id", ToJson(row[0])},
                    {"name", ToJson(row[1])},
                    {"labels", ToJson(row[2])},
                    {"score", ToJson(row[3])}});
  return nlohmann::json{{"query", std::string(text)}, {"hits", hits}};
}

Result<nlohmann::json> Service::NodeDetail(NodeId id) const {
  std::unique_ptr<storage::GraphReader> reader = store_.Snapshot();
  Result<Node> node = reader->GetNode(id);
  if (!node.ok()) return node.status();

  std::vector<storage::EdgeRef> refs;
  std::vector<std::string> types;  // EdgeRef::type lives only during the scan
  nlohmann::json mentioned_in = nlohmann::json::array();
  bool truncated = false;
  auto keep = [&](const storage::EdgeRef& ref) {
    if (ref.type == rel::kMentions) {
      mentioned_in.push_back(ref.src == id ? ref.dst : ref.src);
      return true;
    }
    if (refs.size() == options_.max_facts) {
      truncated = true;
      return false;
    }
    refs.push_back(ref);
    types.emplace_back(ref.type);
    return true;
  };
  STEPPE_RETURN_IF_ERROR(reader->ScanOut(id, std::nullopt, keep));
  if (!truncated) STEPPE_RETURN_IF_ERROR(reader->ScanIn(id, std::nullopt, keep));

  ArticleCache articles(*reader);
  nlohmann::json facts = nlohmann::json::array();
  for (const storage::EdgeRef& ref : refs) {
    Result<Edge> edge = reader->GetEdge(ref.edge);
    if (!edge.ok()) return edge.status();
    NodeId other_id = edge->src == id ? edge->dst : edge->src;
    Result<Node> other = reader->GetNode(other_id);
    if (!other.ok()) return other.status();
    auto sentence = edge->props.find("sentence");
    auto article = edge->props.find("article");
    facts.push_back(
        {{"id", edge->id},
         {"type", edge->type},
         {"direction", edge->src == id ? "out" : "in"},
         {"other", NodeSummary(*other)},
         {"properties", PropertiesJson(edge->props)},
         {"sentence", sentence != edge->props.end() ? ToJson(sentence->second) : nullptr},
         {"article", article != edge->props.end() ? articles.Get(article->second) : nullptr}});
  }
  if (node->HasLabel(label::kArticle)) {
    Result<StoredArticle> stored = reader->GetArticle(id);
    if (stored.ok()) {
      nlohmann::json text = ArticleJson(*stored);
      text["body"] = stored->article.body;
      return nlohmann::json{{"node", NodeSummary(*node)},
                            {"properties", PropertiesJson(node->props)},
                            {"article", text},
                            {"facts", facts},
                            {"mentioned_in", mentioned_in},
                            {"truncated", truncated}};
    }
  }
  return nlohmann::json{{"node", NodeSummary(*node)},
                        {"properties", PropertiesJson(node->props)},
                        {"facts", facts},
                        {"mentioned_in", mentioned_in},
                        {"truncated", truncated}};
}

Result<query::Subgraph> Service::QuerySubgraph(const SnapshotRequest& request) {
  Result<query::QueryResult> result = Query(request.query, request.params, false);
  if (!result.ok()) return result.status();
  std::vector<Node> nodes;
  std::vector<Edge> edges;
  for (const auto& row : result->rows)
    for (const auto& cell : row) CollectEntities(cell, nodes, edges);
  std::unique_ptr<storage::GraphReader> reader = store_.Snapshot();
  Result<query::Subgraph> subgraph = query::CompleteSubgraph(
      *reader, std::move(nodes), std::move(edges), request.neighbourhood.max_nodes);
  if (subgraph.ok()) subgraph->subject = request.query;
  return subgraph;
}

Result<std::string> Service::Snapshot(const SnapshotRequest& request) {
  if (request.neighbourhood.max_nodes == 0 ||
      request.neighbourhood.max_nodes > 10 * options_.snapshot_max_nodes)
    return Status::InvalidArgument("snapshot: limit must be between 1 and " +
                                   std::to_string(10 * options_.snapshot_max_nodes));
  Result<query::Subgraph> subgraph = Status::InvalidArgument(
      "snapshot: give a query (query=...), a centre (center=NAME) or node ids (ids=1,2)");
  if (!request.query.empty()) {
    subgraph = QuerySubgraph(request);
  } else if (!request.neighbourhood.center.empty() || !request.neighbourhood.center_ids.empty()) {
    std::unique_ptr<storage::GraphReader> reader = store_.Snapshot();
    subgraph = query::SelectNeighbourhood(*reader, request.neighbourhood);
  }
  if (!subgraph.ok()) return subgraph.status();
  subgraph->date = request.date;
  return query::RenderSnapshot(*subgraph, request.format);
}

Result<nlohmann::json> Service::Health() const {
  std::unique_ptr<storage::GraphReader> reader = store_.Snapshot();
  Result<storage::GraphStats> stats = reader->Stats();
  if (!stats.ok()) return stats.status();
  return nlohmann::json{{"status", "ok"},
                        {"version", reader->Version()},
                        {"nodes", stats->nodes},
                        {"edges", stats->edges},
                        {"articles", stats->articles}};
}

}  // namespace steppe::server
