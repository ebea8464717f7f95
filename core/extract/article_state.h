#pragma once

// The working state of one article while it is extracted: its sentences with
// their mentions, and the table of entities the mentions resolve to. Private
// to core/extract/.

#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "core/extract/lexicon.h"
#include "core/extract/text.h"
#include "core/facts.h"

namespace steppe::extract {

// A name in a sentence, resolved to an entity of the article.
struct Mention {
  EntityType type = EntityType::kBody;
  size_t begin = 0, end = 0;  // token range [begin, end) in its sentence
  int entity = -1;            // index into EntityTable
  bool adjective = false;     // a country named by its demonym ("Kazakh")
  bool in_presence = false;   // after "in the presence of": a witness, not a party
};

// A capitalised name that no rule typed yet ("Nordvik", "Geoscan"). A fact
// rule that finds it in a party's place makes it a Body.
struct Unknown {
  size_t begin = 0, end = 0;
};

struct RoleMention {
  int person = -1;  // entity index
  std::string title;
  int body = -1;     // entity index or -1
  int country = -1;  // entity index or -1
};

// Which relation rules a sentence can feed, from the words it holds (the
// Lexicon's trigger words); the rules skip the sentences that cannot.
enum KeywordBits : unsigned {
  kMeetingWords = 1u << 0,    // met, talks, received, ...
  kAgreementWords = 1u << 1,  // agreement, memorandum, signed, agreed, ...
  kLawWords = 1u << 2,        // approved, adopted, ratified, ...
  kDiscussWords = 1u << 3,    // discussed, exchanged, reviewed
};
unsigned KeywordsOf(const Sentence& sentence);  // REQUIRES: Lexicon::Annotate ran

struct SentenceState {
  Sentence sentence;
  unsigned keywords = 0;  // KeywordBits
  bool headline = false;
  std::vector<Mention> mentions;  // ordered by position
  std::vector<Unknown> unknowns;
  std::vector<RoleMention> roles;

  std::string Text(size_t begin, size_t end) const;  // the source text of a token range
};

// The entities of one article, looked up by FoldName of any name or alias.
class EntityTable {
 public:
  // The entity of `type` named `name`, added when new. A longer form of a
  // person's name that extends a known one becomes the name; the shorter
  // form stays as an alias.
  int Add(EntityType type, const std::string& name);
  void AddAlias(int id, const std::string& alias);
  // Makes `name` the entity's name, keeping the old name as an alias.
  void Rename(int id, const std::string& name);
  int Find(EntityType type, std::string_view name) const;
  // The person whose last name (folded) is `surname`, when exactly one is.
  int FindPersonBySurname(std::string_view surname) const;
  // The entity an acronym defined in this article stands for, or -1.
  int FindAcronym(std::string_view acronym) const;
  void DefineAcronym(std::string_view acronym, int id);

  const Entity& at(int id) const { return entities_[static_cast<size_t>(id)]; }
  const std::vector<Entity>& entities() const { return entities_; }
  std::vector<Entity> Release() { return std::move(entities_); }

 private:
  // FoldName(text), remembered: the same names recur within an article.
  const std::string& Key(std::string_view text) const;

  std::vector<Entity> entities_;
  mutable std::unordered_map<std::string, std::string, StringHash, std::equal_to<>> keys_;
  std::vector<std::string> name_keys_;  // FoldName of each entity's name
  std::unordered_map<std::string, std::vector<int>> by_key_;
  std::unordered_map<std::string, int> acronyms_;
};

}  // namespace steppe::extract
