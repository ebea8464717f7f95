#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/resolve/country_lexicon.h"

namespace steppe::resolve {

// The surface forms one name takes in the news, so that an entity can be
// looked up under every form another article may have stored it by. Each
// function is pure; the forms come back in no particular order, without
// duplicates (by FoldName key), the given name always among them.

// A body's name split into what the body is and which country it is of:
// "the Kazakh MFA", "MFA of Kazakhstan", "Ministry of Foreign Affairs of the
// Republic of Kazakhstan" all give {"Ministry of Foreign Affairs", "KZ"}
// (a ministry acronym is expanded, "Foreign Ministry" read as "Ministry of
// Foreign Affairs"; a state institution named alone, such as
// "the Mazhilis", gets its full stem and state). A name that names no country, or two
// ("Kazakhstan-Pakistan Business Council"), has no country_code.
struct BodyName {
  std::string stem;
  std::optional<std::string> country_code;
};
BodyName ParseBodyName(std::string_view name, const CountryLexicon& countries);

// "MFA" -> "Ministry of Foreign Affairs": the ministry acronyms in common
// use; nullopt for anything else.
std::optional<std::string> ExpandMinistryAcronym(std::string_view word);

// Every way to write the body: "X of C", "X of the Republic of C",
// "<adjective> X", "C X" for each name and adjective of the country, and a
// state institution's short name ("Mazhilis").
std::vector<std::string> BodyForms(std::string_view name, const BodyName& parsed,
                                   const CountryLexicon& countries);

// A law's forms: without "the" or "draft", "bill" read as "law", and the
// head without its country ("Law of the Republic of Kazakhstan On X" ->
// "Law On X").
std::vector<std::string> LawForms(std::string_view name, const CountryLexicon& countries);

// The country a law's or agreement's name says it is of: "Law of the
// Republic of Kazakhstan On X", "the Kazakh Tax Code" -> "KZ".
std::optional<std::string> CountryOfDocument(std::string_view name, const CountryLexicon& countries);

// A person's name as resolution compares it: FoldName keys of the given
// name (empty when only a surname is known) and the surname.
struct PersonName {
  std::string given;
  std::string given_text;  // FoldText of the given name, its initial untransliterated
  std::string surname;
  bool given_is_initial() const { return given.size() == 1; }
};
PersonName ParsePersonName(std::string_view name);

// How two names of people relate.
enum class PersonMatch {
  kSame,        // the same full name, up to transliteration
  kCompatible,  // one surname, given names that do not contradict ("E. Sarsenov",
                // "Sarsenov", "Erlan Sarsenov"): the same person only with more evidence
  kDifferent,   // different surnames, or different given names
};
PersonMatch ComparePersonNames(std::string_view a, std::string_view b);

// Whether an agreement's name is made only of words for a kind of document
// ("Memorandum of Understanding", "the bilateral agreements"): such a name
// identifies no one document, so it is never looked up or kept as an alias.
bool IsGenericAgreementName(std::string_view name);

}  // namespace steppe::resolve
