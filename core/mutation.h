#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "core/article.h"
#include "core/model.h"

namespace steppe {

// An article as stored: the text, keyed by the id of its `Article` node, and
// the fingerprint under which duplicates of it are found.
struct StoredArticle {
  NodeId node = 0;
  std::string fingerprint;
  Article article;
};

// One atomic change to the graph: GraphStore::Apply writes all of it or none.
// Ids of new nodes and edges come from GraphStore::AllocateNodeId/EdgeId.
// Apply takes the parts in this order: put_nodes, put_edges, delete_edges,
// delete_nodes, put_articles. An edge whose end is not a node after that, or a
// deleted node that still has edges, fails the whole batch (InvalidArgument).
struct Mutation {
  std::vector<Node> put_nodes;  // created, or replaced whole (indexes follow)
  std::vector<Edge> put_edges;  // created, or replaced whole
  std::vector<EdgeId> delete_edges;
  std::vector<NodeId> delete_nodes;  // REQUIRES: their edges are deleted too
  std::vector<StoredArticle> put_articles;
  int64_t duplicates_delta = 0;  // duplicate article copies seen by this ingest

  bool empty() const {
    return put_nodes.empty() && put_edges.empty() && delete_edges.empty() &&
           delete_nodes.empty() && put_articles.empty() && duplicates_delta == 0;
  }
};

}  // namespace steppe
