#include "server/value_json.h"

namespace steppe::server {
namespace {

nlohmann::json NodeJson(const query::NodeValue& node) {
  return {{"id", node.id}, {"labels", node.labels}, {"properties", PropertiesJson(node.props)}};
}

nlohmann::json RelJson(const query::RelValue& rel) {
  return {{"id", rel.id},
          {"type", rel.type},
          {"start", rel.src},
          {"end", rel.dst},
          {"properties", PropertiesJson(rel.props)}};
}

query::Value FromJson(const nlohmann::json& json) {
  switch (json.type()) {
    case nlohmann::json::value_t::boolean:
      return json.get<bool>();
    case nlohmann::json::value_t::number_integer:
      return json.get<int64_t>();
    case nlohmann::json::value_t::number_unsigned: {
      uint64_t value = json.get<uint64_t>();
      // Beyond int64 a number can only be a float in Cypher.
      if (value > static_cast<uint64_t>(INT64_MAX)) return static_cast<double>(value);
      return static_cast<int64_t>(value);
    }
    case nlohmann::json::value_t::number_float:
      return json.get<double>();
    case nlohmann::json::value_t::string:
      return json.get<std::string>();
    case nlohmann::json::value_t::array: {
      query::Value::List list;
      for (const auto& item : json) list.push_back(FromJson(item));
      return list;
    }
    case nlohmann::json::value_t::object: {
      query::Value::Map map;
      for (const auto& [key, item] : json.items()) map[key] = FromJson(item);
      return map;
    }
    default:
      return nullptr;
  }
}

}  // namespace

nlohmann::json ToJson(const steppe::Value& value) { return ToJson(query::Value::FromCore(value)); }

nlohmann::json PropertiesJson(const Properties& props) {
  nlohmann::json out = nlohmann::json::object();
  for (const auto& [key, value] : props) out[key] = ToJson(value);
  return out;
}

nlohmann::json ToJson(const query::Value& value) {
  switch (value.kind()) {
    case query::Value::Kind::kNull:
      return nullptr;
    case query::Value::Kind::kBool:
      return value.as_bool();
    case query::Value::Kind::kInt:
      return value.as_int();
    case query::Value::Kind::kDouble:
      return value.as_double();
    case query::Value::Kind::kString:
      return value.as_string();
    case query::Value::Kind::kList: {
      nlohmann::json list = nlohmann::json::array();
      for (const auto& item : value.as_list()) list.push_back(ToJson(item));
      return list;
    }
    case query::Value::Kind::kMap: {
      nlohmann::json map = nlohmann::json::object();
      for (const auto& [key, item] : value.as_map()) map[key] = ToJson(item);
      return map;
    }
    case query::Value::Kind::kNode:
      return NodeJson(value.as_node());
    case query::Value::Kind::kRelationship:
      return RelJson(value.as_relationship());
    case query::Value::Kind::kPath: {
      const query::PathValue& path = value.as_path();
      nlohmann::json nodes = nlohmann::json::array();
      nlohmann::json rels = nlohmann::json::array();
      for (const auto& node : path.nodes) nodes.push_back(NodeJson(node));
      for (const auto& rel : path.rels) rels.push_back(RelJson(rel));
      return {{"nodes", nodes}, {"relationships", rels}};
    }
  }
  return nullptr;
}

Result<query::Params> ParamsFromJson(const nlohmann::json& params) {
  if (params.is_null()) return query::Params{};
  if (!params.is_object())
    return Status::InvalidArgument("parameters must be a JSON object, got " +
                                   std::string(params.type_name()));
  query::Params out;
  for (const auto& [key, item] : params.items()) out[key] = FromJson(item);
  return out;
}

nlohmann::json StatsJson(const query::WriteStats& stats) {
  return {{"contains_updates", !stats.empty()},
          {"nodes_created", stats.nodes_created},
          {"nodes_deleted", stats.nodes_deleted},
          {"relationships_created", stats.relationships_created},
          {"relationship_deleted", stats.relationships_deleted},
          {"properties_set", stats.properties_set},
          {"labels_added", stats.labels_added},
          {"labels_removed", stats.labels_removed}};
}

nlohmann::json ResultJson(const query::QueryResult& result) {
  nlohmann::json rows = nlohmann::json::array();
  for (const auto& row : result.rows) {
    nlohmann::json cells = nlohmann::json::array();
    for (const auto& cell : row) cells.push_back(ToJson(cell));
    rows.push_back(std::move(cells));
  }
  nlohmann::json out = {
      {"columns", result.columns}, {"rows", rows}, {"stats", StatsJson(result.stats)}};
  if (!result.plan.empty()) out["plan"] = result.plan;
  return out;
}

}  // namespace steppe::server
