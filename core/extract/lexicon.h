#pragma once

#include <cstdint>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <unordered_set>
#include <vector>

#include "core/extract/text.h"

namespace steppe::extract {

// A hash that lets maps keyed by std::string be searched with a
// string_view: FNV-1a, cheaper than std::hash on the short words looked up
// for every token.
struct StringHash {
  using is_transparent = void;
  size_t operator()(std::string_view s) const {
    uint64_t h = 14695981039346656037ull;
    for (char c : s) h = (h ^ static_cast<unsigned char>(c)) * 1099511628211ull;
    return static_cast<size_t>(h);
  }
};
using WordSet = std::unordered_set<std::string, StringHash, std::equal_to<>>;

// General knowledge the extractor looks words up in: countries (Debian's
// iso-codes list plus common short names, official long forms and
// demonyms), job titles, organisation head words and legal forms,
// Kazakhstan's state institutions, and the capitalised common words that are
// never part of a person's name. Built once; safe to share between threads.
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
  bool IsCountryWord(const Token& t) const { return t.lexicon & kCountryWord; }

  // The classes of lower-case words the lexicon knows, as bits.
  enum WordBits : unsigned {
    kTitleHead = 1u << 0,      // "minister", "ambassador"
    kTitleModifier = 1u << 1,  // "deputy", "vice", "first": may precede a head
    kHonorific = 1u << 2,      // ranks and honorifics that are not roles ("captain", "mr")
    kOrgHead = 1u << 3,        // words that end an organisation's name ("ministry", "bank")
    kLegalForm = 1u << 4,      // company legal forms ("jsc", "llp", "corp")
    kInstitution = 1u << 5,    // state institutions named by one word ("mazhilis")
    kCommonWord = 1u << 6,     // capitalised words that are never part of a person's name
    kCountryWord = 1u << 7,    // a one-word country name or demonym
    kCountryStart = 1u << 8,   // the first word of a country name, long form or demonym
    kReportingVerb = 1u << 20,  // verbs that follow a person's name ("said", "noted", "met")
    kOrgNoun = 1u << 21,        // lower-case nouns that type a name next to them as an organisation
    // Words that may trigger a relation rule; the month and weekday numbers sit between.
    kMeetingWord = 1u << 16,    // met, talks, received, ...
    kAgreementWord = 1u << 17,  // agreement, memorandum, signed, agreed, ...
    kLawWord = 1u << 18,        // approved, adopted, ratified, ...
    kDiscussWord = 1u << 19,    // discussed, exchanged, reviewed
  };
  // Month (1..12) and weekday (1..7) numbers, stored above the class bits.
  static constexpr unsigned kMonthShift = 9, kWeekdayShift = 13;
  // Sets Token::lexicon on every word of `sentence`: one look-up per token,
  // which the token overloads below then read.
  void Annotate(Sentence& sentence) const;

  bool IsTitleHead(std::string_view lower) const { return Bits(lower) & kTitleHead; }
  bool IsTitleHead(const Token& t) const { return t.lexicon & kTitleHead; }
  bool IsTitleModifier(std::string_view lower) const { return Bits(lower) & kTitleModifier; }
  bool IsTitleModifier(const Token& t) const { return t.lexicon & kTitleModifier; }
  bool IsHonorific(const Token& t) const { return t.lexicon & kHonorific; }
  bool IsOrgHead(const Token& t) const { return t.lexicon & kOrgHead; }
  // Company legal forms ("JSC", "LLP", "Corp"), compared without a final period.
  bool IsLegalForm(std::string_view text) const;
  bool IsLegalForm(const Token& t) const;
  bool IsInstitution(std::string_view lower) const { return Bits(lower) & kInstitution; }
  bool IsReportingVerb(const Token& t) const { return t.lexicon & kReportingVerb; }
  // "the Swedish company Nordvik", "QRT national company".
  bool IsOrgNoun(const Token& t) const { return t.lexicon & kOrgNoun; }
  bool IsInstitution(const Token& t) const { return t.lexicon & kInstitution; }
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
  bool IsCommonWord(std::string_view lower) const { return Bits(lower) & kCommonWord; }
  bool IsCommonWord(const Token& t) const { return t.lexicon & kCommonWord; }
  // 1..12 for a month name, else 0; 1..7 (Monday = 1) for a weekday, else 0.
  int Month(std::string_view lower) const { return static_cast<int>((Bits(lower) >> kMonthShift) & 15); }
  int Month(const Token& t) const { return static_cast<int>((t.lexicon >> kMonthShift) & 15); }
  int Weekday(std::string_view lower) const { return static_cast<int>((Bits(lower) >> kWeekdayShift) & 7); }
  int Weekday(const Token& t) const { return static_cast<int>((t.lexicon >> kWeekdayShift) & 7); }

 private:
  Lexicon();
  void AddCountryPhrase(std::string_view phrase, const std::string& name, bool adjective);
  void AddWords(unsigned bits, std::string_view words);
  unsigned Bits(std::string_view lower) const { return words_.Find(lower); }

  // The words and their WordBits, frozen into an open-addressing table once
  // built: a look-up per token is one hash and a short probe, with no
  // division and no node to follow.
  class WordTable {
   public:
    void Build(const std::unordered_map<std::string, unsigned, StringHash, std::equal_to<>>& words);
    unsigned Find(std::string_view word) const {
      if (slots_.empty()) return 0;
      for (size_t i = StringHash{}(word) & mask_;; i = (i + 1) & mask_) {
        const Slot& slot = slots_[i];
        if (slot.word.empty()) return 0;
        if (slot.word == word) return slot.bits;
      }
    }

   private:
    struct Slot {
      std::string word;  // empty: a free slot
      unsigned bits = 0;
    };
    std::vector<Slot> slots_;  // a power of two in size, at most half full
    size_t mask_ = 0;
  };

  // Country names, long forms and demonyms as a trie of lower-case words:
  // the longest match is one look-up per word.
  struct CountryNode {
    std::unordered_map<std::string, std::unique_ptr<CountryNode>, StringHash, std::equal_to<>> next;
    std::optional<CountryMatch> match;  // a phrase ends here
  };
  CountryNode countries_;
  std::unordered_map<std::string, std::string, StringHash, std::equal_to<>> country_words_;
  std::unordered_map<std::string, std::string, StringHash, std::equal_to<>> acronym_expansions_;
  // lower -> WordBits while the constructor adds words; then frozen into words_.
  std::unordered_map<std::string, unsigned, StringHash, std::equal_to<>> word_bits_;
  WordTable words_;
  WordSet org_acronyms_;
};

}  // namespace steppe::extract
