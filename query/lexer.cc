#include "query/lexer.h"

#include <cctype>

namespace steppe::query {
namespace {

constexpr size_t kMaxStringLiteral = 1 << 20;  // refuse huge literals early

bool IsIdentStart(unsigned char c) { return std::isalpha(c) || c == '_' || c >= 0x80; }
bool IsIdentPart(unsigned char c) { return std::isalnum(c) || c == '_' || c >= 0x80; }

void AppendUtf8(uint32_t cp, std::string& out) {
  if (cp < 0x80) {
    out += static_cast<char>(cp);
  } else if (cp < 0x800) {
    out += static_cast<char>(0xC0 | (cp >> 6));
    out += static_cast<char>(0x80 | (cp & 0x3F));
  } else if (cp < 0x10000) {
    out += static_cast<char>(0xE0 | (cp >> 12));
    out += static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
    out += static_cast<char>(0x80 | (cp & 0x3F));
  } else {
    out += static_cast<char>(0xF0 | (cp >> 18));
    out += static_cast<char>(0x80 | ((cp >> 12) & 0x3F));
    out += static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
    out += static_cast<char>(0x80 | (cp & 0x3F));
  }
}

class Lexer {
 public:
  explicit Lexer(std::string_view text) : text_(text) {}

  Result<std::vector<Token>> Run() {
    std::vector<Token> tokens;
    while (true) {
      Status s = SkipBlanks();
      if (!s.ok()) return s;
      Token token;
      token.begin = pos_;
      AdvanceCursor(pos_);
      token.line = cursor_line_;
      token.column = cursor_column_;
      if (pos_ >= text_.size()) {
        token.end = pos_;
        tokens.push_back(std::move(token));
        return tokens;
      }
      s = Next(token);
      if (!s.ok()) return s;
      token.end = pos_;
      tokens.push_back(std::move(token));
    }
  }

 private:
  Status Error(size_t offset, const std::string& what) {
    int line, column;
    LineColumn(text_, offset, &line, &column);
    return Status::SyntaxError(SyntaxMessage(text_, line, column, what), line, column);
  }

  Status SkipBlanks() {
    while (pos_ < text_.size()) {
      unsigned char c = text_[pos_];
      if (std::isspace(c)) {
        ++pos_;
      } else if (text_.substr(pos_, 2) == "//") {
        while (pos_ < text_.size() && text_[pos_] != '\n') ++pos_;
      } else if (text_.substr(pos_, 2) == "/*") {
        size_t close = text_.find("*/", pos_ + 2);
        if (close == std::string_view::npos) return Error(pos_, "unterminated comment");
        pos_ = close + 2;
      } else {
        break;
      }
    }
    return Status::OK();
  }

  Status Next(Token& token) {
    unsigned char c = text_[pos_];
    if (IsIdentStart(c)) {
      size_t start = pos_;
      while (pos_ < text_.size() && IsIdentPart(text_[pos_])) ++pos_;
      token.kind = TokenKind::kIdentifier;
      token.text = std::string(text_.substr(start, pos_ - start));
      return Status::OK();
    }
    if (c == '`') return QuotedName(token);
    if (std::isdigit(c) || (c == '.' && pos_ + 1 < text_.size() && std::isdigit(text_[pos_ + 1])))
      return Number(token);
    if (c == '\'' || c == '"') return String(token);
    if (c == '$') {
      size_t start = ++pos_;
      if (pos_ < text_.size() && text_[pos_] == '`') {
        Status s = QuotedName(token);
        token.kind = TokenKind::kParameter;
        return s;
      }
      while (pos_ < text_.size() && IsIdentPart(text_[pos_])) ++pos_;
      if (pos_ == start) return Error(start - 1, "expected a parameter name after '$'");
      token.kind = TokenKind::kParameter;
      token.text = std::string(text_.substr(start, pos_ - start));
      return Status::OK();
    }
    static const char* const kSymbols[] = {"..", "->", "<-", "<>", "!=", "<=", ">=", "=~", "+=",
                                           "(",  ")",  "[",  "]",  "{",  "}",  ",",  ".",  ":",
                                           ";",  "|",  "+",  "-",  "*",  "/",  "%",  "^",  "=",
                                           "<",  ">"};
    for (const char* symbol : kSymbols) {
      std::string_view s(symbol);
      if (text_.substr(pos_, s.size()) == s) {
        token.kind = TokenKind::kSymbol;
        token.text = std::string(s);
        pos_ += s.size();
        return Status::OK();
      }
    }
    return Error(pos_, std::string("unexpected character '") + static_cast<char>(c) + "'");
  }

  Status QuotedName(Token& token) {
    size_t start = pos_++;
    std::string name;
    while (true) {
      if (pos_ >= text_.size()) return Error(start, "unterminated `quoted name`");
      if (text_[pos_] == '`') {
        if (pos_ + 1 < text_.size() && text_[pos_ + 1] == '`') {  // `` is a backtick
          name += '`';
          pos_ += 2;
          continue;
        }
        ++pos_;
        break;
      }
      name += text_[pos_++];
    }
    token.kind = TokenKind::kIdentifier;
    token.quoted = true;
    token.text = std::move(name);
    return Status::OK();
  }

  Status Number(Token& token) {
    size_t start = pos_;
    if (text_.substr(pos_, 2) == "0x" || text_.substr(pos_, 2) == "0o") {
      pos_ += 2;
      while (pos_ < text_.size() && std::isalnum(static_cast<unsigned char>(text_[pos_]))) ++pos_;
      token.kind = TokenKind::kInteger;
      token.text = std::string(text_.substr(start, pos_ - start));
      return Status::OK();
    }
    bool is_float = false;
    while (pos_ < text_.size() && std::isdigit(static_cast<unsigned char>(text_[pos_]))) ++pos_;
    if (pos_ + 1 < text_.size() && text_[pos_] == '.' &&
        std::isdigit(static_cast<unsigned char>(text_[pos_ + 1]))) {
      is_float = true;
      ++pos_;
      while (pos_ < text_.size() && std::isdigit(static_cast<unsigned char>(text_[pos_]))) ++pos_;
    }
    if (pos_ < text_.size() && (text_[pos_] == 'e' || text_[pos_] == 'E')) {
      size_t save = pos_++;
      if (pos_ < text_.size() && (text_[pos_] == '-' || text_[pos_] == '+')) ++pos_;
      if (pos_ < text_.size() && std::isdigit(static_cast<unsigned char>(text_[pos_]))) {
        is_float = true;
        while (pos_ < text_.size() && std::isdigit(static_cast<unsigned char>(text_[pos_]))) ++pos_;
      } else {
        pos_ = save;
      }
    }
    // A number running straight into letters (`1a`) is not a number.
    if (pos_ < text_.size() && IsIdentStart(static_cast<unsigned char>(text_[pos_])))
      return Error(start, "invalid number literal");
    token.kind = is_float ? TokenKind::kFloat : TokenKind::kInteger;
    token.text = std::string(text_.substr(start, pos_ - start));
    return Status::OK();
  }

  Status String(Token& token) {
    char quote = text_[pos_];
    size_t start = pos_++;
    std::string value;
    while (true) {
      if (pos_ >= text_.size()) return Error(start, "unterminated string literal");
      char c = text_[pos_];
      if (c == quote) {
        ++pos_;
        break;
      }
      if (c == '\\') {
        if (pos_ + 1 >= text_.size()) return Error(start, "unterminated string literal");
        char e = text_[pos_ + 1];
        pos_ += 2;
        switch (e) {
          case '\\': value += '\\'; break;
          case '\'': value += '\''; break;
          case '"': value += '"'; break;
          case 'n': value += '\n'; break;
          case 't': value += '\t'; break;
          case 'r': value += '\r'; break;
          case 'b': value += '\b'; break;
          case 'f': value += '\f'; break;
          case 'u':
          case 'U': {
            size_t digits = e == 'u' ? 4 : 8;
            if (pos_ + digits > text_.size()) return Error(pos_ - 2, "bad unicode escape");
            uint32_t cp = 0;
            for (size_t i = 0; i < digits; ++i) {
              char h = text_[pos_ + i];
              if (!std::isxdigit(static_cast<unsigned char>(h)))
                return Error(pos_ - 2, "bad unicode escape");
              cp = cp * 16 + (std::isdigit(static_cast<unsigned char>(h))
                                  ? h - '0'
                                  : (std::tolower(static_cast<unsigned char>(h)) - 'a' + 10));
            }
            if (cp > 0x10FFFF) return Error(pos_ - 2, "bad unicode escape");
            pos_ += digits;
            AppendUtf8(cp, value);
            break;
          }
          default: return Error(pos_ - 2, std::string("invalid escape '\\") + e + "'");
        }
      } else {
        value += c;
        ++pos_;
      }
      if (value.size() > kMaxStringLiteral)
        return Error(start, "string literal longer than 1 MiB is refused");
    }
    token.kind = TokenKind::kString;
    token.text = std::move(value);
    return Status::OK();
  }

  // Moves the line/column cursor forward to `offset`, so that placing every
  // token costs the text between tokens, not the text from the start.
  void AdvanceCursor(size_t offset) {
    for (; cursor_ < offset && cursor_ < text_.size(); ++cursor_) {
      if (text_[cursor_] == '\n') {
        ++cursor_line_;
        cursor_column_ = 1;
      } else if ((static_cast<unsigned char>(text_[cursor_]) & 0xC0) != 0x80) {
        ++cursor_column_;
      }
    }
  }

  std::string_view text_;
  size_t pos_ = 0;
  size_t cursor_ = 0;
  int cursor_line_ = 1;
  int cursor_column_ = 1;
};

}  // namespace

void LineColumn(std::string_view text, size_t offset, int* line, int* column) {
  *line = 1;
  *column = 1;
  for (size_t i = 0; i < offset && i < text.size(); ++i) {
    if (text[i] == '\n') {
      ++*line;
      *column = 1;
    } else if ((static_cast<unsigned char>(text[i]) & 0xC0) != 0x80) {
      ++*column;
    }
  }
}

std::string SyntaxMessage(std::string_view text, int line, int column, const std::string& what) {
  size_t start = 0;
  for (int l = 1; l < line; ++l) {
    size_t next = text.find('\n', start);
    if (next == std::string_view::npos) break;
    start = next + 1;
  }
  size_t stop = text.find('\n', start);
  std::string_view source_line =
      text.substr(start, stop == std::string_view::npos ? std::string_view::npos : stop - start);
  if (source_line.size() > 200) source_line = source_line.substr(0, 200);
  return "syntax error at " + std::to_string(line) + ":" + std::to_string(column) + ": " + what +
         "\n" + std::string(source_line) + "\n" + std::string(column > 0 ? column - 1 : 0, ' ') +
         "^";
}

Result<std::vector<Token>> Tokenize(std::string_view text) { return Lexer(text).Run(); }

}  // namespace steppe::query
