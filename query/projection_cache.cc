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
    labels_.clear();
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

std::shared_ptr<const Projection> ProjectionCache::Peek(const storage::GraphReader& reader) const {
  std::lock_guard<std::mutex> lock(mu_);
  if (full_ == nullptr || full_->version() != reader.Version()) return nullptr;
  return full_;
}

Result<std::shared_ptr<const std::vector<bool>>> ProjectionCache::LabelVertices(
    const storage::GraphReader& reader, const Projection& projection, const std::string& label) {
  std::lock_guard<std::mutex> lock(mu_);
  bool cacheable = full_.get() == &projection;
  if (cacheable) {
    if (auto it = labels_.find(label); it != labels_.end()) return it->second;
  }
  auto marks = std::make_shared<std::vector<bool>>(projection.num_vertices(), false);
  STEPPE_RETURN_IF_ERROR(reader.ScanLabel(label, [&](NodeId id) {
    Projection::Vertex v = projection.VertexOf(id);
    if (v != Projection::kNoVertex) (*marks)[v] = true;
    return true;
  }));
  if (cacheable) labels_[label] = marks;
  return std::shared_ptr<const std::vector<bool>>(std::move(marks));
}

uint64_t ProjectionCache::builds() const {
  std::lock_guard<std::mutex> lock(mu_);
  return builds_;
}

}  // namespace steppe::query
