#include "query/eval.h"

#include <re2/re2.h>

#include <algorithm>
#include <cmath>
#include <limits>
#include <strings.h>

#include "query/functions.h"

namespace steppe::query {
namespace {

constexpr int kUnordered = 2;  // CypherCompare's answer for NaN: every comparison is false

bool IsNaN(const Value& v) { return v.is_double() && std::isnan(v.as_double()); }

std::optional<bool> ToBool(const Value& v, const char* op) {
  if (v.is_null()) return std::nullopt;
  if (!v.is_bool())
    ThrowTypeError(std::string(op) + " expects a Boolean, got " + v.TypeName());
  return v.as_bool();
}

Value FromTri(std::optional<bool> b) { return b ? Value(*b) : Value(); }

Value EvalAnd(const Value& a, const Value& b) {
  auto x = ToBool(a, "AND"), y = ToBool(b, "AND");
  if ((x && !*x) || (y && !*y)) return Value(false);
  if (!x || !y) return Value();
  return Value(true);
}
Value EvalOr(const Value& a, const Value& b) {
  auto x = ToBool(a, "OR"), y = ToBool(b, "OR");
  if ((x && *x) || (y && *y)) return Value(true);
  if (!x || !y) return Value();
  return Value(false);
}
Value EvalXor(const Value& a, const Value& b) {
  auto x = ToBool(a, "XOR"), y = ToBool(b, "XOR");
  if (!x || !y) return Value();
  return Value(*x != *y);
}

[[noreturn]] void Overflow() {
  throw QueryError{Status::RuntimeError("integer overflow in arithmetic")};
}

Value Arithmetic(ast::Op op, const Value& a, const Value& b) {
  if (a.is_null() || b.is_null()) return Value();
  if (op == ast::Op::kAdd) {
    if (a.is_list() && b.is_list()) {
      Value::List out = a.as_list();
      out.insert(out.end(), b.as_list().begin(), b.as_list().end());
      return Value(std::move(out));
    }
    if (a.is_list()) {
      Value::List out = a.as_list();
      out.push_back(b);
      return Value(std::move(out));
    }
    if (b.is_list()) {
      Value::List out{a};
      out.insert(out.end(), b.as_list().begin(), b.as_list().end());
      return Value(std::move(out));
    }
    if (a.is_string() && b.is_string()) return Value(a.as_string() + b.as_string());
    if (a.is_string() && b.is_number()) return Value(a.as_string() + ToStringValue(b).as_string());
    if (a.is_number() && b.is_string()) return Value(ToStringValue(a).as_string() + b.as_string());
  }
  if (!a.is_number() || !b.is_number())
    ThrowTypeError(std::string("cannot apply an arithmetic operator to ") + a.TypeName() +
                   " and " + b.TypeName());
  if (a.is_int() && b.is_int() && op != ast::Op::kPow) {
    int64_t x = a.as_int(), y = b.as_int(), r = 0;
    switch (op) {
      case ast::Op::kAdd:
        if (__builtin_add_overflow(x, y, &r)) Overflow();
        return Value(r);
      case ast::Op::kSub:
        if (__builtin_sub_overflow(x, y, &r)) Overflow();
        return Value(r);
      case ast::Op::kMul:
        if (__builtin_mul_overflow(x, y, &r)) Overflow();
        return Value(r);
      case ast::Op::kDiv:
        if (y == 0) throw QueryError{Status::RuntimeError("division by zero")};
        if (x == std::numeric_limits<int64_t>::min() && y == -1) Overflow();
        return Value(x / y);
      case ast::Op::kMod:
        if (y == 0) throw QueryError{Status::RuntimeError("division by zero")};
        if (y == -1) return Value(int64_t{0});
        return Value(x % y);
      default: break;
    }
  }
  double x = a.as_number(), y = b.as_number();
  switch (op) {
    case ast::Op::kAdd: return Value(x + y);
    case ast::Op::kSub: return Value(x - y);
    case ast::Op::kMul: return Value(x * y);
    case ast::Op::kDiv: return Value(x / y);
    case ast::Op::kMod: return Value(std::fmod(x, y));
    case ast::Op::kPow: return Value(std::pow(x, y));
    default: return Value();
  }
}

Value StringPredicate(ast::Op op, const Value& a, const Value& b) {
  if (!a.is_string() || !b.is_string()) return Value();
  const std::string& s = a.as_string();
  const std::string& t = b.as_string();
  switch (op) {
    case ast::Op::kStartsWith: return Value(s.rfind(t, 0) == 0);
    case ast::Op::kEndsWith:
      return Value(s.size() >= t.size() && s.compare(s.size() - t.size(), t.size(), t) == 0);
    case ast::Op::kContains: return Value(s.find(t) != std::string::npos);
    default: return Value();
  }
}

Value RegexMatch(const Value& a, const Value& b) {
  if (!a.is_string() || !b.is_string()) return Value();
  RE2::Options options;
  options.set_log_errors(false);
  RE2 re(b.as_string(), options);
  if (!re.ok())
    throw QueryError{Status::RuntimeError("invalid regular expression '" + b.as_string() +
                                          "': " + re.error())};
  return Value(RE2::FullMatch(a.as_string(), re));
}

Value InList(const Value& needle, const Value& list) {
  if (list.is_null()) return Value();
  if (!list.is_list()) ThrowTypeError(std::string("IN expects a List, got ") + list.TypeName());
  bool saw_null = false;
  for (const auto& item : list.as_list()) {
    std::optional<bool> eq = CypherEquals(needle, item);
    if (!eq) saw_null = true;
    else if (*eq) return Value(true);
  }
  return saw_null ? Value() : Value(false);
}

Value Comparison(ast::Op op, const Value& a, const Value& b) {
  if (op == ast::Op::kEq) return FromTri(CypherEquals(a, b));
  if (op == ast::Op::kNe) {
    auto eq = CypherEquals(a, b);
    return eq ? Value(!*eq) : Value();
  }
  std::optional<int> c = CypherCompare(a, b);
  if (!c) return Value();
  if (*c == kUnordered) return Value(false);
  switch (op) {
    case ast::Op::kLt: return Value(*c < 0);
    case ast::Op::kGt: return Value(*c > 0);
    case ast::Op::kLe: return Value(*c <= 0);
    case ast::Op::kGe: return Value(*c >= 0);
    default: return Value();
  }
}

int64_t NormalizeIndex(int64_t index, int64_t size) { return index < 0 ? index + size : index; }

Value IndexValue(const Value& subject, const Value& index, ExecContext& ctx) {
  if (subject.is_null() || index.is_null()) return Value();
  if (subject.is_list()) {
    if (!index.is_int())
      ThrowTypeError(std::string("a list index must be an Integer, got ") + index.TypeName());
    const auto& list = subject.as_list();
    int64_t i = NormalizeIndex(index.as_int(), static_cast<int64_t>(list.size()));
    if (i < 0 || i >= static_cast<int64_t>(list.size())) return Value();
    return list[i];
  }
  if (subject.is_map() || subject.is_node() || subject.is_relationship()) {
    if (!index.is_string())
      ThrowTypeError(std::string("a map key must be a String, got ") + index.TypeName());
    if (subject.is_map()) {
      auto it = subject.as_map().find(index.as_string());
      return it == subject.as_map().end() ? Value() : it->second;
    }
    const Properties* props = EntityProperties(subject, ctx);
    if (!props) return Value();
    auto it = props->find(index.as_string());
    return it == props->end() ? Value() : Value::FromCore(it->second);
  }
  ThrowTypeError(std::string("cannot index a ") + subject.TypeName());
}

Value SliceValue(const Value& subject, const Value& from, const Value& to, bool has_from,
                 bool has_to) {
  if (subject.is_null()) return Value();
  if ((has_from && from.is_null()) || (has_to && to.is_null())) return Value();
  if (!subject.is_list()) ThrowTypeError(std::string("cannot slice a ") + subject.TypeName());
  if ((has_from && !from.is_int()) || (has_to && !to.is_int()))
    ThrowTypeError("slice bounds must be Integers");
  const auto& list = subject.as_list();
  int64_t size = static_cast<int64_t>(list.size());
  int64_t begin = has_from ? std::clamp<int64_t>(NormalizeIndex(from.as_int(), size), 0, size) : 0;
  int64_t end = has_to ? std::clamp<int64_t>(NormalizeIndex(to.as_int(), size), 0, size) : size;
  if (end <= begin) return Value(Value::List{});
  return Value(Value::List(list.begin() + begin, list.begin() + end));
}

Value PropertyOf(const Value& subject, const std::string& key, ExecContext& ctx) {
  if (subject.is_null()) return Value();
  if (subject.is_map()) {
    auto it = subject.as_map().find(key);
    return it == subject.as_map().end() ? Value() : it->second;
  }
  if (subject.is_node() || subject.is_relationship()) {
    const Properties* props = EntityProperties(subject, ctx);
    if (!props) return Value();
    auto it = props->find(key);
    return it == props->end() ? Value() : Value::FromCore(it->second);
  }
  ThrowTypeError("cannot read property '" + key + "' of a " + subject.TypeName());
}

Value EvalCase(const ast::Expr& e, const Row& row, ExecContext& ctx,
               const std::vector<Value>* aggregates) {
  size_t i = 0;
  Value subject;
  if (e.has_subject) subject = Eval(*e.args[i++], row, ctx, aggregates);
  size_t stop = e.args.size() - (e.has_else ? 1 : 0);
  for (; i < stop; i += 2) {
    Value when = Eval(*e.args[i], row, ctx, aggregates);
    bool hit = e.has_subject ? CypherEquals(subject, when).value_or(false)
                             : (when.is_bool() && when.as_bool());
    if (hit) return Eval(*e.args[i + 1], row, ctx, aggregates);
  }
  return e.has_else ? Eval(*e.args.back(), row, ctx, aggregates) : Value();
}

Value EvalComprehension(const ast::Expr& e, const Row& row, ExecContext& ctx,
                        const std::vector<Value>* aggregates) {
  Value list = Eval(*e.args[0], row, ctx, aggregates);
  if (list.is_null()) return Value();
  if (!list.is_list()) ThrowTypeError(std::string("IN expects a List, got ") + list.TypeName());
  Row scope = row;
  if (static_cast<int>(scope.size()) <= e.slot) scope.resize(e.slot + 1);
  Value::List out;
  for (const auto& item : list.as_list()) {
    scope[e.slot] = item;
    if (e.args[1]) {
      Value keep = Eval(*e.args[1], scope, ctx, aggregates);
      if (!keep.is_bool() || !keep.as_bool()) continue;
    }
    out.push_back(e.args[2] ? Eval(*e.args[2], scope, ctx, aggregates) : item);
  }
  return Value(std::move(out));
}

Value EvalQuantifier(const ast::Expr& e, const Row& row, ExecContext& ctx,
                     const std::vector<Value>* aggregates) {
  Value list = Eval(*e.args[0], row, ctx, aggregates);
  if (list.is_null()) return Value();
  if (!list.is_list()) ThrowTypeError(std::string("IN expects a List, got ") + list.TypeName());
  Row scope = row;
  if (static_cast<int>(scope.size()) <= e.slot) scope.resize(e.slot + 1);
  int64_t trues = 0, nulls = 0, total = 0;
  for (const auto& item : list.as_list()) {
    scope[e.slot] = item;
    ++total;
    Value v = e.args[1] ? Eval(*e.args[1], scope, ctx, aggregates) : Value(true);
    if (v.is_null()) ++nulls;
    else if (v.is_bool() && v.as_bool()) ++trues;
    else if (!v.is_bool()) ThrowTypeError("a quantifier's predicate must be a Boolean");
  }
  int64_t falses = total - trues - nulls;
  if (e.name == "all") return falses > 0 ? Value(false) : nulls > 0 ? Value() : Value(true);
  if (e.name == "any") return trues > 0 ? Value(true) : nulls > 0 ? Value() : Value(false);
  if (e.name == "none") return trues > 0 ? Value(false) : nulls > 0 ? Value() : Value(true);
  // single
  if (trues > 1) return Value(false);
  if (nulls > 0) return Value();
  return Value(trues == 1);
}

Value EvalMapProjection(const ast::Expr& e, const Row& row, ExecContext& ctx,
                        const std::vector<Value>* aggregates) {
  Value subject = Eval(*e.args[0], row, ctx, aggregates);
  if (subject.is_null()) return Value();
  Value::Map out;
  for (size_t i = 0; i < e.keys.size(); ++i) {
    const ast::Expr* value = e.args[i + 1].get();
    if (value) {
      out[e.keys[i]] = Eval(*value, row, ctx, aggregates);
    } else if (e.keys[i] == "*") {
      if (subject.is_map()) {
        for (const auto& [k, v] : subject.as_map()) out[k] = v;
      } else if (const Properties* props = EntityProperties(subject, ctx)) {
        for (const auto& [k, v] : *props) out[k] = Value::FromCore(v);
      }
    } else {
      out[e.keys[i]] = PropertyOf(subject, e.keys[i], ctx);
    }
  }
  return Value(std::move(out));
}

Value EvalHasLabels(const Value& subject, const std::vector<std::string>& labels, ExecContext& ctx) {
  if (subject.is_null()) return Value();
  if (subject.is_node()) {
    const Node* node = ctx.txn().GetNode(subject.node_id());
    if (!node) return Value(false);
    for (const auto& label : labels)
      if (!node->HasLabel(label)) return Value(false);
    return Value(true);
  }
  if (subject.is_relationship()) {
    for (const auto& label : labels)
      if (subject.as_relationship().type != label) return Value(false);
    return Value(true);
  }
  ThrowTypeError(std::string("cannot test labels of a ") + subject.TypeName());
}

}  // namespace

Value NodeRefValue(NodeId id) { return Value::NodeById(id); }

Value RelRefValue(EdgeId id, const std::string& type, NodeId src, NodeId dst) {
  RelValue rel;
  rel.id = id;
  rel.type = type;
  rel.src = src;
  rel.dst = dst;
  return Value(std::move(rel));
}

const Properties* EntityProperties(const Value& value, ExecContext& ctx) {
  if (value.is_node() && ctx.txn().IsNodeDeleted(value.node_id()))
    ThrowRuntimeError("node " + std::to_string(value.node_id()) + " was deleted by this query");
  if (value.is_relationship() && ctx.txn().IsEdgeDeleted(value.as_relationship().id))
    ThrowRuntimeError("relationship " + std::to_string(value.as_relationship().id) +
                      " was deleted by this query");
  if (value.is_node()) {
    const Node* node = ctx.txn().GetNode(value.node_id());
    return node ? &node->props : nullptr;
  }
  if (value.is_relationship()) {
    const Edge* edge = ctx.txn().GetEdge(value.as_relationship().id);
    return edge ? &edge->props : nullptr;
  }
  return nullptr;
}

std::optional<bool> CypherEquals(const Value& a, const Value& b) {
  if (a.is_null() || b.is_null()) return std::nullopt;
  if (a.is_number() && b.is_number()) {
    if (a.is_int() && b.is_int()) return a.as_int() == b.as_int();
    return a.as_number() == b.as_number();
  }
  if (a.kind() != b.kind()) return false;
  switch (a.kind()) {
    case Value::Kind::kList: {
      const auto& x = a.as_list();
      const auto& y = b.as_list();
      if (x.size() != y.size()) return false;
      bool saw_null = false;
      for (size_t i = 0; i < x.size(); ++i) {
        auto eq = CypherEquals(x[i], y[i]);
        if (!eq) saw_null = true;
        else if (!*eq) return false;
      }
      if (saw_null) return std::nullopt;
      return true;
    }
    case Value::Kind::kMap: {
      const auto& x = a.as_map();
      const auto& y = b.as_map();
      if (x.size() != y.size()) return false;
      bool saw_null = false;
      for (const auto& [key, value] : x) {
        auto it = y.find(key);
        if (it == y.end()) return false;
        auto eq = CypherEquals(value, it->second);
        if (!eq) saw_null = true;
        else if (!*eq) return false;
      }
      if (saw_null) return std::nullopt;
      return true;
    }
    default: return a == b;
  }
}

std::optional<int> CypherCompare(const Value& a, const Value& b) {
  if (a.is_null() || b.is_null()) return std::nullopt;
  if (a.is_number() && b.is_number()) {
    if (IsNaN(a) || IsNaN(b)) return kUnordered;
    if (a.is_int() && b.is_int())
      return a.as_int() < b.as_int() ? -1 : a.as_int() > b.as_int() ? 1 : 0;
    double x = a.as_number(), y = b.as_number();
    return x < y ? -1 : x > y ? 1 : 0;
  }
  if (a.kind() != b.kind()) return std::nullopt;
  switch (a.kind()) {
    case Value::Kind::kString: {
      int c = a.as_string().compare(b.as_string());
      return c < 0 ? -1 : c > 0 ? 1 : 0;
    }
    case Value::Kind::kBool: return int(a.as_bool()) - int(b.as_bool());
    case Value::Kind::kList: {
      const auto& x = a.as_list();
      const auto& y = b.as_list();
      for (size_t i = 0; i < x.size() && i < y.size(); ++i) {
        auto c = CypherCompare(x[i], y[i]);
        if (!c) return std::nullopt;
        if (*c != 0) return c;
      }
      return x.size() < y.size() ? -1 : x.size() > y.size() ? 1 : 0;
    }
    default: return std::nullopt;
  }
}

namespace {
int OrderRank(const Value& v) {
  switch (v.kind()) {
    case Value::Kind::kMap: return 0;
    case Value::Kind::kNode: return 1;
    case Value::Kind::kRelationship: return 2;
    case Value::Kind::kList: return 3;
    case Value::Kind::kPath: return 4;
    case Value::Kind::kString: return 5;
    case Value::Kind::kBool: return 6;
    case Value::Kind::kInt:
    case Value::Kind::kDouble: return 7;
    case Value::Kind::kNull: return 8;
  }
  return 9;
}
}  // namespace

int OrderCompare(const Value& a, const Value& b) {
  int ra = OrderRank(a), rb = OrderRank(b);
  if (ra != rb) return ra < rb ? -1 : 1;
  switch (a.kind()) {
    case Value::Kind::kNull: return 0;
    case Value::Kind::kInt:
    case Value::Kind::kDouble: {
      bool na = IsNaN(a), nb = IsNaN(b);
      if (na || nb) return na == nb ? 0 : na ? 1 : -1;
      if (a.is_int() && b.is_int())
        return a.as_int() < b.as_int() ? -1 : a.as_int() > b.as_int() ? 1 : 0;
      double x = a.as_number(), y = b.as_number();
      if (x != y) return x < y ? -1 : 1;
      return a.is_int() == b.is_int() ? 0 : a.is_int() ? 1 : -1;
    }
    case Value::Kind::kString: {
      int c = a.as_string().compare(b.as_string());
      return c < 0 ? -1 : c > 0 ? 1 : 0;
    }
    case Value::Kind::kBool: return int(a.as_bool()) - int(b.as_bool());
    case Value::Kind::kList: {
      const auto& x = a.as_list();
      const auto& y = b.as_list();
      for (size_t i = 0; i < x.size() && i < y.size(); ++i)
        if (int c = OrderCompare(x[i], y[i])) return c;
      return x.size() < y.size() ? -1 : x.size() > y.size() ? 1 : 0;
    }
    case Value::Kind::kMap: {
      const auto& x = a.as_map();
      const auto& y = b.as_map();
      auto i = x.begin();
      auto j = y.begin();
      for (; i != x.end() && j != y.end(); ++i, ++j) {
        if (int c = i->first.compare(j->first)) return c < 0 ? -1 : 1;
        if (int c = OrderCompare(i->second, j->second)) return c;
      }
      return x.size() < y.size() ? -1 : x.size() > y.size() ? 1 : 0;
    }
    case Value::Kind::kNode: {
      NodeId x = a.node_id(), y = b.node_id();
      return x < y ? -1 : x > y ? 1 : 0;
    }
    case Value::Kind::kRelationship: {
      EdgeId x = a.as_relationship().id, y = b.as_relationship().id;
      return x < y ? -1 : x > y ? 1 : 0;
    }
    case Value::Kind::kPath: {
      const auto& x = a.as_path();
      const auto& y = b.as_path();
      for (size_t i = 0; i < x.nodes.size() && i < y.nodes.size(); ++i) {
        if (x.nodes[i].id != y.nodes[i].id) return x.nodes[i].id < y.nodes[i].id ? -1 : 1;
        if (i < x.rels.size() && i < y.rels.size() && x.rels[i].id != y.rels[i].id)
          return x.rels[i].id < y.rels[i].id ? -1 : 1;
      }
      return x.nodes.size() < y.nodes.size() ? -1 : x.nodes.size() > y.nodes.size() ? 1 : 0;
    }
  }
  return 0;
}

Value Eval(const ast::Expr& e, const Row& row, ExecContext& ctx,
           const std::vector<Value>* aggregates) {
  using ast::ExprKind;
  switch (e.kind) {
    case ExprKind::kLiteral: return e.literal;
    case ExprKind::kParameter: {
      auto it = ctx.params().find(e.name);
      if (it == ctx.params().end())
        throw QueryError{Status::SemanticError("parameter $" + e.name + " is missing")};
      return it->second;
    }
    case ExprKind::kVariable:
      if (e.slot < 0 || e.slot >= static_cast<int>(row.size()))
        throw QueryError{Status::Internal("variable " + e.name + " is not bound")};
      return row[e.slot];
    case ExprKind::kProperty:
      return PropertyOf(Eval(*e.args[0], row, ctx, aggregates), e.name, ctx);
    case ExprKind::kIndex:
      return IndexValue(Eval(*e.args[0], row, ctx, aggregates),
                        Eval(*e.args[1], row, ctx, aggregates), ctx);
    case ExprKind::kSlice: {
      bool has_from = !(e.args[1]->kind == ExprKind::kLiteral && e.args[1]->end == 0);
      bool has_to = !(e.args[2]->kind == ExprKind::kLiteral && e.args[2]->end == 0);
      return SliceValue(Eval(*e.args[0], row, ctx, aggregates),
                        Eval(*e.args[1], row, ctx, aggregates),
                        Eval(*e.args[2], row, ctx, aggregates), has_from, has_to);
    }
    case ExprKind::kList: {
      Value::List out;
      out.reserve(e.args.size());
      for (const auto& arg : e.args) out.push_back(Eval(*arg, row, ctx, aggregates));
      return Value(std::move(out));
    }
    case ExprKind::kMap: {
      Value::Map out;
      for (size_t i = 0; i < e.keys.size(); ++i)
        out[e.keys[i]] = Eval(*e.args[i], row, ctx, aggregates);
      return Value(std::move(out));
    }
    case ExprKind::kFunction: {
      if (e.agg_index >= 0) {
        if (!aggregates) throw QueryError{Status::Internal("aggregate evaluated outside a group")};
        return (*aggregates)[e.agg_index];
      }
      std::vector<Value> args;
      args.reserve(e.args.size());
      for (const auto& arg : e.args) args.push_back(Eval(*arg, row, ctx, aggregates));
      return CallFunction(e.name, args, ctx);
    }
    case ExprKind::kBinary: {
      Value a = Eval(*e.args[0], row, ctx, aggregates);
      // AND / OR short-circuit only when the left side settles the answer.
      if (e.op == ast::Op::kAnd && a.is_bool() && !a.as_bool()) {
        return Value(false);
      }
      if (e.op == ast::Op::kOr && a.is_bool() && a.as_bool()) {
        return Value(true);
      }
      Value b = Eval(*e.args[1], row, ctx, aggregates);
      switch (e.op) {
        case ast::Op::kAnd: return EvalAnd(a, b);
        case ast::Op::kOr: return EvalOr(a, b);
        case ast::Op::kXor: return EvalXor(a, b);
        case ast::Op::kEq:
        case ast::Op::kNe:
        case ast::Op::kLt:
        case ast::Op::kGt:
        case ast::Op::kLe:
        case ast::Op::kGe: return Comparison(e.op, a, b);
        case ast::Op::kRegex: return RegexMatch(a, b);
        case ast::Op::kStartsWith:
        case ast::Op::kEndsWith:
        case ast::Op::kContains: return StringPredicate(e.op, a, b);
        case ast::Op::kIn: return InList(a, b);
        default: return Arithmetic(e.op, a, b);
      }
    }
    case ExprKind::kUnary: {
      Value a = Eval(*e.args[0], row, ctx, aggregates);
      if (e.op == ast::Op::kNot) {
        auto b = ToBool(a, "NOT");
        return b ? Value(!*b) : Value();
      }
      if (a.is_null()) return Value();
      if (!a.is_number())
        ThrowTypeError(std::string("unary minus expects a number, got ") + a.TypeName());
      if (e.op == ast::Op::kPlus) return a;
      if (a.is_int()) {
        if (a.as_int() == std::numeric_limits<int64_t>::min()) Overflow();
        return Value(-a.as_int());
      }
      return Value(-a.as_double());
    }
    case ExprKind::kIsNull: {
      bool is_null = Eval(*e.args[0], row, ctx, aggregates).is_null();
      return Value(e.negated ? !is_null : is_null);
    }
    case ExprKind::kCase: return EvalCase(e, row, ctx, aggregates);
    case ExprKind::kHasLabels:
      return EvalHasLabels(Eval(*e.args[0], row, ctx, aggregates), e.keys, ctx);
    case ExprKind::kPattern: return Value(MatchesPattern(*e.pattern, row, ctx));
    case ExprKind::kListComprehension: return EvalComprehension(e, row, ctx, aggregates);
    case ExprKind::kQuantifier: return EvalQuantifier(e, row, ctx, aggregates);
    case ExprKind::kMapProjection: return EvalMapProjection(e, row, ctx, aggregates);
    case ExprKind::kPatternComprehension: {
      Value::List out;
      ForEachPatternMatch(*e.pattern, row, ctx, [&](const Row& match) {
        if (e.args[0]) {
          Value keep = Eval(*e.args[0], match, ctx, aggregates);
          if (!keep.is_bool() || !keep.as_bool()) return true;
        }
        out.push_back(Eval(*e.args[1], match, ctx, aggregates));
        ctx.Charge(sizeof(Value));
        return true;
      });
      return Value(std::move(out));
    }
  }
  return Value();
}

bool IsAggregateName(const std::string& name) {
  static const char* const kNames[] = {"count", "sum", "avg", "min", "max", "collect",
                                       "stdev", "stdevp", "percentilecont", "percentiledisc"};
  for (const char* n : kNames)
    if (strcasecmp(name.c_str(), n) == 0) return true;
  return false;
}

bool ContainsAggregate(const ast::Expr& e) {
  if (e.kind == ast::ExprKind::kFunction && IsAggregateName(e.name)) return true;
  for (const auto& arg : e.args)
    if (arg && ContainsAggregate(*arg)) return true;
  return false;
}

Aggregator::Aggregator(const ast::Expr& call) : call_(call), kind_(Kind::kCount) {
  static const std::pair<const char*, Kind> kKinds[] = {
      {"count", Kind::kCount},   {"sum", Kind::kSum},       {"avg", Kind::kAvg},
      {"min", Kind::kMin},       {"max", Kind::kMax},       {"collect", Kind::kCollect},
      {"stdev", Kind::kStdev},   {"stdevp", Kind::kStdevP},
      {"percentilecont", Kind::kPercentileCont}, {"percentiledisc", Kind::kPercentileDisc}};
  for (const auto& [name, kind] : kKinds)
    if (strcasecmp(call.name.c_str(), name) == 0) kind_ = kind;
}

void Aggregator::Add(const Value& value) {
  if (call_.star) {
    ++count_;
    return;
  }
  if (value.is_null()) return;
  if (call_.distinct) {
    if (!distinct_.insert(value).second) return;
    if (kind_ == Kind::kCollect) {
      values_.push_back(value);
      return;
    }
  }
  switch (kind_) {
    case Kind::kCount: ++count_; return;
    case Kind::kSum:
    case Kind::kAvg:
      if (!value.is_number())
        ThrowTypeError(call_.name + "() expects numbers, got " + std::string(value.TypeName()));
      ++count_;
      if (value.is_double() || sum_is_double_) {
        if (!sum_is_double_) double_sum_ = static_cast<double>(int_sum_);
        sum_is_double_ = true;
        double_sum_ += value.as_number();
      } else if (__builtin_add_overflow(int_sum_, value.as_int(), &int_sum_)) {
        Overflow();
      }
      return;
    case Kind::kMin:
    case Kind::kMax:
      if (best_.is_null()) {
        best_ = value;
      } else {
        int c = OrderCompare(value, best_);
        // Numbers sort above strings etc.; min/max follow the same order.
        if ((kind_ == Kind::kMin && c < 0) || (kind_ == Kind::kMax && c > 0)) best_ = value;
      }
      return;
    case Kind::kCollect: values_.push_back(value); return;
    case Kind::kStdev:
    case Kind::kStdevP:
    case Kind::kPercentileCont:
    case Kind::kPercentileDisc:
      if (!value.is_number())
        ThrowTypeError(call_.name + "() expects numbers, got " + std::string(value.TypeName()));
      values_.push_back(value);
      return;
  }
}

void Aggregator::SetPercentile(const Value& percentile) {
  if (!percentile.is_number())
    ThrowTypeError(call_.name + "() expects a numeric percentile, got " +
                   std::string(percentile.TypeName()));
  double p = percentile.as_number();
  if (!(p >= 0.0 && p <= 1.0))
    ThrowRuntimeError(call_.name + "() expects a percentile between 0.0 and 1.0");
  percentile_ = p;
}

Value Aggregator::Finish() const {
  switch (kind_) {
    case Kind::kCount: return Value(count_);
    case Kind::kSum: return sum_is_double_ ? Value(double_sum_) : Value(int_sum_);
    case Kind::kAvg: {
      if (count_ == 0) return Value();
      double total = sum_is_double_ ? double_sum_ : static_cast<double>(int_sum_);
      return Value(total / static_cast<double>(count_));
    }
    case Kind::kMin:
    case Kind::kMax: return best_;
    case Kind::kCollect: return Value(values_);
    case Kind::kPercentileCont:
    case Kind::kPercentileDisc: {
      if (values_.empty()) return Value();
      std::vector<Value> sorted = values_;
      std::sort(sorted.begin(), sorted.end(),
                [](const Value& a, const Value& b) { return a.as_number() < b.as_number(); });
      double n = static_cast<double>(sorted.size());
      if (kind_ == Kind::kPercentileDisc) {
        double rank = std::ceil(percentile_ * n) - 1;
        size_t index = rank < 0 ? 0 : static_cast<size_t>(rank);
        return sorted[std::min(index, sorted.size() - 1)];
      }
      double position = percentile_ * (n - 1);
      size_t lo = static_cast<size_t>(std::floor(position));
      size_t hi = static_cast<size_t>(std::ceil(position));
      double a = sorted[lo].as_number(), b = sorted[hi].as_number();
      return Value(a + (b - a) * (position - static_cast<double>(lo)));
    }
    case Kind::kStdev:
    case Kind::kStdevP: {
      size_t n = values_.size();
      if (n < 2) return Value(0.0);
      double mean = 0;
      for (const auto& v : values_) mean += v.as_number();
      mean /= static_cast<double>(n);
      double sq = 0;
      for (const auto& v : values_) sq += (v.as_number() - mean) * (v.as_number() - mean);
      return Value(std::sqrt(sq / static_cast<double>(kind_ == Kind::kStdev ? n - 1 : n)));
    }
  }
  return Value();
}

Value Materialize(const Value& value, Txn& txn) {
  switch (value.kind()) {
    case Value::Kind::kNode: {
      NodeValue node;
      node.id = value.node_id();
      if (const Node* stored = txn.GetNode(node.id)) {
        node.labels = stored->labels;
        node.props = stored->props;
      }
      return Value(std::move(node));
    }
    case Value::Kind::kRelationship: {
      RelValue rel = value.as_relationship();
      if (const Edge* stored = txn.GetEdge(rel.id)) rel.props = stored->props;
      return Value(std::move(rel));
    }
    case Value::Kind::kPath: {
      PathValue path;
      for (const auto& node : value.as_path().nodes)
        path.nodes.push_back(Materialize(NodeRefValue(node.id), txn).as_node());
      for (const auto& rel : value.as_path().rels)
        path.rels.push_back(Materialize(Value(rel), txn).as_relationship());
      return Value(std::move(path));
    }
    case Value::Kind::kList: {
      Value::List out;
      for (const auto& item : value.as_list()) out.push_back(Materialize(item, txn));
      return Value(std::move(out));
    }
    case Value::Kind::kMap: {
      Value::Map out;
      for (const auto& [key, item] : value.as_map()) out[key] = Materialize(item, txn);
      return Value(std::move(out));
    }
    default: return value;
  }
}

}  // namespace steppe::query
