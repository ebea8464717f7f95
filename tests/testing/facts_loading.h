#pragma once

#include <string>
#include <string_view>

#include "core/facts.h"
#include "core/result.h"
#include "storage/graph_store.h"

namespace steppe::testing {

// Writes `facts` into `store` as ingest would: a new Article node named after
// the article's title and the loader's nodes and edges, in one Apply.
// Returns the Article node's id.
Result<NodeId> LoadFacts(storage::GraphStore& store, const ArticleFacts& facts);

// The ids of the nodes with `label` whose name or alias folds like `name`,
// rendered "id,id" in id order.
std::string Named(const storage::GraphReader& store, std::string_view name, std::string_view label);

// The edges leaving the single node with `label` named `name`, rendered
// "TYPE->other name" sorted and joined by ", " (`type` filters when given).
std::string Out(const storage::GraphReader& store, std::string_view name, std::string_view label,
                std::string_view type = {});

// A string property of that node, or "" when absent; lists render "a|b".
std::string Prop(const storage::GraphReader& store, std::string_view name,
                 std::string_view label, const std::string& key);

}  // namespace steppe::testing
