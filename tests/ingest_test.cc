// The reader (core/ingest/): format detection, segmentation, validation,
// fingerprints, checked on texts written here and against the gold
// segmentation of ../shared.
#include <doctest/doctest.h>

#include <filesystem>
#include <fstream>
#include <map>
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "core/ingest/reader.h"
#include "tests/testing/temp_dir.h"

namespace steppe::ingest {
namespace {

namespace fs = std::filesystem;

// One line per article: "id | date | title | url | outlet".
std::string Render(const NewsFile& file) {
  std::string out;
  for (const Article& a : file.articles) {
    out += a.id + " | " + a.date.value_or("-") + (a.time ? " " + *a.time : "") + " | " +
           a.title.value_or("-") + " | " + a.source_url.value_or("-") + " | " +
           a.outlet.value_or("-") + "\n";
  }
  return out;
}

NewsFile Parse(std::string_view text, std::string_view path = "dir/sample.txt") {
  Result<NewsFile> file = ParseNewsText(text, path);
  REQUIRE_MESSAGE(file.ok(), file.status().ToString());
  return *std::move(file);
}

std::string ParseError(std::string_view text) {
  Result<NewsFile> file = ParseNewsText(text, "dir/sample.txt");
  REQUIRE_FALSE(file.ok());
  CHECK(file.status().IsInvalidArgument());
  return file.status().message();
}

TEST_CASE("ingest: a single article with a date line, title and Source outlet") {
  NewsFile file = Parse(
      "02.04.2026\n"
      "The Senate adopted the law on inland waterways\n"
      "\n"
      "Today senators adopted the law on inland waterways at a plenary session.\n"
      "\n"
      "The law now goes to the Head of State for signature.\n"
      "\n"
      "Source: Ministry of Transport of the Republic of Kazakhstan\n");
  CHECK(file.format == Format::kSingle);
  CHECK(Render(file) ==
        "sample#1 | 2026-04-02 | The Senate adopted the law on inland waterways | - | "
        "Ministry of Transport of the Republic of Kazakhstan\n");
  CHECK(file.articles[0].body ==
        "Today senators adopted the law on inland waterways at a plenary session.\n\n"
        "The law now goes to the Head of State for signature.");
  CHECK(file.articles[0].file == "dir/sample.txt");
}

TEST_CASE("ingest: a single article whose first line is a sentence has no title") {
  NewsFile file = Parse(
      "ASTANA – The Mazhilis approved a bill on river ports in its first reading on May 3.\n"
      "The bill now moves to the second reading, deputies said.\n");
  CHECK(Render(file) == "sample#1 | - | - | - | -\n");
  CHECK(file.articles[0].body.starts_with("ASTANA – The Mazhilis approved"));
}

TEST_CASE("ingest: a single article with a headline and no date line") {
  NewsFile file = Parse(
      "Akim of Turkestan region opens a new water pipeline\n"
      "The pipeline will supply drinking water to eleven villages of the district.\n"
      "Source: https://example.kz/news/1\n");
  CHECK(Render(file) ==
        "sample#1 | - | Akim of Turkestan region opens a new water pipeline | "
        "https://example.kz/news/1 | -\n");
}

TEST_CASE("ingest: an aggregator page with navigation, glued links and a repeat") {
  NewsFile file = Parse(
      "Steppe Daily\n"
      "World\n"
      "Ambassador met the Mayor of Trieste 03.04.2026\n"
      "On April 2, the Ambassador discussed \"port logistics\" with the mayor.Source : "
      "https://example.kz/a/1?lang=en\n"
      "Grain exports rose by 4% in March 2026 02.04.2026\n"
      "Exports of grain rose by four percent, the ministry said. Source : https://example.kz/a/2\n"
      "A concert in Aktobe 01.04.2026\n"
      "Source : https://example.kz/a/3\n"
      "Economy More\n"
      "Ambassador met the Mayor of Trieste 03.04.2026\n"
      "On April 2,   the Ambassador discussed port logistics with the mayor.\n"
      "Source : https://example.kz/a/1?lang=en\n");
  CHECK(file.format == Format::kAggregator);
  CHECK(Render(file) ==
        "sample#1 | 2026-04-03 | Ambassador met the Mayor of Trieste | "
        "https://example.kz/a/1?lang=en | Steppe Daily\n"
        "sample#2 | 2026-04-02 | Grain exports rose by 4% in March 2026 | https://example.kz/a/2 | "
        "Steppe Daily\n"
        "sample#3 | 2026-04-01 | A concert in Aktobe | https://example.kz/a/3 | Steppe Daily\n");
  CHECK(file.blocks == 4);
  CHECK(file.duplicates == 1);
  CHECK(file.repeats == std::vector<size_t>{1, 0, 0});
  CHECK(file.articles[0].body == "On April 2, the Ambassador discussed \"port logistics\" with the mayor.");
  CHECK(file.articles[2].body.empty());
}

TEST_CASE("ingest: a news-agency feed with a header line carrying the first stamp") {
  NewsFile file = Parse(
      " date 2026-04-05 04.04.2026, 18:20 5120\n"
      "Minister of Energy meets wind farm investors\n"
      "ASTANA. KAZINFORM – The minister met investors on Friday.\n"
      "They discussed grid access.\n"
      "03.04.2026, 09:05 812\n"
      "Snow expected in the north\n"
      "Forecasters expect snow in three regions on Saturday.\n");
  CHECK(file.format == Format::kFeed);
  CHECK(Render(file) ==
        "sample#1 | 2026-04-04 18:20 | Minister of Energy meets wind farm investors | - | -\n"
        "sample#2 | 2026-04-03 09:05 | Snow expected in the north | - | -\n");
  CHECK(file.articles[0].body ==
        "ASTANA. KAZINFORM – The minister met investors on Friday.\nThey discussed grid access.");
}

TEST_CASE("ingest: a feed whose header stands on a line of its own") {
  NewsFile file = Parse(
      "Agency feed\n"
      "04.04.2026, 18:20\n"
      "Parliament opens its spring session\n"
      "Deputies gathered for the opening of the spring session of Parliament.\n");
  CHECK(Render(file) ==
        "sample#1 | 2026-04-04 18:20 | Parliament opens its spring session | - | -\n");
}

TEST_CASE("ingest: a body line that ends in a date does not open an article") {
  NewsFile file = Parse(
      "05.04.2026\n"
      "Tax forms updated\n"
      "New forms apply to returns filed from 01.05.2026\n"
      "Taxpayers can submit the new forms through the online office.\n");
  CHECK(file.format == Format::kSingle);
  CHECK(file.articles.size() == 1);
  NewsFile dated = Parse(
      "05.04.2026\n"
      "Tax forms updated\n"
      "The new forms apply to all returns 01.05.2026\n"
      "Taxpayers can submit the new forms through the online office.\n");
  CHECK(Render(dated) == "sample#1 | 2026-04-05 | Tax forms updated | - | -\n");
}

TEST_CASE("ingest: texts in no known format are refused") {
  CHECK(ParseError("{\"title\": \"x\", \"body\": \"a long enough body of words here\"}") ==
        "dir/sample.txt: no known news format (expected a single article, an aggregator page "
        "with 'Title DD.MM.YYYY' lines, or a feed with 'DD.MM.YYYY, HH:MM' lines)");
  CHECK(ParseError("id,value\n1,2\n3,4\n").starts_with("dir/sample.txt: no known news format"));
  CHECK(ParseError("<html><body>Hello there, a page of words</body></html>")
            .starts_with("dir/sample.txt: no known news format"));
}

TEST_CASE("ingest: the fingerprint ignores quotation marks, apostrophes and whitespace") {
  Article a;
  a.title = "Minister's visit";
  a.body = "He said: \u201CWe will build it.\u201D\nThe \u00ABplan\u00BB is 'ready'.";
  Article b;
  b.title = "Ministers visit";
  b.body = "He said: We will build it. The plan is ready.";
  CHECK(Fingerprint(a) == Fingerprint(b));
  CHECK(Fingerprint(a).size() == 32);
  b.body = "He said: We will build it. The plan is not ready.";
  CHECK(Fingerprint(a) != Fingerprint(b));
  Article c;  // title and body do not run together
  c.title = "Ministers visitHe";
  c.body = "said: We will build it. The plan is ready.";
  CHECK(Fingerprint(c) != Fingerprint(b));
}

TEST_CASE("ingest: ReadNewsFile refuses bad files with the path and the reason") {
  testing::TempDir dir;
  const std::string base = dir.path();
  CHECK(ReadNewsFile(base + "/missing.txt").status().message() == base + "/missing.txt: no such file");
  CHECK(ReadNewsFile(base).status().message() == base + ": not a regular file");
  dir.Write("empty.txt", "");
  CHECK(ReadNewsFile(base + "/empty.txt").status().message() == base + "/empty.txt: file is empty");
  dir.Write("blank.txt", " \n\n\t\n");
  CHECK(ReadNewsFile(base + "/blank.txt").status().message() ==
        base + "/blank.txt: file is empty (only whitespace)");
  dir.Write("nul.txt", std::string("03.04.2026\nTitle\nBody\0text", 27));
  CHECK(ReadNewsFile(base + "/nul.txt").status().message() ==
        base + "/nul.txt: binary file, not text (NUL byte 0x00 at line 3, byte offset 21)");
  dir.Write("bell.txt", "Title\n\x07 ring");
  CHECK(ReadNewsFile(base + "/bell.txt").status().message() ==
        base + "/bell.txt: binary file, not text (control byte 0x07 at line 2, byte offset 6)");
  dir.Write("latin1.txt", "03.04.2026\nCaf\xE9 opens in Almaty\nThe caf\xE9 opened today.\n");
  CHECK(ReadNewsFile(base + "/latin1.txt").status().message() ==
        base + "/latin1.txt: not valid UTF-8 (byte 0xE9 at line 2, byte offset 14)");
  dir.Write("overlong.txt", "A \xC0\xAF slash");
  CHECK(ReadNewsFile(base + "/overlong.txt").status().message().find("not valid UTF-8") !=
        std::string::npos);
  dir.Write("data.txt", "a;b;c\n1;2;3\n");
  CHECK(ReadNewsFile(base + "/data.txt").status().message().starts_with(
      base + "/data.txt: no known news format"));
  dir.Write("huge.txt", "");
  fs::resize_file(base + "/huge.txt", kMaxNewsFileBytes + 1);  // sparse: costs no disk
  CHECK(ReadNewsFile(base + "/huge.txt").status().message() ==
        base + "/huge.txt: file is too large (67108865 bytes; the limit is 64 MiB)");
}

TEST_CASE("ingest: ReadNewsFile accepts CRLF line ends and a byte-order mark") {
  testing::TempDir dir;
  dir.Write("crlf.txt", "\xEF\xBB\xBF" "03.04.2026\r\nBridge opens in Semey\r\n\r\n"
            "The new bridge across the Irtysh opened to traffic today.\r\n");
  Result<NewsFile> file = ReadNewsFile(dir.path() + "/crlf.txt");
  REQUIRE(file.ok());
  CHECK(Render(*file) == "crlf#1 | 2026-04-03 | Bridge opens in Semey | - | -\n");
  CHECK(file->articles[0].body == "The new bridge across the Irtysh opened to traffic today.");
}

TEST_CASE("ingest: ListNewsFiles walks folders, sorted, and refuses empty ones") {
  testing::TempDir dir;
  const std::string base = dir.path();
  dir.Write("b/2.txt", "x");
  dir.Write("b/1.TXT", "x");
  dir.Write("b/notes.md", "x");
  dir.Write("b/.hidden.txt", "x");
  dir.Write("a.txt", "x");
  dir.Write("images/photo.png", "x");
  Result<std::vector<std::string>> files = ListNewsFiles({base + "/b", base + "/a.txt", base + "/b/2.txt"});
  REQUIRE(files.ok());
  CHECK(*files == std::vector<std::string>{base + "/a.txt", base + "/b/1.TXT", base + "/b/2.txt"});
  CHECK(ListNewsFiles({base + "/images"}).status().message() ==
        base + "/images: the folder holds no news files (*.txt)");
  CHECK(ListNewsFiles({base + "/nope"}).status().message() == base + "/nope: no such file or folder");
}

TEST_CASE("ingest: the example corpus holds 16 distinct articles in the three formats") {
  Result<std::vector<std::string>> files = ListNewsFiles({std::string(STEPPE_SOURCE_DIR) + "/examples/corpus"});
  REQUIRE(files.ok());
  std::string formats;
  size_t blocks = 0, distinct = 0, duplicates = 0;
  for (const std::string& path : *files) {
    Result<NewsFile> file = ReadNewsFile(path);
    REQUIRE_MESSAGE(file.ok(), file.status().ToString());
    formats += fs::path(path).filename().string() + "=" + std::string(FormatName(file->format)) + " ";
    blocks += file->blocks;
    distinct += file->articles.size();
    duplicates += file->duplicates;
    for (const Article& a : file->articles) {
      CAPTURE(a.id);
      CHECK(a.title.has_value());
      CHECK(a.date.has_value());
      CHECK(a.body.size() > 100);
    }
  }
  CHECK(formats ==
        "01_ministries_aggregator.txt=aggregator 02_agency_feed.txt=feed "
        "03_mazhilis_first_reading.txt=single 04_trilateral_memorandum.txt=single "
        "05_telephone_conversation.txt=single ");
  CHECK(blocks == 17);
  CHECK(distinct == 16);
  CHECK(duplicates == 1);
}

// ---- against the gold segmentation of ../shared ---------------------------

struct GoldArticle {
  std::optional<std::string> title, date, url;
};

std::optional<std::string> OptionalString(const nlohmann::json& value) {
  if (value.is_null()) return std::nullopt;
  return value.get<std::string>();
}

std::map<std::string, GoldArticle> LoadGold(const std::vector<std::string>& paths) {
  std::map<std::string, GoldArticle> gold;
  for (const std::string& path : paths) {
    std::ifstream in(path);
    const nlohmann::json doc = nlohmann::json::parse(in);
    for (const nlohmann::json& a : doc.at("articles")) {
      gold[a.at("id").get<std::string>()] = {OptionalString(a.at("title")), OptionalString(a.at("date")),
                                            OptionalString(a.at("source_url"))};
    }
  }
  return gold;
}

// Parses every file of `folder` and compares ids, titles, dates and links.
void CheckAgainstGold(const std::string& folder, const std::vector<std::string>& gold_files,
                      size_t expected_blocks) {
  const std::map<std::string, GoldArticle> gold = LoadGold(gold_files);
  Result<std::vector<std::string>> files = ListNewsFiles({folder});
  REQUIRE(files.ok());
  std::map<std::string, GoldArticle> read;
  size_t blocks = 0;
  for (const std::string& path : *files) {
    Result<NewsFile> file = ReadNewsFile(path);
    REQUIRE_MESSAGE(file.ok(), file.status().ToString());
    blocks += file->blocks;
    for (const Article& a : file->articles) read[a.id] = {a.title, a.date, a.source_url};
  }
  CHECK(read.size() == gold.size());
  CHECK(blocks == expected_blocks);
  for (const auto& [id, want] : gold) {
    CAPTURE(id);
    auto it = read.find(id);
    REQUIRE_MESSAGE(it != read.end(), "article missing: " << id);
    CHECK(it->second.title == want.title);
    CHECK(it->second.date == want.date);
    CHECK(it->second.url == want.url);
  }
}

TEST_CASE("ingest: the seeds split into exactly the gold articles") {
  const std::string shared = STEPPE_SHARED_DIR;
  if (!fs::exists(shared + "/data/seeds")) {
    MESSAGE("skipped: " << shared << "/data/seeds is absent");
    return;
  }
  // 36 distinct articles in 41 blocks: 001 repeats its five articles.
  CheckAgainstGold(shared + "/data/seeds",
                   {shared + "/eval/gold/seeds-a.json", shared + "/eval/gold/seeds-b.json"}, 41);
}

TEST_CASE("ingest: the dev set splits into exactly the gold articles") {
  const std::string shared = STEPPE_SHARED_DIR;
  if (!fs::exists(shared + "/data/dev")) {
    MESSAGE("skipped: " << shared << "/data/dev is absent");
    return;
  }
  // 37 distinct articles in 38 blocks: 201 repeats one article without its quotes.
  CheckAgainstGold(shared + "/data/dev", {shared + "/eval/dev/gold.json"}, 38);
}

}  // namespace
}  // namespace steppe::ingest
