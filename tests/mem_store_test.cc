#include <doctest/doctest.h>

#include <string>

#include "storage/mem_store.h"

namespace steppe::storage {
namespace {

Node Named(NodeId id, std::string label, std::string name, Value::List aliases = {}) {
  Node n;
  n.id = id;
  n.labels = {std::move(label)};
  n.props["name"] = std::move(name);
  if (!aliases.empty()) n.props["aliases"] = std::move(aliases);
  return n;
}

std::string Ids(const GraphReader& r, std::string_view name) {
  std::string out;
  CHECK(r.FindByName(name, [&](NodeId id) {
           out += std::to_string(id) + " ";
           return true;
         }).ok());
  return out;
}

std::string Out(const GraphReader& r, NodeId id, std::optional<std::string_view> type = {}) {
  std::string out;
  CHECK(r.ScanOut(id, type, [&](const EdgeRef& e) {
           out += std::string(e.type) + "->" + std::to_string(e.dst) + " ";
           return true;
         }).ok());
  return out;
}

}  // namespace

TEST_CASE("mem_store: names, labels and adjacency follow every change") {
  MemStore store;
  Mutation m;
  m.put_nodes = {Named(1, "Official", "Yerlan Akkenzhenov", {"Akkenzhenov"}),
                 Named(2, "Body", "Ministry of Finance"), Named(3, "Country", "Kazakhstan")};
  m.put_edges = {Edge{1, "HOLDS_ROLE", 1, 2, {{"title", "Minister"}}},
                 Edge{2, "BELONGS_TO", 2, 3, {}}, Edge{3, "SERVES", 1, 3, {}}};
  REQUIRE(store.Apply(m).ok());
  CHECK(Ids(store, "Erlan Akkenzhenov") == "1 ");
  CHECK(Ids(store, "akkenzhenov") == "1 ");
  CHECK(Out(store, 1) == "HOLDS_ROLE->2 SERVES->3 ");
  CHECK(Out(store, 1, "SERVES") == "SERVES->3 ");

  // A snapshot keeps what it saw; the store moves on.
  auto before = store.Snapshot();
  Mutation rename;
  rename.put_nodes = {Named(1, "Official", "Yerlan Akkenzhenov")};
  rename.delete_edges = {3};
  REQUIRE(store.Apply(rename).ok());
  CHECK(Ids(store, "Akkenzhenov") == "");
  CHECK(Ids(*before, "Akkenzhenov") == "1 ");
  CHECK(Out(store, 1) == "HOLDS_ROLE->2 ");
  CHECK(before->Version() + 1 == store.Version());

  auto stats = store.Stats();
  REQUIRE(stats.ok());
  CHECK(stats->nodes == 3);
  CHECK(stats->edges == 2);
  CHECK(stats->per_label["Official"] == 1);
}

TEST_CASE("mem_store: a failing batch changes nothing") {
  MemStore store;
  Mutation m;
  m.put_nodes = {Named(1, "Official", "A B")};
  m.put_edges = {Edge{1, "MET", 1, 99, {}}};  // 99 is no node
  uint64_t version = store.Version();
  CHECK(store.Apply(m).IsInvalidArgument());
  CHECK(store.Version() == version);
  CHECK(store.GetNode(1).status().IsNotFound());
  CHECK(store.Apply(Mutation{}).ok());
  CHECK(store.Version() == version);
}

TEST_CASE("mem_store: a property index finds equal values") {
  MemStore store;
  Mutation m;
  Node n = Named(store.AllocateNodeId(), "Law", "Law on Tourism");
  n.props["year"] = int64_t{2024};
  m.put_nodes = {n};
  REQUIRE(store.Apply(m).ok());
  auto count = [&](const Value& v) {
    int found = 0;
    Status s = store.FindByProperty("Law", "year", v, [&](NodeId) { return ++found, true; });
    return s.ok() ? found : -1;
  };
  CHECK(count(int64_t{2024}) == -1);  // not indexed yet
  REQUIRE(store.CreateIndex("Law", "year").ok());
  CHECK(count(int64_t{2024}) == 1);
  CHECK(count(2024.0) == 1);
  CHECK(count(int64_t{2023}) == 0);
  CHECK(store.AllocateNodeId() == n.id + 1);
}

}  // namespace steppe::storage
