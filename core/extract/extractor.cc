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
    bool dated = k + 1 < t.size() && t[k].IsPunct(",") && Lexicon::Get().Month(t[k + 1].lower) > 0;
    bool closed = k < t.size() && (t[k].IsPunct(".") || t[k].IsPunct(",") || t[k].text == "\xE2\x80\x93");
    if ((shouted && closed) || dated) {
      std::string place = s.Text(0, k);
      return shouted ? TitleCase(place) : place;
    }
    return "";
  }
  return "";
}

void DedupeRoles(std::vector<Role>& roles) {
  std::set<std::pair<std::string, std::string>> seen;
  std::vector<Role> kept;
  for (Role& r : roles) {
    if (seen.insert({r.person, r.title.value_or("")}).second) kept.push_back(std::move(r));
  }
  roles = std::move(kept);
}

}  // namespace

ArticleFacts ExtractFacts(const Article& article) {
  ArticleFacts facts;
  facts.article = article;
  EntityTable table;
  std::vector<SentenceState> sentences;
  for (std::string_view text : SplitSentences(article.body)) {
    SentenceState s;
    s.sentence = Tokenize(text);
    sentences.push_back(std::move(s));
  }
  // The headline and the "Source:" body after the body: the body introduces
  // full names that the headline shortens.
  size_t body_count = sentences.size();
  if (article.title) {
    for (std::string_view text : SplitSentences(*article.title)) {
      SentenceState s;
      s.sentence = Tokenize(text);
      s.headline = true;
      sentences.push_back(std::move(s));
    }
  }
  if (article.outlet) {
    SentenceState s;
    s.sentence = Tokenize(*article.outlet);
    s.headline = true;
    sentences.push_back(std::move(s));
  }
  for (SentenceState& s : sentences) {
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
  DedupeRoles(facts.roles);
  facts.entities = table.Release();
  return facts;
}

}  // namespace steppe::extract
