#include "core/resolve/name_forms.h"

#include <algorithm>
#include <set>
#include <sstream>

#include "core/fold.h"

namespace steppe::resolve {
namespace {

std::vector<std::string> SplitWords(std::string_view text) {
  std::vector<std::string> words;
  std::istringstream in{std::string(text)};
  for (std::string w; in >> w;) words.push_back(w);
  return words;
}

std::string JoinWords(const std::vector<std::string>& words, size_t begin, size_t end) {
  std::string out;
  for (size_t i = begin; i < end && i < words.size(); ++i) {
    if (!out.empty()) out += ' ';
    out += words[i];
  }
  return out;
}

bool IsWord(std::string_view word, std::string_view expected) {
  return FoldText(word) == expected;
}

// Collects forms, keeping the first of each FoldName key.
class FormSet {
 public:
  void Add(const std::string& form) {
    if (form.empty()) return;
    if (keys_.insert(FoldName(form)).second) forms_.push_back(form);
  }
  std::vector<std::string> Take() { return std::move(forms_); }

 private:
  std::set<std::string> keys_;
  std::vector<std::string> forms_;
};

// The country a trailing "of [the] [Republic of] C" names: the words after
// the first "of" whose remainder is a country name.
std::optional<std::pair<size_t, std::string>> TrailingCountry(const std::vector<std::string>& words,
                                                              const CountryLexicon& countries) {
  for (size_t i = 1; i + 1 < words.size(); ++i) {
    if (!IsWord(words[i], "of")) continue;
    if (auto code = countries.CodeOfName(JoinWords(words, i + 1, words.size())))
      return std::make_pair(i, *code);
  }
  return std::nullopt;
}

// The country a leading adjective or name ("Kazakh", "South Korean",
// "Kazakhstan's") names, with the number of words it takes.
std::optional<std::pair<size_t, std::string>> LeadingCountry(const std::vector<std::string>& words,
                                                             const CountryLexicon& countries) {
  for (size_t n = std::min<size_t>(3, words.size() - 1); n >= 1; --n) {
    std::string head = JoinWords(words, 0, n);
    if (auto code = countries.CodeOfAdjective(head)) return std::make_pair(n, *code);
    if (auto code = countries.CodeOfName(head)) return std::make_pair(n, *code);
  }
  return std::nullopt;
}

// Every country a name mentions anywhere, to tell a bilateral body apart.
std::set<std::string> CountriesNamed(std::string_view name, const CountryLexicon& countries) {
  std::set<std::string> codes;
  std::vector<std::string> words = SplitWords(FoldText(name));
  for (size_t i = 0; i < words.size(); ++i)
    for (size_t n = 1; n <= 3 && i + n <= words.size(); ++n) {
      std::string span = JoinWords(words, i, i + n);
      if (auto code = countries.CodeOfName(span)) codes.insert(*code);
      if (auto code = countries.CodeOfAdjective(span)) codes.insert(*code);
    }
  return codes;
}

// Institutions whose name alone says which state's they are (general
// knowledge of Kazakhstan's state institutions), with their stem.
struct Institution {
  std::string_view short_name;
  std::string_view stem;
  std::string_view country;
};
constexpr Institution kStateInstitutions[] = {
    {"Mazhilis", "Mazhilis of the Parliament", "KZ"},
    {"Mazhilis of the Parliament", "Mazhilis of the Parliament", "KZ"},
};

// "Foreign Ministry" -> "Ministry of Foreign Affairs", "Finance Ministry"
// -> "Ministry of Finance": the portfolio-first form of a ministry's name.
void ApplyMinistryOrder(BodyName& parsed) {
  std::vector<std::string> words = SplitWords(parsed.stem);
  if (words.size() < 2 || !IsWord(words.back(), "ministry")) return;
  std::string portfolio = JoinWords(words, 0, words.size() - 1);
  std::string key = FoldText(portfolio);
  if (key == "foreign") portfolio = "Foreign Affairs";
  if (key == "interior") portfolio = "Internal Affairs";
  parsed.stem = "Ministry of " + portfolio;
}

void ApplyStateInstitution(BodyName& parsed) {
  std::string key = FoldName(parsed.stem);
  for (const Institution& institution : kStateInstitutions) {
    if (key != FoldName(institution.short_name)) continue;
    if (parsed.country_code && *parsed.country_code != institution.country) return;
    parsed.stem = std::string(institution.stem);
    parsed.country_code = std::string(institution.country);
    return;
  }
}

}  // namespace

std::optional<std::string> ExpandMinistryAcronym(std::string_view word) {
  struct Acronym {
    std::string_view key;
    std::string_view expansion;
  };
  static constexpr Acronym kAcronyms[] = {
      {"mfa", "Ministry of Foreign Affairs"},    {"mofa", "Ministry of Foreign Affairs"},
      {"mod", "Ministry of Defence"},            {"mia", "Ministry of Internal Affairs"},
      {"moh", "Ministry of Health"},             {"moj", "Ministry of Justice"},
      {"mof", "Ministry of Finance"},            {"mne", "Ministry of National Economy"},
      {"mes", "Ministry of Emergency Situations"},
  };
  std::string key = FoldText(word);
  for (const Acronym& a : kAcronyms)
    if (key == a.key) return std::string(a.expansion);
  return std::nullopt;
}

BodyName ParseBodyName(std::string_view name, const CountryLexicon& countries) {
  std::vector<std::string> words = SplitWords(name);
  if (!words.empty() && IsWord(words.front(), "the")) words.erase(words.begin());
  BodyName parsed{JoinWords(words, 0, words.size()), std::nullopt};
  if (words.size() < 2) {
    ApplyStateInstitution(parsed);
    return parsed;
  }
  if (auto trailing = TrailingCountry(words, countries)) {
    parsed.stem = JoinWords(words, 0, trailing->first);
    parsed.country_code = trailing->second;
  } else if (auto leading = LeadingCountry(words, countries)) {
    parsed.stem = JoinWords(words, leading->first, words.size());
    parsed.country_code = leading->second;
  }
  if (auto expansion = ExpandMinistryAcronym(parsed.stem)) parsed.stem = *expansion;
  ApplyMinistryOrder(parsed);
  ApplyStateInstitution(parsed);
  // A name with a second country in its stem belongs to both, so to neither.
  if (parsed.country_code && CountriesNamed(parsed.stem, countries).size() > 0)
    parsed.country_code.reset();
  return parsed;
}

std::vector<std::string> BodyForms(std::string_view name, const BodyName& parsed,
                                   const CountryLexicon& countries) {
  FormSet forms;
  forms.Add(std::string(name));
  if (!parsed.country_code) {
    forms.Add(parsed.stem);
    return forms.Take();
  }
  const std::string& code = *parsed.country_code;
  for (const std::string& country : countries.Names(code)) {
    forms.Add(parsed.stem + " of " + country);
    forms.Add(parsed.stem + " of the Republic of " + country);
    forms.Add(country + " " + parsed.stem);
  }
  for (const std::string& adjective : countries.Adjectives(code))
    forms.Add(adjective + " " + parsed.stem);
  for (const Institution& institution : kStateInstitutions)
    if (institution.stem == parsed.stem && institution.country == code)
      forms.Add(std::string(institution.short_name));
  return forms.Take();
}

std::vector<std::string> LawForms(std::string_view name, const CountryLexicon& countries) {
  FormSet forms;
  forms.Add(std::string(name));
  std::vector<std::string> words = SplitWords(name);
  while (!words.empty() && (IsWord(words.front(), "the") || IsWord(words.front(), "draft")))
    words.erase(words.begin());
  if (words.empty()) return forms.Take();
  if (IsWord(words.front(), "bill")) words.front() = "Law";
  forms.Add(JoinWords(words, 0, words.size()));
  // "Law of the Republic of Kazakhstan On X": drop the country after the head.
  if (words.size() > 3 && IsWord(words[1], "of")) {
    for (size_t end = 3; end < words.size(); ++end) {
      if (!countries.CodeOfName(JoinWords(words, 2, end))) continue;
      std::vector<std::string> bare = {words.front()};
      bare.insert(bare.end(), words.begin() + static_cast<std::ptrdiff_t>(end), words.end());
      forms.Add(JoinWords(bare, 0, bare.size()));
      break;
    }
  }
  return forms.Take();
}

std::optional<std::string> CountryOfDocument(std::string_view name,
                                             const CountryLexicon& countries) {
  std::vector<std::string> words = SplitWords(name);
  if (!words.empty() && IsWord(words.front(), "the")) words.erase(words.begin());
  if (words.size() < 2) return std::nullopt;
  if (auto leading = LeadingCountry(words, countries)) return leading->second;
  for (size_t i = 1; i + 1 < words.size(); ++i) {
    if (!IsWord(words[i], "of")) continue;
    // "of the Republic of Kazakhstan" is the longest usual form: five words.
    for (size_t end = i + 2; end <= std::min(words.size(), i + 6); ++end)
      if (auto code = countries.CodeOfName(JoinWords(words, i + 1, end))) return code;
  }
  return std::nullopt;
}

PersonName ParsePersonName(std::string_view name) {
  std::vector<std::string> words = SplitWords(name);
  PersonName person;
  if (words.empty()) return person;
  person.surname = FoldName(words.back());
  if (words.size() > 1) {
    person.given = FoldName(words.front());
    person.given_text = FoldText(words.front());
  }
  return person;
}

PersonMatch ComparePersonNames(std::string_view a, std::string_view b) {
  PersonName pa = ParsePersonName(a);
  PersonName pb = ParsePersonName(b);
  if (pa.surname.empty() || pa.surname != pb.surname) return PersonMatch::kDifferent;
  if (pa.given.empty() || pb.given.empty()) return PersonMatch::kCompatible;
  if (!pa.given_is_initial() && !pb.given_is_initial()) {
    if (pa.given != pb.given) return PersonMatch::kDifferent;
    return FoldName(a) == FoldName(b) ? PersonMatch::kSame : PersonMatch::kCompatible;
  }
  // "Y. Sarsenov" is "Yerlan Sarsenov" though FoldName writes the latter "erlan".
  bool initials_agree = pa.given.front() == pb.given.front() ||
                        pa.given_text.front() == pb.given_text.front();
  return initials_agree ? PersonMatch::kCompatible : PersonMatch::kDifferent;
}

bool IsGenericAgreementName(std::string_view name) {
  static const std::set<std::string> kGeneric = {
      "memorandum", "memorandums", "memoranda", "agreement", "agreements", "contract",
      "contracts", "treaty", "treaties", "protocol", "protocols", "declaration", "roadmap",
      "road", "map", "of", "on", "the", "a", "an", "understanding", "cooperation", "intent",
      "mutual", "intergovernmental", "bilateral", "commercial", "document", "documents",
      "joint", "strategic", "partnership", "framework", "new", "and", "signed"};
  std::istringstream in(FoldText(name));
  for (std::string w; in >> w;)
    if (!kGeneric.count(w)) return false;
  return true;
}

}  // namespace steppe::resolve
