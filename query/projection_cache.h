#pragma once

#include <cstdint>
#include <map>
#include <memory>
#include <mutex>
#include <string>
#include <vector>

#include "core/result.h"
#include "query/name_index.h"
#include "query/projection.h"
#include "storage/graph_store.h"

namespace steppe::query {

// Keeps the views derived from one store -- its topology projection and its
// name index -- until the store changes. The full
// projection is rebuilt from the store only when GraphReader::Version()
// differs from the cached one (that is, after a write); projections filtered
// by relationship types are derived from it in memory and cached alongside.
// Thread-safe; concurrent callers wait for one build rather than each building.
// REQUIRES: every reader passed to one cache views the same store.
class ProjectionCache {
 public:
  // The projection of `reader`'s graph keeping only `types` (every type when
  // empty; order and repeats do not matter).
  Result<std::shared_ptr<const Projection>> Get(const storage::GraphReader& reader,
                                                std::vector<std::string> types = {});

  // The name index of `reader`'s nodes, rebuilt after a write like the
  // projection.
  Result<std::shared_ptr<const NameIndex>> Names(const storage::GraphReader& reader);

  // The full projection when one of `reader`'s version is cached, else null
  // (never builds): the executor reads adjacency from it when it is there.
  std::shared_ptr<const Projection> Peek(const storage::GraphReader& reader) const;

  // For each vertex of `projection`, whether its node carries `label`; built
  // from one label scan and cached with the projection it belongs to.
  Result<std::shared_ptr<const std::vector<bool>>> LabelVertices(
      const storage::GraphReader& reader, const Projection& projection, const std::string& label);

  // How many full projections were built from a store so far.
  uint64_t builds() const;

 private:
  mutable std::mutex mu_;
  std::shared_ptr<const Projection> full_;
  std::map<std::vector<std::string>, std::shared_ptr<const Projection>> filtered_;
  std::map<std::string, std::shared_ptr<const std::vector<bool>>> labels_;  // of full_
  std::mutex names_mu_;  // apart from mu_: building one view need not block the other
  std::shared_ptr<const NameIndex> names_;
  uint64_t builds_ = 0;
};

}  // namespace steppe::query
