#include "query/snapshot.h"

#include <doctest/doctest.h>

#include <algorithm>
#include <string>

#include "storage/mem_store.h"
#include "tests/testing/sample_graph.h"

namespace steppe::query {
namespace {

std::string Names(const Subgraph& subgraph) {
  std::vector<std::string> names;
  for (const Node& node : subgraph.nodes) names.push_back(node.props.at("name").as_string());
  std::sort(names.begin(), names.end());
  std::string out;
  for (const std::string& name : names) out += (out.empty() ? "" : ", ") + name;
  return out;
}

Subgraph Neighbourhood(const storage::GraphReader& reader, NeighbourhoodRequest request) {
  Result<Subgraph> subgraph = SelectNeighbourhood(reader, request);
  REQUIRE(subgraph.ok());
  return *subgraph;
}

}  // namespace

TEST_CASE("snapshot: a neighbourhood follows the chosen types, both directions") {
  storage::MemStore store;
  REQUIRE(testing::WriteSampleGraph(store).ok());
  CHECK(Names(Neighbourhood(store, {"Daulet Karimov", {}, 1, {}, 100})) ==
        "Daulet Karimov, Ministry of Water Resources, Rustam Aliyev");
  CHECK(Names(Neighbourhood(store, {"D. Karimov", {}, 1, {"MET"}, 100})) ==
        "Daulet Karimov, Rustam Aliyev");
  CHECK(Names(Neighbourhood(store, {"Uzbekistan", {}, 1, {"PARTY_TO", "CONCERNS"}, 100})) ==
        "Memorandum on Water Cooperation, Uzbekistan");
  CHECK(Names(Neighbourhood(store, {"Uzbekistan", {}, 2, {"PARTY_TO", "CONCERNS"}, 100})) ==
        "Kazakhstan, Memorandum on Water Cooperation, Uzbekistan");
  Subgraph met = Neighbourhood(store, {"Daulet Karimov", {}, 1, {"MET"}, 100});
  CHECK(met.edges.size() == 1);
  CHECK(CountSourceArticles(met) == 1);

  Subgraph by_id = Neighbourhood(store, {"", {testing::kAliyev}, 1, {"MET"}, 100});
  CHECK(Names(by_id) == "Daulet Karimov, Rustam Aliyev");
  CHECK(by_id.subject == "Rustam Aliyev");
  CHECK(Names(Neighbourhood(store, {"", {testing::kAliyev, testing::kKazakhstan}, 0, {}, 100})) ==
        "Kazakhstan, Rustam Aliyev");
  CHECK(SelectNeighbourhood(store, {"", {999}, 1, {}, 100}).status().IsNotFound());
  CHECK(SelectNeighbourhood(store, {"Nobody Known", {}, 1, {}, 100}).status().IsNotFound());
  CHECK(
      SelectNeighbourhood(store, {"Daulet Karimov", {}, 9, {}, 100}).status().IsInvalidArgument());
}

TEST_CASE("snapshot: a large neighbourhood is cut to the limit and says so") {
  storage::MemStore store;
  REQUIRE(testing::WriteSampleGraph(store).ok());
  Subgraph cut = Neighbourhood(store, {"Daulet Karimov", {}, 2, {}, 3});
  CHECK(cut.nodes.size() == 3);
  CHECK(cut.truncated);
  Result<std::string> dot = RenderSnapshot(cut, SnapshotFormat::kDot);
  REQUIRE(dot.ok());
  CHECK(dot->find("cut to 3 nodes (limit 3)") != std::string::npos);
  CHECK_FALSE(Neighbourhood(store, {"Daulet Karimov", {}, 2, {}, 100}).truncated);
}

TEST_CASE("snapshot: every format is byte-identical for the same input, in any order") {
  storage::MemStore store;
  REQUIRE(testing::WriteSampleGraph(store).ok());
  Subgraph subgraph = Neighbourhood(store, {"Kazakhstan", {}, 2, {}, 100});
  subgraph.date = "2026-03-31";
  Subgraph reversed = subgraph;
  std::reverse(reversed.nodes.begin(), reversed.nodes.end());
  std::reverse(reversed.edges.begin(), reversed.edges.end());
  for (const char* name : {"svg", "png", "dot", "graphml", "json"}) {
    CAPTURE(name);
    Result<SnapshotFormat> format = ParseSnapshotFormat(name);
    REQUIRE(format.ok());
    Result<std::string> first = RenderSnapshot(subgraph, *format);
    Result<std::string> second = RenderSnapshot(subgraph, *format);
    Result<std::string> shuffled = RenderSnapshot(reversed, *format);
    REQUIRE(first.ok());
    REQUIRE(second.ok());
    REQUIRE(shuffled.ok());
    CHECK(first->size() > 200);
    CHECK(*first == *second);
    CHECK(*first == *shuffled);
  }
  CHECK(ParseSnapshotFormat("gif").status().IsInvalidArgument());
}

TEST_CASE("snapshot: the SVG has styled nodes, dated edge labels, a legend and a caption") {
  storage::MemStore store;
  REQUIRE(testing::WriteSampleGraph(store).ok());
  Subgraph subgraph = Neighbourhood(store, {"Daulet Karimov", {}, 1, {}, 100});
  Result<std::string> svg = RenderSnapshot(subgraph, SnapshotFormat::kSvg);
  REQUIRE(svg.ok());
  CHECK(svg->rfind("<?xml", 0) == 0);
  for (const char* text : {"Daulet Karimov", "MET", "2026&#45;03&#45;02", "Legend", "Official",
                           "Steppe: Daulet Karimov", "as of 2026&#45;03&#45;02",
                           "1 source articles", "#8ecae6", "#ffd166"}) {
    CAPTURE(text);
    CHECK(svg->find(text) != std::string::npos);
  }
  Result<std::string> png = RenderSnapshot(subgraph, SnapshotFormat::kPng);
  REQUIRE(png.ok());
  CHECK(png->substr(1, 3) == "PNG");
  Result<std::string> json = RenderSnapshot(subgraph, SnapshotFormat::kJson);
  REQUIRE(json.ok());
  CHECK(json->find("\"source\": \"n1\"") != std::string::npos);
  Result<std::string> graphml = RenderSnapshot(subgraph, SnapshotFormat::kGraphml);
  REQUIRE(graphml.ok());
  CHECK(graphml->find("<edge id=\"e2\" source=\"n1\" target=\"n5\">") != std::string::npos);
}

TEST_CASE("snapshot: loose query results are completed with their edge ends") {
  storage::MemStore store;
  REQUIRE(testing::WriteSampleGraph(store).ok());
  Result<Edge> met = store.GetEdge(testing::kMeetingEdge);
  REQUIRE(met.ok());
  Result<Subgraph> subgraph = CompleteSubgraph(store, {}, {*met, *met}, 100);
  REQUIRE(subgraph.ok());
  CHECK(Names(*subgraph) == "Daulet Karimov, Rustam Aliyev");
  CHECK(subgraph->edges.size() == 1);
  Result<Subgraph> cut = CompleteSubgraph(store, {}, {*met}, 1);
  REQUIRE(cut.ok());
  CHECK(cut->truncated);
  CHECK(cut->edges.empty());
}

}  // namespace steppe::query
