#pragma once

#include <chrono>
#include <cstdint>
#include <string>
#include <vector>

#include "core/status.h"
#include "query/engine.h"
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
class ProjectionCache;

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

 private:
  Txn& txn_;
  const Params& params_;
  const RunOptions& options_;
  std::optional<std::chrono::steady_clock::time_point> deadline_;
  uint64_t ticks_ = 0;
  uint64_t used_memory_ = 0;
  uint64_t memory_cap_ = 0;
  ProjectionCache* cache_ = nullptr;
};

}  // namespace steppe::query
