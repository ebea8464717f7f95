#pragma once

#include <cstdint>
#include <map>
#include <string>
#include <utility>
#include <variant>
#include <vector>

namespace steppe {

// A property value as stored: null, boolean, integer, float, string, or a
// list or map of values. Graph-valued things (nodes, paths) exist only in the
// query engine's own runtime values, never in a stored record.
class Value {
 public:
  using List = std::vector<Value>;
  using Map = std::map<std::string, Value>;
  enum class Kind { kNull, kBool, kInt, kDouble, kString, kList, kMap };

  Value() = default;
  Value(std::nullptr_t) {}                                   // NOLINT
  Value(bool b) : data_(b) {}                                // NOLINT
  Value(int v) : data_(static_cast<int64_t>(v)) {}           // NOLINT
  Value(int64_t v) : data_(v) {}                             // NOLINT
  Value(uint64_t v) : data_(static_cast<int64_t>(v)) {}      // NOLINT
  Value(double v) : data_(v) {}                              // NOLINT
  Value(const char* s) : data_(std::string(s)) {}            // NOLINT
  Value(std::string s) : data_(std::move(s)) {}              // NOLINT
  Value(std::string_view s) : data_(std::string(s)) {}       // NOLINT
  Value(List l) : data_(std::move(l)) {}                     // NOLINT
  Value(Map m) : data_(std::move(m)) {}                      // NOLINT

  Kind kind() const { return static_cast<Kind>(data_.index()); }
  bool is_null() const { return kind() == Kind::kNull; }
  bool is_bool() const { return kind() == Kind::kBool; }
  bool is_int() const { return kind() == Kind::kInt; }
  bool is_double() const { return kind() == Kind::kDouble; }
  bool is_string() const { return kind() == Kind::kString; }
  bool is_list() const { return kind() == Kind::kList; }
  bool is_map() const { return kind() == Kind::kMap; }

  // REQUIRES: the matching is_*() is true.
  bool as_bool() const { return std::get<bool>(data_); }
  int64_t as_int() const { return std::get<int64_t>(data_); }
  double as_double() const { return std::get<double>(data_); }
  const std::string& as_string() const { return std::get<std::string>(data_); }
  const List& as_list() const { return std::get<List>(data_); }
  const Map& as_map() const { return std::get<Map>(data_); }
  List& as_list() { return std::get<List>(data_); }
  Map& as_map() { return std::get<Map>(data_); }

  friend bool operator==(const Value& a, const Value& b) { return a.data_ == b.data_; }

 private:
  std::variant<std::monostate, bool, int64_t, double, std::string, List, Map> data_;
};

using Properties = std::map<std::string, Value>;

}  // namespace steppe
