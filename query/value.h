#pragma once

#include <cstdint>
#include <map>
#include <memory>
#include <string>
#include <string_view>
#include <type_traits>
#include <variant>
#include <vector>

#include "core/model.h"
#include "core/value.h"

namespace steppe::query {

class Value;

// A node as a query sees it. Inside the executor only `id` is certain: labels
// and properties are read through the transaction and filled in when a result
// row is handed out (Engine::Run), so a QueryResult's nodes are complete.
struct NodeValue {
  NodeId id = 0;
  std::vector<std::string> labels;
  Properties props;
};

// A relationship; `type`, `src` and `dst` are always set, `props` as for nodes.
struct RelValue {
  EdgeId id = 0;
  std::string type;
  NodeId src = 0;
  NodeId dst = 0;
  Properties props;
};

// A path alternates nodes and relationships: nodes.size() == rels.size() + 1.
// rels[i] joins nodes[i] and nodes[i + 1], in either direction.
struct PathValue {
  std::vector<NodeValue> nodes;
  std::vector<RelValue> rels;
};

// The runtime value of the query engine: everything a core::Value holds plus
// nodes, relationships and paths. Graph values are shared, so copying a row
// is cheap. Inside the executor a node is usually its id alone (NodeById):
// no allocation per row. as_node() fills such a value in place with a
// NodeValue holding the id, so a Value holding a node by id must not be read
// from two threads at once; the executor's values never leave their query
// unmaterialised.
class Value {
 public:
  using List = std::vector<Value>;
  using Map = std::map<std::string, Value>;
  enum class Kind {
    kNull, kBool, kInt, kDouble, kString, kList, kMap, kNode, kRelationship, kPath
  };

  Value() = default;
  Value(std::nullptr_t) {}                               // NOLINT
  Value(bool b) : data_(b) {}                            // NOLINT
  Value(int v) : data_(static_cast<int64_t>(v)) {}       // NOLINT
  Value(int64_t v) : data_(v) {}                         // NOLINT
  Value(double v) : data_(v) {}                          // NOLINT
  Value(const char* s) : data_(std::string(s)) {}        // NOLINT
  Value(std::string s) : data_(std::move(s)) {}          // NOLINT
  Value(std::string_view s) : data_(std::string(s)) {}   // NOLINT
  Value(List l) : data_(std::move(l)) {}                 // NOLINT
  Value(Map m) : data_(std::move(m)) {}                  // NOLINT
  Value(NodeValue n) : data_(std::make_shared<const NodeValue>(std::move(n))) {}  // NOLINT
  Value(RelValue r) : data_(std::make_shared<const RelValue>(std::move(r))) {}    // NOLINT
  Value(PathValue p) : data_(std::make_shared<const PathValue>(std::move(p))) {}  // NOLINT
  // A stored property value, converted deeply.
  static Value FromCore(const steppe::Value& v);
  // The node `id`, without labels or properties (read them through the
  // transaction; Materialize fills them in).
  static Value NodeById(NodeId id) {
    Value v;
    v.data_ = NodeIdOnly{id};
    return v;
  }

  Kind kind() const {
    size_t index = data_.index();
    return index == kNodeIdOnlyIndex ? Kind::kNode : static_cast<Kind>(index);
  }
  bool is_null() const { return kind() == Kind::kNull; }
  bool is_bool() const { return kind() == Kind::kBool; }
  bool is_int() const { return kind() == Kind::kInt; }
  bool is_double() const { return kind() == Kind::kDouble; }
  bool is_number() const { return is_int() || is_double(); }
  bool is_string() const { return kind() == Kind::kString; }
  bool is_list() const { return kind() == Kind::kList; }
  bool is_map() const { return kind() == Kind::kMap; }
  bool is_node() const { return kind() == Kind::kNode; }
  bool is_relationship() const { return kind() == Kind::kRelationship; }
  bool is_path() const { return kind() == Kind::kPath; }

  // REQUIRES: the matching is_*() is true.
  bool as_bool() const { return std::get<bool>(data_); }
  int64_t as_int() const { return std::get<int64_t>(data_); }
  double as_double() const { return std::get<double>(data_); }
  // An int or a double, as a double. REQUIRES: is_number().
  double as_number() const { return is_int() ? static_cast<double>(as_int()) : as_double(); }
  const std::string& as_string() const { return std::get<std::string>(data_); }
  const List& as_list() const { return std::get<List>(data_); }
  const Map& as_map() const { return std::get<Map>(data_); }
  List& as_list() { return std::get<List>(data_); }
  Map& as_map() { return std::get<Map>(data_); }
  // REQUIRES: is_node(). Cheaper than as_node().id for a node held by id.
  NodeId node_id() const {
    if (const NodeIdOnly* only = std::get_if<NodeIdOnly>(&data_)) return only->id;
    return std::get<NodePtr>(data_)->id;
  }
  const NodeValue& as_node() const {
    if (const NodeIdOnly* only = std::get_if<NodeIdOnly>(&data_)) {
      NodeValue node;
      node.id = only->id;
      data_ = std::make_shared<const NodeValue>(std::move(node));
    }
    return *std::get<NodePtr>(data_);
  }
  const RelValue& as_relationship() const { return *std::get<RelPtr>(data_); }
  const PathValue& as_path() const { return *std::get<PathPtr>(data_); }

  // The stored form of a property value; graph values are not storable.
  // REQUIRES: IsStorable().
  steppe::Value ToCore() const;
  // True for null, bool, numbers, strings, and lists/maps of those.
  bool IsStorable() const;

  // The type's name in messages: "Integer", "String", "Node", ...
  const char* TypeName() const;

  // Structural identity (not Cypher's `=`): ints and doubles differ, nodes
  // and relationships compare by id, NaN equals NaN. For grouping, DISTINCT
  // and tests.
  friend bool operator==(const Value& a, const Value& b);
  // A hash that agrees with operator== (equal values hash alike), for
  // hash-based grouping and DISTINCT.
  size_t Hash() const;

 private:
  using NodePtr = std::shared_ptr<const NodeValue>;
  using RelPtr = std::shared_ptr<const RelValue>;
  using PathPtr = std::shared_ptr<const PathValue>;
  struct NodeIdOnly {
    NodeId id;
  };
  // The alternatives up to PathPtr follow Kind; NodeIdOnly is a kNode too.
  static constexpr size_t kNodeIdOnlyIndex = 10;
  mutable std::variant<std::monostate, bool, int64_t, double, std::string, List, Map, NodePtr,
                       RelPtr, PathPtr, NodeIdOnly>
      data_;
  static_assert(std::is_same_v<std::variant_alternative_t<kNodeIdOnlyIndex, decltype(data_)>,
                               NodeIdOnly>);
};

// Hash and equality of rows of values (grouping keys, DISTINCT rows).
struct ValuesHash {
  size_t operator()(const std::vector<Value>& values) const {
    size_t h = values.size();
    for (const Value& v : values) h = h * 1000003u ^ v.Hash();
    return h;
  }
};

}  // namespace steppe::query
