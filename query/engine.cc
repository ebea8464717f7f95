#include "query/engine.h"

#include <iterator>
#include <map>

#include "query/eval.h"
#include "query/parser.h"
#include "query/planner.h"
#include "query/projection_cache.h"
#include "query/record_cache.h"

namespace steppe::query {
namespace {

constexpr size_t kMaxQueryBytes = 4 << 20;
// Plans kept at most; past it the cache starts over.
constexpr size_t kMaxCachedPlans = 512;
// Decoded records kept for later read queries (approximate bytes).
constexpr size_t kRecordCacheBytes = size_t{1} << 30;

struct RowLess {
  bool operator()(const Row& a, const Row& b) const {
    for (size_t i = 0; i < a.size() && i < b.size(); ++i)
      if (int c = OrderCompare(a[i], b[i])) return c < 0;
    return a.size() < b.size();
  }
};

Result<QueryResult> Execute(Plan& plan, ast::QueryMode mode, Txn& txn, const Params& params,
                            const RunOptions& options, ProjectionCache* cache) {
  QueryResult result;
  result.columns = plan.columns;
  result.is_write = plan.is_write;
  ExecContext ctx(txn, params, options);
  ctx.set_cache(cache);
  ctx.set_profiling(mode == ast::QueryMode::kProfile);
  try {
    std::vector<Row> rows;
    for (size_t b = 0; b < plan.branches.size(); ++b) {
      std::vector<Row> part = RunPipeline(plan.branches[b], ctx);
      for (Row& row : part) row.resize(plan.columns.size());
      if (rows.empty()) rows = std::move(part);
      else rows.insert(rows.end(), std::make_move_iterator(part.begin()),
                       std::make_move_iterator(part.end()));
      // UNION without ALL removes duplicates across everything so far.
      if (b > 0 && !plan.union_all[b - 1]) {
        std::map<Row, bool, RowLess> seen;
        std::vector<Row> unique;
        for (Row& row : rows)
          if (seen.emplace(row, true).second) unique.push_back(std::move(row));
        rows = std::move(unique);
      }
      if (options.max_rows && rows.size() > options.max_rows)
        return Status::ResourceExhausted("the result has more than " +
                                         std::to_string(options.max_rows) + " rows");
    }
    if (plan.columns.empty()) rows.clear();
    for (Row& row : rows)
      for (Value& v : row)
        if (MayHoldGraphValues(v)) v = Materialize(v, txn);
    result.rows = std::move(rows);
  } catch (const QueryError& e) {
    return e.status;
  }
  result.stats = txn.stats();
  if (mode == ast::QueryMode::kProfile) result.plan = DescribePlan(plan, true);
  return result;
}

}  // namespace

Engine::Engine(storage::GraphStore& store)
    : store_(store),
      cache_(std::make_unique<ProjectionCache>()),
      records_(std::make_unique<RecordCache>(kRecordCacheBytes)) {}

Engine::~Engine() = default;

Result<std::unique_ptr<Plan>> Engine::CheckOutPlan(std::string_view text) {
  {
    std::lock_guard<std::mutex> lock(plans_mutex_);
    auto it = plans_.find(text);
    if (it != plans_.end() && !it->second.empty()) {
      std::unique_ptr<Plan> plan = std::move(it->second.back());
      it->second.pop_back();
      --cached_plans_;
      return plan;
    }
  }
  Result<ast::Query> query = Parse(text);
  if (!query.ok()) return query.status();
  Result<Plan> plan = PlanQuery(std::move(*query), text);
  if (!plan.ok()) return plan.status();
  return std::make_unique<Plan>(std::move(*plan));
}

void Engine::ReturnPlan(std::string_view text, std::unique_ptr<Plan> plan) {
  std::lock_guard<std::mutex> lock(plans_mutex_);
  if (cached_plans_ >= kMaxCachedPlans) {
    plans_.clear();
    cached_plans_ = 0;
  }
  auto it = plans_.find(text);
  if (it == plans_.end()) it = plans_.emplace(std::string(text), PlanList()).first;
  it->second.push_back(std::move(plan));
  ++cached_plans_;
}

Result<QueryResult> Engine::Run(std::string_view text, const Params& params,
                                const RunOptions& options) {
  if (text.size() > kMaxQueryBytes)
    return Status::InvalidArgument("query text is longer than 4 MiB");
  Result<std::unique_ptr<Plan>> checked_out = CheckOutPlan(text);
  if (!checked_out.ok()) return checked_out.status();
  std::unique_ptr<Plan> plan = std::move(checked_out).value();
  Result<QueryResult> result = RunPlan(*plan, params, options);
  ReturnPlan(text, std::move(plan));
  return result;
}

Result<QueryResult> Engine::RunPlan(Plan& plan_ref, const Params& params,
                                    const RunOptions& options) {
  Plan* plan = &plan_ref;
  ast::QueryMode mode = plan->query.mode;
  if (plan->is_write && options.read_only)
    return Status::InvalidArgument("this query writes (CREATE, MERGE, SET, REMOVE or DELETE), "
                                   "but it runs read-only");
  if (mode == ast::QueryMode::kExplain) {
    QueryResult result;  // the plan only: no columns, no rows
    result.is_write = plan->is_write;
    result.plan = DescribePlan(*plan, false);
    return result;
  }
  if (!plan->is_write) {
    std::unique_ptr<storage::GraphReader> snapshot = store_.Snapshot();
    Txn txn(*snapshot, nullptr);
    txn.set_shared_records(*records_);
    return Execute(*plan, mode, txn, params, options, cache_.get());
  }
  std::lock_guard<std::mutex> lock(write_mutex_);
  Txn txn(store_, &store_);
  Result<QueryResult> result = Execute(*plan, mode, txn, params, options, cache_.get());
  if (!result.ok()) return result;
  Status committed = txn.Commit();
  if (!committed.ok()) return committed;
  return result;
}

}  // namespace steppe::query
