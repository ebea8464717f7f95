#pragma once

#include <cstddef>
#include <cstdint>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "core/model.h"
#include "core/result.h"
#include "storage/graph_store.h"

namespace steppe::query {

// Word-level, transliteration-aware look-up of entities by name or alias,
// behind db.search. Every word of every name and alias is folded with
// FoldName (so "Yerlan" and "Erlan" are one word) and indexed; a query
// matches an entity when each of its folded words equals, starts, or is one
// edit away from some word of the entity's name or aliases. Whole-name
// matches are the store's own index (GraphReader::FindByName); this one finds
// the rest. Article nodes are not indexed.
class NameIndex {
 public:
  struct Hit {
    NodeId node = 0;
    std::string name;
    double score = 0;  // in (0, 1): higher for exact words and fuller names
  };

  // Reads the name and aliases of every node `reader` holds (a GetNode
  // each), so build it once per store version (ProjectionCache does).
  static Result<std::shared_ptr<const NameIndex>> Build(const storage::GraphReader& reader);

  // Up to `limit` entities whose words match every word of `text`, best
  // first, ties by NodeId.
  std::vector<Hit> Search(std::string_view text, size_t limit) const;

  uint64_t version() const { return version_; }
  size_t size() const { return entries_.size(); }

 private:
  struct Entry {
    NodeId node;
    std::string name;
    uint32_t words;  // words in the shortest folded name or alias
  };
  // One folded word and the entries carrying it, ascending.
  struct Word {
    std::string text;
    std::vector<uint32_t> entries;
  };

  // For each entry holding a word that matches `query_word`, the best
  // quality (0..1] among its matching words.
  std::vector<std::pair<uint32_t, double>> MatchWord(std::string_view query_word) const;

  uint64_t version_ = 0;
  std::vector<Entry> entries_;
  std::vector<Word> words_;  // sorted by text
};

}  // namespace steppe::query
