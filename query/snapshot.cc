#include "query/snapshot.h"

#include <graphviz/cgraph.h>
#include <graphviz/gvc.h>

#include <algorithm>
#include <map>
#include <mutex>
#include <nlohmann/json.hpp>
#include <set>
#include <sstream>

namespace steppe::query {
namespace {

constexpr size_t kMaxEdgesPerNode = 4;  // edge cap = kMaxEdgesPerNode * max_nodes
constexpr size_t kMaxLabelChars = 40;
constexpr size_t kMaxSubjectChars = 120;

struct LabelStyle {
  std::string_view label;
  const char* shape;
  const char* fill;
};

// The graph model's labels in legend order; a node takes the style of its
// first label found here.
constexpr LabelStyle kStyles[] = {
    {label::kOfficial, "ellipse", "#8ecae6"},    {label::kBody, "box", "#ffd166"},
    {label::kCountry, "hexagon", "#95d5b2"},     {label::kLaw, "note", "#f4a261"},
    {label::kAgreement, "component", "#cdb4db"}, {label::kArticle, "tab", "#e9ecef"},
};
constexpr LabelStyle kOtherStyle = {"Other", "ellipse", "#ffffff"};

const LabelStyle& StyleOf(const Node& node) {
  for (const auto& style : kStyles)
    if (node.HasLabel(style.label)) return style;
  return kOtherStyle;
}

std::string_view LabelOf(const Node& node) {
  const LabelStyle& style = StyleOf(node);
  if (&style != &kOtherStyle) return style.label;
  return node.labels.empty() ? std::string_view("Node") : std::string_view(node.labels.front());
}

std::string StringProp(const Properties& props, const std::string& key) {
  auto it = props.find(key);
  if (it == props.end()) return "";
  if (it->second.is_string()) return it->second.as_string();
  if (it->second.is_int()) return std::to_string(it->second.as_int());
  return "";
}

// Cuts `text` to at most `max_chars` code points, ending with "..." when cut.
std::string Shorten(std::string_view text, size_t max_chars) {
  size_t chars = 0;
  for (size_t i = 0; i < text.size(); ++i) {
    if ((static_cast<unsigned char>(text[i]) & 0xC0) == 0x80) continue;  // continuation byte
    if (chars++ == max_chars) return std::string(text.substr(0, i)) + "...";
  }
  return std::string(text);
}

std::string DisplayName(const Node& node) {
  std::string name = StringProp(node.props, "name");
  if (name.empty()) name = StringProp(node.props, "title");
  if (name.empty()) name = std::string(LabelOf(node)) + " #" + std::to_string(node.id);
  return Shorten(name, kMaxLabelChars);
}

std::string EdgeCaption(const Edge& edge) {
  std::string date = StringProp(edge.props, "date");
  return date.empty() ? edge.type : edge.type + "\n" + date;
}

// Nodes and edges in id order, edges only between present nodes, so that
// every output is a function of the set, not of the order it came in.
struct Ordered {
  std::vector<const Node*> nodes;
  std::vector<const Edge*> edges;
};

Ordered Order(const Subgraph& subgraph) {
  Ordered ordered;
  std::set<NodeId> present;
  for (const Node& node : subgraph.nodes)
    if (present.insert(node.id).second) ordered.nodes.push_back(&node);
  std::set<EdgeId> seen_edges;
  for (const Edge& edge : subgraph.edges)
    if (present.count(edge.src) && present.count(edge.dst) && seen_edges.insert(edge.id).second)
      ordered.edges.push_back(&edge);
  std::sort(ordered.nodes.begin(), ordered.nodes.end(),
            [](const Node* a, const Node* b) { return a->id < b->id; });
  std::sort(ordered.edges.begin(), ordered.edges.end(),
            [](const Edge* a, const Edge* b) { return a->id < b->id; });
  return ordered;
}

// The caption's date: the given one, else the latest edge date or node
// last_seen in the picture.
std::string AsOfDate(const Subgraph& subgraph) {
  if (!subgraph.date.empty()) return subgraph.date;
  std::string latest;
  for (const Edge& edge : subgraph.edges) latest = std::max(latest, StringProp(edge.props, "date"));
  for (const Node& node : subgraph.nodes)
    latest = std::max(latest, StringProp(node.props, "last_seen"));
  return latest.empty() ? "undated" : latest;
}

std::vector<std::string> CaptionLines(const Subgraph& subgraph, const Ordered& ordered) {
  std::vector<std::string> lines;
  lines.push_back("Steppe: " + Shorten(subgraph.subject, kMaxSubjectChars));
  lines.push_back("as of " + AsOfDate(subgraph) + " | " +
                  std::to_string(CountSourceArticles(subgraph)) + " source articles | " +
                  std::to_string(ordered.nodes.size()) + " nodes, " +
                  std::to_string(ordered.edges.size()) + " edges");
  if (subgraph.truncated)
    lines.push_back("cut to " + std::to_string(ordered.nodes.size()) + " nodes (limit " +
                    std::to_string(subgraph.limit) + "): the full selection is larger");
  return lines;
}

std::string DotQuote(std::string_view text) {
  std::string out = "\"";
  for (char c : text) {
    if (c == '"' || c == '\\') out += '\\';
    if (c == '\n') {
      out += "\\n";
      continue;
    }
    out += c;
  }
  return out + "\"";
}

std::string RenderDot(const Subgraph& subgraph, const Ordered& ordered) {
  std::ostringstream dot;
  dot << "digraph steppe {\n"
         "  graph [rankdir=LR, fontname=\"Helvetica\", fontsize=11, labelloc=b, "
         "labeljust=l, bgcolor=\"white\", pad=0.3];\n"
         "  node [fontname=\"Helvetica\", fontsize=10, style=filled, color=\"#444444\"];\n"
         "  edge [fontname=\"Helvetica\", fontsize=8, color=\"#666666\"];\n";
  std::string caption;
  for (const std::string& line : CaptionLines(subgraph, ordered)) caption += line + "\n";
  dot << "  label=" << DotQuote(caption) << ";\n";

  std::set<std::string_view> labels_present;
  for (const Node* node : ordered.nodes) {
    const LabelStyle& style = StyleOf(*node);
    labels_present.insert(style.label);
    dot << "  n" << node->id << " [label=" << DotQuote(DisplayName(*node))
        << ", shape=" << style.shape << ", fillcolor=\"" << style.fill
        << "\", tooltip=" << DotQuote(std::string(LabelOf(*node)) + " " + std::to_string(node->id))
        << "];\n";
  }
  for (const Edge* edge : ordered.edges)
    dot << "  n" << edge->src << " -> n" << edge->dst << " [label=" << DotQuote(EdgeCaption(*edge))
        << "];\n";

  if (!labels_present.empty()) {
    dot << "  subgraph cluster_legend {\n"
           "    label=\"Legend\"; fontsize=10; style=rounded; color=\"#999999\";\n";
    for (const auto& style : kStyles) {
      if (!labels_present.count(style.label)) continue;
      dot << "    legend_" << style.label << " [label=\"" << style.label
          << "\", shape=" << style.shape << ", fillcolor=\"" << style.fill << "\"];\n";
    }
    if (labels_present.count(kOtherStyle.label))
      dot << "    legend_Other [label=\"Other\", shape=ellipse, fillcolor=\"#ffffff\"];\n";
    dot << "  }\n";
  }
  dot << "}\n";
  return dot.str();
}

// Graphviz keeps global state (the cgraph allocator, error handlers), so
// every render runs under one lock. It also runs on one context that lives as
// long as the process: Graphviz 2.42's Pango plugin remembers the last font
// name by pointer into the context's font table, so freeing a context leaves
// the next render comparing against freed memory.
struct Graphviz {
  std::mutex mutex;
  GVC_t* context = gvContext();
};

Graphviz& SharedGraphviz() {
  static Graphviz graphviz;
  return graphviz;
}

Result<std::string> RenderWithGraphviz(const std::string& dot, const char* format) {
  Graphviz& graphviz = SharedGraphviz();
  std::lock_guard<std::mutex> lock(graphviz.mutex);
  GVC_t* gvc = graphviz.context;
  if (gvc == nullptr) return Status::Internal("snapshot: Graphviz context could not be created");
  Agraph_t* graph = agmemread(dot.c_str());
  if (graph == nullptr) return Status::Internal("snapshot: Graphviz could not read the generated DOT");
  Result<std::string> out =
      Status::Internal(std::string("snapshot: Graphviz failed to render ") + format);
  if (gvLayout(gvc, graph, "dot") == 0) {
    char* data = nullptr;
    unsigned int length = 0;
    if (gvRenderData(gvc, graph, format, &data, &length) == 0 && data != nullptr)
      out = std::string(data, length);
    gvFreeRenderData(data);
    gvFreeLayout(gvc, graph);
  }
  agclose(graph);
  return out;
}

nlohmann::json ToJson(const Value& value) {
  switch (value.kind()) {
    case Value::Kind::kNull:
      return nullptr;
    case Value::Kind::kBool:
      return value.as_bool();
    case Value::Kind::kInt:
      return value.as_int();
    case Value::Kind::kDouble:
      return value.as_double();
    case Value::Kind::kString:
      return value.as_string();
    case Value::Kind::kList: {
      nlohmann::json list = nlohmann::json::array();
      for (const Value& item : value.as_list()) list.push_back(ToJson(item));
      return list;
    }
    case Value::Kind::kMap: {
      nlohmann::json map = nlohmann::json::object();
      for (const auto& [key, item] : value.as_map()) map[key] = ToJson(item);
      return map;
    }
  }
  return nullptr;
}

nlohmann::json PropsJson(const Properties& props) {
  nlohmann::json out = nlohmann::json::object();
  for (const auto& [key, value] : props) out[key] = ToJson(value);
  return out;
}

std::string RenderCytoscapeJson(const Subgraph& subgraph, const Ordered& ordered) {
  nlohmann::json nodes = nlohmann::json::array();
  for (const Node* node : ordered.nodes)
    nodes.push_back({{"data",
                      {{"id", "n" + std::to_string(node->id)},
                       {"label", LabelOf(*node)},
                       {"labels", node->labels},
                       {"name", DisplayName(*node)},
                       {"color", StyleOf(*node).fill},
                       {"shape", StyleOf(*node).shape},
                       {"properties", PropsJson(node->props)}}}});
  nlohmann::json edges = nlohmann::json::array();
  for (const Edge* edge : ordered.edges)
    edges.push_back({{"data",
                      {{"id", "e" + std::to_string(edge->id)},
                       {"source", "n" + std::to_string(edge->src)},
                       {"target", "n" + std::to_string(edge->dst)},
                       {"type", edge->type},
                       {"label", EdgeCaption(*edge)},
                       {"properties", PropsJson(edge->props)}}}});
  nlohmann::json doc = {{"elements", {{"nodes", nodes}, {"edges", edges}}},
                        {"caption", CaptionLines(subgraph, ordered)},
                        {"truncated", subgraph.truncated}};
  return doc.dump(2) + "\n";
}

std::string XmlEscape(std::string_view text) {
  std::string out;
  for (char c : text) {
    switch (c) {
      case '&':
        out += "&amp;";
        break;
      case '<':
        out += "&lt;";
        break;
      case '>':
        out += "&gt;";
        break;
      case '"':
        out += "&quot;";
        break;
      default:
        out += c;
    }
  }
  return out;
}

std::string RenderGraphml(const Subgraph& subgraph, const Ordered& ordered) {
  std::ostringstream xml;
  xml << "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
         "<graphml xmlns=\"http://graphml.graphdrawing.org/xmlns\">\n"
         "  <key id=\"labels\" for=\"node\" attr.name=\"labels\" attr.type=\"string\"/>\n"
         "  <key id=\"name\" for=\"node\" attr.name=\"name\" attr.type=\"string\"/>\n"
         "  <key id=\"node_props\" for=\"node\" attr.name=\"properties\" attr.type=\"string\"/>\n"
         "  <key id=\"type\" for=\"edge\" attr.name=\"type\" attr.type=\"string\"/>\n"
         "  <key id=\"date\" for=\"edge\" attr.name=\"date\" attr.type=\"string\"/>\n"
         "  <key id=\"edge_props\" for=\"edge\" attr.name=\"properties\" attr.type=\"string\"/>\n"
         "  <key id=\"caption\" for=\"graph\" attr.name=\"caption\" attr.type=\"string\"/>\n"
         "  <graph id=\"steppe\" edgedefault=\"directed\">\n";
  std::string caption;
  for (const std::string& line : CaptionLines(subgraph, ordered))
    caption += (caption.empty() ? "" : "\n") + line;
  xml << "    <data key=\"caption\">" << XmlEscape(caption) << "</data>\n";
  for (const Node* node : ordered.nodes) {
    std::string labels;
    for (const std::string& label : node->labels) labels += ":" + label;
    xml << "    <node id=\"n" << node->id << "\">\n"
        << "      <data key=\"labels\">" << XmlEscape(labels) << "</data>\n"
        << "      <data key=\"name\">" << XmlEscape(StringProp(node->props, "name")) << "</data>\n"
        << "      <data key=\"node_props\">" << XmlEscape(PropsJson(node->props).dump())
        << "</data>\n    </node>\n";
  }
  for (const Edge* edge : ordered.edges)
    xml << "    <edge id=\"e" << edge->id << "\" source=\"n" << edge->src << "\" target=\"n"
        << edge->dst << "\">\n"
        << "      <data key=\"type\">" << XmlEscape(edge->type) << "</data>\n"
        << "      <data key=\"date\">" << XmlEscape(StringProp(edge->props, "date")) << "</data>\n"
        << "      <data key=\"edge_props\">" << XmlEscape(PropsJson(edge->props).dump())
        << "</data>\n    </edge>\n";
  xml << "  </graph>\n</graphml>\n";
  return xml.str();
}

Status CollectNeighbours(const storage::GraphReader& reader, NodeId id,
                         const std::vector<std::string>& types, std::set<NodeId>& out) {
  auto add = [&out, id](const storage::EdgeRef& ref) {
    out.insert(ref.src == id ? ref.dst : ref.src);
    return true;
  };
  if (types.empty()) {
    auto add_unless_mention = [&](const storage::EdgeRef& ref) {
      return ref.type == rel::kMentions ? true : add(ref);
    };
    STEPPE_RETURN_IF_ERROR(reader.ScanOut(id, std::nullopt, add_unless_mention));
    return reader.ScanIn(id, std::nullopt, add_unless_mention);
  }
  for (const std::string& type : types) {
    STEPPE_RETURN_IF_ERROR(reader.ScanOut(id, type, add));
    STEPPE_RETURN_IF_ERROR(reader.ScanIn(id, type, add));
  }
  return Status::OK();
}

// The edges of `types` among `nodes`, found from their sources; cut at `max_edges`.
Status CollectEdges(const storage::GraphReader& reader, const std::set<NodeId>& nodes,
                    const std::vector<std::string>& types, size_t max_edges, Subgraph& subgraph) {
  std::vector<EdgeId> edge_ids;
  auto keep = [&](const storage::EdgeRef& ref) {
    if (!nodes.count(ref.dst)) return true;
    if (types.empty() && ref.type == rel::kMentions) return true;
    if (edge_ids.size() == max_edges) {
      subgraph.truncated = true;
      return false;
    }
    edge_ids.push_back(ref.edge);
    return true;
  };
  for (NodeId id : nodes) {
    if (types.empty()) STEPPE_RETURN_IF_ERROR(reader.ScanOut(id, std::nullopt, keep));
    for (const std::string& type : types) STEPPE_RETURN_IF_ERROR(reader.ScanOut(id, type, keep));
  }
  for (EdgeId id : edge_ids) {
    Result<Edge> edge = reader.GetEdge(id);
    if (!edge.ok()) return edge.status();
    subgraph.edges.push_back(std::move(*edge));
  }
  return Status::OK();
}

// "A, B and 3 more": the names of the centre nodes, for the caption.
Result<std::string> CentreNames(const storage::GraphReader& reader,
                                const std::vector<NodeId>& ids) {
  constexpr size_t kNamed = 3;
  std::string names;
  for (size_t i = 0; i < ids.size() && i < kNamed; ++i) {
    Result<Node> node = reader.GetNode(ids[i]);
    if (!node.ok()) return node.status();
    names += (i == 0 ? "" : ", ") + DisplayName(*node);
  }
  if (ids.size() > kNamed) names += " and " + std::to_string(ids.size() - kNamed) + " more";
  return names;
}

}  // namespace

Result<SnapshotFormat> ParseSnapshotFormat(std::string_view name) {
  if (name == "svg") return SnapshotFormat::kSvg;
  if (name == "png") return SnapshotFormat::kPng;
  if (name == "dot") return SnapshotFormat::kDot;
  if (name == "graphml") return SnapshotFormat::kGraphml;
  if (name == "json") return SnapshotFormat::kJson;
  return Status::InvalidArgument("snapshot: unknown format '" + std::string(name) +
                                 "' (expected svg, png, dot, graphml or json)");
}

const char* SnapshotContentType(SnapshotFormat format) {
  switch (format) {
    case SnapshotFormat::kSvg:
      return "image/svg+xml";
    case SnapshotFormat::kPng:
      return "image/png";
    case SnapshotFormat::kDot:
      return "text/vnd.graphviz; charset=utf-8";
    case SnapshotFormat::kGraphml:
      return "application/graphml+xml";
    case SnapshotFormat::kJson:
      return "application/json";
  }
  return "application/octet-stream";
}

size_t CountSourceArticles(const Subgraph& subgraph) {
  std::set<std::string> articles;
  for (const Edge& edge : subgraph.edges) {
    std::string article = StringProp(edge.props, "article");
    if (!article.empty()) articles.insert(article);
  }
  for (const Node& node : subgraph.nodes)
    if (node.HasLabel(label::kArticle)) articles.insert(std::to_string(node.id));
  return articles.size();
}

Result<std::string> RenderSnapshot(const Subgraph& subgraph, SnapshotFormat format) {
  Ordered ordered = Order(subgraph);
  switch (format) {
    case SnapshotFormat::kDot:
      return RenderDot(subgraph, ordered);
    case SnapshotFormat::kSvg:
      return RenderWithGraphviz(RenderDot(subgraph, ordered), "svg");
    case SnapshotFormat::kPng:
      return RenderWithGraphviz(RenderDot(subgraph, ordered), "png:cairo");
    case SnapshotFormat::kGraphml:
      return RenderGraphml(subgraph, ordered);
    case SnapshotFormat::kJson:
      return RenderCytoscapeJson(subgraph, ordered);
  }
  return Status::InvalidArgument("snapshot: unknown format");
}

Result<Subgraph> SelectNeighbourhood(const storage::GraphReader& reader,
                                     const NeighbourhoodRequest& request) {
  if (request.depth < 0 || request.depth > kMaxSnapshotDepth)
    return Status::InvalidArgument("snapshot: depth must be between 0 and " +
                                   std::to_string(kMaxSnapshotDepth) + ", got " +
                                   std::to_string(request.depth));
  std::vector<NodeId> frontier = request.center_ids;
  Subgraph subgraph;
  subgraph.subject = request.center;
  if (frontier.empty()) {
    STEPPE_RETURN_IF_ERROR(reader.FindByName(request.center, [&](NodeId id) {
      frontier.push_back(id);
      return true;
    }));
    if (frontier.empty())
      return Status::NotFound("snapshot: no node is named '" + request.center + "'");
  } else if (subgraph.subject.empty()) {
    Result<std::string> names = CentreNames(reader, frontier);
    if (!names.ok()) return names.status();
    subgraph.subject = *names;
  }
  std::sort(frontier.begin(), frontier.end());
  frontier.erase(std::unique(frontier.begin(), frontier.end()), frontier.end());

  subgraph.limit = request.max_nodes;
  std::set<NodeId> selected;
  for (NodeId id : frontier) {
    if (selected.size() == request.max_nodes) {
      subgraph.truncated = true;
      break;
    }
    selected.insert(id);
  }
  for (int hop = 0; hop < request.depth && !subgraph.truncated; ++hop) {
    std::vector<NodeId> next;
    for (NodeId id : frontier) {
      std::set<NodeId> neighbours;
      STEPPE_RETURN_IF_ERROR(CollectNeighbours(reader, id, request.types, neighbours));
      for (NodeId neighbour : neighbours) {
        if (selected.count(neighbour)) continue;
        if (selected.size() == request.max_nodes) {
          subgraph.truncated = true;
          break;
        }
        selected.insert(neighbour);
        next.push_back(neighbour);
      }
      if (subgraph.truncated) break;
    }
    frontier = std::move(next);
  }
  for (NodeId id : selected) {
    Result<Node> node = reader.GetNode(id);
    if (!node.ok()) return node.status();
    subgraph.nodes.push_back(std::move(*node));
  }
  STEPPE_RETURN_IF_ERROR(CollectEdges(reader, selected, request.types,
                                      kMaxEdgesPerNode * request.max_nodes, subgraph));
  return subgraph;
}

Result<Subgraph> CompleteSubgraph(const storage::GraphReader& reader, std::vector<Node> nodes,
                                  std::vector<Edge> edges, size_t max_nodes) {
  Subgraph subgraph;
  subgraph.limit = max_nodes;
  std::map<NodeId, Node> by_id;
  for (Node& node : nodes) by_id.emplace(node.id, std::move(node));
  std::map<EdgeId, Edge> edges_by_id;
  for (Edge& edge : edges) edges_by_id.emplace(edge.id, std::move(edge));
  for (const auto& [id, edge] : edges_by_id) {
    for (NodeId end : {edge.src, edge.dst}) {
      if (by_id.count(end)) continue;
      Result<Node> node = reader.GetNode(end);
      if (!node.ok()) return node.status();
      by_id.emplace(end, std::move(*node));
    }
  }
  for (auto& [id, node] : by_id) {
    if (subgraph.nodes.size() == max_nodes) {
      subgraph.truncated = true;
      break;
    }
    subgraph.nodes.push_back(std::move(node));
  }
  std::set<NodeId> kept;
  for (const Node& node : subgraph.nodes) kept.insert(node.id);
  for (auto& [id, edge] : edges_by_id)
    if (kept.count(edge.src) && kept.count(edge.dst)) subgraph.edges.push_back(std::move(edge));
  return subgraph;
}

}  // namespace steppe::query
