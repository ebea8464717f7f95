#pragma once

#include <optional>
#include <set>
#include <string>
#include <string_view>
#include <vector>

#include "core/facts.h"
#include "core/model.h"
#include "core/resolve/country_lexicon.h"
#include "core/result.h"
#include "core/status.h"

namespace steppe::resolve {

// What is known about an entity beyond its names, from the article that
// mentions it (for a mention) or from the graph (for a stored node): the
// bodies a person holds roles in, the titles held, the countries served or
// belonged to. Titles are FoldText keys.
struct Evidence {
  std::set<NodeId> bodies;
  std::set<NodeId> countries;
  std::set<std::string> titles;
};

// The surface forms an entity is looked up under: its name and aliases with
// their country, acronym and law-title variants (name_forms.h); for a
// person also the surname, under which stored people keep an alias.
std::vector<std::string> LookupForms(const Entity& entity,
                                     const CountryLexicon& countries = CountryLexicon::Default());

// The country (alpha-2 code) a body's or country's own name names, if any.
std::optional<std::string> CountryOf(const Entity& entity,
                                     const CountryLexicon& countries = CountryLexicon::Default());

// A node that may be the entity being resolved.
struct Candidate {
  NodeId id = 0;
  std::string name;
  std::vector<std::string> aliases;
  Evidence evidence;
};

// Where the resolver looks for candidates; storage implements it over a
// GraphReader (plus the nodes of the batch being built), tests over a vector.
class CandidateSource {
 public:
  virtual ~CandidateSource() = default;
  // Appends to `out` every node of `type` whose name or one of whose aliases
  // has the FoldName key of `surface`, with its evidence. A node may be
  // appended more than once.
  virtual Status Find(std::string_view surface, EntityType type,
                      std::vector<Candidate>& out) const = 0;
};

// The rules that decide which stored node an entity of a new article is.
//
// Every entity is looked up under all of its forms (name_forms.h): its name
// and aliases with their transliteration, country ("Kazakh X" = "X of
// Kazakhstan" = "X of the Republic of Kazakhstan") and acronym variants.
// Countries, laws and agreements are the node found under any form. A body
// is too, unless the two are of different countries. A person is the node
// with the same full name (up to transliteration); a person known by a
// compatible name only ("E. Sarsenov" or "Sarsenov" for "Erlan Sarsenov") only when the two
// share a body, or a title within the same country, and no other candidate
// fits as well; two people with one surname and different given names never
// merge. Stateless beyond its references; thread-compatible.
class Resolver {
 public:
  explicit Resolver(const CandidateSource& source,
                    const CountryLexicon& countries = CountryLexicon::Default())
      : source_(source), countries_(countries) {}

  // The existing node `entity` denotes, or nullopt when it is a new one.
  // `evidence` is what its article says about it. Errors come from the source.
  Result<std::optional<NodeId>> Resolve(const Entity& entity, const Evidence& evidence) const;

  // LookupForms and CountryOf with this resolver's lexicon.
  std::vector<std::string> LookupForms(const Entity& entity) const {
    return resolve::LookupForms(entity, countries_);
  }
  std::optional<std::string> CountryOf(const Entity& entity) const {
    return resolve::CountryOf(entity, countries_);
  }

 private:
  std::optional<NodeId> ChoosePerson(const Entity& entity, const Evidence& evidence,
                                     const std::vector<Candidate>& candidates) const;
  std::optional<NodeId> ChooseBody(const Evidence& evidence,
                                   const std::vector<Candidate>& candidates) const;

  const CandidateSource& source_;
  const CountryLexicon& countries_;
};

}  // namespace steppe::resolve
