#pragma once

#include <string_view>

#include "core/result.h"
#include "query/ast.h"

// The openCypher subset Steppe reads, as EBNF (keywords are case-insensitive):
//
//   query      = [ "EXPLAIN" | "PROFILE" ] single { "UNION" [ "ALL" ] single } [ ";" ]
//   single     = clause { clause }
//   clause     = [ "OPTIONAL" ] "MATCH" pattern [ "WHERE" expr ]
//              | "UNWIND" expr "AS" name
//              | "WITH" projection [ "WHERE" expr ]  |  "RETURN" projection
//              | "CREATE" pattern  |  "MERGE" part { "ON" ("CREATE"|"MATCH") "SET" sets }
//              | "SET" sets  |  "REMOVE" removes  |  [ "DETACH" ] "DELETE" expr { "," expr }
//              | "CALL" qualified [ "(" [ expr { "," expr } ] ")" ]
//                [ "YIELD" ( "*" | name [ "AS" name ] { "," ... } ) [ "WHERE" expr ] ]
//   projection = [ "DISTINCT" ] ( "*" [ "," items ] | items )
//                [ "ORDER" "BY" expr [ "ASC" | "DESC" ] { "," ... } ] [ "SKIP" expr ] [ "LIMIT" expr ]
//   items      = expr [ "AS" name ] { "," expr [ "AS" name ] }
//   pattern    = part { "," part }
//   part       = [ name "=" ] ( ( "shortestPath" | "allShortestPaths" ) "(" chain ")" | chain )
//   chain      = node { rel node }
//   node       = "(" [ name ] { ":" name } [ map | param ] ")"
//   rel        = ( "<-" | "-" ) [ "[" [ name ] [ ":" name { "|" [ ":" ] name } ]
//                [ "*" [ int ] [ ".." [ int ] ] ] [ map | param ] "]" ] ( "->" | "-" )
//   sets       = set { "," set };  set = prop "=" expr | name ( "=" | "+=" ) expr | name labels
//   expr       = or;  or = xor { "OR" xor };  xor = and { "XOR" and };  and = not { "AND" not }
//   not        = { "NOT" } comparison;  comparison = predicate { ( "=" | "<>" | "<" | ... | "=~" ) predicate }
//   predicate  = additive { "STARTS WITH" additive | "ENDS WITH" additive | "CONTAINS" additive
//                         | "IN" additive | "IS" [ "NOT" ] "NULL" | labels }
//   additive   = mult { ("+"|"-") mult };  mult = power { ("*"|"/"|"%") power };  power = unary { "^" unary }
//   unary      = ( "-" | "+" ) unary | postfix;  postfix = atom { "." name | "[" expr "]" | "[" [expr] ".." [expr] "]" | labels }
//   atom       = literal | param | list | map | "CASE" ... "END" | name "(" [ "DISTINCT" ] args ")"
//              | "count" "(" "*" ")" | "[" name "IN" expr [ "WHERE" expr ] [ "|" expr ] "]"
//              | ( "all" | "any" | "none" | "single" ) "(" name "IN" expr "WHERE" expr ")"
//              | chain (as a predicate) | "(" expr ")" | name
namespace steppe::query {

// Nesting deeper than this (parentheses, lists, maps, CASE ...) is refused
// with a SyntaxError rather than risking the stack.
inline constexpr int kMaxNesting = 200;

// Parses one query. SyntaxError with line, column, a caret line and what was
// expected.
Result<ast::Query> Parse(std::string_view text);

// Reads one constant in Cypher's literal syntax (42, -1.5, 'text', true,
// null, [1, 'a'], {k: 1}); for --param values. SyntaxError when the text is
// not a literal.
Result<Value> ParseLiteral(std::string_view text);

}  // namespace steppe::query
