#include <doctest/doctest.h>

#include <memory>
#include <string>
#include <vector>

#include "query/algorithms.h"
#include "query/projection.h"
#include "server/csv_reader.h"
#include "server/graph_import.h"
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
  Result<Edge> met = (*store)->GetEdge(2);
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
  CHECK(import_error("db5").message().find("nodes_Country.csv:2: node id 1 appears twice") !=
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
