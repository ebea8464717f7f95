#include <doctest/doctest.h>

#include <string>

#include "query/engine.h"
#include "query/format.h"
#include "query/parser.h"
#include "storage/mem_store.h"

namespace steppe::query {
namespace {

// Runs `text` and renders the rows as "a, b; c, d", or the error.
std::string Rows(Engine& engine, const std::string& text, const Params& params = {},
                 const RunOptions& options = {}) {
  Result<QueryResult> result = engine.Run(text, params, options);
  if (!result.ok()) return result.status().ToString();
  std::string out;
  for (const auto& row : result->rows) {
    if (!out.empty()) out += "; ";
    for (size_t i = 0; i < row.size(); ++i) out += (i ? ", " : "") + FormatValue(row[i]);
  }
  return out;
}

}  // namespace

TEST_CASE("query: a syntax error points at its line and column with a caret") {
  storage::MemStore store;
  Engine engine(store);
  Result<QueryResult> result = engine.Run("MATCH (a)\nRETURN a.name AS");
  REQUIRE_FALSE(result.ok());
  CHECK(result.status().IsSyntaxError());
  CHECK(result.status().line() == 2);
  CHECK(result.status().column() == 17);
  CHECK(result.status().message() ==
        "syntax error at 2:17: expected a column name after AS, found the end of the query\n"
        "RETURN a.name AS\n"
        "                ^");
}

TEST_CASE("query: deep nesting and huge inputs are refused, not a crash") {
  storage::MemStore store;
  Engine engine(store);
  std::string deep = "RETURN " + std::string(5000, '(') + "1" + std::string(5000, ')');
  Result<QueryResult> result = engine.Run(deep);
  REQUIRE_FALSE(result.ok());
  CHECK(result.status().message().find("nesting deeper than 200") != std::string::npos);
  std::string lists = "RETURN " + std::string(100000, '[') + std::string(100000, ']');
  CHECK_FALSE(engine.Run(lists).ok());
  CHECK(engine.Run("RETURN " + std::string(5 << 20, '1')).status().IsInvalidArgument());
  CHECK(Rows(engine, "RETURN 1 " + std::string(3000, '+') + " 1").find("nesting") != std::string::npos);
  std::string huge_string = "RETURN '" + std::string(2 << 20, 'x') + "'";
  CHECK(Rows(engine, huge_string).find("longer than 1 MiB") != std::string::npos);
}

TEST_CASE("query: parameters bind anywhere a value can stand") {
  storage::MemStore store;
  Engine engine(store);
  REQUIRE(engine.Run("CREATE (:City {name: 'Astana', pop: 1350000}), (:City {name: 'Almaty', pop: 2200000})").ok());
  Params params{{"min", Value(int64_t{2000000})}, {"n", Value(int64_t{1})}};
  CHECK(Rows(engine, "MATCH (c:City) WHERE c.pop > $min RETURN c.name LIMIT $n", params) == "'Almaty'");
  CHECK(Rows(engine, "RETURN $missing") == "SemanticError: parameter $missing is missing");
  Result<Value> literal = ParseLiteral("[1, 'a', {k: -2.5}]");
  REQUIRE(literal.ok());
  CHECK(FormatValue(*literal) == "[1, 'a', {k: -2.5}]");
  CHECK_FALSE(ParseLiteral("1 + x").ok());
}

TEST_CASE("query: limits end a query with a clear status") {
  storage::MemStore store;
  Engine engine(store);
  RunOptions rows;
  rows.max_rows = 10;
  CHECK(engine.Run("UNWIND range(1, 100) AS x RETURN x", {}, rows).status().code() ==
        Status::Code::kResourceExhausted);
  RunOptions memory;
  memory.max_memory_bytes = 1 << 20;
  CHECK(engine.Run("UNWIND range(1, 1000) AS x UNWIND range(1, 1000) AS y RETURN count(*)", {}, memory)
            .status()
            .code() == Status::Code::kResourceExhausted);
  RunOptions deadline;
  deadline.timeout = std::chrono::milliseconds(50);
  CHECK(engine.Run("UNWIND range(1, 3000) AS x UNWIND range(1, 3000) AS y RETURN count(*)", {}, deadline)
            .status()
            .code() == Status::Code::kTimeout);
  RunOptions read_only;
  read_only.read_only = true;
  CHECK(engine.Run("CREATE (:X)", {}, read_only).status().IsInvalidArgument());
}

TEST_CASE("query: a write query is one atomic batch") {
  storage::MemStore store;
  Engine engine(store);
  uint64_t before = store.Version();
  Result<QueryResult> created = engine.Run("UNWIND range(1, 5) AS i CREATE (:N {i: i})-[:NEXT]->(:N)");
  REQUIRE(created.ok());
  CHECK(store.Version() == before + 1);
  CHECK(FormatStats(created->stats) ==
        "10 nodes created, 5 relationships created, 5 properties set, 10 labels added");
  CHECK_FALSE(engine.Run("MATCH (n:N) SET n.j = 1 WITH n RETURN n.i / 0").ok());
  CHECK(Rows(engine, "MATCH (n:N) WHERE n.j IS NOT NULL RETURN count(n)") == "0");
  CHECK(Rows(engine, "MATCH (a:N)-[:NEXT]->(b) RETURN count(*)") == "5");
}

TEST_CASE("query: variable-length and shortest paths keep a visited set") {
  storage::MemStore store;
  Engine engine(store);
  // A complete graph on 12 nodes: paths explode, shortest paths do not.
  REQUIRE(engine.Run("UNWIND range(1, 12) AS i CREATE (:K {i: i})").ok());
  REQUIRE(engine.Run("MATCH (a:K), (b:K) WHERE a.i < b.i CREATE (a)-[:E]->(b)").ok());
  CHECK(Rows(engine,
             "MATCH p = shortestPath((a:K {i: 1})-[:E*]-(b:K {i: 12})) RETURN length(p)") == "1");
  CHECK(Rows(engine,
             "MATCH p = allShortestPaths((a:K {i: 1})-[:E*]->(b:K {i: 12})) RETURN count(p)") == "1");
  RunOptions limited;
  limited.timeout = std::chrono::milliseconds(200);
  Result<QueryResult> exploding =
      engine.Run("MATCH p = (a:K {i: 1})-[:E*]-(b) RETURN count(p)", {}, limited);
  CHECK_FALSE(exploding.ok());
}

TEST_CASE("query: PROFILE reports rows and time per operator") {
  storage::MemStore store;
  Engine engine(store);
  REQUIRE(engine.Run("CREATE (:A)-[:R]->(:B), (:A)").ok());
  Result<QueryResult> profile = engine.Run("PROFILE MATCH (a:A) RETURN count(a)");
  REQUIRE(profile.ok());
  CHECK(profile->plan.find("NodeByLabelScan(a:A)") != std::string::npos);
  CHECK(profile->plan.find("Aggregate count(a)  [rows=1,") != std::string::npos);
  CHECK(profile->rows.size() == 1);
}

TEST_CASE("query: results render as a table, CSV and JSON") {
  storage::MemStore store;
  Engine engine(store);
  Result<QueryResult> result =
      engine.Run("CREATE (n:City {name: 'Astana'}) RETURN n, n.name AS name, [1, 2] AS l");
  REQUIRE(result.ok());
  CHECK(FormatCsv(*result) == "n,name,l\n(:City {name: 'Astana'}),Astana,\"[1, 2]\"\n");
  CHECK(FormatJson(*result).rfind(
            "{\"columns\":[\"n\",\"name\",\"l\"],\"rows\":[[{\"id\":1,\"labels\":[\"City\"],"
            "\"properties\":{\"name\":\"Astana\"}},\"Astana\",[1,2]]]",
            0) == 0);
  CHECK(FormatTable(*result).find("| (:City {name: 'Astana'}) | 'Astana' | [1, 2] |") !=
        std::string::npos);
}

}  // namespace steppe::query
