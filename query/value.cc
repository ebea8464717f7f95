#include "query/value.h"

#include <cmath>
#include <functional>

namespace steppe::query {

Value Value::FromCore(const steppe::Value& v) {
  switch (v.kind()) {
    case steppe::Value::Kind::kNull: return Value();
    case steppe::Value::Kind::kBool: return Value(v.as_bool());
    case steppe::Value::Kind::kInt: return Value(v.as_int());
    case steppe::Value::Kind::kDouble: return Value(v.as_double());
    case steppe::Value::Kind::kString: return Value(v.as_string());
    case steppe::Value::Kind::kList: {
      List list;
      list.reserve(v.as_list().size());
      for (const auto& item : v.as_list()) list.push_back(FromCore(item));
      return Value(std::move(list));
    }
    case steppe::Value::Kind::kMap: {
      Map map;
      for (const auto& [key, item] : v.as_map()) map.emplace(key, FromCore(item));
      return Value(std::move(map));
    }
  }
  return Value();
}

bool Value::IsStorable() const {
  switch (kind()) {
    case Kind::kNode:
    case Kind::kRelationship:
    case Kind::kPath: return false;
    case Kind::kList:
      for (const auto& item : as_list())
        if (!item.IsStorable()) return false;
      return true;
    case Kind::kMap:
      for (const auto& [key, item] : as_map())
        if (!item.IsStorable()) return false;
      return true;
    default: return true;
  }
}

steppe::Value Value::ToCore() const {
  switch (kind()) {
    case Kind::kBool: return steppe::Value(as_bool());
    case Kind::kInt: return steppe::Value(as_int());
    case Kind::kDouble: return steppe::Value(as_double());
    case Kind::kString: return steppe::Value(as_string());
    case Kind::kList: {
      steppe::Value::List list;
      for (const auto& item : as_list()) list.push_back(item.ToCore());
      return steppe::Value(std::move(list));
    }
    case Kind::kMap: {
      steppe::Value::Map map;
      for (const auto& [key, item] : as_map()) map.emplace(key, item.ToCore());
      return steppe::Value(std::move(map));
    }
    default: return steppe::Value();
  }
}

size_t Value::Hash() const {
  auto mix = [](size_t seed, size_t h) { return seed ^ (h + 0x9e3779b97f4a7c15ULL + (seed << 6) + (seed >> 2)); };
  size_t seed = static_cast<size_t>(kind());
  switch (kind()) {
    case Kind::kNull: return seed;
    case Kind::kBool: return mix(seed, as_bool());
    case Kind::kInt: return mix(seed, std::hash<int64_t>()(as_int()));
    case Kind::kDouble: {
      double d = as_double();
      if (std::isnan(d)) return mix(seed, 1);
      return mix(seed, std::hash<double>()(d == 0 ? 0.0 : d));  // -0.0 == 0.0
    }
    case Kind::kString: return mix(seed, std::hash<std::string>()(as_string()));
    case Kind::kList:
      for (const auto& item : as_list()) seed = mix(seed, item.Hash());
      return seed;
    case Kind::kMap:
      for (const auto& [key, item] : as_map())
        seed = mix(mix(seed, std::hash<std::string>()(key)), item.Hash());
      return seed;
    case Kind::kNode: return mix(seed, std::hash<NodeId>()(node_id()));
    case Kind::kRelationship: return mix(seed, std::hash<EdgeId>()(as_relationship().id));
    case Kind::kPath:
      for (const auto& node : as_path().nodes) seed = mix(seed, std::hash<NodeId>()(node.id));
      for (const auto& rel : as_path().rels) seed = mix(seed, std::hash<EdgeId>()(rel.id));
      return seed;
  }
  return seed;
}

const char* Value::TypeName() const {
  switch (kind()) {
    case Kind::kNull: return "Null";
    case Kind::kBool: return "Boolean";
    case Kind::kInt: return "Integer";
    case Kind::kDouble: return "Float";
    case Kind::kString: return "String";
    case Kind::kList: return "List";
    case Kind::kMap: return "Map";
    case Kind::kNode: return "Node";
    case Kind::kRelationship: return "Relationship";
    case Kind::kPath: return "Path";
  }
  return "Unknown";
}

bool operator==(const Value& a, const Value& b) {
  if (a.kind() != b.kind()) return false;
  switch (a.kind()) {
    case Value::Kind::kNull: return true;
    case Value::Kind::kBool: return a.as_bool() == b.as_bool();
    case Value::Kind::kInt: return a.as_int() == b.as_int();
    case Value::Kind::kDouble:
      return a.as_double() == b.as_double() ||
             (std::isnan(a.as_double()) && std::isnan(b.as_double()));
    case Value::Kind::kString: return a.as_string() == b.as_string();
    case Value::Kind::kList: return a.as_list() == b.as_list();
    case Value::Kind::kMap: return a.as_map() == b.as_map();
    case Value::Kind::kNode: return a.node_id() == b.node_id();
    case Value::Kind::kRelationship: return a.as_relationship().id == b.as_relationship().id;
    case Value::Kind::kPath: {
      const PathValue& x = a.as_path();
      const PathValue& y = b.as_path();
      if (x.nodes.size() != y.nodes.size() || x.rels.size() != y.rels.size()) return false;
      for (size_t i = 0; i < x.nodes.size(); ++i)
        if (x.nodes[i].id != y.nodes[i].id) return false;
      for (size_t i = 0; i < x.rels.size(); ++i)
        if (x.rels[i].id != y.rels[i].id) return false;
      return true;
    }
  }
  return false;
}

}  // namespace steppe::query
