#pragma once

#include <chrono>
#include <cstdint>
#include <map>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/result.h"
#include "query/value.h"
#include "storage/graph_store.h"

namespace steppe::query {

class ProjectionCache;

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
  storage::GraphStore& store_;
  std::mutex write_mutex_;
  // Projections for CALL algo.*, rebuilt after writes.
  std::unique_ptr<ProjectionCache> cache_;
};

}  // namespace steppe::query
