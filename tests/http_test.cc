// End-to-end tests of `steppe serve`: a real HttpServer on a free loopback
// port, spoken to over HTTP with cpp-httplib's client.
#include <doctest/doctest.h>
#include <httplib.h>

#include <atomic>
#include <chrono>
#include <nlohmann/json.hpp>
#include <string>
#include <thread>
#include <vector>

#include "server/http_server.h"
#include "server/service.h"
#include "storage/mem_store.h"
#include "tests/testing/sample_graph.h"

namespace steppe::server {
namespace {

using nlohmann::json;

constexpr const char* kToken = "verysecret";
// "neo4j:verysecret", as Neo4j's HTTP API documentation sends it.
constexpr const char* kDocsBasicAuth = "Basic bmVvNGo6dmVyeXNlY3JldA==";

ServerOptions WithToken() {
  ServerOptions options;
  options.port = 0;
  options.token = kToken;
  options.threads = 8;
  return options;
}

// A server over the sample graph, listening on a free port until destroyed.
class TestServer {
 public:
  explicit TestServer(ServerOptions options = WithToken(), ServiceOptions service_options = {})
      : service_(store_, nullptr, service_options), server_(service_, std::move(options)) {
    REQUIRE(testing::WriteSampleGraph(store_).ok());
    Result<int> port = server_.Bind();
    REQUIRE(port.ok());
    port_ = *port;
    thread_ = std::thread([this] { server_.Serve().IgnoreError(); });  // Stop() ends it
    for (int i = 0; i < 5000 && !server_.IsRunning(); ++i)
      std::this_thread::sleep_for(std::chrono::milliseconds(1));
    REQUIRE(server_.IsRunning());
  }
  ~TestServer() {
    server_.Stop();
    thread_.join();
  }

  httplib::Client Client() const {
    httplib::Client client("127.0.0.1", port_);
    client.set_read_timeout(std::chrono::seconds(30));
    return client;
  }

 private:
  storage::MemStore store_;
  Service service_;
  HttpServer server_;
  std::thread thread_;
  int port_ = 0;
};

json Body(const httplib::Result& response) {
  REQUIRE(response);
  return json::parse(response->body);
}

std::string ErrorCode(const httplib::Result& response) {
  return Body(response)["error"]["code"].get<std::string>();
}

httplib::Headers Bearer(const std::string& token) {
  return {{"Authorization", "Bearer " + token}};
}

std::string Article(int n) {
  return "02.03.2026\nWater talks, round " + std::to_string(n) +
         "\nThe delegations met for round " + std::to_string(n) +
         " of the talks on the shared rivers and agreed to meet again.\n";
}

}  // namespace

TEST_CASE("http: health, metrics, the explorer page and unknown routes") {
  TestServer server;
  httplib::Client client = server.Client();
  auto health = client.Get("/health");
  REQUIRE(health);
  CHECK(health->status == 200);
  CHECK(Body(health)["status"] == "ok");
  CHECK(Body(health)["nodes"] == 9);

  auto page = client.Get("/");
  REQUIRE(page);
  CHECK(page->status == 200);
  CHECK(page->get_header_value("Content-Type").find("text/html") == 0);
  CHECK(page->body.find("cytoscape.min.js") != std::string::npos);
  auto library = client.Get("/cytoscape.min.js");
  REQUIRE(library);
  CHECK(library->body.size() > 100000);
  auto discovery = client.Get("/", {{"Accept", "application/json"}});
  CHECK(Body(discovery)["transaction"].get<std::string>().find("/db/{databaseName}/tx") !=
        std::string::npos);

  auto missing = client.Get("/no/such/route");
  REQUIRE(missing);
  CHECK(missing->status == 404);
  CHECK(ErrorCode(missing) == "NotFound");

  auto metrics = client.Get("/metrics");
  REQUIRE(metrics);
  CHECK(metrics->status == 200);
  CHECK(metrics->body.find("steppe_http_requests_total{route=\"/health\",status=\"200\"} 1") !=
        std::string::npos);
  CHECK(metrics->body.find("steppe_store_nodes 9") != std::string::npos);
  CHECK(metrics->body.find("steppe_http_request_duration_seconds_bucket{route=\"/\",le=\"+Inf\"} 2") !=
        std::string::npos);
  CHECK(metrics->body.find("steppe_ingest_articles_total 0") != std::string::npos);
}

TEST_CASE("http: POST /query takes plain Cypher or JSON and answers columns and rows") {
  TestServer server;
  httplib::Client client = server.Client();
  auto plain = client.Post("/query", "MATCH (o:Official) RETURN o.name AS name ORDER BY name",
                           "text/plain");
  REQUIRE(plain);
  CHECK(plain->status == 200);
  CHECK(Body(plain)["columns"] == json::array({"name"}));
  CHECK(Body(plain)["rows"] == json::parse(R"([["Daulet Karimov"], ["Rustam Aliyev"]])"));

  auto with_params = client.Post(
      "/query",
      R"({"query": "MATCH (a:Official)-[m:MET]-(b) WHERE a.name = $who RETURN b.name, m.date, m.topics", "params": {"who": "Daulet Karimov"}})",
      "application/json");
  REQUIRE(with_params);
  CHECK(with_params->status == 200);
  CHECK(Body(with_params)["rows"] ==
        json::parse(R"([["Rustam Aliyev", "2026-03-02", ["water sharing"]]])"));

  auto node = client.Post("/query", "MATCH (c:Country {name: 'Uzbekistan'}) RETURN c", "text/plain");
  json cell = Body(node)["rows"][0][0];
  CHECK(cell["id"] == testing::kUzbekistan);
  CHECK(cell["labels"] == json::array({"Country"}));
  CHECK(cell["properties"]["name"] == "Uzbekistan");
}

TEST_CASE("http: errors are JSON with the right status") {
  ServiceOptions limits;
  limits.max_rows = 10;
  limits.query_timeout = std::chrono::milliseconds(200);
  ServerOptions options = WithToken();
  options.max_body_bytes = 4096;
  TestServer server(options, limits);
  httplib::Client client = server.Client();

  auto syntax = client.Post("/query", "MATCH (n RETURN n", "text/plain");
  REQUIRE(syntax);
  CHECK(syntax->status == 400);
  CHECK(ErrorCode(syntax) == "SyntaxError");
  CHECK(Body(syntax)["error"]["line"] == 1);

  auto malformed = client.Post("/query", R"({"query": "RETURN 1")", "application/json");
  REQUIRE(malformed);
  CHECK(malformed->status == 400);
  CHECK(Body(malformed)["error"]["message"].get<std::string>().find("malformed JSON") == 0);

  auto deep = client.Post("/query", std::string(1000, '[') + std::string(1000, ']'),
                          "application/json");
  REQUIRE(deep);
  CHECK(deep->status == 400);

  auto empty = client.Post("/query", "  ", "text/plain");
  REQUIRE(empty);
  CHECK(empty->status == 400);

  auto too_many = client.Post("/query", "UNWIND range(1, 100) AS x RETURN x", "text/plain");
  REQUIRE(too_many);
  CHECK(too_many->status == 422);
  CHECK(ErrorCode(too_many) == "ResourceExhausted");

  auto start = std::chrono::steady_clock::now();
  auto slow = client.Post(
      "/query", "UNWIND range(1, 100000) AS a UNWIND range(1, 100000) AS b RETURN count(*)",
      "text/plain");
  REQUIRE(slow);
  CHECK(slow->status == 408);
  CHECK(ErrorCode(slow) == "Timeout");
  CHECK(std::chrono::steady_clock::now() - start < std::chrono::seconds(10));

  auto large = client.Post("/query", "RETURN '" + std::string(5000, 'x') + "'", "text/plain");
  REQUIRE(large);
  CHECK(large->status == 413);
  CHECK(ErrorCode(large) == "PayloadTooLarge");

  CHECK(client.Get("/nodes/999999")->status == 404);
  CHECK(client.Get("/nodes/abc")->status == 400);
  CHECK(client.Get("/nodes/99999999999999999999999")->status == 400);
}

TEST_CASE("http: Neo4j's documented tx/commit requests work unchanged") {
  TestServer server;
  httplib::Client client = server.Client();
  httplib::Headers headers = {{"Accept", "application/json;charset=UTF-8"},
                              {"Authorization", kDocsBasicAuth}};

  auto merge = client.Post("/db/neo4j/tx/commit", headers, R"({
    "statements": [
      {
        "statement": "MERGE (p:Person {name: $name}) RETURN p AS person",
        "parameters": {
            "name": "Phil"
        }
      }
    ]
  })", "application/json");
  REQUIRE(merge);
  CHECK(merge->status == 200);
  json body = Body(merge);
  CHECK(body["errors"].empty());
  CHECK(body["results"][0]["columns"] == json::array({"person"}));
  CHECK(body["results"][0]["data"][0]["row"][0] == json::parse(R"({"name": "Phil"})"));
  CHECK(body["results"][0]["data"][0]["meta"][0]["type"] == "node");
  CHECK(body["results"][0]["data"][0]["meta"][0]["deleted"] == false);

  auto invalid = client.Post("/db/neo4j/tx/commit", headers,
                             R"({"statements": [{"statement": "This is not a valid Cypher Statement."}]})",
                             "application/json");
  REQUIRE(invalid);
  CHECK(invalid->status == 200);
  CHECK(Body(invalid)["results"].empty());
  CHECK(Body(invalid)["errors"][0]["code"] == "Neo.ClientError.Statement.SyntaxError");

  auto graph = client.Post("/db/neo4j/tx/commit", headers, R"({
    "statements": [
      {
        "statement": "CREATE (bike:Bike {weight: 10}) CREATE (frontWheel:Wheel {spokes: 3}) CREATE (backWheel:Wheel {spokes: 32}) CREATE p1 = (bike)-[:HAS {position: 1}]->(frontWheel) CREATE p2 = (bike)-[:HAS {position: 2} ]->(backWheel) RETURN bike, p1, p2",
        "resultDataContents": ["row", "graph"]
      }
    ]
  })", "application/json");
  REQUIRE(graph);
  CHECK(graph->status == 200);
  json result = Body(graph)["results"][0];
  CHECK(result["columns"] == json::array({"bike", "p1", "p2"}));
  CHECK(result["data"][0]["row"][0] == json::parse(R"({"weight": 10})"));
  CHECK(result["data"][0]["row"][1].size() == 3);  // node, relationship, node
  CHECK(result["data"][0]["meta"][1][1]["type"] == "relationship");
  CHECK(result["data"][0]["graph"]["nodes"].size() == 3);
  CHECK(result["data"][0]["graph"]["relationships"].size() == 2);
  CHECK(result["data"][0]["graph"]["relationships"][0]["type"] == "HAS");

  auto two = client.Post("/db/neo4j/tx/commit", R"({"statements": [
      {"statement": "MATCH (o:Official) RETURN count(o) AS n"},
      {"statement": "MATCH (c:Country) RETURN c.name ORDER BY c.name", "includeStats": true}]})",
                         "application/json");
  REQUIRE(two);
  CHECK(Body(two)["results"].size() == 2);
  CHECK(Body(two)["results"][0]["data"][0]["row"][0] == 2);
  CHECK(Body(two)["results"][1]["stats"]["contains_updates"] == false);

  auto anonymous_write = client.Post(
      "/db/neo4j/tx/commit", R"({"statements": [{"statement": "CREATE (n:Person) RETURN n"}]})",
      "application/json");
  REQUIRE(anonymous_write);
  CHECK(anonymous_write->status == 401);
  CHECK(Body(anonymous_write)["errors"][0]["code"] == "Neo.ClientError.Security.Unauthorized");

  auto broken = client.Post("/db/neo4j/tx/commit", R"({"statements": [)", "application/json");
  REQUIRE(broken);
  CHECK(broken->status == 400);
  CHECK(Body(broken)["errors"][0]["code"] == "Neo.ClientError.Request.InvalidFormat");
}

TEST_CASE("http: writes need the token; a server without one refuses them") {
  SUBCASE("with a token") {
    TestServer server;
    httplib::Client client = server.Client();
    auto anonymous = client.Post("/articles", Article(1), "text/plain");
    REQUIRE(anonymous);
    CHECK(anonymous->status == 401);
    CHECK(anonymous->get_header_value("WWW-Authenticate").find("Bearer") == 0);
    auto wrong = client.Post("/articles", Bearer("not-the-token"), Article(1), "text/plain");
    REQUIRE(wrong);
    CHECK(wrong->status == 401);
    auto write_query = client.Post("/query", "CREATE (n:Official {name: 'X'})", "text/plain");
    REQUIRE(write_query);
    CHECK(write_query->status == 401);
    CHECK(Body(client.Post("/query", "MATCH (n) RETURN count(n)", "text/plain"))["rows"][0][0] ==
          9);

    auto stored = client.Post("/articles?name=talks", Bearer(kToken), Article(1), "text/plain");
    REQUIRE(stored);
    CHECK(stored->status == 200);
    CHECK(Body(stored)["written"] == 1);
    CHECK(Body(stored)["format"] == "single");
    auto again = client.Post("/articles?name=talks", Bearer(kToken), Article(1), "text/plain");
    CHECK(Body(again)["written"] == 0);
    CHECK(Body(again)["already_stored"] == 1);
    auto binary = client.Post("/articles", Bearer(kToken), std::string("abc\0def", 7), "text/plain");
    REQUIRE(binary);
    CHECK(binary->status == 400);
    auto bad_name = client.Post("/articles?name=../x", Bearer(kToken), Article(2), "text/plain");
    CHECK(bad_name->status == 400);
    auto created = client.Post("/query", Bearer(kToken), "CREATE (n:Official {name: 'X'}) RETURN n",
                               "text/plain");
    REQUIRE(created);
    CHECK(created->status == 200);
    CHECK(Body(created)["stats"]["nodes_created"] == 1);
    CHECK(client.Get("/metrics")->body.find("steppe_ingest_articles_total 1") != std::string::npos);
  }
  SUBCASE("without a token, or read-only") {
    ServerOptions no_token = WithToken();
    no_token.token.reset();
    ServerOptions read_only = WithToken();
    read_only.read_only = true;
    for (const ServerOptions& options : {no_token, read_only}) {
      TestServer server(options);
      httplib::Client client = server.Client();
      auto refused = client.Post("/articles", Bearer(kToken), Article(1), "text/plain");
      REQUIRE(refused);
      CHECK(refused->status == 403);
      CHECK(ErrorCode(refused) == "Forbidden");
      auto write_query = client.Post("/query", Bearer(kToken), "CREATE (n)", "text/plain");
      CHECK(write_query->status == 403);
    }
  }
}

TEST_CASE("http: search, a node's facts with their evidence, and snapshots") {
  TestServer server;
  httplib::Client client = server.Client();
  auto search = client.Get("/search?q=erlan%20karimov");
  REQUIRE(search);
  auto karimov = client.Get("/search?q=karimov");
  REQUIRE(karimov);
  CHECK(karimov->status == 200);
  CHECK(Body(karimov)["hits"][0]["name"] == "Daulet Karimov");
  CHECK(Body(karimov)["hits"][0]["id"] == testing::kKarimov);
  CHECK(client.Get("/search?q=")->status == 400);

  auto node = client.Get("/nodes/" + std::to_string(testing::kKarimov));
  REQUIRE(node);
  CHECK(node->status == 200);
  json detail = Body(node);
  CHECK(detail["node"]["name"] == "Daulet Karimov");
  bool saw_meeting = false;
  for (const json& fact : detail["facts"]) {
    if (fact["type"] != "MET") continue;
    saw_meeting = true;
    CHECK(fact["other"]["name"] == "Rustam Aliyev");
    CHECK(fact["sentence"].get<std::string>().find("met Uzbek minister") != std::string::npos);
    CHECK(fact["article"]["title"] == "Ministers discuss water sharing");
    CHECK(fact["article"]["date"] == "2026-03-02");
  }
  CHECK(saw_meeting);
  CHECK(detail["mentioned_in"] == json::array({testing::kSampleArticle}));

  auto svg = client.Get("/snapshot?center=Daulet%20Karimov&depth=1&format=svg");
  REQUIRE(svg);
  CHECK(svg->status == 200);
  CHECK(svg->get_header_value("Content-Type") == "image/svg+xml");
  CHECK(svg->body.find("Rustam Aliyev") != std::string::npos);
  auto again = client.Get("/snapshot?center=Daulet%20Karimov&depth=1&format=svg");
  CHECK(again->body == svg->body);

  auto by_query = client.Get(
      "/snapshot?format=json&query=" +
      httplib::detail::encode_query_param("MATCH p = (:Country)-[:PARTY_TO]->(:Agreement) RETURN p"));
  REQUIRE(by_query);
  CHECK(by_query->status == 200);
  CHECK(Body(by_query)["elements"]["nodes"].size() == 3);
  CHECK(Body(by_query)["elements"]["edges"].size() == 2);

  auto expand = client.Get("/snapshot?ids=5&depth=1&types=MET&format=json");
  CHECK(Body(expand)["elements"]["nodes"].size() == 2);
  CHECK(client.Get("/snapshot?center=Nobody&format=svg")->status == 404);
  CHECK(client.Get("/snapshot?center=Daulet%20Karimov&format=gif")->status == 400);
  CHECK(client.Get("/snapshot?center=Daulet%20Karimov&depth=x")->status == 400);
  CHECK(client.Get("/snapshot")->status == 400);
  CHECK(client.Get("/snapshot?query=MATCH%20(n%20RETURN%20n")->status == 400);
}

TEST_CASE("http: readers keep answering, consistently, while an ingest runs") {
  TestServer server;
  constexpr int kArticles = 40;
  std::atomic<bool> writing{true};
  std::atomic<int> failures{0};
  std::atomic<int> answers{0};
  std::vector<std::thread> readers;
  for (int r = 0; r < 4; ++r) {
    readers.emplace_back([&] {
      httplib::Client client = server.Client();
      int64_t last = 0;
      while (writing.load()) {
        // Two scans of one snapshot must agree; the count never goes back.
        auto response = client.Post(
            "/query",
            "MATCH (a:Article) WITH count(a) AS first MATCH (b:Article) RETURN first, count(b)",
            "text/plain");
        if (!response || response->status != 200) {
          ++failures;
          continue;
        }
        json row = json::parse(response->body)["rows"][0];
        if (row[0] != row[1] || row[0].get<int64_t>() < last) ++failures;
        last = row[0].get<int64_t>();
        ++answers;
      }
    });
  }
  httplib::Client writer = server.Client();
  for (int n = 0; n < kArticles; ++n) {
    auto stored = writer.Post("/articles?name=round" + std::to_string(n), Bearer(kToken),
                              Article(n), "text/plain");
    REQUIRE(stored);
    CHECK(stored->status == 200);
  }
  writing = false;
  for (auto& reader : readers) reader.join();
  CHECK(failures.load() == 0);
  CHECK(answers.load() > 0);
  auto count = writer.Post("/query", "MATCH (a:Article) RETURN count(a)", "text/plain");
  CHECK(Body(count)["rows"][0][0] == kArticles + 1);
}

}  // namespace steppe::server
