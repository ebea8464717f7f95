#include "storage/keys.h"

#include <bit>
#include <cmath>
#include <cstring>

namespace steppe::storage::keys {
namespace {

constexpr char kBoolTag = 0x10;
constexpr char kIntTag = 0x20;
constexpr char kDoubleTag = 0x21;
constexpr char kStringTag = 0x30;
constexpr char kListTag = 0x40;
constexpr char kMapTag = 0x50;
constexpr uint64_t kSignBit = uint64_t{1} << 63;

// 0x00 inside the string becomes 0x00 0xFF; 0x00 0x01 ends it. The end
// sorts below any continuation, so "a" < "a\0" < "ab".
void AppendOrderedString(std::string* dst, std::string_view s) {
  dst->push_back(kStringTag);
  for (char c : s) {
    dst->push_back(c);
    if (c == '\0') dst->push_back('\xff');
  }
  dst->push_back('\0');
  dst->push_back('\x01');
}

// A double equal to an int64 encodes as that int64, so 1 and 1.0 meet.
bool IsWholeInt64(double d) {
  return std::isfinite(d) && d == std::trunc(d) && d >= -9223372036854775808.0 &&
         d < 9223372036854775808.0;
}

}  // namespace

std::string_view FamilyName(Family family) {
  switch (family) {
    case Family::kMeta: return "meta";
    case Family::kNodes: return "nodes";
    case Family::kEdges: return "edges";
    case Family::kOut: return "out";
    case Family::kIn: return "in";
    case Family::kLabels: return "labels";
    case Family::kNames: return "names";
    case Family::kProps: return "props";
    case Family::kArticles: return "articles";
    case Family::kFingerprints: return "fingerprints";
  }
  return "";
}

void PutFixed32(std::string* dst, uint32_t value) {
  char buf[4];
  for (int i = 3; i >= 0; --i) {
    buf[i] = static_cast<char>(value & 0xff);
    value >>= 8;
  }
  dst->append(buf, 4);
}

void PutFixed64(std::string* dst, uint64_t value) {
  char buf[8];
  for (int i = 7; i >= 0; --i) {
    buf[i] = static_cast<char>(value & 0xff);
    value >>= 8;
  }
  dst->append(buf, 8);
}

uint32_t DecodeFixed32(const char* p) {
  uint32_t v = 0;
  for (int i = 0; i < 4; ++i) v = (v << 8) | static_cast<unsigned char>(p[i]);
  return v;
}

uint64_t DecodeFixed64(const char* p) {
  uint64_t v = 0;
  for (int i = 0; i < 8; ++i) v = (v << 8) | static_cast<unsigned char>(p[i]);
  return v;
}

std::string EncodeFixed32(uint32_t value) {
  std::string s;
  PutFixed32(&s, value);
  return s;
}

std::string EncodeFixed64(uint64_t value) {
  std::string s;
  PutFixed64(&s, value);
  return s;
}

std::string IdKey(uint64_t id) { return EncodeFixed64(id); }

std::string AdjacencyKey(const Adjacency& entry) {
  std::string key;
  key.reserve(kAdjacencyKeySize);
  PutFixed64(&key, entry.node);
  PutFixed32(&key, entry.type);
  PutFixed64(&key, entry.other);
  PutFixed64(&key, entry.edge);
  return key;
}

bool ParseAdjacencyKey(std::string_view key, Adjacency* entry) {
  if (key.size() != kAdjacencyKeySize) return false;
  entry->node = DecodeFixed64(key.data());
  entry->type = DecodeFixed32(key.data() + 8);
  entry->other = DecodeFixed64(key.data() + 12);
  entry->edge = DecodeFixed64(key.data() + 20);
  return true;
}

std::string AdjacencyPrefix(NodeId node, uint32_t type) {
  std::string prefix = EncodeFixed64(node);
  if (type != 0) PutFixed32(&prefix, type);
  return prefix;
}

std::string LabelKey(uint32_t label, NodeId node) {
  std::string key = EncodeFixed32(label);
  PutFixed64(&key, node);
  return key;
}

bool ParseLabelKey(std::string_view key, uint32_t* label, NodeId* node) {
  if (key.size() != kLabelKeySize) return false;
  *label = DecodeFixed32(key.data());
  *node = DecodeFixed64(key.data() + 4);
  return true;
}

std::string NamePrefix(std::string_view folded) {
  std::string prefix(folded);
  prefix.push_back('\0');
  return prefix;
}

std::string NameKey(std::string_view folded, NodeId node) {
  std::string key = NamePrefix(folded);
  PutFixed64(&key, node);
  return key;
}

bool ParseNameKey(std::string_view key, std::string_view* folded, NodeId* node) {
  if (key.size() < 9 || key[key.size() - 9] != '\0') return false;
  *folded = key.substr(0, key.size() - 9);
  if (folded->find('\0') != std::string_view::npos) return false;
  *node = DecodeFixed64(key.data() + key.size() - 8);
  return true;
}

bool AppendOrderedValue(std::string* dst, const Value& value) {
  switch (value.kind()) {
    case Value::Kind::kNull:
      return false;
    case Value::Kind::kBool:
      dst->push_back(kBoolTag);
      dst->push_back(value.as_bool() ? '\x01' : '\0');
      return true;
    case Value::Kind::kInt:
      dst->push_back(kIntTag);
      PutFixed64(dst, static_cast<uint64_t>(value.as_int()) ^ kSignBit);
      return true;
    case Value::Kind::kDouble: {
      double d = value.as_double();
      if (IsWholeInt64(d)) {
        dst->push_back(kIntTag);
        PutFixed64(dst, static_cast<uint64_t>(static_cast<int64_t>(d)) ^ kSignBit);
      } else {
        uint64_t bits = std::bit_cast<uint64_t>(d);
        dst->push_back(kDoubleTag);
        PutFixed64(dst, (bits & kSignBit) ? ~bits : bits ^ kSignBit);
      }
      return true;
    }
    case Value::Kind::kString:
      AppendOrderedString(dst, value.as_string());
      return true;
    case Value::Kind::kList:
      dst->push_back(kListTag);
      for (const Value& element : value.as_list()) {
        // A null element still takes a place, so [null, 1] != [1].
        if (!AppendOrderedValue(dst, element)) dst->push_back('\x01');
      }
      dst->push_back('\0');
      return true;
    case Value::Kind::kMap:
      dst->push_back(kMapTag);
      for (const auto& [key, element] : value.as_map()) {
        AppendOrderedString(dst, key);
        if (!AppendOrderedValue(dst, element)) dst->push_back('\x01');
      }
      dst->push_back('\0');
      return true;
  }
  return false;
}

std::string PropPrefix(uint32_t label, std::string_view key, const Value& value) {
  std::string prefix = EncodeFixed32(label);
  prefix.append(key);
  prefix.push_back('\0');
  AppendOrderedValue(&prefix, value);
  return prefix;
}

void AppendPropKey(std::string* dst, uint32_t label, std::string_view key, const Value& value,
                   NodeId node) {
  PutFixed32(dst, label);
  dst->append(key);
  dst->push_back('\0');
  AppendOrderedValue(dst, value);
  PutFixed64(dst, node);
}

std::string PropKey(uint32_t label, std::string_view key, const Value& value, NodeId node) {
  std::string k;
  AppendPropKey(&k, label, key, value, node);
  return k;
}

bool ParsePropKey(std::string_view key, PropEntry* entry) {
  if (key.size() < 4 + 1 + 1 + 8) return false;
  size_t end_of_name = key.find('\0', 4);
  if (end_of_name == std::string_view::npos || end_of_name + 1 + 8 > key.size()) return false;
  entry->label = DecodeFixed32(key.data());
  entry->key = key.substr(4, end_of_name - 4);
  entry->ordered_value = key.substr(end_of_name + 1, key.size() - 8 - (end_of_name + 1));
  entry->node = DecodeFixed64(key.data() + key.size() - 8);
  return !entry->ordered_value.empty();
}

std::string IndexKey(std::string_view label, std::string_view key) {
  std::string k(kIndexPrefix);
  k.append(label);
  k.push_back('\0');
  k.append(key);
  return k;
}

bool ParseIndexKey(std::string_view meta_key, std::string_view* label, std::string_view* key) {
  if (!meta_key.starts_with(kIndexPrefix)) return false;
  std::string_view rest = meta_key.substr(kIndexPrefix.size());
  size_t zero = rest.find('\0');
  if (zero == std::string_view::npos) return false;
  *label = rest.substr(0, zero);
  *key = rest.substr(zero + 1);
  return true;
}

std::string PrefixEnd(std::string_view prefix) {
  std::string end(prefix);
  while (!end.empty()) {
    unsigned char last = static_cast<unsigned char>(end.back());
    if (last != 0xff) {
      end.back() = static_cast<char>(last + 1);
      return end;
    }
    end.pop_back();
  }
  return end;
}

}  // namespace steppe::storage::keys
