#include "query/record_cache.h"

namespace steppe::query {
namespace {

size_t PropertyBytes(const Properties& props) {
  size_t bytes = 0;
  for (const auto& [key, value] : props) {
    bytes += 64 + key.size();
    if (value.is_string()) bytes += value.as_string().size();
    if (value.is_list()) bytes += 32 * value.as_list().size();
  }
  return bytes;
}

}  // namespace

std::shared_ptr<const Node> RecordCache::FindNode(uint64_t version, NodeId id) const {
  std::lock_guard<std::mutex> lock(mu_);
  if (version != version_) return nullptr;
  auto it = nodes_.find(id);
  return it == nodes_.end() ? nullptr : it->second;
}

std::shared_ptr<const Edge> RecordCache::FindEdge(uint64_t version, EdgeId id) const {
  std::lock_guard<std::mutex> lock(mu_);
  if (version != version_) return nullptr;
  auto it = edges_.find(id);
  return it == edges_.end() ? nullptr : it->second;
}

bool RecordCache::Admit(uint64_t version, size_t bytes) {
  if (version < version_) return false;
  if (version > version_) {
    nodes_.clear();
    edges_.clear();
    bytes_ = 0;
    version_ = version;
  }
  if (bytes_ + bytes > max_bytes_) return false;
  bytes_ += bytes;
  return true;
}

void RecordCache::AddNode(uint64_t version, std::shared_ptr<const Node> node) {
  size_t bytes = 96 + PropertyBytes(node->props);
  for (const auto& label : node->labels) bytes += 32 + label.size();
  std::lock_guard<std::mutex> lock(mu_);
  if (Admit(version, bytes)) nodes_.emplace(node->id, std::move(node));
}

void RecordCache::AddEdge(uint64_t version, std::shared_ptr<const Edge> edge) {
  size_t bytes = 128 + edge->type.size() + PropertyBytes(edge->props);
  std::lock_guard<std::mutex> lock(mu_);
  if (Admit(version, bytes)) edges_.emplace(edge->id, std::move(edge));
}

}  // namespace steppe::query
