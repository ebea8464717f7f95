#include "storage/rocks_internal.h"

#include <rocksdb/cache.h>
#include <rocksdb/filter_policy.h>
#include <rocksdb/table.h>

namespace steppe::storage {

Status FromRocks(const rocksdb::Status& status) {
  if (status.ok()) return Status::OK();
  std::string message = "rocksdb: " + status.ToString();
  switch (status.code()) {
    case rocksdb::Status::kNotFound: return Status::NotFound(std::move(message));
    case rocksdb::Status::kCorruption: return Status::Corruption(std::move(message));
    case rocksdb::Status::kInvalidArgument: return Status::InvalidArgument(std::move(message));
    case rocksdb::Status::kIOError: return Status::IOError(std::move(message));
    case rocksdb::Status::kTimedOut: return Status::Timeout(std::move(message));
    default: return Status::Internal(std::move(message));
  }
}

rocksdb::Options DatabaseOptions() {
  rocksdb::Options options;
  options.create_if_missing = true;
  options.create_missing_column_families = true;
  options.max_background_jobs = 2;
  options.bytes_per_sync = 1 << 20;
  options.keep_log_file_num = 4;
  return options;
}

std::vector<rocksdb::ColumnFamilyDescriptor> FamilyDescriptors(const RocksStoreOptions& options) {
  std::shared_ptr<rocksdb::Cache> cache = rocksdb::NewLRUCache(options.block_cache_bytes);
  std::vector<rocksdb::ColumnFamilyDescriptor> descriptors;
  descriptors.reserve(keys::kFamilyCount);
  for (int i = 0; i < keys::kFamilyCount; ++i) {
    auto family = static_cast<keys::Family>(i);
    rocksdb::BlockBasedTableOptions table;
    table.block_cache = cache;
    rocksdb::ColumnFamilyOptions cf;
    // Families read by Get() get a bloom filter; scanned ones (adjacency,
    // labels, names, props) are read by Seek(), which whole-key filters do not help.
    switch (family) {
      case keys::Family::kNodes:
      case keys::Family::kEdges:
      case keys::Family::kArticles:
        // Looked up by the ids of records that exist: in the last level,
        // where nearly all of them lie, a filter would only be checked and
        // pass (1.7 MiB of 79 at 100k nodes and 1.3M edges).
        cf.optimize_filters_for_hits = true;
        [[fallthrough]];
      case keys::Family::kMeta:
      case keys::Family::kFingerprints:
        table.filter_policy.reset(rocksdb::NewBloomFilterPolicy(10));
        table.data_block_index_type = rocksdb::BlockBasedTableOptions::kDataBlockBinaryAndHash;
        break;
      default:
        break;
    }
    cf.table_factory.reset(rocksdb::NewBlockBasedTableFactory(table));
    // LZ4 in every level, for bulk import and flushes alike. Measured on the
    // bench graph at 1M nodes / 13.1M edges: uncompressed 1607 MiB; LZ4
    // 806 MiB for 7% more import time; ZSTD -1 599 MiB but 25% more.
    cf.compression = rocksdb::kLZ4Compression;
    descriptors.emplace_back(std::string(keys::FamilyName(family)), cf);
  }
  return descriptors;
}

Status OpenDatabase(const std::string& path, const RocksStoreOptions& options,
                    std::unique_ptr<rocksdb::DB>* db,
                    std::vector<rocksdb::ColumnFamilyHandle*>* handles) {
  std::vector<rocksdb::ColumnFamilyDescriptor> descriptors = FamilyDescriptors(options);
  // RocksDB requires the default family to be opened too; it stays empty.
  descriptors.emplace_back(rocksdb::kDefaultColumnFamilyName, rocksdb::ColumnFamilyOptions());
  rocksdb::Options db_options = DatabaseOptions();
  rocksdb::DB* raw = nullptr;
  std::vector<rocksdb::ColumnFamilyHandle*> opened;
  STEPPE_RETURN_IF_ERROR(FromRocks(rocksdb::DB::Open(db_options, path, descriptors, &opened, &raw)));
  db->reset(raw);
  // The default family's handle is not needed: close it now.
  (*db)->DestroyColumnFamilyHandle(opened.back()).PermitUncheckedError();
  opened.pop_back();
  *handles = std::move(opened);
  return Status::OK();
}

uint32_t Dictionary::Find(std::string_view name) const {
  std::shared_lock lock(mu_);
  auto it = ids_.find(name);
  return it == ids_.end() ? 0 : it->second;
}

std::string_view Dictionary::Name(uint32_t id) const {
  std::shared_lock lock(mu_);
  if (id == 0 || id > names_.size()) return {};
  return names_[id - 1];
}

uint32_t Dictionary::size() const {
  std::shared_lock lock(mu_);
  return static_cast<uint32_t>(names_.size());
}

void Dictionary::Add(std::string name) {
  std::unique_lock lock(mu_);
  names_.push_back(name);
  ids_.emplace(std::move(name), static_cast<uint32_t>(names_.size()));
}

RocksStore::Impl::~Impl() {
  latest.reset();
  for (rocksdb::ColumnFamilyHandle* handle : handles)
    if (db) db->DestroyColumnFamilyHandle(handle).PermitUncheckedError();  // closing: nothing to do on failure
  if (db) db->Close().PermitUncheckedError();  // closing: the WAL already holds every batch
}

Status ReadMetaCounter(rocksdb::DB* db, rocksdb::ColumnFamilyHandle* meta,
                       const rocksdb::ReadOptions& read, std::string_view key, uint64_t* value) {
  std::string bytes;
  rocksdb::Status s = db->Get(read, meta, rocksdb::Slice(key.data(), key.size()), &bytes);
  if (s.IsNotFound()) {
    *value = 0;
    return Status::OK();
  }
  STEPPE_RETURN_IF_ERROR(FromRocks(s));
  if (bytes.size() != 8) return Status::Corruption("meta " + std::string(key) + " is not a fixed64");
  *value = keys::DecodeFixed64(bytes.data());
  return Status::OK();
}

}  // namespace steppe::storage
