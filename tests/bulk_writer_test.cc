#include "storage/bulk_writer.h"

#include <doctest/doctest.h>
#include <stdlib.h>

#include <filesystem>
#include <string>

#include "storage/records.h"
#include "storage/rocks_store.h"

namespace steppe::storage {
namespace {

// A fresh folder name (not created) under the temporary directory, removed afterwards.
class ScratchPath {
 public:
  ScratchPath() {
    std::string pattern = (std::filesystem::temp_directory_path() / "steppe-bulk-XXXXXX").string();
    REQUIRE(mkdtemp(pattern.data()) != nullptr);
    dir_ = pattern;
  }
  ~ScratchPath() {
    std::error_code ignored;  // best-effort cleanup
    std::filesystem::remove_all(dir_, ignored);
  }
  std::string store() const { return dir_ + "/db"; }
  const std::string& dir() const { return dir_; }

 private:
  std::string dir_;
};

Node Named(NodeId id, std::string label, std::string name) {
  return Node{id, {std::move(label)}, {{"name", std::move(name)}}};
}

std::string Render(const GraphReader& r, NodeId id) {
  std::string out;
  CHECK(r.ScanOut(id, std::nullopt, [&](const EdgeRef& e) {
    out += std::string(e.type) + "->" + std::to_string(e.dst) + "#" + std::to_string(e.edge) + " ";
    return true;
  }).ok());
  CHECK(r.ScanIn(id, std::nullopt, [&](const EdgeRef& e) {
    out += std::string(e.type) + "<-" + std::to_string(e.src) + "#" + std::to_string(e.edge) + " ";
    return true;
  }).ok());
  return out;
}

}  // namespace

TEST_CASE("bulk_writer: a bulk-built store reads like one built by Apply and passes Check") {
  ScratchPath scratch;
  {
    BulkWriterOptions options;
    options.indexes = {{"Country", "name"}};
    auto writer = BulkWriter::Create(scratch.store(), options);
    REQUIRE(writer.ok());
    // Edges may come before their nodes; node ids in any order.
    REQUIRE((*writer)->AddEdge(Edge{0, "HOLDS_ROLE", 5, 2, {{"role", "Minister"}}}).ok());
    REQUIRE((*writer)->AddEdge(Edge{0, "MET", 5, 7, {{"date", "2024-01-02"}}}).ok());
    REQUIRE((*writer)->AddEdge(Edge{10, "MET", 7, 5, {}}).ok());
    CHECK((*writer)->AddEdge(Edge{9, "MET", 7, 5, {}}).IsInvalidArgument());
    REQUIRE((*writer)->AddEdge(Edge{0, "BELONGS_TO", 2, 0, {}}).ok());
    REQUIRE((*writer)->AddNode(Named(7, "Official", "Yerlan Akkenzhenov")).ok());
    REQUIRE((*writer)->AddNode(Named(0, "Country", "Kazakhstan")).ok());
    REQUIRE((*writer)->AddNode(Named(5, "Official", "Aigerim Tazhi")).ok());
    REQUIRE((*writer)->AddNode(Named(2, "Body", "Ministry of Energy")).ok());
    CHECK((*writer)->nodes_added() == 4);
    CHECK((*writer)->edges_added() == 4);
    REQUIRE((*writer)->Finish().ok());
  }
  auto opened = RocksStore::Open(scratch.store());
  REQUIRE(opened.ok());
  RocksStore& store = **opened;
  auto report = store.Check();
  REQUIRE(report.ok());
  CHECK(report->problems == std::vector<std::string>{});
  CHECK(Render(store, 5) == "HOLDS_ROLE->2#1 MET->7#2 MET<-7#10 ");
  CHECK(Render(store, 0) == "BELONGS_TO<-2#11 ");
  CHECK(store.GetEdge(2)->props.at("date") == Value("2024-01-02"));
  std::string found;
  CHECK(store.FindByName("Erlan Akkenzhenov", [&](NodeId id) { return found += std::to_string(id), true; }).ok());
  CHECK(store.FindByProperty("Country", "name", "Kazakhstan", [&](NodeId id) {
    return found += "/" + std::to_string(id), true;
  }).ok());
  CHECK(found == "7/0");
  auto stats = store.Stats();
  REQUIRE(stats.ok());
  CHECK(stats->nodes == 4);
  CHECK(stats->edges == 4);
  CHECK(stats->per_label["Official"] == 2);
  CHECK(stats->per_type["MET"] == 2);
  // The store goes on from the ids the import used.
  CHECK(store.AllocateNodeId() == 8);
  CHECK(store.AllocateEdgeId() == 12);
  Mutation more;
  more.put_nodes = {Named(8, "Official", "Dana Nurlanova")};
  more.put_edges = {Edge{12, "MET", 8, 5, {}}};
  REQUIRE(store.Apply(more).ok());
  CHECK(Render(store, 8) == "MET->5#12 ");
  CHECK(store.Check()->ok());
}

TEST_CASE("bulk_writer: rows of property views encode like Properties maps") {
  // Sorted by key, as AppendNodeRecord requires and as Properties iterates.
  std::vector<PropertyView> views = {{"a", "", -300, true},
                                     {"id", "", 70000, true},
                                     {"name", "Äsel \"A.\" Nur", 0, false},
                                     {"note", std::string_view("x\0y", 3), 0, false},
                                     {"zero", "", 0, true}};
  Properties props = {{"a", Value(-300)},
                      {"id", Value(70000)},
                      {"name", Value("Äsel \"A.\" Nur")},
                      {"note", Value(std::string("x\0y", 3))},
                      {"zero", Value(0)}};
  std::string label = "Official";
  std::string_view label_view = label;
  std::string row;
  AppendNodeRecord(&row, std::span<const std::string_view>(&label_view, 1), views);
  CHECK(row == EncodeNodeRecord(Node{9, {label}, props}));
  std::string edge_row;
  AppendEdgeRecord(&edge_row, 3, 9, 11, views);
  CHECK(edge_row == EncodeEdgeRecord(Edge{1, "MET", 9, 11, props}, 3));
  edge_row.clear();
  AppendEdgeRecord(&edge_row, 3, 9, 11, {});
  CHECK(edge_row == EncodeEdgeRecord(Edge{1, "MET", 9, 11, {}}, 3));
}

TEST_CASE("bulk_writer: many edges stream through in batches") {
  ScratchPath scratch;
  const int kNodes = 300, kEdges = 50000;
  {
    auto writer = BulkWriter::Create(scratch.store());
    REQUIRE(writer.ok());
    for (int i = kNodes - 1; i >= 0; --i)
      REQUIRE((*writer)->AddNode(Named(static_cast<NodeId>(i), i % 2 ? "Official" : "Body",
                                       "Person " + std::to_string(i)))
                  .ok());
    for (int i = 0; i < kEdges; ++i) {
      NodeId src = static_cast<NodeId>(i % kNodes), dst = static_cast<NodeId>((i * 7 + 1) % kNodes);
      REQUIRE((*writer)->AddEdge(Edge{0, i % 3 ? "MET" : "PART_OF", src, dst, {{"n", i}}}).ok());
    }
    REQUIRE((*writer)->Finish().ok());
  }
  auto store = RocksStore::Open(scratch.store());
  REQUIRE(store.ok());
  auto report = (*store)->Check();
  REQUIRE(report.ok());
  CHECK(report->problems == std::vector<std::string>{});
  CHECK(report->entries["out"] == kEdges);
  CHECK((*store)->GetEdge(kEdges)->props.at("n") == Value(kEdges - 1));
  int met = 0;
  CHECK((*store)->ScanOut(1, "MET", [&](const EdgeRef&) { return ++met, true; }).ok());
  CHECK(met == 167);  // i = 1, 301, ... 49801, all MET since 300 is a multiple of 3
}

TEST_CASE("bulk_writer: bad input is refused and nothing is ingested") {
  ScratchPath scratch;
  SUBCASE("a folder that is not empty") {
    std::filesystem::create_directories(scratch.store() + "/something");
    CHECK(BulkWriter::Create(scratch.store()).status().IsInvalidArgument());
  }
  SUBCASE("an edge to a node never added") {
    {
      auto writer = BulkWriter::Create(scratch.store());
      REQUIRE(writer.ok());
      REQUIRE((*writer)->AddNode(Named(1, "Official", "A")).ok());
      REQUIRE((*writer)->AddEdge(Edge{0, "MET", 1, 2, {}}).ok());
      Status s = (*writer)->Finish();
      CHECK(s.IsInvalidArgument());
      CHECK(s.message() == "bulk import: edge 1 has end 2, which is no node");
    }
    auto store = RocksStore::Open(scratch.store());
    REQUIRE(store.ok());
    CHECK((*store)->GetNode(1).status().IsNotFound());
    CHECK((*store)->Check()->ok());
  }
  SUBCASE("a node id given twice") {
    auto writer = BulkWriter::Create(scratch.store());
    REQUIRE(writer.ok());
    REQUIRE((*writer)->AddNode(Named(1, "Official", "A")).ok());
    REQUIRE((*writer)->AddNode(Named(1, "Official", "B")).ok());
    CHECK((*writer)->Finish().message() == "bulk import: node id 1 is given twice");
  }
  SUBCASE("a node id given twice, among ids that are not dense, found at EndNodes") {
    auto writer = BulkWriter::Create(scratch.store());
    REQUIRE(writer.ok());
    for (NodeId id : {NodeId{40}, NodeId{2}, NodeId{17}, NodeId{2}})
      REQUIRE((*writer)->AddNode(Named(id, "Official", "A")).ok());
    (*writer)->EndNodes();
    CHECK((*writer)->AddEdge(Edge{0, "MET", 2, 17, {}}).ok());
    CHECK((*writer)->Finish().message() == "bulk import: node id 2 is given twice");
  }
  SUBCASE("a node after EndNodes") {
    auto writer = BulkWriter::Create(scratch.store());
    REQUIRE(writer.ok());
    REQUIRE((*writer)->AddNode(Named(1, "Official", "A")).ok());
    (*writer)->EndNodes();
    CHECK((*writer)->AddNode(Named(2, "Official", "B")).IsInvalidArgument());
    REQUIRE((*writer)->AddEdge(Edge{0, "MET", 1, 1, {}}).ok());
    REQUIRE((*writer)->Finish().ok());
  }
}

}  // namespace steppe::storage
