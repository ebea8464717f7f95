#include "storage/bulk_writer.h"

#include <rocksdb/sst_file_writer.h>

#include <algorithm>
#include <condition_variable>
#include <deque>
#include <filesystem>
#include <map>
#include <optional>
#include <set>
#include <thread>

#include "core/fold.h"
#include "storage/records.h"
#include "storage/rocks_internal.h"

namespace steppe::storage {
namespace {

using keys::Family;

rocksdb::Slice AsSlice(std::string_view s) { return rocksdb::Slice(s.data(), s.size()); }

// keys.h's fixed-width integers, written into a key being assembled in place.
void PutBigEndian64(char* p, uint64_t v) {
  for (int i = 7; i >= 0; --i, v >>= 8) p[i] = static_cast<char>(v & 0xff);
}
void PutBigEndian32(char* p, uint32_t v) {
  for (int i = 3; i >= 0; --i, v >>= 8) p[i] = static_cast<char>(v & 0xff);
}

// An edge's ends, kept until Finish() writes the adjacency families.
struct EdgeEnds {
  NodeId src;
  NodeId dst;
  EdgeId edge;
  uint32_t type;
};

// One "out" or "in" entry of a node; sorts as its key does after the node.
struct AdjacencyEntry {
  uint32_t type;
  NodeId other;
  EdgeId edge;

  bool operator<(const AdjacencyEntry& o) const {
    if (type != o.type) return type < o.type;
    if (other != o.other) return other < o.other;
    return edge < o.edge;
  }
};

// A node waiting for Finish(): where its record lies in the record buffer.
struct PendingNode {
  NodeId id;
  uint64_t offset;
  uint32_t size;
};

// A name or alias of the node pending at index `node`, folded in Finish().
struct PendingName {
  uint32_t node;
  uint64_t offset;
  uint32_t size;
};

// Many short byte strings in one buffer: one allocation for millions of keys.
class PackedStrings {
 public:
  // Appends the bytes `append` writes to the buffer as one string.
  template <typename Append>
  void Add(Append&& append) {
    size_t begin = bytes_.size();
    append(&bytes_);
    spans_.emplace_back(begin, bytes_.size() - begin);
  }
  std::string_view operator[](size_t i) const {
    return std::string_view(bytes_).substr(spans_[i].first, spans_[i].second);
  }
  // Every string, sorted, repeats removed; views into this buffer.
  std::vector<std::string_view> SortedUnique() const {
    std::vector<std::string_view> views;
    views.reserve(spans_.size());
    for (size_t i = 0; i < spans_.size(); ++i) views.push_back((*this)[i]);
    // Keys made from rows in id order often come sorted already.
    if (!std::is_sorted(views.begin(), views.end())) std::sort(views.begin(), views.end());
    views.erase(std::unique(views.begin(), views.end()), views.end());
    return views;
  }

 private:
  std::string bytes_;
  std::vector<std::pair<uint64_t, uint32_t>> spans_;
};

// Dense indexes 0..n-1 for the node ids, in id order.
class NodeIndex {
 public:
  explicit NodeIndex(std::vector<NodeId> sorted_ids) : ids_(std::move(sorted_ids)) {
    dense_ = !ids_.empty() && ids_.back() - ids_.front() + 1 == ids_.size();
  }
  size_t size() const { return ids_.size(); }
  NodeId id(size_t index) const { return ids_[index]; }
  // The index of `id`, or size() when it is no node.
  size_t Find(NodeId id) const {
    if (dense_)
      return id >= ids_.front() && id - ids_.front() < ids_.size() ? id - ids_.front()
                                                                   : ids_.size();
    auto it = std::lower_bound(ids_.begin(), ids_.end(), id);
    return it != ids_.end() && *it == id ? static_cast<size_t>(it - ids_.begin()) : ids_.size();
  }

 private:
  std::vector<NodeId> ids_;
  bool dense_ = false;
};

// Names interned to dense ids, as the store's dictionary does.
class Interner {
 public:
  // Rows come in runs of one label or type: the last id answers most calls.
  uint32_t Id(std::string_view name) {
    if (last_ != 0 && names_[last_ - 1] == name) return last_;
    auto it = ids_.find(name);
    if (it != ids_.end()) return last_ = it->second;
    names_.emplace_back(name);
    ids_.emplace(std::string(name), static_cast<uint32_t>(names_.size()));
    return last_ = static_cast<uint32_t>(names_.size());
  }
  const std::vector<std::string>& names() const { return names_; }  // id - 1 -> name

 private:
  std::map<std::string, uint32_t, std::less<>> ids_;
  std::vector<std::string> names_;
  uint32_t last_ = 0;  // the id Id() returned last
};

// One SST file of one column family, written in key order.
class SstOutput {
 public:
  SstOutput(const rocksdb::Options& options, rocksdb::ColumnFamilyHandle* family, std::string path)
      : writer_(rocksdb::EnvOptions(), options, family, /*invalidate_page_cache=*/false,
                rocksdb::Env::IO_TOTAL,
                // The files go to the last level, which then has no filters.
                /*skip_filters=*/options.optimize_filters_for_hits),
        family_(family),
        path_(std::move(path)) {}

  Status Put(std::string_view key, std::string_view value) {
    if (!open_) {
      STEPPE_RETURN_IF_ERROR(FromRocks(writer_.Open(path_)));
      open_ = true;
    }
    return FromRocks(writer_.Put(AsSlice(key), AsSlice(value)));
  }
  // Completes and syncs the file, on the thread that wrote it, so that the
  // files' syncs overlap one another and the writing of the others.
  Status Finish() {
    if (!open_) return Status::OK();
    STEPPE_RETURN_IF_ERROR(FromRocks(writer_.Finish()));
    finished_ = true;
    return Status::OK();
  }
  // False until Finish() succeeds, and for an output that got no entry
  // (RocksDB makes no empty SST file).
  bool written() const { return finished_; }
  rocksdb::ColumnFamilyHandle* family() const { return family_; }
  const std::string& path() const { return path_; }

 private:
  rocksdb::SstFileWriter writer_;
  rocksdb::ColumnFamilyHandle* family_;
  std::string path_;
  bool open_ = false;
  bool finished_ = false;
};

// Writes edge records to their SST file on a thread of its own, so that
// compressing and writing them, and completing the file, overlap with the
// caller reading its input and writing the other families.
// Records come in batches packed into one buffer each; at most kMaxQueued
// batches wait, which bounds memory.
class EdgeRecordWriter {
 public:
  struct Batch {
    std::vector<EdgeId> ids;
    PackedStrings records;
  };
  static constexpr size_t kBatchSize = 1 << 14;
  static constexpr size_t kMaxQueued = 8;

  explicit EdgeRecordWriter(std::unique_ptr<SstOutput> output)
      : output_(std::move(output)), thread_([this] { Run(); }) {}
  ~EdgeRecordWriter() {
    if (thread_.joinable()) Close().IgnoreError();  // an abandoned import
  }

  // Adds the record that `append` writes. Fails once the writer thread has failed.
  template <typename Append>
  Status Add(EdgeId id, Append&& append) {
    filling_.ids.push_back(id);
    filling_.records.Add(append);
    if (filling_.ids.size() < kBatchSize) return Status::OK();
    return Hand(false);
  }
  // No record follows: the thread writes what is left and completes the
  // file while the caller goes on.
  Status EndInput() {
    ended_ = true;
    return Hand(true);
  }
  // Waits for the thread; how writing the whole file went.
  Status Close() {
    Status handed = ended_ ? Status::OK() : EndInput();
    thread_.join();
    return status_.ok() ? handed : status_;
  }
  std::unique_ptr<SstOutput> TakeOutput() { return std::move(output_); }

 private:
  Status Hand(bool last) {
    std::unique_lock lock(mu_);
    room_.wait(lock, [&] { return queue_.size() < kMaxQueued || !status_.ok(); });
    if (!status_.ok()) return status_;
    queue_.push_back(std::move(filling_));
    filling_ = Batch();
    closed_ = last;
    ready_.notify_one();
    return Status::OK();
  }

  void Run() {
    for (;;) {
      Batch batch;
      {
        std::unique_lock lock(mu_);
        ready_.wait(lock, [&] { return !queue_.empty() || closed_; });
        if (queue_.empty()) break;
        batch = std::move(queue_.front());
        queue_.pop_front();
        room_.notify_one();
      }
      if (Status s = Write(batch); !s.ok()) return Fail(s);
    }
    if (Status s = output_->Finish(); !s.ok()) Fail(s);
  }

  void Fail(const Status& s) {
    std::lock_guard lock(mu_);
    status_ = s;
    room_.notify_all();
  }

  Status Write(const Batch& batch) {
    char key[8];
    for (size_t i = 0; i < batch.ids.size(); ++i) {
      PutBigEndian64(key, batch.ids[i]);
      STEPPE_RETURN_IF_ERROR(output_->Put(std::string_view(key, sizeof key), batch.records[i]));
    }
    return Status::OK();
  }

  std::unique_ptr<SstOutput> output_;
  Batch filling_;  // the caller's thread only
  bool ended_ = false;  // the caller's thread only
  std::mutex mu_;  // guards the rest
  std::condition_variable ready_, room_;
  std::deque<Batch> queue_;
  bool closed_ = false;
  Status status_;
  std::thread thread_;  // last: starts after everything it uses
};

}  // namespace

struct BulkWriter::Impl {
  ~Impl() {
    edge_records.reset();
    if (node_thread.joinable()) node_thread.join();
    std::error_code ignored;  // best-effort: a temporary folder of SST files
    std::filesystem::remove_all(scratch, ignored);
  }

  // The family's own options, compression included: imported files are
  // compressed as compactions after later writes would compress them, so no
  // compaction has a reason to rewrite them.
  rocksdb::Options FileOptions(Family family) const {
    return rocksdb::Options(DatabaseOptions(), descriptors[static_cast<int>(family)].options);
  }
  std::unique_ptr<SstOutput> NewOutput(Family family) const {
    return std::make_unique<SstOutput>(FileOptions(family), store->family(family),
                                       scratch + "/" + std::string(keys::FamilyName(family)) + ".sst");
  }

  Status CheckOpen() const {
    return finished ? Status::InvalidArgument("bulk import: Add after Finish") : Status::OK();
  }
  Status CheckNodesOpen() const {
    STEPPE_RETURN_IF_ERROR(CheckOpen());
    return node_thread.joinable() || !node_status.ok()
               ? Status::InvalidArgument("bulk import: AddNode after EndNodes")
               : Status::OK();
  }
  uint32_t CountLabel(std::string_view label);
  // The index entries of a node with `label`; `find(key)` gives the value of
  // its property `key` (null when absent).
  template <typename FindProperty>
  void AddIndexEntries(uint32_t label_id, std::string_view label, NodeId node, FindProperty&& find);
  Result<EdgeId> NextEdge(EdgeId id, std::string_view type, uint32_t* type_id);

  Result<std::vector<uint32_t>> NodeOrder() const;
  Status WriteAdjacency(Family family, const NodeIndex& index,
                        std::unique_ptr<SstOutput>* output) const;
  Status WriteNodeFamilies(const std::vector<uint32_t>& order,
                           std::vector<std::unique_ptr<SstOutput>>* outputs);
  Status WriteMeta(NodeId max_node);

  BulkWriterOptions options;
  std::string scratch;  // SST files before ingestion
  std::vector<rocksdb::ColumnFamilyDescriptor> descriptors;
  std::unique_ptr<RocksStore::Impl> store;  // the database being built (no reader)

  Interner labels, types;
  std::map<std::string, std::vector<std::string>, std::less<>> indexes;  // label -> keys
  std::vector<PendingNode> nodes;
  std::string node_records;  // every pending node's record, back to back
  std::vector<PendingName> names;
  std::string name_text;
  std::vector<std::pair<uint32_t, NodeId>> label_entries;
  PackedStrings prop_entries;
  std::vector<uint64_t> per_label, per_type;  // by id - 1

  std::unique_ptr<EdgeRecordWriter> edge_records;
  std::vector<EdgeEnds> edges;
  EdgeId last_edge = 0;
  bool finished = false;

  // Set by EndNodes(): the node ids in order, and the thread writing the
  // node families into node_outputs (node_status tells how it went).
  std::optional<NodeIndex> node_index;
  std::thread node_thread;
  Status node_status;
  std::vector<std::unique_ptr<SstOutput>> node_outputs;
};

BulkWriter::BulkWriter(std::unique_ptr<Impl> impl) : impl_(std::move(impl)) {}
BulkWriter::~BulkWriter() = default;

uint64_t BulkWriter::nodes_added() const { return impl_->nodes.size(); }
uint64_t BulkWriter::edges_added() const { return impl_->edges.size(); }

Result<std::unique_ptr<BulkWriter>> BulkWriter::Create(const std::string& path,
                                                       const BulkWriterOptions& options) {
  std::error_code error;
  if (std::filesystem::exists(path, error) &&
      (!std::filesystem::is_directory(path, error) || !std::filesystem::is_empty(path, error)))
    return Status::InvalidArgument("bulk import needs a new or empty folder: " + path +
                                   " already holds something");
  std::filesystem::create_directories(path, error);
  if (error) return Status::IOError("cannot create store directory " + path + ": " + error.message());

  auto impl = std::make_unique<Impl>();
  impl->options = options;
  impl->scratch = path + "/bulk-import";
  std::filesystem::create_directories(impl->scratch, error);
  if (error) return Status::IOError("cannot create " + impl->scratch + ": " + error.message());
  impl->descriptors = FamilyDescriptors(options.store);
  impl->store = std::make_unique<RocksStore::Impl>();
  STEPPE_RETURN_IF_ERROR(OpenDatabase(path, options.store, &impl->store->db, &impl->store->handles));
  for (const auto& [label, key] : options.indexes) {
    if (label.empty() || key.empty() || key.find('\0') != std::string::npos)
      return Status::InvalidArgument("index on :" + label + "(" + key + "): empty or holds NUL");
    impl->indexes[label].push_back(key);
  }
  impl->nodes.reserve(options.expected_nodes);
  impl->edges.reserve(options.expected_edges);
  return std::unique_ptr<BulkWriter>(new BulkWriter(std::move(impl)));
}

uint32_t BulkWriter::Impl::CountLabel(std::string_view label) {
  uint32_t id = labels.Id(label);
  if (per_label.size() < id) per_label.resize(id);
  ++per_label[id - 1];
  return id;
}

template <typename FindProperty>
void BulkWriter::Impl::AddIndexEntries(uint32_t label_id, std::string_view label, NodeId node,
                                       FindProperty&& find) {
  auto indexed = indexes.find(label);
  if (indexed == indexes.end()) return;
  for (const std::string& key : indexed->second) {
    Value value = find(key);
    if (value.is_null()) continue;
    prop_entries.Add(
        [&](std::string* dst) { keys::AppendPropKey(dst, label_id, key, value, node); });
  }
}

Status BulkWriter::AddNode(const Node& node) {
  Impl& w = *impl_;
  STEPPE_RETURN_IF_ERROR(w.CheckNodesOpen());
  for (const std::string& label : std::set<std::string>(node.labels.begin(), node.labels.end())) {
    if (label.empty()) return Status::InvalidArgument("node " + std::to_string(node.id) + ": empty label");
    uint32_t id = w.CountLabel(label);
    w.label_entries.emplace_back(id, node.id);
    w.AddIndexEntries(id, label, node.id, [&](const std::string& key) {
      auto prop = node.props.find(key);
      return prop == node.props.end() ? Value() : prop->second;
    });
  }
  auto add_name = [&](const std::string& name) {
    w.names.push_back(PendingName{static_cast<uint32_t>(w.nodes.size()), w.name_text.size(),
                                  static_cast<uint32_t>(name.size())});
    w.name_text += name;
  };
  if (auto name = node.props.find("name"); name != node.props.end() && name->second.is_string())
    add_name(name->second.as_string());
  if (auto aliases = node.props.find("aliases");
      aliases != node.props.end() && aliases->second.is_list())
    for (const Value& alias : aliases->second.as_list())
      if (alias.is_string()) add_name(alias.as_string());
  std::string record = EncodeNodeRecord(node);
  w.nodes.push_back(
      PendingNode{node.id, w.node_records.size(), static_cast<uint32_t>(record.size())});
  w.node_records += record;
  return Status::OK();
}

Status BulkWriter::AddNodeRow(NodeId id, std::string_view label,
                              std::span<const PropertyView> props) {
  Impl& w = *impl_;
  STEPPE_RETURN_IF_ERROR(w.CheckNodesOpen());
  if (label.empty()) return Status::InvalidArgument("node " + std::to_string(id) + ": empty label");
  uint32_t label_id = w.CountLabel(label);
  w.label_entries.emplace_back(label_id, id);
  auto find = [&](std::string_view key) -> const PropertyView* {
    for (const PropertyView& prop : props)
      if (prop.key == key) return &prop;
    return nullptr;
  };
  w.AddIndexEntries(label_id, label, id, [&](const std::string& key) {
    const PropertyView* prop = find(key);
    return prop == nullptr ? Value() : prop->is_int ? Value(prop->number) : Value(prop->text);
  });
  if (const PropertyView* name = find("name"); name != nullptr && !name->is_int) {
    w.names.push_back(PendingName{static_cast<uint32_t>(w.nodes.size()), w.name_text.size(),
                                  static_cast<uint32_t>(name->text.size())});
    w.name_text += name->text;
  }
  uint64_t offset = w.node_records.size();
  AppendNodeRecord(&w.node_records, std::span<const std::string_view>(&label, 1), props);
  w.nodes.push_back(PendingNode{id, offset, static_cast<uint32_t>(w.node_records.size() - offset)});
  return Status::OK();
}

Result<EdgeId> BulkWriter::Impl::NextEdge(EdgeId id, std::string_view type, uint32_t* type_id) {
  STEPPE_RETURN_IF_ERROR(CheckOpen());
  if (id == 0) id = last_edge + 1;
  if (id <= last_edge)
    return Status::InvalidArgument("bulk import: edge id " + std::to_string(id) +
                                   " does not increase (previous " + std::to_string(last_edge) +
                                   ")");
  if (type.empty()) return Status::InvalidArgument("edge " + std::to_string(id) + ": empty type");
  *type_id = types.Id(type);
  if (per_type.size() < *type_id) per_type.resize(*type_id);
  ++per_type[*type_id - 1];
  if (!edge_records) edge_records = std::make_unique<EdgeRecordWriter>(NewOutput(Family::kEdges));
  last_edge = id;
  return id;
}

Status BulkWriter::AddEdge(const Edge& edge) {
  Impl& w = *impl_;
  uint32_t type = 0;
  Result<EdgeId> id = w.NextEdge(edge.id, edge.type, &type);
  if (!id.ok()) return id.status();
  STEPPE_RETURN_IF_ERROR(
      w.edge_records->Add(*id, [&](std::string* dst) { *dst += EncodeEdgeRecord(edge, type); }));
  w.edges.push_back(EdgeEnds{edge.src, edge.dst, *id, type});
  return Status::OK();
}

Status BulkWriter::AddEdgeRow(EdgeId edge, std::string_view type, NodeId src, NodeId dst,
                              std::span<const PropertyView> props) {
  Impl& w = *impl_;
  uint32_t type_id = 0;
  Result<EdgeId> id = w.NextEdge(edge, type, &type_id);
  if (!id.ok()) return id.status();
  STEPPE_RETURN_IF_ERROR(w.edge_records->Add(
      *id, [&](std::string* out) { AppendEdgeRecord(out, type_id, src, dst, props); }));
  w.edges.push_back(EdgeEnds{src, dst, *id, type_id});
  return Status::OK();
}

// The pending nodes in id order; InvalidArgument for an id given twice.
// Ids that run without gaps (as imports give them) are placed directly.
Result<std::vector<uint32_t>> BulkWriter::Impl::NodeOrder() const {
  auto twice = [](NodeId id) {
    return Status::InvalidArgument("bulk import: node id " + std::to_string(id) +
                                   " is given twice");
  };
  std::vector<uint32_t> order(nodes.size());
  if (nodes.empty()) return order;
  auto [low, high] =
      std::minmax_element(nodes.begin(), nodes.end(),
                          [](const PendingNode& a, const PendingNode& b) { return a.id < b.id; });
  if (high->id - low->id + 1 == nodes.size()) {
    constexpr uint32_t kEmpty = UINT32_MAX;
    std::fill(order.begin(), order.end(), kEmpty);
    for (uint32_t i = 0; i < nodes.size(); ++i) {
      uint32_t& slot = order[nodes[i].id - low->id];
      if (slot != kEmpty) return twice(nodes[i].id);
      slot = i;
    }
    return order;
  }
  for (uint32_t i = 0; i < order.size(); ++i) order[i] = i;
  std::sort(order.begin(), order.end(),
            [&](uint32_t a, uint32_t b) { return nodes[a].id < nodes[b].id; });
  for (size_t i = 1; i < order.size(); ++i) {
    if (nodes[order[i]].id == nodes[order[i - 1]].id) return twice(nodes[order[i]].id);
  }
  return order;
}

// One adjacency family: a counting sort of the edges by the scanned end
// (which also checks that every such end is a node), then each node's few
// entries sorted by type, other end and edge, written in key order.
Status BulkWriter::Impl::WriteAdjacency(Family family, const NodeIndex& index,
                                        std::unique_ptr<SstOutput>* output) const {
  const bool outgoing = family == Family::kOut;
  std::vector<uint64_t> start(index.size() + 1, 0);
  for (const EdgeEnds& e : edges) {
    NodeId end = outgoing ? e.src : e.dst;
    size_t at = index.Find(end);
    if (at == index.size())
      return Status::InvalidArgument("bulk import: edge " + std::to_string(e.edge) + " has end " +
                                     std::to_string(end) + ", which is no node");
    ++start[at + 1];
  }
  for (size_t i = 1; i < start.size(); ++i) start[i] += start[i - 1];
  std::vector<AdjacencyEntry> entries(edges.size());
  {
    std::vector<uint64_t> next(start.begin(), start.end() - 1);
    for (const EdgeEnds& e : edges) {
      size_t at = index.Find(outgoing ? e.src : e.dst);
      entries[next[at]++] = AdjacencyEntry{e.type, outgoing ? e.dst : e.src, e.edge};
    }
  }
  *output = NewOutput(family);
  char key[keys::kAdjacencyKeySize];
  for (size_t n = 0; n < index.size(); ++n) {
    auto begin = entries.begin() + static_cast<ptrdiff_t>(start[n]);
    auto end = entries.begin() + static_cast<ptrdiff_t>(start[n + 1]);
    if (begin == end) continue;
    if (!std::is_sorted(begin, end)) std::sort(begin, end);
    PutBigEndian64(key, index.id(n));
    for (auto e = begin; e != end; ++e) {
      PutBigEndian32(key + 8, e->type);
      PutBigEndian64(key + 12, e->other);
      PutBigEndian64(key + 20, e->edge);
      STEPPE_RETURN_IF_ERROR((*output)->Put(std::string_view(key, sizeof key), ""));
    }
  }
  return (*output)->Finish();
}

// "nodes", "labels", "names" and "props", from the nodes in id order.
Status BulkWriter::Impl::WriteNodeFamilies(const std::vector<uint32_t>& order,
                                           std::vector<std::unique_ptr<SstOutput>>* outputs) {
  auto nodes_sst = NewOutput(Family::kNodes);
  char key[8];
  for (uint32_t i : order) {
    const PendingNode& node = nodes[i];
    PutBigEndian64(key, node.id);
    STEPPE_RETURN_IF_ERROR(
        nodes_sst->Put(std::string_view(key, sizeof key),
                       std::string_view(node_records).substr(node.offset, node.size)));
  }
  std::string().swap(node_records);
  STEPPE_RETURN_IF_ERROR(nodes_sst->Finish());
  outputs->push_back(std::move(nodes_sst));

  if (!std::is_sorted(label_entries.begin(), label_entries.end()))
    std::sort(label_entries.begin(), label_entries.end());
  auto labels_sst = NewOutput(Family::kLabels);
  for (const auto& [label, node] : label_entries)
    STEPPE_RETURN_IF_ERROR(labels_sst->Put(keys::LabelKey(label, node), ""));
  STEPPE_RETURN_IF_ERROR(labels_sst->Finish());
  outputs->push_back(std::move(labels_sst));

  PackedStrings name_entries;
  for (const PendingName& name : names) {
    std::string folded = FoldName(std::string_view(name_text).substr(name.offset, name.size));
    if (folded.empty()) continue;
    name_entries.Add(
        [&](std::string* dst) { dst->append(keys::NameKey(folded, nodes[name.node].id)); });
  }
  for (auto [family, entries] :
       {std::pair{Family::kNames, &name_entries}, std::pair{Family::kProps, &prop_entries}}) {
    auto sst = NewOutput(family);
    for (std::string_view k : entries->SortedUnique()) STEPPE_RETURN_IF_ERROR(sst->Put(k, ""));
    STEPPE_RETURN_IF_ERROR(sst->Finish());
    outputs->push_back(std::move(sst));
  }
  return Status::OK();
}

Status BulkWriter::Impl::WriteMeta(NodeId max_node) {
  rocksdb::WriteBatch batch;
  rocksdb::ColumnFamilyHandle* meta = store->family(Family::kMeta);
  auto put = [&](std::string_view key, std::string_view value) {
    batch.Put(meta, AsSlice(key), AsSlice(value)).PermitUncheckedError();
  };
  put(keys::kFormatVersionKey, keys::EncodeFixed64(keys::kFormatVersion));
  if (!nodes.empty()) put(keys::kNextNodeIdKey, keys::EncodeFixed64(max_node + 1));
  if (!edges.empty()) put(keys::kNextEdgeIdKey, keys::EncodeFixed64(last_edge + 1));
  put(keys::kStatNodesKey, keys::EncodeFixed64(nodes.size()));
  put(keys::kStatEdgesKey, keys::EncodeFixed64(edges.size()));
  const auto& label_names = labels.names();
  for (uint32_t i = 0; i < label_names.size(); ++i) {
    put(std::string(keys::kLabelDictPrefix) + label_names[i], keys::EncodeFixed32(i + 1));
    put(std::string(keys::kStatLabelPrefix) + label_names[i], keys::EncodeFixed64(per_label[i]));
  }
  const auto& type_names = types.names();
  for (uint32_t i = 0; i < type_names.size(); ++i) {
    put(std::string(keys::kTypeDictPrefix) + type_names[i], keys::EncodeFixed32(i + 1));
    put(std::string(keys::kStatTypePrefix) + type_names[i], keys::EncodeFixed64(per_type[i]));
  }
  for (const auto& [label, index_keys] : indexes)
    for (const std::string& key : index_keys) put(keys::IndexKey(label, key), "");
  rocksdb::WriteOptions write;
  write.sync = true;
  return FromRocks(store->db->Write(write, &batch));
}

void BulkWriter::EndNodes() {
  Impl& w = *impl_;
  if (w.node_thread.joinable() || !w.node_status.ok() || w.finished) return;
  Result<std::vector<uint32_t>> order = w.NodeOrder();
  if (!order.ok()) {
    w.node_status = order.status();
    return;
  }
  std::vector<NodeId> node_ids;
  node_ids.reserve(order->size());
  for (uint32_t i : *order) node_ids.push_back(w.nodes[i].id);
  w.node_index.emplace(std::move(node_ids));
  w.node_thread = std::thread([&w, order = std::move(order).value()] {
    w.node_status = w.WriteNodeFamilies(order, &w.node_outputs);
  });
}

Status BulkWriter::Finish() {
  Impl& w = *impl_;
  if (w.finished) return Status::InvalidArgument("bulk import: Finish called twice");
  EndNodes();
  w.finished = true;

  if (w.edge_records) STEPPE_RETURN_IF_ERROR(w.edge_records->EndInput());
  // The two adjacency families sort and write on their own threads while
  // the edge records and the node families finish on theirs.
  std::unique_ptr<SstOutput> out_sst, in_sst;
  Status out_status, in_status;
  if (w.node_index) {
    std::thread out_thread(
        [&] { out_status = w.WriteAdjacency(Family::kOut, *w.node_index, &out_sst); });
    in_status = w.WriteAdjacency(Family::kIn, *w.node_index, &in_sst);
    out_thread.join();
  }
  if (w.node_thread.joinable()) w.node_thread.join();
  std::vector<std::unique_ptr<SstOutput>> outputs;
  if (w.edge_records) {
    STEPPE_RETURN_IF_ERROR(w.edge_records->Close());
    outputs.push_back(w.edge_records->TakeOutput());
    w.edge_records.reset();
  }
  STEPPE_RETURN_IF_ERROR(w.node_status);
  STEPPE_RETURN_IF_ERROR(out_status);
  STEPPE_RETURN_IF_ERROR(in_status);
  for (auto& output : w.node_outputs) outputs.push_back(std::move(output));
  outputs.push_back(std::move(out_sst));
  outputs.push_back(std::move(in_sst));

  // Every family's file goes in at once: all of them or none.
  std::vector<rocksdb::IngestExternalFileArg> args;
  for (const auto& output : outputs) {
    if (!output->written()) continue;
    rocksdb::IngestExternalFileArg arg;
    arg.column_family = output->family();
    arg.external_files = {output->path()};
    arg.options.move_files = true;
    args.push_back(std::move(arg));
  }
  if (!args.empty()) STEPPE_RETURN_IF_ERROR(FromRocks(w.store->db->IngestExternalFiles(args)));
  const NodeIndex& index = *w.node_index;
  return w.WriteMeta(index.size() == 0 ? 0 : index.id(index.size() - 1));
}

}  // namespace steppe::storage
