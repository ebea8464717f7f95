#include "storage/rocks_store.h"

#include <rocksdb/write_batch.h>

#include <algorithm>
#include <filesystem>
#include <system_error>

#include "core/fold.h"
#include "storage/records.h"
#include "storage/rocks_internal.h"

namespace steppe::storage {
namespace {

using keys::Family;

std::string IdText(uint64_t id) { return std::to_string(id); }

rocksdb::Slice AsSlice(std::string_view s) { return rocksdb::Slice(s.data(), s.size()); }

void RaiseTo(std::atomic<uint64_t>* counter, uint64_t value) {
  uint64_t current = counter->load();
  while (current < value && !counter->compare_exchange_weak(current, value)) {
  }
}

bool FamilyByName(std::string_view name, Family* family) {
  for (int i = 0; i < keys::kFamilyCount; ++i) {
    if (keys::FamilyName(static_cast<Family>(i)) == name) {
      *family = static_cast<Family>(i);
      return true;
    }
  }
  return false;
}

// Loads the label or type dictionary stored under `prefix` in "meta".
Status LoadDictionary(const RocksStore::Impl& impl, std::string_view prefix, Dictionary* dict) {
  std::map<uint32_t, std::string> by_id;
  Status bad;
  Status s = ScanPrefix(impl.db.get(), impl.family(Family::kMeta), rocksdb::ReadOptions(), prefix,
                        [&](std::string_view key, std::string_view value) {
                          if (value.size() != 4) {
                            bad = Status::Corruption("meta " + std::string(key) + " is not a fixed32");
                            return false;
                          }
                          by_id[keys::DecodeFixed32(value.data())] = key.substr(prefix.size());
                          return true;
                        });
  STEPPE_RETURN_IF_ERROR(s);
  STEPPE_RETURN_IF_ERROR(bad);
  for (auto& [id, name] : by_id) {
    if (id != dict->size() + 1)
      return Status::Corruption("meta " + std::string(prefix) + name + ": id " + std::to_string(id) +
                                " breaks the dense numbering");
    dict->Add(std::move(name));
  }
  return Status::OK();
}

Status LoadIndexes(RocksStore::Impl* impl) {
  return ScanPrefix(impl->db.get(), impl->family(Family::kMeta), rocksdb::ReadOptions(),
                    keys::kIndexPrefix, [&](std::string_view key, std::string_view) {
                      std::string_view label, property;
                      if (keys::ParseIndexKey(key, &label, &property))
                        impl->indexes[std::string(label)].insert(std::string(property));
                      return true;
                    });
}

std::set<std::string> DistinctLabels(const Node& node) {
  return std::set<std::string>(node.labels.begin(), node.labels.end());
}

// The index entries a node owns in "labels", "names" and "props".
using Entry = std::pair<Family, std::string>;

// Builds the one WriteBatch of a Mutation: it reads the state each touched
// node and edge had before, works out the state after, and writes the
// difference -- records, index entries, counters and statistics.
class BatchBuilder {
 public:
  explicit BatchBuilder(RocksStore::Impl& impl) : impl_(impl) {}

  Status Build(const Mutation& mutation, rocksdb::WriteBatch* batch);
  // After the batch is written: new dictionary names become visible.
  void Commit();

 private:
  struct NodeChange {
    std::optional<Node> before, after;
  };
  struct EdgeChange {
    std::optional<Edge> before, after;
  };

  Result<NodeChange*> TouchNode(NodeId id);
  Result<EdgeChange*> TouchEdge(EdgeId id);
  Result<bool> NodeExistsAfter(NodeId id);
  Status CheckEdgesOfDeletedNode(NodeId id);
  Status ApplyArticles(const Mutation& mutation);
  Status ReadStoredArticle(NodeId id, std::optional<StoredArticle>* article);

  Result<uint32_t> LabelId(std::string_view name);
  Result<uint32_t> TypeId(std::string_view name);
  Result<uint32_t> InternedId(std::string_view name, const Dictionary& dict,
                              std::vector<std::string>* fresh, std::string_view what);
  Result<std::vector<Entry>> NodeEntries(const Node& node);
  Result<std::vector<Entry>> EdgeEntries(const Edge& edge);
  template <typename T, typename EntriesOf>
  Status WriteDifference(const std::optional<T>& before, const std::optional<T>& after,
                         EntriesOf entries_of);
  Status WriteNodes();
  Status WriteEdges();
  Status WriteCounters();
  Status WriteStats(const Mutation& mutation);
  Status AddToStat(std::string_view key, int64_t delta);

  void Put(Family f, std::string_view key, std::string_view value) {
    batch_->Put(impl_.family(f), AsSlice(key), AsSlice(value)).PermitUncheckedError();
  }
  void Delete(Family f, std::string_view key) {
    batch_->Delete(impl_.family(f), AsSlice(key)).PermitUncheckedError();
  }
  Status Get(Family f, std::string_view key, std::string* value, bool* found) {
    rocksdb::Status s = impl_.db->Get(rocksdb::ReadOptions(), impl_.family(f), AsSlice(key), value);
    *found = s.ok();
    return s.IsNotFound() ? Status::OK() : FromRocks(s);
  }

  RocksStore::Impl& impl_;
  rocksdb::WriteBatch* batch_ = nullptr;
  std::map<NodeId, NodeChange> nodes_;
  std::map<EdgeId, EdgeChange> edges_;
  std::vector<std::string> fresh_labels_, fresh_types_;
  int64_t articles_delta_ = 0;
  std::map<std::string, int64_t> label_delta_, type_delta_;
  int64_t nodes_delta_ = 0, edges_delta_ = 0;
};

Result<BatchBuilder::NodeChange*> BatchBuilder::TouchNode(NodeId id) {
  auto [it, fresh] = nodes_.try_emplace(id);
  if (fresh) {
    std::string record;
    bool found = false;
    STEPPE_RETURN_IF_ERROR(Get(Family::kNodes, keys::IdKey(id), &record, &found));
    if (found) {
      Node node;
      node.id = id;
      Status s = DecodeNodeRecord(record, &node);
      if (!s.ok()) return Status::Corruption("node " + IdText(id) + ": " + s.message());
      it->second.before = node;
      it->second.after = std::move(node);
    }
  }
  return &it->second;
}

Result<BatchBuilder::EdgeChange*> BatchBuilder::TouchEdge(EdgeId id) {
  auto [it, fresh] = edges_.try_emplace(id);
  if (fresh) {
    std::string record;
    bool found = false;
    STEPPE_RETURN_IF_ERROR(Get(Family::kEdges, keys::IdKey(id), &record, &found));
    if (found) {
      Edge edge;
      edge.id = id;
      uint32_t type = 0;
      Status s = DecodeEdgeRecord(record, &edge, &type);
      if (!s.ok()) return Status::Corruption("edge " + IdText(id) + ": " + s.message());
      edge.type = impl_.types.Name(type);
      it->second.before = edge;
      it->second.after = std::move(edge);
    }
  }
  return &it->second;
}

Result<bool> BatchBuilder::NodeExistsAfter(NodeId id) {
  auto it = nodes_.find(id);
  if (it != nodes_.end()) return it->second.after.has_value();
  std::string record;
  bool found = false;
  STEPPE_RETURN_IF_ERROR(Get(Family::kNodes, keys::IdKey(id), &record, &found));
  return found;
}

// A node may go only with all its edges (Mutation's contract); otherwise the
// adjacency entries would point at nothing.
Status BatchBuilder::CheckEdgesOfDeletedNode(NodeId id) {
  Status problem;
  for (Family family : {Family::kOut, Family::kIn}) {
    Status s = ScanPrefix(impl_.db.get(), impl_.family(family), rocksdb::ReadOptions(),
                          keys::AdjacencyPrefix(id, 0), [&](std::string_view key, std::string_view) {
                            keys::Adjacency entry;
                            if (!keys::ParseAdjacencyKey(key, &entry)) return true;
                            auto it = edges_.find(entry.edge);
                            bool gone = it != edges_.end() &&
                                        (!it->second.after || (it->second.after->src != id &&
                                                               it->second.after->dst != id));
                            if (!gone)
                              problem = Status::InvalidArgument(
                                  "cannot delete node " + IdText(id) + ": it still has edge " +
                                  IdText(entry.edge) + " (delete its edges too)");
                            return gone;
                          });
    STEPPE_RETURN_IF_ERROR(s);
    STEPPE_RETURN_IF_ERROR(problem);
  }
  return Status::OK();
}

Result<uint32_t> BatchBuilder::InternedId(std::string_view name, const Dictionary& dict,
                                          std::vector<std::string>* fresh, std::string_view what) {
  if (name.empty()) return Status::InvalidArgument(std::string(what) + " name is empty");
  if (uint32_t id = dict.Find(name); id != 0) return id;
  auto it = std::find(fresh->begin(), fresh->end(), name);
  if (it == fresh->end()) it = fresh->insert(fresh->end(), std::string(name));
  return dict.size() + 1 + static_cast<uint32_t>(it - fresh->begin());
}

Result<uint32_t> BatchBuilder::LabelId(std::string_view name) {
  return InternedId(name, impl_.labels, &fresh_labels_, "label");
}

Result<uint32_t> BatchBuilder::TypeId(std::string_view name) {
  return InternedId(name, impl_.types, &fresh_types_, "relationship type");
}

Result<std::vector<Entry>> BatchBuilder::NodeEntries(const Node& node) {
  std::vector<Entry> entries;
  for (const std::string& label : node.labels) {
    Result<uint32_t> label_id = LabelId(label);
    if (!label_id.ok()) return label_id.status();
    entries.emplace_back(Family::kLabels, keys::LabelKey(*label_id, node.id));
    auto indexed = impl_.indexes.find(label);
    if (indexed == impl_.indexes.end()) continue;
    for (const std::string& key : indexed->second) {
      auto prop = node.props.find(key);
      if (prop != node.props.end() && !prop->second.is_null())
        entries.emplace_back(Family::kProps, keys::PropKey(*label_id, key, prop->second, node.id));
    }
  }
  auto add_name = [&](const Value& name) {
    if (!name.is_string()) return;
    std::string folded = FoldName(name.as_string());
    if (!folded.empty()) entries.emplace_back(Family::kNames, keys::NameKey(folded, node.id));
  };
  if (auto name = node.props.find("name"); name != node.props.end()) add_name(name->second);
  if (auto aliases = node.props.find("aliases");
      aliases != node.props.end() && aliases->second.is_list())
    for (const Value& alias : aliases->second.as_list()) add_name(alias);
  std::sort(entries.begin(), entries.end());
  entries.erase(std::unique(entries.begin(), entries.end()), entries.end());
  return entries;
}

Result<std::vector<Entry>> BatchBuilder::EdgeEntries(const Edge& edge) {
  Result<uint32_t> type = TypeId(edge.type);
  if (!type.ok()) return type.status();
  return std::vector<Entry>{
      {Family::kOut, keys::AdjacencyKey({edge.src, *type, edge.dst, edge.id})},
      {Family::kIn, keys::AdjacencyKey({edge.dst, *type, edge.src, edge.id})}};
}

// Deletes the entries only `before` has and puts those only `after` has.
template <typename T, typename EntriesOf>
Status BatchBuilder::WriteDifference(const std::optional<T>& before, const std::optional<T>& after,
                                     EntriesOf entries_of) {
  std::vector<Entry> old_entries, new_entries;
  if (before) {
    auto entries = entries_of(*before);
    if (!entries.ok()) return entries.status();
    old_entries = std::move(*entries);
  }
  if (after) {
    auto entries = entries_of(*after);
    if (!entries.ok()) return entries.status();
    new_entries = std::move(*entries);
  }
  std::sort(old_entries.begin(), old_entries.end());
  std::sort(new_entries.begin(), new_entries.end());
  std::vector<Entry> gone, added;
  std::set_difference(old_entries.begin(), old_entries.end(), new_entries.begin(),
                      new_entries.end(), std::back_inserter(gone));
  std::set_difference(new_entries.begin(), new_entries.end(), old_entries.begin(),
                      old_entries.end(), std::back_inserter(added));
  for (const auto& [family, key] : gone) Delete(family, key);
  for (const auto& [family, key] : added) Put(family, key, "");
  return Status::OK();
}

Status BatchBuilder::WriteNodes() {
  for (auto& [id, change] : nodes_) {
    STEPPE_RETURN_IF_ERROR(WriteDifference(change.before, change.after,
                                           [&](const Node& n) { return NodeEntries(n); }));
    if (change.after) {
      Put(Family::kNodes, keys::IdKey(id), EncodeNodeRecord(*change.after));
      for (const std::string& label : DistinctLabels(*change.after)) ++label_delta_[label];
    } else if (change.before) {
      Delete(Family::kNodes, keys::IdKey(id));
    }
    if (change.before)
      for (const std::string& label : DistinctLabels(*change.before)) --label_delta_[label];
    nodes_delta_ += int64_t{change.after.has_value()} - int64_t{change.before.has_value()};
  }
  return Status::OK();
}

Status BatchBuilder::WriteEdges() {
  for (auto& [id, change] : edges_) {
    STEPPE_RETURN_IF_ERROR(WriteDifference(change.before, change.after,
                                           [&](const Edge& e) { return EdgeEntries(e); }));
    if (change.after) {
      Result<uint32_t> type = TypeId(change.after->type);
      if (!type.ok()) return type.status();
      Put(Family::kEdges, keys::IdKey(id), EncodeEdgeRecord(*change.after, *type));
      ++type_delta_[change.after->type];
    } else if (change.before) {
      Delete(Family::kEdges, keys::IdKey(id));
    }
    if (change.before) --type_delta_[change.before->type];
    edges_delta_ += int64_t{change.after.has_value()} - int64_t{change.before.has_value()};
  }
  return Status::OK();
}

Status BatchBuilder::ReadStoredArticle(NodeId id, std::optional<StoredArticle>* article) {
  std::string record;
  bool found = false;
  STEPPE_RETURN_IF_ERROR(Get(Family::kArticles, keys::IdKey(id), &record, &found));
  if (!found) return Status::OK();
  StoredArticle stored;
  stored.node = id;
  Status s = DecodeArticleRecord(record, &stored);
  if (!s.ok()) return Status::Corruption("article of node " + IdText(id) + ": " + s.message());
  *article = std::move(stored);
  return Status::OK();
}

Status BatchBuilder::ApplyArticles(const Mutation& mutation) {
  std::map<std::string, NodeId, std::less<>> fingerprints;  // claimed by this batch
  for (const StoredArticle& article : mutation.put_articles) {
    const std::string where = "article of node " + IdText(article.node);
    auto node = nodes_.find(article.node);
    std::optional<Node> stored_node;
    if (node == nodes_.end()) {
      Result<NodeChange*> change = TouchNode(article.node);
      if (!change.ok()) return change.status();
      stored_node = (*change)->after;
    } else {
      stored_node = node->second.after;
    }
    if (!stored_node || !stored_node->HasLabel(label::kArticle))
      return Status::InvalidArgument(where + ": the node is not an Article node");
    if (article.fingerprint.empty()) return Status::InvalidArgument(where + ": empty fingerprint");
    auto [claimed, fresh] = fingerprints.emplace(article.fingerprint, article.node);
    if (!fresh && claimed->second != article.node)
      return Status::InvalidArgument(where + ": fingerprint also given to node " +
                                     IdText(claimed->second));
    std::string owner;
    bool found = false;
    STEPPE_RETURN_IF_ERROR(Get(Family::kFingerprints, article.fingerprint, &owner, &found));
    if (found && (owner.size() != 8 || keys::DecodeFixed64(owner.data()) != article.node))
      return Status::InvalidArgument(where + ": fingerprint already stored for another article");

    std::optional<StoredArticle> before;
    STEPPE_RETURN_IF_ERROR(ReadStoredArticle(article.node, &before));
    if (before && before->fingerprint != article.fingerprint)
      Delete(Family::kFingerprints, before->fingerprint);
    if (!before) ++articles_delta_;
    Put(Family::kArticles, keys::IdKey(article.node), EncodeArticleRecord(article));
    Put(Family::kFingerprints, article.fingerprint, keys::EncodeFixed64(article.node));
  }
  // A deleted Article node takes its text and fingerprint with it.
  for (const auto& [id, change] : nodes_) {
    if (change.after || !change.before) continue;
    std::optional<StoredArticle> before;
    STEPPE_RETURN_IF_ERROR(ReadStoredArticle(id, &before));
    if (!before) continue;
    Delete(Family::kArticles, keys::IdKey(id));
    Delete(Family::kFingerprints, before->fingerprint);
    --articles_delta_;
  }
  return Status::OK();
}

Status BatchBuilder::WriteCounters() {
  uint64_t max_node = 0, max_edge = 0;
  for (const auto& [id, change] : nodes_)
    if (change.after) max_node = std::max(max_node, id + 1);
  for (const auto& [id, change] : edges_)
    if (change.after) max_edge = std::max(max_edge, id + 1);
  RaiseTo(&impl_.next_node_id, max_node);
  RaiseTo(&impl_.next_edge_id, max_edge);
  uint64_t next_node = impl_.next_node_id.load(), next_edge = impl_.next_edge_id.load();
  if (next_node != impl_.stored_next_node_id)
    Put(Family::kMeta, keys::kNextNodeIdKey, keys::EncodeFixed64(next_node));
  if (next_edge != impl_.stored_next_edge_id)
    Put(Family::kMeta, keys::kNextEdgeIdKey, keys::EncodeFixed64(next_edge));
  return Status::OK();
}

// Statistics are kept as absolute values; a figure that reaches zero is
// removed, so that Stats() lists only labels and types in use.
Status BatchBuilder::AddToStat(std::string_view key, int64_t delta) {
  if (delta == 0) return Status::OK();
  uint64_t current = 0;
  STEPPE_RETURN_IF_ERROR(
      ReadMetaCounter(impl_.db.get(), impl_.family(Family::kMeta), rocksdb::ReadOptions(), key, &current));
  int64_t updated = static_cast<int64_t>(current) + delta;
  if (updated <= 0)
    Delete(Family::kMeta, key);
  else
    Put(Family::kMeta, key, keys::EncodeFixed64(static_cast<uint64_t>(updated)));
  return Status::OK();
}

Status BatchBuilder::WriteStats(const Mutation& mutation) {
  STEPPE_RETURN_IF_ERROR(AddToStat(keys::kStatNodesKey, nodes_delta_));
  STEPPE_RETURN_IF_ERROR(AddToStat(keys::kStatEdgesKey, edges_delta_));
  STEPPE_RETURN_IF_ERROR(AddToStat(keys::kStatArticlesKey, articles_delta_));
  STEPPE_RETURN_IF_ERROR(AddToStat(keys::kStatDuplicatesKey, mutation.duplicates_delta));
  for (const auto& [label, delta] : label_delta_)
    STEPPE_RETURN_IF_ERROR(AddToStat(std::string(keys::kStatLabelPrefix) + label, delta));
  for (const auto& [type, delta] : type_delta_)
    STEPPE_RETURN_IF_ERROR(AddToStat(std::string(keys::kStatTypePrefix) + type, delta));
  return Status::OK();
}

Status BatchBuilder::Build(const Mutation& mutation, rocksdb::WriteBatch* batch) {
  batch_ = batch;
  // The state after: puts first, then deletions (Mutation's order).
  for (const Node& node : mutation.put_nodes) {
    Result<NodeChange*> change = TouchNode(node.id);
    if (!change.ok()) return change.status();
    (*change)->after = node;
  }
  for (const Edge& edge : mutation.put_edges) {
    Result<EdgeChange*> change = TouchEdge(edge.id);
    if (!change.ok()) return change.status();
    (*change)->after = edge;
  }
  for (EdgeId id : mutation.delete_edges) {
    Result<EdgeChange*> change = TouchEdge(id);
    if (!change.ok()) return change.status();
    (*change)->after.reset();
  }
  for (NodeId id : mutation.delete_nodes) {
    Result<NodeChange*> change = TouchNode(id);
    if (!change.ok()) return change.status();
    (*change)->after.reset();
  }

  // Nothing may point at a node that is not there.
  for (const auto& [id, change] : edges_) {
    if (!change.after) continue;
    for (NodeId end : {change.after->src, change.after->dst}) {
      Result<bool> exists = NodeExistsAfter(end);
      if (!exists.ok()) return exists.status();
      if (!*exists)
        return Status::InvalidArgument("edge " + IdText(id) + " (" + change.after->type +
                                       "): node " + IdText(end) + " does not exist");
    }
  }
  for (const auto& [id, change] : nodes_)
    if (change.before && !change.after) STEPPE_RETURN_IF_ERROR(CheckEdgesOfDeletedNode(id));

  STEPPE_RETURN_IF_ERROR(ApplyArticles(mutation));
  STEPPE_RETURN_IF_ERROR(WriteNodes());
  STEPPE_RETURN_IF_ERROR(WriteEdges());
  STEPPE_RETURN_IF_ERROR(WriteCounters());
  STEPPE_RETURN_IF_ERROR(WriteStats(mutation));
  // New dictionary names go in the same batch as their first use.
  uint32_t next_label = impl_.labels.size() + 1;
  for (const std::string& name : fresh_labels_)
    Put(Family::kMeta, std::string(keys::kLabelDictPrefix) + name, keys::EncodeFixed32(next_label++));
  uint32_t next_type = impl_.types.size() + 1;
  for (const std::string& name : fresh_types_)
    Put(Family::kMeta, std::string(keys::kTypeDictPrefix) + name, keys::EncodeFixed32(next_type++));
  return Status::OK();
}

void BatchBuilder::Commit() {
  for (std::string& name : fresh_labels_) impl_.labels.Add(std::move(name));
  for (std::string& name : fresh_types_) impl_.types.Add(std::move(name));
  impl_.stored_next_node_id = impl_.next_node_id.load();
  impl_.stored_next_edge_id = impl_.next_edge_id.load();
}

}  // namespace

RocksStore::RocksStore(std::unique_ptr<Impl> impl) : impl_(std::move(impl)) {}
RocksStore::~RocksStore() = default;

Result<std::unique_ptr<RocksStore>> RocksStore::Open(const std::string& path,
                                                     const RocksStoreOptions& options) {
  std::error_code error;
  std::filesystem::create_directories(path, error);
  if (error) return Status::IOError("cannot create store directory " + path + ": " + error.message());

  auto impl = std::make_unique<Impl>();
  impl->options = options;
  Status s = OpenDatabase(path, options, &impl->db, &impl->handles);
  if (!s.ok()) return s;

  rocksdb::ColumnFamilyHandle* meta = impl->family(Family::kMeta);
  uint64_t version = 0;
  STEPPE_RETURN_IF_ERROR(
      ReadMetaCounter(impl->db.get(), meta, rocksdb::ReadOptions(), keys::kFormatVersionKey, &version));
  if (version == 0) {
    STEPPE_RETURN_IF_ERROR(FromRocks(impl->db->Put(rocksdb::WriteOptions(), meta,
                                                   AsSlice(keys::kFormatVersionKey),
                                                   keys::EncodeFixed64(keys::kFormatVersion))));
  } else if (version != keys::kFormatVersion) {
    return Status::Corruption("store " + path + " has format version " + std::to_string(version) +
                              "; this build reads version " + std::to_string(keys::kFormatVersion));
  }
  STEPPE_RETURN_IF_ERROR(LoadDictionary(*impl, keys::kLabelDictPrefix, &impl->labels));
  STEPPE_RETURN_IF_ERROR(LoadDictionary(*impl, keys::kTypeDictPrefix, &impl->types));
  STEPPE_RETURN_IF_ERROR(LoadIndexes(impl.get()));
  STEPPE_RETURN_IF_ERROR(ReadMetaCounter(impl->db.get(), meta, rocksdb::ReadOptions(),
                                         keys::kNextNodeIdKey, &impl->stored_next_node_id));
  STEPPE_RETURN_IF_ERROR(ReadMetaCounter(impl->db.get(), meta, rocksdb::ReadOptions(),
                                         keys::kNextEdgeIdKey, &impl->stored_next_edge_id));
  impl->next_node_id = std::max<uint64_t>(impl->stored_next_node_id, 1);
  impl->next_edge_id = std::max<uint64_t>(impl->stored_next_edge_id, 1);
  impl->latest = NewRocksReader(*impl, nullptr);
  return std::unique_ptr<RocksStore>(new RocksStore(std::move(impl)));
}

Result<Node> RocksStore::GetNode(NodeId id) const { return impl_->latest->GetNode(id); }
Result<Edge> RocksStore::GetEdge(EdgeId id) const { return impl_->latest->GetEdge(id); }
Status RocksStore::ScanNodes(const NodeVisitor& visit) const {
  return impl_->latest->ScanNodes(visit);
}
Status RocksStore::ScanEdges(const EdgeVisitor& visit) const {
  return impl_->latest->ScanEdges(visit);
}

Status RocksStore::ScanEdgeRange(EdgeId first, EdgeId last, const EdgeVisitor& visit) const {
  return impl_->latest->ScanEdgeRange(first, last, visit);
}
Status RocksStore::ScanLabel(std::string_view label, const NodeVisitor& visit) const {
  return impl_->latest->ScanLabel(label, visit);
}
Status RocksStore::ScanOut(NodeId id, std::optional<std::string_view> type,
                           const EdgeVisitor& visit) const {
  return impl_->latest->ScanOut(id, type, visit);
}
Status RocksStore::ScanIn(NodeId id, std::optional<std::string_view> type,
                          const EdgeVisitor& visit) const {
  return impl_->latest->ScanIn(id, type, visit);
}
Status RocksStore::FindByName(std::string_view name, const NodeVisitor& visit) const {
  return impl_->latest->FindByName(name, visit);
}
Status RocksStore::FindByProperty(std::string_view label, std::string_view key, const Value& value,
                                  const NodeVisitor& visit) const {
  return impl_->latest->FindByProperty(label, key, value, visit);
}
Result<StoredArticle> RocksStore::GetArticle(NodeId id) const {
  return impl_->latest->GetArticle(id);
}
Result<NodeId> RocksStore::FindFingerprint(std::string_view fingerprint) const {
  return impl_->latest->FindFingerprint(fingerprint);
}
Status RocksStore::ScanArticles(const ArticleVisitor& visit) const {
  return impl_->latest->ScanArticles(visit);
}
Result<GraphStats> RocksStore::Stats() const { return impl_->latest->Stats(); }
uint64_t RocksStore::Version() const { return impl_->latest->Version(); }

std::unique_ptr<GraphReader> RocksStore::Snapshot() const {
  return NewRocksReader(*impl_, impl_->db->GetSnapshot());
}

NodeId RocksStore::AllocateNodeId() { return impl_->next_node_id.fetch_add(1); }
EdgeId RocksStore::AllocateEdgeId() { return impl_->next_edge_id.fetch_add(1); }

Status RocksStore::Apply(const Mutation& mutation) {
  if (mutation.empty()) return Status::OK();
  rocksdb::WriteBatch batch;
  BatchBuilder builder(*impl_);
  STEPPE_RETURN_IF_ERROR(builder.Build(mutation, &batch));
  rocksdb::WriteOptions write;
  write.sync = impl_->options.sync_writes;
  STEPPE_RETURN_IF_ERROR(FromRocks(impl_->db->Write(write, &batch)));
  builder.Commit();
  return Status::OK();
}

Status RocksStore::CreateIndex(std::string_view label, std::string_view key) {
  if (label.empty() || key.empty() || label.find('\0') != std::string_view::npos ||
      key.find('\0') != std::string_view::npos)
    return Status::InvalidArgument("index on :" + std::string(label) + "(" + std::string(key) +
                                   "): label and key must be non-empty and hold no NUL byte");
  auto indexed = impl_->indexes.find(label);
  if (indexed != impl_->indexes.end() && indexed->second.count(std::string(key))) return Status::OK();

  rocksdb::WriteBatch batch;
  batch.Put(impl_->family(Family::kMeta), keys::IndexKey(label, key), "").PermitUncheckedError();
  // Fill the index from the nodes already stored under the label.
  if (uint32_t label_id = impl_->labels.Find(label); label_id != 0) {
    Status bad;
    Status s = ScanLabel(label, [&](NodeId id) {
      Result<Node> node = GetNode(id);
      if (!node.ok()) {
        bad = node.status();
        return false;
      }
      auto prop = node->props.find(std::string(key));
      if (prop != node->props.end() && !prop->second.is_null())
        batch.Put(impl_->family(Family::kProps), keys::PropKey(label_id, key, prop->second, id), "")
            .PermitUncheckedError();
      return true;
    });
    STEPPE_RETURN_IF_ERROR(s);
    STEPPE_RETURN_IF_ERROR(bad);
  }
  rocksdb::WriteOptions write;
  write.sync = impl_->options.sync_writes;
  STEPPE_RETURN_IF_ERROR(FromRocks(impl_->db->Write(write, &batch)));
  impl_->indexes[std::string(label)].insert(std::string(key));
  return Status::OK();
}

Status RocksStore::DeleteRawKeyForTest(std::string_view family, std::string_view key) {
  Family f;
  if (!FamilyByName(family, &f)) return Status::InvalidArgument("no column family " + std::string(family));
  return FromRocks(impl_->db->Delete(rocksdb::WriteOptions(), impl_->family(f), AsSlice(key)));
}

Status RocksStore::PutRawKeyForTest(std::string_view family, std::string_view key,
                                    std::string_view value) {
  Family f;
  if (!FamilyByName(family, &f)) return Status::InvalidArgument("no column family " + std::string(family));
  return FromRocks(
      impl_->db->Put(rocksdb::WriteOptions(), impl_->family(f), AsSlice(key), AsSlice(value)));
}

}  // namespace steppe::storage
