#include "storage/records.h"

#include <nlohmann/json.hpp>

#include "storage/keys.h"

namespace steppe::storage {
namespace {

using Json = nlohmann::json;

Json ToJson(const Value& value) {
  switch (value.kind()) {
    case Value::Kind::kNull: return nullptr;
    case Value::Kind::kBool: return value.as_bool();
    case Value::Kind::kInt: return value.as_int();
    case Value::Kind::kDouble: return value.as_double();
    case Value::Kind::kString: return value.as_string();
    case Value::Kind::kList: {
      Json list = Json::array();
      for (const Value& element : value.as_list()) list.push_back(ToJson(element));
      return list;
    }
    case Value::Kind::kMap: {
      Json map = Json::object();
      for (const auto& [key, element] : value.as_map()) map[key] = ToJson(element);
      return map;
    }
  }
  return nullptr;
}

Value FromJson(const Json& json) {
  switch (json.type()) {
    case Json::value_t::boolean: return Value(json.get<bool>());
    case Json::value_t::number_integer: return Value(json.get<int64_t>());
    case Json::value_t::number_unsigned: return Value(static_cast<int64_t>(json.get<uint64_t>()));
    case Json::value_t::number_float: return Value(json.get<double>());
    case Json::value_t::string: return Value(json.get_ref<const std::string&>());
    case Json::value_t::array: {
      Value::List list;
      list.reserve(json.size());
      for (const Json& element : json) list.push_back(FromJson(element));
      return Value(std::move(list));
    }
    case Json::value_t::object: {
      Value::Map map;
      for (const auto& [key, element] : json.items()) map.emplace(key, FromJson(element));
      return Value(std::move(map));
    }
    default: return Value();
  }
}

Json PropsToJson(const Properties& props) {
  Json object = Json::object();
  for (const auto& [key, value] : props) object[key] = ToJson(value);
  return object;
}

Status PropsFromJson(const Json& json, Properties* props) {
  if (!json.is_object()) return Status::Corruption("properties are not a map");
  props->clear();
  for (const auto& [key, value] : json.items()) props->emplace(key, FromJson(value));
  return Status::OK();
}

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
  Json record = Json::object();
  record["l"] = node.labels;
  record["p"] = PropsToJson(node.props);
  return ToCbor(record);
}

Status DecodeNodeRecord(std::string_view bytes, Node* node) {
  Json record = FromCbor(bytes);
  if (!record.is_object()) return Status::Corruption("node record is not CBOR");
  auto labels = record.find("l");
  auto props = record.find("p");
  if (labels == record.end() || !labels->is_array() || props == record.end())
    return Status::Corruption("node record lacks labels or properties");
  node->labels.clear();
  for (const Json& label : *labels) {
    if (!label.is_string()) return Status::Corruption("node label is not a string");
    node->labels.push_back(label.get<std::string>());
  }
  return PropsFromJson(*props, &node->props);
}

std::string EncodeEdgeRecord(const Edge& edge, uint32_t type) {
  std::string record;
  keys::PutFixed32(&record, type);
  keys::PutFixed64(&record, edge.src);
  keys::PutFixed64(&record, edge.dst);
  if (!edge.props.empty()) Json::to_cbor(PropsToJson(edge.props), record);
  return record;
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
  Json props = FromCbor(tail);
  if (props.is_discarded()) return Status::Corruption("edge properties are not CBOR");
  return PropsFromJson(props, &edge->props);
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
