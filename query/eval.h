#pragma once

#include <functional>
#include <optional>
#include <string>
#include <unordered_set>
#include <vector>

#include "query/ast.h"
#include "query/exec_context.h"

namespace steppe::query {

// Evaluates a bound expression on one row. `aggregates` holds the finished
// aggregate values of the row's group when the expression contains
// aggregate calls. Throws QueryError (TypeError, RuntimeError) on bad types.
Value Eval(const ast::Expr& expr, const Row& row, ExecContext& ctx,
           const std::vector<Value>* aggregates = nullptr);

// Cypher's `=`: nullopt when the answer is null (a null inside either side).
std::optional<bool> CypherEquals(const Value& a, const Value& b);
// Cypher's `<`, ...: the sign of a - b, or nullopt when a and b do not compare.
std::optional<int> CypherCompare(const Value& a, const Value& b);
// The total order of ORDER BY (and of grouping keys): maps < nodes <
// relationships < lists < paths < strings < booleans < numbers < null.
int OrderCompare(const Value& a, const Value& b);

// A node or relationship value holding its id (and a relationship's ends);
// properties are read through the transaction when asked for.
Value NodeRefValue(NodeId id);
Value RelRefValue(EdgeId id, const std::string& type, NodeId src, NodeId dst);

// True when the function name is one of the aggregates (count, sum, ...).
bool IsAggregateName(const std::string& name);
// True when the expression calls an aggregate outside a nested scope.
bool ContainsAggregate(const ast::Expr& expr);
// True when `name` is a function Eval knows, with `arity` arguments allowed.
bool IsKnownFunction(const std::string& name, size_t arity, std::string* why);

// Runs one aggregate over the values it was fed.
class Aggregator {
 public:
  explicit Aggregator(const ast::Expr& call);
  void Add(const Value& value);
  // count(*) over `rows` rows at once (a degree count stands for that many).
  void AddRows(int64_t rows) { count_ += rows; }
  // percentileCont / percentileDisc: the percentile, in [0, 1].
  void SetPercentile(const Value& percentile);
  Value Finish() const;

 private:
  enum class Kind { kCount, kSum, kAvg, kMin, kMax, kCollect, kStdev, kStdevP, kPercentileCont,
                    kPercentileDisc };
  struct Hash {
    size_t operator()(const Value& v) const { return v.Hash(); }
  };

  const ast::Expr& call_;
  Kind kind_;
  int64_t count_ = 0;
  bool sum_is_double_ = false;
  int64_t int_sum_ = 0;
  double double_sum_ = 0;
  Value best_;
  std::vector<Value> values_;
  std::unordered_set<Value, Hash> distinct_;  // DISTINCT: the values seen
  double percentile_ = 0;
};

// Reads the properties of a node, relationship or map value.
const Properties* EntityProperties(const Value& value, ExecContext& ctx);

// Fills in labels and properties of every node and relationship in `value`.
Value Materialize(const Value& value, Txn& txn);
// False when Materialize would return `value` unchanged: a null, boolean,
// number or string (lists and maps may hold nodes).
inline bool MayHoldGraphValues(const Value& value) {
  return value.kind() >= Value::Kind::kList;
}

// True when the pattern (its bound variables taken from `row`) has a match;
// defined with the match operators.
bool MatchesPattern(const ast::PatternPart& part, const Row& row, ExecContext& ctx);
// Calls `visit` with the row extended by each match of the pattern.
void ForEachPatternMatch(const ast::PatternPart& part, const Row& row, ExecContext& ctx,
                         const std::function<bool(const Row&)>& visit);

}  // namespace steppe::query
