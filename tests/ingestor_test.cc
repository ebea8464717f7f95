// The Ingestor (storage/ingestor.h): one batch per new article, copies
// skipped, nothing written when any input is bad.
#include <doctest/doctest.h>

#include <filesystem>
#include <string>
#include <vector>

#include "storage/ingestor.h"
#include "tests/testing/stores.h"
#include "tests/testing/temp_dir.h"

namespace steppe::storage {
namespace {

namespace fs = std::filesystem;

constexpr std::string_view kAggregator =
    "Steppe Daily\n"
    "News More\n"
    "Ambassador met the Mayor of Trieste 03.04.2026\n"
    "On April 2, the Ambassador discussed \"port logistics\" with the mayor.Source : "
    "https://example.kz/a/1\n"
    "Grain exports rose in March 02.04.2026\n"
    "Exports of grain rose by four percent, the ministry said.\n"
    "Society More\n"
    "Ambassador met the Mayor of Trieste 03.04.2026\n"
    "On April 2, the Ambassador discussed port logistics with the mayor.\n"
    "Source : https://example.kz/a/1\n";

constexpr std::string_view kSingle =
    "05.04.2026\n"
    "The Senate adopted the law on inland waterways\n"
    "\n"
    "Senators adopted the law on inland waterways at a plenary session today.\n"
    "\n"
    "Source: Ministry of Transport of the Republic of Kazakhstan\n";

// The grain article again, in a feed: a copy across files.
constexpr std::string_view kFeed =
    " date 2026-04-06 06.04.2026, 10:15 300\n"
    "Grain exports rose in March\n"
    "Exports of grain rose by four percent, the ministry said.\n";

// "articles=3 duplicates=2 nodes=3 edges=0"
std::string Summary(const GraphReader& store) {
  Result<GraphStats> stats = store.Stats();
  REQUIRE(stats.ok());
  return "articles=" + std::to_string(stats->articles) + " duplicates=" + std::to_string(stats->duplicates) +
         " nodes=" + std::to_string(stats->nodes) + " edges=" + std::to_string(stats->edges);
}

std::string Render(const IngestReport& r) {
  return "files=" + std::to_string(r.files) + " blocks=" + std::to_string(r.blocks) +
         " distinct=" + std::to_string(r.distinct) + " repeated=" + std::to_string(r.repeated_in_input) +
         " stored=" + std::to_string(r.already_stored) + " written=" + std::to_string(r.written);
}

// One line per stored article: "id | title | date | url | outlet | fingerprint length".
std::string StoredArticles(const GraphReader& store) {
  std::string out;
  CHECK(store.ScanArticles([&](const StoredArticle& a) {
           out += a.article.id + " | " + a.article.title.value_or("-") + " | " + a.article.date.value_or("-") +
                  " | " + a.article.source_url.value_or("-") + " | " + a.article.outlet.value_or("-") + "\n";
           return true;
         }).ok());
  return out;
}

struct Corpus {
  testing::TempDir dir;
  Corpus() {
    dir.Write("news/a_aggregator.txt", kAggregator);
    dir.Write("news/b_single.txt", kSingle);
    dir.Write("news/c_feed.txt", kFeed);
  }
  std::string news() const { return dir.path() + "/news"; }
};

TEST_CASE("ingestor: each distinct article is written once, with its copies counted") {
  Corpus corpus;
  for (testing::TestStore& test_store : testing::AllStores()) {
    CAPTURE(test_store.name());
    GraphStore& store = *test_store;
    Ingestor ingestor(store);
    Result<IngestReport> report = ingestor.Ingest({corpus.news()});
    REQUIRE_MESSAGE(report.ok(), report.status().ToString());
    CHECK(Render(*report) == "files=3 blocks=5 distinct=3 repeated=2 stored=0 written=3");
    CHECK(report->bytes == kAggregator.size() + kSingle.size() + kFeed.size());
    CHECK(Summary(store) == "articles=3 duplicates=2 nodes=3 edges=0");
    CHECK(StoredArticles(store) ==
          "a_aggregator#1 | Ambassador met the Mayor of Trieste | 2026-04-03 | https://example.kz/a/1 | Steppe Daily\n"
          "a_aggregator#2 | Grain exports rose in March | 2026-04-02 | - | Steppe Daily\n"
          "b_single#1 | The Senate adopted the law on inland waterways | 2026-04-05 | - | "
          "Ministry of Transport of the Republic of Kazakhstan\n");

    // The Article node carries what a query needs.
    Result<GraphStats> stats = store.Stats();
    CHECK(stats->per_label["Article"] == 3);
    std::vector<NodeId> articles;
    CHECK(store.ScanLabel("Article", [&](NodeId id) {
             articles.push_back(id);
             return true;
           }).ok());
    REQUIRE(articles.size() == 3);
    Result<Node> node = store.GetNode(articles[0]);
    REQUIRE(node.ok());
    CHECK(node->props["id"] == Value("a_aggregator#1"));
    CHECK(node->props["name"] == Value("Ambassador met the Mayor of Trieste"));
    CHECK(node->props["date"] == Value("2026-04-03"));
    CHECK(node->props["url"] == Value("https://example.kz/a/1"));
    CHECK(node->props["file"] == Value(corpus.news() + "/a_aggregator.txt"));
    Result<StoredArticle> stored = store.GetArticle(articles[0]);
    REQUIRE(stored.ok());
    CHECK(stored->fingerprint == ingest::Fingerprint(stored->article));
    CHECK(store.FindFingerprint(stored->fingerprint).value() == articles[0]);
  }
}

TEST_CASE("ingestor: ingesting the same files again writes nothing") {
  Corpus corpus;
  for (testing::TestStore& test_store : testing::AllStores()) {
    CAPTURE(test_store.name());
    GraphStore& store = *test_store;
    Ingestor ingestor(store);
    REQUIRE(ingestor.Ingest({corpus.news()}).ok());
    const uint64_t version = store.Version();
    Result<IngestReport> again = ingestor.Ingest({corpus.news()});
    REQUIRE(again.ok());
    CHECK(Render(*again) == "files=3 blocks=5 distinct=3 repeated=2 stored=3 written=0");
    CHECK(again->duplicates() == 5);
    CHECK(store.Version() == version);  // on a RocksStore, RocksDB's latest sequence number
    CHECK(Summary(store) == "articles=3 duplicates=2 nodes=3 edges=0");
  }
}

TEST_CASE("ingestor: a bad file anywhere in the input leaves the store untouched") {
  Corpus corpus;
  for (testing::TestStore& test_store : testing::AllStores()) {
    CAPTURE(test_store.name());
    GraphStore& store = *test_store;
    Ingestor ingestor(store);
    REQUIRE(ingestor.Ingest({corpus.dir.path() + "/news/b_single.txt"}).ok());
    const uint64_t version = store.Version();
    const std::string before = Summary(store);

    struct Case {
      std::string file, content, message;
    };
    const std::string base = corpus.dir.path() + "/bad/";
    const std::vector<Case> cases = {
        {"empty.txt", "", "file is empty"},
        {"binary.txt", std::string("\x89PNG\r\n\x1a\n\0\0", 10), "binary file, not text"},
        {"latin1.txt", "05.04.2026\nCaf\xE9 opens\nThe caf\xE9 opened today in the city centre.\n",
         "not valid UTF-8 (byte 0xE9 at line 2, byte offset 14)"},
        {"table.txt", "id;name\n1;2\n", "no known news format"},
    };
    for (const Case& c : cases) {
      CAPTURE(c.file);
      corpus.dir.Write("bad/" + c.file, c.content);
      // The bad file sorts after good ones that would otherwise be written.
      Result<IngestReport> report = ingestor.Ingest({corpus.news(), base + c.file});
      REQUIRE_FALSE(report.ok());
      CHECK(report.status().IsInvalidArgument());
      CHECK(report.status().message().starts_with(base + c.file + ": " + c.message));
      CHECK(store.Version() == version);
      CHECK(Summary(store) == before);
      fs::remove(base + c.file);
    }

    corpus.dir.Write("bad/huge.txt", "");
    fs::resize_file(base + "huge.txt", ingest::kMaxNewsFileBytes + 1);
    CHECK(ingestor.Ingest({corpus.news(), base + "huge.txt"}).status().message() ==
          base + "huge.txt: file is too large (67108865 bytes; the limit is 64 MiB)");
    fs::remove(base + "huge.txt");
    CHECK(ingestor.Ingest({corpus.news(), base + "missing.txt"}).status().message() ==
          base + "missing.txt: no such file or folder");
    corpus.dir.Write("bad/readme.md", "not news");
    CHECK(ingestor.Ingest({corpus.news(), base}).status().message() ==
          base + ": the folder holds no news files (*.txt)");
    CHECK(store.Version() == version);
    CHECK(Summary(store) == before);
  }
}

// Adds, in the article's own batch, a Country node and a MENTIONS edge, and
// refuses articles whose title says so.
class MentionCountry : public ArticleEnricher {
 public:
  Status Enrich(const GraphReader& store, GraphStore& ids, NodeId article_node, const Article& article,
                Mutation& batch) override {
    if (article.title && article.title->starts_with("Grain")) {
      return Status::Internal("enricher refused " + article.id);
    }
    CHECK(store.GetNode(article_node).status().IsNotFound());  // not applied yet
    Node country;
    country.id = ids.AllocateNodeId();
    country.labels = {"Country"};
    country.props["name"] = "Italy " + article.id;
    batch.put_nodes.push_back(country);
    batch.put_edges.push_back(Edge{ids.AllocateEdgeId(), "MENTIONS", article_node, country.id, {{"count", 1}}});
    return Status::OK();
  }
};

TEST_CASE("ingestor: the enricher's additions go in the article's batch; its failure stops the ingest") {
  Corpus corpus;
  for (testing::TestStore& test_store : testing::AllStores()) {
    CAPTURE(test_store.name());
    GraphStore& store = *test_store;
    MentionCountry enricher;
    Ingestor ingestor(store, &enricher);
    Result<IngestReport> report = ingestor.Ingest({corpus.news()});
    CHECK(report.status().ToString() == "Internal: enricher refused a_aggregator#2");
    // The first article was written whole, the refused one not at all.
    CHECK(Summary(store) == "articles=1 duplicates=1 nodes=2 edges=1");
    CHECK(StoredArticles(store) ==
          "a_aggregator#1 | Ambassador met the Mayor of Trieste | 2026-04-03 | https://example.kz/a/1 | Steppe Daily\n");
  }
}

TEST_CASE("ingestor: text parsed elsewhere is ingested the same way") {
  for (testing::TestStore& test_store : testing::AllStores()) {
    CAPTURE(test_store.name());
    GraphStore& store = *test_store;
    Ingestor ingestor(store);
    Result<ingest::NewsFile> file = ingest::ParseNewsText(kAggregator, "posted.txt");
    REQUIRE(file.ok());
    Result<IngestReport> report = ingestor.Write(IngestInput::FromParsed({*file}));
    REQUIRE(report.ok());
    CHECK(Render(*report) == "files=1 blocks=3 distinct=2 repeated=1 stored=0 written=2");
    CHECK(Summary(store) == "articles=2 duplicates=1 nodes=2 edges=0");
  }
}

TEST_CASE("ingestor: the seeds give the gold number of distinct articles, once") {
  const std::string seeds = std::string(STEPPE_SHARED_DIR) + "/data/seeds";
  if (!fs::exists(seeds)) {
    MESSAGE("skipped: " << seeds << " is absent");
    return;
  }
  for (testing::TestStore& test_store : testing::AllStores()) {
    CAPTURE(test_store.name());
    GraphStore& store = *test_store;
    Ingestor ingestor(store);
    Result<IngestReport> report = ingestor.Ingest({seeds});
    REQUIRE(report.ok());
    CHECK(Render(*report) == "files=5 blocks=41 distinct=36 repeated=5 stored=0 written=36");
    CHECK(Summary(store) == "articles=36 duplicates=5 nodes=36 edges=0");
    const uint64_t version = store.Version();
    REQUIRE(ingestor.Ingest({seeds}).ok());
    CHECK(store.Version() == version);
  }
}

}  // namespace
}  // namespace steppe::storage
