#pragma once

#include <string>

#include "core/model.h"

namespace steppe::query {

// One hop as the executor sees it: the edge, and the node at its far end.
struct Hop {
  EdgeId edge = 0;
  NodeId src = 0;
  NodeId dst = 0;
  NodeId other = 0;
  std::string type;
};

enum class HopDirection { kOut, kIn, kBoth };

}  // namespace steppe::query
