#include "storage/ingestor.h"

#include <unordered_set>
#include <utility>

namespace steppe::storage {
namespace {

// Parsed files are kept between the checking pass and the writing pass up
// to this many bytes of input; beyond it they are read a second time.
constexpr uint64_t kKeepParsedBytes = 256ull << 20;

}  // namespace

Result<IngestInput> IngestInput::Read(const std::vector<std::string>& paths) {
  Result<std::vector<std::string>> files = ingest::ListNewsFiles(paths);
  if (!files.ok()) return files.status();
  IngestInput input;
  uint64_t kept_bytes = 0;
  for (const std::string& path : *files) {
    Result<ingest::NewsFile> file = ingest::ReadNewsFile(path);
    if (!file.ok()) return file.status();
    input.Count(*file);
    input.paths_.push_back(path);
    input.parsed_.emplace_back();
    if (kept_bytes + file->bytes <= kKeepParsedBytes) {
      kept_bytes += file->bytes;
      input.parsed_.back() = *std::move(file);
    }
  }
  return input;
}

IngestInput IngestInput::FromParsed(std::vector<ingest::NewsFile> files) {
  IngestInput input;
  for (ingest::NewsFile& file : files) {
    input.Count(file);
    input.paths_.push_back(file.path);
    input.parsed_.emplace_back(std::move(file));
  }
  return input;
}

void IngestInput::Count(const ingest::NewsFile& file) {
  ++figures_.files;
  figures_.bytes += file.bytes;
  figures_.blocks += file.blocks;
  for (size_t i = 0; i < file.articles.size(); ++i) {
    copies_[ingest::Fingerprint(file.articles[i])] += 1 + file.repeats[i];
  }
  figures_.distinct = copies_.size();
  figures_.repeated_in_input = figures_.blocks - figures_.distinct;
}

// The writing pass of one ingest: each distinct article of the input once.
class Ingestor::Run {
 public:
  Run(GraphStore& store, ArticleEnricher* enricher, const IngestInput& input,
      const IngestProgress& progress)
      : store_(store), enricher_(enricher), input_(input), progress_(progress), report_(input.figures()) {}

  Status Write(const ingest::NewsFile& file) {
    for (const Article& article : file.articles) {
      std::string fingerprint = ingest::Fingerprint(article);
      // A copy in an earlier file of this input was handled already.
      if (!handled_.insert(fingerprint).second) continue;
      STEPPE_RETURN_IF_ERROR(WriteArticle(article, fingerprint));
      if (progress_) progress_(Report());
    }
    return Status::OK();
  }

  // The figures so far, timed from the start of reading.
  IngestReport Report() const {
    IngestReport report = report_;
    report.seconds =
        std::chrono::duration<double>(std::chrono::steady_clock::now() - input_.start_).count();
    return report;
  }

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
    batch.duplicates_delta = static_cast<int64_t>(input_.copies_.at(fingerprint)) - 1;
    if (enricher_ != nullptr) {
      STEPPE_RETURN_IF_ERROR(enricher_->Enrich(store_, store_, node, article, batch));
    }
    STEPPE_RETURN_IF_ERROR(store_.Apply(batch));
    ++report_.written;
    return Status::OK();
  }

  GraphStore& store_;
  ArticleEnricher* enricher_;
  const IngestInput& input_;
  const IngestProgress& progress_;
  IngestReport report_;
  std::unordered_set<std::string> handled_;  // fingerprints written or skipped
};

Ingestor::Ingestor(GraphStore& store, ArticleEnricher* enricher)
    : store_(store), enricher_(enricher) {}

Result<IngestReport> Ingestor::Write(IngestInput input, const IngestProgress& progress) {
  Run run(store_, enricher_, input, progress);
  for (size_t i = 0; i < input.paths_.size(); ++i) {
    std::optional<ingest::NewsFile>& parsed = input.parsed_[i];
    if (!parsed) {
      Result<ingest::NewsFile> file = ingest::ReadNewsFile(input.paths_[i]);
      if (!file.ok()) return file.status();
      parsed = *std::move(file);
    }
    STEPPE_RETURN_IF_ERROR(run.Write(*parsed));
    parsed.reset();  // frees the text as soon as it is stored
  }
  return run.Report();
}

Result<IngestReport> Ingestor::Ingest(const std::vector<std::string>& paths,
                                      const IngestProgress& progress) {
  Result<IngestInput> input = IngestInput::Read(paths);
  if (!input.ok()) return input.status();
  return Write(*std::move(input), progress);
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
