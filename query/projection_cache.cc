#include "query/projection_cache.h"

#include <algorithm>

namespace steppe::query {

Result<std::shared_ptr<const Projection>> ProjectionCache::Get(const storage::GraphReader& reader,
                                                                std::vector<std::string> types) {
  std::sort(types.begin(), types.end());
  types.erase(std::unique(types.begin(), types.end()), types.end());

  std::lock_guard<std::mutex> lock(mu_);
  if (full_ == nullptr || full_->version() != reader.Version()) {
    Result<std::shared_ptr<const Projection>> built = Projection::Build(reader);
    if (!built.ok()) return built.status();
    full_ = std::move(built).value();
    filtered_.clear();
    ++builds_;
  }
  if (types.empty()) return full_;
  auto it = filtered_.find(types);
  if (it == filtered_.end()) it = filtered_.emplace(types, full_->Filter(types)).first;
  return it->second;
}

Result<std::shared_ptr<const NameIndex>> ProjectionCache::Names(const storage::GraphReader& reader) {
  std::lock_guard<std::mutex> lock(names_mu_);
  if (names_ == nullptr || names_->version() != reader.Version()) {
    Result<std::shared_ptr<const NameIndex>> built = NameIndex::Build(reader);
    if (!built.ok()) return built.status();
    names_ = std::move(built).value();
  }
  return names_;
}

uint64_t ProjectionCache::builds() const {
  std::lock_guard<std::mutex> lock(mu_);
  return builds_;
}

}  // namespace steppe::query
