#include "core/facts_json.h"

#include <nlohmann/json.hpp>

namespace steppe {
namespace {

using nlohmann::ordered_json;

ordered_json Optional(const std::optional<std::string>& value) {
  return value ? ordered_json(*value) : ordered_json(nullptr);
}

ordered_json ArticleJson(const ArticleFacts& f) {
  ordered_json a;
  a["id"] = f.article.id;
  a["title"] = Optional(f.article.title);
  a["date"] = Optional(f.article.date);
  a["source_url"] = Optional(f.article.source_url);
  ordered_json entities = ordered_json::array();
  for (const Entity& e : f.entities)
    entities.push_back({{"type", EntityTypeName(e.type)}, {"name", e.name}, {"aliases", e.aliases}});
  a["entities"] = std::move(entities);
  ordered_json roles = ordered_json::array();
  for (const Role& r : f.roles)
    roles.push_back({{"person", r.person},
                     {"title", Optional(r.title)},
                     {"body", Optional(r.body)},
                     {"country", Optional(r.country)},
                     {"sentence", r.sentence}});
  a["roles"] = std::move(roles);
  ordered_json meetings = ordered_json::array();
  for (const Meeting& m : f.meetings)
    meetings.push_back({{"participants", m.participants},
                        {"date", Optional(m.date)},
                        {"place", Optional(m.place)},
                        {"topics", m.topics},
                        {"sentence", m.sentence}});
  a["meetings"] = std::move(meetings);
  ordered_json agreements = ordered_json::array();
  for (const AgreementFact& g : f.agreements)
    agreements.push_back({{"name", Optional(g.name)},
                          {"kind", Optional(g.kind)},
                          {"parties", g.parties},
                          {"countries", g.countries},
                          {"topic", Optional(g.topic)},
                          {"value", Optional(g.value)},
                          {"date", Optional(g.date)},
                          {"sentence", g.sentence}});
  a["agreements"] = std::move(agreements);
  ordered_json actions = ordered_json::array();
  for (const LawAction& l : f.law_actions)
    actions.push_back({{"law", l.law},
                       {"actor", Optional(l.actor)},
                       {"action", l.action},
                       {"date", Optional(l.date)},
                       {"detail", Optional(l.detail)},
                       {"sentence", l.sentence}});
  a["law_actions"] = std::move(actions);
  return a;
}

}  // namespace

const char* EntityTypeName(EntityType type) {
  switch (type) {
    case EntityType::kOfficial: return "Official";
    case EntityType::kBody: return "Body";
    case EntityType::kCountry: return "Country";
    case EntityType::kLaw: return "Law";
    case EntityType::kAgreement: return "Agreement";
  }
  return "Body";
}

std::string FactsToJson(const std::vector<ArticleFacts>& facts) {
  ordered_json doc;
  ordered_json articles = ordered_json::array();
  for (const ArticleFacts& f : facts) articles.push_back(ArticleJson(f));
  doc["articles"] = std::move(articles);
  // Invalid UTF-8 in the input is replaced rather than thrown on.
  return doc.dump(2, ' ', false, nlohmann::json::error_handler_t::replace) + "\n";
}

}  // namespace steppe
