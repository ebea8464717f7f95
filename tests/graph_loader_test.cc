// GraphLoader as `steppe ingest` runs it: the Ingestor reads news files, the
// extractor reads each article, the loader writes it into the graph.
#include <doctest/doctest.h>

#include <filesystem>
#include <iostream>

#include "storage/graph_loader.h"
#include "storage/graph_questions.h"
#include "storage/ingestor.h"
#include "storage/mem_store.h"
#include "storage/rocks_store.h"
#include "tests/testing/temp_dir.h"

namespace steppe::storage {
namespace {

namespace fs = std::filesystem;

Status IngestPath(GraphStore& store, const std::string& path) {
  GraphLoader loader;
  Ingestor ingestor(store, &loader);
  Result<IngestInput> input = IngestInput::Read({path});
  if (!input.ok()) return input.status();
  Result<IngestReport> report = ingestor.Write(std::move(*input));
  return report.status();
}

// "Label n ... TYPE n ...": what a store holds, for comparing two.
std::string Census(const GraphReader& store) {
  Result<GraphStats> stats = store.Stats();
  REQUIRE(stats.ok());
  std::string out;
  for (const auto& [label, n] : stats->per_label) out += label + " " + std::to_string(n) + " ";
  for (const auto& [type, n] : stats->per_type) out += type + " " + std::to_string(n) + " ";
  return out;
}

std::string Describe(const std::vector<MeetingRow>& rows) {
  std::string out;
  for (const MeetingRow& r : rows) {
    out += r.who + " met " + r.other + " on " + r.date.value_or("?") + " about ";
    for (const auto& t : r.topics) out += t + "; ";
    out += "\n";
  }
  return out;
}

}  // namespace

TEST_CASE("loader: the seeds answer the three questions") {
  const std::string seeds = std::string(STEPPE_SHARED_DIR) + "/data/seeds";
  if (!fs::exists(seeds)) {
    MESSAGE("skipped: " << seeds << " is absent");
    return;
  }
  MemStore store;
  REQUIRE(IngestPath(store, seeds).ok());
  Result<GraphStats> stats = store.Stats();
  REQUIRE(stats.ok());
  for (const auto& [label, n] : stats->per_label) MESSAGE(label << " " << n);
  for (const auto& [type, n] : stats->per_type) MESSAGE(type << " " << n);

  Result<std::vector<AgreementRow>> pakistan = AgreementsConcerning(store, "Pakistan");
  REQUIRE(pakistan.ok());
  for (const AgreementRow& a : *pakistan) {
    std::string parties;
    for (const auto& p : a.parties) parties += p + "; ";
    MESSAGE(a.name << " [" << a.kind.value_or("?") << "] parties: " << parties);
  }
  CHECK(pakistan->size() >= 10);

  Result<std::vector<LawActionRow>> mazhilis = LawActionsOf(store, "Mazhilis");
  REQUIRE(mazhilis.ok());
  for (const LawActionRow& r : *mazhilis)
    MESSAGE(r.action << " " << r.law << " " << r.date.value_or("?") << " " << r.detail.value_or(""));
  CHECK(mazhilis->size() >= 1);

  size_t officials_with_meetings = 0;
  REQUIRE(store.ScanLabel(label::kOfficial, [&](NodeId id) {
                 Result<Node> node = store.GetNode(id);
                 REQUIRE(node.ok());
                 Result<std::vector<MeetingRow>> met =
                     MeetingsOf(store, node->props["name"].as_string());
                 REQUIRE(met.ok());
                 if (!met->empty()) {
                   ++officials_with_meetings;
                   MESSAGE(Describe(*met));
                 }
                 return true;
               }).ok());
  CHECK(officials_with_meetings >= 2);
}

TEST_CASE("loader: our corpus merges spellings and follows a law through Parliament") {
  const std::string corpus = std::string(STEPPE_SOURCE_DIR) + "/examples/corpus";
  MemStore store;
  REQUIRE(IngestPath(store, corpus).ok());
  // Yerzhan and Erzhan Temirbekov are one person with several meetings.
  Result<std::vector<MeetingRow>> met = MeetingsOf(store, "Erzhan Temirbekov");
  REQUIRE(met.ok());
  CHECK(met->size() >= 2);
  for (const MeetingRow& row : *met) CHECK(row.who == met->front().who);
  // "Mazhilis" and "Mazhilis of the Parliament of the Republic of Kazakhstan"
  // are one body, whose readings of the law are both found.
  Result<std::vector<LawActionRow>> readings = LawActionsOf(store, "Mazhilis");
  REQUIRE(readings.ok());
  CHECK(readings->size() >= 2);
  std::string version_before = Census(store);
  REQUIRE(IngestPath(store, corpus).ok());
  CHECK(Census(store) == version_before);
}

TEST_CASE("loader: MemStore and RocksStore build the same graph") {
  const std::string corpus = std::string(STEPPE_SOURCE_DIR) + "/examples/corpus";
  MemStore memory;
  REQUIRE(IngestPath(memory, corpus).ok());
  testing::TempDir dir;
  Result<std::unique_ptr<RocksStore>> rocks = RocksStore::Open(dir.path() + "/db");
  REQUIRE(rocks.ok());
  REQUIRE(IngestPath(**rocks, corpus).ok());
  CHECK(Census(**rocks) == Census(memory));
}

}  // namespace steppe::storage
