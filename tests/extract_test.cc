// Extraction: unit cases on short texts written for these tests, and a
// scoring case that runs `steppe extract` over ../shared's seeds and dev set
// and holds the F1 scores above the floors in tests/extract_floors.txt.

#include <doctest/doctest.h>

#include <cstdio>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <map>
#include <sstream>
#include <string>

#include <nlohmann/json.hpp>

#include "core/extract/dates.h"
#include "core/extract/extractor.h"
#include "core/extract/text.h"
#include "core/facts_json.h"
#include "tests/testing/temp_dir.h"

namespace steppe {
namespace {

ArticleFacts Extract(const std::string& body, const std::string& date = "2026-04-16") {
  Article article;
  article.id = "test#1";
  article.title = "A headline";
  article.date = date;
  article.body = body;
  return extract::ExtractFacts(article);
}

std::string Entities(const ArticleFacts& f, EntityType type) {
  std::string out;
  for (const Entity& e : f.entities) {
    if (e.type != type) continue;
    if (!out.empty()) out += "; ";
    out += e.name;
  }
  return out;
}

std::string Roles(const ArticleFacts& f) {
  std::string out;
  for (const Role& r : f.roles) {
    if (!out.empty()) out += "; ";
    out += r.person + " = " + r.title.value_or("?");
  }
  return out;
}

std::string Meetings(const ArticleFacts& f) {
  std::string out;
  for (const Meeting& m : f.meetings) {
    if (!out.empty()) out += "; ";
    for (size_t i = 0; i < m.participants.size(); ++i) out += (i ? " + " : "") + m.participants[i];
    out += " @" + m.date.value_or("?");
  }
  return out;
}

std::string Agreements(const ArticleFacts& f) {
  std::string out;
  for (const AgreementFact& a : f.agreements) {
    if (!out.empty()) out += "; ";
    out += a.kind.value_or("?") + ":";
    for (const std::string& p : a.parties) out += " " + p + ",";
    out += " [";
    for (const std::string& c : a.countries) out += c + " ";
    out += "] " + a.value.value_or("-");
  }
  return out;
}

std::string LawActions(const ArticleFacts& f) {
  std::string out;
  for (const LawAction& l : f.law_actions) {
    if (!out.empty()) out += "; ";
    out += l.actor.value_or("-") + " " + l.action + " " + l.law + " (" + l.detail.value_or("") + ")";
  }
  return out;
}

}  // namespace

TEST_CASE("extract: sentences survive abbreviations, initials and run-together text") {
  auto s = extract::SplitSentences(
      "Order No. 12 was issued by B. Tulegenov of Qarlyq Corp. on Monday. Trade grew 4.5 percent.The "
      "new plan was approved. \xE2\x80\x9CWe agree.\xE2\x80\x9D Talks went on");
  REQUIRE(s.size() == 5);
  CHECK(s[0] == "Order No. 12 was issued by B. Tulegenov of Qarlyq Corp. on Monday.");
  CHECK(s[1] == "Trade grew 4.5 percent.");
  CHECK(s[2] == "The new plan was approved.");
  CHECK(s[3] == "\xE2\x80\x9CWe agree.\xE2\x80\x9D");
  CHECK(s[4] == "Talks went on");
}

TEST_CASE("extract: a weekday resolves to the latest such day on or before the article date") {
  CHECK(extract::ResolveWeekday("2026-04-16", 4) == "2026-04-16");  // a Thursday
  CHECK(extract::ResolveWeekday("2026-04-16", 1) == "2026-04-13");
  extract::Sentence tuesday = extract::Tokenize("The talks took place on Tuesday in Astana.");
  CHECK(extract::FindDate(tuesday.tokens, "2026-04-16") == "2026-04-14");
  extract::Sentence june = extract::Tokenize("It was signed on 3 June 2025.");
  CHECK(extract::FindDate(june.tokens, "") == "2025-06-03");
}

TEST_CASE("extract: titles before and after names give officials and roles") {
  ArticleFacts f = Extract(
      "Minister of Foreign Affairs of the Republic of Kazakhstan Aidos Temirbekov received Ambassador of "
      "Norway Ingrid Solberg. Daniyar Zhaksylykov, a deputy of the Mazhilis, attended. Temirbekov noted the "
      "progress.");
  CHECK(Entities(f, EntityType::kOfficial) == "Aidos Temirbekov; Ingrid Solberg; Daniyar Zhaksylykov");
  CHECK(Entities(f, EntityType::kCountry) == "Kazakhstan; Norway");
  CHECK(Entities(f, EntityType::kBody) == "Mazhilis");
  CHECK(Roles(f) ==
        "Aidos Temirbekov = Minister of Foreign Affairs; Ingrid Solberg = Ambassador; Daniyar Zhaksylykov = deputy");
  CHECK(Meetings(f) == "Aidos Temirbekov + Ingrid Solberg @?");
}

TEST_CASE("extract: organisations, acronyms and demonyms") {
  ArticleFacts f = Extract(
      "The Nordic Bank for Energy Transition (NBET) and Steplink Logistics LLP signed a loan agreement for "
      "USD 40 million on Thursday to expand Kazakh-Estonian trade. NBET will open an office.");
  CHECK(Entities(f, EntityType::kBody) == "Nordic Bank for Energy Transition; Steplink Logistics LLP");
  CHECK(Entities(f, EntityType::kCountry) == "Kazakhstan; Estonia");
  CHECK(Agreements(f) ==
        "agreement: Nordic Bank for Energy Transition, Steplink Logistics LLP, [Kazakhstan Estonia ] USD 40 million");
  REQUIRE(f.agreements.size() == 1);
  CHECK(f.agreements[0].date == "2026-04-16");
}

TEST_CASE("extract: countries come from the one list resolution reads, named by its short names") {
  // Forms the resolver's list knew and extraction once did not, and the
  // short name both give a country.
  ArticleFacts f = Extract("A Nepali delegation and Sudanese experts visited the Russian Federation in May.");
  CHECK(Entities(f, EntityType::kCountry) == "Nepal; Sudan; Russia");
  f = Extract("Trade between Holland and the Ivory Coast grew, the Qazaq side said.");
  CHECK(Entities(f, EntityType::kCountry) == "Netherlands; Côte d'Ivoire; Kazakhstan");
}

TEST_CASE("extract: lower-case posts after a possessive name officials, with the possessor's country") {
  ArticleFacts f = Extract(
      "Norway's foreign minister Ingrid Dahlsveen arrived in Astana. The company's chief executive Lars Berglund "
      "said the plant would open in May. Sweden's ambassador to Kazakhstan, Karin Lindqvist, visited the "
      "university.");
  CHECK(Entities(f, EntityType::kOfficial) == "Ingrid Dahlsveen; Lars Berglund; Karin Lindqvist");
  CHECK(Roles(f) == "Ingrid Dahlsveen = foreign minister; Lars Berglund = chief executive; "
                    "Karin Lindqvist = ambassador to Kazakhstan");
  REQUIRE(f.roles.size() == 3);
  CHECK(f.roles[0].country == "Norway");
  CHECK_FALSE(f.roles[1].country.has_value());
  CHECK(f.roles[2].country == "Sweden");
}

TEST_CASE("extract: a name of several words in parentheses after a post is an official") {
  ArticleFacts f = Extract(
      "The delegation included a representative of the Nordvik Group (Erik Johan Sandberg) and experts. The "
      "session was opened by the head of the agency (Dana Seitkali). Talks with the Ambassador (Mirela Ana "
      "Popescu) followed.");
  CHECK(Entities(f, EntityType::kOfficial) == "Erik Johan Sandberg; Dana Seitkali; Mirela Ana Popescu");
  CHECK(Roles(f) == "Erik Johan Sandberg = representative; Dana Seitkali = head; Mirela Ana Popescu = Ambassador");
  REQUIRE(!f.roles.empty());
  CHECK(f.roles[0].body == "Nordvik Group");
  // After an organisation and no post, the words in parentheses are another name of it.
  f = Extract("Engineers of the Nordvik Group (Nordvik Polar Works) arrived.");
  CHECK(Entities(f, EntityType::kOfficial) == "");
}

TEST_CASE("extract: a post without a name in running text is no official") {
  ArticleFacts f = Extract(
      "The Minister of Defence of Norway said the exercise had been useful. Latvia's finance minister "
      "approved the rules.");
  CHECK(Entities(f, EntityType::kOfficial) == "");
  CHECK(Roles(f) == "");
  CHECK(Entities(f, EntityType::kCountry) == "Norway; Latvia");
}

TEST_CASE("extract: unknown names listed after an organisation noun and \"including\" are organisations") {
  ArticleFacts f = Extract(
      "More than forty foreign companies work in the region, including Polarnet, Fjordline Energy and Vessko. "
      "Firms such as Brightmoor and Kalderan also invest. The joint venture Steppe Harbour Logistics was set up.");
  CHECK(Entities(f, EntityType::kBody) == "Polarnet; Fjordline Energy; Vessko; Brightmoor; Kalderan; Steppe Harbour Logistics");
  // Items after "the" or a country's possessive.
  f = Extract("Organisations, including Brightmoor, the Kalderan Works, Norway's Vessko, and Polarnet, joined.");
  CHECK(Entities(f, EntityType::kBody) == "Brightmoor; Kalderan Works; Vessko; Polarnet");
  // Without an organisation noun a list is only names.
  f = Extract("Guests came from many places, including Brightmoor and Kalderan.");
  CHECK(Entities(f, EntityType::kBody) == "");
}

TEST_CASE("extract: a region named after its country, and a quoted name after an organisation's words") {
  ArticleFacts f = Extract(
      "The Akimat of the East Kazakhstan Region and the Regional Development Corporation \u201cErtis Kala\u201d JSC "
      "signed an agreement on a new plant.");
  CHECK(Entities(f, EntityType::kBody) ==
        "Akimat of the East Kazakhstan Region; Regional Development Corporation \u201cErtis Kala\u201d JSC");
  CHECK(Agreements(f) ==
        "agreement: Akimat of the East Kazakhstan Region, Regional Development Corporation \u201cErtis Kala\u201d JSC, "
        "[Kazakhstan ] -");
}

TEST_CASE("extract: a lower-case post of a named organisation, then a name, is an official") {
  ArticleFacts f = Extract("The meeting with a representative of Nordvik Media Tomas Berg was held at the ministry.");
  CHECK(Entities(f, EntityType::kOfficial) == "Tomas Berg");
  CHECK(Roles(f) == "Tomas Berg = representative of Nordvik Media");
  f = Extract("A representative of the Nordvik Group said the plant would open in May.");
  CHECK(Entities(f, EntityType::kOfficial) == "");
  CHECK(Entities(f, EntityType::kBody) == "Nordvik Group");
}

TEST_CASE("extract: a lower-case post right after its body names an official of that body") {
  ArticleFacts f = Extract(
      "This was stated by Mazhilis deputy Aigerim Nurtazina at the session. A Nordvik Group spokesperson, Lars "
      "Hovland, declined to comment.");
  CHECK(Entities(f, EntityType::kOfficial) == "Aigerim Nurtazina; Lars Hovland");
  CHECK(Roles(f) == "Aigerim Nurtazina = deputy; Lars Hovland = spokesperson");
  REQUIRE(f.roles.size() == 2);
  CHECK(f.roles[0].body == "Mazhilis");
  CHECK(f.roles[1].body == "Nordvik Group");
}

TEST_CASE("extract: witnesses, signatories and planned consultations are not meetings or agreements") {
  ArticleFacts f = Extract(
      "The contract was signed by Director General of Qarlyq Mining Corporation Ruslan Almasov and President of "
      "Tenger Holding Group Marat Dauletov in the presence of Prime Minister of Kazakhstan Berik Nurlanov. "
      "The sides agreed to hold consultations in May.");
  CHECK(Meetings(f).empty());
  CHECK(Agreements(f).empty());
  CHECK(Entities(f, EntityType::kOfficial) == "Ruslan Almasov; Marat Dauletov; Berik Nurlanov");
}

TEST_CASE("extract: law actions with reading, actor and back-references") {
  ArticleFacts f = Extract(
      "Today, deputies of the Mazhilis approved in the first reading the draft Law of the Republic of "
      "Kazakhstan \xE2\x80\x9COn Mountain Pastures\xE2\x80\x9D. The bill amends the Forest Code.");
  CHECK(Entities(f, EntityType::kLaw) ==
        "Law of the Republic of Kazakhstan \xE2\x80\x9COn Mountain Pastures\xE2\x80\x9D; Forest Code");
  CHECK(LawActions(f) ==
        "Mazhilis approved Law of the Republic of Kazakhstan \xE2\x80\x9COn Mountain Pastures\xE2\x80\x9D (first reading)");
  REQUIRE(f.law_actions.size() == 1);
  CHECK(f.law_actions[0].date == "2026-04-16");
}

TEST_CASE("extract: a surname alone resolves to the full name given earlier") {
  ArticleFacts f = Extract(
      "Deputy Prime Minister Aslan Sarsenov held talks with Minister of Economy of Latvia Janis Ozols. "
      "Ozols invited Sarsenov to Riga.");
  REQUIRE(f.entities.size() >= 2);
  CHECK(f.entities[0].name == "Aslan Sarsenov");
  CHECK(f.entities[0].aliases == std::vector<std::string>{"Sarsenov"});
  CHECK(Meetings(f) == "Aslan Sarsenov + Janis Ozols @?");
}

TEST_CASE("extract: a headline-only article names its meeting's sides by their posts") {
  Article article;
  article.id = "test#2";
  article.title = "Minister of Health of Kazakhstan met with the Ambassador of Chile";
  ArticleFacts f = extract::ExtractFacts(article);
  CHECK(Meetings(f) == "Minister of Health of Kazakhstan + Ambassador of Chile @?");
  CHECK(Roles(f) == "Minister of Health of Kazakhstan = Minister of Health; Ambassador of Chile = Ambassador");
  article.body = "The sides discussed health care.";
  CHECK(Meetings(extract::ExtractFacts(article)).empty());
}

TEST_CASE("extract: FactsToJson prints the exchange format") {
  ArticleFacts f = Extract("Minister of Energy of Kazakhstan Aidos Temirbekov visited Oslo.");
  nlohmann::json doc = nlohmann::json::parse(FactsToJson({f}));
  REQUIRE(doc["articles"].size() == 1);
  const auto& a = doc["articles"][0];
  CHECK(a["id"] == "test#1");
  CHECK(a["source_url"].is_null());
  bool official = false;
  for (const auto& e : a["entities"]) official |= e["type"] == "Official" && e["name"] == "Aidos Temirbekov";
  CHECK(official);
  CHECK(a["roles"][0]["title"] == "Minister of Energy");
  CHECK(a["roles"][0]["country"] == "Kazakhstan");
  CHECK(a["meetings"].is_array());
}

namespace {

std::string RunCapture(const std::string& command) {
  std::string out;
  FILE* pipe = popen(command.c_str(), "r");
  if (pipe == nullptr) return out;
  char buffer[4096];
  size_t n = 0;
  while ((n = fread(buffer, 1, sizeof buffer, pipe)) > 0) out.append(buffer, n);
  pclose(pipe);
  return out;
}

// "set.category floor" lines; '#' starts a comment.
std::map<std::string, double> ReadFloors(const std::string& path) {
  std::map<std::string, double> floors;
  std::ifstream in(path);
  std::string line;
  while (std::getline(in, line)) {
    if (line.empty() || line[0] == '#') continue;
    std::istringstream fields(line);
    std::string key;
    double value = 0;
    if (fields >> key >> value) floors[key] = value;
  }
  return floors;
}

}  // namespace

TEST_CASE("extract: F1 on the seeds and the dev set stays above the floors") {
  namespace fs = std::filesystem;
  const std::string shared = STEPPE_SHARED_DIR;
  if (!fs::exists(shared + "/eval/score.py") || !fs::exists(shared + "/data/seeds")) {
    MESSAGE("skipped: " << shared << " (seeds, gold, score.py) is absent");
    return;
  }
  testing::TempDir dir;
  // The seeds' gold comes in two files; score one merged document.
  nlohmann::json merged = {{"articles", nlohmann::json::array()}};
  for (const char* part : {"seeds-a.json", "seeds-b.json"}) {
    std::ifstream in(shared + "/eval/gold/" + part);
    nlohmann::json doc = nlohmann::json::parse(in);
    for (auto& a : doc["articles"]) merged["articles"].push_back(a);
  }
  dir.Write("seeds-gold.json", merged.dump());
  std::map<std::string, double> floors = ReadFloors(std::string(STEPPE_SOURCE_DIR) + "/tests/extract_floors.txt");
  REQUIRE(!floors.empty());
  struct Set {
    std::string name, data, gold;
  };
  for (const Set& set : {Set{"seeds", shared + "/data/seeds", dir.path() + "/seeds-gold.json"},
                         Set{"dev", shared + "/data/dev", shared + "/eval/dev/gold.json"}}) {
    std::string system = dir.path() + "/" + set.name + ".json";
    int rc = std::system((std::string(STEPPE_BINARY) + " extract " + set.data + " --format facts > " + system).c_str());
    REQUIRE(rc == 0);
    std::string score = "python3 " + shared + "/eval/score.py " + set.gold + " " + system;
    std::cout << "== " << set.name << "\n" << RunCapture(score + " 2>/dev/null") << "\n";
    nlohmann::json result = nlohmann::json::parse(RunCapture(score + " --json 2>/dev/null"));
    for (const auto& [key, floor] : floors) {
      if (key.rfind(set.name + ".", 0) != 0) continue;
      std::string category = key.substr(set.name.size() + 1);
      REQUIRE_MESSAGE(result["scores"].contains(category), key);
      double f1 = result["scores"][category]["f1"].is_null() ? 0.0 : result["scores"][category]["f1"].get<double>();
      CHECK_MESSAGE(f1 >= floor, key << " F1 " << f1 << " is below its floor " << floor);
    }
  }
}

}  // namespace steppe
