// Projection operators: Filter, Unwind, Project, Aggregate, Distinct, Sort,
// Skip/Limit, Trim.
#include <algorithm>
#include <optional>
#include <string_view>
#include <thread>
#include <unordered_map>
#include <unordered_set>

#include "query/eval.h"
#include "query/group_table.h"
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

// One sort key of every item, in the cheapest form that orders it as
// OrderCompare does: integers held flat, or strings as their bytes after the
// prefix all of them share with the next 8 of those bytes as one integer
// (names such as "Agreement on ... No. 17" then compare mostly in a
// register), when every item's value is one; else the values themselves.
class SortColumn {
 public:
  SortColumn(const std::vector<const Value*>& keys, size_t width, size_t k, size_t count) {
    bool ints = true, strings = true;
    for (size_t i = 0; i < count && (ints || strings); ++i) {
      ints = ints && keys[i * width + k]->is_int();
      strings = strings && keys[i * width + k]->is_string();
    }
    if (ints)
      for (size_t i = 0; i < count; ++i) ints_.push_back(keys[i * width + k]->as_int());
    else if (strings)
      HoldStrings(keys, width, k, count);
    else
      for (size_t i = 0; i < count; ++i) values_.push_back(keys[i * width + k]);
  }
  int Compare(size_t a, size_t b) const {
    if (!ints_.empty()) return ints_[a] < ints_[b] ? -1 : ints_[a] > ints_[b] ? 1 : 0;
    if (!strings_.empty()) {
      if (heads_[a] != heads_[b]) return heads_[a] < heads_[b] ? -1 : 1;
      int c = strings_[a].compare(strings_[b]);
      return c < 0 ? -1 : c > 0 ? 1 : 0;
    }
    return OrderCompare(*values_[a], *values_[b]);
  }

 private:
  void HoldStrings(const std::vector<const Value*>& keys, size_t width, size_t k, size_t count) {
    std::string_view first = keys[k]->as_string();
    size_t shared = first.size();
    for (size_t i = 1; i < count && shared > 0; ++i) {
      std::string_view s = keys[i * width + k]->as_string();
      shared = std::min(shared, s.size());
      shared = static_cast<size_t>(std::mismatch(first.begin(), first.begin() + shared, s.begin()).first -
                                   first.begin());
    }
    for (size_t i = 0; i < count; ++i) {
      std::string_view rest = std::string_view(keys[i * width + k]->as_string()).substr(shared);
      // Big-endian, zero-padded: integer order is byte order (as unsigned
      // chars, which std::string compares by), a shorter string first.
      uint64_t head = 0;
      for (size_t b = 0; b < 8; ++b)
        head = head << 8 | (b < rest.size() ? static_cast<unsigned char>(rest[b]) : 0u);
      heads_.push_back(head);
      strings_.push_back(rest);
    }
  }

  std::vector<int64_t> ints_;
  std::vector<uint64_t> heads_;
  std::vector<std::string_view> strings_;  // after the shared prefix
  std::vector<const Value*> values_;
};

// Items 0..count-1 ordered by their sort keys (item i's `ascending.size()`
// keys at keys[i * width]), ties in item order; only the first `keep` when
// fewer (a heap selection, O(n log keep)). A big full sort sorts its two
// halves on two threads and merges them.
std::vector<size_t> SortedItems(const std::vector<const Value*>& keys,
                                const std::vector<bool>& ascending, size_t count, size_t keep) {
  size_t width = ascending.size();
  std::vector<SortColumn> columns;
  columns.reserve(width);
  for (size_t k = 0; k < width; ++k) columns.emplace_back(keys, width, k, count);
  std::vector<size_t> order(count);
  for (size_t i = 0; i < count; ++i) order[i] = i;
  auto less = [&](size_t a, size_t b) {
    for (size_t k = 0; k < width; ++k) {
      int c = columns[k].Compare(a, b);
      if (c != 0) return ascending[k] ? c < 0 : c > 0;
    }
    return a < b;
  };
  constexpr size_t kParallelSortItems = 1 << 15;
  if (keep < count) {
    std::partial_sort(order.begin(), order.begin() + static_cast<std::ptrdiff_t>(keep), order.end(),
                      less);
    order.resize(keep);
  } else if (count >= kParallelSortItems) {
    auto middle = order.begin() + static_cast<std::ptrdiff_t>(count / 2);
    std::thread first_half([&] { std::sort(order.begin(), middle, less); });
    std::sort(middle, order.end(), less);
    first_half.join();
    std::inplace_merge(order.begin(), middle, order.end(), less);
  } else {
    std::sort(order.begin(), order.end(), less);
  }
  return order;
}

// Pointers to each of `values`.
std::vector<const Value*> Pointers(const std::vector<Value>& values) {
  std::vector<const Value*> out;
  out.reserve(values.size());
  for (const Value& v : values) out.push_back(&v);
  return out;
}

using NodePropertyKey = AggregateOp::NodePropertyKey;

// The keys as node property reads when there are keys and every key is
// one; nullopt otherwise.
std::optional<std::vector<NodePropertyKey>> NodePropertyKeys(
    const std::vector<const ast::Expr*>& items, const std::vector<bool>& is_key) {
  std::vector<NodePropertyKey> keys;
  for (size_t i = 0; i < items.size(); ++i) {
    if (!is_key[i]) continue;
    const ast::Expr& e = *items[i];
    if (e.kind != ast::ExprKind::kProperty || e.args.size() != 1 ||
        e.args[0]->kind != ast::ExprKind::kVariable || e.args[0]->slot < 0)
      return std::nullopt;
    keys.push_back({e.args[0]->slot, &e.name});
  }
  if (keys.empty()) return std::nullopt;
  return keys;
}

// True when every row holds a node in each key's slot.
bool HoldNodes(const std::vector<Row>& rows, const std::vector<NodePropertyKey>& keys) {
  for (const Row& row : rows)
    for (const NodePropertyKey& key : keys)
      if (key.slot >= static_cast<int>(row.size()) || !row[key.slot].is_node()) return false;
  return true;
}

// A stored property as the key reads it; null when absent (or stored null).
const steppe::Value* StoredProperty(const Node* node, const std::string& key) {
  if (!node) return nullptr;
  auto it = node->props.find(key);
  return it == node->props.end() || it->second.is_null() ? nullptr : &it->second;
}

// Value's operator== and a hash agreeing with it, on stored values before
// conversion: strings, integers and Booleans compare in place.
bool SameStored(const steppe::Value* a, const steppe::Value* b) {
  if (!a || !b) return !a && !b;
  if (a->kind() != b->kind()) return false;
  switch (a->kind()) {
    case steppe::Value::Kind::kBool:
    case steppe::Value::Kind::kInt:
    case steppe::Value::Kind::kString: return *a == *b;
    default: return Value::FromCore(*a) == Value::FromCore(*b);
  }
}

size_t StoredHash(const steppe::Value* v) {
  if (!v) return 0;
  switch (v->kind()) {
    case steppe::Value::Kind::kBool: return std::hash<bool>()(v->as_bool());
    case steppe::Value::Kind::kInt: return std::hash<int64_t>()(v->as_int());
    case steppe::Value::Kind::kString: return std::hash<std::string_view>()(v->as_string());
    default: return Value::FromCore(*v).Hash();
  }
}

}  // namespace

std::string AggregateOp::Describe() const {
  return "Aggregate " + JoinNames(names_) +
         (top_ ? " (keeps only the groups ORDER BY ... LIMIT keeps)" : "") +
         (degrees_ ? "\n  from " + degrees_->Describe() : "") +
         (match_ ? "\n  counting as it matches " + match_->Describe() : "");
}

bool AggregateOp::CountsRows() const {
  return std::all_of(aggregates_.begin(), aggregates_.end(),
                     [](const ast::Expr* call) { return call->star; });
}

bool AggregateOp::ItemsReadRow() const {
  for (size_t i = 0; i < items_.size(); ++i)
    if (!is_key_[i] && ReadsRow(*items_[i])) return true;
  return false;
}

std::optional<std::vector<NodePropertyKey>> AggregateOp::CountKeysOn(
    const std::vector<int>& node_slots) const {
  auto keys = CountsRows() ? NodePropertyKeys(items_, is_key_) : std::nullopt;
  if (keys)
    for (const NodePropertyKey& key : *keys)
      if (std::find(node_slots.begin(), node_slots.end(), key.slot) == node_slots.end())
        return std::nullopt;
  return keys;
}

bool AggregateOp::CountsNodeProperties(const std::vector<int>& node_slots) const {
  return CountKeysOn(node_slots).has_value();
}

void AggregateOp::RunOnDegrees(ExecContext& ctx, std::vector<Row>& rows) {
  std::vector<std::pair<NodeId, int64_t>> degrees = degrees_->Degrees(ctx);
  // Node by node when the keys read the counted node alone and nothing else
  // reads a row (every input row then counts each node once more).
  auto keys = CountKeysOn({degrees_->near_slot()});
  if (!keys || ItemsReadRow()) {
    degrees_->AddRows(ctx, degrees, rows);
    RunOnRows(ctx, rows);
    return;
  }
  auto inputs = static_cast<int64_t>(rows.size());
  // Keys such as an id or a name mostly make a group per node.
  CountGroups groups(*keys, inputs == 0 ? 0 : degrees.size());
  if (inputs > 0)
    for (const auto& [node, degree] : degrees) {
      ctx.CheckDeadline();
      groups.Add(ctx, [&](int) -> std::optional<NodeId> { return node; }, degree * inputs);
    }
  const Row no_row;
  rows = CountGroupRows(ctx, groups, [&](size_t) -> const Row& { return no_row; });
}

void AggregateOp::RunOnMatches(ExecContext& ctx, std::vector<Row>& rows) {
  // Each match is counted as it is found; a group keeps its first match
  // only when an output item still reads it.
  std::optional<std::vector<NodePropertyKey>> keys = NodePropertyKeys(items_, is_key_);
  bool keep_rows = ItemsReadRow();
  CountGroups groups(*keys, 0);
  std::vector<Row> first_rows;
  for (Row& input : rows)
    match_->ForEachMatch(ctx, input, [&](const Row& row) {
      ctx.CheckDeadline();
      // A node of an OPTIONAL MATCH that found nothing is null.
      auto node = [&](int slot) -> std::optional<NodeId> {
        if (!row[slot].is_node()) return std::nullopt;
        return row[slot].node_id();
      };
      if (groups.Add(ctx, node, 1) && keep_rows) {
        first_rows.push_back(row);
        ctx.Charge(row.size() * sizeof(Value));
      }
    });
  const Row no_row;
  rows = CountGroupRows(ctx, groups,
                        [&](size_t g) -> const Row& { return keep_rows ? first_rows[g] : no_row; });
}

void AggregateOp::Run(ExecContext& ctx, std::vector<Row>& rows) {
  if (degrees_) RunOnDegrees(ctx, rows);
  else if (match_) RunOnMatches(ctx, rows);
  else RunOnRows(ctx, rows);
}

void AggregateOp::RunOnRows(ExecContext& ctx, std::vector<Row>& rows) {
  // count(*) alone (always so after a degree count): a group needs only its
  // number of rows.
  if (CountsRows()) {
    if (auto keys = NodePropertyKeys(items_, is_key_); keys && HoldNodes(rows, *keys)) {
      CountGroups groups(*keys, 0);
      std::vector<size_t> first_row;  // per group: the row it started from
      for (size_t r = 0; r < rows.size(); ++r) {
        ctx.CheckDeadline();
        auto node = [&](int slot) -> std::optional<NodeId> { return rows[r][slot].node_id(); };
        // After a degree count, a row stands for that many.
        int64_t weight = weight_slot_ >= 0 ? rows[r][weight_slot_].as_int() : 1;
        if (groups.Add(ctx, node, weight)) first_row.push_back(r);
      }
      std::vector<Row> out =
          CountGroupRows(ctx, groups, [&](size_t g) -> const Row& { return rows[first_row[g]]; });
      rows = std::move(out);
      return;
    }
  }
  struct Group {
    std::vector<Value> keys;
    Row first;
    std::vector<Aggregator> aggregators;
  };
  std::vector<Group> groups;
  GroupTable table;
  // Every group starts from copies of these (resolving each aggregate's name once).
  std::vector<Aggregator> fresh;
  for (const ast::Expr* call : aggregates_) fresh.emplace_back(*call);
  bool has_keys = std::find(is_key_.begin(), is_key_.end(), true) != is_key_.end();
  // Groups keep their first row only when an output item still reads it.
  bool keep_first = ItemsReadRow();
  std::vector<Value> key;
  for (Row& row : rows) {
    ctx.CheckDeadline();
    int64_t found = 0;  // without keys, every row falls in the first group
    bool inserted = false;
    if (has_keys || groups.empty()) {
      key.clear();
      for (size_t i = 0; i < items_.size(); ++i)
        if (is_key_[i]) key.push_back(Eval(*items_[i], row, ctx));
      size_t hash = ValuesHash()(key);
      found = table.Find(hash, [&](size_t g) { return groups[g].keys == key; });
      inserted = found < 0;
      if (inserted) {
        table.Add(hash);
        found = static_cast<int64_t>(groups.size());
        groups.push_back(Group{std::move(key), keep_first ? std::move(row) : Row(), fresh});
        key = std::vector<Value>();
        ctx.Charge(groups.back().first.size() * sizeof(Value) + 64);
      }
    }
    Group& group = groups[found];
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
    groups.push_back(Group{{}, Row(rows.empty() ? 0 : rows[0].size()), fresh});
  std::vector<std::vector<Value>> finished(groups.size());
  for (size_t g = 0; g < groups.size(); ++g)
    for (const auto& aggregator : groups[g].aggregators) finished[g].push_back(aggregator.Finish());
  std::vector<int> key_of_item = KeyOfItem();
  auto column = [&](size_t g, int i) {
    return is_key_[i] ? groups[g].keys[key_of_item[i]]
                      : Eval(*items_[i], groups[g].first, ctx, &finished[g]);
  };
  std::vector<Row> out;
  for (size_t g : GroupsKept(ctx, groups.size(), column))
    out.push_back(ProjectGroup(ctx, std::move(groups[g].keys), groups[g].first, finished[g]));
  rows = std::move(out);
}

std::vector<int> AggregateOp::KeyOfItem() const {
  std::vector<int> key_of_item;
  int keys = 0;
  for (bool key : is_key_) key_of_item.push_back(key ? keys++ : -1);
  return key_of_item;
}

std::vector<size_t> AggregateOp::GroupsKept(
    ExecContext& ctx, size_t groups, const std::function<Value(size_t, int)>& column) const {
  size_t keep = top_ ? RowsKept(ctx, top_->skip, top_->limit, groups) : groups;
  if (keep == groups) {  // nothing to leave out: the sort after this orders them
    std::vector<size_t> all(groups);
    for (size_t g = 0; g < groups; ++g) all[g] = g;
    return all;
  }
  if (keep == 0) return {};
  // The first sort key of every group; the others only for the groups the
  // first does not already put after the keep-th group.
  bool first_ascending = top_->ascending[0];
  std::vector<Value> first(groups);
  for (size_t g = 0; g < groups; ++g) {
    ctx.CheckDeadline();
    first[g] = column(g, top_->columns[0]);
  }
  std::vector<size_t> order(groups);
  for (size_t g = 0; g < groups; ++g) order[g] = g;
  auto before = [&](const Value& a, const Value& b) {
    int c = OrderCompare(a, b);
    return first_ascending ? c < 0 : c > 0;
  };
  std::nth_element(order.begin(), order.begin() + static_cast<std::ptrdiff_t>(keep - 1), order.end(),
                   [&](size_t a, size_t b) { return before(first[a], first[b]); });
  const Value& bound = first[order[keep - 1]];
  std::vector<size_t> candidates;  // in group order, so ties keep it
  for (size_t g = 0; g < groups; ++g)
    if (!before(bound, first[g])) candidates.push_back(g);
  size_t width = top_->columns.size();
  std::vector<Value> keys(candidates.size() * width);
  for (size_t c = 0; c < candidates.size(); ++c) {
    keys[c * width] = std::move(first[candidates[c]]);
    for (size_t k = 1; k < width; ++k) keys[c * width + k] = column(candidates[c], top_->columns[k]);
  }
  std::vector<size_t> kept = SortedItems(Pointers(keys), top_->ascending, candidates.size(), keep);
  for (size_t& c : kept) c = candidates[c];
  return kept;
}

Row AggregateOp::ProjectGroup(ExecContext& ctx, std::vector<Value> keys, const Row& source,
                              const std::vector<Value>& finished) const {
  Row projected;
  projected.reserve(items_.size());
  size_t next_key = 0;
  for (size_t i = 0; i < items_.size(); ++i) {
    // Grouping keys are output as computed, not evaluated again.
    if (is_key_[i]) projected.push_back(std::move(keys[next_key++]));
    else projected.push_back(Eval(*items_[i], source, ctx, &finished));
  }
  return projected;
}

AggregateOp::CountGroups::CountGroups(const std::vector<NodePropertyKey>& keys,
                                      size_t expected_groups)
    : keys_(keys), key_(keys.size()) {
  table_.Reserve(expected_groups);
  group_keys_.reserve(expected_groups * keys.size());
  counts_.reserve(expected_groups);
}

bool AggregateOp::CountGroups::Add(ExecContext& ctx,
                                   const std::function<std::optional<NodeId>(int)>& node_in,
                                   int64_t weight) {
  // The keys are pointers to the stored values of the records (alive for the
  // query), entry g * width for group g; nothing is converted or copied until
  // the output.
  size_t width = keys_.size();
  size_t hash = 0;
  std::optional<NodeId> read;
  const Node* node = nullptr;
  for (size_t k = 0; k < width; ++k) {
    std::optional<NodeId> id = node_in(keys_[k].slot);
    if (k == 0 || id != read) node = id ? ctx.txn().GetNode(*id) : nullptr;
    read = id;
    key_[k] = StoredProperty(node, *keys_[k].key);
    hash = hash * 1000003u ^ StoredHash(key_[k]);
  }
  int64_t found = table_.Find(hash, [&](size_t g) {
    for (size_t k = 0; k < width; ++k)
      if (!SameStored(group_keys_[g * width + k], key_[k])) return false;
    return true;
  });
  bool started = found < 0;
  if (started) {
    table_.Add(hash);
    found = static_cast<int64_t>(counts_.size());
    group_keys_.insert(group_keys_.end(), key_.begin(), key_.end());
    counts_.push_back(0);
    ctx.Charge((width + 2) * sizeof(size_t));
  }
  counts_[found] += weight;
  return started;
}

Value AggregateOp::CountGroups::key(size_t group, size_t k) const {
  const steppe::Value* stored = group_keys_[group * keys_.size() + k];
  return stored ? Value::FromCore(*stored) : Value();
}

std::vector<Row> AggregateOp::CountGroupRows(
    ExecContext& ctx, const CountGroups& groups,
    const std::function<const Row&(size_t group)>& first_row) const {
  // Every aggregate is count(*): a group's results are its count.
  auto finished = [&](size_t g) {
    return std::vector<Value>(aggregates_.size(), Value(groups.count(g)));
  };
  std::vector<int> key_of_item = KeyOfItem();
  auto column = [&](size_t g, int i) {
    if (is_key_[i]) return groups.key(g, key_of_item[i]);
    if (items_[i]->kind == ast::ExprKind::kFunction && items_[i]->agg_index >= 0)
      return Value(groups.count(g));
    std::vector<Value> results = finished(g);
    return Eval(*items_[i], first_row(g), ctx, &results);
  };
  std::vector<Row> out;
  for (size_t g : GroupsKept(ctx, groups.size(), column)) {
    std::vector<Value> output_keys;
    output_keys.reserve(groups.width());
    for (size_t k = 0; k < groups.width(); ++k) output_keys.push_back(groups.key(g, k));
    out.push_back(ProjectGroup(ctx, std::move(output_keys), first_row(g), finished(g)));
  }
  return out;
}

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
  // through an index array: a key that names a column points at the row's
  // value, others are evaluated once.
  size_t width = keys_.size();
  std::vector<Value> evaluated(rows.size() * width);
  std::vector<const Value*> keys(rows.size() * width);
  for (size_t r = 0; r < rows.size(); ++r) {
    ctx.CheckDeadline();
    for (size_t k = 0; k < width; ++k) {
      const ast::Expr& key = *keys_[k];
      size_t at = r * width + k;
      bool column = key.kind == ast::ExprKind::kVariable && key.slot >= 0 &&
                    key.slot < static_cast<int>(rows[r].size());
      if (!column) evaluated[at] = Eval(key, rows[r], ctx);
      keys[at] = column ? &rows[r][key.slot] : &evaluated[at];
    }
  }
  size_t keep = RowsKept(ctx, skip_, limit_, rows.size());
  std::vector<size_t> order = SortedItems(keys, ascending_, rows.size(), keep);
  std::vector<Row> out;
  out.reserve(keep);
  for (size_t r : order) out.push_back(std::move(rows[r]));
  rows = std::move(out);
}

size_t RowsKept(ExecContext& ctx, const ast::Expr* skip, const ast::Expr* limit, size_t count) {
  if (!limit) return count;
  int64_t most = EvalCount(*limit, ctx, "LIMIT");
  int64_t skipped = skip ? EvalCount(*skip, ctx, "SKIP") : 0;
  int64_t kept = most > INT64_MAX - skipped ? INT64_MAX : most + skipped;
  return static_cast<size_t>(std::min<int64_t>(static_cast<int64_t>(count), kept));
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
