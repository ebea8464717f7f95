#include "core/extract/extractor.h"

#include <algorithm>
#include <set>

#include "core/extract/article_state.h"
#include "core/extract/lexicon.h"
#include "core/extract/mentions.h"
#include "core/extract/relations.h"

namespace steppe::extract {
namespace {

std::string TitleCase(std::string_view word) {
  std::string out;
  bool start = true;
  for (char c : word) {
    if (start && c >= 'a' && c <= 'z') c = static_cast<char>(c - 'a' + 'A');
    if (!start && c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
    out.push_back(c);
    start = c == ' ' || c == '-';
  }
  return out;
}

// "ASTANA. KAZINFORM – ..." or "Abu Dhabi, March 17, 2026 – ...": the city
// the report was filed from.
std::string DatelinePlace(const std::vector<SentenceState>& sentences) {
  for (const SentenceState& s : sentences) {
    if (s.headline) continue;
    const auto& t = s.sentence.tokens;
    if (t.empty()) return "";
    size_t k = 0;
    while (k < t.size() && t[k].IsWord() && t[k].capitalized) ++k;
    if (k == 0 || k > 3) return "";
    bool shouted = true;
    for (size_t q = 0; q < k; ++q) shouted &= t[q].all_upper;
    bool dated = k + 1 < t.size() && t[k].IsPunct(",") && Lexicon::Get().Month(t[k + 1]) > 0;
    bool closed = k < t.size() && (t[k].IsPunct(".") || t[k].IsPunct(",") || t[k].text == "\xE2\x80\x93");
    if ((shouted && closed) || dated) {
      std::string place = s.Text(0, k);
      return shouted ? TitleCase(place) : place;
    }
    return "";
  }
  return "";
}

std::set<std::string> TitleWords(const std::string& title) {
  std::set<std::string> words;
  std::string word;
  for (char c : title + " ") {
    if (c == ' ' || c == ',' || c == '-') {
      if (!word.empty() && word != "of" && word != "the" && word != "for" && word != "and" && word != "to")
        words.insert(word);
      word.clear();
    } else {
      word.push_back(c >= 'A' && c <= 'Z' ? static_cast<char>(c - 'A' + 'a') : c);
    }
  }
  return words;
}

// One role per person and post: "Finance Minister" and "Minister of Finance"
// have the same words, and "Ambassador" beside "Ambassador to Kuwait" says
// nothing more.
void DedupeRoles(std::vector<Role>& roles) {
  std::vector<std::set<std::string>> words;
  for (const Role& r : roles) words.push_back(TitleWords(r.title.value_or("")));
  std::vector<Role> kept;
  for (size_t i = 0; i < roles.size(); ++i) {
    bool drop = false;
    for (size_t j = 0; j < roles.size() && !drop; ++j) {
      if (i == j || roles[i].person != roles[j].person) continue;
      bool same = words[i] == words[j];
      bool subset = std::includes(words[j].begin(), words[j].end(), words[i].begin(), words[i].end());
      drop = (same && j < i) || (subset && !same);
    }
    if (!drop) kept.push_back(roles[i]);
  }
  roles = std::move(kept);
}

// An article that is only a headline, "Minister of Defence of X met with the
// Ambassador of Y": the two posts are all the text says of the two people,
// so the posts name them.
void HeadlineOnlyMeeting(std::vector<SentenceState>& sentences, EntityTable& table, ArticleFacts& facts) {
  if (!facts.meetings.empty() || sentences.empty() || !sentences.front().headline) return;
  const SentenceState& s = sentences.front();
  const auto& t = s.sentence.tokens;
  const Lexicon& lex = Lexicon::Get();
  size_t verb = 0;
  for (size_t i = 1; i + 1 < t.size() && verb == 0; ++i)
    if ((t[i].Is("met") || t[i].Is("meets")) && t[i + 1].Is("with")) verb = i;
  if (verb == 0) return;
  // Each side: [the] Post of <Country>, the post a title word or capitalised.
  auto side = [&](size_t b, size_t e) -> int {
    if (b < e && t[b].Is("the")) ++b;
    if (e - b < 3 || !t[b].IsWord() || !t[b].capitalized || !t[e - 2].Is("of")) return -1;
    auto country = lex.MatchCountry(t, e - 1);
    if (!country || country->adjective || e - 1 + country->tokens != e) return -1;
    for (size_t k = b; k + 2 < e; ++k)
      if (!t[k].IsWord() || (k > b && !lex.IsTitleHead(t[k]) && !lex.IsTitleModifier(t[k]) &&
                             !lex.IsCommonWord(t[k]) && !t[k].Is("of")))
        return -1;
    int person = table.Add(EntityType::kOfficial, s.Text(b, e));
    int state = table.Add(EntityType::kCountry, country->name);
    if (lex.IsTitleHead(t[b]) || lex.IsTitleModifier(t[b]))
      facts.roles.push_back(Role{table.at(person).name, s.Text(b, e - 2), std::nullopt, table.at(state).name,
                                 std::string(s.sentence.text)});
    return person;
  };
  int a = side(0, verb);
  int b = side(verb + 2, t.size());
  if (a < 0 || b < 0 || a == b) return;
  Meeting meeting;
  meeting.participants = {table.at(a).name, table.at(b).name};
  meeting.sentence = std::string(s.sentence.text);
  facts.meetings.push_back(std::move(meeting));
}

SentenceState ReadSentence(std::string_view text, bool headline) {
  SentenceState s;
  s.sentence = Tokenize(text);
  Lexicon::Get().Annotate(s.sentence);
  s.headline = headline;
  return s;
}

}  // namespace

ArticleFacts ExtractFacts(const Article& article) {
  ArticleFacts facts;
  facts.article = article;
  EntityTable table;
  std::vector<SentenceState> sentences;
  for (std::string_view text : SplitSentences(article.body)) sentences.push_back(ReadSentence(text, false));
  // The headline and the "Source:" body after the body: the body introduces
  // full names that the headline shortens.
  size_t body_count = sentences.size();
  if (article.title) {
    for (std::string_view text : SplitSentences(*article.title)) sentences.push_back(ReadSentence(text, true));
  }
  if (article.outlet) sentences.push_back(ReadSentence(*article.outlet, true));
  for (SentenceState& s : sentences) {
    s.keywords = KeywordsOf(s.sentence);
    FindDocuments(s, table);
    FindNames(s, table);
  }

  ArticleContext context;
  context.date = article.date.value_or("");
  context.dateline_place = DatelinePlace(sentences);
  for (size_t i = body_count; i < sentences.size(); ++i)
    for (const Mention& m : sentences[i].mentions)
      if (m.type == EntityType::kCountry && std::find(context.headline_countries.begin(), context.headline_countries.end(), m.entity) == context.headline_countries.end())
        context.headline_countries.push_back(m.entity);

  FindAgreements(sentences, table, context, facts.agreements);
  FindMeetings(sentences, table, context, facts.meetings);
  FindLawActions(sentences, table, context, facts.law_actions);
  for (const SentenceState& s : sentences) {
    for (const RoleMention& r : s.roles) {
      if (r.person < 0) continue;
      Role role;
      role.person = table.at(r.person).name;
      role.title = r.title;
      if (r.body >= 0) role.body = table.at(r.body).name;
      if (r.country >= 0) role.country = table.at(r.country).name;
      role.sentence = std::string(s.sentence.text);
      facts.roles.push_back(std::move(role));
    }
  }
  if (body_count == 0 && article.title) HeadlineOnlyMeeting(sentences, table, facts);
  DedupeRoles(facts.roles);
  facts.entities = table.Release();
  return facts;
}

}  // namespace steppe::extract
