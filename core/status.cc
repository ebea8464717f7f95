#include "core/status.h"

namespace steppe {

const char* Status::CodeName() const {
  switch (code_) {
    case Code::kOk: return "OK";
    case Code::kNotFound: return "NotFound";
    case Code::kInvalidArgument: return "InvalidArgument";
    case Code::kCorruption: return "Corruption";
    case Code::kIOError: return "IOError";
    case Code::kSyntaxError: return "SyntaxError";
    case Code::kSemanticError: return "SemanticError";
    case Code::kTypeError: return "TypeError";
    case Code::kRuntimeError: return "RuntimeError";
    case Code::kResourceExhausted: return "ResourceExhausted";
    case Code::kTimeout: return "Timeout";
    case Code::kUnauthorized: return "Unauthorized";
    case Code::kInternal: return "Internal";
  }
  return "Unknown";
}

std::string Status::ToString() const {
  if (ok()) return "OK";
  return std::string(CodeName()) + ": " + message_;
}

}  // namespace steppe
