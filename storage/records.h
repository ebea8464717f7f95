#pragma once

// How records are stored in the "nodes", "edges" and "articles" families.
// The variable parts are CBOR (RFC 8949); the id is the key and never
// repeated in the value. Node and edge records are written and read by a
// direct Value <-> CBOR codec, because ingest, bulk import and every query
// go through them millions of times and a detour through nlohmann::json
// doubles the allocations; nlohmann::json::from_cbor reads them the same
// (storage_test checks it). Article records go through nlohmann::json.
//
//   Node record     CBOR {"l": [label name...], "p": {properties}}
//   Edge record     type:fixed32 src_id:fixed64 dst_id:fixed64 CBOR {properties}
//                   (the fixed head lets scans read the endpoints without CBOR)
//   Article record  CBOR {"fp": fingerprint, "id", "file", "body", and when
//                   present "title", "date", "time", "url", "outlet"}

#include <cstdint>
#include <span>
#include <string>
#include <string_view>

#include "core/model.h"
#include "core/mutation.h"
#include "core/result.h"
#include "core/status.h"

namespace steppe::storage {

// Appends `value` as CBOR; ReadCbor reads one CBOR item (also the float16/32
// forms other writers use) and fails with Corruption on anything else.
void AppendCbor(std::string* dst, const Value& value);
Status ReadCbor(std::string_view bytes, Value* value);

std::string EncodeNodeRecord(const Node& node);
// Fills node->labels and node->props; Corruption when `record` does not decode.
Status DecodeNodeRecord(std::string_view record, Node* node);

// A string or integer property seen in place, without a Value: what bulk
// import reads from a CSV row. The Append*Record functions below encode rows
// of them into exactly the bytes Encode*Record gives for the same
// Properties map. REQUIRES for them: `props` sorted by key, keys distinct.
struct PropertyView {
  std::string_view key;
  std::string_view text;  // the value, unless is_int
  int64_t number = 0;     // the value, when is_int
  bool is_int = false;
};
void AppendNodeRecord(std::string* dst, std::span<const std::string_view> labels,
                      std::span<const PropertyView> props);

inline constexpr size_t kEdgeHeadSize = 20;
std::string EncodeEdgeRecord(const Edge& edge, uint32_t type);
void AppendEdgeRecord(std::string* dst, uint32_t type, NodeId src, NodeId dst_node,
                      std::span<const PropertyView> props);
// Fills edge->src, edge->dst, edge->props and *type (the caller maps it to
// a name); Corruption when `record` does not decode.
Status DecodeEdgeRecord(std::string_view record, Edge* edge, uint32_t* type);
// The fixed head alone, without decoding the properties.
Status DecodeEdgeHead(std::string_view record, NodeId* src, NodeId* dst, uint32_t* type);

std::string EncodeArticleRecord(const StoredArticle& article);
// Fills every field but article->node (the key).
Status DecodeArticleRecord(std::string_view record, StoredArticle* article);

}  // namespace steppe::storage
