#pragma once

// Internal to storage/: the RocksDB objects behind RocksStore and BulkWriter.
// Nothing outside storage/ includes this header.

#include <rocksdb/db.h>
#include <rocksdb/options.h>

#include <array>
#include <atomic>
#include <deque>
#include <map>
#include <memory>
#include <mutex>
#include <set>
#include <shared_mutex>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "core/status.h"
#include "storage/graph_store.h"
#include "storage/keys.h"
#include "storage/rocks_store.h"

namespace steppe::storage {

// The one place where a rocksdb::Status becomes a Status.
Status FromRocks(const rocksdb::Status& status);

// Options for the database and for each column family (block cache, bloom
// filters on the point-lookup families), shared by RocksStore::Open and
// BulkWriter so that both write the same kind of files.
rocksdb::Options DatabaseOptions();
std::vector<rocksdb::ColumnFamilyDescriptor> FamilyDescriptors(const RocksStoreOptions& options);

// Opens (creating when missing) the database at `path` with every family;
// `handles` follow keys::Family order.
Status OpenDatabase(const std::string& path, const RocksStoreOptions& options,
                    std::unique_ptr<rocksdb::DB>* db,
                    std::vector<rocksdb::ColumnFamilyHandle*>* handles);

// Interned names (labels or relationship types) <-> dense fixed32 ids 1, 2, ...
// Readers look names up from many threads while the writer adds new ones.
class Dictionary {
 public:
  // The id of `name`, or 0 when it has none.
  uint32_t Find(std::string_view name) const;
  // The name of `id`, or "" when unknown. The view stays valid for the
  // dictionary's lifetime.
  std::string_view Name(uint32_t id) const;
  uint32_t size() const;
  // Adds `name` with id size() + 1. REQUIRES: `name` is not present.
  void Add(std::string name);

 private:
  mutable std::shared_mutex mu_;
  std::deque<std::string> names_;  // id - 1 -> name; a deque keeps views valid
  std::map<std::string, uint32_t, std::less<>> ids_;
};

struct RocksStore::Impl {
  ~Impl();

  rocksdb::ColumnFamilyHandle* family(keys::Family f) const {
    return handles[static_cast<int>(f)];
  }

  RocksStoreOptions options;
  std::unique_ptr<rocksdb::DB> db;
  std::vector<rocksdb::ColumnFamilyHandle*> handles;  // owned; closed before db
  Dictionary labels;
  Dictionary types;
  // Indexed property keys per label name; read and written by the writer only.
  std::map<std::string, std::set<std::string>, std::less<>> indexes;
  // Next ids to hand out, and the values last stored in "meta".
  std::atomic<uint64_t> next_node_id{1};
  std::atomic<uint64_t> next_edge_id{1};
  uint64_t stored_next_node_id = 0;
  uint64_t stored_next_edge_id = 0;
  // The reader for the latest state, which RocksStore's own reads forward to.
  std::unique_ptr<GraphReader> latest;
};

// A GraphReader over `impl` at `snapshot` (or the latest state when null).
// Owns the snapshot and releases it on destruction.
std::unique_ptr<GraphReader> NewRocksReader(const RocksStore::Impl& impl,
                                            const rocksdb::Snapshot* snapshot);

// Reads a fixed64 meta value; 0 when absent.
Status ReadMetaCounter(rocksdb::DB* db, rocksdb::ColumnFamilyHandle* meta,
                       const rocksdb::ReadOptions& read, std::string_view key, uint64_t* value);

// Calls visit(key, value) for every key of `family` that starts with
// `prefix`, in order, until it returns false. The scan is bounded with
// iterate_upper_bound so that it never reads past the prefix.
template <typename Visit>
Status ScanPrefix(rocksdb::DB* db, rocksdb::ColumnFamilyHandle* family,
                  rocksdb::ReadOptions read, std::string_view prefix, Visit&& visit) {
  std::string end = keys::PrefixEnd(prefix);
  rocksdb::Slice upper(end);
  if (!end.empty()) read.iterate_upper_bound = &upper;
  std::unique_ptr<rocksdb::Iterator> it(db->NewIterator(read, family));
  for (it->Seek(rocksdb::Slice(prefix.data(), prefix.size())); it->Valid(); it->Next()) {
    rocksdb::Slice key = it->key();
    rocksdb::Slice value = it->value();
    if (!visit(std::string_view(key.data(), key.size()),
               std::string_view(value.data(), value.size())))
      break;
  }
  return FromRocks(it->status());
}

}  // namespace steppe::storage
