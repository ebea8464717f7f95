#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "core/result.h"

namespace steppe::query {

// Tokens of openCypher. Keywords are not tokens of their own: they arrive as
// kIdentifier and the parser matches them case-insensitively, so that a
// keyword can also name a property or a label (`n.count`, `:Match`).
enum class TokenKind {
  kEnd,
  kIdentifier,         // name, or `quoted name` (quoted is set)
  kInteger,            // decimal, 0x hex or 0o octal; text holds the digits as written
  kFloat,
  kString,             // text holds the unescaped value
  kParameter,          // $name; text holds the name
  kSymbol,             // punctuation and operators: ( ) -> <= =~ .. etc.
};

struct Token {
  TokenKind kind = TokenKind::kEnd;
  std::string text;
  bool quoted = false;  // a `backtick-quoted` identifier
  size_t begin = 0;     // byte offsets into the query text
  size_t end = 0;
  int line = 1;         // 1-based
  int column = 1;       // 1-based, in code points
};

// Splits a query into tokens, dropping blanks and // and /* */ comments.
// SyntaxError for an unterminated string or comment, a bad escape, or a
// character that starts no token; the message carries a caret line.
Result<std::vector<Token>> Tokenize(std::string_view text);

// "syntax error at L:C: <what>\n<the line>\n<caret under column C>"
std::string SyntaxMessage(std::string_view text, int line, int column, const std::string& what);

// The 1-based line and column of byte `offset` in `text`.
void LineColumn(std::string_view text, size_t offset, int* line, int* column);

}  // namespace steppe::query
