#include "query/plan.h"

#include <cstdio>

namespace steppe::query {

std::vector<Row> RunPipeline(Pipeline& pipeline, ExecContext& ctx) {
  std::vector<Row> rows(1);
  for (auto& op : pipeline) {
    if (ctx.profiling()) {
      auto start = std::chrono::steady_clock::now();
      op->Run(ctx, rows);
      op->millis =
          std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - start)
              .count();
    } else {
      op->Run(ctx, rows);
    }
    op->rows_out = rows.size();
    ctx.CheckDeadline();
  }
  return rows;
}

std::string DescribePlan(const Plan& plan, bool profile) {
  std::string out;
  for (size_t b = 0; b < plan.branches.size(); ++b) {
    if (b > 0) out += plan.union_all[b - 1] ? "UnionAll\n" : "Union\n";
    int depth = 0;
    for (const auto& op : plan.branches[b]) {
      std::string indent(2 * static_cast<size_t>(depth), ' ');
      std::string text = op->Describe();
      // Continuation lines of a description (match steps) keep the indent.
      std::string line;
      for (char c : text) {
        line += c;
        if (c == '\n') line += indent;
      }
      out += indent + line;
      if (profile) {
        char figures[64];
        std::snprintf(figures, sizeof figures, "  [rows=%llu, %.3f ms]",
                      static_cast<unsigned long long>(op->rows_out), op->millis);
        out += figures;
      }
      out += "\n";
      ++depth;
    }
  }
  return out;
}

}  // namespace steppe::query
