#pragma once

#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <unordered_set>
#include <vector>

#include "core/extract/text.h"

namespace steppe::extract {

// General knowledge the extractor looks words up in: countries (Debian's
// iso-codes list plus common short names, official long forms and
// demonyms), job titles, organisation head words and legal forms,
// Kazakhstan's state institutions, and the capitalised common words that are
// never part of a person's name. Built once; safe to share between threads.
// A hash that lets sets of std::string be searched with a string_view.
struct StringHash {
  using is_transparent = void;
  size_t operator()(std::string_view s) const { return std::hash<std::string_view>{}(s); }
};
using WordSet = std::unordered_set<std::string, StringHash, std::equal_to<>>;

class Lexicon {
 public:
  // The lexicon, built on first use (a function-local static).
  static const Lexicon& Get();

  struct CountryMatch {
    std::string name;     // the common short name ("South Korea")
    size_t tokens = 0;    // how many tokens the match spans
    bool adjective = false;  // a demonym ("Kazakh"), not a name
  };
  // The longest country name, long form or demonym that starts at tokens[i].
  std::optional<CountryMatch> MatchCountry(const std::vector<Token>& tokens, size_t i) const;
  // The country of one lower-case word (a name or demonym), if any.
  const std::string* CountryOfWord(std::string_view lower) const;

  // Title words, by lower-case form: heads ("minister", "ambassador") and
  // modifiers that may precede a head ("deputy", "vice", "first").
  bool IsTitleHead(std::string_view lower) const { return title_heads_.count(lower) > 0; }
  bool IsTitleModifier(std::string_view lower) const {
    return title_modifiers_.count(lower) > 0;
  }
  // Ranks and honorifics written before a name that are not roles ("Captain", "Mr").
  bool IsHonorific(std::string_view lower) const { return honorifics_.count(lower) > 0; }
  // Words that end an organisation's name ("Ministry", "Bank", "Group").
  bool IsOrgHead(std::string_view lower) const { return org_heads_.count(lower) > 0; }
  // Company legal forms ("JSC", "LLP", "Corp"), compared without a final period.
  bool IsLegalForm(std::string_view text) const;
  // State institutions named by one word ("Mazhilis", "Akorda", "Government").
  bool IsInstitution(std::string_view lower) const { return institutions_.count(lower) > 0; }
  // Acronyms of well-known international organisations ("UN", "CSTO").
  bool IsKnownOrgAcronym(std::string_view text) const { return org_acronyms_.count(text) > 0; }
  // The full name of a well-known acronym ("EU" -> "European Union"), or null.
  const std::string* AcronymExpansion(std::string_view acronym) const {
    auto it = acronym_expansions_.find(acronym);
    return it == acronym_expansions_.end() ? nullptr : &it->second;
  }
  const std::unordered_map<std::string, std::string, StringHash, std::equal_to<>>& AcronymExpansions() const {
    return acronym_expansions_;
  }
  // Capitalised words that are never part of a person's name.
  bool IsCommonWord(std::string_view lower) const { return common_words_.count(lower) > 0; }
  // 1..12 for a month name, else 0; 1..7 (Monday = 1) for a weekday, else 0.
  int Month(std::string_view lower) const;
  int Weekday(std::string_view lower) const;

 private:
  Lexicon();
  void AddCountryPhrase(std::string_view phrase, const std::string& name, bool adjective);

  struct CountryPhrase {
    std::vector<std::string> words;  // lower case
    std::string name;
    bool adjective = false;
  };
  std::unordered_map<std::string, std::vector<CountryPhrase>, StringHash, std::equal_to<>>
      country_phrases_;  // by first word
  std::unordered_map<std::string, std::string, StringHash, std::equal_to<>> country_words_;
  std::unordered_map<std::string, std::string, StringHash, std::equal_to<>> acronym_expansions_;
  WordSet title_heads_, title_modifiers_, honorifics_, org_heads_, legal_forms_, institutions_, org_acronyms_,
      common_words_;
};

}  // namespace steppe::extract
