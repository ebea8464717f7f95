#include "server/graph_import.h"

#include <doctest/doctest.h>

#include <filesystem>
#include <map>
#include <memory>
#include <string>
#include <vector>

#include "query/algorithms.h"
#include "query/projection.h"
#include "server/csv_reader.h"
#include "storage/rocks_store.h"
#include "testing/temp_dir.h"

namespace steppe::server {
namespace {

std::string ReadAll(const std::string& path) {
  Result<std::unique_ptr<CsvReader>> csv = CsvReader::Open(path);
  REQUIRE(csv.ok());
  std::string out;
  std::vector<std::string_view> fields;
  while (true) {
    Result<bool> got = (*csv)->Next(fields);
    if (!got.ok()) return got.status().message();
    if (!*got) return out;
    out += std::to_string((*csv)->line()) + ":";
    for (std::string_view f : fields) out += "[" + std::string(f) + "]";
    out += " ";
  }
}

// A tiny graph in gen_graph.py's layout.
void WriteGraph(const testing::TempDir& dir) {
  dir.Write("data/nodes_Official.csv", "id,name\n0,Alpamys Bekturganov\n1,\"Erlan \"\"E.\"\" Dosmagambetov\"\n");
  dir.Write("data/nodes_Body.csv", "id,name\n5,\"Ministry of Water, Bekturgan\"\n");
  dir.Write("data/edges_MET.csv", "from,to,date,topic\n0,1,2024-05-01,water\n1,0,2025-01-02,\n");
  dir.Write("data/edges_HOLDS_ROLE.csv", "from,to,role\r\n1,5,Minister\r\n");
}

// Renders a property value of the kinds import writes.
std::string Show(const Value& value) {
  if (value.is_int()) return std::to_string(value.as_int());
  if (value.is_string()) return "'" + value.as_string() + "'";
  return "?";
}

std::string Show(const Properties& props) {
  std::string out = "{";
  for (const auto& [key, value] : props) out += key + ":" + Show(value) + " ";
  return out + "}";
}

// Everything a reader answers about a store, as text: statistics, nodes,
// edges, both adjacency directions, label scans and both indexes. Two
// stores with equal dumps answer every query alike.
std::string DumpStore(const storage::GraphReader& reader, const std::vector<std::string>& labels) {
  std::string out;
  Result<storage::GraphStats> stats = reader.Stats();
  REQUIRE(stats.ok());
  out += "stats " + std::to_string(stats->nodes) + " " + std::to_string(stats->edges) + "\n";
  for (const auto& [label, n] : stats->per_label)
    out += " label " + label + "=" + std::to_string(n);
  for (const auto& [type, n] : stats->per_type) out += " type " + type + "=" + std::to_string(n);
  auto adjacency = [&](const storage::EdgeRef& e) {
    out += " " + std::to_string(e.edge) + ":" + std::to_string(e.src) + "-" + std::string(e.type) +
           "->" + std::to_string(e.dst);
    return true;
  };
  std::vector<NodeId> ids;
  CHECK(reader.ScanNodes([&](NodeId id) { return ids.push_back(id), true; }).ok());
  for (NodeId id : ids) {
    Result<Node> node = reader.GetNode(id);
    REQUIRE(node.ok());
    out += "\nnode " + std::to_string(id);
    for (const std::string& label : node->labels) out += " :" + label;
    out += " " + Show(node->props) + "\n out";
    CHECK(reader.ScanOut(id, std::nullopt, adjacency).ok());
    out += "\n in";
    CHECK(reader.ScanIn(id, std::nullopt, adjacency).ok());
    out += "\n named";
    if (auto name = node->props.find("name"); name != node->props.end())
      CHECK(reader
                .FindByName(name->second.as_string(),
                            [&](NodeId n) { return out += " " + std::to_string(n), true; })
                .ok());
    out += "\n by id";
    for (const std::string& label : node->labels)
      CHECK(reader
                .FindByProperty(label, "id", node->props.at("id"),
                                [&](NodeId n) { return out += " " + std::to_string(n), true; })
                .ok());
  }
  std::vector<EdgeId> edge_ids;
  CHECK(
      reader.ScanEdges([&](const storage::EdgeRef& e) { return edge_ids.push_back(e.edge), true; })
          .ok());
  for (EdgeId id : edge_ids) {
    Result<Edge> edge = reader.GetEdge(id);
    REQUIRE(edge.ok());
    out += "\nedge " + std::to_string(id) + " " + std::to_string(edge->src) + "-" + edge->type +
           "->" + std::to_string(edge->dst) + " " + Show(edge->props);
  }
  for (const std::string& label : labels) {
    out += "\nlabel " + label;
    CHECK(reader.ScanLabel(label, [&](NodeId n) { return out += " " + std::to_string(n), true; })
              .ok());
  }
  return out;
}

}  // namespace

TEST_CASE("csv_reader: quotes, escaped quotes, CRLF, empty fields and line numbers") {
  testing::TempDir dir;
  dir.Write("a.csv", "a,b,c\n\"x,1\",\"say \"\"hi\"\"\",\n\"two\nlines\",q,r\r\nlast,,");
  CHECK(ReadAll(dir.path() + "/a.csv") ==
        "1:[a][b][c] 2:[x,1][say \"hi\"][] 3:[two\nlines][q][r] 5:[last][][] ");
  dir.Write("bad.csv", "a,b\n\"open,b\n");
  CHECK(ReadAll(dir.path() + "/bad.csv").find("bad.csv:2: a quoted field never closes") !=
        std::string::npos);
  dir.Write("stray.csv", "\"a\"b,c\n");
  CHECK(ReadAll(dir.path() + "/stray.csv").find("unexpected text after a closing quote") !=
        std::string::npos);
  CHECK(CsvReader::Open(dir.path() + "/missing.csv").status().code() == Status::Code::kIOError);
}

TEST_CASE("graph_import: CSV tables become a store the algorithms can walk") {
  testing::TempDir dir;
  WriteGraph(dir);
  Result<ImportReport> report = ImportCsvGraph(dir.path() + "/data", dir.path() + "/db");
  REQUIRE(report.ok());
  CHECK(report->nodes == 3);
  CHECK(report->edges == 3);
  CHECK(report->per_type.at("MET") == 2);

  Result<std::unique_ptr<storage::RocksStore>> store = storage::RocksStore::Open(dir.path() + "/db");
  REQUIRE(store.ok());
  Result<Node> erlan = (*store)->GetNode(2);  // csv id 1 -> NodeId 2
  REQUIRE(erlan.ok());
  CHECK(erlan->props.at("name") == Value("Erlan \"E.\" Dosmagambetov"));
  CHECK(erlan->props.at("id") == Value(1));
  std::vector<NodeId> by_id;
  CHECK((*store)->FindByProperty("Body", "id", Value(5), [&](NodeId id) {
    by_id.push_back(id);
    return true;
  }).ok());
  CHECK(by_id == std::vector<NodeId>{6});
  // Tables load in name order: HOLDS_ROLE is edge 1, then MET 2 and 3.
  Result<Edge> met = (*store)->GetEdge(3);
  REQUIRE(met.ok());
  CHECK(met->props.count("topic") == 0);  // an empty field is no property

  Result<std::shared_ptr<const query::Projection>> graph = query::Projection::Build(**store);
  REQUIRE(graph.ok());
  Result<std::optional<query::Path>> path = query::ShortestPath(**graph, 1, 6, {}, {});
  REQUIRE(path.ok());
  REQUIRE(path->has_value());
  CHECK((*path)->nodes == std::vector<NodeId>{1, 2, 6});
}

TEST_CASE("graph_import: bad tables are refused with the file and line") {
  testing::TempDir dir;
  WriteGraph(dir);
  auto import_error = [&](const std::string& db) {
    return ImportCsvGraph(dir.path() + "/data", dir.path() + "/" + db).status();
  };
  dir.Write("data/edges_SERVES.csv", "from,to\n0,77\n");
  Status s = import_error("db1");
  CHECK(s.IsInvalidArgument());
  CHECK(s.message().find("edges_SERVES.csv:2: node 77 is in no nodes_*.csv file") != std::string::npos);

  dir.Write("data/edges_SERVES.csv", "from,to\n0,x1\n");
  CHECK(import_error("db2").message().find("column 'to' must be a non-negative integer") !=
        std::string::npos);
  dir.Write("data/edges_SERVES.csv", "src,dst\n0,1\n");
  CHECK(import_error("db3").message().find("edges_SERVES.csv:1: the header must start with 'from,to'") !=
        std::string::npos);
  dir.Write("data/edges_SERVES.csv", "from,to\n0,1,2\n");
  CHECK(import_error("db4").message().find("expected 2 fields, found 3") != std::string::npos);
  dir.Write("data/edges_SERVES.csv", "from,to\n0,1\n");
  dir.Write("data/nodes_Country.csv", "id,name\n1,Twice\n");
  CHECK(import_error("db5").message().find("nodes_Official.csv:3: node id 1 appears twice") !=
        std::string::npos);

  // A store already there is left alone.
  dir.Write("data/nodes_Country.csv", "id,name\n9,Once\n");
  dir.Write("db6/keep.txt", "mine");
  s = import_error("db6");
  CHECK(s.IsInvalidArgument());
  CHECK(s.message().find("already exists and is not empty") != std::string::npos);
  CHECK(ImportCsvGraph(dir.path() + "/nothing", dir.path() + "/db7").status().IsInvalidArgument());
}

}  // namespace steppe::server

namespace steppe::server {

// The fast path writes SST files directly; the store it makes must be the one
// that ordinary writes of the same graph make.
TEST_CASE("graph_import: the imported store equals the same graph written through Apply") {
  testing::TempDir dir;
  // Names with quotes, commas, Cyrillic and Kazakh letters (folded for the
  // names index); an empty field; a number-like string; parallel edges, a
  // self-loop and edges in no particular order; a node with no edges.
  dir.Write("data/nodes_Official.csv",
            "id,name,title,rank\n3,\"Ерлан \"\"Е.\"\" Досмағамбетов\",Minister,42\n0,Alpamys "
            "Bekturganov,,7\n"
            "7,\"Nurlan, the Younger\",Deputy,\n");
  dir.Write("data/nodes_Body.csv",
            "id,name\n10,Ministry of Water\n11,Мажилис\n12,Quiet Committee\n");
  dir.Write("data/edges_MET.csv",
            "from,to,topic,date\n3,0,water,2024-05-01\n0,3,,2025-01-02\n3,0,water,2024-05-01\n"
            "7,7,self,\n0,7,\"a, b\",2023-12-31\n");
  dir.Write("data/edges_BELONGS_TO.csv", "from,to\n7,11\n3,10\n0,10\n");
  Result<ImportReport> report = ImportCsvGraph(dir.path() + "/data", dir.path() + "/bulk");
  REQUIRE(report.ok());
  CHECK(report->nodes == 6);
  CHECK(report->edges == 8);

  // The same graph through Apply: csv id k is NodeId k + 1 with the integer
  // property `id`; edges are numbered in table-name order, then row order.
  Result<std::unique_ptr<storage::RocksStore>> applied =
      storage::RocksStore::Open(dir.path() + "/applied");
  REQUIRE(applied.ok());
  for (const char* label : {"Body", "Official"}) REQUIRE((*applied)->CreateIndex(label, "id").ok());
  Mutation batch;
  auto official = [&](int64_t id, Properties props) {
    props.emplace("id", Value(id));
    batch.put_nodes.push_back(Node{static_cast<NodeId>(id + 1), {"Official"}, std::move(props)});
  };
  official(3, {{"name", Value("Ерлан \"Е.\" Досмағамбетов")},
               {"title", Value("Minister")},
               {"rank", Value("42")}});
  official(0, {{"name", Value("Alpamys Bekturganov")}, {"rank", Value("7")}});
  official(7, {{"name", Value("Nurlan, the Younger")}, {"title", Value("Deputy")}});
  int64_t body_id = 10;
  for (const char* name : {"Ministry of Water", "Мажилис", "Quiet Committee"}) {
    batch.put_nodes.push_back(Node{static_cast<NodeId>(body_id + 1),
                                   {"Body"},
                                   {{"name", Value(name)}, {"id", Value(body_id)}}});
    ++body_id;
  }
  EdgeId next = 1;
  auto edge = [&](const char* type, NodeId from, NodeId to, Properties props) {
    batch.put_edges.push_back(Edge{next++, type, from + 1, to + 1, std::move(props)});
  };
  edge("BELONGS_TO", 7, 11, {});
  edge("BELONGS_TO", 3, 10, {});
  edge("BELONGS_TO", 0, 10, {});
  edge("MET", 3, 0, {{"topic", Value("water")}, {"date", Value("2024-05-01")}});
  edge("MET", 0, 3, {{"date", Value("2025-01-02")}});
  edge("MET", 3, 0, {{"topic", Value("water")}, {"date", Value("2024-05-01")}});
  edge("MET", 7, 7, {{"topic", Value("self")}});
  edge("MET", 0, 7, {{"topic", Value("a, b")}, {"date", Value("2023-12-31")}});
  REQUIRE((*applied)->Apply(batch).ok());

  Result<std::unique_ptr<storage::RocksStore>> bulk =
      storage::RocksStore::Open(dir.path() + "/bulk");
  REQUIRE(bulk.ok());
  Result<storage::CheckReport> check = (*bulk)->Check();
  REQUIRE(check.ok());
  CHECK(check->problems == std::vector<std::string>{});
  std::vector<std::string> labels = {"Body", "Official", "Nothing"};
  std::string expected = DumpStore(**applied, labels);
  CHECK(expected.find("named 4") != std::string::npos);  // the dump sees the names index
  CHECK(DumpStore(**bulk, labels) == expected);
  // Both go on from the same ids.
  CHECK((*bulk)->AllocateNodeId() == (*applied)->AllocateNodeId());
  CHECK((*bulk)->AllocateEdgeId() == (*applied)->AllocateEdgeId());
}

TEST_CASE("graph_import: a failed import leaves no store behind") {
  testing::TempDir dir;
  WriteGraph(dir);
  dir.Write("data/edges_SERVES.csv", "from,to\n0,1\n1,\"5\n");
  Status s = ImportCsvGraph(dir.path() + "/data", dir.path() + "/db").status();
  CHECK(s.IsInvalidArgument());
  CHECK(s.message().find("edges_SERVES.csv:3: a quoted field never closes") != std::string::npos);
  CHECK(!std::filesystem::exists(dir.path() + "/db"));
  // An empty folder given for the store stays, empty.
  dir.Write("data/nodes_Law.csv", "id,name,name\n20,Law on water,again\n");
  dir.Write("data/edges_SERVES.csv", "from,to\n0,1\n");
  std::filesystem::create_directories(dir.path() + "/empty");
  s = ImportCsvGraph(dir.path() + "/data", dir.path() + "/empty").status();
  CHECK(s.message().find("nodes_Law.csv:1: column 'name' appears twice") != std::string::npos);
  CHECK(std::filesystem::is_empty(dir.path() + "/empty"));
  // Fixed, the same import succeeds.
  dir.Write("data/nodes_Law.csv", "id,name\n20,Law on water\n");
  CHECK(ImportCsvGraph(dir.path() + "/data", dir.path() + "/db").ok());
}

}  // namespace steppe::server
