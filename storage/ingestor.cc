#include "storage/ingestor.h"

#include <chrono>
#include <optional>
#include <unordered_map>
#include <unordered_set>
#include <utility>

namespace steppe::storage {
namespace {

// Parsed files are kept between the checking pass and the writing pass up
// to this many bytes of input; beyond it they are read a second time.
constexpr uint64_t kKeepParsedBytes = 256ull << 20;

}  // namespace

// The state of one Ingest call: copies counted over the whole input first,
// then each distinct article written once.
class Ingestor::Run {
 public:
  Run(GraphStore& store, ArticleEnricher* enricher, const IngestProgress& progress)
      : store_(store), enricher_(enricher), progress_(progress) {}

  // The checking pass: counts the file and the copies of its articles.
  void Count(const ingest::NewsFile& file) {
    ++report_.files;
    report_.bytes += file.bytes;
    report_.blocks += file.blocks;
    for (size_t i = 0; i < file.articles.size(); ++i) {
      copies_[ingest::Fingerprint(file.articles[i])] += 1 + file.repeats[i];
    }
    report_.distinct = copies_.size();
    report_.repeated_in_input = report_.blocks - report_.distinct;
  }

  // The writing pass. REQUIRES: Count(file) was called.
  Status Write(const ingest::NewsFile& file) {
    for (const Article& article : file.articles) {
      std::string fingerprint = ingest::Fingerprint(article);
      // A copy in an earlier file of this input was handled already.
      if (!handled_.insert(fingerprint).second) continue;
      STEPPE_RETURN_IF_ERROR(WriteArticle(article, fingerprint));
      if (progress_) progress_(Elapsed());
    }
    return Status::OK();
  }

  IngestReport Finish() const { return Elapsed(); }

 private:
  Status WriteArticle(const Article& article, const std::string& fingerprint) {
    Result<NodeId> stored = store_.FindFingerprint(fingerprint);
    if (stored.ok()) {
      ++report_.already_stored;
      return Status::OK();
    }
    if (!stored.status().IsNotFound()) return stored.status();

    Mutation batch;
    const NodeId node = store_.AllocateNodeId();
    batch.put_nodes.push_back(ArticleNode(node, article));
    batch.put_articles.push_back(StoredArticle{node, fingerprint, article});
    batch.duplicates_delta = static_cast<int64_t>(copies_.at(fingerprint)) - 1;
    if (enricher_ != nullptr) {
      STEPPE_RETURN_IF_ERROR(enricher_->Enrich(store_, store_, node, article, batch));
    }
    STEPPE_RETURN_IF_ERROR(store_.Apply(batch));
    ++report_.written;
    return Status::OK();
  }

  IngestReport Elapsed() const {
    IngestReport report = report_;
    report.seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start_).count();
    return report;
  }

  GraphStore& store_;
  ArticleEnricher* enricher_;
  const IngestProgress& progress_;
  const std::chrono::steady_clock::time_point start_ = std::chrono::steady_clock::now();
  IngestReport report_;
  std::unordered_map<std::string, size_t> copies_;  // fingerprint -> copies in the input
  std::unordered_set<std::string> handled_;         // fingerprints written or skipped
};

Ingestor::Ingestor(GraphStore& store, ArticleEnricher* enricher)
    : store_(store), enricher_(enricher) {}

Result<IngestReport> Ingestor::Ingest(const std::vector<std::string>& paths,
                                      const IngestProgress& progress) {
  Result<std::vector<std::string>> files = ingest::ListNewsFiles(paths);
  if (!files.ok()) return files.status();
  Run run(store_, enricher_, progress);

  std::vector<std::optional<ingest::NewsFile>> parsed(files->size());
  uint64_t kept_bytes = 0;
  for (size_t i = 0; i < files->size(); ++i) {
    Result<ingest::NewsFile> file = ingest::ReadNewsFile((*files)[i]);
    if (!file.ok()) return file.status();
    run.Count(*file);
    if (kept_bytes + file->bytes <= kKeepParsedBytes) {
      kept_bytes += file->bytes;
      parsed[i] = std::move(*file);
    }
  }

  for (size_t i = 0; i < files->size(); ++i) {
    if (!parsed[i]) {
      Result<ingest::NewsFile> file = ingest::ReadNewsFile((*files)[i]);
      if (!file.ok()) return file.status();
      parsed[i] = std::move(*file);
    }
    STEPPE_RETURN_IF_ERROR(run.Write(*parsed[i]));
    parsed[i].reset();
  }
  return run.Finish();
}

Result<IngestReport> Ingestor::IngestParsed(const std::vector<ingest::NewsFile>& files,
                                            const IngestProgress& progress) {
  Run run(store_, enricher_, progress);
  for (const ingest::NewsFile& file : files) run.Count(file);
  for (const ingest::NewsFile& file : files) STEPPE_RETURN_IF_ERROR(run.Write(file));
  return run.Finish();
}

Node ArticleNode(NodeId id, const Article& article) {
  Node node;
  node.id = id;
  node.labels = {std::string(label::kArticle)};
  Properties& props = node.props;
  props["id"] = article.id;
  props["file"] = article.file;
  props["name"] = article.title.value_or(article.id);
  props["aliases"] = Value::List{};
  const auto set_if = [&props](const char* key, const std::optional<std::string>& value) {
    if (value) props[key] = *value;
  };
  set_if("title", article.title);
  set_if("date", article.date);
  set_if("time", article.time);
  set_if("url", article.source_url);
  set_if("outlet", article.outlet);
  set_if("first_seen", article.date);
  set_if("last_seen", article.date);
  return node;
}

}  // namespace steppe::storage
