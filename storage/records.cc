#include "storage/records.h"

#include <nlohmann/json.hpp>

#include <bit>
#include <cmath>
#include <cstring>

#include "storage/keys.h"

namespace steppe::storage {
namespace {

using Json = nlohmann::json;

// CBOR major types (RFC 8949, section 3.1).
constexpr uint8_t kMajorUnsigned = 0;
constexpr uint8_t kMajorNegative = 1;
constexpr uint8_t kMajorBytes = 2;
constexpr uint8_t kMajorText = 3;
constexpr uint8_t kMajorArray = 4;
constexpr uint8_t kMajorMap = 5;
constexpr uint8_t kMajorSimple = 7;
constexpr int kMaxDepth = 64;  // nesting deeper than this is corrupt, not data

void AppendHead(std::string* dst, uint8_t major, uint64_t argument) {
  const char top = static_cast<char>(major << 5);
  if (argument < 24) {
    dst->push_back(static_cast<char>(top | static_cast<char>(argument)));
    return;
  }
  int width = argument <= 0xff ? 1 : argument <= 0xffff ? 2 : argument <= 0xffffffff ? 4 : 8;
  dst->push_back(static_cast<char>(top | (width == 1 ? 24 : width == 2 ? 25 : width == 4 ? 26 : 27)));
  for (int shift = (width - 1) * 8; shift >= 0; shift -= 8)
    dst->push_back(static_cast<char>((argument >> shift) & 0xff));
}

void AppendText(std::string* dst, std::string_view text) {
  AppendHead(dst, kMajorText, text.size());
  dst->append(text);
}

void AppendValue(std::string* dst, const Value& value) {
  switch (value.kind()) {
    case Value::Kind::kNull: dst->push_back('\xf6'); return;
    case Value::Kind::kBool: dst->push_back(value.as_bool() ? '\xf5' : '\xf4'); return;
    case Value::Kind::kInt: {
      int64_t n = value.as_int();
      if (n >= 0)
        AppendHead(dst, kMajorUnsigned, static_cast<uint64_t>(n));
      else
        AppendHead(dst, kMajorNegative, ~static_cast<uint64_t>(n));  // -1 - n
      return;
    }
    case Value::Kind::kDouble:
      dst->push_back('\xfb');
      keys::PutFixed64(dst, std::bit_cast<uint64_t>(value.as_double()));
      return;
    case Value::Kind::kString: AppendText(dst, value.as_string()); return;
    case Value::Kind::kList:
      AppendHead(dst, kMajorArray, value.as_list().size());
      for (const Value& element : value.as_list()) AppendValue(dst, element);
      return;
    case Value::Kind::kMap:
      AppendHead(dst, kMajorMap, value.as_map().size());
      for (const auto& [key, element] : value.as_map()) {
        AppendText(dst, key);
        AppendValue(dst, element);
      }
      return;
  }
}

void AppendProperties(std::string* dst, const Properties& props) {
  AppendHead(dst, kMajorMap, props.size());
  for (const auto& [key, value] : props) {
    AppendText(dst, key);
    AppendValue(dst, value);
  }
}

void AppendPropertyViews(std::string* dst, std::span<const PropertyView> props) {
  AppendHead(dst, kMajorMap, props.size());
  for (const PropertyView& prop : props) {
    AppendText(dst, prop.key);
    if (!prop.is_int)
      AppendText(dst, prop.text);
    else if (prop.number >= 0)
      AppendHead(dst, kMajorUnsigned, static_cast<uint64_t>(prop.number));
    else
      AppendHead(dst, kMajorNegative, ~static_cast<uint64_t>(prop.number));
  }
}

double HalfToDouble(uint16_t half) {
  int exponent = (half >> 10) & 0x1f;
  int mantissa = half & 0x3ff;
  double magnitude = exponent == 0    ? std::ldexp(mantissa, -24)
                     : exponent == 31 ? (mantissa == 0 ? INFINITY : NAN)
                                      : std::ldexp(mantissa + 1024, exponent - 25);
  return (half & 0x8000) ? -magnitude : magnitude;
}

// Reads CBOR items from a byte string; every Read* returns false on bytes
// that are not the expected, well-formed item.
class CborReader {
 public:
  explicit CborReader(std::string_view bytes) : p_(bytes.data()), end_(bytes.data() + bytes.size()) {}

  bool done() const { return p_ == end_; }

  bool ReadHead(uint8_t expected_major, uint64_t* argument) {
    uint8_t major = 0, info = 0;
    return ReadAnyHead(&major, &info, argument) && major == expected_major && info < 28;
  }

  bool ReadText(std::string_view* text) {
    uint64_t size = 0;
    if (!ReadHead(kMajorText, &size) || size > static_cast<uint64_t>(end_ - p_)) return false;
    *text = std::string_view(p_, size);
    p_ += size;
    return true;
  }

  bool ReadProperties(Properties* props) {
    uint64_t count = 0;
    if (!ReadHead(kMajorMap, &count)) return false;
    props->clear();
    for (uint64_t i = 0; i < count; ++i) {
      std::string_view key;
      Value value;
      if (!ReadText(&key) || !ReadValue(&value, 1)) return false;
      props->insert_or_assign(std::string(key), std::move(value));
    }
    return true;
  }

  bool ReadValue(Value* value, int depth) {
    if (depth > kMaxDepth) return false;
    uint8_t major = 0, info = 0;
    uint64_t argument = 0;
    if (!ReadAnyHead(&major, &info, &argument)) return false;
    switch (major) {
      case kMajorUnsigned:
        if (argument > static_cast<uint64_t>(INT64_MAX)) return false;
        *value = Value(static_cast<int64_t>(argument));
        return true;
      case kMajorNegative:
        if (argument > static_cast<uint64_t>(INT64_MAX)) return false;
        *value = Value(static_cast<int64_t>(~argument));
        return true;
      case kMajorBytes:
      case kMajorText:
        if (argument > static_cast<uint64_t>(end_ - p_)) return false;
        *value = Value(std::string(p_, argument));
        p_ += argument;
        return true;
      case kMajorArray: {
        if (argument > static_cast<uint64_t>(end_ - p_)) return false;  // each item takes a byte
        Value::List list(argument);
        for (Value& element : list)
          if (!ReadValue(&element, depth + 1)) return false;
        *value = Value(std::move(list));
        return true;
      }
      case kMajorMap: {
        if (argument > static_cast<uint64_t>(end_ - p_)) return false;
        Value::Map map;
        for (uint64_t i = 0; i < argument; ++i) {
          std::string_view key;
          Value element;
          if (!ReadText(&key) || !ReadValue(&element, depth + 1)) return false;
          map.insert_or_assign(std::string(key), std::move(element));
        }
        *value = Value(std::move(map));
        return true;
      }
      case kMajorSimple:
        switch (info) {
          case 20: *value = Value(false); return true;
          case 21: *value = Value(true); return true;
          case 22:
          case 23: *value = Value(); return true;
          case 25: *value = Value(HalfToDouble(static_cast<uint16_t>(argument))); return true;
          case 26: *value = Value(static_cast<double>(std::bit_cast<float>(static_cast<uint32_t>(argument)))); return true;
          case 27: *value = Value(std::bit_cast<double>(argument)); return true;
          default: return false;
        }
      default:
        return false;  // tags
    }
  }

 private:
  // The initial byte and its argument; indefinite lengths are refused.
  bool ReadAnyHead(uint8_t* major, uint8_t* info, uint64_t* argument) {
    if (p_ == end_) return false;
    uint8_t initial = static_cast<uint8_t>(*p_++);
    *major = initial >> 5;
    *info = initial & 0x1f;
    if (*info < 24) {
      *argument = *info;
      return true;
    }
    if (*info > 27) return false;
    int width = 1 << (*info - 24);
    if (end_ - p_ < width) return false;
    uint64_t v = 0;
    for (int i = 0; i < width; ++i) v = (v << 8) | static_cast<uint8_t>(*p_++);
    *argument = v;
    return true;
  }

  const char* p_;
  const char* end_;
};

std::string ToCbor(const Json& json) {
  std::string out;
  Json::to_cbor(json, out);
  return out;
}

// Decodes without exceptions: a record that is not CBOR yields `discarded`.
Json FromCbor(std::string_view bytes) {
  return Json::from_cbor(bytes.begin(), bytes.end(), /*strict=*/true, /*allow_exceptions=*/false);
}

void PutOptional(Json* object, const char* key, const std::optional<std::string>& value) {
  if (value) (*object)[key] = *value;
}

void GetOptional(const Json& object, const char* key, std::optional<std::string>* value) {
  auto it = object.find(key);
  if (it != object.end() && it->is_string()) *value = it->get<std::string>();
}

}  // namespace

std::string EncodeNodeRecord(const Node& node) {
  std::string record;
  AppendHead(&record, kMajorMap, 2);
  AppendText(&record, "l");
  AppendHead(&record, kMajorArray, node.labels.size());
  for (const std::string& label : node.labels) AppendText(&record, label);
  AppendText(&record, "p");
  AppendProperties(&record, node.props);
  return record;
}

void AppendNodeRecord(std::string* dst, std::span<const std::string_view> labels,
                      std::span<const PropertyView> props) {
  AppendHead(dst, kMajorMap, 2);
  AppendText(dst, "l");
  AppendHead(dst, kMajorArray, labels.size());
  for (std::string_view label : labels) AppendText(dst, label);
  AppendText(dst, "p");
  AppendPropertyViews(dst, props);
}

Status DecodeNodeRecord(std::string_view bytes, Node* node) {
  CborReader reader(bytes);
  uint64_t fields = 0;
  if (!reader.ReadHead(kMajorMap, &fields)) return Status::Corruption("node record is not CBOR");
  bool has_labels = false, has_props = false;
  for (uint64_t i = 0; i < fields; ++i) {
    std::string_view field;
    if (!reader.ReadText(&field)) return Status::Corruption("node record is not CBOR");
    if (field == "l") {
      uint64_t count = 0;
      if (!reader.ReadHead(kMajorArray, &count)) return Status::Corruption("node labels are not a list");
      node->labels.clear();
      for (uint64_t j = 0; j < count; ++j) {
        std::string_view label;
        if (!reader.ReadText(&label)) return Status::Corruption("node label is not a string");
        node->labels.emplace_back(label);
      }
      has_labels = true;
    } else if (field == "p") {
      if (!reader.ReadProperties(&node->props)) return Status::Corruption("node properties do not decode");
      has_props = true;
    } else {
      return Status::Corruption("node record has an unknown field");
    }
  }
  if (!has_labels || !has_props || !reader.done())
    return Status::Corruption("node record lacks labels or properties");
  return Status::OK();
}

std::string EncodeEdgeRecord(const Edge& edge, uint32_t type) {
  std::string record;
  keys::PutFixed32(&record, type);
  keys::PutFixed64(&record, edge.src);
  keys::PutFixed64(&record, edge.dst);
  if (!edge.props.empty()) AppendProperties(&record, edge.props);
  return record;
}

void AppendEdgeRecord(std::string* dst, uint32_t type, NodeId src, NodeId dst_node,
                      std::span<const PropertyView> props) {
  char head[kEdgeHeadSize];  // one append instead of three
  for (int i = 3; i >= 0; --i, type >>= 8) head[i] = static_cast<char>(type & 0xff);
  for (int i = 11; i >= 4; --i, src >>= 8) head[i] = static_cast<char>(src & 0xff);
  for (int i = 19; i >= 12; --i, dst_node >>= 8) head[i] = static_cast<char>(dst_node & 0xff);
  dst->append(head, sizeof head);
  if (!props.empty()) AppendPropertyViews(dst, props);
}

Status DecodeEdgeHead(std::string_view record, NodeId* src, NodeId* dst, uint32_t* type) {
  if (record.size() < kEdgeHeadSize) return Status::Corruption("edge record is too short");
  *type = keys::DecodeFixed32(record.data());
  *src = keys::DecodeFixed64(record.data() + 4);
  *dst = keys::DecodeFixed64(record.data() + 12);
  return Status::OK();
}

Status DecodeEdgeRecord(std::string_view record, Edge* edge, uint32_t* type) {
  STEPPE_RETURN_IF_ERROR(DecodeEdgeHead(record, &edge->src, &edge->dst, type));
  edge->props.clear();
  std::string_view tail = record.substr(kEdgeHeadSize);
  if (tail.empty()) return Status::OK();
  CborReader reader(tail);
  if (!reader.ReadProperties(&edge->props) || !reader.done())
    return Status::Corruption("edge properties do not decode");
  return Status::OK();
}

void AppendCbor(std::string* dst, const Value& value) { AppendValue(dst, value); }

Status ReadCbor(std::string_view bytes, Value* value) {
  CborReader reader(bytes);
  if (!reader.ReadValue(value, 0) || !reader.done()) return Status::Corruption("not one CBOR item");
  return Status::OK();
}

std::string EncodeArticleRecord(const StoredArticle& stored) {
  const Article& article = stored.article;
  Json record = Json::object();
  record["fp"] = stored.fingerprint;
  record["id"] = article.id;
  record["file"] = article.file;
  record["body"] = article.body;
  PutOptional(&record, "title", article.title);
  PutOptional(&record, "date", article.date);
  PutOptional(&record, "time", article.time);
  PutOptional(&record, "url", article.source_url);
  PutOptional(&record, "outlet", article.outlet);
  return ToCbor(record);
}

Status DecodeArticleRecord(std::string_view bytes, StoredArticle* stored) {
  Json record = FromCbor(bytes);
  if (!record.is_object()) return Status::Corruption("article record is not CBOR");
  for (const char* key : {"fp", "id", "file", "body"}) {
    auto it = record.find(key);
    if (it == record.end() || !it->is_string())
      return Status::Corruption(std::string("article record lacks \"") + key + "\"");
  }
  stored->fingerprint = record["fp"].get<std::string>();
  Article& article = stored->article;
  article = Article{};
  article.id = record["id"].get<std::string>();
  article.file = record["file"].get<std::string>();
  article.body = record["body"].get<std::string>();
  GetOptional(record, "title", &article.title);
  GetOptional(record, "date", &article.date);
  GetOptional(record, "time", &article.time);
  GetOptional(record, "url", &article.source_url);
  GetOptional(record, "outlet", &article.outlet);
  return Status::OK();
}

}  // namespace steppe::storage
