// Crash safety (issue 2, item 4): `steppe ingest` killed with SIGKILL at
// random moments, again and again; after every kill `steppe check` must find
// the store consistent, and every article must be wholly there or wholly
// absent. A last, uninterrupted run must then reach exactly the state of a
// run that was never killed.
#include <doctest/doctest.h>
#include <signal.h>

#include <algorithm>
#include <cctype>
#include <chrono>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <map>
#include <optional>
#include <random>
#include <sstream>
#include <string>
#include <thread>

#include "core/ingest/fingerprint.h"
#include "storage/rocks_store.h"
#include "tests/testing/run_command.h"
#include "tests/testing/temp_dir.h"

namespace steppe {
namespace {

namespace fs = std::filesystem;

// "the" -> "the<k>" (and "The" -> "The<k>"): a copy of an article that no
// fingerprint mistakes for the original.
std::string MarkCopy(const std::string& text, int k) {
  std::string out;
  const std::string mark = std::to_string(k);
  for (size_t i = 0; i < text.size(); ++i) {
    out += text[i];
    const bool word_start = i == 0 || !std::isalnum(static_cast<unsigned char>(text[i - 1]));
    if (word_start && (text.compare(i, 4, "the ") == 0 || text.compare(i, 4, "The ") == 0)) {
      out += text.substr(i + 1, 2) + mark;
      i += 2;
    }
  }
  return out;
}

std::string ReadFile(const fs::path& path) {
  std::ifstream in(path, std::ios::binary);
  std::ostringstream text;
  text << in.rdbuf();
  return text.str();
}

// `copies` marked copies of every file of examples/corpus under `dir`/corpus.
std::string MakeCorpus(const testing::TempDir& dir, int copies) {
  const fs::path source = fs::path(STEPPE_SOURCE_DIR) / "examples" / "corpus";
  for (const auto& entry : fs::directory_iterator(source)) {
    const std::string text = ReadFile(entry.path());
    for (int k = 1; k <= copies; ++k) {
      dir.Write("corpus/" + entry.path().stem().string() + "_" + std::to_string(k) + ".txt", MarkCopy(text, k));
    }
  }
  return dir.path() + "/corpus";
}

struct StoreState {
  uint64_t articles = 0, duplicates = 0, nodes = 0, edges = 0;
  // Article id -> the edges leaving its Article node, counted per type
  // ("MENTIONS:12 "): all written in the article's own batch.
  std::map<std::string, std::string> article_edges;
  std::string ToString() const {
    return "articles=" + std::to_string(articles) + " duplicates=" + std::to_string(duplicates) +
           " nodes=" + std::to_string(nodes) + " edges=" + std::to_string(edges);
  }
};

std::string EdgesByType(const storage::GraphReader& store, NodeId node) {
  std::map<std::string, int> per_type;
  CHECK(store.ScanOut(node, std::nullopt, [&](const storage::EdgeRef& e) {
           ++per_type[std::string(e.type)];
           return true;
         }).ok());
  std::string out;
  for (const auto& [type, count] : per_type) out += type + ":" + std::to_string(count) + " ";
  return out;
}

// Every stored article is whole: its Article node exists and carries its id,
// its fingerprint leads back to it and is the hash of its text; the label
// index and the statistics count exactly these articles.
StoreState CheckArticlesWhole(const std::string& db) {
  auto opened = storage::RocksStore::Open(db);
  REQUIRE_MESSAGE(opened.ok(), opened.status().ToString());
  const storage::RocksStore& store = **opened;
  uint64_t articles = 0;
  std::map<std::string, std::string> article_edges;
  REQUIRE(store.ScanArticles([&](const StoredArticle& a) {
           ++articles;
           article_edges[a.article.id] = EdgesByType(store, a.node);
           Result<Node> node = store.GetNode(a.node);
           REQUIRE_MESSAGE(node.ok(), a.article.id << ": " << node.status().ToString());
           CHECK(node->HasLabel("Article"));
           CHECK(node->props["id"] == Value(a.article.id));
           Result<NodeId> by_fingerprint = store.FindFingerprint(a.fingerprint);
           CHECK((by_fingerprint.ok() && *by_fingerprint == a.node));
           CHECK(ingest::Fingerprint(a.article) == a.fingerprint);
           return true;
         }).ok());
  uint64_t labelled = 0;
  REQUIRE(store.ScanLabel("Article", [&](NodeId id) {
           CHECK(store.GetArticle(id).ok());
           ++labelled;
           return true;
         }).ok());
  Result<storage::GraphStats> stats = store.Stats();
  REQUIRE(stats.ok());
  CHECK(labelled == articles);
  CHECK(stats->articles == articles);
  return {stats->articles, stats->duplicates, stats->nodes, stats->edges, std::move(article_edges)};
}

TEST_CASE("crash: SIGKILL during ingest leaves every article whole and every index in agreement") {
  // Under the sanitizers every run is several times slower; fewer, shorter
  // runs still reach every code path the kills can interrupt.
  const bool sanitized = std::getenv("STEPPE_SANITIZED") != nullptr;
  const int copies = sanitized ? 40 : 120;
  const int kills = sanitized ? 10 : 24;
  testing::TempDir dir;
  const std::string corpus = MakeCorpus(dir, copies);

  // The reference: one run that is never interrupted, then one that finds
  // every article stored and so only reads, checks and looks up. Their CPU
  // times, unlike their wall times, do not depend on what else the machine
  // is running, so kills are timed by the CPU time the victim has used.
  const std::string reference_db = dir.path() + "/reference";
  const auto cpu_of_ingest = [&](const std::string& db) {
    testing::CommandResult run = testing::RunSteppe({"ingest", corpus, "--db", db});
    REQUIRE_MESSAGE(run.exit_code == 0, run.err);
    return run.cpu_seconds;
  };
  const double full_cpu = cpu_of_ingest(reference_db);
  const double idle_cpu = std::min(cpu_of_ingest(reference_db), full_cpu);
  const StoreState expected = CheckArticlesWhole(reference_db);
  CHECK(expected.articles == 16u * copies);

  const char* seed_env = std::getenv("STEPPE_CRASH_SEED");
  const unsigned seed = seed_env != nullptr ? static_cast<unsigned>(std::stoul(seed_env)) : std::random_device{}();
  std::mt19937 random(seed);
  // A kill lands at a random moment of the run's writing phase, which
  // follows the reading and checking and shrinks as fewer articles remain.
  const auto kill_after_cpu = [&](uint64_t stored) {
    const double remaining = 1.0 - static_cast<double>(stored) / static_cast<double>(expected.articles);
    const double expected_cpu = idle_cpu + (full_cpu - idle_cpu) * remaining;
    return std::uniform_real_distribution<double>(0.9 * idle_cpu, expected_cpu)(random);
  };
  const auto kill_when_cpu_reaches = [](pid_t pid, double cpu_seconds) {
    for (std::optional<double> used = testing::CpuSecondsSoFar(pid); used && *used < cpu_seconds;
         used = testing::CpuSecondsSoFar(pid)) {
      std::this_thread::sleep_for(std::chrono::milliseconds(1));
    }
    kill(pid, SIGKILL);
  };

  const std::string db = dir.path() + "/db";
  int mid_ingest = 0, before_first = 0, after_last = 0;
  uint64_t articles_before = 0;  // in `db` before the run that is about to be killed
  for (int kill_number = 1; kill_number <= kills; ++kill_number) {
    CAPTURE(kill_number);
    CAPTURE(seed);
    const pid_t pid = testing::StartSteppe({"ingest", corpus, "--db", db});
    kill_when_cpu_reaches(pid, kill_after_cpu(articles_before));
    const int exit_code = testing::WaitFor(pid);
    CHECK((exit_code == 128 + SIGKILL || exit_code == 0));

    if (!fs::exists(db)) {  // killed before it opened the store
      ++before_first;
      continue;
    }
    testing::CommandResult check = testing::RunSteppe({"check", "--db", db});
    CHECK_MESSAGE(check.exit_code == 0, check.out << check.err);
    const StoreState state = CheckArticlesWhole(db);
    CHECK(state.articles <= expected.articles);
    // Each article that is there has all the edges an uninterrupted run gave it.
    for (const auto& [id, edges] : state.article_edges) {
      CAPTURE(id);
      CHECK(edges == expected.article_edges.at(id));
    }
    if (state.articles == articles_before) {
      ++before_first;
    } else if (state.articles < expected.articles) {
      ++mid_ingest;
    } else {
      ++after_last;
    }
    articles_before = state.articles;
    if (state.articles == expected.articles) {  // start again, to crash more first runs
      CHECK(state.ToString() == expected.ToString());
      fs::remove_all(db);
      articles_before = 0;
    }
  }

  // Whatever the kills left, finishing the ingest gives the reference state.
  REQUIRE(testing::RunSteppe({"ingest", corpus, "--db", db}).exit_code == 0);
  CHECK(testing::RunSteppe({"check", "--db", db}).exit_code == 0);
  CHECK(CheckArticlesWhole(db).ToString() == expected.ToString());

  MESSAGE("crash test: " << kills << " SIGKILLs (seed " << seed << ") over " << 16 * copies
                         << " articles; an uninterrupted ingest takes " << full_cpu << " s of CPU ("
                         << idle_cpu << " s when every article is stored already); "
                         << mid_ingest << " kills landed while articles were being written, "
                         << before_first << " before the run's first write, " << after_last
                         << " after its last (the store is then started afresh); "
                         << "`steppe check` passed after every kill");
  CHECK(mid_ingest >= kills / 4);
}

}  // namespace
}  // namespace steppe
