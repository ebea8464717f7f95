#pragma once

#include <memory>
#include <string>
#include <vector>

#include "query/ast.h"
#include "query/plan.h"

namespace steppe::query {

// One step of matching a pattern, in the order the planner chose.
struct MatchStep {
  enum class Kind {
    kBoundNode,     // the node is already in the row: check it
    kAllNodesScan,
    kLabelScan,
    kNameSeek,      // FindByName, then the equality is re-checked
    kPropertySeek,  // FindByProperty (falls back to a label scan when not indexed)
    kExpand,        // one hop from `from` to `node` along `rel`
    kVarExpand,     // *min..max hops
    kShortestPath,  // BFS between two bound nodes
    kFilter,        // a WHERE conjunct whose variables are all bound by now
    kNamedPath,     // p = ...
  };
  Kind kind = Kind::kFilter;
  const ast::NodePattern* node = nullptr;
  const ast::NodePattern* from = nullptr;
  const ast::RelPattern* rel = nullptr;
  const ast::PatternPart* part = nullptr;
  bool reversed = false;     // walking against the written direction
  bool node_bound = false;   // kExpand/kVarExpand: the far node is already bound
  // kVarExpand of at most 2 hops whose walks only matter through their end
  // nodes (the rows feed DISTINCT aggregates): each end node once, found
  // breadth-first with a visited set instead of enumerating every walk.
  bool distinct_ends = false;
  // kExpand: put the relationship into its slot; false for an anonymous one
  // outside a named path, which nothing reads.
  bool bind_rel = true;
  std::string label;         // kLabelScan, kPropertySeek
  std::string key;           // kPropertySeek, kNameSeek
  const ast::Expr* value = nullptr;  // seek value, or the filter
};

// MATCH / OPTIONAL MATCH: for each input row, every way the pattern matches
// (relationships distinct within the clause). An optional match with no
// match keeps the row, its new variables null.
class MatchOp : public Operator {
 public:
  MatchOp(std::vector<MatchStep> steps, std::vector<int> new_slots, bool optional, int width,
          std::vector<int> rel_slots)
      : steps_(std::move(steps)),
        new_slots_(std::move(new_slots)),
        optional_(optional),
        width_(width),
        rel_slots_(std::move(rel_slots)) {}
  std::string Describe() const override;
  void Run(ExecContext& ctx, std::vector<Row>& rows) override;
  // Calls `visit` with each row Run would output for `input` (widened in
  // place), without keeping them.
  void ForEachMatch(ExecContext& ctx, Row& input,
                    const std::function<void(const Row&)>& visit) const;

 private:
  std::vector<MatchStep> steps_;
  std::vector<int> new_slots_;
  bool optional_;
  int width_;
  std::vector<int> rel_slots_;
};

// MATCH (n:L)-[:T]-(:M) feeding count(*) grouped by n alone: instead of one
// row per relationship, n's degree (the number of matching relationships
// whose far end carries every label of `far`) -- Neo4j's getDegree rewrite.
// The input stage of the aggregation after it (AggregateOp::CountFrom), not
// an operator of its own. Reads the cached topology projection (building it:
// the count reads the whole graph anyway) and falls back to the store inside
// a write query. A self-loop counts once for an undirected pattern, as an
// undirected Expand reports it once.
class DegreeCount {
 public:
  DegreeCount(const ast::NodePattern* near, const ast::RelPattern* rel,
              const ast::NodePattern* far, bool reversed, int weight_slot, int width)
      : near_(near), rel_(rel), far_(far), reversed_(reversed), weight_slot_(weight_slot),
        width_(width) {}
  std::string Describe() const;
  // The slot of n in the rows.
  int near_slot() const { return near_->slot; }
  // Every node n with a nonzero count, with its count.
  std::vector<std::pair<NodeId, int64_t>> Degrees(ExecContext& ctx) const;
  // The rows the pattern stands for, one per input row and node: n in its
  // slot, its count in `weight_slot`.
  void AddRows(ExecContext& ctx, const std::vector<std::pair<NodeId, int64_t>>& degrees,
               std::vector<Row>& rows) const;

 private:
  // Degrees() from the projection.
  std::vector<std::pair<NodeId, int64_t>> CountOnTopology(ExecContext& ctx,
                                                          const Projection& topology) const;
  // The same through the transaction (sees the query's own writes).
  std::vector<std::pair<NodeId, int64_t>> CountOnStore(ExecContext& ctx) const;

  const ast::NodePattern* near_;
  const ast::RelPattern* rel_;
  const ast::NodePattern* far_;
  bool reversed_;  // near_ is the pattern's right-hand node
  int weight_slot_;
  int width_;
};

// Runs `steps` over `row` (already widened), calling `emit` per match;
// `emit` returns false to stop.
void RunMatchSteps(const std::vector<MatchStep>& steps, Row& row, ExecContext& ctx,
                   const std::function<bool(const Row&)>& emit);

// Hop limits for unbounded variable-length and shortest-path search.
inline constexpr int64_t kMaxUnboundedHops = 64;

}  // namespace steppe::query
