#pragma once

#include <cstdint>
#include <functional>
#include <string>
#include <vector>

#include "core/ingest/reader.h"
#include "core/result.h"
#include "storage/article_enricher.h"
#include "storage/graph_store.h"

namespace steppe::storage {

// What one ingest did. Every distinct article of the input is either
// written, or skipped because its fingerprint is already stored.
struct IngestReport {
  size_t files = 0;
  uint64_t bytes = 0;               // size of the files read
  size_t blocks = 0;                // article blocks read, copies included
  size_t distinct = 0;              // distinct articles in the input
  size_t repeated_in_input = 0;     // blocks - distinct: copies within the input
  size_t already_stored = 0;        // distinct articles whose fingerprint was stored before
  size_t written = 0;               // articles written by this ingest
  double seconds = 0;

  size_t duplicates() const { return repeated_in_input + already_stored; }
};

// Called after each distinct article is handled, with the figures so far.
using IngestProgress = std::function<void(const IngestReport&)>;

// Reads news files into a GraphStore. Each new article is one Mutation: its
// `Article` node (props id, title, date, time, url, outlet, file, and name,
// first_seen, last_seen as every node has), its StoredArticle with the
// fingerprint, the count of its copies in the input (duplicates_delta), and
// whatever the ArticleEnricher adds; Apply() writes all of it or none.
// Articles whose fingerprint is stored already are skipped, so ingesting the
// same files again writes nothing.
class Ingestor {
 public:
  // Neither argument is owned; both must outlive the Ingestor. `enricher`
  // may be null: then only Article nodes are written.
  explicit Ingestor(GraphStore& store, ArticleEnricher* enricher = nullptr);

  // Ingests the files and folders in `paths` (see ingest::ListNewsFiles).
  // Every file is read and checked before anything is written, so a bad file
  // leaves the store untouched and returns the reader's InvalidArgument.
  Result<IngestReport> Ingest(const std::vector<std::string>& paths,
                              const IngestProgress& progress = {});

  // Ingests files already parsed (text that arrived by other means than a
  // file, through ingest::ParseNewsText).
  Result<IngestReport> IngestParsed(const std::vector<ingest::NewsFile>& files,
                                    const IngestProgress& progress = {});

 private:
  class Run;

  GraphStore& store_;
  ArticleEnricher* enricher_;
};

// The `Article` node that stands for `article` (see Ingestor).
Node ArticleNode(NodeId id, const Article& article);

}  // namespace steppe::storage
