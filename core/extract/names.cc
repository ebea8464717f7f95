// Officials, bodies and countries, read from runs of capitalised words.
//
// A sentence is scanned left to right. At each capitalised word one of
// these forms is tried, in order:
//   title phrase   [Country-adj | Org]* Title (and|– Title)* (of|for|to|at X)* Name?
//                  "Kazakh Minister of Foreign Affairs Aidos Temirbekov",
//                  "Chairman of the Management Board of QRT Daulet Beketov"
//   name group     adjacent capitalised words and countries, typed by what
//                  they hold: an organisation head word or legal form (an
//                  organisation, extended by "of ..."/"for ..." complements),
//                  a country, a person's name, an acronym, or unknown.
// After a person, an apposition ", a deputy of the Mazhilis" adds a role.

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
  bool IsCap(size_t i) const { return i < n() && facts_[i].cap; }
  bool IsAcronymToken(const Token& t) const;
  Cls Classify(size_t i) const { return facts_[i].cls; }
  Cls ClassifyToken(size_t i) const;
  bool NameLike(size_t i) const {
    Cls c = Classify(i);
    return c == Cls::kName || c == Cls::kInitial;
  }
  const std::optional<Lexicon::CountryMatch>& CountryAt(size_t i) const {
    static const std::optional<Lexicon::CountryMatch> kNone;
    if (i >= n()) return kNone;
    return facts_[i].country;
  }

  // The title run starting at i (modifiers, heads, portfolio words before a
  // head); its end, or i when none starts there.
  size_t TitleRunEnd(size_t i, bool allow_lower) const;
  TitlePhrase ParseTitlePhrase(size_t i, bool allow_lower);
  size_t ParseAt(size_t i);
  // The person named right after a title phrase (after a comma, or inside
  // parentheses), with the phrase's roles; where parsing goes on, or npos
  // when no name follows.
  size_t NameAfterTitle(const TitlePhrase& phrase, int prefix_body, int prefix_country);
  // "Norway's foreign minister Ingrid Dahl": a lower-case post after a
  // possessive, its country or body the possessor. i is at "'s"; npos when
  // no post follows.
  size_t PossessiveTitle(size_t i);
  // "a representative of Nordvik Media Tomas Berg": a lower-case post of a
  // named organisation, then the person. i is at the title; npos when no
  // such post starts there.
  size_t LowerTitleOfOrganisation(size_t i);
  // "French companies operate here, including Nordvik, Geoscan and Polar
  // Works": unknown names listed after "including" or "such as" that follow
  // an organisation noun are organisations.
  void ListedOrganisations();
  // A lower-case word of a portfolio before a title head ("foreign" minister).
  bool IsLowerPortfolio(size_t k) const {
    return k < n() && t_[k].IsWord() && !t_[k].capitalized && lex_.IsCommonWord(t_[k]) &&
           !lex_.IsTitleHead(t_[k]) && !lex_.IsTitleModifier(t_[k]) && !lex_.IsOrgHead(t_[k]) &&
           !t_[k].Is("the") && !t_[k].Is("a") && !t_[k].Is("an") && !t_[k].Is("and") && !t_[k].Is("of");
  }
  // The post in "<title> (<Name>)" or "<title> of [the] <Body> (<Name>)",
  // the "(" at `open`: the title's tokens and the body's entity.
  struct ParenthesisTitle {
    size_t begin = 0, end = 0;
    int body = -1;
  };
  std::optional<ParenthesisTitle> TitleBeforeParenthesis(size_t open) const;
  size_t ParseNameGroup(size_t i);
  size_t OrgChainEnd(size_t head_end);
  // Past a quoted proper name and a legal form after an organisation's
  // words ("Development Corporation “Ertis” JSC"), or k.
  size_t QuotedNameEnd(size_t k) const;
  // Whether the country at i names a region of it ("East Kazakhstan Region").
  bool InRegionName(size_t i, const Lexicon::CountryMatch& c) const;
  // Past "H.E. Mr." and the like.
  size_t SkipHonorifics(size_t i) const {
    while (i < n() && (Classify(i) == Cls::kHonorific || (t_[i].IsPunct(".") && i > 0 && Classify(i - 1) == Cls::kHonorific)))
      ++i;
    return i;
  }
  // Past "the", "a" and "an".
  size_t SkipArticles(size_t i) const {
    while (i < n() && t_[i].IsWord() && (t_[i].Is("the") || t_[i].Is("a") || t_[i].Is("an"))) ++i;
    return i;
  }
  size_t GroupEnd(size_t i) const;
  size_t TrailingNameStart(size_t b, size_t e) const;

  int AddMention(EntityType type, size_t b, size_t e, const std::string& name, bool adjective = false);
  int AddCountry(size_t b, const Lexicon::CountryMatch& m);
  // Whether the demonym at b names a language ("translated into French and Dutch").
  bool IsLanguage(size_t b) const;
  int AddOrg(size_t b, size_t e);
  int AddBody(const std::string& name);
  bool IsNonEntityAcronym(std::string_view text) const;
  int AddPerson(size_t b, size_t e, bool confirmed);
  void AddRoles(int person, const TitlePhrase& phrase, int prefix_body, int prefix_country);
  void EmitCountriesIn(size_t b, size_t e);
  size_t Apposition(int person, size_t i);
  // Where the title of an apposition after the comma at i starts, or npos.
  size_t AppositionTitle(size_t i) const;
  static constexpr size_t npos = static_cast<size_t>(-1);
  size_t AcronymDefinition(int entity, size_t i);
  // Past "(ACR)" or "(Other Name)" after an organisation, recording the alias.
  size_t SkipParenthesis(int entity, size_t i);
  void HyphenatedDemonyms(size_t i);

  SentenceState& s_;
  const std::vector<Token>& t_;
  EntityTable& table_;
  const Lexicon& lex_;
  // What is known of each token, computed once per sentence.
  struct TokenFacts {
    Cls cls = Cls::kOther;
    bool cap = false;       // IsCap
    bool in_quote = false;  // inside the quoted title of a law
    std::optional<Lexicon::CountryMatch> country;  // the country starting here
  };
  std::vector<TokenFacts> facts_;
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
  if (t.kind == Token::Kind::kInitial) {
    // "H.E." (His/Her Excellency) is an honorific, not initials.
    bool he = (t.text == "H." && i + 1 < n() && t_[i + 1].text == "E.") ||
              (t.text == "E." && i > 0 && t_[i - 1].text == "H.");
    return he ? Cls::kHonorific : Cls::kInitial;
  }
  if (!t.IsWord() || !t.capitalized) return Cls::kOther;
  if (lex_.IsLegalForm(t) && (t.all_upper || t.Is("limited") || t.Is("corp") ||
                                   t.Is("inc") || t.Is("ltd") || t.text == "Co"))
    return Cls::kLegal;
  if (lex_.IsHonorific(t)) return Cls::kHonorific;
  if (lex_.IsTitleHead(t)) return Cls::kTitle;
  if (lex_.IsOrgHead(t) || lex_.IsInstitution(t)) return Cls::kOrgHead;
  if (lex_.IsTitleModifier(t)) return Cls::kTitleMod;
  if (IsAcronymToken(t)) return Cls::kAcronym;
  if (lex_.IsCommonWord(t)) return Cls::kCommon;
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
  if (lex_.IsCountryWord(t)) return Cls::kCommon;
  return Cls::kName;
}

size_t NameFinder::TitleRunEnd(size_t i, bool allow_lower) const {
  auto is_title_word = [&](size_t k, bool head) {
    if (k >= n() || !t_[k].IsWord() || facts_[k].in_quote) return false;
    if (!t_[k].capitalized && !allow_lower) return false;
    return head ? lex_.IsTitleHead(t_[k]) : lex_.IsTitleModifier(t_[k]);
  };
  // Modifiers and portfolio words may precede a head ("First Deputy Prime
  // Minister", "Foreign Minister"); the run ends after its last head.
  size_t k = i, end = i;
  while (k < n()) {
    if (is_title_word(k, true)) {
      end = ++k;
    } else if (k > i && end == k && t_[k].IsWord() && (t_[k].capitalized || allow_lower) &&
               (t_[k].Is("general") || (t_[k].Is("executive") && t_[k - 1].Is("chief")))) {
      end = ++k;  // "Director General", "Chief Executive"
    } else if (is_title_word(k, false) ||
               (t_[k].IsWord() && t_[k].capitalized && lex_.IsCommonWord(t_[k]) && !lex_.IsOrgHead(t_[k]) &&
                !lex_.Month(t_[k]) && !lex_.Weekday(t_[k]))) {
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
    if (t.Is("and") && j + 1 < n() && t_[j + 1].Is("plenipotentiary")) {
      j += 2;  // "Ambassador Extraordinary and Plenipotentiary"
      continue;
    }
    // "First Vice Minister of Trade, Industry and Energy": a list of portfolios.
    if (t.IsPunct(",") && j + 2 < n() && IsCap(j + 1) && Classify(j + 1) == Cls::kCommon && !CountryAt(j + 1)) {
      size_t g = GroupEnd(j + 1);
      if (g < n() && t_[g].Is("and") && g + 1 < n() && IsCap(g + 1) && Classify(g + 1) == Cls::kCommon) {
        phrase.runs.back().text += ", " + s_.Text(j + 1, g);
        j = g;
        continue;
      }
    }
    // Compound titles: "President and CEO", "Deputy Prime Minister – Minister of ...".
    if ((t.Is("and") || IsDash(t)) && j + 1 < n()) {
      size_t k = SkipArticles(j + 1);
      size_t e = TitleRunEnd(k, allow_lower);
      if (e > k) {
        phrase.runs.push_back(TitleRun{k, e, s_.Text(k, e)});
        j = e;
        continue;
      }
      // "Minister of Ecology and Natural Resources": a portfolio continues the title.
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
    size_t k = SkipArticles(j + 1);
    if (!IsCap(k)) {
      if (allow_lower && (t.Is("of") || t.Is("for")) && k < n() && t_[k].IsWord()) {
        size_t e = k;
        while (e < n() && e < k + 5 && t_[e].IsWord() && !t_[e].capitalized && !lex_.IsReportingVerb(t_[e]) &&
               !t_[e].Is("and") && !t_[e].Is("who") && !t_[e].Is("which"))
          ++e;
        // A closed phrase, or one closed by its country ("... team of Kazakhstan").
        bool country_after = e + 1 < n() && (t_[e].Is("of") || t_[e].Is("in")) && CountryAt(SkipArticles(e + 1));
        if (e < n() && t_[e].IsWord() && !country_after) break;
        phrase.runs.back().text += " " + s_.Text(j, e);
        j = e;
      }
      break;
    }
    if (const auto& c = CountryAt(k); c && !c->adjective) {
      // "to the Kyrgyz Republic": the host of an ambassador; "of Kazakhstan": the state.
      int country = AddCountry(k, *c);
      size_t after = k + c->tokens;
      bool names_follow = after < n() && NameLike(after);
      bool org_follows = after < n() && IsCap(after) && !names_follow;
      if (org_follows) {
        // "of Kazakhstan Steel Works": a country that opens an organisation's name.
        size_t g = GroupEnd(after);
        bool has_head = false;
        for (size_t q = after; q < g; ++q) has_head |= Classify(q) == Cls::kOrgHead || Classify(q) == Cls::kLegal;
        if (has_head) {
          size_t org_end = OrgChainEnd(g);
          int org = AddOrg(k, org_end);
          if (phrase.body < 0) phrase.body = org;
          j = SkipParenthesis(org, org_end);
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
    // "of the Food and Agriculture Organization (FAO) ...": a head word after
    // "and" makes the whole run an organisation.
    if (size_t q = g; q + 1 < n() && (t_[q].Is("and") || t_[q].Is("&")) && IsCap(q + 1)) {
      size_t g2 = GroupEnd(q + 1);
      size_t names2 = TrailingNameStart(q + 1, g2);
      size_t head2 = 0;
      for (size_t r = q + 1; r < names2; ++r)
        if (Classify(r) == Cls::kOrgHead || Classify(r) == Cls::kLegal) head2 = r + 1;
      if (head2 > 0) {
        size_t org_end = OrgChainEnd(head2);
        int org = AddOrg(k, org_end);
        if (phrase.body < 0) phrase.body = org;
        j = SkipParenthesis(org, org_end);
        continue;
      }
    }
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
      j = SkipParenthesis(org, org_end);
      if (j < n() && Classify(j) == Cls::kHonorific) ++j;
      if (org_end == head && head < g) j = head;  // a name follows in the same group
      continue;
    }
    if (Classify(k) == Cls::kAcronym && !IsNonEntityAcronym(t_[k].text)) {
      // "of QRT Daulet ...", "of NORD Power Lars ...".
      size_t e = names > k ? names : k + 1;
      int org = e == k + 1 ? table_.FindAcronym(t_[k].text) : -1;
      if (org < 0) org = AddBody(s_.Text(k, e));
      s_.mentions.push_back(Mention{EntityType::kBody, k, e, org});
      if (phrase.body < 0) phrase.body = org;
      j = e;
      continue;
    }
    bool adjective_start = CountryAt(k) && CountryAt(k)->adjective;
    if (names == k || (adjective_start && names == k + 1)) {
      // Only names follow. One unknown word after "at"/"of" is the
      // organisation ("at Geostat"); after "for"/"in" a portfolio or
      // region ("for Logistics"). Three or more words are that word and
      // then the person ("of Nordvik Lars Erik Holm", "of Kazakh
      // Geoscan Daulet Beketov").
      bool org_prep = t.Is("at") || t.Is("of");
      size_t lead = names + 1;  // the words before the person
      bool single = g - k == 1 && table_.FindPersonBySurname(t_[k].text) < 0;
      bool more = g < n() && (t_[g].Is("of") || t_[g].Is("at"));
      if (single || more) lead = g;
      else if (g - names < 3) break;
      if (org_prep) {
        int org = table_.Add(EntityType::kBody, s_.Text(k, lead));
        s_.mentions.push_back(Mention{EntityType::kBody, k, lead, org});
        if (phrase.body < 0) phrase.body = org;
      } else {
        phrase.runs.back().text += " " + std::string(t.text) + " " + s_.Text(k, lead);
      }
      j = lead;
      if (lead < g) break;
      continue;
    }
    // Portfolio words ("of Foreign Affairs"), maybe followed by the name.
    phrase.runs.back().text += " " + std::string(t.text) + " " + s_.Text(SkipArticles(j + 1), names);
    j = names;
    if (names < g) break;
  }
  phrase.end = j;
  return phrase;
}

size_t NameFinder::GroupEnd(size_t i) const {
  size_t k = i;
  while (k < n() && IsCap(k)) {
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
  bool in_complement = false, after_country = false;
  while (j < n()) {
    const Token& t = t_[j];
    // "Delegation of the European Union to Kazakhstan": "to" before a country.
    bool to_country = t.Is("to") && CountryAt(SkipArticles(j + 1)) && !CountryAt(SkipArticles(j + 1))->adjective;
    bool conn = t.Is("of") || t.Is("for") || t.Is("on") || (t.Is("and") && in_complement) || t.Is("&") || to_country;
    if (t.IsPunct(",") && in_complement && j + 1 < n() && IsCap(j + 1) && Classify(j + 1) == Cls::kCommon &&
        !CountryAt(j + 1)) {
      size_t g = GroupEnd(j + 1);
      bool plain = true;
      for (size_t q = j + 1; q < g; ++q) plain &= Classify(q) == Cls::kCommon;
      if (plain && g < n() && t_[g].Is("and")) {
        j = g;  // "Ministry of Science, Culture and Sport"
        continue;
      }
    }
    if (!conn) break;
    size_t k = SkipArticles(j + 1);
    if (!IsCap(k)) break;
    if (const auto& c = CountryAt(k)) {
      if (c->adjective) break;  // "... Group of Companies and Swedish ..."
      j = k + c->tokens;
      in_complement = true;
      after_country = true;
      continue;
    }
    // A country closes the name ("... of the Republic of Latvia on
    // Cooperation"), but for a list of countries ("of Kazakhstan and Uzbekistan").
    if (after_country) break;
    size_t g = GroupEnd(k);
    if (g == k) break;
    size_t names = TrailingNameStart(k, g);
    if (t.Is("and")) {
      // "... of Kazakhstan and the Ministry of ...": a second organisation.
      bool own_head = k > j + 1 || Classify(k) == Cls::kOrgHead;
      for (size_t q = k; q < g; ++q) own_head |= Classify(q) == Cls::kLegal;
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
  if (m.adjective && IsLanguage(b)) return -1;
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

bool NameFinder::IsLanguage(size_t b) const {
  size_t k = b;
  // Walk back over a list of demonyms: "in English, French and Dutch".
  while (k >= 2 && (t_[k - 1].IsPunct(",") || t_[k - 1].Is("and") || t_[k - 1].Is("or")) && CountryAt(k - 2) &&
         CountryAt(k - 2)->adjective)
    k -= 2;
  bool after_in = k >= 1 && (t_[k - 1].Is("in") || t_[k - 1].Is("into") || t_[k - 1].Is("from"));
  size_t e = b + 1;
  bool noun_follows = e < n() && t_[e].IsWord() && !t_[e].Is("and") && !t_[e].Is("or");
  return (after_in && !noun_follows) || (e < n() && (t_[e].Is("language") || t_[e].Is("languages")));
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

bool NameFinder::IsNonEntityAcronym(std::string_view text) const {
  // Currencies, units and common abbreviations written in capitals.
  static constexpr std::string_view kWords[] = {
      "USD", "EUR", "KZT", "RUB", "CNY", "GBP", "JPY", "AED", "CHF", "TRY", "UZS", "KGS", "MW", "GW", "KW", "TW",
      "MWh", "GWh", "KWh", "TWh", "IT", "AI", "GDP", "VAT", "SEZ", "ICT", "PPP", "KZ", "CEO", "CFO", "COO", "CTO",
      "TV", "PR", "HR", "GMT", "UTC", "COVID", "SME", "SMEs", "FDI", "LNG", "LPG", "PhD", "NGO", "NGOs", "ID"};
  for (std::string_view w : kWords)
    if (text == w) return true;
  return lex_.IsLegalForm(text);
}

int NameFinder::AddBody(const std::string& name) {
  int id = table_.Add(EntityType::kBody, name);
  // A well-known acronym and its expansion are one body ("EU", "European Union").
  if (const std::string* expansion = lex_.AcronymExpansion(name)) {
    int full = table_.Find(EntityType::kBody, *expansion);
    if (full >= 0 && full != id) {
      table_.AddAlias(full, name);
      return full;
    }
  }
  return id;
}

int NameFinder::AddOrg(size_t b, size_t e) {
  b = SkipArticles(b);
  if (b >= e) return -1;
  // A head word alone ("the Fund", "the Organization") points back to a body
  // named in full elsewhere; it is not a name.
  bool generic = true;
  for (size_t k = b; k < e; ++k)
    generic &= (Classify(k) == Cls::kOrgHead && !lex_.IsInstitution(t_[k])) || Classify(k) == Cls::kLegal;
  if (generic) return -1;
  // Inside a quoted title ("On Local State Administration ...") only a body
  // named as such ("the Government of ...") is one.
  if (facts_[b].in_quote && !(b > 0 && (t_[b - 1].Is("the") || t_[b - 1].Is("of") || t_[b - 1].Is("between") ||
                                  t_[b - 1].Is("and") || t_[b - 1].Is("with") || t_[b - 1].Is("by"))))
    return -1;
  std::string name = s_.Text(b, e);
  int id = AddBody(name);
  if (id >= 0) s_.mentions.push_back(Mention{EntityType::kBody, b, e, id});
  // The expansion of a well-known acronym named before ("EU" ... "European Union").
  for (const auto& [acronym, expansion] : lex_.AcronymExpansions()) {
    if (expansion != name) continue;
    int short_form = table_.Find(EntityType::kBody, acronym);
    if (short_form >= 0 && short_form != id) table_.AddAlias(id, acronym);
  }
  // Organisations and countries named inside: "Senate of the Parliament of Kazakhstan".
  for (size_t k = b + 1; k < e; ++k) {
    if ((t_[k - 1].Is("of") || t_[k - 1].Is("the") || t_[k - 1].Is("under")) && IsCap(k)) {
      size_t g = GroupEnd(k);
      bool head = false;
      for (size_t q = k; q < g; ++q) head |= Classify(q) == Cls::kOrgHead;
      std::string_view last = t_[g - 1].lower;
      bool plural_head = last.size() > 3 && last.back() == 's' && last[last.size() - 2] != 's' &&
                         last[last.size() - 2] != 'u' && !lex_.IsInstitution(last);
      if (head && !CountryAt(k) && !plural_head) {
        size_t nested_end = e;
        for (size_t q = g; q < e; ++q)
          if (t_[q].Is("to")) nested_end = q;
        int nested = AddBody(s_.Text(k, nested_end));
        if (nested >= 0) s_.mentions.push_back(Mention{EntityType::kBody, k, nested_end, nested});
        break;
      }
    }
  }
  EmitCountriesIn(b, e);
  return id;
}

int NameFinder::AddPerson(size_t b, size_t e, bool confirmed) {
  if (b >= e || facts_[b].in_quote) return -1;
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
    if (size_t x = title.find(" Extraordinary"); x != std::string::npos) title.erase(x, 14);
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
  if (j < n() && Classify(j) == Cls::kLegal) ++j;  // "(QRT) JSC"
  return j;
}

size_t NameFinder::SkipParenthesis(int entity, size_t i) {
  size_t j = AcronymDefinition(entity, i);
  if (j != i || i >= n() || !t_[i].IsPunct("(")) return j;
  // "(TU Nordberg)": another name of the organisation.
  size_t close = i + 1;
  while (close < n() && close < i + 7 && IsCap(close)) ++close;
  // A person's name after a post ("... of the Nordvik Group (Erik Sand)") is
  // left to the title rule.
  bool person = close - i - 1 >= 2;
  for (size_t k = i + 1; k < close; ++k) person = person && NameLike(k);
  if (close < n() && close > i + 1 && t_[close].IsPunct(")") && !person) {
    table_.AddAlias(entity, s_.Text(i + 1, close));
    return close + 1;
  }
  return i;
}

size_t NameFinder::AppositionTitle(size_t i) const {
  if (i + 1 >= n() || !t_[i].IsPunct(",")) return npos;
  size_t k = i + 1;
  if (t_[k].Is("a") || t_[k].Is("an") || t_[k].Is("the")) ++k;
  // "the newly appointed Ambassador", "the current head"
  for (int skip = 0; skip < 2 && k < n() && t_[k].IsWord() && !t_[k].capitalized &&
                     (t_[k].lower.ends_with("ly") || t_[k].Is("appointed") || t_[k].Is("elected") ||
                      t_[k].Is("new") || t_[k].Is("current") || t_[k].Is("former"));
       ++skip)
    ++k;
  return TitleRunEnd(k, /*allow_lower=*/true) > k ? k : npos;
}

size_t NameFinder::Apposition(int person, size_t i) {
  // ", a deputy of the Mazhilis, a member of the Budget Committee,"
  while (i + 1 < n() && t_[i].IsPunct(",")) {
    size_t k = AppositionTitle(i);
    if (k == npos) return i;
    TitlePhrase phrase = ParseTitlePhrase(k, true);
    // "A, Minister of X B": the title belongs to the next name, not to A.
    size_t after = SkipHonorifics(phrase.end);
    if (after < n() && NameLike(after) && !CountryAt(after)) return i;
    if (after + 1 < n() && CountryAt(after) && NameLike(after + CountryAt(after)->tokens)) return i;
    AddRoles(person, phrase, -1, -1);
    i = phrase.end;
  }
  return i;
}

size_t NameFinder::ParseNameGroup(size_t i) {
  size_t g = i;
  // Adjacent capitalised words and countries, no connectors between.
  while (g < n() && IsCap(g)) {
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
    // "Nordvik Group Captain Lars ...": a person after the organisation, when
    // an honorific or an organisation head word (not a legal form: "JSC NC
    // Kazakhstan Steel Works") stands before the name.
    bool person_follows = names < g && g - names >= 2 &&
                          (person_begin < names || Classify(names - 1) == Cls::kOrgHead);
    if (!person_follows) org_end = g;
    size_t chain_end = org_end == g ? OrgChainEnd(QuotedNameEnd(g)) : org_end;
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
    // "Kazakhstan Steel Works (KSW)": a name that holds a country.
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
    bool apposition = AppositionTitle(g) != npos;
    bool verb = g < n() && t_[g].IsWord() && !t_[g].capitalized && lex_.IsReportingVerb(t_[g]);
    bool known = table_.Find(EntityType::kOfficial, s_.Text(b, g)) >= 0 ||
                 (words == 1 && table_.FindPersonBySurname(t_[b].text) >= 0);
    bool acronym_next = g < n() && t_[g].IsPunct("(");
    // "the museum's director Anna Berg": a lower-case title right before the name.
    size_t title_begin = b;
    while (title_begin > 0 && t_[title_begin - 1].IsWord() && !t_[title_begin - 1].capitalized &&
           (lex_.IsTitleHead(t_[title_begin - 1]) || lex_.IsTitleModifier(t_[title_begin - 1])))
      --title_begin;
    bool lower_title = title_begin < b && lex_.IsTitleHead(t_[b - 1]) && !t_[b - 1].Is("deputy") &&
                       !t_[b - 1].Is("member");
    // "the head of the agency (Dana Seitova)": a name in parentheses after a post.
    if (b > 0 && t_[b - 1].IsPunct("(") && g < n() && t_[g].IsPunct(")") && words >= 2 && words <= 4 && !honorific) {
      if (auto title = TitleBeforeParenthesis(b - 1)) {
        int person = AddPerson(b, g, true);
        if (person >= 0) s_.roles.push_back(RoleMention{person, s_.Text(title->begin, title->end), title->body, -1});
        return g + 1;
      }
    }
    // "Mazhilis deputy Aigerim Nurova", "Nordvik Group spokesperson, Lars Berg":
    // a lower-case post right after the body it belongs to.
    size_t post_end = b >= 2 && t_[b - 1].IsPunct(",") ? b - 1 : b;
    size_t post_begin = post_end;
    while (post_begin > 0 && t_[post_begin - 1].IsWord() && !t_[post_begin - 1].capitalized &&
           (lex_.IsTitleHead(t_[post_begin - 1]) || lex_.IsTitleModifier(t_[post_begin - 1])))
      --post_begin;
    int post_body = -1;
    if (post_begin < post_end && lex_.IsTitleHead(t_[post_end - 1]))
      for (const Mention& m : s_.mentions)
        if (m.end == post_begin && m.type == EntityType::kBody) post_body = m.entity;
    if (words >= 1 && !acronym_next &&
        (known || ((words >= 2 && words <= 4) &&
                   (honorific || initials || suffix || apposition || verb || lower_title || post_body >= 0)))) {
      int person = AddPerson(b, g, honorific || initials || words >= 2);
      if (person >= 0 && post_body >= 0) {
        s_.roles.push_back(RoleMention{person, s_.Text(post_begin, post_end), post_body, -1});
      } else if (person >= 0 && lower_title) {
        s_.roles.push_back(RoleMention{person, s_.Text(title_begin, b), -1, -1});
      }
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
  if (g - i == 1 && Classify(i) == Cls::kAcronym && IsNonEntityAcronym(t_[i].text)) return g;
  // A dateline's agency ("ASTANA. AGENCY – ...") is the outlet, not a party.
  if (g - i == 1 && i <= 1 && t_[i].all_upper && g < n() && IsDash(t_[g])) return g;
  if (g - i == 1 && Classify(i) == Cls::kAcronym) {
    int org = table_.FindAcronym(t_[i].text);
    if (org < 0 && lex_.IsKnownOrgAcronym(t_[i].text)) org = AddBody(std::string(t_[i].text));
    if (org < 0 && g + 1 < n() && t_[g].IsWord() && !t_[g].capitalized &&
        (lex_.IsOrgNoun(t_[g]) || (g + 1 < n() && lex_.IsOrgNoun(t_[g + 1]))))
      org = table_.Add(EntityType::kBody, std::string(t_[i].text));
    if (org >= 0) {
      s_.mentions.push_back(Mention{EntityType::kBody, i, g, org});
      return g;
    }
  }
  // An unknown name; "the Swedish company Nordvik", "Geostat national
  // meteorological service": an organisation noun next to it types it.
  bool org_noun_before = i >= 1 && t_[i - 1].IsWord() && !t_[i - 1].capitalized && lex_.IsOrgNoun(t_[i - 1]);
  bool org_noun_after = false;
  for (size_t k = g; k < n() && k < g + 3 && t_[k].IsWord() && !t_[k].capitalized; ++k)
    org_noun_after |= lex_.IsOrgNoun(t_[k]);
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
  // A capitalised word opening a sentence ("Specifically,") is no name.
  bool opener = i == 0 && g == 1 && Classify(0) == Cls::kName && !IsAcronymToken(t_[0]);
  if (any_name && !facts_[i].in_quote && !opener) s_.unknowns.push_back(Unknown{i, g});
  return g;
}

size_t NameFinder::ParseAt(size_t i) {
  i = SkipArticles(i);
  if (i >= n() || !IsCap(i)) return i + 1;
  if (t_[i].capitalized && t_[i].Is("the")) return i + 1;
  // A title phrase, maybe after an adjective or an organisation ("Nordvik President").
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
      if (org < 0) org = AddBody(s_.Text(q, e));
      s_.mentions.push_back(Mention{EntityType::kBody, q, e, org});
      prefix_body = org;
      q = e;
    }
    TitlePhrase phrase = ParseTitlePhrase(k, false);
    if (size_t after = NameAfterTitle(phrase, prefix_body, prefix_country); after != npos) return after;
    size_t j = SkipHonorifics(phrase.end);
    return j > i ? j : i + 1;
  }
  return ParseNameGroup(i);
}

size_t NameFinder::NameAfterTitle(const TitlePhrase& phrase, int prefix_body, int prefix_country) {
  size_t j = SkipHonorifics(phrase.end);
  // The name right after the title, after a comma ("the Minister of Defense,
  // Daulet Beketov,") or in parentheses ("the Ambassador (Lars Erik Holm)").
  bool enclosed = j + 1 < n() && t_[j].IsPunct("(");
  size_t name_begin = j;
  if (j + 1 < n() && (t_[j].IsPunct(",") || enclosed) && NameLike(j + 1)) name_begin = j + 1;
  size_t name_end = name_begin;
  while (name_end < n() && NameLike(name_end) && !CountryAt(name_end) && name_end < name_begin + 5) ++name_end;
  if (name_begin != j && name_end - name_begin < 2) name_end = name_begin;
  if (enclosed && !(name_end < n() && t_[name_end].IsPunct(")"))) name_end = name_begin;
  if (name_end == name_begin) return npos;
  // "President Temirbekov": a lone surname after a title names a person
  // when it looks like one.
  bool lone_surname = name_end - name_begin == 1 && name_begin == j && HasSurnameEnding(t_[name_begin].lower);
  int person = lone_surname && table_.FindPersonBySurname(t_[name_begin].text) < 0
                   ? AddMention(EntityType::kOfficial, name_begin, name_end, s_.Text(name_begin, name_end))
                   : AddPerson(name_begin, name_end, true);
  AddRoles(person, phrase, prefix_body, prefix_country);
  if (enclosed) return name_end + 1;
  size_t after = AcronymDefinition(person, name_end);
  return Apposition(person, after);
}

size_t NameFinder::LowerTitleOfOrganisation(size_t i) {
  // Most tokens fail the first, cheapest test: no title word starts here.
  if (!(lex_.IsTitleHead(t_[i]) || lex_.IsTitleModifier(t_[i])) || t_[i].capitalized || i == 0 ||
      !(t_[i - 1].Is("a") || t_[i - 1].Is("an") || t_[i - 1].Is("the")))
    return npos;
  size_t end = TitleRunEnd(i, /*allow_lower=*/true);
  if (end == i || end + 1 >= n() || !(t_[end].Is("of") || t_[end].Is("at"))) return npos;
  size_t org = SkipArticles(end + 1);
  if (!IsCap(org) || CountryAt(org)) return npos;
  TitlePhrase phrase = ParseTitlePhrase(i, /*allow_lower=*/true);
  if (size_t after = NameAfterTitle(phrase, -1, -1); after != npos) return after;
  return std::max(phrase.end, i + 1);
}

size_t NameFinder::PossessiveTitle(size_t i) {
  size_t k = i + 1;
  size_t head = k;
  while (IsLowerPortfolio(head)) ++head;
  if (head >= n() || t_[head].capitalized || TitleRunEnd(head, /*allow_lower=*/true) == head) return npos;
  // The possessor: a country or a body named right before "'s".
  int body = -1, country = -1;
  for (const Mention& m : s_.mentions) {
    if (m.end != i || m.entity < 0) continue;
    if (m.type == EntityType::kCountry && !m.adjective) country = m.entity;
    if (m.type == EntityType::kBody) body = m.entity;
  }
  TitlePhrase phrase = ParseTitlePhrase(head, /*allow_lower=*/true);
  if (head > k) phrase.runs.front().text = s_.Text(k, head) + " " + phrase.runs.front().text;
  if (size_t after = NameAfterTitle(phrase, body, country); after != npos) return after;
  return std::max(phrase.end, i + 1);
}

size_t NameFinder::QuotedNameEnd(size_t k) const {
  auto open = [](const Token& t) { return t.IsPunct("\xE2\x80\x9C") || t.IsPunct("\"") || t.IsPunct("\xC2\xAB"); };
  auto close = [](const Token& t) { return t.IsPunct("\xE2\x80\x9D") || t.IsPunct("\"") || t.IsPunct("\xC2\xBB"); };
  if (k + 2 >= n() || !open(t_[k]) || !IsCap(k + 1)) return k;
  size_t e = k + 1;
  while (e < n() && e < k + 6 && (IsCap(e) || (t_[e].IsPunct("-") && IsCap(e + 1)))) ++e;
  if (e >= n() || !close(t_[e])) return k;
  ++e;
  if (e < n() && Classify(e) == Cls::kLegal) ++e;
  return e;
}

bool NameFinder::InRegionName(size_t i, const Lexicon::CountryMatch& c) const {
  if (c.adjective || i == 0 || !IsCap(i - 1) || i + c.tokens >= n() || !IsCap(i + c.tokens)) return false;
  const Token& before = t_[i - 1];
  const Token& after = t_[i + c.tokens];
  bool compass = before.Is("north") || before.Is("south") || before.Is("east") || before.Is("west") ||
                 before.Is("northern") || before.Is("southern") || before.Is("eastern") || before.Is("western");
  return compass && (after.Is("region") || after.Is("oblast") || after.Is("province"));
}

void NameFinder::ListedOrganisations() {
  if (s_.unknowns.empty()) return;
  for (size_t i = 1; i + 1 < n(); ++i) {
    size_t start = 0;
    if (t_[i].Is("including")) start = i + 1;
    if (t_[i].Is("such") && t_[i + 1].Is("as")) start = i + 2;
    if (start == 0) continue;
    bool org_noun = false;
    for (size_t k = i > 6 ? i - 6 : 0; k < i; ++k) org_noun |= lex_.IsOrgNoun(t_[k]);
    if (!org_noun) continue;
    // Walk the list: names, each known or unknown, joined by commas and "and".
    size_t p = start;
    while (p < n()) {
      p = SkipArticles(p);
      // "Norway's Polar Institute": the item past its country's possessive.
      if (const auto& c = CountryAt(p); c && !c->adjective && p + c->tokens < n() && t_[p + c->tokens].Is("'s"))
        p += c->tokens + 1;
      auto unknown = std::find_if(s_.unknowns.begin(), s_.unknowns.end(), [p](const Unknown& u) { return u.begin == p; });
      auto known = std::find_if(s_.mentions.begin(), s_.mentions.end(), [p](const Mention& m) {
        return m.begin == p && m.type == EntityType::kBody;
      });
      size_t end = p;
      if (unknown != s_.unknowns.end()) {
        end = unknown->end;
        AddMention(EntityType::kBody, unknown->begin, unknown->end, s_.Text(unknown->begin, unknown->end));
        s_.unknowns.erase(unknown);
      } else if (known != s_.mentions.end()) {
        end = known->end;
      } else {
        break;
      }
      p = end;
      if (p < n() && t_[p].IsPunct(",")) ++p;
      if (p < n() && t_[p].Is("and")) ++p;
      if (p == end) break;
    }
  }
}

std::optional<NameFinder::ParenthesisTitle> NameFinder::TitleBeforeParenthesis(size_t open) const {
  auto title_run_before = [this](size_t end) -> std::optional<ParenthesisTitle> {
    if (end == 0 || !t_[end - 1].IsWord() || !lex_.IsTitleHead(t_[end - 1])) return std::nullopt;
    size_t begin = end - 1;
    while (begin > 0 && t_[begin - 1].IsWord() &&
           (lex_.IsTitleHead(t_[begin - 1]) || lex_.IsTitleModifier(t_[begin - 1])))
      --begin;
    return ParenthesisTitle{begin, end, -1};
  };
  if (auto title = title_run_before(open)) return title;
  // "the head of the agency (Dana Seitova)": a post of a body named in lower case.
  size_t k = open;
  while (k > 0 && open - k < 3 && t_[k - 1].IsWord() && !t_[k - 1].capitalized && !t_[k - 1].Is("of") &&
         !lex_.IsTitleHead(t_[k - 1]))
    --k;
  if (k < open && k > 0 && t_[k - 1].Is("the")) --k;
  if (k < open && k > 0 && t_[k - 1].Is("of"))
    if (auto title = title_run_before(k - 1)) return title;
  // "a representative of the Nordvik Group (Erik Sand)".
  for (const Mention& m : s_.mentions) {
    if (m.end != open || m.type != EntityType::kBody || m.entity < 0) continue;
    size_t k = m.begin;
    if (k > 0 && t_[k - 1].Is("the")) --k;
    if (k == 0 || !t_[k - 1].Is("of")) continue;
    if (auto title = title_run_before(k - 1)) {
      title->body = m.entity;
      return title;
    }
  }
  return std::nullopt;
}

void NameFinder::Run() {
  facts_.assign(n(), TokenFacts{});
  for (size_t i = 0; i < n(); ++i) {
    const Token& t = t_[i];
    facts_[i].cap = t.kind == Token::Kind::kInitial ||
              (t.IsWord() && t.capitalized && !lex_.Month(t) && !lex_.Weekday(t));
  }
  for (size_t i = 0; i < n(); ++i) {
    facts_[i].cls = ClassifyToken(i);
    facts_[i].country = lex_.MatchCountry(t_, i);
    if (facts_[i].country && InRegionName(i, *facts_[i].country)) facts_[i].country.reset();
  }
  // Inside a quoted law title ("On Amendments and Additions ...") capitalised
  // words are not names.
  for (size_t i = 0; i + 1 < n(); ++i) {
    bool open = t_[i].IsPunct("\xE2\x80\x9C") || t_[i].IsPunct("\"") || t_[i].IsPunct("\xC2\xAB");
    if (open && t_[i + 1].Is("on") && t_[i + 1].capitalized) {
      size_t k = i + 1;
      while (k < n() && !(t_[k].IsPunct("\xE2\x80\x9D") || t_[k].IsPunct("\"") || t_[k].IsPunct("\xC2\xBB"))) {
        facts_[k].in_quote = true;
        ++k;
      }
      i = k;
    }
  }
  // A shouted or Title Case headline: capitals say nothing about names, so
  // only countries and names the body introduced are read.
  size_t words = 0, capitalized = 0;
  for (const Token& t : t_)
    if (t.IsWord() && t.kind == Token::Kind::kWord) ++words, capitalized += t.capitalized ? 1 : 0;
  bool title_case = s_.headline && words >= 4 && capitalized * 10 >= words * 7;
  if (title_case) {
    for (size_t i = 0; i < n(); ++i) {
      if (const auto& c = CountryAt(i)) {
        AddCountry(i, *c);
        i += c->tokens - 1;
        continue;
      }
      HyphenatedDemonyms(i);
      if (!t_[i].IsWord() || !t_[i].capitalized) continue;
      int person = table_.FindPersonBySurname(t_[i].text);
      if (person >= 0) s_.mentions.push_back(Mention{EntityType::kOfficial, i, i + 1, person});
      int org = IsAcronymToken(t_[i]) ? table_.FindAcronym(t_[i].text) : -1;
      if (org >= 0) s_.mentions.push_back(Mention{EntityType::kBody, i, i + 1, org});
    }
    return;
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
    if (t_[i].Is("'s") && i > 0) {
      if (size_t next = PossessiveTitle(i); next != npos) {
        i = next;
        continue;
      }
    }
    if (!IsCap(i)) {
      size_t next = LowerTitleOfOrganisation(i);
      i = next != npos ? next : i + 1;
      continue;
    }
    HyphenatedDemonyms(i);
    size_t next = ParseAt(i);
    i = next > i ? next : i + 1;
  }
  ListedOrganisations();
  std::sort(s_.mentions.begin(), s_.mentions.end(),
            [](const Mention& a, const Mention& b) { return a.begin < b.begin || (a.begin == b.begin && a.end > b.end); });
}

}  // namespace

void FindNames(SentenceState& sentence, EntityTable& table) { NameFinder(sentence, table).Run(); }

}  // namespace steppe::extract
