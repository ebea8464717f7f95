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

std::shared_ptr<RecordCache::Generation> RecordCache::Pin(uint64_t version) {
  std::lock_guard<std::mutex> lock(mu_);
  if (current_ && version < current_->version_) return nullptr;
  if (!current_ || version > current_->version_)
    current_.reset(new Generation(version, max_bytes_));
  return current_;
}

const Node* RecordCache::Generation::FindNode(NodeId id) const {
  std::lock_guard<std::mutex> lock(mu_);
  return nodes_.Find(id);
}

const Edge* RecordCache::Generation::FindEdge(EdgeId id) const {
  std::lock_guard<std::mutex> lock(mu_);
  return edges_.Find(id);
}

bool RecordCache::Generation::Admit(size_t bytes) {
  if (bytes_ + bytes > max_bytes_) return false;
  bytes_ += bytes;
  return true;
}

const Node* RecordCache::Generation::AddNode(Node&& node) {
  size_t bytes = 96 + PropertyBytes(node.props);
  for (const auto& label : node.labels) bytes += 32 + label.size();
  std::lock_guard<std::mutex> lock(mu_);
  if (const Node* kept = nodes_.Find(node.id)) return kept;
  if (!Admit(bytes)) return nullptr;
  NodeId id = node.id;
  return nodes_.Add(id, std::move(node));
}

const Edge* RecordCache::Generation::AddEdge(Edge&& edge) {
  size_t bytes = 128 + edge.type.size() + PropertyBytes(edge.props);
  std::lock_guard<std::mutex> lock(mu_);
  if (const Edge* kept = edges_.Find(edge.id)) return kept;
  if (!Admit(bytes)) return nullptr;
  EdgeId id = edge.id;
  return edges_.Add(id, std::move(edge));
}

const RecordCache::Generation::SeekResult* RecordCache::Generation::FindSeek(
    const std::string& key) const {
  std::lock_guard<std::mutex> lock(mu_);
  auto it = seeks_.find(key);
  return it == seeks_.end() ? nullptr : &it->second;
}

void RecordCache::Generation::AddSeek(std::string key, SeekResult found) {
  size_t bytes = 96 + key.size() + (found ? found->size() * sizeof(NodeId) : 0);
  std::lock_guard<std::mutex> lock(mu_);
  if (seeks_.count(key) || !Admit(bytes)) return;
  seeks_.emplace(std::move(key), std::move(found));
}

}  // namespace steppe::query
