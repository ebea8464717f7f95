// Officials, bodies and countries, read from runs of capitalised words.
//
// A sentence is scanned left to right. At each capitalised word one of
// these forms is tried, in order:
//   title phrase   [Country-adj | Org]* Title (and|– Title)* (of|for|to|at X)* Name?
//                  "Kazakh Minister of Foreign Affairs Yermek Kosherbayev",
//                  "Chairman of the Management Board of KTZ Talgat Almagambetov"
//   name group     adjacent capitalised words and countries, typed by what
//                  they hold: an organisation head word or legal form (an
//                  organisation, extended by "of ..."/"for ..." complements),
//                  a country, a person's name, an acronym, or unknown.
// After a person, an apposition ", a deputy of the Majilis" adds a role.

#include <algorithm>
#include <optional>

#include "core/extract/lexicon.h"
#include "core/extract/mentions.h"

namespace steppe::extract {
namespace {

enum class Cls { kOther, kName, kInitial, kTitle, kTitleMod, kHonorific, kOrgHead, kLegal, kAcronym, kCommon };

bool IsDash(const Token& t) {
  return t.kind == Token::Kind::kPunct && (t.text == "-" || t.text == "\xE2\x80\x93" || t.text == "\xE2\x80\x94");
}

// Whether the word ends like a surname of the region or of its neighbours.
bool HasSurnameEnding(std::string_view lower) {
  static constexpr std::string_view kEndings[] = {
      "ov", "ova", "ev", "eva", "yev", "yeva", "iev", "ieva", "enko", "uly", "kyzy", "uli", "bay",
      "bek", "ski", "sky", "ska", "vich", "vic", "escu", "yan", "dze", "shvili", "oglu", "zade",
      "baev", "in", "ina", "yev", "ayev"};
  for (std::string_view e : kEndings)
    if (lower.size() > e.size() + 2 && lower.substr(lower.size() - e.size()) == e) return true;
  return false;
}

bool IsReportingVerb(std::string_view lower) {
  static constexpr std::string_view kVerbs[] = {
      "said", "noted", "stated", "stressed", "emphasized", "emphasised", "added", "informed",
      "explained", "told", "expressed", "highlighted", "underlined", "underscored", "announced",
      "reported", "met", "held", "received", "discussed", "visited", "thanked", "invited",
      "confirmed", "conveyed", "signed", "welcomed", "presented", "proposed", "reaffirmed",
      "pointed", "recalled", "spoke", "participated", "took", "attended", "chaired", "briefed",
      "urged", "called", "believes", "says", "notes", "has", "was", "is", "will", "also"};
  for (std::string_view v : kVerbs)
    if (lower == v) return true;
  return false;
}

// Lower-case nouns that say the capitalised name next to them is an organisation
// ("the American company Wabtec", "KTZ national company").
bool IsOrgNoun(std::string_view lower) {
  static constexpr std::string_view kNouns[] = {
      "company", "companies", "corporation", "manufacturer", "producer", "operator", "bank",
      "fund", "agency", "service", "holding", "group", "association", "network", "broadcaster",
      "developer", "firm", "provider", "carrier", "airline", "university", "institute",
      "organization", "organisation", "foundation", "center", "centre", "startup", "exchange",
      "platform", "investor", "supplier", "enterprise", "plant", "concern", "conglomerate"};
  for (std::string_view n : kNouns)
    if (lower == n) return true;
  return false;
}

class NameFinder {
 public:
  NameFinder(SentenceState& s, EntityTable& table)
      : s_(s), t_(s.sentence.tokens), table_(table), lex_(Lexicon::Get()) {}

  void Run();

 private:
  // A person, organisation or country read at some place.
  struct Found {
    int entity = -1;
    EntityType type = EntityType::kBody;
    size_t begin = 0, end = 0;
  };
  struct TitleRun {
    size_t begin = 0, end = 0;
    std::string text;  // the run with its complements ("Minister of Foreign Affairs")
  };
  struct TitlePhrase {
    std::vector<TitleRun> runs;
    int body = -1;
    int country = -1;     // the state the post belongs to
    std::string host;     // "to <country>" of an ambassador
    size_t end = 0;
  };

  size_t n() const { return t_.size(); }
  // A capitalised word that may be part of a name (months and weekdays are not).
  bool IsCap(size_t i) const {
    if (i >= n()) return false;
    const Token& t = t_[i];
    if (t.kind == Token::Kind::kInitial) return true;
    return t.IsWord() && t.capitalized && !lex_.Month(t.lower) && !lex_.Weekday(t.lower);
  }
  bool IsAcronymToken(const Token& t) const;
  Cls Classify(size_t i) const { return classes_[i]; }
  Cls ClassifyToken(size_t i) const;
  bool NameLike(size_t i) const {
    Cls c = Classify(i);
    return c == Cls::kName || c == Cls::kInitial;
  }
  const std::optional<Lexicon::CountryMatch>& CountryAt(size_t i) const {
    static const std::optional<Lexicon::CountryMatch> kNone;
    if (i >= n() || in_quote_[i]) return kNone;
    return countries_[i];
  }

  // The title run starting at i (modifiers, heads, portfolio words before a
  // head); its end, or i when none starts there.
  size_t TitleRunEnd(size_t i, bool allow_lower) const;
  TitlePhrase ParseTitlePhrase(size_t i, bool allow_lower);
  size_t ParseAt(size_t i);
  size_t ParseNameGroup(size_t i);
  size_t OrgChainEnd(size_t head_end);
  size_t SkipThe(size_t i) const {
    while (i < n() && t_[i].IsWord() && (t_[i].lower == "the")) ++i;
    return i;
  }
  size_t GroupEnd(size_t i) const;
  size_t TrailingNameStart(size_t b, size_t e) const;

  int AddMention(EntityType type, size_t b, size_t e, const std::string& name, bool adjective = false);
  int AddCountry(size_t b, const Lexicon::CountryMatch& m);
  int AddOrg(size_t b, size_t e);
  int AddPerson(size_t b, size_t e, bool confirmed);
  void AddRoles(int person, const TitlePhrase& phrase, int prefix_body, int prefix_country);
  void EmitCountriesIn(size_t b, size_t e);
  size_t Apposition(int person, size_t i);
  size_t AcronymDefinition(int entity, size_t i);
  void HyphenatedDemonyms(size_t i);

  SentenceState& s_;
  const std::vector<Token>& t_;
  EntityTable& table_;
  const Lexicon& lex_;
  std::vector<bool> in_quote_;  // inside the quoted title of a law
  std::vector<Cls> classes_;    // per token, computed once
  std::vector<std::optional<Lexicon::CountryMatch>> countries_;  // the country starting at each token
};

bool NameFinder::IsAcronymToken(const Token& t) const {
  if (!t.IsWord() || t.text.size() < 2) return false;
  size_t upper = 0, letters = 0;
  for (char c : t.text) {
    if (c >= 'A' && c <= 'Z') ++upper, ++letters;
    else if (c >= 'a' && c <= 'z') ++letters;
  }
  if (t.all_upper && upper >= 2) return true;
  return upper >= 2 && letters > 0 && upper * 2 >= letters && t.capitalized;
}

Cls NameFinder::ClassifyToken(size_t i) const {
  const Token& t = t_[i];
  if (t.kind == Token::Kind::kInitial) return Cls::kInitial;
  if (!t.IsWord() || !t.capitalized) return Cls::kOther;
  if (lex_.IsLegalForm(t.text) && (t.all_upper || t.lower == "limited" || t.lower == "corp" ||
                                   t.lower == "inc" || t.lower == "ltd" || t.text == "Co"))
    return Cls::kLegal;
  if (lex_.IsHonorific(t.lower)) return Cls::kHonorific;
  if (lex_.IsTitleHead(t.lower)) return Cls::kTitle;
  if (lex_.IsOrgHead(t.lower) || lex_.IsInstitution(t.lower)) return Cls::kOrgHead;
  if (lex_.IsTitleModifier(t.lower)) return Cls::kTitleMod;
  if (IsAcronymToken(t)) return Cls::kAcronym;
  if (lex_.IsCommonWord(t.lower)) return Cls::kCommon;
  if (t.text.find('-') != std::string_view::npos) {
    // "Kazakh-Pakistani", "Machine-Building": common when every part is.
    bool all_known = true;
    size_t start = 0;
    std::string_view low = t.lower;
    while (start <= low.size()) {
      size_t dash = low.find('-', start);
      std::string_view part = low.substr(start, dash == std::string_view::npos ? std::string_view::npos : dash - start);
      if (!lex_.CountryOfWord(part) && !lex_.IsCommonWord(part)) all_known = false;
      if (dash == std::string_view::npos) break;
      start = dash + 1;
    }
    if (all_known) return Cls::kCommon;
  }
  if (lex_.CountryOfWord(t.lower)) return Cls::kCommon;
  return Cls::kName;
}

size_t NameFinder::TitleRunEnd(size_t i, bool allow_lower) const {
  auto is_title_word = [&](size_t k, bool head) {
    if (k >= n() || !t_[k].IsWord() || in_quote_[k]) return false;
    if (!t_[k].capitalized && !allow_lower) return false;
    return head ? lex_.IsTitleHead(t_[k].lower) : lex_.IsTitleModifier(t_[k].lower);
  };
  // Modifiers and portfolio words may precede a head ("First Deputy Prime
  // Minister", "Foreign Minister"); the run ends after its last head.
  size_t k = i, end = i;
  while (k < n()) {
    if (is_title_word(k, true)) {
      end = ++k;
    } else if (k > i && end == k && t_[k].IsWord() && t_[k].lower == "general" && (t_[k].capitalized || allow_lower)) {
      end = ++k;  // "Director General"
    } else if (is_title_word(k, false) ||
               (t_[k].IsWord() && t_[k].capitalized && lex_.IsCommonWord(t_[k].lower) && !lex_.IsOrgHead(t_[k].lower) &&
                !lex_.Month(t_[k].lower) && !lex_.Weekday(t_[k].lower))) {
      ++k;
    } else {
      break;
    }
  }
  return end;
}

NameFinder::TitlePhrase NameFinder::ParseTitlePhrase(size_t i, bool allow_lower) {
  TitlePhrase phrase;
  size_t end = TitleRunEnd(i, allow_lower);
  phrase.runs.push_back(TitleRun{i, end, s_.Text(i, end)});
  size_t j = end;
  while (j < n()) {
    const Token& t = t_[j];
    // Compound titles: "President and CEO", "Deputy Prime Minister – Minister of ...".
    if ((t.Is("and") || IsDash(t)) && j + 1 < n()) {
      size_t k = SkipThe(j + 1);
      size_t e = TitleRunEnd(k, allow_lower);
      if (e > k) {
        phrase.runs.push_back(TitleRun{k, e, s_.Text(k, e)});
        j = e;
        continue;
      }
      // "Minister of Trade and Integration": a portfolio continues the title.
      if (t.Is("and") && IsCap(k) && Classify(k) == Cls::kCommon && !CountryAt(k)) {
        size_t g = GroupEnd(k);
        size_t names = TrailingNameStart(k, g);
        phrase.runs.back().text += " and " + s_.Text(k, names);
        j = names;
        if (names < g) break;
        continue;
      }
      break;
    }
    if (!(t.Is("of") || t.Is("for") || t.Is("to") || t.Is("at") || t.Is("on") || t.Is("in"))) break;
    size_t k = SkipThe(j + 1);
    if (!IsCap(k)) break;
    if (const auto& c = CountryAt(k); c && !c->adjective) {
      // "to the Kyrgyz Republic": the host of an ambassador; "of Kazakhstan": the state.
      int country = AddCountry(k, *c);
      size_t after = k + c->tokens;
      bool names_follow = after < n() && NameLike(after);
      bool org_follows = after < n() && IsCap(after) && !names_follow;
      if (org_follows) {
        // "of Kazakhstan Temir Zholy": a country that opens an organisation's name.
        size_t g = GroupEnd(after);
        bool has_head = false;
        for (size_t q = after; q < g; ++q) has_head |= Classify(q) == Cls::kOrgHead || Classify(q) == Cls::kLegal;
        if (has_head) {
          int org = AddOrg(k, OrgChainEnd(g));
          if (phrase.body < 0) phrase.body = org;
          j = OrgChainEnd(g);
          continue;
        }
      }
      if (t.Is("to")) {
        phrase.host = table_.at(country).name;
      } else if (t.Is("for") || t.Is("in")) {
        phrase.runs.back().text += " " + std::string(t.text) + " " + table_.at(country).name;
        if (phrase.country < 0 && t.Is("in")) phrase.country = country;
      } else if (phrase.country < 0) {
        phrase.country = country;
      }
      j = after;
      continue;
    }
    size_t g = GroupEnd(k);
    if (g == k) break;
    // Look for an organisation head in the group (not in its trailing name).
    size_t names = TrailingNameStart(k, g);
    size_t head = k;
    bool has_head = false;
    for (size_t q = k; q < names; ++q) {
      Cls c = Classify(q);
      if (c == Cls::kOrgHead || c == Cls::kLegal) {
        has_head = true;
        head = q + 1;
      }
    }
    if (has_head) {
      size_t org_end = OrgChainEnd(head);
      int org = AddOrg(k, org_end);
      if (phrase.body < 0) phrase.body = org;
      j = org_end;
      if (j < n() && Classify(j) == Cls::kHonorific) ++j;
      if (org_end == head && head < g) j = head;  // a name follows in the same group
      continue;
    }
    if (Classify(k) == Cls::kAcronym) {
      int org = table_.FindAcronym(t_[k].text);
      if (org < 0) org = table_.Add(EntityType::kBody, std::string(t_[k].text));
      s_.mentions.push_back(Mention{EntityType::kBody, k, k + 1, org});
      if (phrase.body < 0) phrase.body = org;
      j = k + 1;
      continue;
    }
    if (names == k) {
      // Only names follow. At the end of the run they are the person
      // ("... of Energy Erlan Akkenzhenov"), unless one unknown word ends
      // the phrase after "at"/"of": then it is the organisation ("at Kazhydromet").
      bool single = g - k == 1 && table_.FindPersonBySurname(t_[k].text) < 0;
      bool more = g < n() && (t_[g].Is("of") || t_[g].Is("at"));
      if ((single || more) && (t.Is("at") || t.Is("of"))) {
        int org = table_.Add(EntityType::kBody, s_.Text(k, g));
        s_.mentions.push_back(Mention{EntityType::kBody, k, g, org});
        if (phrase.body < 0) phrase.body = org;
        j = g;
        continue;
      }
      j = (t.Is("of") || t.Is("for")) ? j : j;
      break;
    }
    // Portfolio words ("of Foreign Affairs"), maybe followed by the name.
    phrase.runs.back().text += " " + std::string(t.text) + " " + s_.Text(SkipThe(j + 1), names);
    j = names;
    if (names < g) break;
  }
  phrase.end = j;
  return phrase;
}

size_t NameFinder::GroupEnd(size_t i) const {
  size_t k = i;
  while (k < n() && IsCap(k) && !in_quote_[k]) {
    if (k > i && CountryAt(k)) break;
    ++k;
  }
  return k;
}

size_t NameFinder::TrailingNameStart(size_t b, size_t e) const {
  size_t s = e;
  while (s > b && NameLike(s - 1)) --s;
  return s;
}

size_t NameFinder::OrgChainEnd(size_t head_end) {
  // Extends an organisation's name over "of ...", "for ...", "on ..."
  // complements and "and" inside them ("Bank for Reconstruction and Development").
  size_t j = head_end;
  bool in_complement = false;
  while (j < n()) {
    const Token& t = t_[j];
    bool conn = t.Is("of") || t.Is("for") || t.Is("on") || (t.Is("and") && in_complement) || t.Is("&");
    if (!conn) break;
    size_t k = SkipThe(j + 1);
    if (!IsCap(k)) break;
    if (const auto& c = CountryAt(k); c && !c->adjective) {
      j = k + c->tokens;
      in_complement = true;
      continue;
    }
    size_t g = GroupEnd(k);
    if (g == k) break;
    // A following person ends the chain: "... of Hungary Levente Magyar".
    size_t names = TrailingNameStart(k, g);
    if (names == k && g - k >= 2 && Classify(k) != Cls::kAcronym) break;
    if (t.Is("and")) {
      // "... of Kazakhstan and the Ministry of ...": a second organisation.
      bool own_head = k > j + 1;
      for (size_t q = k; q < g; ++q) own_head |= Classify(q) == Cls::kLegal || Classify(q) == Cls::kOrgHead;
      if (own_head || TitleRunEnd(k, false) > k) break;
    }
    if (TitleRunEnd(k, false) > k) break;
    // Two or more name words after the complement are a person, not part of it.
    bool person_after = names > k && g - names >= 2;
    j = person_after ? names : g;
    in_complement = true;
    if (person_after) break;
  }
  return j;
}

int NameFinder::AddMention(EntityType type, size_t b, size_t e, const std::string& name, bool adjective) {
  int id = table_.Add(type, name);
  if (id < 0) return -1;
  Mention m{type, b, e, id};
  m.adjective = adjective;
  s_.mentions.push_back(m);
  return id;
}

int NameFinder::AddCountry(size_t b, const Lexicon::CountryMatch& m) {
  int id = table_.Add(EntityType::kCountry, m.name);
  if (!m.adjective) {
    std::string surface = s_.Text(b, b + m.tokens);
    if (surface != m.name) table_.AddAlias(id, surface);
  }
  Mention mention{EntityType::kCountry, b, b + m.tokens, id};
  mention.adjective = m.adjective;
  s_.mentions.push_back(mention);
  return id;
}

void NameFinder::EmitCountriesIn(size_t b, size_t e) {
  for (size_t k = b; k < e; ++k) {
    if (const auto& c = CountryAt(k); c && k + c->tokens <= e) {
      AddCountry(k, *c);
      k += c->tokens - 1;
    } else {
      HyphenatedDemonyms(k);
    }
  }
}

int NameFinder::AddOrg(size_t b, size_t e) {
  b = SkipThe(b);
  if (b >= e) return -1;
  std::string name = s_.Text(b, e);
  int id = AddMention(EntityType::kBody, b, e, name);
  // Organisations and countries named inside: "Senate of the Parliament of Kazakhstan".
  for (size_t k = b + 1; k < e; ++k) {
    if ((t_[k - 1].Is("of") || t_[k - 1].Is("the") || t_[k - 1].Is("under")) && IsCap(k)) {
      size_t g = GroupEnd(k);
      bool head = false;
      for (size_t q = k; q < g; ++q) head |= Classify(q) == Cls::kOrgHead;
      if (head && !CountryAt(k)) {
        size_t nested_end = e;
        table_.Add(EntityType::kBody, s_.Text(k, nested_end));
        s_.mentions.push_back(Mention{EntityType::kBody, k, nested_end,
                                      table_.Find(EntityType::kBody, s_.Text(k, nested_end))});
        break;
      }
    }
  }
  EmitCountriesIn(b, e);
  return id;
}

int NameFinder::AddPerson(size_t b, size_t e, bool confirmed) {
  if (b >= e) return -1;
  std::string name = s_.Text(b, e);
  size_t words = e - b;
  if (words == 1) {
    int known = table_.FindPersonBySurname(name);
    if (known < 0) known = table_.Find(EntityType::kOfficial, name);
    if (known < 0 && !confirmed) return -1;
    if (known >= 0) {
      table_.AddAlias(known, name);
      s_.mentions.push_back(Mention{EntityType::kOfficial, b, e, known});
      return known;
    }
    return -1;  // a lone unknown word after a title is too weak to be a name
  }
  return AddMention(EntityType::kOfficial, b, e, name);
}

void NameFinder::AddRoles(int person, const TitlePhrase& phrase, int prefix_body, int prefix_country) {
  if (person < 0) return;
  int body = phrase.body >= 0 ? phrase.body : prefix_body;
  int country = phrase.country >= 0 ? phrase.country : prefix_country;
  for (const TitleRun& run : phrase.runs) {
    std::string title = run.text;
    if (!phrase.host.empty() && title.find("mbassador") != std::string::npos) title += " to " + phrase.host;
    s_.roles.push_back(RoleMention{person, title, body, country});
  }
}

void NameFinder::HyphenatedDemonyms(size_t i) {
  const Token& t = t_[i];
  if (!t.IsWord() || !t.capitalized || t.text.find('-') == std::string_view::npos) return;
  size_t start = 0;
  std::string_view low = t.lower;
  while (start <= low.size()) {
    size_t dash = low.find('-', start);
    std::string_view part = low.substr(start, dash == std::string_view::npos ? std::string_view::npos : dash - start);
    if (const std::string* c = lex_.CountryOfWord(part)) {
      Mention m{EntityType::kCountry, i, i + 1, table_.Add(EntityType::kCountry, *c)};
      m.adjective = true;
      s_.mentions.push_back(m);
    }
    if (dash == std::string_view::npos) break;
    start = dash + 1;
  }
}

size_t NameFinder::AcronymDefinition(int entity, size_t i) {
  // "(EBRD)" right after a name defines its acronym.
  if (entity < 0 || i + 2 >= n() || !t_[i].IsPunct("(") || !t_[i + 2].IsPunct(")")) return i;
  if (!IsAcronymToken(t_[i + 1])) return i;
  table_.DefineAcronym(t_[i + 1].text, entity);
  s_.mentions.push_back(Mention{table_.at(entity).type, i + 1, i + 2, entity});
  size_t j = i + 3;
  if (j < n() && Classify(j) == Cls::kLegal) ++j;  // "(KEGOC) JSC"
  return j;
}

size_t NameFinder::Apposition(int person, size_t i) {
  // ", a deputy of the Majilis, a member of the Constitutional Commission,"
  while (i + 1 < n() && t_[i].IsPunct(",")) {
    size_t k = i + 1;
    if (t_[k].Is("a") || t_[k].Is("an") || t_[k].Is("the")) ++k;
    size_t e = TitleRunEnd(k, /*allow_lower=*/true);
    if (e == k) return i;
    TitlePhrase phrase = ParseTitlePhrase(k, true);
    AddRoles(person, phrase, -1, -1);
    i = phrase.end;
  }
  return i;
}

size_t NameFinder::ParseNameGroup(size_t i) {
  size_t g = i;
  // Adjacent capitalised words and countries, no connectors between.
  while (g < n() && IsCap(g) && !in_quote_[g]) {
    if (const auto& c = CountryAt(g)) {
      g += c->tokens;
      continue;
    }
    ++g;
  }
  if (g == i) return i + 1;
  bool has_country = false, has_org = false, all_names = true;
  size_t last_head = i;
  for (size_t k = i; k < g; ++k) {
    if (const auto& c = CountryAt(k)) {
      has_country = true;
      all_names = false;
      k += c->tokens - 1;
      continue;
    }
    Cls c = Classify(k);
    if (c == Cls::kOrgHead || c == Cls::kLegal) {
      has_org = true;
      last_head = k + 1;
    }
    if (c != Cls::kName && c != Cls::kInitial && c != Cls::kHonorific) all_names = false;
  }
  if (has_org) {
    size_t names = TrailingNameStart(last_head, g);
    size_t person_begin = names;
    if (names > last_head && Classify(names - 1) == Cls::kHonorific) --person_begin;
    size_t org_end = last_head < names ? names : g;
    if (person_begin < org_end) org_end = person_begin;
    bool person_follows = names < g && g - names >= 2;
    if (!person_follows) org_end = g;
    size_t chain_end = org_end == g ? OrgChainEnd(g) : org_end;
    int org = AddOrg(i, chain_end);
    size_t j = chain_end;
    if (person_follows) {
      int person = AddPerson(names, g, true);
      return Apposition(person, g);
    }
    return AcronymDefinition(org, j);
  }
  if (has_country) {
    if (const auto& c = CountryAt(i); c && i + c->tokens == g) {
      AddCountry(i, *c);
      return g;
    }
    // "Kazakhstan Temir Zholy (KTZ)": a name that holds a country.
    EmitCountriesIn(i, g);
    if (g < n() && t_[g].IsPunct("(")) {
      int org = table_.Add(EntityType::kBody, s_.Text(i, g));
      size_t j = AcronymDefinition(org, g);
      if (j != g) {
        s_.mentions.push_back(Mention{EntityType::kBody, i, g, org});
        return j;
      }
    }
    s_.unknowns.push_back(Unknown{i, g});
    return g;
  }
  if (all_names) {
    size_t b = i;
    bool honorific = false;
    while (b < g && Classify(b) == Cls::kHonorific) ++b, honorific = true;
    bool initials = Classify(b) == Cls::kInitial;
    size_t words = g - b;
    bool suffix = false;
    for (size_t k = b; k < g; ++k) suffix |= HasSurnameEnding(t_[k].lower);
    bool apposition = g + 2 < n() && t_[g].IsPunct(",") &&
                      (TitleRunEnd(g + 1, true) > g + 1 ||
                       ((t_[g + 1].Is("a") || t_[g + 1].Is("the")) && TitleRunEnd(g + 2, true) > g + 2));
    bool verb = g < n() && t_[g].IsWord() && !t_[g].capitalized && IsReportingVerb(t_[g].lower);
    bool known = table_.Find(EntityType::kOfficial, s_.Text(b, g)) >= 0 ||
                 (words == 1 && table_.FindPersonBySurname(t_[b].text) >= 0);
    bool acronym_next = g < n() && t_[g].IsPunct("(");
    if (words >= 1 && !acronym_next &&
        (known || ((words >= 2 && words <= 4) && (honorific || initials || suffix || apposition || verb)))) {
      int person = AddPerson(b, g, honorific || initials || words >= 2);
      if (person >= 0) return Apposition(person, g);
    }
    if (acronym_next) {
      int org = table_.Add(EntityType::kBody, s_.Text(i, g));
      size_t j = AcronymDefinition(org, g);
      if (j != g) {
        s_.mentions.push_back(Mention{EntityType::kBody, i, g, org});
        return j;
      }
    }
  }
  if (g - i == 1 && Classify(i) == Cls::kAcronym) {
    int org = table_.FindAcronym(t_[i].text);
    if (org < 0 && lex_.IsKnownOrgAcronym(t_[i].text)) org = table_.Add(EntityType::kBody, std::string(t_[i].text));
    if (org < 0 && g + 1 < n() && t_[g].IsWord() && !t_[g].capitalized &&
        (IsOrgNoun(t_[g].lower) || (g + 1 < n() && IsOrgNoun(t_[g + 1].lower))))
      org = table_.Add(EntityType::kBody, std::string(t_[i].text));
    if (org >= 0) {
      s_.mentions.push_back(Mention{EntityType::kBody, i, g, org});
      return g;
    }
  }
  // An unknown name; "the American company Wabtec", "Kazhydromet national
  // meteorological service": an organisation noun next to it types it.
  bool org_noun_before = i >= 1 && t_[i - 1].IsWord() && !t_[i - 1].capitalized && IsOrgNoun(t_[i - 1].lower);
  bool org_noun_after = false;
  for (size_t k = g; k < n() && k < g + 3 && t_[k].IsWord() && !t_[k].capitalized; ++k)
    org_noun_after |= IsOrgNoun(t_[k].lower);
  bool any_name = false;
  for (size_t k = i; k < g; ++k) any_name |= Classify(k) == Cls::kName || Classify(k) == Cls::kAcronym;
  if (any_name && (org_noun_before || org_noun_after) && !all_names) {
    AddMention(EntityType::kBody, i, g, s_.Text(i, g));
    return g;
  }
  if (any_name && (org_noun_before || (org_noun_after && g - i == 1))) {
    AddMention(EntityType::kBody, i, g, s_.Text(i, g));
    return g;
  }
  if (any_name) s_.unknowns.push_back(Unknown{i, g});
  return g;
}

size_t NameFinder::ParseAt(size_t i) {
  i = SkipThe(i);
  if (i >= n() || !IsCap(i)) return i + 1;
  if (t_[i].capitalized && t_[i].Is("the")) return i + 1;
  // A title phrase, maybe after an adjective or an organisation ("Wabtec President").
  int prefix_body = -1, prefix_country = -1;
  size_t k = i;
  while (k < n() && k < i + 4) {
    if (TitleRunEnd(k, false) > k) break;
    if (const auto& c = CountryAt(k); c && c->adjective) {
      k += c->tokens;
      continue;
    }
    if (!IsCap(k) || Classify(k) == Cls::kOrgHead || Classify(k) == Cls::kHonorific) break;
    ++k;
  }
  size_t title_end = k < n() ? TitleRunEnd(k, false) : k;
  if (title_end > k) {
    // What stands before the title: countries by adjective, an organisation by name.
    for (size_t q = i; q < k;) {
      if (const auto& c = CountryAt(q)) {
        int id = AddCountry(q, *c);
        if (prefix_country < 0) prefix_country = id;
        q += c->tokens;
        continue;
      }
      size_t e = q;
      while (e < k && !CountryAt(e)) ++e;
      int org = Classify(q) == Cls::kAcronym ? table_.FindAcronym(t_[q].text) : -1;
      if (org < 0) org = table_.Add(EntityType::kBody, s_.Text(q, e));
      s_.mentions.push_back(Mention{EntityType::kBody, q, e, org});
      prefix_body = org;
      q = e;
    }
    TitlePhrase phrase = ParseTitlePhrase(k, false);
    size_t j = phrase.end;
    while (j < n() && Classify(j) == Cls::kHonorific) ++j;
    // The name right after the title, or after a comma: "the Minister of Defense, Dauren Kossanov,".
    size_t name_begin = j;
    if (j + 1 < n() && t_[j].IsPunct(",") && NameLike(j + 1)) name_begin = j + 1;
    size_t name_end = name_begin;
    while (name_end < n() && NameLike(name_end) && !CountryAt(name_end) && name_end < name_begin + 5) ++name_end;
    if (name_begin != j && name_end - name_begin < 2) name_end = name_begin;
    if (name_end > name_begin) {
      int person = AddPerson(name_begin, name_end, true);
      AddRoles(person, phrase, prefix_body, prefix_country);
      size_t after = AcronymDefinition(person, name_end);
      return Apposition(person, after);
    }
    return j > i ? j : i + 1;
  }
  return ParseNameGroup(i);
}

void NameFinder::Run() {
  in_quote_.assign(n(), false);
  classes_.resize(n());
  countries_.resize(n());
  for (size_t i = 0; i < n(); ++i) {
    classes_[i] = ClassifyToken(i);
    countries_[i] = lex_.MatchCountry(t_, i);
  }
  // Inside a quoted law title ("On Amendments and Additions ...") capitalised
  // words are not names.
  for (size_t i = 0; i + 1 < n(); ++i) {
    bool open = t_[i].IsPunct("\xE2\x80\x9C") || t_[i].IsPunct("\"") || t_[i].IsPunct("\xC2\xAB");
    if (open && t_[i + 1].Is("on") && t_[i + 1].capitalized) {
      size_t k = i + 1;
      while (k < n() && !(t_[k].IsPunct("\xE2\x80\x9D") || t_[k].IsPunct("\"") || t_[k].IsPunct("\xC2\xBB"))) {
        in_quote_[k] = true;
        ++k;
      }
      i = k;
    }
  }
  if (s_.sentence.all_caps) {
    // A shouted headline: only countries and institutions can be told apart.
    for (size_t i = 0; i < n(); ++i) {
      if (const auto& c = CountryAt(i)) {
        AddCountry(i, *c);
        i += c->tokens - 1;
      } else {
        HyphenatedDemonyms(i);
      }
    }
    return;
  }
  size_t i = 0;
  while (i < n()) {
    if (in_quote_[i] || !IsCap(i)) {
      if (IsCap(i) && in_quote_[i]) {
        if (const auto& c = CountryAt(i)) {
          AddCountry(i, *c);
          i += c->tokens;
          continue;
        }
      }
      ++i;
      continue;
    }
    HyphenatedDemonyms(i);
    size_t next = ParseAt(i);
    i = next > i ? next : i + 1;
  }
  // Quoted law titles still name countries ("... of the Republic of Kazakhstan").
  for (size_t q = 0; q < n(); ++q) {
    if (!in_quote_[q]) continue;
    if (const auto& c = countries_[q]) {
      AddCountry(q, *c);
      q += c->tokens - 1;
    }
  }
  std::sort(s_.mentions.begin(), s_.mentions.end(),
            [](const Mention& a, const Mention& b) { return a.begin < b.begin || (a.begin == b.begin && a.end > b.end); });
}

}  // namespace

void FindNames(SentenceState& sentence, EntityTable& table) { NameFinder(sentence, table).Run(); }

}  // namespace steppe::extract
