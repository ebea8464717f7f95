#pragma once

// Query values and results as the HTTP API's JSON: nodes are
// {"id", "labels", "properties"}, relationships {"id", "type", "start",
// "end", "properties"}, paths {"nodes": [...], "relationships": [...]}.

#include <nlohmann/json.hpp>

#include "core/result.h"
#include "query/engine.h"
#include "query/value.h"

namespace steppe::server {

nlohmann::json ToJson(const query::Value& value);
nlohmann::json ToJson(const steppe::Value& value);
nlohmann::json PropertiesJson(const Properties& props);

// A JSON parameter value as a query value: objects become maps, integers
// stay integers. InvalidArgument for parameters that are not an object.
Result<query::Params> ParamsFromJson(const nlohmann::json& params);

// {"columns": [...], "rows": [[...]], "stats": {...}, "plan": "..."?}.
nlohmann::json ResultJson(const query::QueryResult& result);

// The write statistics, in Neo4j's names (nodes_created, ...).
nlohmann::json StatsJson(const query::WriteStats& stats);

}  // namespace steppe::server
