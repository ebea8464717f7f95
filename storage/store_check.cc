// RocksStore::Check(): walks every column family on one snapshot and
// cross-checks records, index entries, counters and statistics. Index
// families are checked by building the entries the records imply, sorting
// them, and merging them with what the family holds: a missing entry and a
// stray one are both found without a point lookup per entry.

#include <algorithm>
#include <array>
#include <cstring>
#include <set>

#include "core/fold.h"
#include "storage/records.h"
#include "storage/rocks_internal.h"

namespace steppe::storage {
namespace {

using keys::Family;
using AdjacencyKeyBytes = std::array<char, keys::kAdjacencyKeySize>;

std::string Hex(std::string_view bytes) {
  static const char* kDigits = "0123456789abcdef";
  std::string out;
  for (unsigned char c : bytes) {
    out.push_back(kDigits[c >> 4]);
    out.push_back(kDigits[c & 15]);
  }
  return out;
}

class StoreChecker {
 public:
  explicit StoreChecker(const RocksStore::Impl& impl) : impl_(impl), db_(impl.db.get()) {
    snapshot_ = db_->GetSnapshot();
    read_.snapshot = snapshot_;
    read_.fill_cache = false;  // one pass over everything would evict the hot blocks
  }
  ~StoreChecker() { db_->ReleaseSnapshot(snapshot_); }

  Result<CheckReport> Run() {
    STEPPE_RETURN_IF_ERROR(LoadMeta());
    STEPPE_RETURN_IF_ERROR(CheckNodes());
    STEPPE_RETURN_IF_ERROR(CompareFamily(Family::kLabels, &expected_labels_));
    STEPPE_RETURN_IF_ERROR(CompareFamily(Family::kNames, &expected_names_));
    STEPPE_RETURN_IF_ERROR(CompareFamily(Family::kProps, &expected_props_));
    STEPPE_RETURN_IF_ERROR(CheckEdges(Family::kOut));
    STEPPE_RETURN_IF_ERROR(CheckEdges(Family::kIn));
    STEPPE_RETURN_IF_ERROR(CheckArticles());
    CheckCountersAndStats();
    return std::move(report_);
  }

 private:
  void Problem(std::string text) {
    if (report_.problems.size() < CheckReport::kMaxProblems)
      report_.problems.push_back(std::move(text));
    else
      ++report_.more_problems;
  }

  // Visits every key of `family` under `prefix`, counting it in the report
  // unless `counted` is false (a second walk over the same entries).
  template <typename Visit>
  Status Walk(Family family, std::string_view prefix, Visit&& visit, bool counted = true) {
    uint64_t& count = report_.entries[std::string(keys::FamilyName(family))];
    return ScanPrefix(db_, impl_.family(family), read_, prefix,
                      [&](std::string_view key, std::string_view value) {
                        count += counted;
                        visit(key, value);
                        return true;
                      });
  }

  // A key as a person reads it: "out 1/HOLDS_ROLE/2/7", "names \"erlan\"/1".
  std::string Describe(Family family, std::string_view key) const {
    std::string out(keys::FamilyName(family));
    out += ' ';
    keys::Adjacency adjacency;
    uint32_t label = 0;
    NodeId node = 0;
    std::string_view folded;
    keys::PropEntry prop;
    switch (family) {
      case Family::kNodes:
      case Family::kEdges:
      case Family::kArticles:
        if (key.size() == 8) return out + std::to_string(keys::DecodeFixed64(key.data()));
        break;
      case Family::kOut:
      case Family::kIn:
        if (keys::ParseAdjacencyKey(key, &adjacency))
          return out + std::to_string(adjacency.node) + "/" + TypeName(adjacency.type) + "/" +
                 std::to_string(adjacency.other) + "/" + std::to_string(adjacency.edge);
        break;
      case Family::kLabels:
        if (keys::ParseLabelKey(key, &label, &node))
          return out + LabelName(label) + "/" + std::to_string(node);
        break;
      case Family::kNames:
        if (keys::ParseNameKey(key, &folded, &node))
          return out + "\"" + std::string(folded) + "\"/" + std::to_string(node);
        break;
      case Family::kProps:
        if (keys::ParsePropKey(key, &prop))
          return out + LabelName(prop.label) + "." + std::string(prop.key) + "/" +
                 Hex(prop.ordered_value) + "/" + std::to_string(prop.node);
        break;
      case Family::kMeta:
      case Family::kFingerprints:
        return out + "\"" + std::string(key) + "\"";
    }
    return out + "0x" + Hex(key);
  }

  std::string LabelName(uint32_t id) const {
    auto it = label_names_.find(id);
    return it == label_names_.end() ? "label#" + std::to_string(id) : it->second;
  }
  std::string TypeName(uint32_t id) const {
    auto it = type_names_.find(id);
    return it == type_names_.end() ? "type#" + std::to_string(id) : it->second;
  }

  Status LoadDictionary(std::string_view prefix, std::map<uint32_t, std::string>* names,
                        std::map<std::string, uint32_t, std::less<>>* ids) {
    return Walk(Family::kMeta, prefix, [&](std::string_view key, std::string_view value) {
      std::string name(key.substr(prefix.size()));
      if (value.size() != 4) return Problem(Describe(Family::kMeta, key) + ": not a fixed32 id");
      uint32_t id = keys::DecodeFixed32(value.data());
      if (!names->emplace(id, name).second)
        Problem(Describe(Family::kMeta, key) + ": id " + std::to_string(id) + " is used twice");
      (*ids)[name] = id;
    });
  }

  Status LoadMeta() {
    STEPPE_RETURN_IF_ERROR(LoadDictionary(keys::kLabelDictPrefix, &label_names_, &label_ids_));
    STEPPE_RETURN_IF_ERROR(LoadDictionary(keys::kTypeDictPrefix, &type_names_, &type_ids_));
    STEPPE_RETURN_IF_ERROR(
        Walk(Family::kMeta, keys::kIndexPrefix, [&](std::string_view key, std::string_view) {
          std::string_view label, property;
          if (keys::ParseIndexKey(key, &label, &property))
            indexes_[std::string(label)].insert(std::string(property));
        }));
    return Walk(Family::kMeta, "stat/", [&](std::string_view key, std::string_view value) {
      if (value.size() != 8) return Problem(Describe(Family::kMeta, key) + ": not a fixed64");
      stored_stats_[std::string(key)] = keys::DecodeFixed64(value.data());
    });
  }

  // The entries a node's record implies in "labels", "names" and "props".
  void ExpectNodeEntries(NodeId id, const Node& node) {
    for (const std::string& label : std::set<std::string>(node.labels.begin(), node.labels.end())) {
      ++recount_[std::string(keys::kStatLabelPrefix) + label];
      auto label_id = label_ids_.find(label);
      if (label_id == label_ids_.end()) {
        Problem("nodes " + std::to_string(id) + ": label " + label + " is not in the dictionary");
        continue;
      }
      expected_labels_.push_back(keys::LabelKey(label_id->second, id));
      auto indexed = indexes_.find(label);
      if (indexed == indexes_.end()) continue;
      for (const std::string& key : indexed->second) {
        auto prop = node.props.find(key);
        if (prop != node.props.end() && !prop->second.is_null())
          expected_props_.push_back(keys::PropKey(label_id->second, key, prop->second, id));
      }
    }
    auto add_name = [&](const Value& name) {
      if (!name.is_string()) return;
      std::string folded = FoldName(name.as_string());
      if (!folded.empty()) expected_names_.push_back(keys::NameKey(folded, id));
    };
    if (auto name = node.props.find("name"); name != node.props.end()) add_name(name->second);
    if (auto aliases = node.props.find("aliases");
        aliases != node.props.end() && aliases->second.is_list())
      for (const Value& alias : aliases->second.as_list()) add_name(alias);
  }

  Status CheckNodes() {
    return Walk(Family::kNodes, "", [&](std::string_view key, std::string_view value) {
      if (key.size() != 8) return Problem(Describe(Family::kNodes, key) + ": key is not a node id");
      NodeId id = keys::DecodeFixed64(key.data());
      node_ids_.push_back(id);
      Node node;
      node.id = id;
      Status s = DecodeNodeRecord(value, &node);
      if (!s.ok()) return Problem(Describe(Family::kNodes, key) + ": " + s.message());
      if (node.HasLabel(label::kArticle)) article_nodes_.push_back(id);
      ExpectNodeEntries(id, node);
    });
  }

  // Merges the sorted expected entries with the family's keys.
  Status CompareFamily(Family family, std::vector<std::string>* expected) {
    std::sort(expected->begin(), expected->end());
    expected->erase(std::unique(expected->begin(), expected->end()), expected->end());
    auto next = expected->begin();
    STEPPE_RETURN_IF_ERROR(Walk(family, "", [&](std::string_view key, std::string_view) {
      while (next != expected->end() && std::string_view(*next) < key) {
        Problem(Describe(family, *next) + ": missing, though its node's record implies it");
        ++next;
      }
      if (next != expected->end() && std::string_view(*next) == key)
        ++next;
      else
        Problem(Describe(family, key) + ": no node record agrees with this entry");
    }));
    for (; next != expected->end(); ++next)
      Problem(Describe(family, *next) + ": missing, though its node's record implies it");
    expected->clear();
    expected->shrink_to_fit();
    return Status::OK();
  }

  bool NodeExists(NodeId id) const {
    return std::binary_search(node_ids_.begin(), node_ids_.end(), id);
  }

  // Walks the edge records (counting them once, on the first call) and
  // merges the adjacency entries they imply with `family`.
  Status CheckEdges(Family family) {
    const bool out = family == Family::kOut;
    std::vector<AdjacencyKeyBytes> expected;
    STEPPE_RETURN_IF_ERROR(Walk(Family::kEdges, "", [&](std::string_view key, std::string_view value) {
      if (key.size() != 8) return Problem(Describe(Family::kEdges, key) + ": key is not an edge id");
      EdgeId id = keys::DecodeFixed64(key.data());
      NodeId src = 0, dst = 0;
      uint32_t type = 0;
      Status s = DecodeEdgeHead(value, &src, &dst, &type);
      if (!s.ok()) return Problem(Describe(Family::kEdges, key) + ": " + s.message());
      if (out) {
        max_edge_ = std::max(max_edge_, id);
        ++edge_count_;
        Edge edge;
        if (Status props = DecodeEdgeRecord(value, &edge, &type); !props.ok())
          Problem(Describe(Family::kEdges, key) + ": " + props.message());
        if (!type_names_.count(type))
          Problem(Describe(Family::kEdges, key) + ": type id " + std::to_string(type) +
                  " is not in the dictionary");
        else
          ++recount_[std::string(keys::kStatTypePrefix) + type_names_[type]];
        for (NodeId end : {src, dst})
          if (!NodeExists(end))
            Problem(Describe(Family::kEdges, key) + ": node " + std::to_string(end) +
                    " does not exist");
      }
      std::string entry = out ? keys::AdjacencyKey({src, type, dst, id})
                              : keys::AdjacencyKey({dst, type, src, id});
      AdjacencyKeyBytes bytes;
      std::memcpy(bytes.data(), entry.data(), bytes.size());
      expected.push_back(bytes);
    }, /*counted=*/out));
    // Bytewise order, as RocksDB's; std::array's own order compares signed chars.
    auto view = [](const AdjacencyKeyBytes& b) { return std::string_view(b.data(), b.size()); };
    std::sort(expected.begin(), expected.end(),
              [&](const AdjacencyKeyBytes& a, const AdjacencyKeyBytes& b) { return view(a) < view(b); });
    auto next = expected.begin();
    STEPPE_RETURN_IF_ERROR(Walk(family, "", [&](std::string_view key, std::string_view) {
      while (next != expected.end() && view(*next) < key) {
        Problem(Describe(family, view(*next)) + ": missing, though its edge's record implies it");
        ++next;
      }
      if (next != expected.end() && view(*next) == key)
        ++next;
      else
        Problem(Describe(family, key) + ": no edge record agrees with this entry");
    }));
    for (; next != expected.end(); ++next)
      Problem(Describe(family, view(*next)) + ": missing, though its edge's record implies it");
    return Status::OK();
  }

  Status CheckArticles() {
    std::vector<std::pair<std::string, NodeId>> expected;  // fingerprint -> node
    std::vector<NodeId> stored;                              // in id order
    STEPPE_RETURN_IF_ERROR(Walk(Family::kArticles, "", [&](std::string_view key, std::string_view value) {
      if (key.size() != 8) return Problem(Describe(Family::kArticles, key) + ": key is not a node id");
      StoredArticle article;
      article.node = keys::DecodeFixed64(key.data());
      stored.push_back(article.node);
      ++article_count_;
      Status s = DecodeArticleRecord(value, &article);
      if (!s.ok()) return Problem(Describe(Family::kArticles, key) + ": " + s.message());
      if (!std::binary_search(article_nodes_.begin(), article_nodes_.end(), article.node))
        Problem(Describe(Family::kArticles, key) + ": node " + std::to_string(article.node) +
                " is not an Article node");
      expected.emplace_back(article.fingerprint, article.node);
    }));
    std::vector<NodeId> without_text;
    std::set_difference(article_nodes_.begin(), article_nodes_.end(), stored.begin(), stored.end(),
                        std::back_inserter(without_text));
    for (NodeId id : without_text)
      Problem("nodes " + std::to_string(id) + ": an Article node without a stored article");
    std::sort(expected.begin(), expected.end());
    auto next = expected.begin();
    auto missing = [&](const std::pair<std::string, NodeId>& e) {
      Problem(Describe(Family::kFingerprints, e.first) + ": missing for the article of node " +
              std::to_string(e.second));
    };
    STEPPE_RETURN_IF_ERROR(Walk(Family::kFingerprints, "", [&](std::string_view key, std::string_view value) {
      while (next != expected.end() && std::string_view(next->first) < key) missing(*next++);
      if (next == expected.end() || std::string_view(next->first) != key)
        return Problem(Describe(Family::kFingerprints, key) + ": no stored article has it");
      if (value.size() != 8 || keys::DecodeFixed64(value.data()) != next->second)
        Problem(Describe(Family::kFingerprints, key) + ": does not point at node " +
                std::to_string(next->second));
      ++next;
    }));
    while (next != expected.end()) missing(*next++);
    return Status::OK();
  }

  Status ReadCounter(std::string_view key, uint64_t* value) {
    return ReadMetaCounter(db_, impl_.family(Family::kMeta), read_, key, value);
  }

  void CheckCounter(std::string_view key, uint64_t count, uint64_t max_id) {
    uint64_t next = 0;
    Status s = ReadCounter(key, &next);
    if (!s.ok()) return Problem("meta \"" + std::string(key) + "\": " + s.message());
    if (count > 0 && next <= max_id)
      Problem("meta \"" + std::string(key) + "\": " + std::to_string(next) +
              " is not above the largest id " + std::to_string(max_id));
  }

  void CheckCountersAndStats() {
    NodeId max_node = node_ids_.empty() ? 0 : node_ids_.back();
    CheckCounter(keys::kNextNodeIdKey, node_ids_.size(), max_node);
    CheckCounter(keys::kNextEdgeIdKey, edge_count_, max_edge_);

    recount_[std::string(keys::kStatNodesKey)] = node_ids_.size();
    recount_[std::string(keys::kStatEdgesKey)] = edge_count_;
    recount_[std::string(keys::kStatArticlesKey)] = article_count_;
    // Duplicates cannot be recounted: they are the copies not stored.
    if (auto d = stored_stats_.find(std::string(keys::kStatDuplicatesKey)); d != stored_stats_.end())
      recount_[d->first] = d->second;
    std::set<std::string> all_keys;
    for (const auto& [key, n] : recount_) all_keys.insert(key);
    for (const auto& [key, n] : stored_stats_) all_keys.insert(key);
    for (const std::string& key : all_keys) {
      uint64_t stored = stored_stats_.count(key) ? stored_stats_[key] : 0;
      uint64_t counted = recount_.count(key) ? recount_[key] : 0;
      if (stored != counted)
        Problem("meta \"" + key + "\": holds " + std::to_string(stored) + ", the records count " +
                std::to_string(counted));
    }
  }

  const RocksStore::Impl& impl_;
  rocksdb::DB* db_;
  const rocksdb::Snapshot* snapshot_ = nullptr;
  rocksdb::ReadOptions read_;
  CheckReport report_;

  std::map<uint32_t, std::string> label_names_, type_names_;
  std::map<std::string, uint32_t, std::less<>> label_ids_, type_ids_;
  std::map<std::string, std::set<std::string>, std::less<>> indexes_;
  std::map<std::string, uint64_t> stored_stats_, recount_;

  std::vector<NodeId> node_ids_;       // in id order, as the walk reads them
  std::vector<NodeId> article_nodes_;  // nodes labelled Article, in id order
  std::vector<std::string> expected_labels_, expected_names_, expected_props_;
  EdgeId max_edge_ = 0;
  uint64_t edge_count_ = 0;
  uint64_t article_count_ = 0;
};

}  // namespace

Result<CheckReport> RocksStore::Check() const { return StoreChecker(*impl_).Run(); }

}  // namespace steppe::storage
