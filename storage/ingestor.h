#pragma once

#include <chrono>
#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <unordered_map>
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

// The input of one ingest, read and checked before anything is written: the
// files, and how many copies of each article they hold.
class IngestInput {
 public:
  // Reads and checks the files and folders in `paths` (see
  // ingest::ListNewsFiles, ingest::ReadNewsFile); the first bad one is
  // returned as the reader's InvalidArgument.
  static Result<IngestInput> Read(const std::vector<std::string>& paths);
  // Files already parsed: text that arrived by other means than a file
  // (through ingest::ParseNewsText).
  static IngestInput FromParsed(std::vector<ingest::NewsFile> files);

  // The figures of the input (files, bytes, blocks, distinct, repeated).
  const IngestReport& figures() const { return figures_; }

 private:
  friend class Ingestor;
  IngestInput() = default;
  void Count(const ingest::NewsFile& file);

  std::vector<std::string> paths_;
  // Parsed files, kept up to a budget of bytes; a file not kept is read
  // again when it is written.
  std::vector<std::optional<ingest::NewsFile>> parsed_;
  std::unordered_map<std::string, size_t> copies_;  // fingerprint -> copies in the input
  IngestReport figures_;
  std::chrono::steady_clock::time_point start_ = std::chrono::steady_clock::now();
};

// Writes news articles into a GraphStore. Each new article is one Mutation:
// its `Article` node (props id, title, date, time, url, outlet, file, and
// name, aliases, first_seen, last_seen as every node has), its StoredArticle
// with the fingerprint, the count of its further copies in the input
// (duplicates_delta), and whatever the ArticleEnricher adds; Apply() writes
// all of it or none. Articles whose fingerprint is stored already are
// skipped, so ingesting the same files again writes nothing.
class Ingestor {
 public:
  // Neither argument is owned; both must outlive the Ingestor. `enricher`
  // may be null: then only Article nodes are written.
  explicit Ingestor(GraphStore& store, ArticleEnricher* enricher = nullptr);

  // Writes the new articles of `input`. An error stops the ingest; the
  // articles written before it stay, each whole.
  Result<IngestReport> Write(IngestInput input, const IngestProgress& progress = {});

  // IngestInput::Read, then Write: a bad file leaves the store untouched.
  Result<IngestReport> Ingest(const std::vector<std::string>& paths,
                              const IngestProgress& progress = {});

 private:
  class Run;

  GraphStore& store_;
  ArticleEnricher* enricher_;
};

// The `Article` node that stands for `article` (see Ingestor).
Node ArticleNode(NodeId id, const Article& article);

}  // namespace steppe::storage
