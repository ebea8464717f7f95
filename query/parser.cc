#include "query/parser.h"

#include <algorithm>
#include <cerrno>
#include <cstdlib>
#include <limits>
#include <optional>
#include <cmath>
#include <stdexcept>
#include <strings.h>

#include "query/lexer.h"

namespace steppe::query {
namespace {

using ast::Expr;
using ast::ExprKind;
using ast::ExprPtr;
using ast::Op;

// Thrown inside the parser only; Parse() turns it into a SyntaxError.
struct ParseError {
  size_t token;
  std::string what;
};

class Parser {
 public:
  Parser(std::string_view text, std::vector<Token> tokens)
      : text_(text), tokens_(std::move(tokens)) {}

  Result<ast::Query> Run() {
    try {
      ast::Query query = ParseQuery();
      return query;
    } catch (const ParseError& e) {
      const Token& t = tokens_[std::min(e.token, tokens_.size() - 1)];
      return Status::SyntaxError(SyntaxMessage(text_, t.line, t.column, e.what), t.line, t.column);
    }
  }

 private:
  // ---- token helpers
  const Token& Peek(size_t ahead = 0) const {
    return tokens_[std::min(pos_ + ahead, tokens_.size() - 1)];
  }
  bool AtEnd() const { return Peek().kind == TokenKind::kEnd; }
  bool IsSymbol(std::string_view s, size_t ahead = 0) const {
    const Token& t = Peek(ahead);
    return t.kind == TokenKind::kSymbol && t.text == s;
  }
  bool IsKeyword(std::string_view k, size_t ahead = 0) const {
    const Token& t = Peek(ahead);
    return t.kind == TokenKind::kIdentifier && !t.quoted && t.text.size() == k.size() &&
           strncasecmp(t.text.data(), k.data(), k.size()) == 0;
  }
  bool AcceptSymbol(std::string_view s) {
    if (!IsSymbol(s)) return false;
    ++pos_;
    return true;
  }
  bool AcceptKeyword(std::string_view k) {
    if (!IsKeyword(k)) return false;
    ++pos_;
    return true;
  }
  [[noreturn]] void Fail(const std::string& expected) const {
    const Token& t = Peek();
    std::string found = t.kind == TokenKind::kEnd ? "the end of the query" : "'" + t.text + "'";
    throw ParseError{pos_, "expected " + expected + ", found " + found};
  }
  void ExpectSymbol(std::string_view s, const std::string& why = "") {
    if (!AcceptSymbol(s)) Fail("'" + std::string(s) + "'" + (why.empty() ? "" : " " + why));
  }
  void ExpectKeyword(std::string_view k) {
    if (!AcceptKeyword(k)) Fail(std::string(k));
  }
  std::string ExpectName(const std::string& what) {
    if (Peek().kind != TokenKind::kIdentifier) Fail(what);
    return tokens_[pos_++].text;
  }
  size_t LastEnd() const { return pos_ == 0 ? 0 : tokens_[pos_ - 1].end; }

  struct DepthGuard {
    explicit DepthGuard(Parser& p) : parser(p) {
      if (++parser.depth_ > kMaxNesting)
        throw ParseError{parser.pos_, "nesting deeper than " + std::to_string(kMaxNesting) +
                                          " levels is refused"};
    }
    ~DepthGuard() { --parser.depth_; }
    Parser& parser;
  };

  ExprPtr Make(ExprKind kind, size_t begin) {
    auto e = std::make_unique<Expr>();
    e->kind = kind;
    e->begin = begin;
    return e;
  }
  ExprPtr Finish(ExprPtr e) {
    e->end = LastEnd();
    return e;
  }
  ExprPtr Binary(Op op, ExprPtr left, ExprPtr right) {
    auto e = Make(ExprKind::kBinary, left->begin);
    e->op = op;
    e->args.push_back(std::move(left));
    e->args.push_back(std::move(right));
    return Finish(std::move(e));
  }
  std::string AnonName() { return "  anon_" + std::to_string(anon_++); }

  // ---- queries and clauses
  ast::Query ParseQuery() {
    ast::Query query;
    if (AcceptKeyword("EXPLAIN")) query.mode = ast::QueryMode::kExplain;
    else if (AcceptKeyword("PROFILE")) query.mode = ast::QueryMode::kProfile;
    query.parts.push_back(ParseSingle());
    while (AcceptKeyword("UNION")) {
      query.union_all.push_back(AcceptKeyword("ALL"));
      query.parts.push_back(ParseSingle());
    }
    AcceptSymbol(";");
    if (!AtEnd()) Fail("a clause or the end of the query");
    return query;
  }

  ast::SingleQuery ParseSingle() {
    ast::SingleQuery single;
    while (!AtEnd() && !IsKeyword("UNION") && !IsSymbol(";")) single.clauses.push_back(ParseClause());
    if (single.clauses.empty())
      Fail("a clause (MATCH, RETURN, CREATE, WITH, UNWIND, MERGE, CALL ...)");
    return single;
  }

  ast::Clause ParseClause() {
    ast::Clause clause;
    clause.begin = Peek().begin;
    if (AcceptKeyword("OPTIONAL")) {
      ExpectKeyword("MATCH");
      clause.optional = true;
      return ParseMatch(std::move(clause));
    }
    if (AcceptKeyword("MATCH")) return ParseMatch(std::move(clause));
    if (AcceptKeyword("UNWIND")) {
      clause.kind = ast::ClauseKind::kUnwind;
      clause.expr = ParseExpr();
      ExpectKeyword("AS");
      clause.alias = ExpectName("a variable name after AS");
      return clause;
    }
    if (AcceptKeyword("WITH")) {
      clause.kind = ast::ClauseKind::kWith;
      clause.projection = ParseProjection();
      if (AcceptKeyword("WHERE")) clause.projection.where = ParseExpr();
      return clause;
    }
    if (AcceptKeyword("RETURN")) {
      clause.kind = ast::ClauseKind::kReturn;
      clause.projection = ParseProjection();
      return clause;
    }
    if (AcceptKeyword("CREATE")) {
      clause.kind = ast::ClauseKind::kCreate;
      clause.pattern = ParsePattern();
      return clause;
    }
    if (AcceptKeyword("MERGE")) {
      clause.kind = ast::ClauseKind::kMerge;
      clause.pattern.push_back(ParsePatternPart());
      while (AcceptKeyword("ON")) {
        bool on_create = AcceptKeyword("CREATE");
        if (!on_create) ExpectKeyword("MATCH");
        ExpectKeyword("SET");
        auto items = ParseSetItems();
        auto& target = on_create ? clause.on_create : clause.on_match;
        for (auto& item : items) target.push_back(std::move(item));
      }
      return clause;
    }
    if (AcceptKeyword("SET")) {
      clause.kind = ast::ClauseKind::kSet;
      clause.set_items = ParseSetItems();
      return clause;
    }
    if (AcceptKeyword("REMOVE")) {
      clause.kind = ast::ClauseKind::kRemove;
      do {
        ast::RemoveItem item;
        size_t begin = Peek().begin;
        std::string var = ExpectName("a variable to REMOVE from");
        auto target = Make(ExprKind::kVariable, begin);
        target->name = var;
        target = Finish(std::move(target));
        if (IsSymbol(":")) {
          item.labels = ParseLabels();
          item.target = std::move(target);
        } else {
          ExpectSymbol(".", "and a property name, or ':' and labels");
          auto prop = Make(ExprKind::kProperty, begin);
          prop->name = ExpectName("a property name");
          prop->args.push_back(std::move(target));
          item.target = Finish(std::move(prop));
        }
        clause.remove_items.push_back(std::move(item));
      } while (AcceptSymbol(","));
      return clause;
    }
    if (IsKeyword("DETACH") || IsKeyword("DELETE")) {
      clause.kind = ast::ClauseKind::kDelete;
      clause.detach = AcceptKeyword("DETACH");
      ExpectKeyword("DELETE");
      do clause.delete_exprs.push_back(ParseExpr());
      while (AcceptSymbol(","));
      return clause;
    }
    if (AcceptKeyword("CALL")) return ParseCall(std::move(clause));
    Fail("a clause (MATCH, RETURN, CREATE, WITH, UNWIND, MERGE, SET, DELETE, CALL ...)");
  }

  ast::Clause ParseMatch(ast::Clause clause) {
    clause.kind = ast::ClauseKind::kMatch;
    clause.pattern = ParsePattern();
    if (AcceptKeyword("WHERE")) clause.where = ParseExpr();
    return clause;
  }

  ast::Clause ParseCall(ast::Clause clause) {
    clause.kind = ast::ClauseKind::kCall;
    clause.procedure = ExpectName("a procedure name");
    while (AcceptSymbol(".")) clause.procedure += "." + ExpectName("a procedure name part");
    if (AcceptSymbol("(")) {
      clause.has_args = true;
      if (!AcceptSymbol(")")) {
        do clause.args.push_back(ParseExpr());
        while (AcceptSymbol(","));
        ExpectSymbol(")", "to close the procedure arguments");
      }
    }
    if (AcceptKeyword("YIELD")) {
      if (AcceptSymbol("*")) {
        clause.yield_star = true;
      } else {
        do {
          ast::YieldItem item;
          item.field = ExpectName("a field name after YIELD");
          item.alias = AcceptKeyword("AS") ? ExpectName("a variable name after AS") : item.field;
          clause.yield.push_back(std::move(item));
        } while (AcceptSymbol(","));
      }
      if (AcceptKeyword("WHERE")) clause.where = ParseExpr();
    }
    return clause;
  }

  ast::Projection ParseProjection() {
    ast::Projection projection;
    projection.distinct = AcceptKeyword("DISTINCT");
    if (AcceptSymbol("*")) {
      projection.star = true;
      if (!AcceptSymbol(",")) goto tail;
    }
    do {
      ast::ProjectionItem item;
      item.expr = ParseExpr();
      if (AcceptKeyword("AS")) {
        item.alias = ExpectName("a column name after AS");
        item.has_alias = true;
      } else {
        item.alias = std::string(text_.substr(item.expr->begin, item.expr->end - item.expr->begin));
      }
      projection.items.push_back(std::move(item));
    } while (AcceptSymbol(","));
  tail:
    if (AcceptKeyword("ORDER")) {
      ExpectKeyword("BY");
      do {
        ast::SortItem item;
        item.expr = ParseExpr();
        if (AcceptKeyword("DESC") || AcceptKeyword("DESCENDING")) item.ascending = false;
        else if (AcceptKeyword("ASC") || AcceptKeyword("ASCENDING")) item.ascending = true;
        projection.order.push_back(std::move(item));
      } while (AcceptSymbol(","));
    }
    if (AcceptKeyword("SKIP")) projection.skip = ParseExpr();
    if (AcceptKeyword("LIMIT")) projection.limit = ParseExpr();
    return projection;
  }

  std::vector<ast::SetItem> ParseSetItems() {
    std::vector<ast::SetItem> items;
    do {
      ast::SetItem item;
      size_t begin = Peek().begin;
      if (IsSymbol("(")) {  // SET (n).p = ...
        ExprPtr target = ParsePostfix();
        if (target->kind != ExprKind::kProperty) Fail("a property to SET");
        item.target = std::move(target);
        ExpectSymbol("=");
        item.value = ParseExpr();
        items.push_back(std::move(item));
        continue;
      }
      std::string var = ExpectName("a variable to SET");
      auto target = Make(ExprKind::kVariable, begin);
      target->name = var;
      target = Finish(std::move(target));
      if (IsSymbol(":")) {
        item.kind = ast::SetKind::kLabels;
        item.labels = ParseLabels();
        item.target = std::move(target);
      } else if (AcceptSymbol("=")) {
        item.kind = ast::SetKind::kReplaceProps;
        item.target = std::move(target);
        item.value = ParseExpr();
      } else if (AcceptSymbol("+=")) {
        item.kind = ast::SetKind::kMergeProps;
        item.target = std::move(target);
        item.value = ParseExpr();
      } else {
        ExprPtr expr = std::move(target);
        if (!IsSymbol(".")) Fail("'.', '=', '+=' or ':' after the variable in SET");
        while (AcceptSymbol(".")) {
          auto prop = Make(ExprKind::kProperty, begin);
          prop->name = ExpectName("a property name");
          prop->args.push_back(std::move(expr));
          expr = Finish(std::move(prop));
        }
        item.kind = ast::SetKind::kProperty;
        item.target = std::move(expr);
        ExpectSymbol("=");
        item.value = ParseExpr();
      }
      items.push_back(std::move(item));
    } while (AcceptSymbol(","));
    return items;
  }

  std::vector<std::string> ParseLabels() {
    std::vector<std::string> labels;
    while (AcceptSymbol(":")) labels.push_back(ExpectName("a label name after ':'"));
    return labels;
  }

  // ---- patterns
  std::vector<ast::PatternPart> ParsePattern() {
    std::vector<ast::PatternPart> parts;
    do parts.push_back(ParsePatternPart());
    while (AcceptSymbol(","));
    return parts;
  }

  ast::PatternPart ParsePatternPart() {
    ast::PatternPart part;
    part.begin = Peek().begin;
    if (Peek().kind == TokenKind::kIdentifier && IsSymbol("=", 1)) {
      part.path_var = Peek().text;
      pos_ += 2;
    }
    bool shortest = IsKeyword("shortestPath") && IsSymbol("(", 1);
    bool all_shortest = IsKeyword("allShortestPaths") && IsSymbol("(", 1);
    if (shortest || all_shortest) {
      part.kind = shortest ? ast::PathKind::kShortest : ast::PathKind::kAllShortest;
      pos_ += 2;
      ParseChain(part);
      ExpectSymbol(")", "to close " + std::string(shortest ? "shortestPath" : "allShortestPaths"));
      return part;
    }
    ParseChain(part);
    return part;
  }

  void ParseChain(ast::PatternPart& part) {
    part.nodes.push_back(ParseNodePattern());
    while (IsSymbol("-") || IsSymbol("<-")) {
      part.rels.push_back(ParseRelPattern());
      part.nodes.push_back(ParseNodePattern());
    }
  }

  ast::NodePattern ParseNodePattern() {
    DepthGuard guard(*this);
    ast::NodePattern node;
    node.begin = Peek().begin;
    ExpectSymbol("(", "to open a node pattern");
    if (Peek().kind == TokenKind::kIdentifier && !IsSymbol(":")) node.var = tokens_[pos_++].text;
    else node.var = AnonName();
    node.labels = ParseLabels();
    if (IsSymbol("{")) node.props = ParseMapLiteral();
    else if (Peek().kind == TokenKind::kParameter) node.props = ParseAtom();
    ExpectSymbol(")", "to close the node pattern");
    return node;
  }

  ast::RelPattern ParseRelPattern() {
    ast::RelPattern rel;
    rel.begin = Peek().begin;
    bool left = AcceptSymbol("<-");
    if (!left) ExpectSymbol("-");
    rel.var = AnonName();
    if (AcceptSymbol("[")) {
      if (Peek().kind == TokenKind::kIdentifier) rel.var = tokens_[pos_++].text;
      if (AcceptSymbol(":")) {
        rel.types.push_back(ExpectName("a relationship type after ':'"));
        while (AcceptSymbol("|")) {
          AcceptSymbol(":");
          rel.types.push_back(ExpectName("a relationship type after '|'"));
        }
      }
      if (AcceptSymbol("*")) {
        rel.var_length = true;
        if (Peek().kind == TokenKind::kInteger) {
          rel.min_hops = ParseHopCount();
          rel.max_hops = rel.min_hops;
          if (AcceptSymbol(".."))
            rel.max_hops = Peek().kind == TokenKind::kInteger ? ParseHopCount() : -1;
        } else if (AcceptSymbol("..")) {
          rel.max_hops = Peek().kind == TokenKind::kInteger ? ParseHopCount() : -1;
        }
      }
      if (IsSymbol("{")) rel.props = ParseMapLiteral();
      else if (Peek().kind == TokenKind::kParameter) rel.props = ParseAtom();
      ExpectSymbol("]", "to close the relationship pattern");
    }
    bool right = AcceptSymbol("->");
    if (!right) ExpectSymbol("-", "or '->' to end the relationship pattern");
    // <--> is undirected, like --.
    rel.direction = left == right ? ast::Direction::kBoth
                                  : left ? ast::Direction::kIn : ast::Direction::kOut;
    std::sort(rel.types.begin(), rel.types.end());
    rel.types.erase(std::unique(rel.types.begin(), rel.types.end()), rel.types.end());
    return rel;
  }

  int64_t ParseHopCount() {
    const Token& t = tokens_[pos_];
    errno = 0;
    char* stop = nullptr;
    long long v = std::strtoll(t.text.c_str(), &stop, 10);
    if (errno != 0 || *stop != '\0') throw ParseError{pos_, "invalid hop count"};
    ++pos_;
    return v;
  }

  // ---- expressions
  ExprPtr ParseExpr() {
    DepthGuard guard(*this);
    return ParseOr();
  }

  ExprPtr ParseOr() {
    ExprPtr left = ParseXor();
    while (AcceptKeyword("OR")) left = Binary(Op::kOr, std::move(left), ParseXor());
    return left;
  }
  ExprPtr ParseXor() {
    ExprPtr left = ParseAnd();
    while (AcceptKeyword("XOR")) left = Binary(Op::kXor, std::move(left), ParseAnd());
    return left;
  }
  ExprPtr ParseAnd() {
    ExprPtr left = ParseNot();
    while (AcceptKeyword("AND")) left = Binary(Op::kAnd, std::move(left), ParseNot());
    return left;
  }
  ExprPtr ParseNot() {
    if (IsKeyword("NOT")) {
      DepthGuard guard(*this);
      size_t begin = Peek().begin;
      ++pos_;
      auto e = Make(ExprKind::kUnary, begin);
      e->op = Op::kNot;
      e->args.push_back(ParseNot());
      return Finish(std::move(e));
    }
    return ParseComparison();
  }

  std::optional<Op> ComparisonOp() {
    static const std::pair<const char*, Op> kOps[] = {{"=", Op::kEq},  {"<>", Op::kNe},
                                                      {"!=", Op::kNe}, {"<", Op::kLt},
                                                      {">", Op::kGt},  {"<=", Op::kLe},
                                                      {">=", Op::kGe}, {"=~", Op::kRegex}};
    for (const auto& [symbol, op] : kOps)
      if (IsSymbol(symbol)) return op;
    return std::nullopt;
  }

  // a < b < c means a < b AND b < c, as in openCypher.
  ExprPtr ParseComparison() {
    ExprPtr left = ParsePredicate();
    std::optional<Op> op = ComparisonOp();
    if (!op) return left;
    ExprPtr result;
    while (op) {
      ++pos_;
      ExprPtr right = ParsePredicate();
      ExprPtr comparison;
      if (result) {
        auto copy = CloneShallowVariable(*left);
        comparison = Binary(*op, std::move(copy), std::move(right));
        ExprPtr next_left = CloneShallowVariable(*comparison->args[1]);
        result = Binary(Op::kAnd, std::move(result), std::move(comparison));
        left = std::move(next_left);
      } else {
        comparison = Binary(*op, std::move(left), std::move(right));
        left = CloneShallowVariable(*comparison->args[1]);
        result = std::move(comparison);
      }
      op = ComparisonOp();
    }
    return result;
  }

  // Chained comparisons repeat their middle operand; re-parse it from its
  // tokens so that the tree stays a tree.
  ExprPtr CloneShallowVariable(const Expr& e) {
    size_t save = pos_;
    size_t token = 0;
    while (token < tokens_.size() && tokens_[token].begin < e.begin) ++token;
    pos_ = token;
    ExprPtr copy = ParsePredicate();
    pos_ = save;
    return copy;
  }

  ExprPtr ParsePredicate() {
    ExprPtr left = ParseAdditive();
    while (true) {
      if (IsKeyword("STARTS") && IsKeyword("WITH", 1)) {
        pos_ += 2;
        left = Binary(Op::kStartsWith, std::move(left), ParseAdditive());
      } else if (IsKeyword("ENDS") && IsKeyword("WITH", 1)) {
        pos_ += 2;
        left = Binary(Op::kEndsWith, std::move(left), ParseAdditive());
      } else if (AcceptKeyword("CONTAINS")) {
        left = Binary(Op::kContains, std::move(left), ParseAdditive());
      } else if (AcceptKeyword("IN")) {
        left = Binary(Op::kIn, std::move(left), ParseAdditive());
      } else if (IsKeyword("IS")) {
        ++pos_;
        bool negated = AcceptKeyword("NOT");
        ExpectKeyword("NULL");
        auto e = Make(ExprKind::kIsNull, left->begin);
        e->negated = negated;
        e->args.push_back(std::move(left));
        left = Finish(std::move(e));
      } else {
        return left;
      }
    }
  }

  ExprPtr ParseAdditive() {
    ExprPtr left = ParseMultiplicative();
    while (IsSymbol("+") || IsSymbol("-")) {
      Op op = IsSymbol("+") ? Op::kAdd : Op::kSub;
      ++pos_;
      left = Binary(op, std::move(left), ParseMultiplicative());
    }
    return left;
  }
  ExprPtr ParseMultiplicative() {
    ExprPtr left = ParsePower();
    while (IsSymbol("*") || IsSymbol("/") || IsSymbol("%")) {
      Op op = IsSymbol("*") ? Op::kMul : IsSymbol("/") ? Op::kDiv : Op::kMod;
      ++pos_;
      left = Binary(op, std::move(left), ParsePower());
    }
    return left;
  }
  ExprPtr ParsePower() {
    ExprPtr left = ParseUnary();
    while (AcceptSymbol("^")) left = Binary(Op::kPow, std::move(left), ParseUnary());
    return left;
  }
  ExprPtr ParseUnary() {
    if (IsSymbol("-") || IsSymbol("+")) {
      DepthGuard guard(*this);
      size_t begin = Peek().begin;
      bool minus = IsSymbol("-");
      ++pos_;
      if (minus && Peek().kind == TokenKind::kInteger && !IsPostfixAfterLiteral()) {
        auto e = Make(ExprKind::kLiteral, begin);
        e->literal = ParseIntegerToken(true);
        return Finish(std::move(e));
      }
      auto e = Make(ExprKind::kUnary, begin);
      e->op = minus ? Op::kNegate : Op::kPlus;
      e->args.push_back(ParseUnary());
      return Finish(std::move(e));
    }
    return ParsePostfix();
  }
  bool IsPostfixAfterLiteral() const { return IsSymbol("[", 1) || IsSymbol(".", 1); }

  Value ParseIntegerToken(bool negative) {
    const Token& t = tokens_[pos_];
    std::string digits = t.text;
    int base = 10;
    if (digits.rfind("0x", 0) == 0) {
      base = 16;
      digits = digits.substr(2);
    } else if (digits.rfind("0o", 0) == 0) {
      base = 8;
      digits = digits.substr(2);
    }
    if (digits.empty()) throw ParseError{pos_, "invalid number literal"};
    for (char c : digits) {
      int d = std::isdigit(static_cast<unsigned char>(c))
                  ? c - '0'
                  : (std::isalpha(static_cast<unsigned char>(c))
                         ? std::tolower(static_cast<unsigned char>(c)) - 'a' + 10
                         : 99);
      if (d >= base) throw ParseError{pos_, "invalid number literal"};
    }
    errno = 0;
    char* stop = nullptr;
    unsigned long long magnitude = std::strtoull(digits.c_str(), &stop, base);
    uint64_t limit = negative ? uint64_t{1} << 63 : (uint64_t{1} << 63) - 1;
    if (errno == ERANGE || magnitude > limit)
      throw ParseError{pos_, "integer literal is too large for a 64-bit integer"};
    ++pos_;
    if (negative)
      return Value(magnitude == (uint64_t{1} << 63) ? std::numeric_limits<int64_t>::min()
                                                    : -static_cast<int64_t>(magnitude));
    return Value(static_cast<int64_t>(magnitude));
  }

  ExprPtr ParsePostfix() {
    ExprPtr e = ParseAtom();
    while (true) {
      if (IsSymbol(".") && Peek(1).kind == TokenKind::kIdentifier) {
        ++pos_;
        auto prop = Make(ExprKind::kProperty, e->begin);
        prop->name = tokens_[pos_++].text;
        prop->args.push_back(std::move(e));
        e = Finish(std::move(prop));
      } else if (IsSymbol("[")) {
        DepthGuard guard(*this);
        ++pos_;
        ExprPtr from, to;
        bool slice = false;
        if (!IsSymbol("..")) from = ParseExpr();
        if (AcceptSymbol("..")) {
          slice = true;
          if (!IsSymbol("]")) to = ParseExpr();
        }
        ExpectSymbol("]", "to close the index");
        auto index = Make(slice ? ExprKind::kSlice : ExprKind::kIndex, e->begin);
        index->args.push_back(std::move(e));
        index->args.push_back(from ? std::move(from) : Make(ExprKind::kLiteral, 0));
        if (slice) index->args.push_back(to ? std::move(to) : Make(ExprKind::kLiteral, 0));
        e = Finish(std::move(index));
      } else if (IsSymbol(":") && Peek(1).kind == TokenKind::kIdentifier) {
        auto labels = Make(ExprKind::kHasLabels, e->begin);
        labels->keys = ParseLabels();
        labels->args.push_back(std::move(e));
        e = Finish(std::move(labels));
      } else if (IsSymbol("{") && e->kind == ExprKind::kVariable) {
        e = ParseMapProjection(std::move(e));
      } else {
        return e;
      }
    }
  }

  ExprPtr ParseMapProjection(ExprPtr subject) {
    DepthGuard guard(*this);
    auto e = Make(ExprKind::kMapProjection, subject->begin);
    e->args.push_back(std::move(subject));
    ExpectSymbol("{");
    if (!IsSymbol("}")) {
      do {
        if (AcceptSymbol(".")) {
          if (AcceptSymbol("*")) {
            e->keys.push_back("*");
            e->args.push_back(nullptr);
          } else {
            e->keys.push_back(ExpectName("a property name"));
            e->args.push_back(nullptr);
          }
        } else {
          size_t begin = Peek().begin;
          std::string key = ExpectName("a key in the map projection");
          if (AcceptSymbol(":")) {
            e->keys.push_back(key);
            e->args.push_back(ParseExpr());
          } else {
            auto var = Make(ExprKind::kVariable, begin);
            var->name = key;
            e->keys.push_back(key);
            e->args.push_back(Finish(std::move(var)));
          }
        }
      } while (AcceptSymbol(","));
    }
    ExpectSymbol("}", "to close the map projection");
    return Finish(std::move(e));
  }

  ExprPtr ParseMapLiteral() {
    DepthGuard guard(*this);
    auto e = Make(ExprKind::kMap, Peek().begin);
    ExpectSymbol("{");
    if (!IsSymbol("}")) {
      do {
        std::string key = ExpectName("a key in the map");
        ExpectSymbol(":", "after the map key");
        e->keys.push_back(key);
        e->args.push_back(ParseExpr());
      } while (AcceptSymbol(","));
    }
    ExpectSymbol("}", "to close the map");
    return Finish(std::move(e));
  }

  // Tries to read a pattern predicate at '('; restores the position when
  // the text is not one (it is then a parenthesised expression).
  ExprPtr TryPatternPredicate() {
    size_t save = pos_;
    size_t save_anon = anon_;
    try {
      auto part = std::make_shared<ast::PatternPart>();
      part->begin = Peek().begin;
      ParseChain(*part);
      if (part->rels.empty()) throw ParseError{pos_, ""};
      auto e = Make(ExprKind::kPattern, part->begin);
      e->pattern = std::move(part);
      return Finish(std::move(e));
    } catch (const ParseError&) {
      pos_ = save;
      anon_ = save_anon;
      return nullptr;
    }
  }

  ExprPtr ParseAtom() {
    DepthGuard guard(*this);
    const Token& t = Peek();
    size_t begin = t.begin;
    switch (t.kind) {
      case TokenKind::kInteger: {
        auto e = Make(ExprKind::kLiteral, begin);
        e->literal = ParseIntegerToken(false);
        return Finish(std::move(e));
      }
      case TokenKind::kFloat: {
        auto e = Make(ExprKind::kLiteral, begin);
        errno = 0;
        double d = std::strtod(t.text.c_str(), nullptr);
        if (errno == ERANGE && std::abs(d) > 1) throw ParseError{pos_, "float literal is too large"};
        e->literal = Value(d);
        ++pos_;
        return Finish(std::move(e));
      }
      case TokenKind::kString: {
        auto e = Make(ExprKind::kLiteral, begin);
        e->literal = Value(t.text);
        ++pos_;
        return Finish(std::move(e));
      }
      case TokenKind::kParameter: {
        auto e = Make(ExprKind::kParameter, begin);
        e->name = t.text;
        ++pos_;
        return Finish(std::move(e));
      }
      case TokenKind::kEnd: Fail("an expression");
      case TokenKind::kSymbol: break;
      case TokenKind::kIdentifier: return ParseNamedAtom();
    }
    if (IsSymbol("(")) {
      if (ExprPtr pattern = TryPatternPredicate()) return pattern;
      ++pos_;
      ExprPtr inner = ParseExpr();
      ExpectSymbol(")", "to close the parenthesis");
      inner->begin = begin;
      inner->end = LastEnd();
      return inner;
    }
    if (IsSymbol("[")) return ParseListOrComprehension();
    if (IsSymbol("{")) return ParseMapLiteral();
    Fail("an expression");
  }

  ExprPtr ParseListOrComprehension() {
    size_t begin = Peek().begin;
    ++pos_;
    if (Peek().kind == TokenKind::kIdentifier && IsKeyword("IN", 1)) {
      auto e = Make(ExprKind::kListComprehension, begin);
      e->name = tokens_[pos_].text;
      pos_ += 2;
      e->args.push_back(ParseExpr());
      e->args.push_back(AcceptKeyword("WHERE") ? ParseExpr() : nullptr);
      e->args.push_back(AcceptSymbol("|") ? ParseExpr() : nullptr);
      ExpectSymbol("]", "to close the list comprehension");
      return Finish(std::move(e));
    }
    auto e = Make(ExprKind::kList, begin);
    if (!IsSymbol("]")) {
      do e->args.push_back(ParseExpr());
      while (AcceptSymbol(","));
    }
    ExpectSymbol("]", "to close the list");
    return Finish(std::move(e));
  }

  ExprPtr ParseNamedAtom() {
    size_t begin = Peek().begin;
    const Token& t = Peek();
    if (!t.quoted) {
      if (IsKeyword("true") || IsKeyword("false")) {
        auto e = Make(ExprKind::kLiteral, begin);
        e->literal = Value(IsKeyword("true"));
        ++pos_;
        return Finish(std::move(e));
      }
      if (IsKeyword("null")) {
        ++pos_;
        return Finish(Make(ExprKind::kLiteral, begin));
      }
      if (IsKeyword("CASE")) return ParseCase();
      if ((IsKeyword("all") || IsKeyword("any") || IsKeyword("none") || IsKeyword("single")) &&
          IsSymbol("(", 1) && Peek(2).kind == TokenKind::kIdentifier && IsKeyword("IN", 3)) {
        auto e = Make(ExprKind::kQuantifier, begin);
        e->name = t.text;
        for (char& c : e->name) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
        pos_ += 2;
        e->keys.push_back(tokens_[pos_].text);
        pos_ += 2;
        e->args.push_back(ParseExpr());
        e->args.push_back(AcceptKeyword("WHERE") ? ParseExpr() : nullptr);
        ExpectSymbol(")", "to close the quantifier");
        return Finish(std::move(e));
      }
    }
    // A function call: name or namespace.name followed by '('.
    size_t ahead = 1;
    while (IsSymbol(".", ahead) && Peek(ahead + 1).kind == TokenKind::kIdentifier) ahead += 2;
    if (IsSymbol("(", ahead)) {
      auto e = Make(ExprKind::kFunction, begin);
      e->name = tokens_[pos_].text;
      for (size_t i = 2; i < ahead; i += 2) e->name += "." + tokens_[pos_ + i].text;
      pos_ += ahead + 1;
      e->distinct = AcceptKeyword("DISTINCT");
      if (AcceptSymbol("*")) {
        e->star = true;
      } else if (!IsSymbol(")")) {
        do e->args.push_back(ParseExpr());
        while (AcceptSymbol(","));
      }
      ExpectSymbol(")", "to close the arguments of " + e->name + "()");
      return Finish(std::move(e));
    }
    auto e = Make(ExprKind::kVariable, begin);
    e->name = t.text;
    ++pos_;
    return Finish(std::move(e));
  }

  ExprPtr ParseCase() {
    size_t begin = Peek().begin;
    ++pos_;
    auto e = Make(ExprKind::kCase, begin);
    if (!IsKeyword("WHEN")) {
      e->has_subject = true;
      e->args.push_back(ParseExpr());
    }
    if (!IsKeyword("WHEN")) Fail("WHEN");
    while (AcceptKeyword("WHEN")) {
      e->args.push_back(ParseExpr());
      ExpectKeyword("THEN");
      e->args.push_back(ParseExpr());
    }
    if (AcceptKeyword("ELSE")) {
      e->has_else = true;
      e->args.push_back(ParseExpr());
    }
    ExpectKeyword("END");
    return Finish(std::move(e));
  }

  std::string_view text_;
  std::vector<Token> tokens_;
  size_t pos_ = 0;
  int depth_ = 0;
  size_t anon_ = 0;
};

// The value of a constant expression: literals, lists, maps, unary minus.
std::optional<Value> ConstantOf(const Expr& e) {
  switch (e.kind) {
    case ExprKind::kLiteral: return e.literal;
    case ExprKind::kList: {
      Value::List list;
      for (const auto& arg : e.args) {
        std::optional<Value> v = ConstantOf(*arg);
        if (!v) return std::nullopt;
        list.push_back(std::move(*v));
      }
      return Value(std::move(list));
    }
    case ExprKind::kMap: {
      Value::Map map;
      for (size_t i = 0; i < e.keys.size(); ++i) {
        std::optional<Value> v = ConstantOf(*e.args[i]);
        if (!v) return std::nullopt;
        map[e.keys[i]] = std::move(*v);
      }
      return Value(std::move(map));
    }
    case ExprKind::kUnary: {
      std::optional<Value> v = ConstantOf(*e.args[0]);
      if (!v || e.op != Op::kNegate) return std::nullopt;
      if (v->is_int()) return Value(-v->as_int());
      if (v->is_double()) return Value(-v->as_double());
      return std::nullopt;
    }
    default: return std::nullopt;
  }
}

}  // namespace

Result<Value> ParseLiteral(std::string_view text) {
  std::string query = "RETURN " + std::string(text);
  Result<ast::Query> parsed = Parse(query);
  if (!parsed.ok()) return parsed.status();
  const auto& clauses = parsed->parts[0].clauses;
  if (parsed->parts.size() != 1 || clauses.size() != 1 ||
      clauses[0].projection.items.size() != 1)
    return Status::SyntaxError("expected one literal value", 1, 1);
  std::optional<Value> value = ConstantOf(*clauses[0].projection.items[0].expr);
  if (!value) return Status::SyntaxError("expected a literal value, not an expression", 1, 1);
  return *value;
}

Result<ast::Query> Parse(std::string_view text) {
  Result<std::vector<Token>> tokens = Tokenize(text);
  if (!tokens.ok()) return tokens.status();
  return Parser(text, std::move(*tokens)).Run();
}

}  // namespace steppe::query
