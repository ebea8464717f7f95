#pragma once

// The Boost.Graph type behind Projection. Include only from query/*.cc: it
// pulls in Boost.Graph, which is slow to compile.
#include <boost/graph/compressed_sparse_row_graph.hpp>

#include "query/projection.h"

namespace steppe::query {

struct Projection::BoostGraph {
  using Graph = boost::compressed_sparse_row_graph<boost::bidirectionalS, boost::no_property,
                                                   Projection::EdgeInfo, boost::no_property,
                                                   Projection::Vertex, Projection::Slot>;
  Graph graph;
};

}  // namespace steppe::query
