// Golden query files (tests/golden/queries/*.test), in the style of Kuzu and
// DuckDB. Each file runs on a fresh MemStore, block by block:
//
//   statement            a query that must succeed; its rows are not checked
//   <cypher>
//   ----
//   ok
//
//   query [ordered]      rows as tab-separated FormatValue cells, compared
//   <cypher>             sorted unless `ordered`; an EXPLAIN query's rows are
//   ----                 the lines of its plan; `error: <prefix>` expects an
//   <rows | error: ...>  error whose Status::ToString() starts with <prefix>
//
// Blocks are separated by blank lines; lines starting with # are comments.
// STEPPE_UPDATE_GOLDEN=1 rewrites the expected parts from the actual output.
#include <doctest/doctest.h>

#include <algorithm>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>
#include <vector>

#include "query/engine.h"
#include "query/format.h"
#include "storage/mem_store.h"

namespace steppe {
namespace {

struct Block {
  std::string kind;  // "statement", "query", "query ordered"
  std::string cypher;
  std::vector<std::string> expected;
  std::vector<std::string> comments;  // lines before the block, kept on rewrite
};

std::vector<Block> ReadBlocks(const std::string& path) {
  std::ifstream in(path);
  std::vector<Block> blocks;
  std::vector<std::string> comments;
  std::string line;
  while (std::getline(in, line)) {
    if (line.empty() || line[0] == '#') {
      comments.push_back(line);
      continue;
    }
    Block block;
    block.kind = line;
    block.comments = std::move(comments);
    comments.clear();
    std::vector<std::string> cypher;
    while (std::getline(in, line) && line != "----") cypher.push_back(line);
    for (size_t i = 0; i < cypher.size(); ++i) block.cypher += (i ? "\n" : "") + cypher[i];
    while (std::getline(in, line) && !line.empty()) block.expected.push_back(line);
    blocks.push_back(std::move(block));
    comments.push_back("");
  }
  return blocks;
}

std::vector<std::string> Actual(query::Engine& engine, const Block& block) {
  Result<query::QueryResult> result = engine.Run(block.cypher);
  if (!result.ok()) {
    std::string message = result.status().ToString();
    std::replace(message.begin(), message.end(), '\n', '|');
    return {"error: " + message};
  }
  if (block.kind == "statement") return {"ok"};
  std::vector<std::string> lines;
  if (result->columns.empty() && !result->plan.empty()) {
    std::istringstream plan(result->plan);
    for (std::string line; std::getline(plan, line);) lines.push_back(line);
    return lines;
  }
  for (const auto& row : result->rows) {
    std::string line;
    for (size_t i = 0; i < row.size(); ++i) line += (i ? "\t" : "") + query::FormatValue(row[i]);
    lines.push_back(line);
  }
  if (block.kind != "query ordered") std::sort(lines.begin(), lines.end());
  return lines;
}

bool Matches(const std::vector<std::string>& expected, const std::vector<std::string>& actual) {
  if (expected.size() == 1 && expected[0].rfind("error: ", 0) == 0)
    return actual.size() == 1 && actual[0].rfind(expected[0], 0) == 0;
  return expected == actual;
}

void RunGoldenFile(const std::string& path, bool update) {
  std::vector<Block> blocks = ReadBlocks(path);
  storage::MemStore store;
  query::Engine engine(store);
  std::string rewritten;
  for (Block& block : blocks) {
    std::vector<std::string> actual = Actual(engine, block);
    std::vector<std::string> expected = block.expected;
    if (block.kind != "query ordered" && !(expected.size() == 1 && expected[0].rfind("error: ", 0) == 0))
      std::sort(expected.begin(), expected.end());
    if (!update) {
      INFO(path << ": " << block.cypher);
      std::string want, got;
      for (const auto& l : expected) want += l + "\n";
      for (const auto& l : actual) got += l + "\n";
      CHECK_MESSAGE(Matches(expected, actual), "want:\n" << want << "got:\n" << got);
    }
    for (const auto& c : block.comments) rewritten += c + "\n";
    rewritten += block.kind + "\n" + block.cypher + "\n----\n";
    const auto& keep = update && !Matches(expected, actual) ? actual : block.expected;
    for (const auto& l : keep) rewritten += l + "\n";
  }
  if (update) {
    std::ofstream out(path);
    out << rewritten;
  }
}

}  // namespace

TEST_CASE("golden: query files") {
  std::string dir = std::string(STEPPE_SOURCE_DIR) + "/tests/golden/queries";
  bool update = std::getenv("STEPPE_UPDATE_GOLDEN") != nullptr;
  std::vector<std::string> files;
  for (const auto& entry : std::filesystem::directory_iterator(dir))
    if (entry.path().extension() == ".test") files.push_back(entry.path().string());
  std::sort(files.begin(), files.end());
  REQUIRE(!files.empty());
  for (const auto& file : files) {
    SUBCASE(std::filesystem::path(file).filename().string().c_str()) { RunGoldenFile(file, update); }
  }
}

}  // namespace steppe
