#pragma once

#include <algorithm>
#include <array>
#include <functional>
#include <initializer_list>
#include <map>
#include <string>
#include <string_view>
#include <variant>
#include <vector>

#include "core/model.h"
#include "core/result.h"
#include "core/value.h"
#include "query/algorithms.h"
#include "query/projection_cache.h"
#include "storage/graph_store.h"

namespace steppe::query {

// The procedures `CALL name(args) YIELD cols` reaches: algo.shortestPath,
// algo.allShortestPaths, algo.neighbourhood, algo.pageRank,
// algo.betweenness, algo.components and db.search. The executor owns the
// CALL operator; this registry only maps plain values in to rows out, so the
// executor need not know how a procedure works.
//
//   algo.shortestPath(from, to [, {types: [..], maxHops: n, direction: 'both'|'out'|'in'}])
//       YIELD path, length                     -- zero rows when unreachable
//   algo.allShortestPaths(from, to [, options]) YIELD path, length
//   algo.neighbourhood(node, k [, types | {types, direction}]) YIELD node, hops
//   algo.pageRank([{iterations, damping, types, direction}]) YIELD node, score
//   algo.betweenness([types | {types}])        YIELD node, score
//   algo.components([types | {types}])        YIELD node, component
//   db.search(text [, limit])                  YIELD node, name, score
//
// A node argument is its NodeId (an integer) or a name, resolved through
// GraphReader::FindByName (InvalidArgument when no node or several nodes
// carry it). Rows of algo.pageRank and algo.betweenness come highest first.

// Values here are stored values (core/value.h), spelled steppe::Value because
// the executor's runtime value is steppe::query::Value.

// A node in a procedure's output, by id; the executor loads what it needs.
struct NodeRef {
  NodeId id = 0;
  friend bool operator==(const NodeRef&, const NodeRef&) = default;
};

// A path in a procedure's output: nodes[0] -edges[0]- nodes[1] ...
struct PathRef {
  std::vector<NodeId> nodes;
  std::vector<EdgeId> edges;
  friend bool operator==(const PathRef&, const PathRef&) = default;
};

using ProcedureCell = std::variant<steppe::Value, NodeRef, PathRef>;

// One output row, its cells held in place: a procedure may return a row per
// node of the graph, and a heap block per row would cost more than the
// algorithm behind it.
class ProcedureRow {
 public:
  static constexpr size_t kMaxCells = 3;  // the widest signature's columns

  ProcedureRow() = default;
  // REQUIRES: cells.size() <= kMaxCells.
  ProcedureRow(std::initializer_list<ProcedureCell> cells)
      : size_(std::min(cells.size(), kMaxCells)) {
    std::copy(cells.begin(), cells.begin() + size_, cells_.begin());
  }

  size_t size() const { return size_; }
  const ProcedureCell& operator[](size_t i) const { return cells_[i]; }
  const ProcedureCell* begin() const { return cells_.data(); }
  const ProcedureCell* end() const { return cells_.data() + size_; }

 private:
  std::array<ProcedureCell, kMaxCells> cells_;
  size_t size_ = 0;
};

struct ProcedureOutput {
  std::vector<std::string> columns;
  std::vector<ProcedureRow> rows;  // each row has columns.size() cells
};

// What a call may use.
struct ProcedureContext {
  // The graph to read; REQUIRES: not null. A snapshot, so that one query sees
  // one state.
  const storage::GraphReader* reader = nullptr;
  // Shared across queries so projections are rebuilt only after a write;
  // when null, a call builds the projection it needs for itself.
  ProjectionCache* cache = nullptr;
  AlgorithmLimits limits;
};

using ProcedureFunction =
    std::function<Result<ProcedureOutput>(const std::vector<steppe::Value>& args, const ProcedureContext&)>;

struct ProcedureSignature {
  std::string name;                  // "algo.shortestPath"
  std::string arguments;             // "(from, to [, options])", for messages and docs
  std::vector<std::string> columns;  // what YIELD may name, in order
};

class ProcedureRegistry {
 public:
  // A registry holding every built-in procedure listed above.
  static const ProcedureRegistry& BuiltIn();

  // Adds (or replaces) a procedure. REQUIRES: signature.columns.size() <=
  // ProcedureRow::kMaxCells.
  void Register(ProcedureSignature signature, ProcedureFunction function);

  // The signature of `name` (case-sensitive, as in Neo4j), or nullptr.
  const ProcedureSignature* Find(std::string_view name) const;
  // Every signature, sorted by name.
  std::vector<ProcedureSignature> List() const;

  // Runs `name` with `args`. NotFound for an unknown procedure;
  // InvalidArgument naming the procedure and the argument for a wrong count
  // or kind of argument or an unknown node; ResourceExhausted / Timeout when
  // `context.limits` trip. The output's columns are the signature's.
  Result<ProcedureOutput> Call(std::string_view name, const std::vector<steppe::Value>& args,
                               const ProcedureContext& context) const;

 private:
  struct Entry {
    ProcedureSignature signature;
    ProcedureFunction function;
  };
  std::map<std::string, Entry, std::less<>> entries_;
};

}  // namespace steppe::query
