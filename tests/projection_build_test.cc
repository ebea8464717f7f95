#include <doctest/doctest.h>

#include <algorithm>
#include <memory>
#include <string>
#include <vector>

#include "query/projection.h"
#include "storage/bulk_writer.h"
#include "storage/mem_store.h"
#include "storage/rocks_store.h"
#include "testing/temp_dir.h"

namespace steppe::query {
namespace {

constexpr int kNodes = 1000;
constexpr int kEdges = 300000;  // above the size at which Build scans two halves at once

// Edge i (id i + 1): its type changes over the ids, so that the second half
// meets its types in another order than the first and Build must map them.
std::string TypeOf(int i) {
  if (i < kEdges / 2) return i % 2 ? "A" : "B";
  return i % 3 ? "A" : "C";
}
NodeId SourceOf(int i) { return static_cast<NodeId>(i * 7 % kNodes) + 1; }
NodeId TargetOf(int i) { return static_cast<NodeId>(i * 13 % kNodes) + 1; }

std::string Render(const storage::EdgeRef& e) {
  return std::to_string(e.edge) + ":" + std::to_string(e.src) + "-" + std::string(e.type) + "->" +
         std::to_string(e.dst) + " ";
}

}  // namespace

TEST_CASE("projection: a large graph read in two halves keeps every edge, its type and id order") {
  testing::TempDir dir;
  {
    auto writer = storage::BulkWriter::Create(dir.path() + "/db");
    REQUIRE(writer.ok());
    for (int n = 1; n <= kNodes; ++n)
      REQUIRE((*writer)->AddNode(Node{static_cast<NodeId>(n), {"Official"}, {}}).ok());
    for (int i = 0; i < kEdges; ++i)
      REQUIRE((*writer)->AddEdge(Edge{0, TypeOf(i), SourceOf(i), TargetOf(i), {}}).ok());
    REQUIRE((*writer)->Finish().ok());
  }
  auto store = storage::RocksStore::Open(dir.path() + "/db");
  REQUIRE(store.ok());
  Result<std::shared_ptr<const Projection>> built = Projection::Build(**store);
  REQUIRE(built.ok());
  const Projection& p = **built;
  REQUIRE(p.num_vertices() == kNodes);
  REQUIRE(p.num_edges() == kEdges);
  std::vector<int> seen(kEdges, 0);
  int wrong = 0, out_of_order = 0;
  for (Projection::Vertex v = 0; v < p.num_vertices(); ++v) {
    EdgeId previous = 0;
    for (Projection::Slot s = p.out_begin(v); s < p.out_begin(v + 1); ++s) {
      const Projection::EdgeInfo& info = p.edge(s);
      int i = static_cast<int>(info.id) - 1;
      REQUIRE((i >= 0 && i < kEdges));
      ++seen[i];
      wrong += p.NodeOf(v) != SourceOf(i) || p.NodeOf(p.target(s)) != TargetOf(i) ||
               p.type_names()[info.type] != TypeOf(i);
      out_of_order += info.id <= previous;
      previous = info.id;
    }
  }
  CHECK(wrong == 0);
  CHECK(out_of_order == 0);
  CHECK(std::count(seen.begin(), seen.end(), 1) == kEdges);
  // In-edges point at the same slots.
  Projection::Vertex hub = p.VertexOf(TargetOf(0));
  for (Projection::Slot s : p.in_slots(hub)) CHECK(p.target(s) == hub);
}

TEST_CASE("storage: ScanEdgeRange gives the edges of an id range, in order, on both stores") {
  testing::TempDir dir;
  auto rocks = storage::RocksStore::Open(dir.path() + "/db");
  REQUIRE(rocks.ok());
  storage::MemStore mem;
  Mutation batch;
  for (NodeId n = 1; n <= 4; ++n) batch.put_nodes.push_back(Node{n, {"Body"}, {}});
  for (EdgeId e : {EdgeId{2}, EdgeId{3}, EdgeId{5}, EdgeId{8}, EdgeId{9}})
    batch.put_edges.push_back(Edge{e, e % 2 ? "MET" : "PART_OF", e % 4 + 1, (e + 1) % 4 + 1, {}});
  REQUIRE((*rocks)->Apply(batch).ok());
  REQUIRE(mem.Apply(batch).ok());
  for (const storage::GraphReader* reader : {static_cast<const storage::GraphReader*>(rocks->get()),
                                             static_cast<const storage::GraphReader*>(&mem)}) {
    auto range = [&](EdgeId first, EdgeId last) {
      std::string out;
      CHECK(reader
                ->ScanEdgeRange(first, last,
                                [&](const storage::EdgeRef& e) { return out += Render(e), true; })
                .ok());
      return out;
    };
    CHECK(range(3, 9) == "3:4-MET->1 5:2-MET->3 8:1-PART_OF->2 ");
    CHECK(range(0, 3) == "2:3-PART_OF->4 ");
    CHECK(range(9, UINT64_MAX) == "9:2-MET->3 ");
    CHECK(range(10, UINT64_MAX).empty());
    CHECK(range(5, 5).empty());
  }
}

}  // namespace steppe::query
