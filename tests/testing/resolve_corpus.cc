#include "tests/testing/resolve_corpus.h"

namespace steppe::testing {
namespace {

Article MakeArticle(std::string id, std::string date, std::string title, std::string body) {
  Article a;
  a.id = std::move(id);
  a.file = a.id.substr(0, a.id.find('#')) + ".txt";
  a.date = std::move(date);
  a.title = std::move(title);
  a.body = std::move(body);
  return a;
}

ArticleFacts OsloVisit() {
  ArticleFacts f;
  const std::string s1 =
      "Deputy Minister of Foreign Affairs of Kazakhstan Yerlan Temirov met Ambassador of Norway "
      "Jonas Berg in Astana.";
  const std::string s2 = "Temirov and Berg discussed renewable energy and student exchanges.";
  f.article = MakeArticle("visit#1", "2026-03-02", "Temirov receives the Norwegian ambassador",
                          s1 + " " + s2);
  f.entities = {{EntityType::kOfficial, "Yerlan Temirov", {"Temirov"}},
                {EntityType::kOfficial, "Jonas Berg", {"Berg"}},
                {EntityType::kBody, "Ministry of Foreign Affairs of Kazakhstan", {}},
                {EntityType::kCountry, "Kazakhstan", {}},
                {EntityType::kCountry, "Norway", {}}};
  f.roles = {{"Yerlan Temirov", "Deputy Minister of Foreign Affairs",
              "Ministry of Foreign Affairs of Kazakhstan", "Kazakhstan", s1},
             {"Jonas Berg", "Ambassador", std::nullopt, "Norway", s1}};
  f.meetings = {{{"Temirov", "Berg"}, std::nullopt, "Astana",
                 {"renewable energy", "student exchanges"}, s2}};
  return f;
}

ArticleFacts WaterTalks() {
  ArticleFacts f;
  const std::string s1 =
      "The Kazakh MFA hosted talks between Deputy Minister Erlan Temirov and Aigerim Sadykova, "
      "Chair of the Steppe Water Agency.";
  const std::string s2 = "They discussed irrigation in the south.";
  f.article = MakeArticle("water#1", "2026-03-09", "Talks on irrigation at the Kazakh MFA",
                          s1 + " " + s2);
  f.entities = {{EntityType::kOfficial, "Erlan Temirov", {"Temirov"}},
                {EntityType::kOfficial, "Aigerim Sadykova", {"Sadykova"}},
                {EntityType::kBody, "Kazakh MFA", {}},
                {EntityType::kBody, "Steppe Water Agency", {}}};
  f.roles = {{"Erlan Temirov", "Deputy Minister of Foreign Affairs", "Kazakh MFA", std::nullopt, s1},
             {"Aigerim Sadykova", "Chair", "Steppe Water Agency", std::nullopt, s1}};
  f.meetings = {{{"Erlan Temirov", "Aigerim Sadykova"}, std::nullopt, std::nullopt,
                 {"irrigation in the south"}, s1}};
  return f;
}

ArticleFacts RectorOpensLab() {
  ArticleFacts f;
  const std::string s1 = "Aidos Temirov, rector of Steppe University, opened a soil laboratory.";
  f.article = MakeArticle("campus#1", "2026-03-10", "A soil laboratory opens", s1);
  f.entities = {{EntityType::kOfficial, "Aidos Temirov", {"Temirov"}},
                {EntityType::kBody, "Steppe University", {}}};
  f.roles = {{"Aidos Temirov", "Rector", "Steppe University", std::nullopt, s1}};
  return f;
}

ArticleFacts RectorAgain() {
  ArticleFacts f;
  const std::string s1 = "A. Temirov, rector of Steppe University, welcomed the new students.";
  f.article = MakeArticle("campus#2", "2026-03-12", "New students at Steppe University", s1);
  f.entities = {{EntityType::kOfficial, "A. Temirov", {"Temirov"}},
                {EntityType::kBody, "Steppe University", {}}};
  f.roles = {{"A. Temirov", "Rector", "Steppe University", std::nullopt, s1}};
  return f;
}

ArticleFacts WagonsAndBees() {
  ArticleFacts f;
  const std::string s1 =
      "Steppe Rail JSC and Karachi Port Trust signed a contract worth USD 40 million on the supply "
      "of grain wagons.";
  const std::string s2 =
      "The Mazhilis of the Parliament of the Republic of Kazakhstan approved the draft law on "
      "beekeeping in the first reading.";
  const std::string s3 =
      "The Committee on Agrarian Issues of the Mazhilis drafted amendments to the Law on "
      "Beekeeping.";
  f.article = MakeArticle("digest#1", "2026-03-15", "Wagons for Karachi and a law for beekeepers",
                          s1 + " " + s2 + " " + s3);
  f.entities = {{EntityType::kBody, "Steppe Rail JSC", {}},
                {EntityType::kBody, "Karachi Port Trust", {}},
                {EntityType::kCountry, "Kazakhstan", {"Republic of Kazakhstan"}},
                {EntityType::kCountry, "Pakistan", {}},
                {EntityType::kBody, "Mazhilis of the Parliament of the Republic of Kazakhstan",
                 {"Mazhilis"}},
                {EntityType::kBody, "Parliament of the Republic of Kazakhstan", {}},
                {EntityType::kBody, "Committee on Agrarian Issues of the Mazhilis", {}},
                {EntityType::kLaw, "Law on Beekeeping", {"draft law on beekeeping"}}};
  f.agreements = {{std::nullopt, "contract", {"Steppe Rail JSC", "Karachi Port Trust"},
                   {"Kazakhstan", "Pakistan"}, "supply of grain wagons", "USD 40 million",
                   std::nullopt, s1}};
  f.law_actions = {{"draft law on beekeeping", "Mazhilis", "approved", std::nullopt,
                    "first reading", s2},
                   {"Law on Beekeeping", "Committee on Agrarian Issues of the Mazhilis", "drafted",
                    std::nullopt, std::nullopt, s3}};
  return f;
}

}  // namespace

std::vector<ArticleFacts> ResolveCorpus() {
  return {OsloVisit(), WaterTalks(), RectorOpensLab(), RectorAgain(), WagonsAndBees()};
}

}  // namespace steppe::testing
