#pragma once

#include <cassert>
#include <utility>
#include <variant>

#include "core/status.h"

namespace steppe {

// Holds a T, or the non-OK Status that explains why there is none.
template <typename T>
class [[nodiscard]] Result {
 public:
  Result(T value) : state_(std::move(value)) {}  // NOLINT: implicit on purpose
  Result(Status status) : state_(std::move(status)) {  // NOLINT
    assert(!std::get<Status>(state_).ok() && "a Result needs a value or an error");
  }

  bool ok() const { return std::holds_alternative<T>(state_); }
  // The error; OK when a value is held.
  Status status() const { return ok() ? Status::OK() : std::get<Status>(state_); }

  // REQUIRES: ok()
  T& value() & { return std::get<T>(state_); }
  const T& value() const& { return std::get<T>(state_); }
  T&& value() && { return std::get<T>(std::move(state_)); }
  T& operator*() & { return value(); }
  const T& operator*() const& { return value(); }
  T&& operator*() && { return std::move(*this).value(); }
  T* operator->() { return &value(); }
  const T* operator->() const { return &value(); }

 private:
  std::variant<T, Status> state_;
};

}  // namespace steppe

// Returns early from the enclosing function when `expr` yields a non-OK Status.
#define STEPPE_RETURN_IF_ERROR(expr)          \
  do {                                        \
    ::steppe::Status steppe_status_ = (expr); \
    if (!steppe_status_.ok()) return steppe_status_; \
  } while (0)
