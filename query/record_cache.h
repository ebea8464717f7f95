#pragma once

#include <cstddef>
#include <cstdint>
#include <deque>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <unordered_map>
#include <vector>

#include "core/model.h"
#include "query/hop.h"

namespace steppe::query {

// Nodes and edges read by earlier read queries, shared by the queries that
// follow until the store changes -- the record cache of a graph database.
// The records of one store version (GraphReader::Version()) form a
// generation; a query pins the generation of its snapshot, so the records it
// gets stay valid while it runs, without a reference per record. A
// generation also keeps the answers of index seeks and the hops of
// expansions, as the index blocks of a store's page cache would, so a
// repeated look-up by key or walk from a node costs a hash probe instead of
// a store iterator. Thread-safe.
class RecordCache {
 public:
  // Records by id: an open-addressing table of (id, record) slots over
  // records that never move. A warm read costs its cache misses; a probe
  // here touches one slot and the record, where a node-based hash map also
  // walks a chain. Not thread-safe (the generation locks).
  template <typename Record>
  class Table {
   public:
    const Record* Find(uint64_t id) const {
      if (slots_.empty()) return nullptr;
      for (size_t i = Home(id);; i = (i + 1) & (slots_.size() - 1)) {
        const Slot& slot = slots_[i];
        if (slot.record == nullptr) return nullptr;
        if (slot.id == id) return slot.record;
      }
    }
    // REQUIRES: Find(id) is null.
    const Record* Add(uint64_t id, Record&& record) {
      if (2 * (records_.size() + 1) > slots_.size()) Grow();
      Record* kept = &records_.emplace_back(std::move(record));
      Place(id, kept);
      return kept;
    }

   private:
    struct Slot {
      uint64_t id = 0;
      Record* record = nullptr;  // null: empty
    };
    // Ids are handed out in sequence, and operators often read records in id
    // order: ids as their own home keep neighbouring ids in neighbouring
    // slots, where a scrambling hash puts a cache miss on every read.
    size_t Home(uint64_t id) const {
      return static_cast<size_t>(id ^ (id >> 32)) & (slots_.size() - 1);
    }
    void Place(uint64_t id, Record* record) {
      size_t i = Home(id);
      while (slots_[i].record != nullptr) i = (i + 1) & (slots_.size() - 1);
      slots_[i] = Slot{id, record};
    }
    void Grow() {
      std::vector<Slot> old = std::move(slots_);
      size_t size = old.empty() ? 64 : 2 * old.size();
      slots_.assign(size, Slot{});
      for (const Slot& slot : old)
        if (slot.record != nullptr) Place(slot.id, slot.record);
    }

    std::vector<Slot> slots_;  // a power of two, at most half full
    std::deque<Record> records_;  // addresses stay put as it grows
  };

  class Generation {
   public:
    // The node ids an index seek found; nullopt: the store has no such index.
    using SeekResult = std::optional<std::vector<NodeId>>;

    // The cached record, or null. The pointer lives as long as the generation.
    const Node* FindNode(NodeId id) const;
    const Edge* FindEdge(EdgeId id) const;
    // Keeps `node` (moved from) and returns it; returns null, leaving `node`
    // as it was, once the cache holds `max_bytes` (approximately).
    const Node* AddNode(Node&& node);
    const Edge* AddEdge(Edge&& edge);
    // The kept answer of the seek named `key` (see Txn), or null.
    const SeekResult* FindSeek(const std::string& key) const;
    // Keeps `found` under `key` unless the cache is full.
    void AddSeek(std::string key, SeekResult found);
    // The kept hops of the expansion named `key` (see Txn), in scan order, or null.
    const std::vector<Hop>* FindHops(const std::string& key) const;
    // Keeps `hops` under `key` unless the cache is full.
    void AddHops(std::string key, std::vector<Hop> hops);

   private:
    friend class RecordCache;
    Generation(uint64_t version, size_t max_bytes) : version_(version), max_bytes_(max_bytes) {}
    bool Admit(size_t bytes);

    const uint64_t version_;
    const size_t max_bytes_;
    mutable std::mutex mu_;
    size_t bytes_ = 0;
    Table<Node> nodes_;
    Table<Edge> edges_;
    std::unordered_map<std::string, SeekResult> seeks_;
    std::unordered_map<std::string, std::vector<Hop>> hops_;
  };

  explicit RecordCache(size_t max_bytes) : max_bytes_(max_bytes) {}

  // The generation of `version`: the current one, a new one when `version`
  // is newer (the older records go once no query pins them), or null for an
  // older version (that query reads the store alone).
  std::shared_ptr<Generation> Pin(uint64_t version);

 private:
  const size_t max_bytes_;
  std::mutex mu_;
  std::shared_ptr<Generation> current_;
};

}  // namespace steppe::query
