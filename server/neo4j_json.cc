#include "server/neo4j_json.h"

#include <map>

#include "server/value_json.h"

namespace steppe::server {
namespace {

nlohmann::json EntityMeta(uint64_t id, const char* type) {
  return {{"id", id}, {"elementId", std::to_string(id)}, {"type", type}, {"deleted", false}};
}

// The row form of a value: entities become their property maps.
nlohmann::json RowValue(const query::Value& value) {
  switch (value.kind()) {
    case query::Value::Kind::kNode:
      return PropertiesJson(value.as_node().props);
    case query::Value::Kind::kRelationship:
      return PropertiesJson(value.as_relationship().props);
    case query::Value::Kind::kPath: {
      const query::PathValue& path = value.as_path();
      nlohmann::json out = nlohmann::json::array();
      for (size_t i = 0; i < path.nodes.size(); ++i) {
        out.push_back(PropertiesJson(path.nodes[i].props));
        if (i < path.rels.size()) out.push_back(PropertiesJson(path.rels[i].props));
      }
      return out;
    }
    case query::Value::Kind::kList: {
      nlohmann::json out = nlohmann::json::array();
      for (const auto& item : value.as_list()) out.push_back(RowValue(item));
      return out;
    }
    case query::Value::Kind::kMap: {
      nlohmann::json out = nlohmann::json::object();
      for (const auto& [key, item] : value.as_map()) out[key] = RowValue(item);
      return out;
    }
    default:
      return ToJson(value);
  }
}

// The meta form: which entity each entity in the row was; null for the rest.
nlohmann::json MetaValue(const query::Value& value) {
  switch (value.kind()) {
    case query::Value::Kind::kNode:
      return EntityMeta(value.as_node().id, "node");
    case query::Value::Kind::kRelationship:
      return EntityMeta(value.as_relationship().id, "relationship");
    case query::Value::Kind::kPath: {
      const query::PathValue& path = value.as_path();
      nlohmann::json out = nlohmann::json::array();
      for (size_t i = 0; i < path.nodes.size(); ++i) {
        out.push_back(EntityMeta(path.nodes[i].id, "node"));
        if (i < path.rels.size()) out.push_back(EntityMeta(path.rels[i].id, "relationship"));
      }
      return out;
    }
    case query::Value::Kind::kList: {
      nlohmann::json out = nlohmann::json::array();
      for (const auto& item : value.as_list()) out.push_back(MetaValue(item));
      return out;
    }
    default:
      return nullptr;
  }
}

// Every node and relationship in a row, keyed by id (Neo4j's graph format).
struct GraphParts {
  std::map<NodeId, nlohmann::json> nodes;
  std::map<EdgeId, nlohmann::json> rels;
};

void AddNode(const query::NodeValue& node, GraphParts& parts) {
  parts.nodes[node.id] = {{"id", std::to_string(node.id)},
                          {"elementId", std::to_string(node.id)},
                          {"labels", node.labels},
                          {"properties", PropertiesJson(node.props)}};
}

void AddRel(const query::RelValue& rel, GraphParts& parts) {
  parts.rels[rel.id] = {{"id", std::to_string(rel.id)},
                        {"elementId", std::to_string(rel.id)},
                        {"type", rel.type},
                        {"startNode", std::to_string(rel.src)},
                        {"endNode", std::to_string(rel.dst)},
                        {"properties", PropertiesJson(rel.props)}};
}

void CollectGraph(const query::Value& value, GraphParts& parts) {
  switch (value.kind()) {
    case query::Value::Kind::kNode:
      AddNode(value.as_node(), parts);
      return;
    case query::Value::Kind::kRelationship:
      AddRel(value.as_relationship(), parts);
      return;
    case query::Value::Kind::kPath:
      for (const auto& node : value.as_path().nodes) AddNode(node, parts);
      for (const auto& rel : value.as_path().rels) AddRel(rel, parts);
      return;
    case query::Value::Kind::kList:
      for (const auto& item : value.as_list()) CollectGraph(item, parts);
      return;
    case query::Value::Kind::kMap:
      for (const auto& [key, item] : value.as_map()) CollectGraph(item, parts);
      return;
    default:
      return;
  }
}

nlohmann::json GraphJson(const std::vector<query::Value>& row) {
  GraphParts parts;
  for (const auto& cell : row) CollectGraph(cell, parts);
  nlohmann::json nodes = nlohmann::json::array();
  nlohmann::json rels = nlohmann::json::array();
  for (auto& [id, node] : parts.nodes) nodes.push_back(std::move(node));
  for (auto& [id, rel] : parts.rels) rels.push_back(std::move(rel));
  return {{"nodes", nodes}, {"relationships", rels}};
}

Status InvalidFormat(const std::string& what) {
  return Status::InvalidArgument("tx/commit request: " + what);
}

Result<Neo4jStatement> ParseStatement(const nlohmann::json& item, size_t index) {
  const std::string where = "statements[" + std::to_string(index) + "]";
  if (!item.is_object()) return InvalidFormat(where + " must be an object");
  auto text = item.find("statement");
  if (text == item.end() || !text->is_string())
    return InvalidFormat(where + " needs a \"statement\" string");
  Neo4jStatement statement;
  statement.text = text->get<std::string>();
  if (auto params = item.find("parameters"); params != item.end()) {
    Result<query::Params> parsed = ParamsFromJson(*params);
    if (!parsed.ok()) return InvalidFormat(where + ": " + parsed.status().message());
    statement.params = std::move(*parsed);
  }
  if (auto contents = item.find("resultDataContents"); contents != item.end()) {
    if (!contents->is_array()) return InvalidFormat(where + ".resultDataContents must be a list");
    statement.row = false;
    for (const auto& kind : *contents) {
      std::string name = kind.is_string() ? kind.get<std::string>() : "";
      for (char& c : name) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
      if (name == "row" || name == "rest") {
        statement.row = true;
      } else if (name == "graph") {
        statement.graph = true;
      } else {
        return InvalidFormat(where + ".resultDataContents: unknown format " + kind.dump() +
                             " (expected \"row\" or \"graph\")");
      }
    }
  }
  if (auto stats = item.find("includeStats"); stats != item.end() && stats->is_boolean())
    statement.include_stats = stats->get<bool>();
  return statement;
}

}  // namespace

Result<std::vector<Neo4jStatement>> ParseNeo4jRequest(const nlohmann::json& body) {
  std::vector<Neo4jStatement> statements;
  if (body.is_null()) return statements;  // an empty body: nothing to run
  if (!body.is_object()) return InvalidFormat("the body must be a JSON object");
  auto list = body.find("statements");
  if (list == body.end()) return statements;
  if (!list->is_array()) return InvalidFormat("\"statements\" must be a list");
  for (size_t i = 0; i < list->size(); ++i) {
    Result<Neo4jStatement> statement = ParseStatement((*list)[i], i);
    if (!statement.ok()) return statement.status();
    statements.push_back(std::move(*statement));
  }
  return statements;
}

nlohmann::json Neo4jResult(const Neo4jStatement& statement, const query::QueryResult& result) {
  nlohmann::json data = nlohmann::json::array();
  for (const auto& row : result.rows) {
    nlohmann::json entry = nlohmann::json::object();
    if (statement.row) {
      nlohmann::json cells = nlohmann::json::array();
      nlohmann::json meta = nlohmann::json::array();
      for (const auto& cell : row) {
        cells.push_back(RowValue(cell));
        meta.push_back(MetaValue(cell));
      }
      entry["row"] = std::move(cells);
      entry["meta"] = std::move(meta);
    }
    if (statement.graph) entry["graph"] = GraphJson(row);
    data.push_back(std::move(entry));
  }
  nlohmann::json out = {{"columns", result.columns}, {"data", std::move(data)}};
  if (statement.include_stats) out["stats"] = StatsJson(result.stats);
  if (!result.plan.empty()) out["plan"] = result.plan;
  return out;
}

std::string Neo4jErrorCode(const Status& status) {
  switch (status.code()) {
    case Status::Code::kSyntaxError:
      return "Neo.ClientError.Statement.SyntaxError";
    case Status::Code::kSemanticError:
      return "Neo.ClientError.Statement.SemanticError";
    case Status::Code::kTypeError:
      return "Neo.ClientError.Statement.TypeError";
    case Status::Code::kInvalidArgument:
      return "Neo.ClientError.Statement.ArgumentError";
    case Status::Code::kNotFound:
      return "Neo.ClientError.Statement.EntityNotFound";
    case Status::Code::kRuntimeError:
      return "Neo.ClientError.Statement.ExecutionFailed";
    case Status::Code::kTimeout:
      return "Neo.ClientError.Transaction.TransactionTimedOut";
    case Status::Code::kResourceExhausted:
      return "Neo.TransientError.General.MemoryPoolOutOfMemoryError";
    case Status::Code::kUnauthorized:
      return "Neo.ClientError.Security.Unauthorized";
    default:
      return "Neo.DatabaseError.General.UnknownError";
  }
}

nlohmann::json Neo4jError(const Status& status) {
  return {{"code", Neo4jErrorCode(status)}, {"message", status.message()}};
}

}  // namespace steppe::server
