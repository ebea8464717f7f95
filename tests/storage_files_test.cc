// What the RocksDB store leaves on disk: its table files are compressed, the
// same way whether a bulk import or Apply() wrote them.

#include <doctest/doctest.h>

#include <filesystem>
#include <string>

#include "storage/bulk_writer.h"
#include "storage/records.h"
#include "storage/rocks_store.h"
#include "testing/temp_dir.h"

namespace steppe::storage {
namespace {

constexpr int kNodes = 200;
constexpr int kEdges = 20000;
constexpr const char* kTopic =
    "trade, transport and energy cooperation; the water code; visas for students and "
    "researchers; the next session of the intergovernmental commission";

// A graph whose edge records repeat themselves, as meetings' dates and
// topics do: any block compression shrinks it several times over.
Mutation RepetitiveGraph() {
  Mutation m;
  for (int i = 0; i < kNodes; ++i)
    m.put_nodes.push_back(Node{static_cast<NodeId>(i + 1), {"Official"},
                               {{"name", "Official number " + std::to_string(i)}}});
  for (int i = 0; i < kEdges; ++i)
    m.put_edges.push_back(Edge{static_cast<EdgeId>(i + 1), "MET",
                               static_cast<NodeId>(i % kNodes + 1),
                               static_cast<NodeId>((i * 7 + 3) % kNodes + 1),
                               {{"date", "2024-05-0" + std::to_string(i % 9 + 1)},
                                {"topic", kTopic}}});
  return m;
}

uint64_t RecordBytes(const Mutation& m) {
  uint64_t bytes = 0;
  for (const Edge& edge : m.put_edges) bytes += EncodeEdgeRecord(edge, 1).size();
  return bytes;
}

// The bytes of the store's table files (its write-ahead log aside).
uint64_t TableFileBytes(const std::string& path) {
  uint64_t bytes = 0;
  for (const auto& entry : std::filesystem::directory_iterator(path))
    if (entry.path().extension() == ".sst") bytes += entry.file_size();
  return bytes;
}

}  // namespace

TEST_CASE("storage_files: bulk import and Apply both write compressed table files") {
  const Mutation graph = RepetitiveGraph();
  const uint64_t records = RecordBytes(graph);
  testing::TempDir dir;

  const std::string imported = dir.path() + "/imported";
  {
    auto writer = BulkWriter::Create(imported);
    REQUIRE(writer.ok());
    for (const Node& node : graph.put_nodes) REQUIRE((*writer)->AddNode(node).ok());
    for (const Edge& edge : graph.put_edges) REQUIRE((*writer)->AddEdge(edge).ok());
    REQUIRE((*writer)->Finish().ok());
  }

  const std::string applied = dir.path() + "/applied";
  {
    auto store = RocksStore::Open(applied);
    REQUIRE(store.ok());
    REQUIRE((*store)->Apply(graph).ok());
  }
  // Reopening replays the write-ahead log into table files.
  REQUIRE(RocksStore::Open(applied).ok());

  // Uncompressed, the edge records alone take `records` bytes; compressed,
  // every family of either store together takes under half of that
  // (about a quarter, with LZ4).
  CHECK(TableFileBytes(imported) < records / 2);
  CHECK(TableFileBytes(applied) < records / 2);
}

}  // namespace steppe::storage
