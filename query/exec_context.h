#pragma once

#include <chrono>
#include <cstdint>
#include <map>
#include <memory>
#include <string>
#include <vector>

#include "core/status.h"
#include "query/engine.h"
#include "query/projection_cache.h"
#include "query/txn.h"
#include "query/value.h"

namespace steppe::query {

// Ends a query from deep inside the executor; Engine::Run catches it. The
// executor is one stage, so throwing inside it is allowed (STYLE.md).
struct QueryError {
  Status status;
};

[[noreturn]] inline void ThrowTypeError(std::string message) {
  throw QueryError{Status::TypeError(std::move(message))};
}
[[noreturn]] inline void ThrowRuntimeError(std::string message) {
  throw QueryError{Status::RuntimeError(std::move(message))};
}
[[noreturn]] inline void ThrowSemanticError(std::string message) {
  throw QueryError{Status::SemanticError(std::move(message))};
}

using Row = std::vector<Value>;

// What every operator of one query shares: the graph, the parameters and
// the limits.
class ExecContext {
 public:
  ExecContext(Txn& txn, const Params& params, const RunOptions& options)
      : txn_(txn), params_(params), options_(options) {
    if (options.timeout) deadline_ = std::chrono::steady_clock::now() + *options.timeout;
    memory_cap_ = options.max_memory_bytes ? options.max_memory_bytes : (uint64_t{1} << 30);
  }

  Txn& txn() { return txn_; }
  // Projections shared across queries for CALL algo.*; may be null.
  ProjectionCache* cache() const { return cache_; }
  void set_cache(ProjectionCache* cache) { cache_ = cache; }
  std::chrono::steady_clock::time_point deadline() const {
    return deadline_.value_or(std::chrono::steady_clock::time_point::max());
  }
  uint64_t memory_cap() const { return memory_cap_; }
  const Params& params() const { return params_; }
  const RunOptions& options() const { return options_; }
  // PROFILE: operators are timed (a clock read costs as much as a small
  // operator, so other queries skip it).
  bool profiling() const { return profiling_; }
  void set_profiling(bool profiling) { profiling_ = profiling; }

  // Throws Timeout once the deadline has passed; cheap enough to call per row.
  void CheckDeadline() {
    if (!deadline_ || (++ticks_ & 0xFF) != 0) return;
    if (std::chrono::steady_clock::now() > *deadline_)
      throw QueryError{Status::Timeout("the query ran past its time limit")};
  }
  // Charges `bytes` of intermediate state; throws ResourceExhausted past the cap.
  void Charge(uint64_t bytes) {
    used_memory_ += bytes;
    if (used_memory_ > memory_cap_)
      throw QueryError{Status::ResourceExhausted(
          "the query needs more than " + std::to_string(memory_cap_ >> 20) +
          " MiB of intermediate state; narrow the pattern or add a LIMIT")};
  }
  void Release(uint64_t bytes) { used_memory_ -= std::min(bytes, used_memory_); }

  // The cached topology projection of the graph this query reads, when it
  // may stand in for the store: the query is read-only (its snapshot never
  // changes) and the cache holds the projection of that snapshot. With
  // `build`, builds it when missing (for operators that read the whole
  // graph); otherwise null when it is not built yet. The same projection is
  // returned for the rest of the query.
  const Projection* Topology(bool build) {
    if (topology_ || (topology_checked_ && !build)) return topology_.get();
    topology_checked_ = true;
    if (cache_ == nullptr || txn_.writable()) return nullptr;
    if (!build) {
      topology_ = cache_->Peek(txn_.base());
      return topology_.get();
    }
    Result<std::shared_ptr<const Projection>> built = cache_->Get(txn_.base());
    if (!built.ok()) throw QueryError{built.status()};
    topology_ = std::move(built).value();
    return topology_.get();
  }
  // Topology() keeping only the relationship types `types` (same vertices),
  // derived once from it and cached with it.
  // REQUIRES: Topology() returned non-null.
  const Projection& TypedTopology(const std::vector<std::string>& types) {
    auto it = typed_topology_.find(types);
    if (it != typed_topology_.end()) return *it->second;
    Result<std::shared_ptr<const Projection>> typed = cache_->Get(txn_.base(), types);
    if (!typed.ok()) throw QueryError{typed.status()};
    return *typed_topology_.emplace(types, std::move(typed).value()).first->second;
  }
  // For each vertex of Topology(), whether its node carries `label`.
  // REQUIRES: Topology() returned non-null.
  const std::vector<bool>& LabelMarks(const std::string& label) {
    auto it = label_marks_.find(label);
    if (it != label_marks_.end()) return *it->second;
    Result<std::shared_ptr<const std::vector<bool>>> marks =
        cache_->LabelVertices(txn_.base(), *topology_, label);
    if (!marks.ok()) throw QueryError{marks.status()};
    return *label_marks_.emplace(label, std::move(marks).value()).first->second;
  }

 private:
  Txn& txn_;
  const Params& params_;
  const RunOptions& options_;
  std::optional<std::chrono::steady_clock::time_point> deadline_;
  uint64_t ticks_ = 0;
  uint64_t used_memory_ = 0;
  uint64_t memory_cap_ = 0;
  bool profiling_ = false;
  ProjectionCache* cache_ = nullptr;
  std::shared_ptr<const Projection> topology_;
  bool topology_checked_ = false;  // the cache was asked once (ask once per query)
  std::map<std::string, std::shared_ptr<const std::vector<bool>>> label_marks_;
  std::map<std::vector<std::string>, std::shared_ptr<const Projection>> typed_topology_;
};

}  // namespace steppe::query
