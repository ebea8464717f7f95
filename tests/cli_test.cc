// The `steppe` command line, run as a real process on a temporary store:
// ingest, stats, articles, check, their messages and exit codes.
#include <doctest/doctest.h>

#include <filesystem>
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "storage/rocks_store.h"
#include "tests/testing/run_command.h"
#include "tests/testing/temp_dir.h"

namespace steppe {
namespace {

namespace fs = std::filesystem;
using testing::RunSteppe;

const std::string kCorpus = std::string(STEPPE_SOURCE_DIR) + "/examples/corpus";

nlohmann::json Json(const testing::CommandResult& run) {
  INFO("stdout: " << run.out << "\nstderr: " << run.err);
  REQUIRE(run.exit_code == 0);
  return nlohmann::json::parse(run.out);
}

// `steppe stats --json`.
nlohmann::json Stats(const std::string& db) { return Json(RunSteppe({"stats", "--json", "--db", db})); }

// "articles=16 duplicates=1".
std::string Articles(const nlohmann::json& stats) {
  return "articles=" + stats["articles"].dump() + " duplicates=" + stats["duplicates"].dump();
}

uint64_t Version(const std::string& db) {
  auto store = storage::RocksStore::Open(db);
  REQUIRE_MESSAGE(store.ok(), store.status().ToString());
  return (*store)->Version();
}

TEST_CASE("cli: ingest, stats, articles and check on the example corpus") {
  testing::TempDir dir;
  const std::string db = dir.path() + "/db";

  const nlohmann::json report = Json(RunSteppe({"ingest", kCorpus, "--db", db, "--json"}));
  CHECK(report["files"] == 5);
  CHECK(report["blocks"] == 17);
  CHECK(report["distinct"] == 16);
  CHECK(report["duplicates"] == 1);
  CHECK(report["written"] == 16);
  const nlohmann::json stats = Stats(db);
  CHECK(Articles(stats) == "articles=16 duplicates=1");
  CHECK(stats["labels"]["Article"] == 16);
  // Extraction adds the officials, bodies and countries of the articles.
  CHECK(stats["labels"]["Official"] > 10);
  CHECK(stats["labels"]["Country"] > 5);
  CHECK(stats["relationship_types"]["MENTIONS"] > 50);

  testing::CommandResult text = RunSteppe({"stats", "--db", db});
  CHECK(text.exit_code == 0);
  CHECK(text.out.starts_with("articles     16\nduplicates   1\nnodes        " + stats["nodes"].dump() +
                             "\nedges        " + stats["edges"].dump() + "\nlabels\n"));

  const nlohmann::json recent = Json(RunSteppe({"articles", "--since", "2026-04-21", "--json", "--db", db}));
  std::vector<std::string> ids;
  for (const auto& a : recent) ids.push_back(a["date"].get<std::string>() + " " + a["id"].get<std::string>());
  CHECK(ids == std::vector<std::string>{"2026-04-21 02_agency_feed#5", "2026-04-21 02_agency_feed#6",
                                        "2026-04-22 02_agency_feed#3", "2026-04-22 02_agency_feed#4",
                                        "2026-04-23 02_agency_feed#1", "2026-04-23 02_agency_feed#2"});
  CHECK(recent[0]["title"] == "Chairman of the Mazhilis meets Speaker of the Hungarian National Assembly");

  testing::CommandResult listed = RunSteppe({"articles", "--db", db});
  CHECK(listed.exit_code == 0);
  CHECK(listed.out.starts_with(
      "2026-03-25  03_mazhilis_first_reading#1   The Mazhilis approved in the first reading"));

  testing::CommandResult check = RunSteppe({"check", "--db", db});
  CHECK_MESSAGE(check.exit_code == 0, check.out << check.err);
  CHECK(check.out.find("ok: every record") != std::string::npos);
}

TEST_CASE("cli: ingesting the same files again writes nothing") {
  testing::TempDir dir;
  const std::string db = dir.path() + "/db";
  REQUIRE(RunSteppe({"ingest", kCorpus, "--db", db}).exit_code == 0);
  const uint64_t version = Version(db);
  const nlohmann::json again = Json(RunSteppe({"ingest", kCorpus, "--db", db, "--json"}));
  CHECK(again["written"] == 0);
  CHECK(again["already_stored"] == 16);
  CHECK(Version(db) == version);  // RocksDB's latest sequence number
  CHECK(Articles(Stats(db)) == "articles=16 duplicates=1");
}

TEST_CASE("cli: every kind of bad input is refused by name, with exit 1 and the store untouched") {
  testing::TempDir dir;
  const std::string db = dir.path() + "/db";
  REQUIRE(RunSteppe({"ingest", kCorpus + "/05_telephone_conversation.txt", "--db", db}).exit_code == 0);
  const uint64_t version = Version(db);
  const nlohmann::json before = Stats(db);
  const std::string bad = dir.path() + "/bad";

  struct Case {
    std::string what, path, message;
  };
  dir.Write("bad/empty.txt", "");
  dir.Write("bad/binary.txt", std::string("\x7F" "ELF\x02\x01\x01\0\0\0", 10));
  dir.Write("bad/latin1.txt", "05.04.2026\nCaf\xE9 opens\nThe caf\xE9 opened today in the city centre.\n");
  dir.Write("bad/table.txt", "id;name;value\n1;2;3\n");
  dir.Write("bad/huge.txt", "");
  fs::resize_file(bad + "/huge.txt", (64ull << 20) + 1);
  dir.Write("bad/pictures/photo.png", "\x89PNG");
  const std::vector<Case> cases = {
      {"missing path", bad + "/missing.txt", bad + "/missing.txt: no such file or folder"},
      {"folder of nothing readable", bad + "/pictures",
       bad + "/pictures: the folder holds no news files (*.txt)"},
      {"empty file", bad + "/empty.txt", bad + "/empty.txt: file is empty"},
      {"binary file", bad + "/binary.txt",
       bad + "/binary.txt: binary file, not text (control byte 0x7F at line 1, byte offset 0)"},
      {"invalid UTF-8", bad + "/latin1.txt",
       bad + "/latin1.txt: not valid UTF-8 (byte 0xE9 at line 2, byte offset 14)"},
      {"over the size limit", bad + "/huge.txt",
       bad + "/huge.txt: file is too large (67108865 bytes; the limit is 64 MiB)"},
      {"no known format", bad + "/table.txt",
       bad + "/table.txt: no known news format (expected a single article, an aggregator page with "
             "'Title DD.MM.YYYY' lines, or a feed with 'DD.MM.YYYY, HH:MM' lines)"},
  };
  for (const Case& c : cases) {
    CAPTURE(c.what);
    // Good files come first in the input: none of them may be written either.
    testing::CommandResult run = RunSteppe({"ingest", kCorpus, c.path, "--db", db});
    CHECK(run.exit_code == 1);
    CHECK(run.err == "steppe: " + c.message + "\n");
    CHECK(run.out.empty());
    CHECK(Version(db) == version);
    CHECK(Stats(db) == before);

    // A store that did not exist is not even created.
    const std::string fresh = dir.path() + "/fresh-db";
    CHECK(RunSteppe({"ingest", c.path, "--db", fresh}).exit_code == 1);
    CHECK_FALSE(fs::exists(fresh));
  }
}

TEST_CASE("cli: read commands refuse a missing store and bad options") {
  testing::TempDir dir;
  const std::string missing = dir.path() + "/none";
  for (const char* command : {"stats", "articles", "check"}) {
    CAPTURE(command);
    testing::CommandResult run = RunSteppe({command, "--db", missing});
    CHECK(run.exit_code == 1);
    CHECK(run.err.starts_with("steppe: no store at " + missing));
    CHECK_FALSE(fs::exists(missing));
  }
  const std::string db = dir.path() + "/db";
  REQUIRE(RunSteppe({"ingest", kCorpus, "--db", db}).exit_code == 0);
  testing::CommandResult since = RunSteppe({"articles", "--since", "April", "--db", db});
  CHECK(since.exit_code == 1);
  CHECK(since.err == "steppe: --since: expected a date YYYY-MM-DD, got 'April'\n");
}

TEST_CASE("cli: --db defaults to $STEPPE_DB") {
  testing::TempDir dir;
  const std::string db = dir.path() + "/from-env";
  setenv("STEPPE_DB", db.c_str(), 1);
  testing::CommandResult run = RunSteppe({"ingest", kCorpus + "/04_trilateral_memorandum.txt"});
  unsetenv("STEPPE_DB");
  CHECK(run.exit_code == 0);
  CHECK(Articles(Stats(db)) == "articles=1 duplicates=0");
}

TEST_CASE("cli: every command has --help") {
  for (const char* command : {"ingest", "stats", "articles", "check"}) {
    CAPTURE(command);
    testing::CommandResult run = RunSteppe({command, "--help"});
    CHECK(run.exit_code == 0);
    CHECK(run.out.find("--db") != std::string::npos);
  }
}

}  // namespace
}  // namespace steppe
