#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/model.h"
#include "core/result.h"
#include "storage/graph_store.h"

namespace steppe::storage {

// The questions users ask most (DESIGN.md), answered straight from a
// GraphReader, so that they work before and beside the Cypher engine. Names
// are matched as the names index matches them (FoldName of the name or any
// alias), so "Erlan Temirov" finds "Yerlan Temirov"; a body or country also
// under its variant forms (core/resolve), so "Mazhilis" finds "Mazhilis of
// the Parliament of the Republic of Kazakhstan". Each answer carries its
// evidence: the Article node and sentence the fact was read from. Errors come
// from the reader.

struct MeetingRow {
  std::string who;    // the named official, as stored
  std::string other;  // whom they met
  std::optional<std::string> date;
  std::optional<std::string> place;
  std::vector<std::string> topics;
  NodeId article = 0;
  std::string sentence;
};
// Everyone the official(s) named `official` met, by date (undated last),
// one row per MET edge in either direction.
Result<std::vector<MeetingRow>> MeetingsOf(const GraphReader& graph, std::string_view official);

struct AgreementRow {
  std::string name;
  std::optional<std::string> kind;
  std::optional<std::string> topic;
  std::optional<std::string> value;
  std::optional<std::string> date;
  std::vector<std::string> parties;  // names, sorted
};
// Every agreement that CONCERNS the country named `country`, by name.
Result<std::vector<AgreementRow>> AgreementsConcerning(const GraphReader& graph,
                                                       std::string_view country);

struct LawActionRow {
  std::string law;
  std::string action;  // the relationship type: APPROVED, ADOPTED, ...
  std::optional<std::string> date;
  std::optional<std::string> detail;
  NodeId article = 0;
  std::string sentence;
};
// What the body named `body` did to laws and agreements (APPROVED, ADOPTED,
// SIGNED, RATIFIED, SUBMITTED edges), by date then law.
Result<std::vector<LawActionRow>> LawActionsOf(const GraphReader& graph, std::string_view body);

}  // namespace steppe::storage
