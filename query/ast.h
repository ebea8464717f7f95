#pragma once

#include <cstdint>
#include <memory>
#include <string>
#include <vector>

#include "query/value.h"

// The syntax tree the parser builds and the planner binds. Variables are
// names here; the planner resolves each to a row slot (Expr::slot).
namespace steppe::query::ast {

struct Expr;
struct PatternPart;
using ExprPtr = std::unique_ptr<Expr>;

enum class ExprKind {
  kLiteral,        // literal
  kParameter,      // $name
  kVariable,       // name
  kProperty,       // args[0].name
  kIndex,          // args[0][args[1]]
  kSlice,          // args[0][args[1]..args[2]]; a missing bound is null Literal
  kList,           // [args...]
  kMap,            // {keys[i]: args[i]}
  kFunction,       // name(args...), DISTINCT when distinct; count(*) has star
  kBinary,         // args[0] op args[1]
  kUnary,          // op args[0]: kNot, kNegate, kPlus
  kIsNull,         // args[0] IS NULL; negated for IS NOT NULL
  kCase,           // CASE [args[0] when has_subject] WHEN args[i] THEN args[i+1] ... [ELSE last]
  kHasLabels,      // args[0]:keys...
  kPattern,        // a pattern used as a predicate: (a)-->(b)
  kListComprehension,  // [name IN args[0] WHERE args[1] | args[2]]; missing parts are null ptrs
  kQuantifier,     // name(all|any|none|single): [keys[0] IN args[0] WHERE args[1]]
  kMapProjection,  // args[0]{.key, key: expr, .*}: keys / projection_values
  kPatternComprehension,  // [pattern WHERE args[0] | args[1]]; a missing WHERE is a null ptr
};

enum class Op {
  kNone,
  kOr, kXor, kAnd, kNot,
  kEq, kNe, kLt, kGt, kLe, kGe, kRegex,
  kStartsWith, kEndsWith, kContains, kIn,
  kAdd, kSub, kMul, kDiv, kMod, kPow,
  kNegate, kPlus,
};

struct Expr {
  ExprKind kind = ExprKind::kLiteral;
  Op op = Op::kNone;
  std::string name;
  Value literal;
  std::vector<ExprPtr> args;
  std::vector<std::string> keys;
  bool distinct = false;
  bool star = false;
  bool negated = false;
  bool has_subject = false;
  bool has_else = false;
  std::shared_ptr<PatternPart> pattern;
  // Binding, set by the planner.
  int slot = -1;       // kVariable: the row slot; kListComprehension: the element slot
  int agg_index = -1;  // aggregate calls: the index into the group's results
  // The source text [begin, end): names a column that has no alias.
  size_t begin = 0;
  size_t end = 0;
};

enum class Direction { kOut, kIn, kBoth };

struct NodePattern {
  std::string var;  // "" when anonymous (the parser names it)
  std::vector<std::string> labels;
  ExprPtr props;    // a kMap or kParameter, or null
  size_t begin = 0;
  int slot = -1;    // bound by the planner
  bool preset = false;  // in an expression's pattern: bound outside it
};

struct RelPattern {
  std::string var;
  std::vector<std::string> types;  // any of them; empty: every type
  ExprPtr props;
  Direction direction = Direction::kOut;
  bool var_length = false;
  int64_t min_hops = 1;
  int64_t max_hops = -1;  // -1: no upper bound
  size_t begin = 0;
  int slot = -1;
  bool preset = false;
};

enum class PathKind { kNormal, kShortest, kAllShortest };

struct PatternPart {
  std::string path_var;  // p = ..., or ""
  PathKind kind = PathKind::kNormal;
  std::vector<NodePattern> nodes;  // nodes.size() == rels.size() + 1
  std::vector<RelPattern> rels;
  size_t begin = 0;
  int path_slot = -1;
};

struct ProjectionItem {
  ExprPtr expr;
  std::string alias;  // the column name: the alias, or the expression's text
  bool has_alias = false;
};

struct SortItem {
  ExprPtr expr;
  bool ascending = true;
};

struct Projection {
  bool distinct = false;
  bool star = false;  // RETURN *, WITH *
  std::vector<ProjectionItem> items;
  std::vector<SortItem> order;
  ExprPtr skip;
  ExprPtr limit;
  ExprPtr where;  // WITH ... WHERE
};

enum class SetKind { kProperty, kReplaceProps, kMergeProps, kLabels };

struct SetItem {
  SetKind kind = SetKind::kProperty;
  ExprPtr target;  // kProperty: a kProperty expression; else a kVariable
  ExprPtr value;
  std::vector<std::string> labels;
};

struct RemoveItem {
  ExprPtr target;  // a kProperty expression, or a kVariable with labels
  std::vector<std::string> labels;
};

enum class ClauseKind {
  kMatch, kUnwind, kWith, kReturn, kCreate, kMerge, kSet, kRemove, kDelete, kCall
};

struct YieldItem {
  std::string field;
  std::string alias;
};

struct Clause {
  ClauseKind kind = ClauseKind::kMatch;
  size_t begin = 0;
  bool optional = false;               // OPTIONAL MATCH
  std::vector<PatternPart> pattern;    // MATCH, CREATE, MERGE (one part)
  ExprPtr where;                       // MATCH ... WHERE; CALL ... YIELD ... WHERE
  ExprPtr expr;                        // UNWIND expr
  std::string alias;                   // UNWIND ... AS alias
  Projection projection;               // WITH, RETURN
  std::vector<SetItem> set_items;      // SET
  std::vector<SetItem> on_create;      // MERGE ON CREATE SET
  std::vector<SetItem> on_match;       // MERGE ON MATCH SET
  std::vector<RemoveItem> remove_items;
  std::vector<ExprPtr> delete_exprs;
  bool detach = false;
  std::string procedure;               // CALL name(args) YIELD ...
  std::vector<ExprPtr> args;
  bool has_args = false;
  std::vector<YieldItem> yield;
  bool yield_star = false;
};

struct SingleQuery {
  std::vector<Clause> clauses;
};

enum class QueryMode { kRun, kExplain, kProfile };

struct Query {
  QueryMode mode = QueryMode::kRun;
  std::vector<SingleQuery> parts;  // joined by UNION
  std::vector<bool> union_all;     // union_all[i] joins parts[i] and parts[i + 1]
};

}  // namespace steppe::query::ast
