#include "core/resolve/country_lexicon.h"

#include <algorithm>
#include <fstream>
#include <nlohmann/json.hpp>
#include <sstream>

#include "core/fold.h"

namespace steppe::resolve {
namespace {

// Short names the news uses where iso-codes has a longer or older one; a
// country's first name is its usual short name, the name extraction gives
// the country and resolution its node.
struct ShortForm {
  std::string_view code;
  std::string_view name;
};
constexpr ShortForm kShortNames[] = {
    {"RU", "Russia"},       {"IR", "Iran"},        {"SY", "Syria"},
    {"KR", "South Korea"},  {"KP", "North Korea"}, {"VN", "Vietnam"},
    {"LA", "Laos"},         {"MD", "Moldova"},     {"TZ", "Tanzania"},
    {"BO", "Bolivia"},      {"VE", "Venezuela"},   {"TR", "Türkiye"},
    {"GB", "United Kingdom"}, {"US", "United States"}, {"BN", "Brunei"},
    {"PS", "Palestine"},    {"VA", "Holy See"},
};
// Other names and long forms in common use that iso-codes does not list,
// known after the iso-codes ones.
constexpr ShortForm kOtherNames[] = {
    {"TR", "Turkey"},          {"TR", "Turkiye"},          {"TR", "Republic of Turkiye"},
    {"KR", "Korea"},           {"KR", "Republic of Korea"}, {"GB", "UK"},
    {"GB", "Britain"},         {"GB", "Great Britain"},    {"US", "US"},
    {"US", "USA"},             {"US", "United States of America"}, {"AE", "UAE"},
    {"AE", "Emirates"},        {"CZ", "Czech Republic"},   {"KG", "Kyrgyz Republic"},
    {"SK", "Slovak Republic"}, {"NL", "Holland"},          {"VA", "Vatican"},
    {"CI", "Ivory Coast"},     {"IR", "Islamic Republic of Iran"}, {"VN", "Viet Nam"},
    {"CN", "PRC"},             {"KZ", "Republic of Kazakhstan"},
};

// Demonyms and national adjectives that no suffix rule derives, most usual
// first per country.
constexpr ShortForm kIrregularAdjectives[] = {
    {"KZ", "Kazakh"},      {"KZ", "Kazakhstani"}, {"KZ", "Qazaq"},      {"UZ", "Uzbek"},
    {"TJ", "Tajik"},       {"TM", "Turkmen"},     {"AF", "Afghan"},     {"KG", "Kyrgyz"},
    {"CN", "Chinese"},     {"JP", "Japanese"},    {"TR", "Turkish"},    {"GB", "British"},
    {"FR", "French"},      {"DE", "German"},      {"KR", "Korean"},     {"KR", "South Korean"},
    {"AZ", "Azerbaijani"}, {"AZ", "Azeri"},       {"IR", "Iranian"},    {"IQ", "Iraqi"},
    {"KW", "Kuwaiti"},     {"QA", "Qatari"},      {"OM", "Omani"},      {"AE", "Emirati"},
    {"IL", "Israeli"},     {"SA", "Saudi"},       {"EG", "Egyptian"},   {"BY", "Belarusian"},
    {"UA", "Ukrainian"},   {"PL", "Polish"},      {"ES", "Spanish"},    {"IT", "Italian"},
    {"NL", "Dutch"},       {"CH", "Swiss"},       {"SE", "Swedish"},    {"FI", "Finnish"},
    {"DK", "Danish"},      {"NO", "Norwegian"},   {"GR", "Greek"},      {"HU", "Hungarian"},
    {"VN", "Vietnamese"},  {"TH", "Thai"},        {"PH", "Filipino"},   {"PH", "Philippine"},
    {"BD", "Bangladeshi"}, {"SG", "Singaporean"}, {"CA", "Canadian"},   {"BR", "Brazilian"},
    {"MX", "Mexican"},     {"US", "American"},    {"RU", "Russian"},    {"PT", "Portuguese"},
    {"IE", "Irish"},       {"BE", "Belgian"},     {"AT", "Austrian"},   {"CZ", "Czech"},
    {"SK", "Slovak"},      {"LB", "Lebanese"},    {"JO", "Jordanian"},  {"BH", "Bahraini"},
    {"YE", "Yemeni"},      {"NP", "Nepali"},      {"NP", "Nepalese"},   {"LK", "Sri Lankan"},
    {"MY", "Malaysian"},   {"NZ", "New Zealand"}, {"SD", "Sudanese"},   {"IN", "Indian"},
    {"MN", "Mongolian"},   {"GE", "Georgian"},    {"AM", "Armenian"},   {"PK", "Pakistani"},
    {"SY", "Syrian"},      {"MD", "Moldovan"},    {"RS", "Serbian"},    {"HR", "Croatian"},
    {"SI", "Slovenian"},   {"BA", "Bosnian"},     {"CY", "Cypriot"},    {"LU", "Luxembourgish"},
    {"IS", "Icelandic"},   {"AR", "Argentine"},   {"AR", "Argentinian"}, {"CL", "Chilean"},
    {"PS", "Palestinian"}, {"MA", "Moroccan"},    {"ZA", "South African"},
};

std::string ReadFile(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return {};
  std::ostringstream text;
  text << in.rdbuf();
  return text.str();
}

bool EndsWith(std::string_view s, std::string_view tail) {
  return s.size() >= tail.size() && s.substr(s.size() - tail.size()) == tail;
}

// Adjectives English forms regularly from a one-word short name:
// Kazakhstan -> Kazakhstani, Kazakh; Malaysia -> Malaysian.
std::vector<std::string> RegularAdjectives(const std::string& name) {
  std::vector<std::string> out;
  if (name.find(' ') != std::string::npos) return out;
  if (EndsWith(name, "stan")) {
    out.push_back(name + "i");
    size_t cut = EndsWith(name, "istan") ? 5 : 4;
    // "Pakistan" would give "Pak": only a stem of four letters or more is a word.
    if (name.size() - cut >= 4) out.insert(out.begin(), name.substr(0, name.size() - cut));
  } else if (EndsWith(name, "a")) {
    out.push_back(name + "n");
  }
  return out;
}

}  // namespace

const CountryLexicon& CountryLexicon::Default() {
  static const CountryLexicon* lexicon =
      new CountryLexicon(ReadFile(std::string(STEPPE_ISO_CODES_DIR) + "/iso_3166-1.json"));
  return *lexicon;
}

CountryLexicon::CountryLexicon(std::string_view iso_3166_json) {
  for (const ShortForm& form : kShortNames) AddName(std::string(form.code), std::string(form.name));
  nlohmann::json doc = nlohmann::json::parse(iso_3166_json, nullptr, /*allow_exceptions=*/false);
  if (doc.is_object() && doc.contains("3166-1") && doc["3166-1"].is_array()) {
    for (const auto& country : doc["3166-1"]) {
      if (!country.is_object() || !country.contains("alpha_2")) continue;
      std::string code = country.value("alpha_2", "");
      // "Korea, Republic of" is a catalogue form nobody writes in prose.
      for (const char* key : {"common_name", "name", "official_name"}) {
        std::string name = country.value(key, "");
        if (name.rfind("the ", 0) == 0) name.erase(0, 4);
        if (!name.empty() && name.find(',') == std::string::npos) AddName(code, name);
      }
    }
  }
  for (const ShortForm& form : kOtherNames) AddName(std::string(form.code), std::string(form.name));
  for (const ShortForm& form : kIrregularAdjectives)
    AddAdjective(std::string(form.code), std::string(form.name));
  for (const auto& [code, names] : names_)
    for (const std::string& adjective : RegularAdjectives(names.front()))
      AddAdjective(code, adjective);
}

void CountryLexicon::AddName(const std::string& code, const std::string& name) {
  std::string key = FoldName(name);
  if (key.empty()) return;
  auto [known, added] = code_by_name_.emplace(key, code);
  if (!added && known->second != code) return;  // another country's name
  // Every spelling stays a name ("Republic of Korea" beside "Korea"): the
  // extractor reads them in text, where the key would lose "Republic of".
  std::vector<std::string>& names = names_[code];
  if (std::find(names.begin(), names.end(), name) == names.end()) names.push_back(name);
}

void CountryLexicon::AddAdjective(const std::string& code, const std::string& adjective) {
  std::string key = FoldName(adjective);
  if (key.empty() || code_by_adjective_.count(key) || !names_.count(code)) return;
  code_by_adjective_[key] = code;
  adjectives_[code].push_back(adjective);
}

std::optional<std::string> CountryLexicon::CodeOfName(std::string_view name) const {
  auto it = code_by_name_.find(FoldName(name));
  if (it == code_by_name_.end()) return std::nullopt;
  return it->second;
}

std::optional<std::string> CountryLexicon::CodeOfAdjective(std::string_view word) const {
  auto it = code_by_adjective_.find(FoldName(word));
  if (it == code_by_adjective_.end()) return std::nullopt;
  return it->second;
}

const std::string& CountryLexicon::ShortName(const std::string& code) const {
  return names_.at(code).front();
}

const std::vector<std::string>& CountryLexicon::Names(const std::string& code) const {
  return names_.at(code);
}

std::vector<std::string> CountryLexicon::Codes() const {
  std::vector<std::string> codes;
  codes.reserve(names_.size());
  for (const auto& [code, names] : names_) codes.push_back(code);
  return codes;
}

const std::vector<std::string>& CountryLexicon::Adjectives(const std::string& code) const {
  static const std::vector<std::string> kNone;
  auto it = adjectives_.find(code);
  return it == adjectives_.end() ? kNone : it->second;
}

}  // namespace steppe::resolve
