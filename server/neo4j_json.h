#pragma once

// Neo4j's transactional HTTP format (POST /db/{name}/tx/commit), so that
// existing Neo4j HTTP clients work unchanged:
//
//   request   {"statements": [{"statement": "...", "parameters": {...},
//                              "resultDataContents": ["row", "graph"],
//                              "includeStats": true}]}
//   response  {"results": [{"columns": [...],
//                           "data": [{"row": [...], "meta": [...],
//                                     "graph": {"nodes": [...], "relationships": [...]}}],
//                           "stats": {...}}],
//              "errors": [{"code": "Neo.ClientError.Statement.SyntaxError", "message": "..."}]}
//
// In a row, nodes and relationships are their property maps and paths are
// lists alternating those; `meta` says which entity each one was
// ({"id", "elementId", "type": "node" | "relationship", "deleted"}).

#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "core/result.h"
#include "query/engine.h"

namespace steppe::server {

struct Neo4jStatement {
  std::string text;
  query::Params params;
  bool row = true;
  bool graph = false;
  bool include_stats = false;
};

// The statements of a request body. InvalidArgument (Neo4j's
// Request.InvalidFormat) for a body that is not in the shape above.
Result<std::vector<Neo4jStatement>> ParseNeo4jRequest(const nlohmann::json& body);

// One entry of "results" for a statement that ran.
nlohmann::json Neo4jResult(const Neo4jStatement& statement, const query::QueryResult& result);

// Neo4j's status code for an error: "Neo.ClientError.Statement.SyntaxError", ...
std::string Neo4jErrorCode(const Status& status);
nlohmann::json Neo4jError(const Status& status);

}  // namespace steppe::server
