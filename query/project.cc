// Projection operators: Filter, Unwind, Project, Aggregate, Distinct, Sort,
// Skip/Limit, Trim.
#include <algorithm>
#include <unordered_map>
#include <unordered_set>

#include "query/eval.h"
#include "query/ops.h"

namespace steppe::query {
namespace {

// True when evaluating `e` after grouping may read the group's first row:
// it names a variable outside an aggregate call (whose value is finished by
// then), or holds a form that binds its own (conservatively).
bool ReadsRow(const ast::Expr& e) {
  switch (e.kind) {
    case ast::ExprKind::kVariable:
    case ast::ExprKind::kPattern:
    case ast::ExprKind::kPatternComprehension:
    case ast::ExprKind::kListComprehension:
    case ast::ExprKind::kQuantifier:
    case ast::ExprKind::kMapProjection: return true;
    case ast::ExprKind::kFunction:
      if (e.agg_index >= 0) return false;
      break;
    default: break;
  }
  for (const auto& arg : e.args)
    if (arg && ReadsRow(*arg)) return true;
  return false;
}

std::string JoinNames(const std::vector<std::string>& names) {
  std::string out;
  for (const auto& name : names) out += (out.empty() ? "" : ", ") + name;
  return out;
}

}  // namespace

void FilterOp::Run(ExecContext& ctx, std::vector<Row>& rows) {
  std::vector<Row> out;
  for (Row& row : rows) {
    ctx.CheckDeadline();
    Value keep = Eval(*predicate_, row, ctx);
    if (keep.is_bool() && keep.as_bool()) out.push_back(std::move(row));
    else if (!keep.is_bool() && !keep.is_null())
      ThrowTypeError("WHERE expects a Boolean, got " + std::string(keep.TypeName()));
  }
  rows = std::move(out);
}

void UnwindOp::Run(ExecContext& ctx, std::vector<Row>& rows) {
  std::vector<Row> out;
  for (Row& row : rows) {
    Value list = Eval(*list_, row, ctx);
    if (static_cast<int>(row.size()) <= slot_) row.resize(slot_ + 1);
    if (list.is_null()) continue;
    if (!list.is_list()) {
      row[slot_] = list;
      out.push_back(std::move(row));
      continue;
    }
    ctx.Charge(list.as_list().size() * row.size() * sizeof(Value));
    for (const auto& item : list.as_list()) {
      ctx.CheckDeadline();
      row[slot_] = item;
      out.push_back(row);
    }
  }
  rows = std::move(out);
}

std::string ProjectOp::Describe() const { return "Project " + JoinNames(names_); }

void ProjectOp::Run(ExecContext& ctx, std::vector<Row>& rows) {
  for (Row& row : rows) {
    ctx.CheckDeadline();
    Row projected;
    projected.reserve(items_.size() + (keep_input_ ? row.size() : 0));
    for (const ast::Expr* item : items_) projected.push_back(Eval(*item, row, ctx));
    if (keep_input_) projected.insert(projected.end(), row.begin(), row.end());
    row = std::move(projected);
  }
}

std::string AggregateOp::Describe() const { return "Aggregate " + JoinNames(names_); }

void AggregateOp::Run(ExecContext& ctx, std::vector<Row>& rows) {
  struct Group {
    std::vector<Value> keys;
    size_t hash;
    Row first;
    std::vector<Aggregator> aggregators;
  };
  std::vector<Group> groups;
  // Open addressing over `groups`: each slot holds a group's index + 1, or 0
  // when empty; kept at most half full. No allocation per lookup.
  std::vector<uint32_t> slots(16, 0);
  int bits = 4;
  auto slot_of = [&](size_t hash) {
    return static_cast<size_t>((hash * 0x9E3779B97F4A7C15ULL) >> (64 - bits));
  };
  auto grow = [&] {
    ++bits;
    slots.assign(size_t{1} << bits, 0);
    size_t mask = slots.size() - 1;
    for (size_t g = 0; g < groups.size(); ++g) {
      size_t i = slot_of(groups[g].hash);
      while (slots[i] != 0) i = (i + 1) & mask;
      slots[i] = static_cast<uint32_t>(g + 1);
    }
  };
  // Every group starts from copies of these (resolving each aggregate's name once).
  std::vector<Aggregator> fresh;
  for (const ast::Expr* call : aggregates_) fresh.emplace_back(*call);
  bool has_keys = std::find(is_key_.begin(), is_key_.end(), true) != is_key_.end();
  // Groups keep their first row only when an output item still reads it.
  bool keep_first = false;
  for (size_t i = 0; i < items_.size(); ++i)
    if (!is_key_[i] && ReadsRow(*items_[i])) keep_first = true;
  std::vector<Value> key;
  for (Row& row : rows) {
    ctx.CheckDeadline();
    key.clear();
    for (size_t i = 0; i < items_.size(); ++i)
      if (is_key_[i]) key.push_back(Eval(*items_[i], row, ctx));
    size_t hash = ValuesHash()(key);
    size_t mask = slots.size() - 1;
    size_t i = slot_of(hash);
    while (slots[i] != 0) {
      const Group& g = groups[slots[i] - 1];
      if (g.hash == hash && g.keys == key) break;
      i = (i + 1) & mask;
    }
    bool inserted = slots[i] == 0;
    if (inserted) {
      if (groups.size() >= UINT32_MAX - 1) ThrowRuntimeError("more than 2^32 groups");
      groups.push_back(Group{std::move(key), hash, keep_first ? std::move(row) : Row(), fresh});
      key = std::vector<Value>();
      slots[i] = static_cast<uint32_t>(groups.size());
      ctx.Charge(groups.back().first.size() * sizeof(Value) + 64);
    }
    Group& group = groups[slots[i] - 1];
    if (inserted && groups.size() * 2 > slots.size()) grow();
    const Row& source = inserted && keep_first ? group.first : row;
    for (size_t a = 0; a < aggregates_.size(); ++a) {
      const ast::Expr& call = *aggregates_[a];
      if (weight_slot_ >= 0) {  // a degree count: count(*) only, the row stands for many
        group.aggregators[a].AddRows(source[weight_slot_].as_int());
        continue;
      }
      Value arg = call.star || call.args.empty() ? Value() : Eval(*call.args[0], source, ctx);
      if (call.args.size() > 1)
        group.aggregators[a].SetPercentile(Eval(*call.args[1], source, ctx));
      group.aggregators[a].Add(arg);
    }
  }
  if (groups.empty() && !has_keys)
    groups.push_back(Group{{}, 0, Row(rows.empty() ? 0 : rows[0].size()), fresh});
  std::vector<Row> out;
  out.reserve(groups.size());
  std::vector<Value> finished;
  for (Group& group : groups) {
    finished.clear();
    for (const auto& aggregator : group.aggregators) finished.push_back(aggregator.Finish());
    Row projected;
    projected.reserve(items_.size());
    size_t next_key = 0;
    for (size_t i = 0; i < items_.size(); ++i) {
      // Grouping keys are output as computed, not evaluated again.
      if (is_key_[i]) projected.push_back(std::move(group.keys[next_key++]));
      else projected.push_back(Eval(*items_[i], group.first, ctx, &finished));
    }
    out.push_back(std::move(projected));
  }
  rows = std::move(out);
}

void DistinctOp::Run(ExecContext& ctx, std::vector<Row>& rows) {
  std::unordered_set<std::vector<Value>, ValuesHash> seen;
  std::vector<Row> out;
  for (Row& row : rows) {
    ctx.CheckDeadline();
    std::vector<Value> key(row.begin(), row.begin() + std::min(width_, row.size()));
    if (seen.insert(std::move(key)).second) out.push_back(std::move(row));
  }
  rows = std::move(out);
}

std::string SortOp::Describe() const {
  return limit_ ? "Top (ORDER BY ... LIMIT: partial sort)" : "Sort";
}

void SortOp::Run(ExecContext& ctx, std::vector<Row>& rows) {
  // Every row's sort keys in one flat array (row r's at r * width), sorted
  // through an index array: no allocation per row.
  size_t width = keys_.size();
  std::vector<Value> keys(rows.size() * width);
  for (size_t r = 0; r < rows.size(); ++r) {
    ctx.CheckDeadline();
    for (size_t k = 0; k < width; ++k) keys[r * width + k] = Eval(*keys_[k], rows[r], ctx);
  }
  std::vector<size_t> order(rows.size());
  for (size_t r = 0; r < order.size(); ++r) order[r] = r;
  auto less = [&](size_t a, size_t b) {
    for (size_t k = 0; k < width; ++k) {
      int c = OrderCompare(keys[a * width + k], keys[b * width + k]);
      if (c != 0) return ascending_[k] ? c < 0 : c > 0;
    }
    return a < b;  // ties keep their input order
  };
  size_t keep = rows.size();
  if (limit_) {
    int64_t limit = EvalCount(*limit_, ctx, "LIMIT");
    int64_t skip = skip_ ? EvalCount(*skip_, ctx, "SKIP") : 0;
    keep = static_cast<size_t>(std::min<int64_t>(static_cast<int64_t>(rows.size()),
                                                 limit > INT64_MAX - skip ? INT64_MAX : limit + skip));
  }
  if (keep < order.size()) {
    // Top-k: a heap selection of the first `keep`, O(n log k).
    std::partial_sort(order.begin(), order.begin() + keep, order.end(), less);
    order.resize(keep);
  } else {
    std::sort(order.begin(), order.end(), less);
  }
  std::vector<Row> out;
  out.reserve(order.size());
  for (size_t r : order) out.push_back(std::move(rows[r]));
  rows = std::move(out);
}

int64_t EvalCount(const ast::Expr& expr, ExecContext& ctx, const char* what) {
  Value v = Eval(expr, Row{}, ctx);
  // openCypher reports a bad count as a syntax-level (semantic) error even
  // when it only shows at run time, through a parameter.
  if (!v.is_int())
    ThrowSemanticError(std::string(what) + " expects a non-negative Integer, got " + v.TypeName());
  if (v.as_int() < 0)
    ThrowSemanticError(std::string(what) + " expects a non-negative Integer, got " +
                       std::to_string(v.as_int()));
  return v.as_int();
}

void SkipLimitOp::Run(ExecContext& ctx, std::vector<Row>& rows) {
  int64_t n = EvalCount(*count_, ctx, is_limit_ ? "LIMIT" : "SKIP");
  size_t count = static_cast<size_t>(std::min<int64_t>(n, static_cast<int64_t>(rows.size())));
  if (is_limit_) rows.resize(count);
  else rows.erase(rows.begin(), rows.begin() + count);
}

void SelectSlotsOp::Run(ExecContext&, std::vector<Row>& rows) {
  for (Row& row : rows) {
    Row selected;
    for (int slot : slots_) selected.push_back(slot < static_cast<int>(row.size()) ? row[slot] : Value());
    row = std::move(selected);
  }
}

void TrimOp::Run(ExecContext&, std::vector<Row>& rows) {
  for (Row& row : rows)
    if (row.size() > width_) row.resize(width_);
}

}  // namespace steppe::query
