// The write operators: Create, Set, Remove, Delete, Merge. They change the
// query's Txn only; Engine::Run commits it as one Mutation at the end.
#include <algorithm>

#include "query/eval.h"
#include "query/ops.h"

namespace steppe::query {
namespace {

void RequireWritable(ExecContext& ctx) {
  if (!ctx.txn().writable())
    throw QueryError{Status::InvalidArgument("this query may not write: it runs read-only")};
}

// A property value as stored; maps, graph values and mixed lists are refused.
steppe::Value ToProperty(const std::string& key, const Value& value) {
  bool ok = value.IsStorable() && !value.is_map();
  if (ok && value.is_list()) {
    for (const auto& item : value.as_list())
      if (item.is_list() || item.is_map()) ok = false;
  }
  if (!ok)
    ThrowTypeError("property '" + key + "' cannot hold a " + std::string(value.TypeName()) +
                   " value");
  return value.ToCore();
}

Properties EvalProps(const ast::Expr* props, const Row& row, ExecContext& ctx, bool refuse_null) {
  Properties out;
  if (!props) return out;
  Value map = Eval(*props, row, ctx);
  if (map.is_null()) return out;
  if (!map.is_map()) ThrowTypeError("properties must be a Map, got " + std::string(map.TypeName()));
  for (const auto& [key, value] : map.as_map()) {
    if (value.is_null()) {
      if (refuse_null)
        ThrowSemanticError("cannot MERGE with a null value for property '" + key + "'");
      continue;
    }
    out[key] = ToProperty(key, value);
  }
  return out;
}

}  // namespace

void CreatePart(const ast::PatternPart& part, Row& row, ExecContext& ctx, bool merging) {
  RequireWritable(ctx);
  for (const auto& node : part.nodes) {
    if (!row[node.slot].is_null()) {
      if (!row[node.slot].is_node())
        ThrowTypeError("variable '" + node.var + "' is not a node and cannot be used in CREATE");
      continue;
    }
    NodeId id = ctx.txn().CreateNode(node.labels, EvalProps(node.props.get(), row, ctx, merging));
    row[node.slot] = NodeRefValue(id);
  }
  for (size_t k = 0; k < part.rels.size(); ++k) {
    const auto& rel = part.rels[k];
    const Value& a = row[part.nodes[k].slot];
    const Value& b = row[part.nodes[k + 1].slot];
    NodeId src = a.node_id(), dst = b.node_id();
    if (rel.direction == ast::Direction::kIn) std::swap(src, dst);  // kBoth (MERGE) points out
    EdgeId id = ctx.txn().CreateEdge(rel.types[0], src, dst, EvalProps(rel.props.get(), row, ctx, merging));
    row[rel.slot] = RelRefValue(id, rel.types[0], src, dst);
  }
  if (part.path_slot >= 0) {
    PathValue path;
    path.nodes.push_back(row[part.nodes[0].slot].as_node());
    for (size_t k = 0; k < part.rels.size(); ++k) {
      path.rels.push_back(row[part.rels[k].slot].as_relationship());
      path.nodes.push_back(row[part.nodes[k + 1].slot].as_node());
    }
    row[part.path_slot] = Value(std::move(path));
  }
}

void CreatePart(const ast::PatternPart& part, Row& row, ExecContext& ctx) {
  CreatePart(part, row, ctx, false);
}

void CreateOp::Run(ExecContext& ctx, std::vector<Row>& rows) {
  for (Row& row : rows) {
    ctx.CheckDeadline();
    row.resize(width_);
    for (const auto& part : *parts_) CreatePart(part, row, ctx, false);
  }
}

void ApplySetItems(const std::vector<ast::SetItem>& items, Row& row, ExecContext& ctx) {
  RequireWritable(ctx);
  Txn& txn = ctx.txn();
  for (const auto& item : items) {
    if (item.kind == ast::SetKind::kProperty) {
      Value target = Eval(*item.target->args[0], row, ctx);
      if (target.is_null()) continue;
      Value value = Eval(*item.value, row, ctx);
      const std::string& key = item.target->name;
      steppe::Value stored = value.is_null() ? steppe::Value() : ToProperty(key, value);
      if (target.is_node()) txn.SetNodeProperty(target.node_id(), key, stored);
      else if (target.is_relationship()) txn.SetEdgeProperty(target.as_relationship().id, key, stored);
      else ThrowTypeError("SET expects a node or a relationship, got " + std::string(target.TypeName()));
      continue;
    }
    Value target = Eval(*item.target, row, ctx);
    if (target.is_null()) continue;
    if (item.kind == ast::SetKind::kLabels) {
      if (!target.is_node()) ThrowTypeError("labels can only be set on a node");
      for (const auto& label : item.labels) txn.AddLabel(target.node_id(), label);
      continue;
    }
    if (!target.is_node() && !target.is_relationship())
      ThrowTypeError("SET expects a node or a relationship, got " + std::string(target.TypeName()));
    Value value = Eval(*item.value, row, ctx);
    Properties updates;
    if (value.is_node() || value.is_relationship()) {
      if (const Properties* props = EntityProperties(value, ctx)) updates = *props;
    } else if (value.is_map()) {
      for (const auto& [key, v] : value.as_map())
        updates[key] = v.is_null() ? steppe::Value() : ToProperty(key, v);
    } else if (!value.is_null()) {
      ThrowTypeError("SET ... = expects a Map, got " + std::string(value.TypeName()));
    }
    auto set = [&](const std::string& key, const steppe::Value& v) {
      if (target.is_node()) txn.SetNodeProperty(target.node_id(), key, v);
      else txn.SetEdgeProperty(target.as_relationship().id, key, v);
    };
    if (item.kind == ast::SetKind::kReplaceProps) {
      const Properties* current = EntityProperties(target, ctx);
      std::vector<std::string> stale;
      if (current)
        for (const auto& [key, v] : *current)
          if (!updates.count(key)) stale.push_back(key);
      for (const auto& key : stale) set(key, steppe::Value());
    }
    for (const auto& [key, v] : updates) set(key, v);
  }
}

void SetOp::Run(ExecContext& ctx, std::vector<Row>& rows) {
  for (Row& row : rows) ApplySetItems(*items_, row, ctx);
}

void RemoveOp::Run(ExecContext& ctx, std::vector<Row>& rows) {
  RequireWritable(ctx);
  for (Row& row : rows) {
    for (const auto& item : *items_) {
      if (!item.labels.empty()) {
        Value target = Eval(*item.target, row, ctx);
        if (target.is_null()) continue;
        if (!target.is_node()) ThrowTypeError("labels can only be removed from a node");
        for (const auto& label : item.labels) ctx.txn().RemoveLabel(target.node_id(), label);
        continue;
      }
      Value target = Eval(*item.target->args[0], row, ctx);
      if (target.is_null()) continue;
      if (target.is_node()) ctx.txn().SetNodeProperty(target.node_id(), item.target->name, {});
      else if (target.is_relationship())
        ctx.txn().SetEdgeProperty(target.as_relationship().id, item.target->name, {});
      else ThrowTypeError("REMOVE expects a node or a relationship");
    }
  }
}

void DeleteOp::Run(ExecContext& ctx, std::vector<Row>& rows) {
  RequireWritable(ctx);
  // Relationships first, so that `DELETE n, r` may delete a node together
  // with the relationships that held it.
  std::vector<NodeId> nodes;
  std::vector<EdgeId> edges;
  for (Row& row : rows) {
    for (const auto& expr : *exprs_) {
      Value v = Eval(*expr, row, ctx);
      if (v.is_null()) continue;
      if (v.is_node()) {
        nodes.push_back(v.node_id());
      } else if (v.is_relationship()) {
        edges.push_back(v.as_relationship().id);
      } else if (v.is_path()) {
        for (const auto& rel : v.as_path().rels) edges.push_back(rel.id);
        for (const auto& node : v.as_path().nodes) nodes.push_back(node.id);
      } else {
        ThrowTypeError("DELETE expects a node, relationship or path, got " +
                       std::string(v.TypeName()));
      }
    }
  }
  for (EdgeId id : edges) ctx.txn().DeleteEdge(id);
  for (NodeId id : nodes)
    if (!ctx.txn().DeleteNode(id, detach_))
      throw QueryError{Status::RuntimeError(
          "cannot delete node " + std::to_string(id) +
          " because it still has relationships; use DETACH DELETE")};
}

void MergeOp::Run(ExecContext& ctx, std::vector<Row>& rows) {
  RequireWritable(ctx);
  std::vector<Row> out;
  const ast::PatternPart& part = clause_->pattern[0];
  for (Row& input : rows) {
    input.resize(width_);
    std::vector<Row> matches;
    RunMatchSteps(steps_, input, ctx, [&](const Row& row) {
      matches.push_back(row);
      return true;
    });
    if (matches.empty()) {
      Row row = input;
      CreatePart(part, row, ctx, true);
      ApplySetItems(clause_->on_create, row, ctx);
      out.push_back(std::move(row));
      continue;
    }
    for (Row& row : matches) {
      ApplySetItems(clause_->on_match, row, ctx);
      out.push_back(std::move(row));
    }
  }
  rows = std::move(out);
}

}  // namespace steppe::query
