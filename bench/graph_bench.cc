// The graph benchmark of ../shared/bench: times `steppe import` on the CSVs
// gen_graph.py writes, then asks Q1-Q6 through query::Engine as
// parameterised openCypher, checks every answer against the anchors in
// queries.json and the peers' answers (their results JSON), and prints median
// latencies with the ratio to each peer.
//
//   graph_bench DATA_DIR DB_DIR [--steppe build/steppe] [--reps 10]
//               [--skip-import] [--peer NAME=results.json]... [--out steppe.json]
//               [--timeout SECONDS]   (per query run; default 120)
//               [--only TEXT]...      (only the questions whose label contains TEXT)
//
// Timing follows peers/common.js: one warm-up run, then up to --reps runs,
// stopping once 60 s of measured time is spent (at least 3 runs). The
// warm-up of the first algorithm query includes building the projection.
#include <nlohmann/json.hpp>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <functional>
#include <iostream>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "query/algorithms.h"
#include "query/engine.h"
#include "query/projection.h"
#include "query/projection_cache.h"
#include "storage/rocks_store.h"

namespace {

using nlohmann::json;
using steppe::query::Engine;
using steppe::query::Params;
using steppe::query::QueryResult;
using Clock = std::chrono::steady_clock;

constexpr double kCapMs = 60'000;
constexpr int kMinRuns = 3;

double Ms(Clock::duration d) { return std::chrono::duration<double, std::milli>(d).count(); }

struct Args {
  std::string data_dir;
  std::string db_dir;
  std::string steppe = "build/steppe";
  int reps = 10;
  bool skip_import = false;
  std::vector<std::pair<std::string, std::string>> peers;  // name, results.json
  std::string out;
  double timeout_s = 120;  // per query run
  std::vector<std::string> only;  // label substrings; empty: every question
};

std::optional<Args> ParseArgs(int argc, char** argv) {
  Args a;
  std::vector<std::string> positional;
  for (int i = 1; i < argc; ++i) {
    std::string s = argv[i];
    auto value = [&]() -> std::string { return i + 1 < argc ? argv[++i] : ""; };
    if (s == "--steppe") {
      a.steppe = value();
    } else if (s == "--reps") {
      a.reps = std::atoi(value().c_str());
    } else if (s == "--skip-import") {
      a.skip_import = true;
    } else if (s == "--peer") {
      std::string v = value();
      size_t eq = v.find('=');
      if (eq == std::string::npos) return std::nullopt;
      a.peers.emplace_back(v.substr(0, eq), v.substr(eq + 1));
    } else if (s == "--timeout") {
      a.timeout_s = std::atof(value().c_str());
    } else if (s == "--only") {
      a.only.push_back(value());
    } else if (s == "--out") {
      a.out = value();
    } else {
      positional.push_back(s);
    }
  }
  if (positional.size() != 2 || a.reps < 1) return std::nullopt;
  a.data_dir = positional[0];
  a.db_dir = positional[1];
  return a;
}

uint64_t DiskBytes(const std::string& dir) {
  uint64_t total = 0;
  for (const auto& e : std::filesystem::recursive_directory_iterator(dir)) {
    if (e.is_regular_file()) total += e.file_size();
  }
  return total;
}

// One benchmarked question: its label (the peers' label, so answers and
// times pair up), the Cypher, its parameters, and how to digest the rows
// into the peers' answer shape.
struct Question {
  std::string label;
  std::string cypher;
  Params params;
  std::function<json(const QueryResult&)> digest;
  bool headline = true;  // false: an alternative formulation, shown for context
};

json Column(const QueryResult& r, size_t column) {
  json out = json::array();
  for (const auto& row : r.rows) out.push_back(row[column].as_int());
  return out;
}

json RowCount(const QueryResult& r) { return json{{"rows", r.rows.size()}}; }

json FirstInt(const QueryResult& r) {
  return r.rows.empty() ? json(nullptr) : json(r.rows[0][0].as_int());
}

json Agreements(const QueryResult& r) {
  int64_t parties = 0;
  for (const auto& row : r.rows) parties += row[1].as_int();
  return json{{"rows", r.rows.size()}, {"parties", parties}};
}

json TopDegrees(const QueryResult& r) {
  json out = json::array();
  for (const auto& row : r.rows) out.push_back(json::array({row[0].as_int(), row[2].as_int()}));
  return out;
}

std::vector<Question> Questions(const json& anchors) {
  const json& hub = anchors["hub_official"];
  const json& med = anchors["median_official"];
  const json& med2 = anchors["median_official_2"];
  const json& p75 = anchors["p75_official"];
  auto id = [](const json& a) { return steppe::query::Value(a["id"].get<int64_t>()); };
  auto name = [](const json& a) { return steppe::query::Value(a["name"].get<std::string>()); };
  const std::string q1 = "MATCH (o:Official) WHERE o.name = $name RETURN o.id AS id, o.name AS name";
  const std::string q1b = "MATCH (o:Official) WHERE o.id = $id RETURN o.id AS id, o.name AS name";
  const std::string q2 =
      "MATCH (a:Official)-[m:MET]-(b:Official) WHERE a.id = $id "
      "RETURN b.name AS name, m.topic AS topic, m.date AS date";
  const std::string q3 =
      "MATCH (a:Official) WHERE a.id = $id CALL algo.neighbourhood(a, 2) YIELD node "
      "RETURN count(node) AS n";
  const std::string q3_pattern =
      "MATCH (a:Official)-[*1..2]-(b) WHERE a.id = $id AND id(b) <> id(a) "
      "RETURN count(DISTINCT id(b)) AS n";
  const std::string q4 =
      "MATCH (a:Official), (b:Official) WHERE a.id = $a AND b.id = $b "
      "CALL algo.shortestPath(a, b, {types: ['MET', 'HOLDS_ROLE', 'PARTY_TO'], maxHops: 8}) "
      "YIELD length RETURN length AS len";
  const std::string q4_pattern =
      "MATCH (a:Official), (b:Official) WHERE a.id = $a AND b.id = $b "
      "MATCH p = shortestPath((a)-[:MET|HOLDS_ROLE|PARTY_TO*..8]-(b)) RETURN length(p) AS len";
  const std::string q5 =
      "MATCH (c:Country)<-[:BELONGS_TO]-(b:Body)-[:PARTY_TO]->(a:Agreement) WHERE c.name = $c "
      "RETURN a.name AS agreement, count(*) AS parties ORDER BY parties DESC, agreement";
  const std::string q6 =
      "MATCH (o:Official)-[:MET]-(:Official) RETURN o.id AS id, o.name AS name, count(*) AS deg "
      "ORDER BY deg DESC, id LIMIT 10";
  auto ids = [](const QueryResult& r) { return Column(r, 0); };
  auto lengths = ids;
  auto degree = [](const json& a) { return std::to_string(a["met_degree"].get<int64_t>()); };
  std::vector<Question> qs = {
      {"Q1 lookup by name (median official)", q1, {{"name", name(med)}}, ids},
      {"Q1b lookup by primary key id", q1b, {{"id", id(med)}}, ids},
      {"Q2 1-hop MET, hub (deg " + degree(hub) + ")", q2, {{"id", id(hub)}}, RowCount},
      {"Q2 1-hop MET, median (deg " + degree(med) + ")", q2, {{"id", id(med)}}, RowCount},
      {"Q3 2-hop distinct nbrs, hub", q3, {{"id", id(hub)}}, FirstInt},
      {"Q3 2-hop distinct nbrs, median", q3, {{"id", id(med)}}, FirstInt},
      {"Q4 shortest path median->median2", q4, {{"a", id(med)}, {"b", id(med2)}}, lengths},
      {"Q4 shortest path hub->median", q4, {{"a", id(hub)}, {"b", id(med)}}, lengths},
      {"Q4 shortest path p75->median2", q4, {{"a", id(p75)}, {"b", id(med2)}}, lengths},
      {"Q5 agreements of " + anchors["big_country"]["name"].get<std::string>() + " (big)", q5,
       {{"c", steppe::query::Value(anchors["big_country"]["name"].get<std::string>())}}, Agreements},
      {"Q5 agreements of " + anchors["median_country"]["name"].get<std::string>() + " (median)", q5,
       {{"c", steppe::query::Value(anchors["median_country"]["name"].get<std::string>())}},
       Agreements},
      {"Q6 top-10 officials by MET degree", q6, {}, TopDegrees},
      // The same questions written as patterns, as Kùzu's script writes them.
      {"Q3 2-hop distinct nbrs, median", q3_pattern, {{"id", id(med)}}, FirstInt, false},
      {"Q3 2-hop distinct nbrs, hub", q3_pattern, {{"id", id(hub)}}, FirstInt, false},
      {"Q4 shortest path median->median2", q4_pattern, {{"a", id(med)}, {"b", id(med2)}},
       lengths, false},
      {"Q4 shortest path hub->median", q4_pattern, {{"a", id(hub)}, {"b", id(med)}}, lengths,
       false},
  };
  return qs;
}

}  // namespace

namespace {

struct Timing {
  std::string label;
  bool headline = true;
  std::string cypher;
  double median_ms = 0, min_ms = 0, first_ms = 0;
  int runs = 0;
  json result;
  std::string error;
};

// Times `run`, which returns the answer's digest, as peers/common.js does.
Timing Measure(const std::string& label, bool headline,
               const std::function<steppe::Result<json>()>& run, int reps) {
  Timing t;
  t.label = label;
  t.headline = headline;
  // Warm-up: keeps the answer and the first (cold) time.
  auto start = Clock::now();
  steppe::Result<json> first = run();
  t.first_ms = Ms(Clock::now() - start);
  if (!first.ok()) {
    t.error = first.status().ToString();
    return t;
  }
  t.result = *first;
  std::vector<double> samples;
  double spent = 0;
  for (int i = 0; i < reps; ++i) {
    if (static_cast<int>(samples.size()) >= kMinRuns && spent > kCapMs) break;
    start = Clock::now();
    steppe::Result<json> again = run();
    double ms = Ms(Clock::now() - start);
    if (!again.ok()) {
      t.error = again.status().ToString();
      return t;
    }
    samples.push_back(ms);
    spent += ms;
    if (t.first_ms > kCapMs) break;  // a very slow query: one measured run is enough
  }
  std::sort(samples.begin(), samples.end());
  size_t n = samples.size();
  t.runs = static_cast<int>(n);
  t.median_ms = n % 2 ? samples[n / 2] : (samples[n / 2 - 1] + samples[n / 2]) / 2;
  t.min_ms = samples.front();
  return t;
}

Timing MeasureQuery(Engine& engine, const Question& q, int reps, double timeout_s) {
  steppe::query::RunOptions options;
  options.timeout = std::chrono::milliseconds(static_cast<int64_t>(timeout_s * 1000));
  Timing t = Measure(
      q.label, q.headline,
      [&]() -> steppe::Result<json> {
        steppe::Result<QueryResult> r = engine.Run(q.cypher, q.params, options);
        if (!r.ok()) return r.status();
        return q.digest(*r);
      },
      reps);
  t.cypher = q.cypher;
  return t;
}

// The algorithm calls behind Q3 and Q4, on a cached projection, without the
// query engine: what CALL algo.* costs beyond turning rows into values.
std::vector<Timing> MeasureAlgorithms(const steppe::storage::GraphReader& reader,
                                      const json& anchors, int reps) {
  using namespace steppe::query;
  std::vector<Timing> out;
  ProjectionCache cache;
  auto node = [](const json& a) { return static_cast<steppe::NodeId>(a["id"].get<int64_t>() + 1); };
  out.push_back(Measure(
      "projection build (all types)", false,
      [&]() -> steppe::Result<json> {
        steppe::Result<std::shared_ptr<const Projection>> p = Projection::Build(reader);
        if (!p.ok()) return p.status();
        return json{{"vertices", (*p)->num_vertices()}, {"edges", (*p)->num_edges()}};
      },
      1));
  for (const char* anchor : {"hub_official", "median_official"}) {
    std::string which = std::string(anchor) == "hub_official" ? "hub" : "median";
    out.push_back(Measure(
        "Q3 2-hop distinct nbrs, " + which, false,
        [&]() -> steppe::Result<json> {
          auto graph = cache.Get(reader);
          if (!graph.ok()) return graph.status();
          PathOptions two;
          two.max_hops = 2;
          auto reached = Neighbourhood(**graph, node(anchors[anchor]), two, {});
          if (!reached.ok()) return reached.status();
          return json(reached->size());
        },
        reps));
  }
  const std::pair<const char*, const char*> pairs[] = {{"median_official", "median_official_2"},
                                                       {"hub_official", "median_official"},
                                                       {"p75_official", "median_official_2"}};
  const char* names[] = {"median->median2", "hub->median", "p75->median2"};
  for (size_t i = 0; i < 3; ++i) {
    out.push_back(Measure(
        std::string("Q4 shortest path ") + names[i], false,
        [&]() -> steppe::Result<json> {
          auto graph = cache.Get(reader, {"MET", "HOLDS_ROLE", "PARTY_TO"});
          if (!graph.ok()) return graph.status();
          PathOptions eight;
          eight.max_hops = 8;
          auto path = ShortestPath(**graph, node(anchors[pairs[i].first]),
                                   node(anchors[pairs[i].second]), eight, {});
          if (!path.ok()) return path.status();
          json lengths = json::array();
          if (path->has_value()) lengths.push_back((*path)->length());
          return lengths;
        },
        reps));
  }
  return out;
}

// What queries.json itself says the answers are.
std::map<std::string, json> AnchorAnswers(const json& anchors, const std::vector<Question>& qs) {
  std::map<std::string, json> out;
  const json& med = anchors["median_official"];
  const json& hub = anchors["hub_official"];
  out[qs[0].label] = json::array({med["id"]});
  out[qs[1].label] = json::array({med["id"]});
  out[qs[2].label] = json{{"rows", hub["met_degree"]}};
  out[qs[3].label] = json{{"rows", med["met_degree"]}};
  out[qs[11].label] = anchors["top10_met_degree"];
  return out;
}

struct Peer {
  std::string name;
  std::map<std::string, json> queries;  // label -> {median_ms, result}
  json load;
};

std::optional<Peer> LoadPeer(const std::string& name, const std::string& path) {
  std::ifstream in(path);
  if (!in) return std::nullopt;
  json j = json::parse(in, nullptr, false);
  if (j.is_discarded()) return std::nullopt;
  Peer p{name, {}, j.value("load", json())};
  for (const json& q : j["queries"]) p.queries[q["label"].get<std::string>()] = q;
  return p;
}

std::string Fixed(double v, int digits) {
  char buf[64];
  std::snprintf(buf, sizeof buf, "%.*f", digits, v);
  return buf;
}

}  // namespace

int main(int argc, char** argv) {
  std::optional<Args> args = ParseArgs(argc, argv);
  if (!args) {
    std::cerr << "usage: graph_bench DATA_DIR DB_DIR [--steppe PATH] [--reps N] [--skip-import]\n"
                 "                   [--peer NAME=results.json]... [--out FILE] [--timeout S]\n"
                 "                   [--only TEXT]...\n";
    return 1;
  }
  std::ifstream anchors_file(args->data_dir + "/queries.json");
  json anchors = json::parse(anchors_file, nullptr, false);
  if (!anchors_file || anchors.is_discarded()) {
    std::cerr << "graph_bench: cannot read " << args->data_dir << "/queries.json\n";
    return 1;
  }
  std::vector<Peer> peers;
  for (const auto& [name, path] : args->peers) {
    std::optional<Peer> p = LoadPeer(name, path);
    if (!p) {
      std::cerr << "graph_bench: cannot read peer results " << path << "\n";
      return 1;
    }
    peers.push_back(std::move(*p));
  }

  json out = {{"engine", "steppe"}, {"dataDir", args->data_dir}, {"dbDir", args->db_dir}};
  if (!args->skip_import) {
    std::filesystem::remove_all(args->db_dir);
    std::string command = "'" + args->steppe + "' import --quiet --db '" + args->db_dir + "' '" +
                          args->data_dir + "'";
    auto start = Clock::now();
    int rc = std::system(command.c_str());
    double ms = Ms(Clock::now() - start);
    if (rc != 0) {
      std::cerr << "graph_bench: import failed: " << command << "\n";
      return 2;
    }
    out["load"] = {{"total_ms", ms}, {"db_bytes", DiskBytes(args->db_dir)}};
    std::printf("load: %.2f s (steppe import, whole process)  disk %.1f MiB\n", ms / 1000,
                static_cast<double>(DiskBytes(args->db_dir)) / (1 << 20));
    for (const Peer& p : peers) {
      if (p.load.contains("total_ms")) {
        double peer_ms = p.load["total_ms"].get<double>();
        std::printf("      %s: %.2f s  -> Steppe %.2fx %s\n", p.name.c_str(), peer_ms / 1000,
                    ms < peer_ms ? peer_ms / ms : ms / peer_ms, ms < peer_ms ? "faster" : "slower");
      }
    }
  }

  steppe::Result<std::unique_ptr<steppe::storage::RocksStore>> store =
      steppe::storage::RocksStore::Open(args->db_dir);
  if (!store.ok()) {
    std::cerr << "graph_bench: " << store.status().ToString() << "\n";
    return 2;
  }
  Engine engine(**store);
  std::vector<Question> questions = Questions(anchors);
  std::map<std::string, json> anchor_answers = AnchorAnswers(anchors, questions);

  json results = json::array();
  int mismatches = 0;
  std::printf("\n%-44s %10s %9s  %-8s", "query (steppe, through query::Engine)", "median ms",
              "first ms", "check");
  for (const Peer& p : peers) std::printf(" %14s", (p.name + " ms (x)").c_str());
  std::printf("  answer\n");
  std::vector<Timing> timings;
  auto selected = [&](const std::string& label) {
    if (args->only.empty()) return true;
    for (const std::string& text : args->only)
      if (label.find(text) != std::string::npos) return true;
    return false;
  };
  for (const Question& q : questions)
    if (selected(q.label)) timings.push_back(MeasureQuery(engine, q, args->reps, args->timeout_s));
  if (args->only.empty()) {
    std::unique_ptr<steppe::storage::GraphReader> snapshot = (*store)->Snapshot();
    std::vector<Timing> direct = MeasureAlgorithms(*snapshot, anchors, args->reps);
    for (Timing& t : direct) {
      t.label = "(algorithm API) " + t.label;
      timings.push_back(std::move(t));
    }
  }
  for (const Timing& t : timings) {
    // Answers and peer times pair up by the peers' label.
    std::string label = t.label;
    if (label.starts_with("(algorithm API) ")) label = label.substr(16);
    // The answer must equal queries.json's and every peer's, where they give one.
    std::string check = "unchecked";
    if (!t.error.empty()) {
      check = "ERROR";
    } else {
      bool any = false, same = true;
      if (auto it = anchor_answers.find(label); it != anchor_answers.end()) {
        any = true;
        same = same && it->second == t.result;
      }
      for (const Peer& p : peers) {
        if (auto it = p.queries.find(label); it != p.queries.end()) {
          any = true;
          same = same && it->second["result"] == t.result;
        }
      }
      if (any) check = same ? "ok" : "MISMATCH";
    }
    // A wrong answer fails the run; so does an error in a headline question
    // (the pattern forms are context, and may hit the time limit).
    if (check == "MISMATCH" || (check == "ERROR" && t.headline)) ++mismatches;
    std::string shown = (!t.headline && !t.cypher.empty() ? "(pattern) " : "") + t.label;
    std::printf("%-44s %10s %9s  %-8s", shown.c_str(), Fixed(t.median_ms, 3).c_str(),
                Fixed(t.first_ms, 1).c_str(), check.c_str());
    for (const Peer& p : peers) {
      auto it = p.queries.find(label);
      if (it == p.queries.end() || t.median_ms <= 0) {
        std::printf(" %14s", "-");
        continue;
      }
      double peer_ms = it->second["median_ms"].get<double>();
      std::printf(" %14s", (Fixed(peer_ms, 2) + " (" + Fixed(peer_ms / t.median_ms, 1) + ")").c_str());
    }
    std::printf("  %s\n", t.error.empty() ? t.result.dump().substr(0, 60).c_str() : t.error.c_str());
    std::fflush(stdout);
    results.push_back({{"label", t.label},
                       {"headline", t.headline},
                       {"cypher", t.cypher},
                       {"median_ms", t.median_ms},
                       {"min_ms", t.min_ms},
                       {"runs", t.runs},
                       {"first_run_ms", t.first_ms},
                       {"result", t.result},
                       {"check", check},
                       {"error", t.error}});
  }
  std::printf("(x) = peer median / Steppe median: above 1, Steppe is faster.\n");
  out["queries"] = results;
  if (!args->out.empty()) std::ofstream(args->out) << out.dump(1) << "\n";
  if (mismatches > 0) {
    std::printf("%d answers differ from the expected ones or failed\n", mismatches);
    return 3;
  }
  return 0;
}
