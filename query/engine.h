#pragma once

#include <chrono>
#include <cstdint>
#include <map>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "core/result.h"
#include "query/value.h"
#include "storage/graph_store.h"

namespace steppe::query {

class ProjectionCache;
class RecordCache;
struct Plan;

// Query parameters, bound as `$name`.
using Params = std::map<std::string, Value>;

// Limits for one query. A limit that is hit ends the query with
// ResourceExhausted (rows, memory) or Timeout; a write query then writes nothing.
struct RunOptions {
  std::optional<std::chrono::milliseconds> timeout;  // none: no deadline
  uint64_t max_rows = 0;              // rows in the result; 0: no cap
  uint64_t max_memory_bytes = 0;      // rough size of intermediate rows; 0: 1 GiB
  bool read_only = false;             // refuse CREATE/MERGE/SET/REMOVE/DELETE
};

// What a write query changed.
struct WriteStats {
  uint64_t nodes_created = 0;
  uint64_t nodes_deleted = 0;
  uint64_t relationships_created = 0;
  uint64_t relationships_deleted = 0;
  uint64_t properties_set = 0;
  uint64_t labels_added = 0;
  uint64_t labels_removed = 0;

  bool empty() const {
    return nodes_created + nodes_deleted + relationships_created + relationships_deleted +
               properties_set + labels_added + labels_removed ==
           0;
  }
};

// The answer to one query. For EXPLAIN, `rows` is empty and `plan` holds the
// plan; for PROFILE, `plan` also carries rows and time per operator.
struct QueryResult {
  std::vector<std::string> columns;
  std::vector<std::vector<Value>> rows;
  WriteStats stats;
  std::string plan;
  bool is_write = false;
};

// Runs openCypher queries over a store. Read queries run on a snapshot; a
// write query is collected into one Mutation and applied atomically at its
// end (nothing is written when it fails). Engine is safe to share between
// threads: reads run in parallel, writes one at a time.
//
// Errors: SyntaxError (with line and column; the message ends with the
// query line and a caret under the fault), SemanticError, TypeError,
// RuntimeError, ResourceExhausted, Timeout, InvalidArgument (read_only).
class Engine {
 public:
  explicit Engine(storage::GraphStore& store);
  ~Engine();

  Result<QueryResult> Run(std::string_view text, const Params& params = {},
                          const RunOptions& options = {});

 private:
  // A plan for `text`: one from the cache, or a fresh one. Nullptr with an
  // error status when the text does not parse or plan.
  Result<std::unique_ptr<Plan>> CheckOutPlan(std::string_view text);
  Result<QueryResult> RunPlan(Plan& plan, const Params& params, const RunOptions& options);
  // Returns a plan after its run, for the next query with the same text.
  void ReturnPlan(std::string_view text, std::unique_ptr<Plan> plan);

  storage::GraphStore& store_;
  // Plans by query text, as Neo4j caches them: parameters are bound at run
  // time, so `$x` queries plan once. A plan is used by one query at a time
  // (PROFILE writes figures into its operators), so a busy text may hold
  // several. Plans depend on the text alone -- index seeks fall back to scans
  // at run time when the store has no index -- so no store change
  // invalidates them.
  std::mutex plans_mutex_;
  using PlanList = std::vector<std::unique_ptr<Plan>>;
  // Looks texts up without copying them into a std::string.
  struct TextHash {
    using is_transparent = void;
    size_t operator()(std::string_view text) const { return std::hash<std::string_view>{}(text); }
  };
  std::unordered_map<std::string, PlanList, TextHash, std::equal_to<>> plans_;
  size_t cached_plans_ = 0;
  std::mutex write_mutex_;
  // Projections for CALL algo.*, rebuilt after writes.
  std::unique_ptr<ProjectionCache> cache_;
  // Nodes and edges read queries fetched, until the next write.
  std::unique_ptr<RecordCache> records_;
};

}  // namespace steppe::query
