// The planner's rewrites and the executor's fast paths give the answers of
// the plain plans they replace.
#include <doctest/doctest.h>

#include <algorithm>
#include <string>
#include <vector>

#include "core/mutation.h"
#include "query/engine.h"
#include "query/format.h"
#include "storage/mem_store.h"

namespace steppe::query {
namespace {

// The rows of `text`, each rendered "a, b", in the order the query gives
// them; or the error.
std::vector<std::string> OrderedRows(Engine& engine, const std::string& text,
                                     const Params& params = {}) {
  Result<QueryResult> result = engine.Run(text, params);
  if (!result.ok()) return {result.status().ToString()};
  std::vector<std::string> out;
  for (const auto& row : result->rows) {
    std::string line;
    for (size_t i = 0; i < row.size(); ++i) line += (i ? ", " : "") + FormatValue(row[i]);
    out.push_back(line);
  }
  return out;
}

// The rows of `text`, each rendered "a, b", sorted; or the error.
std::vector<std::string> SortedRows(Engine& engine, const std::string& text,
                                    const Params& params = {}) {
  std::vector<std::string> out = OrderedRows(engine, text, params);
  std::sort(out.begin(), out.end());
  return out;
}

std::string Explain(Engine& engine, const std::string& text) {
  Result<QueryResult> result = engine.Run("EXPLAIN " + text);
  return result.ok() ? result->plan : result.status().ToString();
}

// Officials a..d and a body x. MET: a-b, a->c, c->a, a self-loop on a, a->x
// (a non-Official far end), d->a; b-[:KNOWS]->c is another type.
void MakeGraph(Engine& engine) {
  Result<QueryResult> made = engine.Run(
      "CREATE (a:Official {name: 'a', id: 1}), (b:Official {name: 'b', id: 2}), "
      "(c:Official {name: 'c', id: 3}), (d:Official:Person {name: 'd', id: 4}), "
      "(x:Body {name: 'x'}), "
      "(a)-[:MET]->(b), (a)-[:MET]->(c), (c)-[:MET]->(a), (a)-[:MET]->(a), (a)-[:MET]->(x), "
      "(d)-[:MET]->(a), (b)-[:KNOWS]->(c)");
  REQUIRE(made.ok());
}

}  // namespace

TEST_CASE("query plan: degree counts equal counting the matched rows") {
  storage::MemStore store;
  Engine engine(store);
  MakeGraph(engine);
  // Each pair: the rewritten form, and the same question written so that the
  // rewrite does not apply (the far node named, or a WHERE).
  const std::pair<std::string, std::string> pairs[] = {
      {"MATCH (o:Official)-[:MET]-(:Official) RETURN o.name, count(*) AS deg",
       "MATCH (o:Official)-[:MET]-(f:Official) RETURN o.name, count(*) AS deg"},
      {"MATCH (o:Official)-[:MET]->(:Official) RETURN o.name, count(*) AS deg",
       "MATCH (o:Official)-[:MET]->(f:Official) RETURN o.name, count(*) AS deg"},
      {"MATCH (:Official)-[:MET]->(o:Official) RETURN o.name, count(*) AS deg",
       "MATCH (f:Official)-[:MET]->(o:Official) RETURN o.name, count(*) AS deg"},
      {"MATCH (o)<-[:MET]-() RETURN o.name, count(*) AS deg",
       "MATCH (o)<-[:MET]-() WHERE true RETURN o.name, count(*) AS deg"},
      {"MATCH (o:Official)--(:Official:Person) RETURN o.id, count(*) AS deg",
       "MATCH (o:Official)--(f:Official:Person) RETURN o.id, count(*) AS deg"},
      {"MATCH (o:Official)-[:MET|KNOWS]-() RETURN o.id % 2 AS parity, count(*) AS deg",
       "MATCH (o:Official)-[:MET|KNOWS]-(f) RETURN o.id % 2 AS parity, count(*) AS deg"},
      {"MATCH (o:Official)-[:MET]-(:Official) RETURN count(*) AS total",
       "MATCH (o:Official)-[:MET]-(f:Official) RETURN count(*) AS total"},
      {"MATCH (o:Nobody)-[:MET]-() RETURN count(*) AS total",
       "MATCH (o:Nobody)-[:MET]-(f) RETURN count(*) AS total"},
  };
  for (const auto& [fast, plain] : pairs) {
    CAPTURE(fast);
    CHECK(Explain(engine, fast).find("DegreeCount") != std::string::npos);
    CHECK(Explain(engine, plain).find("DegreeCount") == std::string::npos);
    CHECK(SortedRows(engine, fast) == SortedRows(engine, plain));
  }
  // The undirected degree of a: b, c twice (a->c and c->a), the self-loop
  // once, d; x is no Official.
  CHECK(SortedRows(engine, pairs[0].first) ==
        std::vector<std::string>{"'a', 5", "'b', 1", "'c', 2", "'d', 1"});
  CHECK(SortedRows(engine, pairs[6].first) == std::vector<std::string>{"9"});
  CHECK(SortedRows(engine, pairs[7].first) == std::vector<std::string>{"0"});
}

TEST_CASE("query plan: a degree count inside a write query reads the query's own writes") {
  storage::MemStore store;
  Engine engine(store);
  MakeGraph(engine);
  const std::string write =
      "MATCH (o:Official)-[:MET]-(:Official) WITH o, count(*) AS deg SET o.deg = deg "
      "RETURN o.name, deg";
  CHECK(Explain(engine, write).find("DegreeCount") != std::string::npos);
  CHECK(SortedRows(engine, write) ==
        std::vector<std::string>{"'a', 5", "'b', 1", "'c', 2", "'d', 1"});
  CHECK(SortedRows(engine, "MATCH (o:Official) RETURN o.name, o.deg") ==
        std::vector<std::string>{"'a', 5", "'b', 1", "'c', 2", "'d', 1"});
}

TEST_CASE("query plan: grouping by properties sums the degrees of nodes that share them") {
  storage::MemStore store;
  Engine engine(store);
  REQUIRE(engine.Run("CREATE (:P {g: 1})-[:T]->(:P {g: 1})-[:T]->(:P {g: 2}), "
                     "(:P {g: 1.0})-[:T]->(:P {g: 2})").ok());
  const std::string fast = "MATCH (n:P)-[:T]-(:P) RETURN n.g AS g, count(*) AS c";
  CHECK(Explain(engine, fast).find("DegreeCount") != std::string::npos);
  // 1 and 1.0 are different grouping keys.
  CHECK(SortedRows(engine, fast) == std::vector<std::string>{"1, 3", "1.0, 1", "2, 2"});
}

TEST_CASE("query plan: degree groups keyed by several properties merge nodes with equal keys") {
  storage::MemStore store;
  Engine engine(store);
  // Two distinct nodes share id 1 and name 'a'; one shares the id but not the
  // name; one lacks a name (a null key), one holds a list; another pair of
  // them lacks both properties.
  REQUIRE(engine.Run("CREATE (a1:P {id: 1, name: 'a'}), (a2:P {id: 1, name: 'a'}), "
                     "(b:P {id: 1, name: 'b'}), (c:P {id: 2}), (d:P {id: [1, 2], name: 'd'}), "
                     "(e:P {id: [1, 2], name: 'd'}), (f:P), (g:P), "
                     "(a1)-[:T]->(b), (a2)-[:T]->(c), (a2)-[:T]->(d), (c)-[:T]->(c), "
                     "(d)-[:T]->(e), (e)-[:T]->(f), (g)-[:T]->(a1)").ok());
  const std::string fast =
      "MATCH (n:P)-[:T]-(:P) RETURN n.id AS id, n.name AS name, count(*) AS c, "
      "count(*) * 10 + size(coalesce(n.name, '')) AS w";
  const std::string plain =
      "MATCH (n:P)-[:T]-(m:P) RETURN n.id AS id, n.name AS name, count(*) AS c, "
      "count(*) * 10 + size(coalesce(n.name, '')) AS w";
  CHECK(Explain(engine, fast).find("DegreeCount") != std::string::npos);
  CHECK(Explain(engine, plain).find("DegreeCount") == std::string::npos);
  const std::vector<std::string> expected = {"1, 'a', 4, 41", "1, 'b', 1, 11", "2, null, 2, 20",
                                             "[1, 2], 'd', 4, 41", "null, null, 2, 20"};
  CHECK(SortedRows(engine, fast) == expected);
  CHECK(SortedRows(engine, plain) == expected);
  const std::string top =
      "MATCH (n:P)-[:T]-(:P) RETURN n.id AS id, n.name AS name, count(*) AS c "
      "ORDER BY c DESC, name LIMIT 2";
  CHECK(SortedRows(engine, top) == std::vector<std::string>{"1, 'a', 4", "[1, 2], 'd', 4"});
  // count(*) grouped by properties of a matched node without a degree count
  // (grouped on the stored values), against count(m), which groups the
  // evaluated keys.
  const std::string by_end =
      "MATCH (:P)-[:T]->(m:P) RETURN m.id AS id, m.name AS name, count(*) AS c";
  const std::string by_end_plain =
      "MATCH (:P)-[:T]->(m:P) RETURN m.id AS id, m.name AS name, count(m) AS c";
  CHECK(SortedRows(engine, by_end) == SortedRows(engine, by_end_plain));
  CHECK(SortedRows(engine, by_end) ==
        std::vector<std::string>{"1, 'a', 1", "1, 'b', 1", "2, null, 2", "[1, 2], 'd', 2",
                                 "null, null, 1"});
}

TEST_CASE("query plan: distinct ends of short variable-length walks equal enumerating the walks") {
  storage::MemStore store;
  Engine engine(store);
  MakeGraph(engine);
  // e and f: two MET relationships between them, the only way back to e.
  REQUIRE(engine.Run("CREATE (e:Official {name: 'e', id: 5})-[:MET]->(f:Official {name: 'f', id: 6}), "
                     "(e)-[:MET]->(f)").ok());
  const std::string shapes[] = {"-[*1..2]-", "-[:MET*1..2]->", "<-[:MET*..2]-", "-[:MET*0..2]-",
                                "-[*1]-", "-[:KNOWS*1..2]->", "<-[:MET*1..2]-"};
  for (const std::string& shape : shapes) {
    for (int id = 1; id <= 6; ++id) {
      std::string fast = "MATCH (a:Official)" + shape + "(b) WHERE a.id = $id "
                         "RETURN count(DISTINCT b) AS n, collect(DISTINCT b.name) AS names";
      std::string named = shape;
      named.insert(named.find('[') + 1, "r");
      std::string plain = "MATCH (a:Official)" + named + "(b) WHERE a.id = $id "
                          "RETURN count(DISTINCT b) AS n, collect(DISTINCT b.name) AS names";
      CAPTURE(fast);
      CAPTURE(id);
      CHECK(Explain(engine, fast).find("Distinct ends") != std::string::npos);
      CHECK(Explain(engine, plain).find("Distinct ends") == std::string::npos);
      Result<QueryResult> a = engine.Run(fast, {{"id", Value(id)}});
      Result<QueryResult> b = engine.Run(plain, {{"id", Value(id)}});
      REQUIRE(a.ok());
      REQUIRE(b.ok());
      CHECK(FormatValue(a->rows[0][0]) == FormatValue(b->rows[0][0]));
      std::vector<std::string> names_a, names_b;
      for (const auto& v : a->rows[0][1].as_list()) names_a.push_back(FormatValue(v));
      for (const auto& v : b->rows[0][1].as_list()) names_b.push_back(FormatValue(v));
      std::sort(names_a.begin(), names_a.end());
      std::sort(names_b.begin(), names_b.end());
      CHECK(names_a == names_b);
    }
  }
  // A non-DISTINCT count needs every walk: no rewrite.
  CHECK(Explain(engine, "MATCH (a)-[*1..2]-(b) RETURN count(b)").find("Distinct ends") ==
        std::string::npos);
}

TEST_CASE("query plan: matches read from the cached projection equal matches on the store") {
  storage::MemStore store;
  Engine engine(store);
  MakeGraph(engine);
  const std::string queries[] = {
      "MATCH (a:Official)-[m:MET]-(b:Official) WHERE a.id = $id RETURN b.name, type(m)",
      "MATCH (a:Official)-[m]->(b) WHERE a.id = $id RETURN b.name, type(m), id(m)",
      "MATCH (a:Official)<-[:MET]-(b:Official:Person) RETURN a.name, b.name",
      "MATCH (a:Official)-[*1..2]-(b) WHERE a.id = $id RETURN count(DISTINCT b)",
      "MATCH p = shortestPath((a:Official {id: 4})-[*..5]-(b:Official {id: 2})) RETURN length(p)",
      "MATCH p = shortestPath((a:Official {id: 4})-[:MET*..5]->(b:Official {id: 2})) "
      "RETURN [n IN nodes(p) | n.name], [r IN relationships(p) | type(r)]",
      "MATCH p = allShortestPaths((a:Official {id: 3})-[:MET*..5]-(b:Official {id: 2})) "
      "RETURN [n IN nodes(p) | n.name]",
      "MATCH p = shortestPath((a:Official {id: 2})-[:MET*..5]->(b:Official {id: 4})) RETURN p",
      "MATCH p = shortestPath((a:Official {id: 4})-[:KNOWS*..5]-(b:Official {id: 2})) RETURN p",
  };
  std::vector<std::vector<std::string>> on_store;
  for (const auto& q : queries) on_store.push_back(SortedRows(engine, q, {{"id", Value(1)}}));
  // A whole-graph degree count builds the projection; later reads use it.
  REQUIRE(engine.Run("MATCH (o)--() RETURN count(*)").ok());
  for (size_t i = 0; i < std::size(queries); ++i) {
    CAPTURE(queries[i]);
    CHECK(SortedRows(engine, queries[i], {{"id", Value(1)}}) == on_store[i]);
  }
  // A write makes the projection stale: the next read sees the new edge.
  REQUIRE(engine.Run("MATCH (b:Official {id: 2}), (d:Official {id: 4}) CREATE (b)-[:MET]->(d)").ok());
  CHECK(SortedRows(engine, "MATCH (a:Official {id: 4})-[:MET]-(b) RETURN b.name") ==
        std::vector<std::string>{"'a'", "'b'"});
}

TEST_CASE("query plan: records cached by read queries give way to the next write") {
  storage::MemStore store;
  Engine engine(store);
  MakeGraph(engine);
  const std::string read = "MATCH (o:Official)-[m:MET]->(b:Official) WHERE o.id = 4 RETURN o.name, b.name, m.w";
  CHECK(SortedRows(engine, read) == std::vector<std::string>{"'d', 'a', null"});
  CHECK(SortedRows(engine, read) == std::vector<std::string>{"'d', 'a', null"});  // from the cache
  REQUIRE(engine.Run("MATCH (o:Official {id: 4})-[m:MET]->(b) SET o.name = 'd2', b.name = 'a2', m.w = 7").ok());
  CHECK(SortedRows(engine, read) == std::vector<std::string>{"'d2', 'a2', 7"});
  REQUIRE(engine.Run("MATCH (o:Official {id: 4}) DETACH DELETE o").ok());
  CHECK(SortedRows(engine, read).empty());
}

TEST_CASE("query plan: index seeks kept by read queries equal fresh seeks and give way to writes") {
  storage::MemStore store;
  REQUIRE(store.CreateIndex("Official", "id").ok());
  REQUIRE(store.CreateIndex("Body", "id").ok());
  Engine engine(store);
  MakeGraph(engine);
  // Equal keys under another label, and an id that is a string.
  REQUIRE(engine.Run("CREATE (:Body {id: 1, name: 'y'}), (:Official {id: '1', name: 'e'})").ok());
  const std::string by_id = "MATCH (o:Official) WHERE o.id = $id RETURN o.name";
  const std::string body_by_id = "MATCH (o:Body) WHERE o.id = $id RETURN o.name";
  const std::string by_name = "MATCH (o:Official) WHERE o.name = $name RETURN o.id";
  using Rows = std::vector<std::string>;
  for (int round = 0; round < 2; ++round) {  // the second round reads the kept seeks
    CAPTURE(round);
    CHECK(SortedRows(engine, by_id, {{"id", Value(1)}}) == Rows{"'a'"});
    CHECK(SortedRows(engine, by_id, {{"id", Value("1")}}) == Rows{"'e'"});
    CHECK(SortedRows(engine, by_id, {{"id", Value(7)}}).empty());
    CHECK(SortedRows(engine, body_by_id, {{"id", Value(1)}}) == Rows{"'y'"});
    CHECK(SortedRows(engine, by_name, {{"name", Value("b")}}) == Rows{"2"});
    CHECK(SortedRows(engine, by_name, {{"name", Value("zz")}}).empty());
  }
  // After a write, the seeks see the new nodes and values.
  REQUIRE(engine.Run("CREATE (:Official {id: 7, name: 'b'})").ok());
  CHECK(SortedRows(engine, by_id, {{"id", Value(7)}}) == Rows{"'b'"});
  CHECK(SortedRows(engine, by_name, {{"name", Value("b")}}) == (Rows{"2", "7"}));
  REQUIRE(engine.Run("MATCH (o:Official {id: 1}) SET o.id = 9, o.name = 'zz'").ok());
  CHECK(SortedRows(engine, by_id, {{"id", Value(1)}}).empty());
  CHECK(SortedRows(engine, by_id, {{"id", Value(9)}}) == Rows{"'zz'"});
  CHECK(SortedRows(engine, by_name, {{"name", Value("zz")}}) == Rows{"9"});
}

TEST_CASE("query plan: expansions kept by read queries equal fresh ones and give way to writes") {
  storage::MemStore store;
  Engine engine(store);
  MakeGraph(engine);
  const std::string queries[] = {
      "MATCH (a:Official {id: 1})-[m]-(b) RETURN b.name, type(m), id(m)",
      "MATCH (a:Official {id: 1})-[m:MET]->(b) RETURN b.name, id(m)",
      "MATCH (a:Official {id: 1})<-[m:MET|KNOWS]-(b) RETURN b.name, id(m)",
      "MATCH (a:Official {id: 2})-[:KNOWS]->(b) RETURN b.name",
      "MATCH (a:Official {id: 1})-[*1..2]-(b) RETURN b.name, count(*)",
  };
  // A fresh engine keeps nothing yet; in the second round the engine reads
  // the hops it kept in the first.
  Engine fresh(store);
  std::vector<std::vector<std::string>> expected;
  for (const auto& q : queries) expected.push_back(SortedRows(fresh, q));
  for (int round = 0; round < 2; ++round)
    for (size_t i = 0; i < std::size(queries); ++i) {
      CAPTURE(queries[i]);
      CHECK(SortedRows(engine, queries[i]) == expected[i]);
    }
  REQUIRE(engine.Run("MATCH (a:Official {id: 1}), (b:Official {id: 2}) CREATE (b)-[:MET]->(a)").ok());
  CHECK(SortedRows(engine, queries[2]).size() == expected[2].size() + 1);
  REQUIRE(engine.Run("MATCH (a:Official {id: 1})-[m:MET]->(b:Official {id: 3}) DELETE m").ok());
  CHECK(SortedRows(engine, queries[1]).size() == expected[1].size() - 1);
}

TEST_CASE("query plan: nodes passed between operators by id equal full nodes") {
  NodeValue full;
  full.id = 5;
  full.labels = {"Official"};
  const Value by_id = Value::NodeById(5);
  CHECK(by_id.is_node());
  CHECK(by_id.node_id() == 5);
  CHECK(by_id == Value(full));
  CHECK(by_id.Hash() == Value(full).Hash());
  CHECK_FALSE(by_id == Value::NodeById(6));
  CHECK(Value::NodeById(5).as_node().id == 5);

  storage::MemStore store;
  Engine engine(store);
  MakeGraph(engine);
  // CALL yields nodes by id; what the rows hand out are whole nodes, and
  // they count, group and compare as the nodes a pattern matches.
  const std::pair<std::string, std::string> same[] = {
      {"MATCH (a:Official {id: 4}) CALL algo.neighbourhood(a, 2) YIELD node RETURN node.name",
       "MATCH (a:Official {id: 4})-[*1..2]-(b) WHERE b <> a RETURN DISTINCT b.name"},
      {"MATCH (a:Official {id: 4}) CALL algo.neighbourhood(a, 2) YIELD node RETURN count(node)",
       "MATCH (a:Official {id: 4})-[*1..2]-(b) WHERE b <> a RETURN count(DISTINCT b)"},
      {"MATCH (a:Official {id: 4}) CALL algo.neighbourhood(a, 2) YIELD node "
       "MATCH (node)-[:MET]->(c) RETURN node.name, count(c)",
       "MATCH (a:Official {id: 4})-[*1..2]-(b) WHERE b <> a WITH DISTINCT b "
       "MATCH (b)-[:MET]->(c) RETURN b.name, count(c)"},
      {"MATCH (a:Official {id: 4}) CALL algo.neighbourhood(a, 1) YIELD node RETURN node",
       "MATCH (a:Official {id: 4})-[:MET]-(b) RETURN DISTINCT b"},
  };
  for (const auto& [call, pattern] : same) {
    CAPTURE(call);
    std::vector<std::string> rows = SortedRows(engine, call);
    CHECK_FALSE(rows.empty());
    CHECK(rows == SortedRows(engine, pattern));
  }
  CHECK(SortedRows(engine, same[3].first).front().find("Official") != std::string::npos);
}

TEST_CASE("query plan: a cached plan binds each run's parameters") {
  storage::MemStore store;
  Engine engine(store);
  MakeGraph(engine);
  const std::string q = "MATCH (o:Official) WHERE o.id = $id RETURN o.name";
  for (int round = 0; round < 2; ++round) {
    CHECK(SortedRows(engine, q, {{"id", Value(1)}}) == std::vector<std::string>{"'a'"});
    CHECK(SortedRows(engine, q, {{"id", Value(3)}}) == std::vector<std::string>{"'c'"});
  }
  CHECK(SortedRows(engine, q).front().find("$id") != std::string::npos);  // missing parameter
  // A text that does not parse is refused every time.
  CHECK_FALSE(engine.Run("MATCH (o RETURN o").ok());
  CHECK_FALSE(engine.Run("MATCH (o RETURN o").ok());
}

TEST_CASE("query plan: ORDER BY ... LIMIT after an aggregation keeps the groups a full sort keeps") {
  storage::MemStore store;
  Engine engine(store);
  // Groups by g with ties on their counts and sums, a null key and a string
  // key among integers (ORDER BY orders across types).
  REQUIRE(engine.Run("UNWIND [1, 2, 2, 3, 3, 4, 4, 4, null, null, 'z', 5, 6, 6] AS g "
                     "CREATE (:P {g: g, w: coalesce(g, 0)})").ok());
  const std::string tails[] = {
      "ORDER BY c DESC LIMIT 3",       "ORDER BY c DESC, g LIMIT 3",
      "ORDER BY c, g DESC SKIP 2 LIMIT 3", "ORDER BY g LIMIT 4",
      "ORDER BY g DESC LIMIT 2",       "ORDER BY c DESC LIMIT 0",
      "ORDER BY c LIMIT 100",          "ORDER BY s DESC, g LIMIT 2",
  };
  // The count-only grouping on a stored property, and the general one.
  const std::pair<std::string, std::string> heads[] = {
      {"MATCH (n:P) ", "n.g AS g, count(*) AS c, count(*) AS s"},
      {"MATCH (n:P) ", "n.g AS g, count(*) AS c, sum(n.w) AS s"},
      {"MATCH (n:P) WITH n.g AS g, n.w AS w ", "g, count(*) AS c, sum(w) + 1 AS s"},
  };
  for (const auto& [match, items] : heads) {
    for (const std::string& tail : tails) {
      const std::string folded = match + "RETURN " + items + " " + tail;
      // The same with the sort after a projection that does not aggregate.
      const std::string plain = match + "WITH " + items + " RETURN g, c, s " + tail;
      CAPTURE(folded);
      CHECK(Explain(engine, folded).find("keeps only the groups") != std::string::npos);
      CHECK(Explain(engine, plain).find("keeps only the groups") == std::string::npos);
      CHECK(OrderedRows(engine, folded) == OrderedRows(engine, plain));
    }
  }
  CHECK(OrderedRows(engine, "MATCH (n:P) RETURN n.g AS g, count(*) AS c ORDER BY c DESC, g LIMIT 2") ==
        std::vector<std::string>{"4, 3", "2, 2"});
  // A parameter limit, and DISTINCT (which may merge groups: no early cut).
  CHECK(OrderedRows(engine, "MATCH (n:P) RETURN n.g AS g, count(*) AS c ORDER BY c DESC, g LIMIT $k",
                    {{"k", Value(int64_t{1})}}) == std::vector<std::string>{"4, 3"});
  const std::string distinct =
      "MATCH (n:P) RETURN DISTINCT count(*) AS c ORDER BY c DESC LIMIT 2";
  CHECK(Explain(engine, distinct).find("keeps only the groups") == std::string::npos);
  CHECK(OrderedRows(engine, distinct) == std::vector<std::string>{"14"});
}

TEST_CASE("query plan: ORDER BY orders strings and integers byte by byte and by value, at any size") {
  storage::MemStore store;
  Engine engine(store);
  // Enough names for the two-thread sort; shared prefixes of every length,
  // strings that end where others go on, a NUL and a high byte after the
  // shared part.
  const std::string topics[] = {"trade", "transport", "tra", "", "oil and gas", "\xff", std::string(1, '\0')};
  std::vector<std::string> names = {"Agreement on", "Agreement on ", "Agreement o"};
  std::vector<int64_t> ints = {INT64_MIN, INT64_MAX};
  for (int i = 0; i < 40000; ++i) {
    names.push_back("Agreement on " + topics[i % 7] + " No. " +
                    std::to_string((i * 7919) % 1000));
    ints.push_back(int64_t{i} * 104729 % 2001 - 1000);
  }
  Value::List name_values(names.begin(), names.end());
  Value::List numbers(ints.begin(), ints.end());
  Params params;
  params["names"] = Value(std::move(name_values));
  params["numbers"] = Value(std::move(numbers));

  std::vector<std::string> ascending = names;
  std::sort(ascending.begin(), ascending.end());  // std::string orders bytes as unsigned
  Result<QueryResult> sorted = engine.Run("UNWIND $names AS n RETURN n ORDER BY n", params);
  REQUIRE(sorted.ok());
  REQUIRE(sorted->rows.size() == ascending.size());
  bool same = true;
  for (size_t i = 0; i < ascending.size(); ++i)
    same = same && sorted->rows[i][0].as_string() == ascending[i];
  CHECK(same);

  // Two keys, descending first: the length class, then the name.
  auto before = [](const std::string& a, const std::string& b) {
    if (a.size() % 5 != b.size() % 5) return a.size() % 5 > b.size() % 5;
    return a < b;
  };
  std::vector<std::string> by_two = names;
  std::stable_sort(by_two.begin(), by_two.end(), before);
  Result<QueryResult> two = engine.Run(
      "UNWIND $names AS n RETURN n, size(n) % 5 AS k ORDER BY k DESC, n", params);
  REQUIRE(two.ok());
  same = true;
  for (size_t i = 0; i < by_two.size(); ++i) same = same && two->rows[i][0].as_string() == by_two[i];
  CHECK(same);

  std::vector<int64_t> descending = ints;
  std::sort(descending.rbegin(), descending.rend());
  Result<QueryResult> numeric = engine.Run("UNWIND $numbers AS x RETURN x ORDER BY x DESC", params);
  REQUIRE(numeric.ok());
  same = numeric->rows.size() == descending.size();
  for (size_t i = 0; same && i < descending.size(); ++i)
    same = numeric->rows[i][0].as_int() == descending[i];
  CHECK(same);
}

TEST_CASE("query plan: a degree count over a graph big enough for two threads equals counting rows") {
  // 72,000 :P nodes in pairs, every third pair's second node also tied to a
  // :Q node (a far end without the label), one self-loop. Written as one
  // batch: through CREATE it takes half a minute under the sanitizers.
  storage::MemStore store;
  Mutation graph;
  EdgeId next_edge = 1;
  NodeId next_q = 100000;
  for (int64_t i = 0; i < 36000; ++i) {
    NodeId a = static_cast<NodeId>(2 * i + 1), b = a + 1;  // ids 2i and 2i + 1
    graph.put_nodes.push_back(Node{a, {"P"}, {{"id", steppe::Value(2 * i)}}});
    graph.put_nodes.push_back(Node{b, {"P"}, {{"id", steppe::Value(2 * i + 1)}}});
    graph.put_edges.push_back(Edge{next_edge++, "T", a, b, {}});
    if (i % 3 == 0) {
      graph.put_nodes.push_back(Node{next_q, {"Q"}, {}});
      graph.put_edges.push_back(Edge{next_edge++, "T", b, next_q++, {}});
    }
  }
  graph.put_edges.push_back(Edge{next_edge, "T", 8, 8, {}});  // the node of id 7
  REQUIRE(store.Apply(graph).ok());
  Engine engine(store);
  const std::string fast = "MATCH (n:P)-[:T]-(:P) RETURN n.id % 5 AS k, count(*) AS c";
  const std::string plain = "MATCH (n:P)-[:T]-(m:P) RETURN n.id % 5 AS k, count(*) AS c";
  CHECK(Explain(engine, fast).find("DegreeCount") != std::string::npos);
  CHECK(SortedRows(engine, fast) == SortedRows(engine, plain));
  const std::string top =
      "MATCH (n:P)-[]-() RETURN n.id AS id, count(*) AS c ORDER BY c DESC, id LIMIT 3";
  // 7 meets 6, a :Q node and itself (once); odd ids of every third pair
  // meet a :Q node too.
  CHECK(Explain(engine, top).find("DegreeCount") != std::string::npos);
  CHECK(OrderedRows(engine, top) == std::vector<std::string>{"7, 3", "1, 2", "13, 2"});
}

TEST_CASE("query plan: counts grouped by matched nodes' properties, counted as matched, equal counting rows") {
  storage::MemStore store;
  Engine engine(store);
  // Bodies of two countries party to agreements, names shared by two
  // agreements, one agreement without a name, one body with no agreement.
  REQUIRE(engine.Run("CREATE (k:Country {name: 'K'}), (m:Country {name: 'M'}), "
                     "(b1:Body {name: 'b1'})-[:BELONGS_TO]->(k), (b2:Body {name: 'b2'})-[:BELONGS_TO]->(k), "
                     "(b3:Body {name: 'b3'})-[:BELONGS_TO]->(m), (:Body {name: 'b4'})-[:BELONGS_TO]->(k), "
                     "(x:Agreement {name: 'x'}), (y:Agreement {name: 'y'}), (y2:Agreement {name: 'y'}), "
                     "(z:Agreement), (b1)-[:PARTY_TO {w: 1}]->(x), (b2)-[:PARTY_TO {w: 2}]->(x), "
                     "(b1)-[:PARTY_TO {w: 1}]->(y), (b2)-[:PARTY_TO]->(y2), (b3)-[:PARTY_TO]->(y), "
                     "(b3)-[:PARTY_TO]->(z), (b1)-[:PARTY_TO]->(z)").ok());
  // Each pair: counted as matched, and the same with a WITH in between.
  const std::pair<std::string, std::string> pairs[] = {
      {"MATCH (c:Country)<-[:BELONGS_TO]-(b:Body)-[:PARTY_TO]->(a:Agreement) WHERE c.name = 'K' "
       "RETURN a.name AS n, count(*) AS c ORDER BY c DESC, n",
       "MATCH (c:Country)<-[:BELONGS_TO]-(b:Body)-[:PARTY_TO]->(a:Agreement) WHERE c.name = 'K' "
       "WITH a RETURN a.name AS n, count(*) AS c ORDER BY c DESC, n"},
      {"MATCH (c:Country)<-[:BELONGS_TO]-(b:Body)-[:PARTY_TO]->(a:Agreement) "
       "RETURN c.name AS country, a.name AS n, count(*) AS c ORDER BY c DESC, country, n LIMIT 2",
       "MATCH (c:Country)<-[:BELONGS_TO]-(b:Body)-[:PARTY_TO]->(a:Agreement) WITH c, a "
       "RETURN c.name AS country, a.name AS n, count(*) AS c ORDER BY c DESC, country, n LIMIT 2"},
      {"MATCH (b:Body) OPTIONAL MATCH (b)-[:PARTY_TO]->(a:Agreement) "
       "RETURN a.name AS n, count(*) AS c ORDER BY n",
       "MATCH (b:Body) OPTIONAL MATCH (b)-[:PARTY_TO]->(a:Agreement) WITH a "
       "RETURN a.name AS n, count(*) AS c ORDER BY n"},
      {"MATCH (b:Body)-[:PARTY_TO]->(a:Agreement) "
       "RETURN a.name AS n, count(*) AS c, count(*) * 10 + size(coalesce(a.name, '')) AS w ORDER BY n",
       "MATCH (b:Body)-[:PARTY_TO]->(a:Agreement) WITH a "
       "RETURN a.name AS n, count(*) AS c, count(*) * 10 + size(coalesce(a.name, '')) AS w ORDER BY n"},
  };
  for (const auto& [streamed, plain] : pairs) {
    CAPTURE(streamed);
    CHECK(Explain(engine, streamed).find("counting as it matches") != std::string::npos);
    CHECK(Explain(engine, plain).find("counting as it matches") == std::string::npos);
    CHECK(OrderedRows(engine, streamed) == OrderedRows(engine, plain));
  }
  CHECK(OrderedRows(engine, pairs[0].first) == std::vector<std::string>{"'x', 2", "'y', 2", "null, 1"});
  CHECK(OrderedRows(engine, pairs[2].first) ==
        std::vector<std::string>{"'x', 2", "'y', 3", "null, 3"});
  // Keys of a node bound before the MATCH, or of a relationship: rows as before.
  for (const std::string& rows : {std::string("MATCH (b:Body) MATCH (b)-[:PARTY_TO]->(a) "
                                              "RETURN b.name AS n, count(*) AS c ORDER BY n"),
                                  std::string("MATCH (b:Body)-[r:PARTY_TO]->(a) "
                                              "RETURN r.w AS w, count(*) AS c ORDER BY w")}) {
    CAPTURE(rows);
    CHECK(Explain(engine, rows).find("counting as it matches") == std::string::npos);
  }
  CHECK(OrderedRows(engine, "MATCH (b:Body)-[r:PARTY_TO]->(a) RETURN r.w AS w, count(*) AS c ORDER BY w") ==
        std::vector<std::string>{"1, 2", "2, 1", "null, 4"});
}

}  // namespace steppe::query
