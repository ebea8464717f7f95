// Runs openCypher TCK scenarios (converted to JSON by ../shared/tck/tck2json.py)
// against the query engine on a fresh MemStore each, and prints pass/fail per
// feature and in total. Usage: tck_runner TCK.json [--subset FILE] [--verbose]
// [--filter TEXT]. The last line is `N passed, M failed`.
#include <nlohmann/json.hpp>

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <fstream>
#include <iostream>
#include <map>
#include <set>
#include <sstream>
#include <string>
#include <vector>

#include "query/engine.h"
#include "query/format.h"
#include "storage/mem_store.h"

namespace {

using steppe::query::NodeValue;
using steppe::query::PathValue;
using steppe::query::RelValue;
using steppe::query::Value;
using json = nlohmann::json;

// ---- TCK value literals (README.md's grammar) into runtime values.
class TckValueParser {
 public:
  explicit TckValueParser(const std::string& text) : s_(text) {}

  bool Parse(Value* out) {
    try {
      Blank();
      *out = ParseValue();
      Blank();
      return pos_ == s_.size();
    } catch (const std::runtime_error&) {
      return false;
    }
  }

 private:
  void Blank() {
    while (pos_ < s_.size() && std::isspace(static_cast<unsigned char>(s_[pos_]))) ++pos_;
  }
  bool Starts(const char* t) const { return s_.compare(pos_, std::strlen(t), t) == 0; }
  void Expect(char c) {
    if (pos_ >= s_.size() || s_[pos_] != c) throw std::runtime_error("bad value");
    ++pos_;
  }
  std::string Name() {
    size_t start = pos_;
    while (pos_ < s_.size() &&
           (std::isalnum(static_cast<unsigned char>(s_[pos_])) || s_[pos_] == '_' || s_[pos_] == '$'))
      ++pos_;
    if (pos_ == start) throw std::runtime_error("bad name");
    return s_.substr(start, pos_ - start);
  }

  Value ParseValue() {
    if (pos_ >= s_.size()) throw std::runtime_error("empty");
    char c = s_[pos_];
    if (Starts("null")) { pos_ += 4; return Value(); }
    if (Starts("true")) { pos_ += 4; return Value(true); }
    if (Starts("false")) { pos_ += 5; return Value(false); }
    if (Starts("NaN")) { pos_ += 3; return Value(std::nan("")); }
    if (Starts("Inf")) { pos_ += 3; return Value(INFINITY); }
    if (Starts("-Inf")) { pos_ += 4; return Value(-INFINITY); }
    if (c == '\'') return String();
    if (c == '[' && pos_ + 1 < s_.size() && s_[pos_ + 1] == ':') return Value(Rel());
    if (c == '[') return List();
    if (c == '{') return Value(Map());
    if (c == '(') return Value(Node());
    if (c == '<') return PathLit();
    return Number();
  }

  Value String() {
    Expect('\'');
    std::string out;
    while (true) {
      if (pos_ >= s_.size()) throw std::runtime_error("unterminated");
      char c = s_[pos_++];
      if (c == '\'') break;
      if (c == '\\' && pos_ < s_.size() && (s_[pos_] == '\'' || s_[pos_] == '\\')) {
        out += s_[pos_++];
        continue;
      }
      out += c;
    }
    return Value(out);
  }

  Value Number() {
    size_t start = pos_;
    if (s_[pos_] == '-') ++pos_;
    while (pos_ < s_.size() && (std::isdigit(static_cast<unsigned char>(s_[pos_])) || s_[pos_] == '.' ||
                                s_[pos_] == 'e' || s_[pos_] == 'E' ||
                                ((s_[pos_] == '-') && (s_[pos_ - 1] == 'e' || s_[pos_ - 1] == 'E'))))
      ++pos_;
    std::string text = s_.substr(start, pos_ - start);
    if (text.empty() || text == "-") throw std::runtime_error("bad number");
    if (text.find_first_of(".eE") != std::string::npos) return Value(std::strtod(text.c_str(), nullptr));
    return Value(static_cast<int64_t>(std::strtoll(text.c_str(), nullptr, 10)));
  }

  Value List() {
    Expect('[');
    Value::List out;
    Blank();
    if (pos_ < s_.size() && s_[pos_] == ']') { ++pos_; return Value(out); }
    while (true) {
      Blank();
      out.push_back(ParseValue());
      Blank();
      if (pos_ < s_.size() && s_[pos_] == ',') { ++pos_; continue; }
      Expect(']');
      return Value(std::move(out));
    }
  }

  Value::Map Map() {
    Expect('{');
    Value::Map out;
    Blank();
    if (pos_ < s_.size() && s_[pos_] == '}') { ++pos_; return out; }
    while (true) {
      Blank();
      std::string key = Name();
      Expect(':');
      Blank();
      out[key] = ParseValue();
      Blank();
      if (pos_ < s_.size() && s_[pos_] == ',') { ++pos_; continue; }
      Expect('}');
      return out;
    }
  }

  steppe::Properties Props(const Value::Map& map) {
    steppe::Properties props;
    for (const auto& [k, v] : map)
      if (!v.is_null()) props[k] = v.ToCore();
    return props;
  }

  NodeValue Node() {
    Expect('(');
    NodeValue node;
    node.id = next_id_++;
    Blank();
    while (pos_ < s_.size() && s_[pos_] == ':') {
      ++pos_;
      node.labels.push_back(Name());
      Blank();
    }
    if (pos_ < s_.size() && s_[pos_] == '{') node.props = Props(Map());
    Blank();
    Expect(')');
    return node;
  }

  RelValue Rel() {
    Expect('[');
    Expect(':');
    RelValue rel;
    rel.id = next_id_++;
    rel.type = Name();
    Blank();
    if (pos_ < s_.size() && s_[pos_] == '{') rel.props = Props(Map());
    Blank();
    Expect(']');
    return rel;
  }

  Value PathLit() {
    Expect('<');
    PathValue path;
    path.nodes.push_back(Node());
    while (pos_ < s_.size() && s_[pos_] != '>') {
      bool backward = Starts("<-");
      pos_ += backward ? 2 : 1;
      RelValue rel = Rel();
      if (backward) Expect('-');
      else { Expect('-'); Expect('>'); }
      NodeValue next = Node();
      rel.src = backward ? next.id : path.nodes.back().id;
      rel.dst = backward ? path.nodes.back().id : next.id;
      path.rels.push_back(rel);
      path.nodes.push_back(next);
    }
    Expect('>');
    return Value(std::move(path));
  }

  const std::string& s_;
  size_t pos_ = 0;
  uint64_t next_id_ = 1u << 30;
};

// A canonical text for comparing values: labels sorted, map keys sorted,
// under `unordered` every list sorted; ints and floats kept apart.
std::string Canon(const Value& v, bool unordered);

std::string CanonProps(const steppe::Properties& props, bool unordered) {
  std::string out = "{";
  for (const auto& [k, v] : props) {
    if (v.is_null()) continue;
    out += k + ":" + Canon(Value::FromCore(v), unordered) + ",";
  }
  return out + "}";
}

std::string CanonNode(const NodeValue& n, bool unordered) {
  std::vector<std::string> labels = n.labels;
  std::sort(labels.begin(), labels.end());
  std::string out = "(";
  for (const auto& l : labels) out += ":" + l;
  return out + CanonProps(n.props, unordered) + ")";
}

std::string CanonRel(const RelValue& r, bool unordered) {
  return "[:" + r.type + CanonProps(r.props, unordered) + "]";
}

std::string Canon(const Value& v, bool unordered) {
  char buffer[64];
  switch (v.kind()) {
    case Value::Kind::kNull: return "null";
    case Value::Kind::kBool: return v.as_bool() ? "true" : "false";
    case Value::Kind::kInt: return "i" + std::to_string(v.as_int());
    case Value::Kind::kDouble:
      if (std::isnan(v.as_double())) return "fNaN";
      // == treats -0.0 and 0.0 as equal, and so does the TCK.
      std::snprintf(buffer, sizeof buffer, "f%.17g", v.as_double() == 0.0 ? 0.0 : v.as_double());
      return buffer;
    case Value::Kind::kString: return "'" + v.as_string() + "'";
    case Value::Kind::kList: {
      std::vector<std::string> items;
      for (const auto& item : v.as_list()) items.push_back(Canon(item, unordered));
      if (unordered) std::sort(items.begin(), items.end());
      std::string out = "[";
      for (const auto& item : items) out += item + ",";
      return out + "]";
    }
    case Value::Kind::kMap: {
      std::string out = "{";
      for (const auto& [k, item] : v.as_map()) out += k + ":" + Canon(item, unordered) + ",";
      return out + "}";
    }
    case Value::Kind::kNode: return CanonNode(v.as_node(), unordered);
    case Value::Kind::kRelationship: return CanonRel(v.as_relationship(), unordered);
    case Value::Kind::kPath: {
      const PathValue& p = v.as_path();
      std::string out = "<" + CanonNode(p.nodes[0], unordered);
      for (size_t i = 0; i < p.rels.size() && i + 1 < p.nodes.size(); ++i) {
        bool forward = p.rels[i].src == p.nodes[i].id && p.rels[i].dst == p.nodes[i + 1].id;
        if (p.rels[i].src == p.rels[i].dst) forward = true;
        out += forward ? "-" : "<-";
        out += CanonRel(p.rels[i], unordered);
        out += forward ? "->" : "-";
        out += CanonNode(p.nodes[i + 1], unordered);
      }
      return out + ">";
    }
  }
  return "?";
}

// The observable state of a graph, for side-effect checks.
struct GraphState {
  std::set<uint64_t> nodes, edges;
  std::set<std::string> labels;
  std::set<std::string> props;  // "n<id>.<key>=<canon>" / "e<id>..."
};

GraphState Observe(const steppe::storage::GraphStore& store) {
  GraphState state;
  store.ScanNodes([&](steppe::NodeId id) {
    state.nodes.insert(id);
    auto node = store.GetNode(id);
    if (node.ok()) {
      for (const auto& l : node->labels) state.labels.insert(l);
      for (const auto& [k, v] : node->props)
        state.props.insert("n" + std::to_string(id) + "." + k + "=" + Canon(Value::FromCore(v), false));
    }
    return true;
  }).IgnoreError();  // a failed scan shows up as a side-effect mismatch
  store.ScanEdges([&](const steppe::storage::EdgeRef& ref) {
    state.edges.insert(ref.edge);
    auto edge = store.GetEdge(ref.edge);
    if (edge.ok())
      for (const auto& [k, v] : edge->props)
        state.props.insert("e" + std::to_string(ref.edge) + "." + k + "=" +
                           Canon(Value::FromCore(v), false));
    return true;
  }).IgnoreError();  // as above
  return state;
}

template <typename T>
int Missing(const std::set<T>& a, const std::set<T>& b) {  // |a \ b|
  int n = 0;
  for (const auto& x : a)
    if (!b.count(x)) ++n;
  return n;
}

struct Outcome {
  bool pass = false;
  std::string why;
};

bool ErrorKindMatches(const steppe::Status& status, const std::string& type) {
  using Code = steppe::Status::Code;
  if (type == "SyntaxError" || type == "SemanticError")
    return status.code() == Code::kSyntaxError || status.code() == Code::kSemanticError;
  if (type == "TypeError") return status.code() == Code::kTypeError;
  return true;  // ArgumentError, EntityNotFound, ...: any error
}

Outcome Compare(const json& expect, const steppe::Result<steppe::query::QueryResult>& result) {
  std::string kind = expect["kind"];
  if (kind == "error") {
    if (result.ok()) return {false, "expected an error, got rows"};
    std::string type = expect["error"]["type"];
    if (!ErrorKindMatches(result.status(), type))
      return {false, "expected " + type + ", got " + result.status().ToString()};
    return {true, ""};
  }
  if (!result.ok()) return {false, "error: " + result.status().ToString()};
  if (kind == "empty") {
    if (!result->rows.empty()) return {false, "expected no rows"};
    return {true, ""};
  }
  std::vector<std::string> columns = expect["columns"];
  if (columns != result->columns) {
    std::string got;
    for (const auto& c : result->columns) got += c + "|";
    return {false, "columns differ: got " + got};
  }
  bool unordered = expect.value("unordered_lists", false);
  std::vector<std::string> want, got;
  for (const auto& row : expect["rows"]) {
    std::string line;
    for (const auto& cell : row) {
      Value v;
      if (!TckValueParser(cell.get<std::string>()).Parse(&v)) return {false, "bad expected cell"};
      line += Canon(v, unordered) + " | ";
    }
    want.push_back(line);
  }
  for (const auto& row : result->rows) {
    std::string line;
    for (const auto& v : row) line += Canon(v, unordered) + " | ";
    got.push_back(line);
  }
  if (kind == "rows-any-order") {
    std::sort(want.begin(), want.end());
    std::sort(got.begin(), got.end());
  }
  if (want != got) {
    std::string detail = "rows differ; got:";
    for (size_t i = 0; i < got.size() && i < 5; ++i) detail += "\n      " + got[i];
    detail += "\n    want:";
    for (size_t i = 0; i < want.size() && i < 5; ++i) detail += "\n      " + want[i];
    return {false, detail};
  }
  return {true, ""};
}

Outcome RunScenario(const json& scenario) {
  steppe::storage::MemStore store;
  steppe::query::Engine engine(store);
  steppe::query::RunOptions options;
  options.timeout = std::chrono::milliseconds(10000);
  options.max_memory_bytes = uint64_t{512} << 20;
  for (const auto& statement : scenario["given_setup"]) {
    auto r = engine.Run(statement.get<std::string>(), {}, options);
    if (!r.ok()) return {false, "graph setup failed: " + r.status().ToString()};
  }
  for (const auto& statement : scenario["setup"]) {
    auto r = engine.Run(statement.get<std::string>(), {}, options);
    if (!r.ok()) return {false, "setup failed: " + r.status().ToString()};
  }
  steppe::query::Params params;
  for (const auto& [name, text] : scenario["params"].items()) {
    Value v;
    if (!TckValueParser(text.get<std::string>()).Parse(&v)) return {false, "bad parameter"};
    params[name] = v;
  }
  GraphState before = Observe(store);
  auto result = engine.Run(scenario["query"].get<std::string>(), params, options);
  Outcome outcome = Compare(scenario["expect"], result);
  if (!outcome.pass) return outcome;
  GraphState after = Observe(store);
  const json& effects = scenario["side_effects"];
  if (!effects.is_null()) {
    std::map<std::string, int> actual = {
        {"+nodes", Missing(after.nodes, before.nodes)},
        {"-nodes", Missing(before.nodes, after.nodes)},
        {"+relationships", Missing(after.edges, before.edges)},
        {"-relationships", Missing(before.edges, after.edges)},
        {"+labels", Missing(after.labels, before.labels)},
        {"-labels", Missing(before.labels, after.labels)},
        {"+properties", Missing(after.props, before.props)},
        {"-properties", Missing(before.props, after.props)}};
    for (const auto& [key, count] : actual) {
      int want = effects.value(key, 0);
      if (want != count)
        return {false, "side effect " + key + ": want " + std::to_string(want) + ", got " +
                           std::to_string(count)};
    }
  }
  for (const auto& control : scenario["control"]) {
    auto r = engine.Run(control["query"].get<std::string>(), params, options);
    Outcome c = Compare(control["expect"], r);
    if (!c.pass) return {false, "control query: " + c.why};
  }
  return {true, ""};
}

}  // namespace

int main(int argc, char** argv) {
  if (argc < 2) {
    std::cerr << "usage: tck_runner TCK.json [--subset FILE] [--filter TEXT] [--verbose]\n";
    return 2;
  }
  std::string tck_path = argv[1];
  std::string subset_path, filter;
  bool verbose = false;
  for (int i = 2; i < argc; ++i) {
    std::string arg = argv[i];
    if (arg == "--subset" && i + 1 < argc) subset_path = argv[++i];
    else if (arg == "--filter" && i + 1 < argc) filter = argv[++i];
    else if (arg == "--verbose") verbose = true;
  }
  std::ifstream in(tck_path);
  if (!in) {
    std::cerr << "tck_runner: cannot read " << tck_path << "\n";
    return 2;
  }
  json scenarios = json::parse(in);
  std::set<std::string> subset;
  if (!subset_path.empty()) {
    std::ifstream sub(subset_path);
    std::string line;
    while (std::getline(sub, line))
      if (!line.empty()) subset.insert(line);
  }
  std::map<std::string, std::pair<int, int>> per_feature;  // passed, total
  int passed = 0, failed = 0;
  for (const auto& scenario : scenarios) {
    std::string id = scenario["id"];
    if (!subset.empty() && !subset.count(id)) continue;
    if (!filter.empty() && id.find(filter) == std::string::npos) continue;
    Outcome outcome = RunScenario(scenario);
    std::string feature = scenario["feature_file"];
    auto& counts = per_feature[feature];
    counts.second++;
    if (outcome.pass) {
      counts.first++;
      passed++;
    } else {
      failed++;
      if (verbose)
        std::cout << "FAIL " << id << "\n  query: " << scenario["query"].get<std::string>()
                  << "\n  " << outcome.why << "\n";
    }
  }
  for (const auto& [feature, counts] : per_feature)
    std::cout << feature << ": " << counts.first << "/" << counts.second << "\n";
  std::cout << passed << " passed, " << failed << " failed\n";
  return 0;
}
