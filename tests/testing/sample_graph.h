#pragma once

#include "storage/graph_store.h"

namespace steppe::testing {

// Writes a small graph we made up for the server and snapshot suites: two
// officials who met, the ministry one of them leads, two countries, an
// agreement between them, a law a parliament approved, and the article all
// facts were read from (with its text). Ids are fixed: see sample_graph.cc.
// REQUIRES: `store` is empty.
Status WriteSampleGraph(storage::GraphStore& store);

// The ids WriteSampleGraph gives.
inline constexpr NodeId kKarimov = 1;
inline constexpr NodeId kWaterMinistry = 2;
inline constexpr NodeId kKazakhstan = 3;
inline constexpr NodeId kUzbekistan = 4;
inline constexpr NodeId kAliyev = 5;
inline constexpr NodeId kWaterMemorandum = 6;
inline constexpr NodeId kSampleArticle = 7;
inline constexpr NodeId kWaterCode = 8;
inline constexpr NodeId kParliament = 9;
inline constexpr EdgeId kMeetingEdge = 2;

}  // namespace steppe::testing
