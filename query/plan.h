#pragma once

#include <chrono>
#include <memory>
#include <string>
#include <vector>

#include "query/ast.h"
#include "query/exec_context.h"

namespace steppe::query {

// One step of a plan. Operators run in sequence over a batch of rows: each
// turns the rows it receives into the rows the next one gets (a pipeline
// materialised per operator, which keeps PROFILE's counts exact).
class Operator {
 public:
  virtual ~Operator() = default;
  // "NodeIndexSeek(n:Person {name})", "Expand(a)-[:KNOWS]->(b)", ...
  virtual std::string Describe() const = 0;
  virtual void Run(ExecContext& ctx, std::vector<Row>& rows) = 0;

  // PROFILE figures, filled in by RunPipeline (millis only when profiling).
  uint64_t rows_out = 0;
  double millis = 0;
};

using Pipeline = std::vector<std::unique_ptr<Operator>>;

// A planned query: one pipeline per UNION branch.
struct Plan {
  std::vector<Pipeline> branches;
  std::vector<bool> union_all;  // between branch i and i + 1
  std::vector<std::string> columns;
  bool is_write = false;
  ast::Query query;  // owns the expressions the operators point into
};

// Runs `pipeline` on one empty starting row.
std::vector<Row> RunPipeline(Pipeline& pipeline, ExecContext& ctx);

// The plan as indented text; with `profile`, rows and time per operator.
std::string DescribePlan(const Plan& plan, bool profile);

}  // namespace steppe::query
