#include "storage/bulk_writer.h"

#include <rocksdb/sst_file_writer.h>

#include <algorithm>
#include <condition_variable>
#include <deque>
#include <filesystem>
#include <map>
#include <set>
#include <thread>

#include "core/fold.h"
#include "storage/records.h"
#include "storage/rocks_internal.h"

namespace steppe::storage {
namespace {

using keys::Family;

rocksdb::Slice AsSlice(std::string_view s) { return rocksdb::Slice(s.data(), s.size()); }

// One "out" or "in" entry before it is written; sorts as its key does.
struct AdjacencyEntry {
  NodeId node;
  NodeId other;
  EdgeId edge;
  uint32_t type;

  bool operator<(const AdjacencyEntry& o) const {
    if (node != o.node) return node < o.node;
    if (type != o.type) return type < o.type;
    if (other != o.other) return other < o.other;
    return edge < o.edge;
  }
};

// A node waiting for Finish(): its record and what its indexes need.
struct PendingNode {
  NodeId id;
  std::string record;
  std::vector<std::string> names;  // name and aliases, folded in Finish()
};

// Names interned to dense ids, as the store's dictionary does.
class Interner {
 public:
  uint32_t Id(std::string_view name) {
    auto it = ids_.find(name);
    if (it != ids_.end()) return it->second;
    names_.emplace_back(name);
    ids_.emplace(std::string(name), static_cast<uint32_t>(names_.size()));
    return static_cast<uint32_t>(names_.size());
  }
  // Returns 0 when `name` has no id.
  uint32_t Find(std::string_view name) const {
    auto it = ids_.find(name);
    return it == ids_.end() ? 0 : it->second;
  }
  const std::vector<std::string>& names() const { return names_; }  // id - 1 -> name

 private:
  std::map<std::string, uint32_t, std::less<>> ids_;
  std::vector<std::string> names_;
};

// One SST file of one column family, written in key order.
class SstOutput {
 public:
  SstOutput(const rocksdb::Options& options, rocksdb::ColumnFamilyHandle* family, std::string path)
      : writer_(rocksdb::EnvOptions(), options, family), family_(family), path_(std::move(path)) {}

  Status Put(std::string_view key, std::string_view value) {
    if (!open_) {
      STEPPE_RETURN_IF_ERROR(FromRocks(writer_.Open(path_)));
      open_ = true;
    }
    ++count_;
    return FromRocks(writer_.Put(AsSlice(key), AsSlice(value)));
  }
  // Closes the file; false in *written when it got no entry (RocksDB makes
  // no empty SST file).
  Status Finish(bool* written) {
    *written = open_;
    return open_ ? FromRocks(writer_.Finish()) : Status::OK();
  }
  rocksdb::ColumnFamilyHandle* family() const { return family_; }
  const std::string& path() const { return path_; }

 private:
  rocksdb::SstFileWriter writer_;
  rocksdb::ColumnFamilyHandle* family_;
  std::string path_;
  bool open_ = false;
  uint64_t count_ = 0;
};

// Writes edge records to their SST file on a thread of its own, so that
// compressing and writing them overlaps with the caller reading its input.
// Records come in batches; at most kMaxQueued batches wait, which bounds memory.
class EdgeRecordWriter {
 public:
  using Batch = std::vector<std::pair<EdgeId, std::string>>;
  static constexpr size_t kBatchSize = 1 << 14;
  static constexpr size_t kMaxQueued = 8;

  explicit EdgeRecordWriter(std::unique_ptr<SstOutput> output)
      : output_(std::move(output)), thread_([this] { Run(); }) {
    filling_.reserve(kBatchSize);
  }
  ~EdgeRecordWriter() {
    if (thread_.joinable()) Close().IgnoreError();  // an abandoned import
  }

  // Fails once the writer thread has failed.
  Status Add(EdgeId id, std::string record) {
    filling_.emplace_back(id, std::move(record));
    if (filling_.size() < kBatchSize) return Status::OK();
    return Hand(false);
  }
  // Writes what is left, stops the thread and gives the file.
  Status Close() {
    Status s = Hand(true);
    thread_.join();
    return s;
  }
  std::unique_ptr<SstOutput> TakeOutput() { return std::move(output_); }

 private:
  Status Hand(bool last) {
    std::unique_lock lock(mu_);
    room_.wait(lock, [&] { return queue_.size() < kMaxQueued || !status_.ok(); });
    if (!status_.ok()) return status_;
    queue_.push_back(std::move(filling_));
    filling_ = Batch();
    filling_.reserve(last ? 0 : kBatchSize);
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
        if (queue_.empty()) return;
        batch = std::move(queue_.front());
        queue_.pop_front();
        room_.notify_one();
      }
      for (const auto& [id, record] : batch) {
        Status s = output_->Put(keys::IdKey(id), record);
        if (!s.ok()) {
          std::lock_guard lock(mu_);
          status_ = s;
          room_.notify_all();
          return;
        }
      }
    }
  }

  std::unique_ptr<SstOutput> output_;
  Batch filling_;  // the caller's thread only
  std::mutex mu_;  // guards the rest
  std::condition_variable ready_, room_;
  std::deque<Batch> queue_;
  bool closed_ = false;
  Status status_;
  std::thread thread_;  // last: starts after everything it uses
};

void PutAdjacencyKey(char* key, const AdjacencyEntry& e) {
  auto put64 = [](char* p, uint64_t v) {
    for (int i = 7; i >= 0; --i, v >>= 8) p[i] = static_cast<char>(v & 0xff);
  };
  put64(key, e.node);
  for (int i = 0; i < 4; ++i) key[8 + i] = static_cast<char>((e.type >> (24 - 8 * i)) & 0xff);
  put64(key + 12, e.other);
  put64(key + 20, e.edge);
}

}  // namespace

struct BulkWriter::Impl {
  ~Impl() {
    edge_records.reset();
    std::error_code ignored;  // best-effort: a temporary folder of SST files
    std::filesystem::remove_all(scratch, ignored);
  }

  rocksdb::Options FileOptions(Family family) const {
    return rocksdb::Options(DatabaseOptions(), descriptors[static_cast<int>(family)].options);
  }
  std::unique_ptr<SstOutput> NewOutput(Family family) const {
    return std::make_unique<SstOutput>(FileOptions(family), store->family(family),
                                       scratch + "/" + std::string(keys::FamilyName(family)) + ".sst");
  }

  Status WriteAdjacency(Family family, std::vector<AdjacencyEntry>* entries,
                        const std::vector<NodeId>& node_ids, std::unique_ptr<SstOutput>* output);
  Status WriteNodeFamilies(const std::vector<size_t>& order,
                           std::vector<std::unique_ptr<SstOutput>>* outputs);
  Status WriteMeta(NodeId max_node);

  BulkWriterOptions options;
  std::string scratch;  // SST files before ingestion
  std::vector<rocksdb::ColumnFamilyDescriptor> descriptors;
  std::unique_ptr<RocksStore::Impl> store;  // the database being built (no reader)

  Interner labels, types;
  std::map<std::string, std::vector<std::string>, std::less<>> indexes;  // label -> keys
  std::vector<PendingNode> nodes;
  std::vector<std::pair<uint32_t, NodeId>> label_entries;
  std::vector<std::string> prop_entries;
  std::vector<uint64_t> per_label, per_type;  // by id - 1

  std::unique_ptr<EdgeRecordWriter> edge_records;
  std::vector<AdjacencyEntry> out, in;
  EdgeId last_edge = 0;
  uint64_t edge_count = 0;
  bool finished = false;
};

BulkWriter::BulkWriter(std::unique_ptr<Impl> impl) : impl_(std::move(impl)) {}
BulkWriter::~BulkWriter() = default;

uint64_t BulkWriter::nodes_added() const { return impl_->nodes.size(); }
uint64_t BulkWriter::edges_added() const { return impl_->edge_count; }

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
  impl->out.reserve(options.expected_edges);
  impl->in.reserve(options.expected_edges);
  return std::unique_ptr<BulkWriter>(new BulkWriter(std::move(impl)));
}

Status BulkWriter::AddNode(const Node& node) {
  Impl& w = *impl_;
  if (w.finished) return Status::InvalidArgument("bulk import: AddNode after Finish");
  PendingNode pending{node.id, EncodeNodeRecord(node), {}};
  for (const std::string& label : std::set<std::string>(node.labels.begin(), node.labels.end())) {
    if (label.empty()) return Status::InvalidArgument("node " + std::to_string(node.id) + ": empty label");
    uint32_t id = w.labels.Id(label);
    if (w.per_label.size() < id) w.per_label.resize(id);
    ++w.per_label[id - 1];
    w.label_entries.emplace_back(id, node.id);
    auto indexed = w.indexes.find(label);
    if (indexed == w.indexes.end()) continue;
    for (const std::string& key : indexed->second) {
      auto prop = node.props.find(key);
      if (prop != node.props.end() && !prop->second.is_null())
        w.prop_entries.push_back(keys::PropKey(id, key, prop->second, node.id));
    }
  }
  if (auto name = node.props.find("name"); name != node.props.end() && name->second.is_string())
    pending.names.push_back(name->second.as_string());
  if (auto aliases = node.props.find("aliases");
      aliases != node.props.end() && aliases->second.is_list())
    for (const Value& alias : aliases->second.as_list())
      if (alias.is_string()) pending.names.push_back(alias.as_string());
  w.nodes.push_back(std::move(pending));
  return Status::OK();
}

Status BulkWriter::AddEdge(const Edge& edge) {
  Impl& w = *impl_;
  if (w.finished) return Status::InvalidArgument("bulk import: AddEdge after Finish");
  EdgeId id = edge.id == 0 ? w.last_edge + 1 : edge.id;
  if (id <= w.last_edge)
    return Status::InvalidArgument("bulk import: edge id " + std::to_string(id) +
                                   " does not increase (previous " + std::to_string(w.last_edge) + ")");
  if (edge.type.empty()) return Status::InvalidArgument("edge " + std::to_string(id) + ": empty type");
  uint32_t type = w.types.Id(edge.type);
  if (w.per_type.size() < type) w.per_type.resize(type);
  ++w.per_type[type - 1];
  if (!w.edge_records)
    w.edge_records = std::make_unique<EdgeRecordWriter>(w.NewOutput(Family::kEdges));
  STEPPE_RETURN_IF_ERROR(w.edge_records->Add(id, EncodeEdgeRecord(edge, type)));
  w.out.push_back({edge.src, edge.dst, id, type});
  w.in.push_back({edge.dst, edge.src, id, type});
  w.last_edge = id;
  ++w.edge_count;
  return Status::OK();
}

// Sorts one adjacency family, checks that every scanned end is a node (the
// entries and the node ids are both sorted, so one merge walk does it), and
// writes the SST file.
Status BulkWriter::Impl::WriteAdjacency(Family family, std::vector<AdjacencyEntry>* entries,
                                        const std::vector<NodeId>& node_ids,
                                        std::unique_ptr<SstOutput>* output) {
  std::sort(entries->begin(), entries->end());
  *output = NewOutput(family);
  auto known = node_ids.begin();
  char key[keys::kAdjacencyKeySize];
  for (const AdjacencyEntry& e : *entries) {
    while (known != node_ids.end() && *known < e.node) ++known;
    if (known == node_ids.end() || *known != e.node)
      return Status::InvalidArgument("bulk import: edge " + std::to_string(e.edge) + " has end " +
                                     std::to_string(e.node) + ", which is no node");
    PutAdjacencyKey(key, e);
    STEPPE_RETURN_IF_ERROR((*output)->Put(std::string_view(key, sizeof key), ""));
  }
  entries->clear();
  entries->shrink_to_fit();
  return Status::OK();
}

// "nodes", "labels", "names" and "props", from the nodes in id order.
Status BulkWriter::Impl::WriteNodeFamilies(const std::vector<size_t>& order,
                                           std::vector<std::unique_ptr<SstOutput>>* outputs) {
  auto nodes_sst = NewOutput(Family::kNodes);
  std::vector<std::string> name_entries;
  name_entries.reserve(order.size());
  for (size_t i : order) {
    PendingNode& node = nodes[i];
    STEPPE_RETURN_IF_ERROR(nodes_sst->Put(keys::IdKey(node.id), node.record));
    for (const std::string& name : node.names) {
      std::string folded = FoldName(name);
      if (!folded.empty()) name_entries.push_back(keys::NameKey(folded, node.id));
    }
    std::string().swap(node.record);
  }
  outputs->push_back(std::move(nodes_sst));

  std::sort(label_entries.begin(), label_entries.end());
  auto labels_sst = NewOutput(Family::kLabels);
  for (const auto& [label, node] : label_entries)
    STEPPE_RETURN_IF_ERROR(labels_sst->Put(keys::LabelKey(label, node), ""));
  outputs->push_back(std::move(labels_sst));

  for (auto [family, entries] : {std::pair{Family::kNames, &name_entries},
                                 std::pair{Family::kProps, &prop_entries}}) {
    std::sort(entries->begin(), entries->end());
    entries->erase(std::unique(entries->begin(), entries->end()), entries->end());
    auto sst = NewOutput(family);
    for (const std::string& key : *entries) STEPPE_RETURN_IF_ERROR(sst->Put(key, ""));
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
  if (edge_count > 0) put(keys::kNextEdgeIdKey, keys::EncodeFixed64(last_edge + 1));
  put(keys::kStatNodesKey, keys::EncodeFixed64(nodes.size()));
  put(keys::kStatEdgesKey, keys::EncodeFixed64(edge_count));
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

Status BulkWriter::Finish() {
  Impl& w = *impl_;
  if (w.finished) return Status::InvalidArgument("bulk import: Finish called twice");
  w.finished = true;

  // Nodes in id order; a repeated id is an error.
  std::vector<size_t> order(w.nodes.size());
  for (size_t i = 0; i < order.size(); ++i) order[i] = i;
  std::sort(order.begin(), order.end(),
            [&](size_t a, size_t b) { return w.nodes[a].id < w.nodes[b].id; });
  std::vector<NodeId> node_ids;
  node_ids.reserve(order.size());
  for (size_t i : order) {
    if (!node_ids.empty() && node_ids.back() == w.nodes[i].id)
      return Status::InvalidArgument("bulk import: node id " + std::to_string(w.nodes[i].id) +
                                     " is given twice");
    node_ids.push_back(w.nodes[i].id);
  }

  std::vector<std::unique_ptr<SstOutput>> outputs;
  if (w.edge_records) {
    STEPPE_RETURN_IF_ERROR(w.edge_records->Close());
    outputs.push_back(w.edge_records->TakeOutput());
    w.edge_records.reset();
  }
  // The two adjacency families sort and write on their own threads while
  // this one writes the node families (name folding is the slow part there).
  std::unique_ptr<SstOutput> out_sst, in_sst;
  Status out_status, in_status, node_status;
  std::thread out_thread(
      [&] { out_status = w.WriteAdjacency(Family::kOut, &w.out, node_ids, &out_sst); });
  std::thread in_thread(
      [&] { in_status = w.WriteAdjacency(Family::kIn, &w.in, node_ids, &in_sst); });
  node_status = w.WriteNodeFamilies(order, &outputs);
  out_thread.join();
  in_thread.join();
  STEPPE_RETURN_IF_ERROR(out_status);
  STEPPE_RETURN_IF_ERROR(in_status);
  STEPPE_RETURN_IF_ERROR(node_status);
  outputs.push_back(std::move(out_sst));
  outputs.push_back(std::move(in_sst));

  // Every family's file goes in at once: all of them or none.
  std::vector<rocksdb::IngestExternalFileArg> args;
  for (const auto& output : outputs) {
    bool written = false;
    STEPPE_RETURN_IF_ERROR(output->Finish(&written));
    if (!written) continue;
    rocksdb::IngestExternalFileArg arg;
    arg.column_family = output->family();
    arg.external_files = {output->path()};
    arg.options.move_files = true;
    args.push_back(std::move(arg));
  }
  if (!args.empty()) STEPPE_RETURN_IF_ERROR(FromRocks(w.store->db->IngestExternalFiles(args)));
  return w.WriteMeta(node_ids.empty() ? 0 : node_ids.back());
}

}  // namespace steppe::storage
