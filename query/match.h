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

 private:
  std::vector<MatchStep> steps_;
  std::vector<int> new_slots_;
  bool optional_;
  int width_;
  std::vector<int> rel_slots_;
};

// Runs `steps` over `row` (already widened), calling `emit` per match;
// `emit` returns false to stop.
void RunMatchSteps(const std::vector<MatchStep>& steps, Row& row, ExecContext& ctx,
                   const std::function<bool(const Row&)>& emit);

// Hop limits for unbounded variable-length and shortest-path search.
inline constexpr int64_t kMaxUnboundedHops = 64;

}  // namespace steppe::query
