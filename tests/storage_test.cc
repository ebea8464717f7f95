// Storage cases run on every store (MemStore and RocksStore); the cases named
// "rocks_store:" test what only the RocksDB store has (reopen, Check()).

#include <doctest/doctest.h>

#include <algorithm>
#include <atomic>
#include <string>
#include <thread>
#include <vector>

#include "storage/keys.h"
#include "tests/testing/stores.h"

namespace steppe::storage {
namespace {

using testing::AllStores;
using testing::NewRocksStore;

Node Named(NodeId id, std::string label, std::string name, Value::List aliases = {}) {
  Node n;
  n.id = id;
  n.labels = {std::move(label)};
  n.props["name"] = std::move(name);
  if (!aliases.empty()) n.props["aliases"] = std::move(aliases);
  return n;
}

std::string Joined(std::vector<std::string> parts, bool sorted = true) {
  if (sorted) std::sort(parts.begin(), parts.end());
  std::string out;
  for (const auto& p : parts) out += (out.empty() ? "" : " ") + p;
  return out;
}

std::string NodeIds(const std::function<Status(const NodeVisitor&)>& scan) {
  std::vector<std::string> ids;
  Status s = scan([&](NodeId id) {
    ids.push_back(std::to_string(id));
    return true;
  });
  if (!s.ok()) return s.ToString();
  return Joined(ids, /*sorted=*/false);
}

std::string ByName(const GraphReader& r, std::string_view name) {
  return NodeIds([&](const NodeVisitor& v) { return r.FindByName(name, v); });
}

std::string ByLabel(const GraphReader& r, std::string_view label) {
  return NodeIds([&](const NodeVisitor& v) { return r.ScanLabel(label, v); });
}

std::string ByProperty(const GraphReader& r, std::string_view label, std::string_view key,
                       const Value& value) {
  return NodeIds([&](const NodeVisitor& v) { return r.FindByProperty(label, key, value, v); });
}

// "TYPE->dst#edge" for each edge leaving `id` (sorted: stores may order types differently).
std::string Out(const GraphReader& r, NodeId id, std::optional<std::string_view> type = {}) {
  std::vector<std::string> parts;
  Status s = r.ScanOut(id, type, [&](const EdgeRef& e) {
    CHECK(e.src == id);
    parts.push_back(std::string(e.type) + "->" + std::to_string(e.dst) + "#" + std::to_string(e.edge));
    return true;
  });
  return s.ok() ? Joined(parts) : s.ToString();
}

std::string In(const GraphReader& r, NodeId id, std::optional<std::string_view> type = {}) {
  std::vector<std::string> parts;
  Status s = r.ScanIn(id, type, [&](const EdgeRef& e) {
    CHECK(e.dst == id);
    parts.push_back(std::string(e.type) + "<-" + std::to_string(e.src) + "#" + std::to_string(e.edge));
    return true;
  });
  return s.ok() ? Joined(parts) : s.ToString();
}

std::string StatsText(const GraphReader& r) {
  auto stats = r.Stats();
  if (!stats.ok()) return stats.status().ToString();
  std::string out = "nodes=" + std::to_string(stats->nodes) + " edges=" + std::to_string(stats->edges) +
                    " articles=" + std::to_string(stats->articles) +
                    " duplicates=" + std::to_string(stats->duplicates);
  for (const auto& [label, n] : stats->per_label) out += " :" + label + "=" + std::to_string(n);
  for (const auto& [type, n] : stats->per_type) out += " [" + type + "]=" + std::to_string(n);
  return out;
}

std::string CheckText(RocksStore& store) {
  auto report = store.Check();
  if (!report.ok()) return report.status().ToString();
  return report->ok() ? "ok" : Joined(report->problems, false);
}

// Three nodes and three edges, the shape of the graph model.
Mutation SmallGraph() {
  Mutation m;
  m.put_nodes = {Named(1, "Official", "Yerlan Akkenzhenov", {"Akkenzhenov"}),
                 Named(2, "Body", "Ministry of Finance"), Named(3, "Country", "Kazakhstan")};
  m.put_edges = {Edge{10, "HOLDS_ROLE", 1, 2, {{"title", "Minister"}}},
                 Edge{11, "BELONGS_TO", 2, 3, {}}, Edge{12, "SERVES", 1, 3, {}}};
  return m;
}

}  // namespace

TEST_CASE("storage: nodes and edges are found by id, label, name and adjacency") {
  for (auto& store : AllStores()) {
    CAPTURE(store.name());
    REQUIRE(store->Apply(SmallGraph()).ok());
    auto node = store->GetNode(1);
    REQUIRE(node.ok());
    CHECK(node->labels == std::vector<std::string>{"Official"});
    CHECK(node->props.at("name") == Value("Yerlan Akkenzhenov"));
    auto edge = store->GetEdge(10);
    REQUIRE(edge.ok());
    CHECK(edge->type == "HOLDS_ROLE");
    CHECK(edge->src == 1);
    CHECK(edge->dst == 2);
    CHECK(edge->props.at("title") == Value("Minister"));
    CHECK(store->GetNode(999).status().IsNotFound());
    CHECK(store->GetEdge(999).status().IsNotFound());

    CHECK(ByLabel(*store, "Official") == "1");
    CHECK(ByLabel(*store, "Nothing") == "");
    CHECK(Out(*store, 1) == "HOLDS_ROLE->2#10 SERVES->3#12");
    CHECK(Out(*store, 1, "SERVES") == "SERVES->3#12");
    CHECK(Out(*store, 1, "MET") == "");
    CHECK(In(*store, 3) == "BELONGS_TO<-2#11 SERVES<-1#12");
    CHECK(In(*store, 3, "BELONGS_TO") == "BELONGS_TO<-2#11");
    CHECK(NodeIds([&](const NodeVisitor& v) { return store->ScanNodes(v); }) == "1 2 3");
    std::vector<std::string> edges;
    CHECK(store->ScanEdges([&](const EdgeRef& e) {
      edges.push_back(std::to_string(e.edge) + ":" + std::string(e.type) + ":" +
                      std::to_string(e.src) + ">" + std::to_string(e.dst));
      return true;
    }).ok());
    CHECK(Joined(edges, false) == "10:HOLDS_ROLE:1>2 11:BELONGS_TO:2>3 12:SERVES:1>3");
  }
}

TEST_CASE("storage: transliteration variants and aliases find the same node") {
  for (auto& store : AllStores()) {
    CAPTURE(store.name());
    REQUIRE(store->Apply(SmallGraph()).ok());
    CHECK(ByName(*store, "Yerlan Akkenzhenov") == "1");
    CHECK(ByName(*store, "Erlan Akkenzhenov") == "1");
    CHECK(ByName(*store, "akkenzhenov") == "1");
    CHECK(ByName(*store, "AKKENZHENOV") == "1");
    CHECK(ByName(*store, "the Republic of Kazakhstan") == "3");
    CHECK(ByName(*store, "Someone Else") == "");
  }
}

TEST_CASE("storage: a scan stops when the visitor returns false") {
  for (auto& store : AllStores()) {
    CAPTURE(store.name());
    REQUIRE(store->Apply(SmallGraph()).ok());
    int seen = 0;
    CHECK(store->ScanOut(1, std::nullopt, [&](const EdgeRef&) { return ++seen, false; }).ok());
    CHECK(seen == 1);
  }
}

TEST_CASE("storage: a property index seeks equal values and follows changes") {
  for (auto& store : AllStores()) {
    CAPTURE(store.name());
    Node law = Named(store->AllocateNodeId(), "Law", "Law on Tourism");
    law.props["year"] = int64_t{2024};
    Node other = Named(store->AllocateNodeId(), "Law", "Law on Water");
    other.props["year"] = 2023.5;
    Mutation m;
    m.put_nodes = {law, other};
    REQUIRE(store->Apply(m).ok());
    CHECK(store->FindByProperty("Law", "year", int64_t{2024}, [](NodeId) { return true; })
              .IsNotFound());
    REQUIRE(store->CreateIndex("Law", "year").ok());
    REQUIRE(store->CreateIndex("Law", "name").ok());
    CHECK(ByProperty(*store, "Law", "year", int64_t{2024}) == std::to_string(law.id));
    CHECK(ByProperty(*store, "Law", "year", 2024.0) == std::to_string(law.id));
    CHECK(ByProperty(*store, "Law", "year", 2023.5) == std::to_string(other.id));
    CHECK(ByProperty(*store, "Law", "year", int64_t{2023}) == "");
    CHECK(ByProperty(*store, "Law", "year", "2024") == "");
    CHECK(ByProperty(*store, "Law", "name", "Law on Water") == std::to_string(other.id));

    // A node created after the index is indexed too; a changed value moves.
    Node third = Named(store->AllocateNodeId(), "Law", "Law on Fishing");
    third.props["year"] = int64_t{2024};
    law.props["year"] = int64_t{2025};
    Mutation change;
    change.put_nodes = {third, law};
    REQUIRE(store->Apply(change).ok());
    CHECK(ByProperty(*store, "Law", "year", int64_t{2024}) == std::to_string(third.id));
    CHECK(ByProperty(*store, "Law", "year", int64_t{2025}) == std::to_string(law.id));
  }
}

TEST_CASE("storage: replacing a node removes its stale label, name and property entries") {
  for (auto& store : AllStores()) {
    CAPTURE(store.name());
    REQUIRE(store->CreateIndex("Official", "title").ok());
    Node person = Named(1, "Official", "Yerlan Akkenzhenov", {"Akkenzhenov", "Ye. Akkenzhenov"});
    person.props["title"] = "Minister";
    Mutation m;
    m.put_nodes = {person};
    REQUIRE(store->Apply(m).ok());
    CHECK(ByProperty(*store, "Official", "title", "Minister") == "1");

    Node renamed = Named(1, "Body", "Akkenzhenov Foundation");
    Mutation replace;
    replace.put_nodes = {renamed};
    REQUIRE(store->Apply(replace).ok());
    CHECK(ByLabel(*store, "Official") == "");
    CHECK(ByLabel(*store, "Body") == "1");
    CHECK(ByName(*store, "Yerlan Akkenzhenov") == "");
    CHECK(ByName(*store, "Akkenzhenov") == "");
    CHECK(ByName(*store, "Akkenzhenov Foundation") == "1");
    CHECK(ByProperty(*store, "Official", "title", "Minister") == "");
    CHECK(StatsText(*store) == "nodes=1 edges=0 articles=0 duplicates=0 :Body=1");
    if (store.rocks()) CHECK(CheckText(*store.rocks()) == "ok");
  }
}

TEST_CASE("storage: deleting edges and then nodes") {
  for (auto& store : AllStores()) {
    CAPTURE(store.name());
    REQUIRE(store->Apply(SmallGraph()).ok());

    Mutation too_early;
    too_early.delete_nodes = {3};  // still has BELONGS_TO and SERVES
    CHECK(store->Apply(too_early).IsInvalidArgument());
    CHECK(store->GetNode(3).ok());

    Mutation m;
    m.delete_edges = {11, 12};
    m.delete_nodes = {3};
    REQUIRE(store->Apply(m).ok());
    CHECK(store->GetNode(3).status().IsNotFound());
    CHECK(store->GetEdge(12).status().IsNotFound());
    CHECK(Out(*store, 1) == "HOLDS_ROLE->2#10");
    CHECK(In(*store, 3) == "");
    CHECK(ByName(*store, "Kazakhstan") == "");
    CHECK(ByLabel(*store, "Country") == "");
    CHECK(StatsText(*store) ==
          "nodes=2 edges=1 articles=0 duplicates=0 :Body=1 :Official=1 [HOLDS_ROLE]=1");
    if (store.rocks()) CHECK(CheckText(*store.rocks()) == "ok");
  }
}

TEST_CASE("storage: a failing batch writes nothing") {
  for (auto& store : AllStores()) {
    CAPTURE(store.name());
    REQUIRE(store->Apply(SmallGraph()).ok());
    uint64_t version = store->Version();
    std::string stats = StatsText(*store);
    Mutation m;
    m.put_nodes = {Named(4, "Official", "Aigerim Tazhi"), Named(2, "Body", "Renamed Ministry")};
    m.put_edges = {Edge{20, "MET", 4, 1, {}}, Edge{21, "MET", 4, 99, {}}};  // 99 is no node
    CHECK(store->Apply(m).IsInvalidArgument());
    CHECK(store->Version() == version);
    CHECK(store->GetNode(4).status().IsNotFound());
    CHECK(store->GetEdge(20).status().IsNotFound());
    CHECK(ByName(*store, "Aigerim Tazhi") == "");
    CHECK(ByName(*store, "Ministry of Finance") == "2");
    CHECK(ByLabel(*store, "Official") == "1");
    CHECK(In(*store, 1) == "");
    CHECK(StatsText(*store) == stats);
  }
}

TEST_CASE("storage: an empty batch leaves the version unchanged") {
  for (auto& store : AllStores()) {
    CAPTURE(store.name());
    REQUIRE(store->Apply(SmallGraph()).ok());
    uint64_t version = store->Version();
    CHECK(store->Apply(Mutation{}).ok());
    CHECK(store->Version() == version);
    Mutation one;
    one.put_nodes = {Named(5, "Country", "Uzbekistan")};
    REQUIRE(store->Apply(one).ok());
    CHECK(store->Version() > version);
  }
}

TEST_CASE("storage: a snapshot does not see later writes") {
  for (auto& store : AllStores()) {
    CAPTURE(store.name());
    REQUIRE(store->Apply(SmallGraph()).ok());
    auto before = store->Snapshot();
    uint64_t version = before->Version();

    Mutation m;
    m.put_nodes = {Named(4, "Official", "Aigerim Tazhi"), Named(1, "Official", "Yerlan Akkenzhenov")};
    m.put_edges = {Edge{20, "MET", 4, 1, {{"date", "2026-05-21"}}}};
    m.delete_edges = {12};
    REQUIRE(store->Apply(m).ok());

    CHECK(before->Version() == version);
    CHECK(store->Version() > version);
    CHECK(before->GetNode(4).status().IsNotFound());
    CHECK(ByName(*before, "Akkenzhenov") == "1");
    CHECK(ByName(*store, "Akkenzhenov") == "");
    CHECK(Out(*before, 1) == "HOLDS_ROLE->2#10 SERVES->3#12");
    CHECK(Out(*store, 1) == "HOLDS_ROLE->2#10");
    CHECK(In(*before, 1) == "");
    CHECK(In(*store, 1) == "MET<-4#20");
    CHECK(StatsText(*before) ==
          "nodes=3 edges=3 articles=0 duplicates=0 :Body=1 :Country=1 :Official=1 "
          "[BELONGS_TO]=1 [HOLDS_ROLE]=1 [SERVES]=1");
  }
}

TEST_CASE("storage: articles are kept with their fingerprint") {
  for (auto& store : AllStores()) {
    CAPTURE(store.name());
    NodeId id = store->AllocateNodeId();
    Node node = Named(id, "Article", "Ministers met in Astana");
    StoredArticle article;
    article.node = id;
    article.fingerprint = "fp-1";
    article.article.id = "feed#1";
    article.article.file = "feed.txt";
    article.article.title = "Ministers met in Astana";
    article.article.date = "2026-05-21";
    article.article.body = "The ministers met.";
    Mutation m;
    m.put_nodes = {node};
    m.put_articles = {article};
    m.duplicates_delta = 2;
    REQUIRE(store->Apply(m).ok());

    auto stored = store->GetArticle(id);
    REQUIRE(stored.ok());
    CHECK(stored->fingerprint == "fp-1");
    CHECK(stored->article.title == std::optional<std::string>("Ministers met in Astana"));
    CHECK(stored->article.time == std::nullopt);
    CHECK(stored->article.body == "The ministers met.");
    auto found = store->FindFingerprint("fp-1");
    REQUIRE(found.ok());
    CHECK(*found == id);
    CHECK(store->FindFingerprint("fp-2").status().IsNotFound());
    std::vector<std::string> ids;
    CHECK(store->ScanArticles([&](const StoredArticle& a) {
      ids.push_back(a.article.id);
      return true;
    }).ok());
    CHECK(Joined(ids) == "feed#1");
    CHECK(StatsText(*store) == "nodes=1 edges=0 articles=1 duplicates=2 :Article=1");
    if (store.rocks()) {
      CHECK(CheckText(*store.rocks()) == "ok");
      REQUIRE(store.rocks()->DeleteRawKeyForTest("articles", keys::IdKey(id)).ok());
      CHECK(CheckText(*store.rocks()) ==
            "nodes 1: an Article node without a stored article "
            "fingerprints \"fp-1\": no stored article has it "
            "meta \"stat/articles\": holds 1, the records count 0");
    }
  }
}

TEST_CASE("rocks_store: an article needs its Article node") {
  auto store = NewRocksStore();
  StoredArticle article;
  article.node = 7;
  article.fingerprint = "fp";
  Mutation m;
  m.put_articles = {article};
  CHECK(store->Apply(m).IsInvalidArgument());
  CHECK(store->GetArticle(7).status().IsNotFound());
}

TEST_CASE("rocks_store: any label and relationship type can be stored") {
  auto store = NewRocksStore();
  Node a{1, {"A", "B long label with spaces", "ünïcode"}, {{"num", int64_t{-3}}}};
  Node b{2, {"A"}, {{"list", Value::List{1, "two", 3.5}}, {"map", Value::Map{{"k", true}}}}};
  Mutation m;
  m.put_nodes = {a, b};
  m.put_edges = {Edge{1, "T", 1, 2, {}}, Edge{2, "REL WITH SPACE", 2, 1, {{"w", 0.25}}}};
  REQUIRE(store->Apply(m).ok());
  CHECK(ByLabel(*store, "A") == "1 2");
  CHECK(ByLabel(*store, "ünïcode") == "1");
  auto got = store->GetNode(2);
  REQUIRE(got.ok());
  CHECK(got->props.at("list") == Value(Value::List{1, "two", 3.5}));
  CHECK(got->props.at("map") == Value(Value::Map{{"k", true}}));
  CHECK(store->GetNode(1)->props.at("num") == Value(int64_t{-3}));
  CHECK(Out(*store, 2) == "REL WITH SPACE->1#2");
  CHECK(store->GetEdge(2)->props.at("w") == Value(0.25));
  CHECK(CheckText(*store.rocks()) == "ok");
}

TEST_CASE("rocks_store: reopening keeps records, indexes, dictionaries and counters") {
  auto store = NewRocksStore();
  REQUIRE(store->CreateIndex("Body", "name").ok());
  REQUIRE(store->Apply(SmallGraph()).ok());
  NodeId allocated = store->AllocateNodeId();
  CHECK(allocated > 3);
  Mutation m;
  m.put_nodes = {Named(allocated, "Official", "Aigerim Tazhi")};
  m.put_edges = {Edge{store->AllocateEdgeId(), "MET", allocated, 1, {}}};
  REQUIRE(store->Apply(m).ok());
  std::string stats = StatsText(*store);

  REQUIRE(store.Reopen());
  CHECK(StatsText(*store) == stats);
  CHECK(ByName(*store, "Erlan Akkenzhenov") == "1");
  CHECK(ByProperty(*store, "Body", "name", "Ministry of Finance") == "2");
  CHECK(Out(*store, 1) == "HOLDS_ROLE->2#10 SERVES->3#12");
  CHECK(In(*store, 1, "MET") == "MET<-" + std::to_string(allocated) + "#13");
  CHECK(store->AllocateNodeId() > allocated);
  CHECK(store->AllocateEdgeId() > 13);
  // A type first used after reopening gets a fresh id, not an old one.
  Mutation more;
  more.put_edges = {Edge{100, "PART_OF", 2, 2, {}}};
  REQUIRE(store->Apply(more).ok());
  CHECK(Out(*store, 2, "PART_OF") == "PART_OF->2#100");
  CHECK(Out(*store, 1) == "HOLDS_ROLE->2#10 SERVES->3#12");
  CHECK(CheckText(*store.rocks()) == "ok");
}

TEST_CASE("rocks_store: readers on a snapshot see one state while Apply runs") {
  auto store = NewRocksStore();
  Mutation first;
  first.put_nodes = {Named(1, "Official", "Hub Person")};
  REQUIRE(store->Apply(first).ok());
  std::atomic<bool> done{false};
  std::atomic<int> torn{0};
  std::thread reader([&] {
    while (!done) {
      auto view = store->Snapshot();
      auto stats = view->Stats();
      uint64_t edges = 0;
      (void)view->ScanOut(1, std::nullopt, [&](const EdgeRef&) { return ++edges, true; });
      if (!stats.ok() || stats->edges != edges) ++torn;
    }
  });
  for (NodeId id = 2; id < 200; ++id) {
    Mutation m;
    m.put_nodes = {Named(id, "Official", "Person " + std::to_string(id))};
    m.put_edges = {Edge{id, "MET", 1, id, {}}};
    REQUIRE(store->Apply(m).ok());
  }
  done = true;
  reader.join();
  CHECK(torn == 0);
}

TEST_CASE("keys: ordered values sort as their values do") {
  auto encode = [](const Value& v) {
    std::string s;
    keys::AppendOrderedValue(&s, v);
    return s;
  };
  CHECK(encode(int64_t{-5}) < encode(int64_t{-1}));
  CHECK(encode(int64_t{-1}) < encode(int64_t{0}));
  CHECK(encode(int64_t{0}) < encode(int64_t{7}));
  CHECK(encode(-2.5) < encode(-0.5));
  CHECK(encode(0.25) < encode(0.75));
  CHECK(encode(3.0) == encode(int64_t{3}));
  CHECK(encode("a") < encode("ab"));
  CHECK(encode("a") < encode(std::string("a\0", 2)));
  CHECK(encode(std::string("a\0", 2)) < encode("ab"));
  CHECK(encode(Value::List{1, 2}) < encode(Value::List{1, 3}));
  CHECK(encode(Value::List{1}) < encode(Value::List{1, 2}));
  CHECK(encode(Value()).empty());
  CHECK(keys::PrefixEnd("ab") == "ac");
  CHECK(keys::PrefixEnd(std::string("a\xff", 2)) == "b");
}

}  // namespace steppe::storage

namespace steppe::storage {

TEST_CASE("rocks_store: Check passes on a good store and names what was broken") {
  auto store = NewRocksStore();
  RocksStore& rocks = *store.rocks();
  REQUIRE(store->CreateIndex("Body", "name").ok());
  REQUIRE(store->Apply(SmallGraph()).ok());
  auto report = rocks.Check();
  REQUIRE(report.ok());
  CHECK(report->ok());
  CHECK(report->entries["nodes"] == 3);
  CHECK(report->entries["out"] == 3);
  CHECK(report->entries["names"] == 4);
  CHECK(report->entries["props"] == 1);

  SUBCASE("a missing adjacency entry") {
    REQUIRE(rocks.DeleteRawKeyForTest("out", keys::AdjacencyKey({1, 1, 2, 10})).ok());
    CHECK(CheckText(rocks) == "out 1/HOLDS_ROLE/2/10: missing, though its edge's record implies it");
  }
  SUBCASE("a stray name entry") {
    REQUIRE(rocks.PutRawKeyForTest("names", keys::NameKey("ghost", 2), "").ok());
    CHECK(CheckText(rocks) == "names \"ghost\"/2: no node record agrees with this entry");
  }
  SUBCASE("a stale property entry") {
    REQUIRE(rocks.PutRawKeyForTest("props", keys::PropKey(2, "name", "Old Name", 2), "").ok());
    CHECK(CheckText(rocks).starts_with("props Body.name/"));
  }
  SUBCASE("a node record gone from under its edges") {
    REQUIRE(rocks.DeleteRawKeyForTest("nodes", keys::IdKey(3)).ok());
    CHECK(CheckText(rocks) ==
          "labels Country/3: no node record agrees with this entry "
          "names \"kazahstan\"/3: no node record agrees with this entry "
          "edges 11: node 3 does not exist edges 12: node 3 does not exist "
          "meta \"stat/label/Country\": holds 1, the records count 0 "
          "meta \"stat/nodes\": holds 3, the records count 2");
  }
  SUBCASE("a record that does not decode") {
    REQUIRE(rocks.PutRawKeyForTest("nodes", keys::IdKey(2), "\xff\x01").ok());
    CHECK(CheckText(rocks).starts_with("nodes 2: node record is not CBOR"));
  }
  SUBCASE("a counter below the ids in use") {
    REQUIRE(rocks.PutRawKeyForTest("meta", keys::kNextEdgeIdKey, keys::EncodeFixed64(5)).ok());
    CHECK(CheckText(rocks) == "meta \"next_edge_id\": 5 is not above the largest id 12");
  }
}

}  // namespace steppe::storage

#include <nlohmann/json.hpp>

#include "storage/records.h"

namespace steppe::storage {

TEST_CASE("records: node and edge records are CBOR that nlohmann reads alike") {
  Node node{5, {"Official", "Person"}, {{"name", "Aigerim Tazhi"}, {"n", int64_t{-70000}},
                                        {"x", 0.5}, {"ok", true}, {"none", Value()},
                                        {"tags", Value::List{"a", int64_t{1} << 40}}}};
  std::string record = EncodeNodeRecord(node);
  auto json = nlohmann::json::from_cbor(record);
  CHECK(json.dump() ==
        R"({"l":["Official","Person"],"p":{"n":-70000,"name":"Aigerim Tazhi","none":null,)"
        R"("ok":true,"tags":["a",1099511627776],"x":0.5}})");
  Node back;
  REQUIRE(DecodeNodeRecord(record, &back).ok());
  CHECK(back.labels == node.labels);
  CHECK(back.props == node.props);

  // What other CBOR writers produce (float32, float16) reads back too.
  Value value;
  std::vector<uint8_t> theirs = nlohmann::json::to_cbor(nlohmann::json{{"f", 0.5}, {"g", 1e300}});
  REQUIRE(ReadCbor(std::string(theirs.begin(), theirs.end()), &value).ok());
  CHECK(value == Value(Value::Map{{"f", 0.5}, {"g", 1e300}}));
  REQUIRE(ReadCbor(std::string("\xf9\x3c\x00", 3), &value).ok());
  CHECK(value == Value(1.0));

  Edge edge{9, "MET", 1, 2, {{"date", "2026-05-21"}}};
  Edge edge_back;
  uint32_t type = 0;
  REQUIRE(DecodeEdgeRecord(EncodeEdgeRecord(edge, 7), &edge_back, &type).ok());
  CHECK(type == 7);
  CHECK(edge_back.src == 1);
  CHECK(edge_back.dst == 2);
  CHECK(edge_back.props == edge.props);
  CHECK(DecodeNodeRecord(std::string("\xa2\x61l\x9f", 4), &back).code() == Status::Code::kCorruption);
  CHECK(ReadCbor(std::string(200, '\x81'), &value).code() == Status::Code::kCorruption);
}

}  // namespace steppe::storage

namespace steppe::storage {

TEST_CASE("rocks_store: Check reads keys in bytewise order (ids with high bytes)") {
  auto store = NewRocksStore();
  Mutation m;
  m.put_nodes = {Named(200, "Official", "A B"), Named(0x80000001, "Official", "C D"),
                 Named(0xff01, "Body", "E F")};
  m.put_edges = {Edge{0x90, "MET", 200, 0x80000001, {}}, Edge{0xfe00, "MET", 0x80000001, 0xff01, {}},
                 Edge{7, "MET", 0xff01, 200, {}}};
  REQUIRE(store->Apply(m).ok());
  CHECK(CheckText(*store.rocks()) == "ok");
  CHECK(Out(*store, 0x80000001) == "MET->65281#65024");
}

}  // namespace steppe::storage
