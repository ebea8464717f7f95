#include "core/resolve/resolver.h"

#include <algorithm>
#include <map>

#include "core/fold.h"
#include "core/resolve/name_forms.h"

namespace steppe::resolve {
namespace {

bool Intersect(const auto& a, const auto& b) {
  for (const auto& x : a)
    if (b.count(x)) return true;
  return false;
}

// Two known, disjoint sets of countries: the two cannot be one thing.
bool CountriesConflict(const Evidence& a, const Evidence& b) {
  return !a.countries.empty() && !b.countries.empty() && !Intersect(a.countries, b.countries);
}

std::vector<std::string> Surfaces(const Entity& entity) {
  std::vector<std::string> surfaces = {entity.name};
  surfaces.insert(surfaces.end(), entity.aliases.begin(), entity.aliases.end());
  return surfaces;
}

bool IsMultiWord(std::string_view name) { return name.find(' ') != std::string_view::npos; }

// The closest relation between the entity's names and the candidate's; the
// two primary names decide a contradiction.
PersonMatch ComparePerson(const Entity& entity, const Candidate& candidate) {
  PersonMatch match = ComparePersonNames(entity.name, candidate.name);
  if (match != PersonMatch::kCompatible) return match;
  std::vector<std::string> theirs = {candidate.name};
  theirs.insert(theirs.end(), candidate.aliases.begin(), candidate.aliases.end());
  for (const std::string& mine : Surfaces(entity))
    for (const std::string& other : theirs)
      if (IsMultiWord(mine) && IsMultiWord(other) &&
          ComparePersonNames(mine, other) == PersonMatch::kSame)
        return PersonMatch::kSame;
  return match;
}

bool SharesRole(const Evidence& mine, const Evidence& theirs) {
  if (Intersect(mine.bodies, theirs.bodies)) return true;
  return Intersect(mine.titles, theirs.titles) && Intersect(mine.countries, theirs.countries);
}

// One entry per node, its evidence merged, in id order.
std::vector<Candidate> Unique(std::vector<Candidate> found) {
  std::map<NodeId, Candidate> by_id;
  for (Candidate& c : found) {
    auto [it, fresh] = by_id.try_emplace(c.id, c);
    if (fresh) continue;
    Evidence& e = it->second.evidence;
    e.bodies.insert(c.evidence.bodies.begin(), c.evidence.bodies.end());
    e.countries.insert(c.evidence.countries.begin(), c.evidence.countries.end());
    e.titles.insert(c.evidence.titles.begin(), c.evidence.titles.end());
  }
  std::vector<Candidate> out;
  for (auto& [id, c] : by_id) out.push_back(std::move(c));
  return out;
}

}  // namespace

std::vector<std::string> LookupForms(const Entity& entity, const CountryLexicon& countries) {
  std::vector<std::string> forms;
  auto add_all = [&forms](const std::vector<std::string>& more) {
    forms.insert(forms.end(), more.begin(), more.end());
  };
  switch (entity.type) {
    case EntityType::kCountry:
      add_all(Surfaces(entity));
      if (auto code = CountryOf(entity, countries)) add_all(countries.Names(*code));
      break;
    case EntityType::kBody:
      for (const std::string& s : Surfaces(entity))
        add_all(BodyForms(s, ParseBodyName(s, countries), countries));
      break;
    case EntityType::kLaw:
      for (const std::string& s : Surfaces(entity)) add_all(LawForms(s, countries));
      break;
    case EntityType::kAgreement:
      add_all(Surfaces(entity));
      break;
    case EntityType::kOfficial:
      add_all(Surfaces(entity));
      // Stored people carry their surname as an alias: finding them by it
      // lets "E. Sarsenov" meet "Erlan Sarsenov"; ChoosePerson decides.
      if (IsMultiWord(entity.name)) forms.push_back(entity.name.substr(entity.name.rfind(' ') + 1));
      break;
  }
  std::sort(forms.begin(), forms.end());
  forms.erase(std::unique(forms.begin(), forms.end()), forms.end());
  return forms;
}

std::optional<std::string> CountryOf(const Entity& entity, const CountryLexicon& countries) {
  for (const std::string& s : Surfaces(entity)) {
    if (entity.type == EntityType::kCountry) {
      if (auto code = countries.CodeOfName(s)) return code;
      if (auto code = countries.CodeOfAdjective(s)) return code;
    } else if (entity.type == EntityType::kBody) {
      if (auto code = ParseBodyName(s, countries).country_code) return code;
    }
  }
  return std::nullopt;
}

Result<std::optional<NodeId>> Resolver::Resolve(const Entity& entity,
                                                const Evidence& evidence) const {
  std::vector<Candidate> found;
  for (const std::string& form : LookupForms(entity))
    STEPPE_RETURN_IF_ERROR(source_.Find(form, entity.type, found));
  std::vector<Candidate> candidates = Unique(std::move(found));
  if (candidates.empty()) return std::optional<NodeId>();
  switch (entity.type) {
    case EntityType::kOfficial:
      return ChoosePerson(entity, evidence, candidates);
    case EntityType::kBody:
      return ChooseBody(evidence, candidates);
    case EntityType::kCountry:
    case EntityType::kLaw:
    case EntityType::kAgreement:
      break;
  }
  return std::optional<NodeId>(candidates.front().id);
}

std::optional<NodeId> Resolver::ChoosePerson(const Entity& entity, const Evidence& evidence,
                                             const std::vector<Candidate>& candidates) const {
  std::optional<NodeId> same, same_with_role, compatible;
  int compatible_count = 0;
  for (const Candidate& c : candidates) {
    if (CountriesConflict(evidence, c.evidence)) continue;
    PersonMatch match = ComparePerson(entity, c);
    bool shares_role = SharesRole(evidence, c.evidence);
    if (match == PersonMatch::kSame) {
      if (!same) same = c.id;
      if (shares_role && !same_with_role) same_with_role = c.id;
    } else if (match == PersonMatch::kCompatible && shares_role) {
      compatible = c.id;
      ++compatible_count;
    }
  }
  if (same_with_role) return same_with_role;
  if (same) return same;
  // Two people fit the short name equally well: guessing would merge one of
  // them wrongly, so the mention becomes a node of its own.
  if (compatible_count == 1) return compatible;
  return std::nullopt;
}

std::optional<NodeId> Resolver::ChooseBody(const Evidence& evidence,
                                           const std::vector<Candidate>& candidates) const {
  for (const Candidate& c : candidates)
    if (!CountriesConflict(evidence, c.evidence)) return c.id;
  return std::nullopt;
}

}  // namespace steppe::resolve
