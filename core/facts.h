#pragma once

#include <optional>
#include <string>
#include <vector>

#include "core/article.h"

namespace steppe {

// What one article says, in the shape of ../shared/eval/FORMAT.md. Names in
// roles, meetings, agreements and law actions are entity names or aliases of
// the same article. Absent fields are std::nullopt, never guessed.

enum class EntityType { kOfficial, kBody, kCountry, kLaw, kAgreement };

struct Entity {
  EntityType type = EntityType::kOfficial;
  std::string name;                  // the fullest form the article gives
  std::vector<std::string> aliases;  // other surface forms in the same article
};

struct Role {
  std::string person;
  std::optional<std::string> title;
  std::optional<std::string> body;
  std::optional<std::string> country;
  std::string sentence;  // the evidence
};

struct Meeting {
  std::vector<std::string> participants;  // two or more
  std::optional<std::string> date;        // ISO
  std::optional<std::string> place;
  std::vector<std::string> topics;
  std::string sentence;
};

struct AgreementFact {
  std::optional<std::string> name;
  std::optional<std::string> kind;  // agreement|memorandum|contract|treaty|protocol|declaration|roadmap
  std::vector<std::string> parties;
  std::vector<std::string> countries;
  std::optional<std::string> topic;
  std::optional<std::string> value;  // "USD 108 million"
  std::optional<std::string> date;
  std::string sentence;
};

struct LawAction {
  std::string law;
  std::optional<std::string> actor;
  std::string action;  // approved|adopted|signed|ratified|submitted|amended|drafted
  std::optional<std::string> date;
  std::optional<std::string> detail;
  std::string sentence;
};

struct ArticleFacts {
  Article article;
  std::vector<Entity> entities;
  std::vector<Role> roles;
  std::vector<Meeting> meetings;
  std::vector<AgreementFact> agreements;
  std::vector<LawAction> law_actions;
};

}  // namespace steppe
