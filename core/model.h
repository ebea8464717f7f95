#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "core/value.h"

namespace steppe {

using NodeId = uint64_t;
using EdgeId = uint64_t;

// A node: its labels and properties. Graph-model nodes carry `name`,
// `aliases` (list of strings), `first_seen` and `last_seen` (ISO dates).
struct Node {
  NodeId id = 0;
  std::vector<std::string> labels;
  Properties props;

  bool HasLabel(std::string_view label) const {
    for (const auto& l : labels)
      if (l == label) return true;
    return false;
  }
};

// A directed, typed relationship. Fact edges carry `article` (the source
// Article node's id) and `sentence` (the text it was read from).
struct Edge {
  EdgeId id = 0;
  std::string type;
  NodeId src = 0;
  NodeId dst = 0;
  Properties props;
};

// The graph model's vocabulary (DESIGN.md, "Graph model").
namespace label {
inline constexpr std::string_view kOfficial = "Official";
inline constexpr std::string_view kBody = "Body";
inline constexpr std::string_view kCountry = "Country";
inline constexpr std::string_view kLaw = "Law";
inline constexpr std::string_view kAgreement = "Agreement";
inline constexpr std::string_view kArticle = "Article";
}  // namespace label

namespace rel {
inline constexpr std::string_view kHoldsRole = "HOLDS_ROLE";
inline constexpr std::string_view kServes = "SERVES";
inline constexpr std::string_view kPartOf = "PART_OF";
inline constexpr std::string_view kBelongsTo = "BELONGS_TO";
inline constexpr std::string_view kMet = "MET";
inline constexpr std::string_view kPartyTo = "PARTY_TO";
inline constexpr std::string_view kConcerns = "CONCERNS";
inline constexpr std::string_view kApproved = "APPROVED";
inline constexpr std::string_view kAdopted = "ADOPTED";
inline constexpr std::string_view kSigned = "SIGNED";
inline constexpr std::string_view kRatified = "RATIFIED";
inline constexpr std::string_view kSubmitted = "SUBMITTED";
inline constexpr std::string_view kMentions = "MENTIONS";
}  // namespace rel

}  // namespace steppe
