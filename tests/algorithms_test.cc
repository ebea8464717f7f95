#include <doctest/doctest.h>

#include <algorithm>
#include <cmath>
#include <map>
#include <string>
#include <vector>

#include "query/algorithms.h"
#include "query/procedures.h"
#include "query/projection.h"
#include "query/projection_cache.h"
#include "storage/mem_store.h"

namespace steppe::query {
namespace {

// A small graph written edge by edge: nodes are created on first mention,
// named by the given letters or words, labelled Official unless told.
class TestGraph {
 public:
  TestGraph& Node(const std::string& name, const std::string& label = "Official",
                  Value::List aliases = {}) {
    steppe::Node n;
    n.id = store_.AllocateNodeId();
    n.labels = {label};
    n.props["name"] = name;
    if (!aliases.empty()) n.props["aliases"] = std::move(aliases);
    ids_[name] = n.id;
    names_[n.id] = name;
    pending_.put_nodes.push_back(std::move(n));
    return *this;
  }
  // "a-b c-d" adds edges a->b and c->d of `type`.
  TestGraph& Edges(const std::string& pairs, const std::string& type = "MET") {
    size_t start = 0;
    while (start < pairs.size()) {
      size_t end = pairs.find(' ', start);
      if (end == std::string::npos) end = pairs.size();
      std::string pair = pairs.substr(start, end - start);
      size_t dash = pair.find('-');
      Link(pair.substr(0, dash), pair.substr(dash + 1), type);
      start = end + 1;
    }
    return *this;
  }
  // An edge between names that may hold spaces.
  TestGraph& Link(const std::string& from, const std::string& to, const std::string& type = "MET") {
    if (ids_.count(from) == 0) Node(from);
    if (ids_.count(to) == 0) Node(to);
    pending_.put_edges.push_back(Edge{store_.AllocateEdgeId(), type, ids_[from], ids_[to], {}});
    return *this;
  }
  storage::MemStore& Store() {
    if (!pending_.empty()) {
      REQUIRE(store_.Apply(pending_).ok());
      pending_ = Mutation();
    }
    return store_;
  }
  std::shared_ptr<const Projection> Project(std::vector<std::string> types = {}) {
    Result<std::shared_ptr<const Projection>> p = cache_.Get(Store(), std::move(types));
    REQUIRE(p.ok());
    return *p;
  }
  NodeId Id(const std::string& name) { return ids_.at(name); }
  std::string Name(NodeId id) { return names_.at(id); }
  std::string Names(const std::vector<NodeId>& ids) {
    std::string out;
    for (NodeId id : ids) out += (out.empty() ? "" : " ") + Name(id);
    return out;
  }
  ProjectionCache& cache() { return cache_; }

 private:
  storage::MemStore store_;
  Mutation pending_;
  std::map<std::string, NodeId> ids_;
  std::map<NodeId, std::string> names_;
  ProjectionCache cache_;
};

PathOptions Hops(uint32_t max_hops, Direction d = Direction::kBoth) {
  PathOptions o;
  o.max_hops = max_hops;
  o.direction = d;
  return o;
}

std::string ShortestNames(TestGraph& g, const Projection& p, const std::string& from,
                          const std::string& to, const PathOptions& options) {
  Result<std::optional<Path>> path = ShortestPath(p, g.Id(from), g.Id(to), options, {});
  REQUIRE(path.ok());
  if (!path->has_value()) return "none";
  CHECK((*path)->edges.size() + 1 == (*path)->nodes.size());
  return g.Names((*path)->nodes);
}

}  // namespace

TEST_CASE("algorithms: shortest path follows direction, types and max hops") {
  TestGraph g;
  g.Edges("a-b b-c c-d d-e").Edges("a-x x-e", "HOLDS_ROLE");
  auto all = g.Project();
  CHECK(ShortestNames(g, *all, "a", "e", Hops(10)) == "a x e");
  CHECK(ShortestNames(g, *all, "e", "a", Hops(10)) == "e x a");
  CHECK(ShortestNames(g, *all, "e", "a", Hops(10, Direction::kOutgoing)) == "none");
  CHECK(ShortestNames(g, *all, "e", "a", Hops(10, Direction::kIncoming)) == "e x a");
  CHECK(ShortestNames(g, *all, "a", "a", Hops(10)) == "a");

  auto met = g.Project({"MET"});
  CHECK(ShortestNames(g, *met, "a", "e", Hops(10)) == "a b c d e");
  CHECK(ShortestNames(g, *met, "a", "e", Hops(3)) == "none");
  CHECK(ShortestNames(g, *met, "a", "e", Hops(4, Direction::kOutgoing)) == "a b c d e");

  // The edges of a path are the ones walked, in order.
  Result<std::optional<Path>> path = ShortestPath(*all, g.Id("a"), g.Id("e"), Hops(5), {});
  REQUIRE(path.ok());
  REQUIRE(path->has_value());
  for (size_t i = 0; i < (*path)->edges.size(); ++i) {
    Result<Edge> e = g.Store().GetEdge((*path)->edges[i]);
    REQUIRE(e.ok());
    CHECK(e->src == (*path)->nodes[i]);
    CHECK(e->dst == (*path)->nodes[i + 1]);
  }
  CHECK(ShortestPath(*all, g.Id("a"), 999, Hops(5), {}).status().IsNotFound());
}

TEST_CASE("algorithms: all shortest paths, parallel edges included") {
  TestGraph g;
  g.Edges("a-b b-d a-c c-d c-d a-e e-f f-d");
  auto p = g.Project();
  Result<std::vector<Path>> paths = AllShortestPaths(*p, g.Id("a"), g.Id("d"), Hops(10), {});
  REQUIRE(paths.ok());
  std::vector<std::string> shown;
  for (const Path& path : *paths) shown.push_back(g.Names(path.nodes));
  std::sort(shown.begin(), shown.end());
  CHECK(shown == std::vector<std::string>{"a b d", "a c d", "a c d"});

  // Reversed, along the arrows' way back.
  paths = AllShortestPaths(*p, g.Id("d"), g.Id("a"), Hops(10, Direction::kIncoming), {});
  REQUIRE(paths.ok());
  CHECK(paths->size() == 3);
  paths = AllShortestPaths(*p, g.Id("d"), g.Id("a"), Hops(10, Direction::kOutgoing), {});
  REQUIRE(paths.ok());
  CHECK(paths->empty());

  AlgorithmLimits two;
  two.max_paths = 2;
  CHECK(AllShortestPaths(*p, g.Id("a"), g.Id("d"), Hops(10), two).status().code() ==
        Status::Code::kResourceExhausted);
}

TEST_CASE("algorithms: neighbourhood by hops and by type") {
  TestGraph g;
  g.Edges("a-b b-c c-d a-b").Edges("a-m m-n", "HOLDS_ROLE");
  auto show = [&](const Projection& p, uint32_t k, Direction d = Direction::kBoth) {
    Result<std::vector<Reached>> r = Neighbourhood(p, g.Id("a"), Hops(k, d), {});
    REQUIRE(r.ok());
    std::string out;
    for (const Reached& x : *r) out += g.Name(x.node) + std::to_string(x.hops) + " ";
    return out;
  };
  // Breadth-first, each vertex's edges in id order.
  CHECK(show(*g.Project(), 1) == "b1 m1 ");
  CHECK(show(*g.Project(), 2) == "b1 m1 c2 n2 ");
  CHECK(show(*g.Project({"MET"}), 3) == "b1 c2 d3 ");
  CHECK(show(*g.Project({"MET"}), 0) == "");
  CHECK(show(*g.Project({"MET"}), 3, Direction::kIncoming) == "");
}

TEST_CASE("algorithms: pagerank sums to one and ranks the hub first") {
  TestGraph g;
  g.Edges("a-hub b-hub c-hub d-hub hub-a e-d");
  Result<std::vector<Scored>> ranks = PageRank(*g.Project(), {}, {});
  REQUIRE(ranks.ok());
  REQUIRE(ranks->size() == 6);
  double sum = 0;
  for (const Scored& s : *ranks) sum += s.score;
  CHECK(sum == doctest::Approx(1.0).epsilon(1e-9));
  CHECK(g.Name(ranks->front().node) == "hub");
  CHECK(g.Name((*ranks)[1].node) == "a");

  PageRankOptions bad;
  bad.damping = 1.5;
  CHECK(PageRank(*g.Project(), bad, {}).status().IsInvalidArgument());
}

TEST_CASE("algorithms: betweenness of a bridge") {
  // Two triangles joined by the bridge x-y.
  TestGraph g;
  g.Edges("a-b b-x x-a c-d d-y y-c x-y");
  Result<std::vector<Scored>> scores = Betweenness(*g.Project(), {});
  REQUIRE(scores.ok());
  std::map<std::string, double> by_name;
  for (const Scored& s : *scores) by_name[g.Name(s.node)] = s.score;
  // Every pair across the bridge (3 x 3, minus the pairs ending at x or y
  // themselves) passes x: {a,b} x {y,c,d} = 6 pairs.
  CHECK(by_name["x"] == doctest::Approx(6));
  CHECK(by_name["y"] == doctest::Approx(6));
  CHECK(by_name["a"] == doctest::Approx(0));
  CHECK(by_name["d"] == doctest::Approx(0));
}

TEST_CASE("algorithms: connected components ignore direction and honour types") {
  TestGraph g;
  g.Edges("a-b c-b d-e").Edges("b-d", "HOLDS_ROLE").Node("alone");
  auto show = [&](const Projection& p) {
    Result<std::vector<Component>> c = ConnectedComponents(p, {});
    REQUIRE(c.ok());
    std::string out;
    for (const Component& x : *c) out += g.Name(x.node) + ":" + g.Name(x.component) + " ";
    return out;
  };
  CHECK(show(*g.Project()) == "a:a b:a c:a d:a e:a alone:alone ");
  CHECK(show(*g.Project({"MET"})) == "a:a b:a c:a d:d e:d alone:alone ");
}

TEST_CASE("algorithms: the memory cap and the deadline stop a search") {
  TestGraph g;
  std::string chain;
  for (int i = 0; i < 10000; ++i) {
    chain += "n" + std::to_string(i) + "-n" + std::to_string(i + 1) + " ";
  }
  chain.pop_back();
  g.Edges(chain);
  auto p = g.Project();
  PathOptions far = Hops(20000);

  AlgorithmLimits few;
  few.max_visited = 100;
  Status s = Neighbourhood(*p, g.Id("n0"), far, few).status();
  CHECK(s.code() == Status::Code::kResourceExhausted);
  CHECK(s.message().find("visited more than 100") != std::string::npos);
  CHECK(ShortestPath(*p, g.Id("n0"), g.Id("n10000"), far, few).status().code() ==
        Status::Code::kResourceExhausted);

  AlgorithmLimits small;
  small.max_bytes = 1000;
  CHECK(ShortestPath(*p, g.Id("n0"), g.Id("n10000"), far, small).status().code() ==
        Status::Code::kResourceExhausted);
  CHECK(Betweenness(*p, small).status().code() == Status::Code::kResourceExhausted);

  AlgorithmLimits late = AlgorithmLimits::WithTimeout(std::chrono::milliseconds(-1));
  CHECK(Neighbourhood(*p, g.Id("n0"), far, late).status().code() == Status::Code::kTimeout);
  CHECK(Betweenness(*p, late).status().code() == Status::Code::kTimeout);
  CHECK(PageRank(*p, {}, late).status().code() == Status::Code::kTimeout);

  // Within the limits the same search completes.
  Result<std::optional<Path>> path = ShortestPath(*p, g.Id("n0"), g.Id("n10000"), far, {});
  REQUIRE(path.ok());
  REQUIRE(path->has_value());
  CHECK((*path)->length() == 10000);
}

TEST_CASE("algorithms: the projection cache rebuilds only after a write") {
  TestGraph g;
  g.Edges("a-b");
  auto first = g.Project();
  auto again = g.Project();
  CHECK(first.get() == again.get());
  CHECK(g.cache().builds() == 1);
  auto met = g.Project({"MET", "MET"});
  CHECK(met.get() == g.Project({"MET"}).get());
  CHECK(g.cache().builds() == 1);

  g.Edges("b-c");
  auto after = g.Project();
  CHECK(g.cache().builds() == 2);
  CHECK(after->num_edges() == 2);
  CHECK(first->num_edges() == 1);  // a projection already handed out stays as it was
  CHECK(ShortestNames(g, *after, "a", "c", Hops(5)) == "a b c");
}

TEST_CASE("procedures: algo.* and db.search through the registry") {
  TestGraph g;
  g.Node("Erlan Dosmagambetov", "Official", {"E. Dosmagambetov"})
      .Node("Alpamys Bekturganov")
      .Node("Ministry of Water Bekturgan", "Body")
      .Link("Erlan Dosmagambetov", "Alpamys Bekturganov")
      .Link("Alpamys Bekturganov", "Ministry of Water Bekturgan", "HOLDS_ROLE");
  const ProcedureRegistry& registry = ProcedureRegistry::BuiltIn();
  ProcedureContext context;
  context.reader = &g.Store();
  context.cache = &g.cache();

  auto call = [&](std::string_view name, std::vector<Value> args) {
    return registry.Call(name, args, context);
  };

  SUBCASE("shortestPath takes names or ids and options") {
    Result<ProcedureOutput> out =
        call("algo.shortestPath", {"Yerlan Dosmagambetov", "Ministry of Water Bekturgan"});
    REQUIRE(out.ok());
    CHECK(out->columns == std::vector<std::string>{"path", "length"});
    REQUIRE(out->rows.size() == 1);
    const PathRef& path = std::get<PathRef>(out->rows[0][0]);
    CHECK(g.Names(path.nodes) ==
          "Erlan Dosmagambetov Alpamys Bekturganov Ministry of Water Bekturgan");
    CHECK(std::get<Value>(out->rows[0][1]) == Value(2));

    Value::Map only_met{{"types", Value::List{"MET"}}};
    out = call("algo.shortestPath", {static_cast<int64_t>(g.Id("Erlan Dosmagambetov")),
                                     "Ministry of Water Bekturgan", only_met});
    REQUIRE(out.ok());
    CHECK(out->rows.empty());

    Value::Map odd{{"hops", 3}};
    Status s = call("algo.shortestPath", {"Erlan Dosmagambetov", "Alpamys Bekturganov", odd}).status();
    CHECK(s.IsInvalidArgument());
    CHECK(s.message().find("option 'hops' is unknown") != std::string::npos);
    s = call("algo.shortestPath", {"Nobody Atall", "Alpamys Bekturganov"}).status();
    CHECK(s.IsInvalidArgument());
    CHECK(s.message() == "algo.shortestPath: from 'Nobody Atall' names no node");
    CHECK(call("algo.shortestPath", {"Erlan Dosmagambetov"}).status().IsInvalidArgument());
    CHECK(call("algo.shortestPath", {int64_t{4242}, int64_t{1}}).status().IsInvalidArgument());
  }

  SUBCASE("neighbourhood, pageRank, betweenness, components yield their columns") {
    Result<ProcedureOutput> out = call("algo.neighbourhood", {"Erlan Dosmagambetov", 2});
    REQUIRE(out.ok());
    CHECK(out->rows.size() == 2);
    out = call("algo.neighbourhood", {"Erlan Dosmagambetov", 2, Value::List{"MET"}});
    REQUIRE(out.ok());
    CHECK(out->rows.size() == 1);
    out = call("algo.pageRank", {Value::Map{{"iterations", 30}, {"damping", 0.85}}});
    REQUIRE(out.ok());
    CHECK(out->columns == std::vector<std::string>{"node", "score"});
    CHECK(out->rows.size() == 3);
    out = call("algo.betweenness", {});
    REQUIRE(out.ok());
    CHECK(std::get<NodeRef>(out->rows[0][0]).id == g.Id("Alpamys Bekturganov"));
    out = call("algo.components", {Value::List{"HOLDS_ROLE"}});
    REQUIRE(out.ok());
    CHECK(out->rows.size() == 3);
    CHECK(call("algo.pageRank", {Value::Map{{"damping", "high"}}}).status().IsInvalidArgument());
    CHECK(call("algo.nothing", {}).status().IsNotFound());
  }

  SUBCASE("db.search finds Erlan for Yerlan, whole names first") {
    Result<ProcedureOutput> out = call("db.search", {"Yerlan"});
    REQUIRE(out.ok());
    CHECK(out->columns == std::vector<std::string>{"node", "name", "score"});
    REQUIRE(out->rows.size() == 1);
    CHECK(std::get<Value>(out->rows[0][1]) == Value("Erlan Dosmagambetov"));

    out = call("db.search", {"Yerlan Dosmagambetov"});
    REQUIRE(out.ok());
    REQUIRE(out->rows.size() == 1);
    CHECK(std::get<Value>(out->rows[0][2]) == Value(1.0));

    // "bekturgan" is a whole word of the ministry and a prefix of the
    // official's surname; the exact word ranks first.
    out = call("db.search", {"Bekturgan"});
    REQUIRE(out.ok());
    REQUIRE(out->rows.size() == 2);
    CHECK(std::get<Value>(out->rows[0][1]) == Value("Ministry of Water Bekturgan"));
    CHECK(std::get<Value>(out->rows[1][1]) == Value("Alpamys Bekturganov"));

    // One letter off still finds the name; a limit trims the list.
    out = call("db.search", {"Dosmagambetof"});
    REQUIRE(out.ok());
    CHECK(out->rows.size() == 1);
    out = call("db.search", {"Bekturgan", 1});
    REQUIRE(out.ok());
    CHECK(out->rows.size() == 1);
    CHECK(call("db.search", {"x", 0}).status().IsInvalidArgument());
  }
}

}  // namespace steppe::query
