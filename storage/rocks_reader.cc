// RocksStore's reads, on the latest state or on a pinned rocksdb::Snapshot.

#include "core/fold.h"
#include "storage/records.h"
#include "storage/rocks_internal.h"

namespace steppe::storage {
namespace {

using keys::Family;

std::string IdText(uint64_t id) { return std::to_string(id); }

class RocksReader : public GraphReader {
 public:
  RocksReader(const RocksStore::Impl& impl, const rocksdb::Snapshot* snapshot)
      : impl_(impl), db_(impl.db.get()), snapshot_(snapshot) {
    read_.snapshot = snapshot;
  }
  ~RocksReader() override {
    if (snapshot_ != nullptr) db_->ReleaseSnapshot(snapshot_);
  }

  Result<Node> GetNode(NodeId id) const override {
    std::string record;
    STEPPE_RETURN_IF_ERROR(Get(Family::kNodes, keys::IdKey(id), "node " + IdText(id), &record));
    Node node;
    node.id = id;
    Status s = DecodeNodeRecord(record, &node);
    if (!s.ok()) return Status::Corruption("node " + IdText(id) + ": " + s.message());
    return node;
  }

  Result<Edge> GetEdge(EdgeId id) const override {
    std::string record;
    STEPPE_RETURN_IF_ERROR(Get(Family::kEdges, keys::IdKey(id), "edge " + IdText(id), &record));
    Edge edge;
    edge.id = id;
    uint32_t type = 0;
    Status s = DecodeEdgeRecord(record, &edge, &type);
    if (s.ok() && impl_.types.Name(type).empty())
      s = Status::Corruption("type id " + std::to_string(type) + " is not in the dictionary");
    if (!s.ok()) return Status::Corruption("edge " + IdText(id) + ": " + s.message());
    edge.type = impl_.types.Name(type);
    return edge;
  }

  Status ScanNodes(const NodeVisitor& visit) const override {
    return Scan(Family::kNodes, "", [&](std::string_view key, std::string_view) {
      return key.size() != 8 || visit(keys::DecodeFixed64(key.data()));
    });
  }

  Status ScanEdges(const EdgeVisitor& visit) const override {
    return ScanEdgeRange(0, UINT64_MAX, visit);
  }

  // A bounded scan of the "edges" family: projection builds read halves of
  // it at once.
  Status ScanEdgeRange(EdgeId first, EdgeId last, const EdgeVisitor& visit) const override {
    if (first >= last) return Status::OK();
    std::string lower = keys::IdKey(first), upper = keys::IdKey(last);
    rocksdb::Slice upper_slice(upper);
    rocksdb::ReadOptions read = read_;
    read.fill_cache = false;  // a whole-family pass would only evict what point reads use
    if (last != UINT64_MAX) read.iterate_upper_bound = &upper_slice;
    std::unique_ptr<rocksdb::Iterator> it(db_->NewIterator(read, impl_.family(Family::kEdges)));
    EdgeRef ref;
    uint32_t named_type = 0;  // the type ref.type names; runs of one type are common
    for (it->Seek(lower); it->Valid(); it->Next()) {
      rocksdb::Slice key = it->key(), value = it->value();
      uint32_t type = 0;
      if (key.size() != 8) continue;
      ref.edge = keys::DecodeFixed64(key.data());
      STEPPE_RETURN_IF_ERROR(
          DecodeEdgeHead(std::string_view(value.data(), value.size()), &ref.src, &ref.dst, &type));
      if (type != named_type) {
        ref.type = impl_.types.Name(type);
        named_type = type;
      }
      if (!visit(ref)) break;
    }
    return FromRocks(it->status());
  }

  Status ScanLabel(std::string_view label, const NodeVisitor& visit) const override {
    uint32_t id = impl_.labels.Find(label);
    if (id == 0) return Status::OK();
    return Scan(Family::kLabels, keys::EncodeFixed32(id), [&](std::string_view key, std::string_view) {
      return key.size() != keys::kLabelKeySize || visit(keys::DecodeFixed64(key.data() + 4));
    });
  }

  Status ScanOut(NodeId id, std::optional<std::string_view> type,
                 const EdgeVisitor& visit) const override {
    return ScanAdjacency(Family::kOut, id, type, visit);
  }

  Status ScanIn(NodeId id, std::optional<std::string_view> type,
                const EdgeVisitor& visit) const override {
    return ScanAdjacency(Family::kIn, id, type, visit);
  }

  Status FindByName(std::string_view name, const NodeVisitor& visit) const override {
    std::string folded = FoldName(name);
    if (folded.empty()) return Status::OK();
    return Scan(Family::kNames, keys::NamePrefix(folded), [&](std::string_view key, std::string_view) {
      return key.size() < 8 || visit(keys::DecodeFixed64(key.data() + key.size() - 8));
    });
  }

  Status FindByProperty(std::string_view label, std::string_view key, const Value& value,
                        const NodeVisitor& visit) const override {
    std::string marker;
    Status indexed = Get(Family::kMeta, keys::IndexKey(label, key), "", &marker);
    if (indexed.IsNotFound())
      return Status::NotFound("no index on :" + std::string(label) + "(" + std::string(key) + ")");
    STEPPE_RETURN_IF_ERROR(indexed);
    uint32_t label_id = impl_.labels.Find(label);
    if (label_id == 0 || value.is_null()) return Status::OK();
    return Scan(Family::kProps, keys::PropPrefix(label_id, key, value),
                [&](std::string_view k, std::string_view) {
                  return k.size() < 8 || visit(keys::DecodeFixed64(k.data() + k.size() - 8));
                });
  }

  Result<StoredArticle> GetArticle(NodeId id) const override {
    std::string record;
    STEPPE_RETURN_IF_ERROR(
        Get(Family::kArticles, keys::IdKey(id), "article of node " + IdText(id), &record));
    StoredArticle article;
    article.node = id;
    Status s = DecodeArticleRecord(record, &article);
    if (!s.ok()) return Status::Corruption("article of node " + IdText(id) + ": " + s.message());
    return article;
  }

  Result<NodeId> FindFingerprint(std::string_view fingerprint) const override {
    std::string value;
    STEPPE_RETURN_IF_ERROR(
        Get(Family::kFingerprints, fingerprint, "fingerprint " + std::string(fingerprint), &value));
    if (value.size() != 8) return Status::Corruption("fingerprint entry is not a node id");
    return keys::DecodeFixed64(value.data());
  }

  Status ScanArticles(const ArticleVisitor& visit) const override {
    Status bad;
    Status s = Scan(Family::kArticles, "", [&](std::string_view key, std::string_view value) {
      if (key.size() != 8) return true;
      StoredArticle article;
      article.node = keys::DecodeFixed64(key.data());
      bad = DecodeArticleRecord(value, &article);
      if (!bad.ok()) {
        bad = Status::Corruption("article of node " + IdText(article.node) + ": " + bad.message());
        return false;
      }
      return visit(article);
    });
    return s.ok() ? bad : s;
  }

  Result<GraphStats> Stats() const override {
    GraphStats stats;
    Status bad;
    Status s = Scan(Family::kMeta, "stat/", [&](std::string_view key, std::string_view value) {
      if (value.size() != 8) {
        bad = Status::Corruption("meta " + std::string(key) + " is not a fixed64");
        return false;
      }
      uint64_t n = keys::DecodeFixed64(value.data());
      if (key == keys::kStatNodesKey) stats.nodes = n;
      else if (key == keys::kStatEdgesKey) stats.edges = n;
      else if (key == keys::kStatArticlesKey) stats.articles = n;
      else if (key == keys::kStatDuplicatesKey) stats.duplicates = n;
      else if (key.starts_with(keys::kStatLabelPrefix))
        stats.per_label[std::string(key.substr(keys::kStatLabelPrefix.size()))] = n;
      else if (key.starts_with(keys::kStatTypePrefix))
        stats.per_type[std::string(key.substr(keys::kStatTypePrefix.size()))] = n;
      return true;
    });
    STEPPE_RETURN_IF_ERROR(s);
    STEPPE_RETURN_IF_ERROR(bad);
    return stats;
  }

  uint64_t Version() const override {
    return snapshot_ != nullptr ? snapshot_->GetSequenceNumber() : db_->GetLatestSequenceNumber();
  }

 private:
  // NotFound names `what`; other errors come from RocksDB.
  Status Get(Family family, std::string_view key, const std::string& what, std::string* value) const {
    rocksdb::Status s =
        db_->Get(read_, impl_.family(family), rocksdb::Slice(key.data(), key.size()), value);
    if (s.IsNotFound()) return Status::NotFound(what.empty() ? "not found" : what + " not found");
    return FromRocks(s);
  }

  template <typename Visit>
  Status Scan(Family family, std::string_view prefix, Visit&& visit) const {
    return ScanPrefix(db_, impl_.family(family), read_, prefix, std::forward<Visit>(visit));
  }

  // The hot path of graph queries: keys only, no record decoded, and the
  // type's name looked up once per run of equal types.
  Status ScanAdjacency(Family family, NodeId id, std::optional<std::string_view> type,
                       const EdgeVisitor& visit) const {
    uint32_t type_id = 0;
    if (type) {
      type_id = impl_.types.Find(*type);
      if (type_id == 0) return Status::OK();
    }
    const bool out = family == Family::kOut;
    uint32_t named_type = 0;
    EdgeRef ref;
    return Scan(family, keys::AdjacencyPrefix(id, type_id),
                [&](std::string_view key, std::string_view) {
                  keys::Adjacency entry;
                  if (!keys::ParseAdjacencyKey(key, &entry)) return true;
                  if (entry.type != named_type || ref.type.empty()) {
                    named_type = entry.type;
                    ref.type = impl_.types.Name(entry.type);
                  }
                  ref.edge = entry.edge;
                  ref.src = out ? entry.node : entry.other;
                  ref.dst = out ? entry.other : entry.node;
                  return visit(ref);
                });
  }

  const RocksStore::Impl& impl_;
  rocksdb::DB* db_;
  const rocksdb::Snapshot* snapshot_;
  rocksdb::ReadOptions read_;
};

}  // namespace

std::unique_ptr<GraphReader> NewRocksReader(const RocksStore::Impl& impl,
                                            const rocksdb::Snapshot* snapshot) {
  return std::make_unique<RocksReader>(impl, snapshot);
}

}  // namespace steppe::storage
