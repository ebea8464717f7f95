#include "query/planner.h"

#include <algorithm>
#include <map>
#include <set>
#include <strings.h>

#include "query/eval.h"
#include "query/functions.h"
#include "query/match.h"
#include "query/ops.h"
#include "query/procedures.h"

namespace steppe::query {
namespace {

// What the planner knows of a variable's type; kValue: surely no graph entity.
enum class VarType { kAny, kNode, kRel, kPath, kValue };

struct VarInfo {
  int slot = -1;
  VarType type = VarType::kAny;
};

bool IsHidden(const std::string& name) { return name.rfind("  ", 0) == 0; }

[[noreturn]] void Semantic(std::string message) {
  throw QueryError{Status::SemanticError(std::move(message))};
}

const char* TypeWord(VarType t) {
  switch (t) {
    case VarType::kNode: return "a node";
    case VarType::kRel: return "a relationship";
    case VarType::kPath: return "a path";
    case VarType::kValue: return "a value";
    default: return "a value";
  }
}

// The variables visible at one point of the query and their row slots.
struct Scope {
  std::map<std::string, VarInfo> vars;
  std::vector<std::string> order;  // visible names in the order they were bound
  int width = 0;

  const VarInfo* Find(const std::string& name) const {
    auto it = vars.find(name);
    return it == vars.end() ? nullptr : &it->second;
  }
  int Add(const std::string& name, VarType type) {
    int slot = width++;
    vars[name] = VarInfo{slot, type};
    if (!IsHidden(name)) order.push_back(name);
    return slot;
  }
  int AddHidden() { return width++; }
};

std::string Lower(std::string s) {
  for (char& c : s) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return s;
}

// The expression's source text without blanks, to match ORDER BY terms
// against projected items.
std::string Canonical(const ast::Expr& e, std::string_view text) {
  std::string out;
  for (char c : text.substr(e.begin, e.end - e.begin))
    if (!std::isspace(static_cast<unsigned char>(c))) out += c;
  return out;
}

class Planner {
 public:
  explicit Planner(std::string_view text) : text_(text) {}

  Plan Run(ast::Query query) {
    Plan plan;
    plan.union_all = query.union_all;
    plan.query = std::move(query);
    for (size_t b = 0; b < plan.query.parts.size(); ++b) {
      scope_ = Scope{};
      columns_.clear();
      Pipeline pipeline;
      pipe_ = &pipeline;
      auto& clauses = plan.query.parts[b].clauses;
      standalone_ = clauses.size() == 1;
      for (size_t i = 0; i < clauses.size(); ++i) {
        next_clause_ = i + 1 < clauses.size() ? &clauses[i + 1] : nullptr;
        PlanClause(clauses[i], i + 1 == clauses.size());
      }
      ast::ClauseKind last = clauses.back().kind;
      if (last != ast::ClauseKind::kReturn && last != ast::ClauseKind::kCreate &&
          last != ast::ClauseKind::kMerge && last != ast::ClauseKind::kSet &&
          last != ast::ClauseKind::kRemove && last != ast::ClauseKind::kDelete &&
          last != ast::ClauseKind::kCall)
        Semantic("a query cannot end with " + ClauseName(last) + "; add RETURN");
      if (last == ast::ClauseKind::kCall) pipeline.push_back(std::make_unique<SelectSlotsOp>(call_slots_));
      if (last != ast::ClauseKind::kReturn && last != ast::ClauseKind::kCall) columns_.clear();
      if (b == 0) plan.columns = columns_;
      else if (plan.columns != columns_)
        Semantic("all parts of a UNION must return the same columns");
      plan.branches.push_back(std::move(pipeline));
    }
    plan.is_write = is_write_;
    return plan;
  }

 private:
  static std::string ClauseName(ast::ClauseKind kind) {
    switch (kind) {
      case ast::ClauseKind::kMatch: return "MATCH";
      case ast::ClauseKind::kUnwind: return "UNWIND";
      case ast::ClauseKind::kWith: return "WITH";
      default: return "this clause";
    }
  }

  void PlanClause(ast::Clause& clause, bool last) {
    switch (clause.kind) {
      case ast::ClauseKind::kMatch: PlanMatch(clause); break;
      case ast::ClauseKind::kUnwind: {
        BindExpr(*clause.expr, false);
        if (scope_.Find(clause.alias)) Semantic("variable '" + clause.alias + "' is already bound");
        int slot = scope_.Add(clause.alias, VarType::kAny);
        pipe_->push_back(std::make_unique<UnwindOp>(clause.expr.get(), slot, clause.alias));
        break;
      }
      case ast::ClauseKind::kWith: PlanProjection(clause.projection, false); break;
      case ast::ClauseKind::kReturn:
        if (!last) Semantic("RETURN must be the last clause");
        PlanProjection(clause.projection, true);
        break;
      case ast::ClauseKind::kCreate: PlanCreate(clause); break;
      case ast::ClauseKind::kMerge: PlanMerge(clause); break;
      case ast::ClauseKind::kSet:
        is_write_ = true;
        for (auto& item : clause.set_items) BindSetItem(item);
        pipe_->push_back(std::make_unique<SetOp>(&clause.set_items));
        break;
      case ast::ClauseKind::kRemove:
        is_write_ = true;
        for (auto& item : clause.remove_items) BindExpr(*item.target, false);
        pipe_->push_back(std::make_unique<RemoveOp>(&clause.remove_items));
        break;
      case ast::ClauseKind::kDelete:
        is_write_ = true;
        for (auto& expr : clause.delete_exprs) {
          BindExpr(*expr, false);
          if (expr->kind != ast::ExprKind::kVariable && expr->kind != ast::ExprKind::kProperty &&
              expr->kind != ast::ExprKind::kIndex && expr->kind != ast::ExprKind::kFunction &&
              expr->kind != ast::ExprKind::kLiteral)
            Semantic("DELETE expects a node, relationship or path variable");
        }
        pipe_->push_back(std::make_unique<DeleteOp>(&clause.delete_exprs, clause.detach));
        break;
      case ast::ClauseKind::kCall: PlanCall(clause, standalone_); break;
    }
  }

  void PlanCall(ast::Clause& clause, bool standalone) {
    const ProcedureSignature* signature = ProcedureRegistry::BuiltIn().Find(clause.procedure);
    if (!signature) Semantic("unknown procedure '" + clause.procedure + "'");
    for (auto& arg : clause.args) BindExpr(*arg, false);
    std::vector<ast::YieldItem> yield = clause.yield;
    if (clause.yield_star || (yield.empty() && standalone)) {
      yield.clear();
      for (const auto& column : signature->columns) yield.push_back({column, column});
    }
    if (yield.empty() && !signature->columns.empty())
      Semantic("CALL " + clause.procedure + " inside a query needs YIELD (it returns " +
               std::to_string(signature->columns.size()) + " columns)");
    std::vector<size_t> fields;
    std::vector<int> slots;
    std::vector<std::string> names;
    for (const auto& item : yield) {
      auto it = std::find(signature->columns.begin(), signature->columns.end(), item.field);
      if (it == signature->columns.end())
        Semantic("procedure " + clause.procedure + " yields no column '" + item.field + "'");
      if (scope_.Find(item.alias)) Semantic("variable '" + item.alias + "' is already bound");
      fields.push_back(static_cast<size_t>(it - signature->columns.begin()));
      slots.push_back(scope_.Add(item.alias, VarType::kAny));
      names.push_back(item.alias);
    }
    std::vector<const ast::Expr*> args;
    for (auto& arg : clause.args) args.push_back(arg.get());
    pipe_->push_back(std::make_unique<CallOp>(clause.procedure, args, fields, slots));
    if (clause.where) {
      BindExpr(*clause.where, false);
      pipe_->push_back(std::make_unique<FilterOp>(clause.where.get()));
    }
    // A query that ends in CALL returns what it yields.
    columns_ = names;
    call_slots_ = slots;
  }

  void BindSetItem(ast::SetItem& item) {
    BindExpr(*item.target, false);
    if (item.value) BindExpr(*item.value, false);
    if (item.value && HasPatternValue(*item.value))
      Semantic("a pattern can only be a predicate in WHERE, not a value to SET");
  }

  // ---- expressions
  void BindExpr(ast::Expr& e, bool allow_aggregates, bool inside_aggregate = false) {
    using ast::ExprKind;
    switch (e.kind) {
      case ExprKind::kVariable: {
        if (IsHidden(e.name) && e.slot >= 0) return;  // an ORDER BY term matched to an item
        const VarInfo* info = scope_.Find(e.name);
        if (!info) Semantic("variable '" + e.name + "' is not defined");
        e.slot = info->slot;
        return;
      }
      case ExprKind::kFunction: {
        bool aggregate = IsAggregateName(e.name);
        if (aggregate) {
          if (!allow_aggregates)
            Semantic("aggregate " + e.name + "() is not allowed here");
          if (inside_aggregate) Semantic("aggregate calls cannot be nested: " + e.name + "()");
          if (e.star && Lower(e.name) != "count") Semantic(e.name + "(*) is not a function");
          size_t arity = Lower(e.name).rfind("percentile", 0) == 0 ? 2 : 1;
          if (!e.star && e.args.size() != arity)
            Semantic(e.name + "() takes " + std::to_string(arity) + " argument" +
                     (arity > 1 ? "s" : ""));
          e.agg_index = static_cast<int>(aggregates_.size());
          aggregates_.push_back(&e);
          for (auto& arg : e.args) BindExpr(*arg, true, true);
          return;
        }
        std::string why;
        if (!CheckFunction(e.name, e.args.size(), &why)) Semantic(why);
        for (auto& arg : e.args) BindExpr(*arg, allow_aggregates, inside_aggregate);
        CheckArgumentTypes(e);
        return;
      }
      case ExprKind::kListComprehension:
      case ExprKind::kQuantifier: {
        BindExpr(*e.args[0], allow_aggregates, inside_aggregate);
        std::string var = e.kind == ExprKind::kQuantifier ? e.keys[0] : e.name;
        std::optional<VarInfo> saved;
        if (const VarInfo* old = scope_.Find(var)) saved = *old;
        e.slot = scope_.AddHidden();
        scope_.vars[var] = VarInfo{e.slot, VarType::kAny};
        for (size_t i = 1; i < e.args.size(); ++i)
          if (e.args[i]) BindExpr(*e.args[i], allow_aggregates, inside_aggregate);
        if (saved) scope_.vars[var] = *saved;
        else scope_.vars.erase(var);
        return;
      }
      case ExprKind::kPattern: {
        BindPatternPredicate(*e.pattern);
        return;
      }
      case ExprKind::kPatternComprehension: {
        std::vector<std::string> locals;
        BindPatternPredicate(*e.pattern, &locals);
        for (size_t i = 0; i < 2; ++i)
          if (e.args[i]) BindExpr(*e.args[i], allow_aggregates, inside_aggregate);
        for (const auto& name : locals) scope_.vars.erase(name);
        return;
      }
      case ExprKind::kProperty: {
        BindExpr(*e.args[0], allow_aggregates, inside_aggregate);
        if (e.args[0]->kind == ExprKind::kVariable)
          if (const VarInfo* info = scope_.Find(e.args[0]->name))
            if (info->type == VarType::kPath)
              Semantic("'" + e.args[0]->name + "' is a path and has no property '" + e.name + "'");
        return;
      }
      default:
        for (auto& arg : e.args)
          if (arg) BindExpr(*arg, allow_aggregates, inside_aggregate);
        CheckBooleanOperands(e);
    }
  }

  // The type an expression surely has, when the planner can tell.
  enum class Static { kUnknown, kNull, kBool, kNumber, kString, kList, kMap, kNode, kRel, kPath, kPattern };

  Static StaticTypeOf(const ast::Expr& e) const {
    switch (e.kind) {
      case ast::ExprKind::kLiteral:
        if (e.literal.is_null()) return Static::kNull;
        if (e.literal.is_bool()) return Static::kBool;
        if (e.literal.is_number()) return Static::kNumber;
        if (e.literal.is_string()) return Static::kString;
        return Static::kUnknown;
      case ast::ExprKind::kList:
      case ast::ExprKind::kListComprehension: return Static::kList;
      case ast::ExprKind::kMap:
      case ast::ExprKind::kMapProjection: return Static::kMap;
      case ast::ExprKind::kPattern: return Static::kPattern;
      case ast::ExprKind::kVariable: {
        const VarInfo* info = scope_.Find(e.name);
        if (!info) return Static::kUnknown;
        switch (info->type) {
          case VarType::kNode: return Static::kNode;
          case VarType::kRel: return Static::kRel;
          case VarType::kPath: return Static::kPath;
          default: return Static::kUnknown;
        }
      }
      default: return Static::kUnknown;
    }
  }

  // Arguments whose type is known and wrong are refused before running.
  void CheckArgumentTypes(const ast::Expr& e) {
    if (e.args.empty()) return;
    std::string name = Lower(e.name);
    Static t = StaticTypeOf(*e.args[0]);
    if (t == Static::kUnknown || t == Static::kNull) return;
    auto allowed = [&](std::initializer_list<Static> kinds) {
      for (Static k : kinds)
        if (k == t) return true;
      return false;
    };
    bool ok = true;
    if (name == "labels") ok = allowed({Static::kNode});
    else if (name == "type") ok = allowed({Static::kRel});
    else if (name == "properties" || name == "keys") ok = allowed({Static::kNode, Static::kRel, Static::kMap});
    else if (name == "length") ok = allowed({Static::kPath, Static::kString, Static::kList});
    else if (name == "size") ok = allowed({Static::kList, Static::kString, Static::kMap});
    else if (name == "nodes" || name == "relationships") ok = allowed({Static::kPath});
    else if (name == "startnode" || name == "endnode") ok = allowed({Static::kRel});
    if (!ok)
      Semantic("type mismatch: " + e.name + "() cannot take '" +
               std::string(text_.substr(e.args[0]->begin, e.args[0]->end - e.args[0]->begin)) + "'");
  }

  // Patterns used as values (outside WHERE) are refused: they are predicates.
  static bool HasPatternValue(const ast::Expr& e) {
    if (e.kind == ast::ExprKind::kPattern) return true;
    if (e.kind == ast::ExprKind::kPatternComprehension) return false;
    for (const auto& arg : e.args)
      if (arg && HasPatternValue(*arg)) return true;
    return false;
  }

  // A literal that can never be a Boolean, used with AND, OR, XOR or NOT, is
  // a type error found before the query runs.
  void CheckBooleanOperands(const ast::Expr& e) {
    bool boolean_op = (e.kind == ast::ExprKind::kBinary &&
                       (e.op == ast::Op::kAnd || e.op == ast::Op::kOr || e.op == ast::Op::kXor)) ||
                      (e.kind == ast::ExprKind::kUnary && e.op == ast::Op::kNot);
    if (e.kind == ast::ExprKind::kBinary && e.op == ast::Op::kIn) {
      Static t = StaticTypeOf(*e.args[1]);
      if (t != Static::kUnknown && t != Static::kNull && t != Static::kList)
        Semantic("type mismatch: IN expects a List, but '" +
                 std::string(text_.substr(e.args[1]->begin, e.args[1]->end - e.args[1]->begin)) +
                 "' is not one");
    }
    if (!boolean_op) return;
    for (const auto& arg : e.args) {
      bool not_boolean = arg->kind == ast::ExprKind::kList || arg->kind == ast::ExprKind::kMap ||
                         (arg->kind == ast::ExprKind::kLiteral && !arg->literal.is_null() &&
                          !arg->literal.is_bool());
      if (not_boolean)
        Semantic("type mismatch: a Boolean is expected, but '" +
                 std::string(text_.substr(arg->begin, arg->end - arg->begin)) + "' is not one");
    }
  }

  // A pattern inside an expression. A predicate may only use variables bound
  // outside it; a comprehension may also introduce its own (`locals`, which
  // stay visible until the caller removes them).
  void BindPatternPredicate(ast::PatternPart& part, std::vector<std::string>* locals = nullptr) {
    auto bind = [&](const std::string& var, int* slot, bool* preset, VarType type) {
      const VarInfo* info = IsHidden(var) ? nullptr : scope_.Find(var);
      if (info) {
        *slot = info->slot;
        // A variable this same pattern introduced is matched, not given.
        *preset = !locals || std::find(locals->begin(), locals->end(), var) == locals->end();
        return;
      }
      if (!IsHidden(var) && !locals) Semantic("variable '" + var + "' is not defined");
      *slot = scope_.AddHidden();
      *preset = false;
      if (!IsHidden(var)) {
        scope_.vars[var] = VarInfo{*slot, type};
        locals->push_back(var);
      }
    };
    for (auto& node : part.nodes) bind(node.var, &node.slot, &node.preset, VarType::kNode);
    for (auto& rel : part.rels) bind(rel.var, &rel.slot, &rel.preset, VarType::kRel);
    if (!part.path_var.empty()) {
      part.path_slot = scope_.AddHidden();
      scope_.vars[part.path_var] = VarInfo{part.path_slot, VarType::kPath};
      if (locals) locals->push_back(part.path_var);
    }
    for (auto& node : part.nodes)
      if (node.props) BindExpr(*node.props, false);
    for (auto& rel : part.rels)
      if (rel.props) BindExpr(*rel.props, false);
  }

  // Slots the expression reads, to place a filter after the step that binds them.
  static void CollectSlots(const ast::Expr& e, std::set<int>& out) {
    if (e.kind == ast::ExprKind::kVariable) out.insert(e.slot);
    if (e.kind == ast::ExprKind::kPattern) {
      for (const auto& n : e.pattern->nodes)
        if (!IsHidden(n.var)) out.insert(n.slot);
      for (const auto& r : e.pattern->rels)
        if (!IsHidden(r.var)) out.insert(r.slot);
    }
    for (const auto& arg : e.args)
      if (arg) CollectSlots(*arg, out);
  }

  static void SplitConjuncts(ast::Expr* e, std::vector<ast::Expr*>& out) {
    if (e->kind == ast::ExprKind::kBinary && e->op == ast::Op::kAnd) {
      SplitConjuncts(e->args[0].get(), out);
      SplitConjuncts(e->args[1].get(), out);
      return;
    }
    out.push_back(e);
  }

  // ---- patterns
  void DeclarePattern(std::vector<ast::PatternPart>& parts, bool creating,
                      std::vector<int>* new_slots, std::vector<int>* rel_slots) {
    std::set<std::string> rels_here;
    for (auto& part : parts) {
      for (auto& node : part.nodes) {
        if (creating == false && node.props && node.props->kind == ast::ExprKind::kParameter)
          Semantic("a parameter cannot stand for the properties of a node to match; write {key: $param}");
        if (const VarInfo* info = scope_.Find(node.var)) {
          if (info->type != VarType::kNode && info->type != VarType::kAny)
            Semantic("variable '" + node.var + "' is " + TypeWord(info->type) + ", not a node");
          if (creating && (!node.labels.empty() || node.props))
            Semantic("variable '" + node.var + "' is already bound and cannot be created again");
          if (creating && part.rels.empty())
            Semantic("variable '" + node.var + "' is already bound and cannot be created again");
          node.slot = info->slot;
        } else {
          node.slot = scope_.Add(node.var, VarType::kNode);
          new_slots->push_back(node.slot);
        }
      }
      for (auto& rel : part.rels) {
        if (creating) {
          if (rel.types.size() != 1)
            Semantic("a relationship to create needs exactly one type");
          if (rel.direction == ast::Direction::kBoth && !merging_)
            Semantic("a relationship to create needs a direction");
          if (rel.var_length) Semantic("a variable-length relationship cannot be created");
        }
        if (!rels_here.insert(rel.var).second)
          Semantic("relationship variable '" + rel.var + "' is used twice in one pattern");
        if (!creating && rel.props && rel.props->kind == ast::ExprKind::kParameter)
          Semantic("a parameter cannot stand for the properties of a relationship to match");
        VarType type = rel.var_length ? VarType::kAny : VarType::kRel;
        if (const VarInfo* info = scope_.Find(rel.var)) {
          if (creating) Semantic("variable '" + rel.var + "' is already bound");
          if (info->type == VarType::kNode || info->type == VarType::kPath ||
              info->type == VarType::kValue)
            Semantic("variable '" + rel.var + "' is " + TypeWord(info->type) +
                     ", not a relationship");
          if (rel.var_length && info->type == VarType::kRel)
            Semantic("variable-length relationship '" + rel.var + "' is bound to one relationship");
          rel.slot = info->slot;
        } else {
          rel.slot = scope_.Add(rel.var, type);
          new_slots->push_back(rel.slot);
          if (rel_slots) rel_slots->push_back(rel.slot);
        }
      }
      if (!part.path_var.empty()) {
        if (scope_.Find(part.path_var)) Semantic("variable '" + part.path_var + "' is already bound");
        part.path_slot = scope_.Add(part.path_var, VarType::kPath);
        new_slots->push_back(part.path_slot);
      }
    }
    for (auto& part : parts) {
      for (auto& node : part.nodes)
        if (node.props) BindExpr(*node.props, false);
      for (auto& rel : part.rels)
        if (rel.props) BindExpr(*rel.props, false);
    }
  }

  // How a node can be found first: 0 bound, 1 seek, 2 label scan, 3 scan.
  struct Start {
    int score = 3;
    MatchStep step;
  };

  static bool OnlyBound(const ast::Expr& e, const std::set<int>& bound) {
    std::set<int> slots;
    CollectSlots(e, slots);
    for (int s : slots)
      if (!bound.count(s)) return false;
    return true;
  }

  Start ChooseStart(const ast::NodePattern& node, const std::set<int>& bound,
                    const std::vector<ast::Expr*>& conjuncts) {
    Start start;
    start.step.node = &node;
    if (bound.count(node.slot)) {
      start.score = 0;
      start.step.kind = MatchStep::Kind::kBoundNode;
      return start;
    }
    // Equalities that a seek can serve: inline {key: value} and WHERE n.key = value.
    std::vector<std::pair<std::string, const ast::Expr*>> equalities;
    if (node.props && node.props->kind == ast::ExprKind::kMap)
      for (size_t i = 0; i < node.props->keys.size(); ++i)
        if (OnlyBound(*node.props->args[i], bound))
          equalities.emplace_back(node.props->keys[i], node.props->args[i].get());
    for (ast::Expr* c : conjuncts) {
      if (c->kind != ast::ExprKind::kBinary || c->op != ast::Op::kEq) continue;
      for (int side = 0; side < 2; ++side) {
        const ast::Expr& prop = *c->args[side];
        const ast::Expr& value = *c->args[1 - side];
        if (prop.kind == ast::ExprKind::kProperty &&
            prop.args[0]->kind == ast::ExprKind::kVariable && prop.args[0]->slot == node.slot &&
            OnlyBound(value, bound))
          equalities.emplace_back(prop.name, &value);
      }
    }
    for (const auto& [key, value] : equalities) {
      if (key == "name") {
        start.score = 1;
        start.step.kind = MatchStep::Kind::kNameSeek;
        start.step.key = key;
        start.step.value = value;
        if (!node.labels.empty()) start.step.label = node.labels[0];
        return start;
      }
    }
    if (!node.labels.empty() && !equalities.empty()) {
      start.score = 1;
      start.step.kind = MatchStep::Kind::kPropertySeek;
      start.step.label = node.labels[0];
      start.step.key = equalities[0].first;
      start.step.value = equalities[0].second;
      return start;
    }
    if (!node.labels.empty()) {
      start.score = 2;
      start.step.kind = MatchStep::Kind::kLabelScan;
      start.step.label = node.labels[0];
      return start;
    }
    start.step.kind = MatchStep::Kind::kAllNodesScan;
    return start;
  }

  std::vector<MatchStep> PlanPatternSteps(std::vector<ast::PatternPart>& parts, ast::Expr* where,
                                          std::set<int> bound) {
    std::vector<ast::Expr*> conjuncts;
    if (where) SplitConjuncts(where, conjuncts);
    std::vector<std::set<int>> needs;
    for (ast::Expr* c : conjuncts) {
      std::set<int> slots;
      CollectSlots(*c, slots);
      needs.push_back(std::move(slots));
    }
    std::vector<bool> placed(conjuncts.size(), false);
    std::vector<MatchStep> steps;
    auto place_filters = [&]() {
      for (size_t i = 0; i < conjuncts.size(); ++i) {
        if (placed[i]) continue;
        bool ready = true;
        for (int s : needs[i])
          if (!bound.count(s)) ready = false;
        if (!ready) continue;
        MatchStep f;
        f.kind = MatchStep::Kind::kFilter;
        f.value = conjuncts[i];
        steps.push_back(f);
        placed[i] = true;
      }
    };
    place_filters();
    // Parts that touch bound variables go first, so that they expand from them.
    std::vector<ast::PatternPart*> order;
    for (auto& part : parts) order.push_back(&part);
    std::stable_sort(order.begin(), order.end(), [&](ast::PatternPart* a, ast::PatternPart* b) {
      auto touches = [&](ast::PatternPart* p) {
        for (const auto& n : p->nodes)
          if (bound.count(n.slot)) return true;
        return false;
      };
      return touches(a) && !touches(b);
    });
    for (ast::PatternPart* part_ptr : order) {
      ast::PatternPart& part = *part_ptr;
      if (part.kind != ast::PathKind::kNormal) {
        if (part.rels.size() != 1)
          Semantic("shortestPath() needs a pattern with exactly one relationship");
        for (auto& node : {&part.nodes[0], &part.nodes[1]}) {
          Start s = ChooseStart(*node, bound, conjuncts);
          steps.push_back(s.step);
          bound.insert(node->slot);
          place_filters();
        }
        MatchStep sp;
        sp.kind = MatchStep::Kind::kShortestPath;
        sp.part = &part;
        steps.push_back(sp);
        bound.insert(part.rels[0].slot);
        if (part.path_slot >= 0) bound.insert(part.path_slot);
        place_filters();
        continue;
      }
      Start first = ChooseStart(part.nodes.front(), bound, conjuncts);
      Start last = ChooseStart(part.nodes.back(), bound, conjuncts);
      bool reversed = last.score < first.score;
      Start& start = reversed ? last : first;
      steps.push_back(start.step);
      bound.insert(start.step.node->slot);
      place_filters();
      size_t n = part.rels.size();
      for (size_t k = 0; k < n; ++k) {
        size_t r = reversed ? n - 1 - k : k;
        MatchStep step;
        step.rel = &part.rels[r];
        step.from = reversed ? &part.nodes[r + 1] : &part.nodes[r];
        step.node = reversed ? &part.nodes[r] : &part.nodes[r + 1];
        step.reversed = reversed;
        step.kind = step.rel->var_length ? MatchStep::Kind::kVarExpand : MatchStep::Kind::kExpand;
        step.node_bound = bound.count(step.node->slot) > 0;
        step.bind_rel = !IsHidden(step.rel->var) || part.path_slot >= 0;
        steps.push_back(step);
        bound.insert(step.node->slot);
        bound.insert(step.rel->slot);
        place_filters();
      }
      if (part.path_slot >= 0) {
        MatchStep path;
        path.kind = MatchStep::Kind::kNamedPath;
        path.part = &part;
        steps.push_back(path);
        bound.insert(part.path_slot);
        place_filters();
      }
    }
    for (size_t i = 0; i < conjuncts.size(); ++i) {
      if (placed[i]) continue;
      MatchStep f;
      f.kind = MatchStep::Kind::kFilter;
      f.value = conjuncts[i];
      steps.push_back(f);
    }
    return steps;
  }

  std::set<int> BoundSlots() const {
    std::set<int> bound;
    for (const auto& [name, info] : scope_.vars) bound.insert(info.slot);
    return bound;
  }

  // True when `e` reads no variable but `var` and nothing that needs the
  // other rows of a match (no patterns, comprehensions or nested scopes);
  // aggregate calls must be count(*).
  static bool ReadsOnly(const ast::Expr& e, const std::string& var) {
    using ast::ExprKind;
    switch (e.kind) {
      case ExprKind::kVariable: return e.name == var;
      case ExprKind::kLiteral:
      case ExprKind::kParameter: return true;
      case ExprKind::kFunction:
        if (IsAggregateName(e.name)) return e.star && !e.distinct && Lower(e.name) == "count";
        [[fallthrough]];
      case ExprKind::kProperty:
      case ExprKind::kBinary:
      case ExprKind::kUnary:
      case ExprKind::kIsNull:
      case ExprKind::kList:
      case ExprKind::kMap:
      case ExprKind::kHasLabels:
        for (const auto& arg : e.args)
          if (arg && !ReadsOnly(*arg, var)) return false;
        return true;
      default: return false;
    }
  }

  // MATCH (n:L)-[:T]-(:M) followed by a projection that groups by
  // expressions of n alone and only counts rows (count(*)): the counts are
  // n's degrees, so no row per relationship is needed. Returns the near
  // node's index in the part (0 or 1), or -1 when the rewrite does not apply.
  int DegreeCountNode(const ast::Clause& clause) const {
    if (clause.optional || clause.where || clause.pattern.size() != 1 || !scope_.vars.empty())
      return -1;
    const ast::PatternPart& part = clause.pattern[0];
    if (part.kind != ast::PathKind::kNormal || !part.path_var.empty() || part.rels.size() != 1)
      return -1;
    const ast::RelPattern& rel = part.rels[0];
    if (rel.var_length || rel.props || !IsHidden(rel.var)) return -1;
    if (part.nodes[0].props || part.nodes[1].props) return -1;
    bool first_named = !IsHidden(part.nodes[0].var), second_named = !IsHidden(part.nodes[1].var);
    if (first_named == second_named) return -1;
    int near = first_named ? 0 : 1;
    const std::string& var = part.nodes[near].var;
    if (!next_clause_ || (next_clause_->kind != ast::ClauseKind::kWith &&
                          next_clause_->kind != ast::ClauseKind::kReturn))
      return -1;
    const ast::Projection& projection = next_clause_->projection;
    if (projection.star) return -1;
    bool counts = false;
    for (const auto& item : projection.items) {
      if (!ReadsOnly(*item.expr, var)) return -1;
      counts = counts || ContainsAggregate(*item.expr);
    }
    return counts ? near : -1;
  }

  // One anonymous relationship of 1..2 hops (or 0..2), no path variable, and
  // a next clause that only aggregates DISTINCT values: the walks reaching
  // one end node are indistinguishable there, so one row per end node gives
  // the same answer. (A node at distance d <= 2 is reached by a trail of
  // length d, its shortest path; the start itself needs a closed trail.)
  bool OnlyEndsMatter(const ast::Clause& clause) const {
    if (clause.pattern.size() != 1) return false;
    const ast::PatternPart& part = clause.pattern[0];
    if (part.kind != ast::PathKind::kNormal || !part.path_var.empty() || part.rels.size() != 1)
      return false;
    const ast::RelPattern& rel = part.rels[0];
    if (!rel.var_length || rel.props || !IsHidden(rel.var) || rel.min_hops > 1 ||
        rel.max_hops < 1 || rel.max_hops > 2)
      return false;
    if (!next_clause_ || (next_clause_->kind != ast::ClauseKind::kWith &&
                          next_clause_->kind != ast::ClauseKind::kReturn))
      return false;
    const ast::Projection& projection = next_clause_->projection;
    if (projection.star) return false;
    bool aggregating = false;
    for (const auto& item : projection.items) {
      if (!OnlyDistinctAggregates(*item.expr)) return false;
      aggregating = aggregating || ContainsAggregate(*item.expr);
    }
    return aggregating || projection.distinct;
  }

  static bool OnlyDistinctAggregates(const ast::Expr& e) {
    if (e.kind == ast::ExprKind::kFunction && IsAggregateName(e.name) && !e.distinct) return false;
    for (const auto& arg : e.args)
      if (arg && !OnlyDistinctAggregates(*arg)) return false;
    return true;
  }

  void PlanMatch(ast::Clause& clause) {
    std::set<int> bound = BoundSlots();
    std::vector<int> new_slots, rel_slots;
    int degree_node = DegreeCountNode(clause);
    DeclarePattern(clause.pattern, false, &new_slots, &rel_slots);
    if (degree_node >= 0) {
      const ast::PatternPart& part = clause.pattern[0];
      degree_weight_slot_ = scope_.AddHidden();
      degree_count_ = std::make_unique<DegreeCount>(
          &part.nodes[degree_node], &part.rels[0], &part.nodes[1 - degree_node],
          degree_node == 1, degree_weight_slot_, scope_.width);
      return;
    }
    if (clause.where) {
      BindExpr(*clause.where, false);
      Static t = StaticTypeOf(*clause.where);
      if (t == Static::kNode || t == Static::kRel || t == Static::kPath || t == Static::kList ||
          t == Static::kMap || t == Static::kString || t == Static::kNumber)
        Semantic("WHERE expects a Boolean predicate");
    }
    auto steps = PlanPatternSteps(clause.pattern, clause.where.get(), bound);
    if (OnlyEndsMatter(clause))
      for (MatchStep& step : steps)
        if (step.kind == MatchStep::Kind::kVarExpand) step.distinct_ends = true;
    // The nodes this MATCH binds, for an aggregation that takes its rows.
    match_node_slots_.clear();
    for (const auto& part : clause.pattern)
      for (const auto& node : part.nodes)
        if (std::find(new_slots.begin(), new_slots.end(), node.slot) != new_slots.end())
          match_node_slots_.push_back(node.slot);
    pipe_->push_back(std::make_unique<MatchOp>(std::move(steps), new_slots, clause.optional,
                                               scope_.width, rel_slots));
  }

  void PlanCreate(ast::Clause& clause) {
    is_write_ = true;
    std::vector<int> new_slots;
    DeclarePattern(clause.pattern, true, &new_slots, nullptr);
    pipe_->push_back(std::make_unique<CreateOp>(&clause.pattern, scope_.width));
  }

  void PlanMerge(ast::Clause& clause) {
    is_write_ = true;
    merging_ = true;
    std::set<int> bound = BoundSlots();
    std::vector<int> new_slots;
    for (auto& node : clause.pattern[0].nodes)
      if (scope_.Find(node.var) && !IsHidden(node.var) && clause.pattern[0].rels.empty())
        Semantic("variable '" + node.var + "' is already bound and cannot be merged again");
    DeclarePattern(clause.pattern, true, &new_slots, nullptr);
    merging_ = false;
    for (auto& item : clause.on_create) BindSetItem(item);
    for (auto& item : clause.on_match) BindSetItem(item);
    auto steps = PlanPatternSteps(clause.pattern, nullptr, bound);
    pipe_->push_back(std::make_unique<MergeOp>(&clause, std::move(steps), scope_.width));
  }

  // ---- projection
  void ReplaceProjected(ast::ExprPtr& e, const std::map<std::string, int>& by_text,
                        const std::map<std::string, int>& by_alias) {
    auto it = by_text.find(Canonical(*e, text_));
    if (it != by_text.end() && e->kind != ast::ExprKind::kLiteral) {
      auto var = std::make_unique<ast::Expr>();
      var->kind = ast::ExprKind::kVariable;
      var->name = "  item" + std::to_string(it->second);
      var->slot = it->second;
      var->begin = e->begin;
      var->end = e->end;
      e = std::move(var);
      return;
    }
    if (e->kind == ast::ExprKind::kVariable && by_alias.count(e->name)) return;
    for (auto& arg : e->args)
      if (arg) ReplaceProjected(arg, by_text, by_alias);
  }

  void PlanProjection(ast::Projection& projection, bool is_return) {
    struct ResetWeight {  // a degree count feeds only the projection right after it
      int& slot;
      ~ResetWeight() { slot = -1; }
    } reset_weight{degree_weight_slot_};
    // RETURN * / WITH *: every named variable, sorted by name.
    std::vector<ast::ProjectionItem> items;
    if (projection.star) {
      std::vector<std::string> names = scope_.order;
      std::sort(names.begin(), names.end());
      names.erase(std::unique(names.begin(), names.end()), names.end());
      if (names.empty() && projection.items.empty() && is_return)
        Semantic(std::string(is_return ? "RETURN" : "WITH") + " * has no variables to return");
      for (const auto& name : names) {
        if (!scope_.Find(name)) continue;
        ast::ProjectionItem item;
        item.expr = std::make_unique<ast::Expr>();
        item.expr->kind = ast::ExprKind::kVariable;
        item.expr->name = name;
        item.alias = name;
        item.has_alias = true;
        items.push_back(std::move(item));
      }
    }
    for (auto& item : projection.items) items.push_back(std::move(item));
    projection.items = std::move(items);

    std::set<std::string> seen;
    for (auto& item : projection.items) {
      if (!is_return && !item.has_alias && item.expr->kind != ast::ExprKind::kVariable)
        Semantic("expression '" + item.alias + "' in WITH must be aliased (use AS)");
      if (!seen.insert(item.alias).second)
        Semantic("column name '" + item.alias + "' is used more than once");
    }

    for (auto& item : projection.items)
      if (HasPatternValue(*item.expr))
        Semantic("a pattern can only be a predicate in WHERE; '" + item.alias +
                 "' uses one as a value (use a pattern comprehension)");
    aggregates_.clear();
    bool aggregating = false;
    for (auto& item : projection.items) {
      BindExpr(*item.expr, true);
      if (ContainsAggregate(*item.expr)) aggregating = true;
    }
    std::vector<const ast::Expr*> aggregates(aggregates_.begin(), aggregates_.end());
    if (aggregating) {
      std::set<std::string> keys;
      for (auto& item : projection.items)
        if (!ContainsAggregate(*item.expr)) keys.insert(Canonical(*item.expr, text_));
      for (auto& item : projection.items)
        if (ContainsAggregate(*item.expr)) CheckGrouped(*item.expr, keys);
    }

    std::vector<const ast::Expr*> exprs;
    std::vector<std::string> names;
    for (auto& item : projection.items) {
      exprs.push_back(item.expr.get());
      names.push_back(item.alias);
    }
    size_t n = exprs.size();
    // ORDER BY and WITH's WHERE may still read the variables before the
    // projection, unless it aggregates.
    bool keep_input = !aggregating && (!projection.order.empty() || projection.where);
    Scope old = scope_;

    AggregateOp* aggregate = nullptr;
    if (aggregating) {
      std::vector<bool> is_key;
      for (const ast::Expr* e : exprs) is_key.push_back(!ContainsAggregate(*e));
      auto op = std::make_unique<AggregateOp>(exprs, is_key, aggregates, names, degree_weight_slot_);
      if (degree_count_) op->CountFrom(std::move(degree_count_));
      else if (auto* match = pipe_->empty() ? nullptr : dynamic_cast<MatchOp*>(pipe_->back().get());
               match && op->CountsNodeProperties(match_node_slots_)) {
        op->StreamFrom(std::unique_ptr<MatchOp>(match));
        pipe_->back().release();
        pipe_->pop_back();
      }
      aggregate = op.get();
      pipe_->push_back(std::move(op));
    } else {
      pipe_->push_back(std::make_unique<ProjectOp>(exprs, names, keep_input));
    }
    if (projection.distinct) pipe_->push_back(std::make_unique<DistinctOp>(n));

    // The scope after the projection: the items; for ORDER BY without
    // aggregation or DISTINCT, also the variables before it.
    Scope next;
    for (size_t i = 0; i < n; ++i) {
      VarType type = VarType::kAny;
      const ast::Expr& item = *projection.items[i].expr;
      if (item.kind == ast::ExprKind::kVariable) {
        if (const VarInfo* info = old.Find(item.name)) type = info->type;
      } else if ((item.kind == ast::ExprKind::kLiteral && !item.literal.is_null()) ||
                 item.kind == ast::ExprKind::kMap ||
                 (item.kind == ast::ExprKind::kList &&
                  std::all_of(item.args.begin(), item.args.end(), [](const ast::ExprPtr& a) {
                    return a->kind == ast::ExprKind::kLiteral;
                  }))) {
        type = VarType::kValue;
      }
      next.vars[names[i]] = VarInfo{static_cast<int>(i), type};
      next.order.push_back(names[i]);
    }
    next.width = static_cast<int>(n);

    Scope sort_scope;
    if (keep_input && !projection.distinct) {
      for (const auto& [name, info] : old.vars)
        sort_scope.vars[name] = VarInfo{info.slot + static_cast<int>(n), info.type};
      sort_scope.width = old.width + static_cast<int>(n);
    } else {
      sort_scope.width = static_cast<int>(n);
    }
    for (const auto& [name, info] : next.vars) sort_scope.vars[name] = info;
    if (!projection.order.empty()) {
      std::map<std::string, int> by_text, by_alias;
      for (size_t i = 0; i < n; ++i) {
        by_text[Canonical(*exprs[i], text_)] = static_cast<int>(i);
        by_alias[names[i]] = static_cast<int>(i);
      }
      std::vector<const ast::Expr*> keys;
      std::vector<bool> ascending;
      scope_ = sort_scope;
      for (auto& item : projection.order) {
        if (aggregating || projection.distinct) ReplaceProjected(item.expr, by_text, by_alias);
        if (item.expr->kind != ast::ExprKind::kVariable || item.expr->slot < 0) {
          std::vector<const ast::Expr*> saved = aggregates_;
          BindExpr(*item.expr, false);
          aggregates_ = saved;
        }
        keys.push_back(item.expr.get());
        ascending.push_back(item.ascending);
      }
      CheckCount(projection.skip.get(), "SKIP");
      CheckCount(projection.limit.get(), "LIMIT");
      if (aggregate && !projection.distinct && projection.limit)
        KeepTopGroups(*aggregate, keys, ascending, projection, static_cast<int>(n));
      pipe_->push_back(std::make_unique<SortOp>(keys, ascending, projection.skip.get(),
                                                projection.limit.get()));
    } else {
      CheckCount(projection.skip.get(), "SKIP");
      CheckCount(projection.limit.get(), "LIMIT");
    }
    if (projection.skip) pipe_->push_back(std::make_unique<SkipLimitOp>(projection.skip.get(), false));
    if (projection.limit) pipe_->push_back(std::make_unique<SkipLimitOp>(projection.limit.get(), true));
    if (projection.where) {
      scope_ = sort_scope;
      if (keep_input && projection.distinct) {
        for (const auto& [name, info] : old.vars)
          if (!scope_.vars.count(name))
            scope_.vars[name] = VarInfo{info.slot + static_cast<int>(n), info.type};
        scope_.width = old.width + static_cast<int>(n);
      }
      BindExpr(*projection.where, false);
      pipe_->push_back(std::make_unique<FilterOp>(projection.where.get()));
    }
    if (keep_input) pipe_->push_back(std::make_unique<TrimOp>(n));
    scope_ = next;
    if (is_return) columns_ = names;
  }

  // ORDER BY ... LIMIT right after an aggregation, when every sort key is an
  // output column: the aggregation keeps only the groups that survive it.
  static void KeepTopGroups(AggregateOp& aggregate, const std::vector<const ast::Expr*>& keys,
                            const std::vector<bool>& ascending,
                            const ast::Projection& projection, int columns) {
    GroupOrder order{{}, ascending, projection.skip.get(), projection.limit.get()};
    for (const ast::Expr* key : keys) {
      if (key->kind != ast::ExprKind::kVariable || key->slot < 0 || key->slot >= columns) return;
      order.columns.push_back(key->slot);
    }
    aggregate.KeepTopGroups(std::move(order));
  }

  // Outside its aggregate calls, an aggregating item may only use grouping
  // keys that are variables or properties of variables.
  void CheckGrouped(const ast::Expr& e, const std::set<std::string>& keys) {
    if (e.kind == ast::ExprKind::kFunction && e.agg_index >= 0) return;
    bool simple = e.kind == ast::ExprKind::kVariable ||
                  (e.kind == ast::ExprKind::kProperty &&
                   e.args[0]->kind == ast::ExprKind::kVariable);
    if (simple && keys.count(Canonical(e, text_))) return;
    if (e.kind == ast::ExprKind::kVariable && !IsHidden(e.name))
      Semantic("variable '" + e.name + "' is used next to an aggregate but is not a grouping key");
    for (const auto& arg : e.args)
      if (arg) CheckGrouped(*arg, keys);
  }

  // SKIP and LIMIT take a constant: a literal or a parameter.
  void CheckCount(ast::Expr* e, const char* what) {
    if (!e) return;
    std::set<int> slots;
    Scope saved = scope_;
    scope_ = Scope{};
    try {
      BindExpr(*e, false);
    } catch (const QueryError&) {
      scope_ = saved;
      Semantic(std::string(what) + " expects a constant: a literal or a parameter");
    }
    scope_ = saved;
    if (e->kind == ast::ExprKind::kLiteral) {
      if (!e->literal.is_int())
        Semantic(std::string(what) + " expects an Integer, got " + e->literal.TypeName());
      if (e->literal.as_int() < 0)
        Semantic(std::string(what) + " expects a non-negative Integer");
    }
  }

  std::string_view text_;
  Scope scope_;
  Pipeline* pipe_ = nullptr;
  std::vector<std::string> columns_;
  std::vector<const ast::Expr*> aggregates_;
  bool is_write_ = false;
  bool standalone_ = false;
  bool merging_ = false;
  std::vector<int> call_slots_;
  const ast::Clause* next_clause_ = nullptr;  // the clause after the one being planned
  // The node slots the last MATCH planned binds.
  std::vector<int> match_node_slots_;
  // A degree count waiting for the aggregation after it, and its rows' count slot.
  std::unique_ptr<DegreeCount> degree_count_;
  int degree_weight_slot_ = -1;
};

}  // namespace

Result<Plan> PlanQuery(ast::Query query, std::string_view text) {
  try {
    return Planner(text).Run(std::move(query));
  } catch (const QueryError& e) {
    return e.status;
  }
}

}  // namespace steppe::query
