#pragma once

// The key layout of the RocksDB store: one column family per kind of record.
// Ids are fixed64 BIG-endian and dictionary ids fixed32 BIG-endian, so that
// RocksDB's bytewise order is numeric order and adjacency is a prefix scan.
// Labels and relationship types are interned: the dictionary in "meta" maps
// each name to a fixed32 id (1, 2, ... in order of first use).
//
//   "meta"     "format_version"                 -> fixed64
//              "next_node_id" | "next_edge_id"  -> fixed64 (every stored id is below it)
//              "label/" name                    -> fixed32 label id
//              "type/" name                     -> fixed32 type id
//              "stat/nodes" | "stat/edges" | "stat/articles" | "stat/duplicates" -> fixed64
//              "stat/label/" name | "stat/type/" name                           -> fixed64
//              "index/" label_name 0x00 key     -> ""   (an indexed (label, key) pair)
//   "nodes"    node_id                          -> Node record   (records.h)
//   "edges"    edge_id                          -> Edge record   (records.h)
//   "out"      src_id type:fixed32 dst_id edge_id  -> ""
//   "in"       dst_id type:fixed32 src_id edge_id  -> ""
//   "labels"   label:fixed32 node_id            -> ""
//   "names"    FoldName(name or alias) 0x00 node_id -> ""
//   "props"    label:fixed32 key 0x00 ordered_value node_id -> ""  (indexed pairs only)
//   "articles" node_id                          -> Article record (records.h)
//   "fingerprints" fingerprint                  -> node_id
//
// ordered_value (bytewise order = value order within a kind; equal values,
// including 1 and 1.0, encode equally):
//   bool     0x10 (0x00 | 0x01)
//   number   0x20 int64 with the sign bit flipped, fixed64   (ints, and doubles that are whole)
//            0x21 double bits, sign-flipped for order, fixed64 (other doubles)
//   string   0x30 bytes with 0x00 written 0x00 0xFF, then 0x00 0x01
//   list     0x40 element* 0x00
//   map      0x50 (string value)* 0x00
// null is never indexed (a null property is an absent one).

#include <cstdint>
#include <string>
#include <string_view>

#include "core/model.h"
#include "core/value.h"

namespace steppe::storage::keys {

// The column families, in the order Open() creates them.
enum class Family : int {
  kMeta,
  kNodes,
  kEdges,
  kOut,
  kIn,
  kLabels,
  kNames,
  kProps,
  kArticles,
  kFingerprints,
};
inline constexpr int kFamilyCount = 10;
// "meta", "nodes", ...; RocksDB's "default" family stays unused.
std::string_view FamilyName(Family family);

inline constexpr uint64_t kFormatVersion = 1;

// Meta keys.
inline constexpr std::string_view kFormatVersionKey = "format_version";
inline constexpr std::string_view kNextNodeIdKey = "next_node_id";
inline constexpr std::string_view kNextEdgeIdKey = "next_edge_id";
inline constexpr std::string_view kLabelDictPrefix = "label/";
inline constexpr std::string_view kTypeDictPrefix = "type/";
inline constexpr std::string_view kStatNodesKey = "stat/nodes";
inline constexpr std::string_view kStatEdgesKey = "stat/edges";
inline constexpr std::string_view kStatArticlesKey = "stat/articles";
inline constexpr std::string_view kStatDuplicatesKey = "stat/duplicates";
inline constexpr std::string_view kStatLabelPrefix = "stat/label/";
inline constexpr std::string_view kStatTypePrefix = "stat/type/";
inline constexpr std::string_view kIndexPrefix = "index/";

// Fixed-width big-endian integers.
void PutFixed32(std::string* dst, uint32_t value);
void PutFixed64(std::string* dst, uint64_t value);
uint32_t DecodeFixed32(const char* p);
uint64_t DecodeFixed64(const char* p);
std::string EncodeFixed32(uint32_t value);
std::string EncodeFixed64(uint64_t value);

// "nodes", "edges", "articles": the id alone.
std::string IdKey(uint64_t id);

// "out" and "in": the scanned node first, then type, the other end, the edge.
inline constexpr size_t kAdjacencyKeySize = 28;
struct Adjacency {
  NodeId node = 0;   // src in "out", dst in "in"
  uint32_t type = 0;
  NodeId other = 0;  // dst in "out", src in "in"
  EdgeId edge = 0;
};
std::string AdjacencyKey(const Adjacency& entry);
// False when `key` is not kAdjacencyKeySize bytes.
bool ParseAdjacencyKey(std::string_view key, Adjacency* entry);
// The prefix of every entry of `node` (of `type`, when `type` is not 0).
std::string AdjacencyPrefix(NodeId node, uint32_t type);

// "labels".
inline constexpr size_t kLabelKeySize = 12;
std::string LabelKey(uint32_t label, NodeId node);
bool ParseLabelKey(std::string_view key, uint32_t* label, NodeId* node);

// "names": `folded` is FoldName's output (never holds 0x00).
std::string NameKey(std::string_view folded, NodeId node);
std::string NamePrefix(std::string_view folded);
bool ParseNameKey(std::string_view key, std::string_view* folded, NodeId* node);

// "props". False from AppendOrderedValue for null (never indexed).
bool AppendOrderedValue(std::string* dst, const Value& value);
// The entry of `node`; REQUIRES: `value` is not null, `key` holds no 0x00.
std::string PropKey(uint32_t label, std::string_view key, const Value& value, NodeId node);
// PropKey appended to `dst` (bulk import packs millions of them in one buffer).
void AppendPropKey(std::string* dst, uint32_t label, std::string_view key, const Value& value,
                   NodeId node);
// The prefix of every node whose `key` under `label` equals `value`.
std::string PropPrefix(uint32_t label, std::string_view key, const Value& value);
struct PropEntry {
  uint32_t label = 0;
  std::string_view key;
  std::string_view ordered_value;
  NodeId node = 0;
};
bool ParsePropKey(std::string_view key, PropEntry* entry);

// Meta keys with a name in them.
std::string IndexKey(std::string_view label, std::string_view key);
bool ParseIndexKey(std::string_view meta_key, std::string_view* label, std::string_view* key);

// The smallest key greater than every key that starts with `prefix`, or ""
// when there is none (a prefix of 0xFF bytes only).
std::string PrefixEnd(std::string_view prefix);

}  // namespace steppe::storage::keys
