#pragma once

// Pictures of a part of the graph, for reports and the explorer.
//
// A Subgraph (nodes and edges, with a caption) renders in-process through
// Graphviz's libgvc to SVG or PNG, or is written as DOT, GraphML or
// Cytoscape.js JSON. Rendering is a pure function of the Subgraph: nodes and
// edges are sorted by id, nothing reads the clock, so the same input gives
// the same bytes and reports diff cleanly.

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/model.h"
#include "core/result.h"
#include "storage/graph_store.h"

namespace steppe::query {

enum class SnapshotFormat { kSvg, kPng, kDot, kGraphml, kJson };

// "svg" | "png" | "dot" | "graphml" | "json"; InvalidArgument otherwise.
Result<SnapshotFormat> ParseSnapshotFormat(std::string_view name);
// The MIME type a server answers with for `format`.
const char* SnapshotContentType(SnapshotFormat format);

// What the picture shows and what it is of.
struct Subgraph {
  std::vector<Node> nodes;
  std::vector<Edge> edges;  // only edges whose both ends are in `nodes` are drawn
  std::string subject;      // the query text or the centre's name, for the caption
  std::string date;         // the "as of" date in the caption; empty = latest date seen
  // Set when the selection was cut: how many nodes it kept and the limit.
  bool truncated = false;
  size_t limit = 0;
};

// The number of distinct source articles behind the subgraph's edges (their
// `article` property) and Article nodes.
size_t CountSourceArticles(const Subgraph& subgraph);

// Renders `subgraph` in `format`. Colours and shapes follow the node's first
// graph-model label, with a legend; edges are labelled with their type and
// date; the caption names the subject, the date and the number of source
// articles, and says when the selection was cut. Thread-safe (Graphviz calls
// are serialised). Internal when Graphviz fails.
Result<std::string> RenderSnapshot(const Subgraph& subgraph, SnapshotFormat format);

// A neighbourhood: the nodes within `depth` hops of the node(s) named
// `center` (FindByName) or of the nodes `center_ids`, when given, along edges
// of `types` (all but MENTIONS when empty) in either direction, breadth
// first, visiting neighbours in id order. Depth 0 gives the centre nodes and
// the edges among them.
struct NeighbourhoodRequest {
  std::string center;
  std::vector<NodeId> center_ids;
  int depth = 1;
  std::vector<std::string> types;
  size_t max_nodes = 150;
};

inline constexpr int kMaxSnapshotDepth = 4;

// Selects the neighbourhood from `reader`. NotFound when no node has the
// name or a centre id is unknown; InvalidArgument for a depth outside 0..kMaxSnapshotDepth. When
// more than max_nodes nodes are reached, keeps the first max_nodes in BFS order and sets
// `truncated`.
Result<Subgraph> SelectNeighbourhood(const storage::GraphReader& reader,
                                     const NeighbourhoodRequest& request);

// Completes a subgraph given as loose nodes and edges (from query results):
// removes duplicates, fetches any edge end missing from `nodes`, and cuts to
// `max_nodes` (keeping the lowest ids) with `truncated` set.
Result<Subgraph> CompleteSubgraph(const storage::GraphReader& reader, std::vector<Node> nodes,
                                  std::vector<Edge> edges, size_t max_nodes);

}  // namespace steppe::query
