// CALL ... YIELD: dispatches to the procedure registry (procedures.h) and
// turns its plain rows (values, node ids, paths of ids) into runtime values.
#include <algorithm>

#include "query/eval.h"
#include "query/ops.h"
#include "query/procedures.h"

namespace steppe::query {
namespace {

steppe::Value ToArgument(const Value& v) {
  if (v.is_node()) return steppe::Value(static_cast<int64_t>(v.node_id()));
  if (v.is_relationship()) return steppe::Value(static_cast<int64_t>(v.as_relationship().id));
  if (!v.IsStorable())
    ThrowTypeError(std::string("a procedure argument cannot be a ") + v.TypeName());
  return v.ToCore();
}

Value FromCell(const ProcedureCell& cell, ExecContext& ctx) {
  if (const auto* value = std::get_if<steppe::Value>(&cell)) return Value::FromCore(*value);
  if (const auto* node = std::get_if<NodeRef>(&cell)) return NodeRefValue(node->id);
  const PathRef& ref = std::get<PathRef>(cell);
  PathValue path;
  for (NodeId id : ref.nodes) {
    NodeValue node;
    node.id = id;
    path.nodes.push_back(std::move(node));
  }
  for (EdgeId id : ref.edges) {
    const Edge* edge = ctx.txn().GetEdge(id);
    if (!edge) throw QueryError{Status::Internal("procedure path names missing edge " + std::to_string(id))};
    path.rels.push_back(RelRefValue(edge->id, edge->type, edge->src, edge->dst).as_relationship());
  }
  return Value(std::move(path));
}

}  // namespace

void CallOp::Run(ExecContext& ctx, std::vector<Row>& rows) {
  ProcedureContext context;
  context.reader = &ctx.txn().base();
  context.cache = ctx.cache();
  context.limits.deadline = ctx.deadline();
  context.limits.max_bytes = ctx.memory_cap();
  std::vector<Row> out;
  for (Row& row : rows) {
    std::vector<steppe::Value> args;
    for (const ast::Expr* arg : args_) args.push_back(ToArgument(Eval(*arg, row, ctx)));
    Result<ProcedureOutput> output = ProcedureRegistry::BuiltIn().Call(name_, args, context);
    if (!output.ok()) {
      Status s = output.status();
      if (s.IsInvalidArgument()) s = Status::RuntimeError(s.message());
      throw QueryError{s};
    }
    size_t width = row.size();
    for (int slot : slots_) width = std::max(width, static_cast<size_t>(slot) + 1);
    ctx.Charge(output->rows.size() * width * sizeof(Value));
    out.reserve(out.size() + output->rows.size());
    for (const ProcedureRow& cells : output->rows) {
      Row next;
      next.reserve(width);
      next.assign(row.begin(), row.end());
      next.resize(width);
      for (size_t i = 0; i < fields_.size(); ++i) next[slots_[i]] = FromCell(cells[fields_[i]], ctx);
      out.push_back(std::move(next));
    }
  }
  rows = std::move(out);
}

}  // namespace steppe::query
