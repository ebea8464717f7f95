#pragma once

#include <string>
#include <utility>

namespace steppe {

// The outcome of an operation: OK, or an error with a code and a message.
// LevelDB's shape: OK is cheap; errors say what went wrong and where.
class [[nodiscard]] Status {
 public:
  enum class Code {
    kOk,
    kNotFound,
    kInvalidArgument,  // a user's bad input (file, option, parameter)
    kCorruption,       // stored data that does not decode or does not agree
    kIOError,
    kSyntaxError,    // query text that does not parse; line and column are set
    kSemanticError,  // a query that parses but means nothing (unknown variable, ...)
    kTypeError,
    kRuntimeError,  // a query that failed while running (division by zero, ...)
    kResourceExhausted,  // a limit was hit: memory cap, rows, nesting depth
    kTimeout,
    kUnauthorized,
    kInternal,
  };

  Status() = default;
  static Status OK() { return Status(); }
  static Status NotFound(std::string msg) { return Status(Code::kNotFound, std::move(msg)); }
  static Status InvalidArgument(std::string msg) {
    return Status(Code::kInvalidArgument, std::move(msg));
  }
  static Status Corruption(std::string msg) { return Status(Code::kCorruption, std::move(msg)); }
  static Status IOError(std::string msg) { return Status(Code::kIOError, std::move(msg)); }
  static Status SyntaxError(std::string msg, int line, int column) {
    Status s(Code::kSyntaxError, std::move(msg));
    s.line_ = line;
    s.column_ = column;
    return s;
  }
  static Status SemanticError(std::string msg) {
    return Status(Code::kSemanticError, std::move(msg));
  }
  static Status TypeError(std::string msg) { return Status(Code::kTypeError, std::move(msg)); }
  static Status RuntimeError(std::string msg) {
    return Status(Code::kRuntimeError, std::move(msg));
  }
  static Status ResourceExhausted(std::string msg) {
    return Status(Code::kResourceExhausted, std::move(msg));
  }
  static Status Timeout(std::string msg) { return Status(Code::kTimeout, std::move(msg)); }
  static Status Unauthorized(std::string msg) {
    return Status(Code::kUnauthorized, std::move(msg));
  }
  static Status Internal(std::string msg) { return Status(Code::kInternal, std::move(msg)); }

  bool ok() const { return code_ == Code::kOk; }
  bool IsNotFound() const { return code_ == Code::kNotFound; }
  bool IsInvalidArgument() const { return code_ == Code::kInvalidArgument; }
  bool IsSyntaxError() const { return code_ == Code::kSyntaxError; }
  Code code() const { return code_; }
  const std::string& message() const { return message_; }
  int line() const { return line_; }      // 1-based; 0 when not a syntax error
  int column() const { return column_; }  // 1-based; 0 when not a syntax error

  // The code's name as users see it: "SyntaxError", "NotFound", ...
  const char* CodeName() const;
  // "SyntaxError: <message>", or "OK".
  std::string ToString() const;

  // Spells out that an error is ignored on purpose, so that grep finds it.
  void IgnoreError() const {}

 private:
  Status(Code code, std::string msg) : code_(code), message_(std::move(msg)) {}

  Code code_ = Code::kOk;
  std::string message_;
  int line_ = 0;
  int column_ = 0;
};

}  // namespace steppe
