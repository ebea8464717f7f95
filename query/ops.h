#pragma once

#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "query/ast.h"
#include "query/group_table.h"
#include "query/match.h"
#include "query/plan.h"

// The operators other than MATCH: projection and its companions (project.cc),
// and the writes (write_ops.cc).
namespace steppe::query {

// Keeps rows whose predicate is true.
class FilterOp : public Operator {
 public:
  explicit FilterOp(const ast::Expr* predicate) : predicate_(predicate) {}
  std::string Describe() const override { return "Filter"; }
  void Run(ExecContext& ctx, std::vector<Row>& rows) override;

 private:
  const ast::Expr* predicate_;
};

// UNWIND list AS x: one row per element, in slot `slot`.
class UnwindOp : public Operator {
 public:
  UnwindOp(const ast::Expr* list, int slot, std::string alias)
      : list_(list), slot_(slot), alias_(std::move(alias)) {}
  std::string Describe() const override { return "Unwind " + alias_; }
  void Run(ExecContext& ctx, std::vector<Row>& rows) override;

 private:
  const ast::Expr* list_;
  int slot_;
  std::string alias_;
};

// Evaluates projection items into a new row: the items, then (when
// `keep_input`) the input row, so that ORDER BY can still see it.
class ProjectOp : public Operator {
 public:
  ProjectOp(std::vector<const ast::Expr*> items, std::vector<std::string> names, bool keep_input)
      : items_(std::move(items)), names_(std::move(names)), keep_input_(keep_input) {}
  std::string Describe() const override;
  void Run(ExecContext& ctx, std::vector<Row>& rows) override;

 private:
  std::vector<const ast::Expr*> items_;
  std::vector<std::string> names_;
  bool keep_input_;
};

// An ORDER BY on output columns with a LIMIT, right after an aggregation:
// the aggregation then outputs only the groups that survive it.
struct GroupOrder {
  std::vector<int> columns;  // the output item each sort key reads
  std::vector<bool> ascending;
  const ast::Expr* skip = nullptr;
  const ast::Expr* limit = nullptr;
};

// Groups rows by the items without aggregates (in a hash table, keys equal
// under Value's operator==) and computes the aggregate calls per group;
// outputs one row of items per group. After a degree count (CountFrom),
// every aggregate is count(*) and each node's count stands for that many
// rows.
class AggregateOp : public Operator {
 public:
  // `weight_slot`: after a degree count, the slot of each row's count.
  AggregateOp(std::vector<const ast::Expr*> items, std::vector<bool> is_key,
              std::vector<const ast::Expr*> aggregates, std::vector<std::string> names,
              int weight_slot = -1)
      : items_(std::move(items)),
        is_key_(std::move(is_key)),
        aggregates_(std::move(aggregates)),
        names_(std::move(names)),
        weight_slot_(weight_slot) {}
  std::string Describe() const override;
  void Run(ExecContext& ctx, std::vector<Row>& rows) override;
  // Outputs only the groups `order` keeps (the sort after it still runs).
  void KeepTopGroups(GroupOrder order) { top_ = std::move(order); }
  // Takes its input from `degrees` (see DegreeCount) rather than rows:
  // grouped node by node when every key is a property of the counted node,
  // else through the rows the count stands for.
  void CountFrom(std::unique_ptr<DegreeCount> degrees) { degrees_ = std::move(degrees); }
  // Whether every aggregate is count(*) and every key a property of a node
  // in `node_slots`: then the matches can be counted as they are found.
  bool CountsNodeProperties(const std::vector<int>& node_slots) const;
  // Takes its input from `match` run row by row, keeping no row per match.
  // REQUIRES: CountsNodeProperties() of the nodes `match` binds.
  void StreamFrom(std::unique_ptr<MatchOp> match) { match_ = std::move(match); }

  // A grouping key that reads one property of a node variable (`o.name`).
  struct NodePropertyKey {
    int slot;
    const std::string* key;
  };

 private:
  // count(*) grouped by property reads of nodes (a degree count's node, or
  // Q5's `a.name`), one entry at a time: keys hashed and compared on the
  // stored values in place, entries with equal keys merged.
  class CountGroups {
   public:
    CountGroups(const std::vector<NodePropertyKey>& keys, size_t expected_groups);
    // Adds `weight` to the group of the entry whose node in a key's slot is
    // `node(slot)` (nullopt: a null); true when the entry starts a group.
    bool Add(ExecContext& ctx, const std::function<std::optional<NodeId>(int)>& node,
             int64_t weight);
    size_t size() const { return counts_.size(); }
    size_t width() const { return keys_.size(); }
    int64_t count(size_t group) const { return counts_[group]; }
    // The group's k-th key, as a query value.
    Value key(size_t group, size_t k) const;

   private:
    const std::vector<NodePropertyKey>& keys_;
    std::vector<const steppe::Value*> key_;         // the entry being added
    std::vector<const steppe::Value*> group_keys_;  // group g's at g * width
    std::vector<int64_t> counts_;
    GroupTable table_;
  };
  // The output rows of `groups` (only those top_ keeps), their other items
  // evaluated on `first_row(group)`.
  std::vector<Row> CountGroupRows(ExecContext& ctx, const CountGroups& groups,
                                  const std::function<const Row&(size_t group)>& first_row) const;
  // Run() with a degree count or a MATCH as the input stage, and on rows.
  void RunOnDegrees(ExecContext& ctx, std::vector<Row>& rows);
  void RunOnMatches(ExecContext& ctx, std::vector<Row>& rows);
  void RunOnRows(ExecContext& ctx, std::vector<Row>& rows);
  // Every aggregate is count(*).
  bool CountsRows() const;
  // The keys, when every aggregate is count(*) and every key is a property
  // of a node in `node_slots`; nullopt otherwise.
  std::optional<std::vector<NodePropertyKey>> CountKeysOn(const std::vector<int>& node_slots) const;
  // An output item other than a key still reads a group's row.
  bool ItemsReadRow() const;
  // A group's output row: its keys in order (`keys[k]` for the k-th key
  // item), every other item evaluated on `source` with the aggregates'
  // results `finished`.
  Row ProjectGroup(ExecContext& ctx, std::vector<Value> keys, const Row& source,
                   const std::vector<Value>& finished) const;
  // For each output item, its index among the grouping keys, or -1.
  std::vector<int> KeyOfItem() const;
  // The groups to output, in output order: all of them in group order, or,
  // with top_, only those its ORDER BY ... LIMIT keeps. `column(g, i)` is
  // group g's value of output item i, asked only for sorted items.
  std::vector<size_t> GroupsKept(ExecContext& ctx, size_t groups,
                                 const std::function<Value(size_t, int)>& column) const;

  std::vector<const ast::Expr*> items_;
  std::vector<bool> is_key_;
  std::vector<const ast::Expr*> aggregates_;
  std::vector<std::string> names_;
  int weight_slot_;
  std::optional<GroupOrder> top_;
  std::unique_ptr<DegreeCount> degrees_;
  std::unique_ptr<MatchOp> match_;
};

// Drops rows whose first `width` values repeat an earlier row.
class DistinctOp : public Operator {
 public:
  explicit DistinctOp(size_t width) : width_(width) {}
  std::string Describe() const override { return "Distinct"; }
  void Run(ExecContext& ctx, std::vector<Row>& rows) override;

 private:
  size_t width_;
};

// ORDER BY; with a limit (SKIP + LIMIT) known, a top-k partial sort.
class SortOp : public Operator {
 public:
  SortOp(std::vector<const ast::Expr*> keys, std::vector<bool> ascending,
         const ast::Expr* skip, const ast::Expr* limit)
      : keys_(std::move(keys)), ascending_(std::move(ascending)), skip_(skip), limit_(limit) {}
  std::string Describe() const override;
  void Run(ExecContext& ctx, std::vector<Row>& rows) override;

 private:
  std::vector<const ast::Expr*> keys_;
  std::vector<bool> ascending_;
  const ast::Expr* skip_;
  const ast::Expr* limit_;
};

// SKIP n / LIMIT n.
class SkipLimitOp : public Operator {
 public:
  SkipLimitOp(const ast::Expr* count, bool is_limit) : count_(count), is_limit_(is_limit) {}
  std::string Describe() const override { return is_limit_ ? "Limit" : "Skip"; }
  void Run(ExecContext& ctx, std::vector<Row>& rows) override;

 private:
  const ast::Expr* count_;
  bool is_limit_;
};

// Cuts rows to their first `width` values.
class TrimOp : public Operator {
 public:
  explicit TrimOp(size_t width) : width_(width) {}
  std::string Describe() const override { return "Projection"; }
  void Run(ExecContext& ctx, std::vector<Row>& rows) override;

 private:
  size_t width_;
};

// Keeps the values of `slots`, in that order (a query ending in CALL).
class SelectSlotsOp : public Operator {
 public:
  explicit SelectSlotsOp(std::vector<int> slots) : slots_(std::move(slots)) {}
  std::string Describe() const override { return "ProduceResults"; }
  void Run(ExecContext& ctx, std::vector<Row>& rows) override;

 private:
  std::vector<int> slots_;
};

// Reads a SKIP/LIMIT count: a non-negative integer.
int64_t EvalCount(const ast::Expr& expr, ExecContext& ctx, const char* what);
// How many of `count` sorted rows a SKIP and LIMIT leave for the rows
// after them (SKIP + LIMIT; all when there is no limit).
size_t RowsKept(ExecContext& ctx, const ast::Expr* skip, const ast::Expr* limit, size_t count);

// CREATE pattern.
class CreateOp : public Operator {
 public:
  CreateOp(const std::vector<ast::PatternPart>* parts, int width) : parts_(parts), width_(width) {}
  std::string Describe() const override { return "Create"; }
  void Run(ExecContext& ctx, std::vector<Row>& rows) override;

 private:
  const std::vector<ast::PatternPart>* parts_;
  int width_;
};

// SET items (also used by MERGE's ON CREATE / ON MATCH).
void ApplySetItems(const std::vector<ast::SetItem>& items, Row& row, ExecContext& ctx);

class SetOp : public Operator {
 public:
  explicit SetOp(const std::vector<ast::SetItem>* items) : items_(items) {}
  std::string Describe() const override { return "SetProperties"; }
  void Run(ExecContext& ctx, std::vector<Row>& rows) override;

 private:
  const std::vector<ast::SetItem>* items_;
};

class RemoveOp : public Operator {
 public:
  explicit RemoveOp(const std::vector<ast::RemoveItem>* items) : items_(items) {}
  std::string Describe() const override { return "Remove"; }
  void Run(ExecContext& ctx, std::vector<Row>& rows) override;

 private:
  const std::vector<ast::RemoveItem>* items_;
};

class DeleteOp : public Operator {
 public:
  DeleteOp(const std::vector<ast::ExprPtr>* exprs, bool detach) : exprs_(exprs), detach_(detach) {}
  std::string Describe() const override { return detach_ ? "DetachDelete" : "Delete"; }
  void Run(ExecContext& ctx, std::vector<Row>& rows) override;

 private:
  const std::vector<ast::ExprPtr>* exprs_;
  bool detach_;
};

// MERGE part: match it, or create it whole; then ON MATCH / ON CREATE.
class MergeOp : public Operator {
 public:
  MergeOp(const ast::Clause* clause, std::vector<MatchStep> steps, int width)
      : clause_(clause), steps_(std::move(steps)), width_(width) {}
  std::string Describe() const override { return "Merge"; }
  void Run(ExecContext& ctx, std::vector<Row>& rows) override;

 private:
  const ast::Clause* clause_;
  std::vector<MatchStep> steps_;
  int width_;
};

// CALL name(args) YIELD ...: one output row per procedure row, per input row.
class CallOp : public Operator {
 public:
  CallOp(std::string name, std::vector<const ast::Expr*> args, std::vector<size_t> fields,
         std::vector<int> slots)
      : name_(std::move(name)), args_(std::move(args)), fields_(std::move(fields)),
        slots_(std::move(slots)) {}
  std::string Describe() const override { return "ProcedureCall " + name_; }
  void Run(ExecContext& ctx, std::vector<Row>& rows) override;

 private:
  std::string name_;
  std::vector<const ast::Expr*> args_;
  std::vector<size_t> fields_;  // the procedure's output columns to keep
  std::vector<int> slots_;      // where each goes
};

// Creates the nodes and relationships of `part` that the row does not bind yet.
void CreatePart(const ast::PatternPart& part, Row& row, ExecContext& ctx);

}  // namespace steppe::query
