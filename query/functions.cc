#include "query/functions.h"

#include <algorithm>
#include <cmath>
#include <cstdlib>
#include <random>
#include <unordered_map>

#include "query/eval.h"
#include "query/format.h"

namespace steppe::query {
namespace {

using Args = std::vector<Value>;
using Fn = Value (*)(const Args&, ExecContext&);

struct FunctionDef {
  size_t min_args;
  size_t max_args;
  Fn fn;
};

std::string Lower(std::string s) {
  for (char& c : s) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return s;
}

[[noreturn]] void BadArg(const char* fn, const Value& v) {
  ThrowTypeError(std::string(fn) + "() cannot take a " + v.TypeName());
}

Value Id(const Args& a, ExecContext&) {
  if (a[0].is_null()) return Value();
  if (a[0].is_node()) return Value(static_cast<int64_t>(a[0].node_id()));
  if (a[0].is_relationship()) return Value(static_cast<int64_t>(a[0].as_relationship().id));
  BadArg("id", a[0]);
}

Value Labels(const Args& a, ExecContext& ctx) {
  if (a[0].is_null()) return Value();
  if (!a[0].is_node()) BadArg("labels", a[0]);
  if (ctx.txn().IsNodeDeleted(a[0].node_id()))
    ThrowRuntimeError("node " + std::to_string(a[0].node_id()) + " was deleted by this query");
  Value::List out;
  if (const Node* node = ctx.txn().GetNode(a[0].node_id()))
    for (const auto& label : node->labels) out.emplace_back(label);
  return Value(std::move(out));
}

Value Type(const Args& a, ExecContext&) {
  if (a[0].is_null()) return Value();
  if (!a[0].is_relationship()) BadArg("type", a[0]);
  return Value(a[0].as_relationship().type);
}

Value PropertiesFn(const Args& a, ExecContext& ctx) {
  if (a[0].is_null()) return Value();
  if (a[0].is_map()) return a[0];
  if (!a[0].is_node() && !a[0].is_relationship()) BadArg("properties", a[0]);
  Value::Map out;
  if (const Properties* props = EntityProperties(a[0], ctx))
    for (const auto& [k, v] : *props) out[k] = Value::FromCore(v);
  return Value(std::move(out));
}

Value Keys(const Args& a, ExecContext& ctx) {
  if (a[0].is_null()) return Value();
  Value::List out;
  if (a[0].is_map()) {
    for (const auto& [k, v] : a[0].as_map()) out.emplace_back(k);
    return Value(std::move(out));
  }
  if (!a[0].is_node() && !a[0].is_relationship()) BadArg("keys", a[0]);
  if (const Properties* props = EntityProperties(a[0], ctx))
    for (const auto& [k, v] : *props) out.emplace_back(k);
  return Value(std::move(out));
}

int64_t CodePoints(const std::string& s) {
  int64_t n = 0;
  for (unsigned char c : s)
    if ((c & 0xC0) != 0x80) ++n;
  return n;
}

Value Size(const Args& a, ExecContext&) {
  if (a[0].is_null()) return Value();
  if (a[0].is_list()) return Value(static_cast<int64_t>(a[0].as_list().size()));
  if (a[0].is_string()) return Value(CodePoints(a[0].as_string()));
  if (a[0].is_map()) return Value(static_cast<int64_t>(a[0].as_map().size()));
  BadArg("size", a[0]);
}

Value Length(const Args& a, ExecContext&) {
  if (a[0].is_null()) return Value();
  if (a[0].is_path()) return Value(static_cast<int64_t>(a[0].as_path().rels.size()));
  if (a[0].is_list()) return Value(static_cast<int64_t>(a[0].as_list().size()));
  if (a[0].is_string()) return Value(CodePoints(a[0].as_string()));
  BadArg("length", a[0]);
}

Value Nodes(const Args& a, ExecContext&) {
  if (a[0].is_null()) return Value();
  if (!a[0].is_path()) BadArg("nodes", a[0]);
  Value::List out;
  for (const auto& node : a[0].as_path().nodes) out.emplace_back(node);
  return Value(std::move(out));
}

Value Relationships(const Args& a, ExecContext&) {
  if (a[0].is_null()) return Value();
  if (!a[0].is_path()) BadArg("relationships", a[0]);
  Value::List out;
  for (const auto& rel : a[0].as_path().rels) out.emplace_back(rel);
  return Value(std::move(out));
}

Value StartNode(const Args& a, ExecContext&) {
  if (a[0].is_null()) return Value();
  if (!a[0].is_relationship()) BadArg("startNode", a[0]);
  return NodeRefValue(a[0].as_relationship().src);
}

Value EndNode(const Args& a, ExecContext&) {
  if (a[0].is_null()) return Value();
  if (!a[0].is_relationship()) BadArg("endNode", a[0]);
  return NodeRefValue(a[0].as_relationship().dst);
}

Value Coalesce(const Args& a, ExecContext&) {
  for (const auto& v : a)
    if (!v.is_null()) return v;
  return Value();
}

// ASCII case mapping plus the common two-byte Latin, Greek and Cyrillic
// ranges; enough for names in the graph.
std::string MapCase(const std::string& s, bool upper) {
  std::string out;
  out.reserve(s.size());
  for (size_t i = 0; i < s.size(); ++i) {
    unsigned char c = s[i];
    if (c < 0x80) {
      out += static_cast<char>(upper ? std::toupper(c) : std::tolower(c));
      continue;
    }
    if ((c & 0xE0) == 0xC0 && i + 1 < s.size()) {
      uint32_t cp = ((c & 0x1F) << 6) | (static_cast<unsigned char>(s[i + 1]) & 0x3F);
      if (upper) {
        if ((cp >= 0xE0 && cp <= 0xFE && cp != 0xF7)) cp -= 0x20;
        else if (cp >= 0x430 && cp <= 0x44F) cp -= 0x20;
        else if (cp >= 0x450 && cp <= 0x45F) cp -= 0x50;
      } else {
        if ((cp >= 0xC0 && cp <= 0xDE && cp != 0xD7)) cp += 0x20;
        else if (cp >= 0x410 && cp <= 0x42F) cp += 0x20;
        else if (cp >= 0x400 && cp <= 0x40F) cp += 0x50;
      }
      out += static_cast<char>(0xC0 | (cp >> 6));
      out += static_cast<char>(0x80 | (cp & 0x3F));
      ++i;
      continue;
    }
    out += static_cast<char>(c);
  }
  return out;
}

const std::string& StringArg(const char* fn, const Value& v) {
  if (!v.is_string()) BadArg(fn, v);
  return v.as_string();
}

int64_t IntArg(const char* fn, const Value& v) {
  if (!v.is_int()) BadArg(fn, v);
  return v.as_int();
}

Value ToLower(const Args& a, ExecContext&) {
  if (a[0].is_null()) return Value();
  return Value(MapCase(StringArg("toLower", a[0]), false));
}
Value ToUpper(const Args& a, ExecContext&) {
  if (a[0].is_null()) return Value();
  return Value(MapCase(StringArg("toUpper", a[0]), true));
}

Value TrimImpl(const Args& a, const char* fn, bool left, bool right) {
  if (a[0].is_null()) return Value();
  const std::string& s = StringArg(fn, a[0]);
  size_t begin = 0, end = s.size();
  if (left)
    while (begin < end && std::isspace(static_cast<unsigned char>(s[begin]))) ++begin;
  if (right)
    while (end > begin && std::isspace(static_cast<unsigned char>(s[end - 1]))) --end;
  return Value(s.substr(begin, end - begin));
}
Value Trim(const Args& a, ExecContext&) { return TrimImpl(a, "trim", true, true); }
Value LTrim(const Args& a, ExecContext&) { return TrimImpl(a, "ltrim", true, false); }
Value RTrim(const Args& a, ExecContext&) { return TrimImpl(a, "rtrim", false, true); }

Value Split(const Args& a, ExecContext&) {
  if (a[0].is_null() || a[1].is_null()) return Value();
  const std::string& s = StringArg("split", a[0]);
  const std::string& sep = StringArg("split", a[1]);
  Value::List out;
  if (sep.empty()) {
    for (char c : s) out.emplace_back(std::string(1, c));
    return Value(std::move(out));
  }
  size_t start = 0;
  while (true) {
    size_t at = s.find(sep, start);
    if (at == std::string::npos) {
      out.emplace_back(s.substr(start));
      break;
    }
    out.emplace_back(s.substr(start, at - start));
    start = at + sep.size();
  }
  return Value(std::move(out));
}

// Byte offsets of code points, so substring counts characters.
std::vector<size_t> CodePointOffsets(const std::string& s) {
  std::vector<size_t> offsets;
  for (size_t i = 0; i < s.size(); ++i)
    if ((static_cast<unsigned char>(s[i]) & 0xC0) != 0x80) offsets.push_back(i);
  offsets.push_back(s.size());
  return offsets;
}

Value Substring(const Args& a, ExecContext&) {
  if (a[0].is_null()) return Value();
  const std::string& s = StringArg("substring", a[0]);
  int64_t start = IntArg("substring", a[1]);
  if (start < 0) throw QueryError{Status::RuntimeError("substring() start must not be negative")};
  auto offsets = CodePointOffsets(s);
  int64_t chars = static_cast<int64_t>(offsets.size()) - 1;
  int64_t length = a.size() > 2 && !a[2].is_null() ? IntArg("substring", a[2]) : chars;
  if (length < 0) throw QueryError{Status::RuntimeError("substring() length must not be negative")};
  int64_t begin = std::min(start, chars);
  int64_t end = std::min(chars, begin + std::min(length, chars));
  return Value(s.substr(offsets[begin], offsets[end] - offsets[begin]));
}

Value Left(const Args& a, ExecContext& ctx) {
  if (a[0].is_null()) return Value();
  return Substring({a[0], Value(int64_t{0}), a[1]}, ctx);
}

Value Right(const Args& a, ExecContext&) {
  if (a[0].is_null()) return Value();
  const std::string& s = StringArg("right", a[0]);
  int64_t length = IntArg("right", a[1]);
  if (length < 0) throw QueryError{Status::RuntimeError("right() length must not be negative")};
  auto offsets = CodePointOffsets(s);
  int64_t chars = static_cast<int64_t>(offsets.size()) - 1;
  int64_t begin = std::max<int64_t>(0, chars - length);
  return Value(s.substr(offsets[begin]));
}

Value Replace(const Args& a, ExecContext&) {
  if (a[0].is_null() || a[1].is_null() || a[2].is_null()) return Value();
  std::string s = StringArg("replace", a[0]);
  const std::string& from = StringArg("replace", a[1]);
  const std::string& to = StringArg("replace", a[2]);
  if (from.empty()) return Value(s);
  std::string out;
  size_t start = 0;
  while (true) {
    size_t at = s.find(from, start);
    if (at == std::string::npos) break;
    out += s.substr(start, at - start) + to;
    start = at + from.size();
  }
  out += s.substr(start);
  return Value(out);
}

Value Reverse(const Args& a, ExecContext&) {
  if (a[0].is_null()) return Value();
  if (a[0].is_list()) {
    Value::List out(a[0].as_list().rbegin(), a[0].as_list().rend());
    return Value(std::move(out));
  }
  const std::string& s = StringArg("reverse", a[0]);
  auto offsets = CodePointOffsets(s);
  std::string out;
  for (size_t i = offsets.size() - 1; i > 0; --i)
    out += s.substr(offsets[i - 1], offsets[i] - offsets[i - 1]);
  return Value(out);
}

Value ToStringFn(const Args& a, ExecContext&) { return ToStringValue(a[0]); }

Value ToInteger(const Args& a, ExecContext&) {
  const Value& v = a[0];
  if (v.is_null() || v.is_int()) return v;
  if (v.is_double()) {
    double d = v.as_double();
    if (std::isnan(d) || std::abs(d) > 9.2e18) return Value();
    return Value(static_cast<int64_t>(d));
  }
  if (v.is_bool()) return Value(int64_t{v.as_bool() ? 1 : 0});
  if (v.is_string()) {
    const std::string& s = v.as_string();
    char* stop = nullptr;
    errno = 0;
    long long i = std::strtoll(s.c_str(), &stop, 10);
    if (!s.empty() && *stop == '\0' && errno == 0) return Value(static_cast<int64_t>(i));
    double d = std::strtod(s.c_str(), &stop);
    if (!s.empty() && *stop == '\0' && std::isfinite(d) && std::abs(d) < 9.2e18)
      return Value(static_cast<int64_t>(d));
    return Value();
  }
  BadArg("toInteger", v);
}

Value ToFloat(const Args& a, ExecContext&) {
  const Value& v = a[0];
  if (v.is_null() || v.is_double()) return v;
  if (v.is_int()) return Value(static_cast<double>(v.as_int()));
  if (v.is_string()) {
    const std::string& s = v.as_string();
    char* stop = nullptr;
    double d = std::strtod(s.c_str(), &stop);
    if (!s.empty() && *stop == '\0') return Value(d);
    return Value();
  }
  BadArg("toFloat", v);
}

Value ToBoolean(const Args& a, ExecContext&) {
  const Value& v = a[0];
  if (v.is_null() || v.is_bool()) return v;
  if (v.is_string()) {
    std::string s = Lower(v.as_string());
    if (s == "true") return Value(true);
    if (s == "false") return Value(false);
    return Value();
  }
  if (v.is_int()) return Value(v.as_int() != 0);
  BadArg("toBoolean", v);
}

Value Head(const Args& a, ExecContext&) {
  if (a[0].is_null()) return Value();
  if (!a[0].is_list()) BadArg("head", a[0]);
  return a[0].as_list().empty() ? Value() : a[0].as_list().front();
}
Value Last(const Args& a, ExecContext&) {
  if (a[0].is_null()) return Value();
  if (!a[0].is_list()) BadArg("last", a[0]);
  return a[0].as_list().empty() ? Value() : a[0].as_list().back();
}
Value Tail(const Args& a, ExecContext&) {
  if (a[0].is_null()) return Value();
  if (!a[0].is_list()) BadArg("tail", a[0]);
  const auto& list = a[0].as_list();
  if (list.empty()) return Value(Value::List{});
  return Value(Value::List(list.begin() + 1, list.end()));
}

Value Range(const Args& a, ExecContext& ctx) {
  for (const auto& v : a)
    if (!v.is_int()) BadArg("range", v);
  int64_t from = a[0].as_int(), to = a[1].as_int();
  int64_t step = a.size() > 2 ? a[2].as_int() : 1;
  if (step == 0) throw QueryError{Status::RuntimeError("range() step must not be zero")};
  Value::List out;
  for (int64_t i = from; step > 0 ? i <= to : i >= to; i += step) {
    out.emplace_back(i);
    if ((out.size() & 0xFFF) == 0) ctx.Charge(0x1000 * sizeof(Value));
    if (__builtin_add_overflow(i, step, &i)) break;
    i -= step;
  }
  return Value(std::move(out));
}

double NumArg(const char* fn, const Value& v) {
  if (!v.is_number()) BadArg(fn, v);
  return v.as_number();
}

Value Abs(const Args& a, ExecContext&) {
  if (a[0].is_null()) return Value();
  if (a[0].is_int()) return Value(a[0].as_int() < 0 ? -a[0].as_int() : a[0].as_int());
  return Value(std::abs(NumArg("abs", a[0])));
}
Value Sign(const Args& a, ExecContext&) {
  if (a[0].is_null()) return Value();
  double d = NumArg("sign", a[0]);
  return Value(int64_t{d > 0 ? 1 : d < 0 ? -1 : 0});
}

template <double (*F)(double)>
Value MathFn(const Args& a, ExecContext&) {
  if (a[0].is_null()) return Value();
  return Value(F(NumArg("math", a[0])));
}
double Ceil(double d) { return std::ceil(d); }
double Floor(double d) { return std::floor(d); }
double Round(double d) { return std::round(d); }
double Sqrt(double d) { return std::sqrt(d); }
double Exp(double d) { return std::exp(d); }
double Log(double d) { return std::log(d); }
double Log10(double d) { return std::log10(d); }
double Sin(double d) { return std::sin(d); }
double Cos(double d) { return std::cos(d); }
double Tan(double d) { return std::tan(d); }

Value Pi(const Args&, ExecContext&) { return Value(M_PI); }
Value E(const Args&, ExecContext&) { return Value(M_E); }
Value Rand(const Args&, ExecContext&) {
  thread_local std::mt19937_64 engine{std::random_device{}()};
  return Value(std::uniform_real_distribution<double>(0.0, 1.0)(engine));
}

Value Exists(const Args& a, ExecContext&) { return Value(!a[0].is_null()); }

const std::unordered_map<std::string, FunctionDef>& Functions() {
  static const std::unordered_map<std::string, FunctionDef> kFunctions = {
      {"id", {1, 1, Id}},
      {"labels", {1, 1, Labels}},
      {"type", {1, 1, Type}},
      {"properties", {1, 1, PropertiesFn}},
      {"keys", {1, 1, Keys}},
      {"size", {1, 1, Size}},
      {"length", {1, 1, Length}},
      {"nodes", {1, 1, Nodes}},
      {"relationships", {1, 1, Relationships}},
      {"startnode", {1, 1, StartNode}},
      {"endnode", {1, 1, EndNode}},
      {"coalesce", {1, 64, Coalesce}},
      {"tolower", {1, 1, ToLower}},
      {"toupper", {1, 1, ToUpper}},
      {"trim", {1, 1, Trim}},
      {"ltrim", {1, 1, LTrim}},
      {"rtrim", {1, 1, RTrim}},
      {"split", {2, 2, Split}},
      {"substring", {2, 3, Substring}},
      {"left", {2, 2, Left}},
      {"right", {2, 2, Right}},
      {"replace", {3, 3, Replace}},
      {"reverse", {1, 1, Reverse}},
      {"tostring", {1, 1, ToStringFn}},
      {"tointeger", {1, 1, ToInteger}},
      {"tofloat", {1, 1, ToFloat}},
      {"toboolean", {1, 1, ToBoolean}},
      {"head", {1, 1, Head}},
      {"last", {1, 1, Last}},
      {"tail", {1, 1, Tail}},
      {"range", {2, 3, Range}},
      {"abs", {1, 1, Abs}},
      {"sign", {1, 1, Sign}},
      {"ceil", {1, 1, MathFn<Ceil>}},
      {"floor", {1, 1, MathFn<Floor>}},
      {"round", {1, 1, MathFn<Round>}},
      {"sqrt", {1, 1, MathFn<Sqrt>}},
      {"exp", {1, 1, MathFn<Exp>}},
      {"log", {1, 1, MathFn<Log>}},
      {"log10", {1, 1, MathFn<Log10>}},
      {"sin", {1, 1, MathFn<Sin>}},
      {"cos", {1, 1, MathFn<Cos>}},
      {"tan", {1, 1, MathFn<Tan>}},
      {"pi", {0, 0, Pi}},
      {"e", {0, 0, E}},
      {"rand", {0, 0, Rand}},
      {"exists", {1, 1, Exists}},
  };
  return kFunctions;
}

}  // namespace

Value ToStringValue(const Value& v) {
  switch (v.kind()) {
    case Value::Kind::kNull: return Value();
    case Value::Kind::kString: return v;
    case Value::Kind::kBool: return Value(v.as_bool() ? "true" : "false");
    case Value::Kind::kInt:
    case Value::Kind::kDouble: return Value(FormatValue(v));
    default: ThrowTypeError(std::string("toString() cannot take a ") + v.TypeName());
  }
}

bool CheckFunction(const std::string& name, size_t arity, std::string* why) {
  auto it = Functions().find(Lower(name));
  if (it == Functions().end()) {
    *why = "unknown function '" + name + "'";
    return false;
  }
  if (arity < it->second.min_args || arity > it->second.max_args) {
    *why = name + "() takes " + std::to_string(it->second.min_args) +
           (it->second.max_args != it->second.min_args
                ? " to " + std::to_string(it->second.max_args)
                : "") +
           " arguments, got " + std::to_string(arity);
    return false;
  }
  return true;
}

Value CallFunction(const std::string& name, const std::vector<Value>& args, ExecContext& ctx) {
  auto it = Functions().find(Lower(name));
  if (it == Functions().end()) ThrowSemanticError("unknown function '" + name + "'");
  return it->second.fn(args, ctx);
}

}  // namespace steppe::query
