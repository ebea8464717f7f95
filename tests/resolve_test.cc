#include <doctest/doctest.h>

#include <algorithm>

#include "core/fold.h"
#include "core/resolve/country_lexicon.h"
#include "core/resolve/mention_text.h"
#include "core/resolve/name_forms.h"
#include "core/resolve/resolver.h"
#include "storage/mem_store.h"
#include "tests/testing/facts_loading.h"
#include "tests/testing/resolve_corpus.h"

namespace steppe::resolve {
namespace {

// Candidates kept in a vector: the resolver's rules without a store.
class VectorSource : public CandidateSource {
 public:
  struct Stored {
    EntityType type;
    Candidate candidate;
  };
  NodeId Add(EntityType type, std::string name, std::vector<std::string> aliases = {},
             Evidence evidence = {}) {
    NodeId id = stored_.size() + 1;
    stored_.push_back({type, Candidate{id, std::move(name), std::move(aliases), std::move(evidence)}});
    return id;
  }
  Status Find(std::string_view surface, EntityType type,
              std::vector<Candidate>& out) const override {
    std::string key = FoldName(surface);
    for (const Stored& s : stored_) {
      if (s.type != type) continue;
      bool hit = FoldName(s.candidate.name) == key;
      for (const auto& alias : s.candidate.aliases) hit = hit || FoldName(alias) == key;
      if (hit) out.push_back(s.candidate);
    }
    return Status::OK();
  }

 private:
  std::vector<Stored> stored_;
};

std::string Resolved(const Resolver& resolver, const Entity& entity, const Evidence& evidence = {}) {
  Result<std::optional<NodeId>> id = resolver.Resolve(entity, evidence);
  if (!id.ok()) return id.status().ToString();
  return *id ? std::to_string(**id) : "new";
}

}  // namespace

TEST_CASE("resolve: countries by every name and adjective") {
  const CountryLexicon& countries = CountryLexicon::Default();
  CHECK(countries.CodeOfName("Republic of Kazakhstan") == "KZ");
  CHECK(countries.CodeOfName("Islamic Republic of Pakistan") == "PK");
  CHECK(countries.CodeOfName("Russia") == "RU");
  CHECK(countries.ShortName("KG") == "Kyrgyzstan");
  CHECK(countries.CodeOfName("Kyrgyz Republic") == "KG");
  CHECK(countries.CodeOfAdjective("Kazakh") == "KZ");
  CHECK(countries.CodeOfAdjective("Kazakhstani") == "KZ");
  CHECK(countries.CodeOfAdjective("Pakistani") == "PK");
  CHECK(countries.CodeOfAdjective("Uzbek") == "UZ");
  CHECK_FALSE(countries.CodeOfAdjective("Pak").has_value());
  CHECK_FALSE(countries.CodeOfName("Ministry").has_value());
  // Long forms and demonyms the extractor reads in text.
  CHECK(countries.CodeOfName("Holland") == "NL");
  CHECK(countries.CodeOfName("Ivory Coast") == "CI");
  CHECK(countries.CodeOfAdjective("Qazaq") == "KZ");
  CHECK(countries.CodeOfAdjective("Argentinian") == "AR");
  const std::vector<std::string>& korea = countries.Names("KR");
  CHECK(std::find(korea.begin(), korea.end(), "Republic of Korea") != korea.end());
}

TEST_CASE("resolve: a body's name splits into stem and country") {
  const CountryLexicon& countries = CountryLexicon::Default();
  auto parse = [&countries](std::string_view name) {
    BodyName b = ParseBodyName(name, countries);
    return b.stem + "|" + b.country_code.value_or("-");
  };
  CHECK(parse("the Kazakh MFA") == "Ministry of Foreign Affairs|KZ");
  CHECK(parse("MFA of Kazakhstan") == "Ministry of Foreign Affairs|KZ");
  CHECK(parse("Ministry of Foreign Affairs of the Republic of Kazakhstan") ==
        "Ministry of Foreign Affairs|KZ");
  CHECK(parse("Mazhilis of the Parliament of the Republic of Kazakhstan") ==
        "Mazhilis of the Parliament|KZ");
  CHECK(parse("the Mazhilis") == "Mazhilis of the Parliament|KZ");
  CHECK(parse("the Kyrgyz Foreign Ministry") == "Ministry of Foreign Affairs|KG");
  CHECK(parse("Finance Ministry of Kazakhstan") == "Ministry of Finance|KZ");
  CHECK(parse("Kazakhstan-Uzbekistan Trade Council") == "Kazakhstan-Uzbekistan Trade Council|-");
  CHECK(parse("Steppe Grain Holding") == "Steppe Grain Holding|-");
}

TEST_CASE("resolve: law forms drop draft, bill and the country after the head") {
  std::vector<std::string> forms = LawForms("draft Law of the Republic of Kazakhstan “On Beekeeping”",
                                            CountryLexicon::Default());
  std::vector<std::string> keys;
  for (const auto& f : forms) keys.push_back(FoldName(f));
  CHECK(std::find(keys.begin(), keys.end(), FoldName("Law on Beekeeping")) != keys.end());
  std::vector<std::string> bill = LawForms("the bill on beekeeping", CountryLexicon::Default());
  CHECK(std::find(bill.begin(), bill.end(), "Law on beekeeping") != bill.end());
}

TEST_CASE("resolve: mentions are counted whole-word, a longer form first") {
  MentionText text(
      "The Steppe Water Agency met farmers. The agency, or SWA, and the Water Agency Fund\n"
      "talked. Steppe Water Agency staff left!");
  CHECK(text.CountMentions({"Steppe Water Agency", "SWA"}) == 3);
  CHECK(text.CountMentions({"agency"}) == 4);
  CHECK(text.SentenceNaming({"SWA"}) == "The agency, or SWA, and the Water Agency Fund");
  CHECK(text.SentenceNaming({"staff"}) == "Steppe Water Agency staff left!");
  CHECK(text.SentenceNaming({"Senate"}).empty());
}

TEST_CASE("resolve: a generic agreement name identifies nothing") {
  CHECK(IsGenericAgreementName("Memorandum of Understanding"));
  CHECK(IsGenericAgreementName("the bilateral agreements"));
  CHECK(IsGenericAgreementName(""));
  CHECK_FALSE(IsGenericAgreementName("Agreement on Beekeeping Cooperation"));
}

TEST_CASE("resolve: person names compare by surname and given name") {
  CHECK(ComparePersonNames("Yerlan Temirov", "Erlan Temirov") == PersonMatch::kSame);
  CHECK(ComparePersonNames("Askar Nurgaliyev", "Askar Nurgaliev") == PersonMatch::kSame);
  CHECK(ComparePersonNames("Y. Temirov", "Yerlan Temirov") == PersonMatch::kCompatible);
  CHECK(ComparePersonNames("E. Temirov", "Yerlan Temirov") == PersonMatch::kCompatible);
  CHECK(ComparePersonNames("Temirov", "Yerlan Temirov") == PersonMatch::kCompatible);
  CHECK(ComparePersonNames("Dana Temirova", "Yerlan Temirov") == PersonMatch::kDifferent);
  CHECK(ComparePersonNames("Aigerim Temirov", "Yerlan Temirov") == PersonMatch::kDifferent);
  CHECK(ComparePersonNames("A. Temirov", "Yerlan Temirov") == PersonMatch::kDifferent);
}

TEST_CASE("resolve: transliteration variants and country forms find the stored node") {
  VectorSource source;
  NodeId kz = source.Add(EntityType::kCountry, "Kazakhstan");
  NodeId mfa = source.Add(EntityType::kBody, "Ministry of Foreign Affairs of Kazakhstan", {},
                          Evidence{{}, {kz}, {}});
  NodeId temirov = source.Add(EntityType::kOfficial, "Yerlan Temirov", {"Temirov"},
                              Evidence{{mfa}, {kz}, {"deputy minister of foreign affairs"}});
  Resolver resolver(source);
  CHECK(Resolved(resolver, {EntityType::kOfficial, "Erlan Temirov", {}}) == std::to_string(temirov));
  CHECK(Resolved(resolver, {EntityType::kCountry, "Republic of Kazakhstan", {}}) == std::to_string(kz));
  CHECK(Resolved(resolver, {EntityType::kBody, "the Kazakh MFA", {}}) == std::to_string(mfa));
  CHECK(Resolved(resolver, {EntityType::kBody, "MFA of Kazakhstan", {}}) == std::to_string(mfa));
  CHECK(Resolved(resolver, {EntityType::kBody, "Kazakhstan's Ministry of Foreign Affairs", {}}) ==
        std::to_string(mfa));
  CHECK(Resolved(resolver, {EntityType::kBody, "Ministry of Foreign Affairs of Uzbekistan", {}}) ==
        "new");
  CHECK(Resolved(resolver, {EntityType::kOfficial, "Kazakhstan", {}}) == "new");
  NodeId mazhilis = source.Add(EntityType::kBody, "Mazhilis");
  CHECK(Resolved(resolver, {EntityType::kBody, "Mazhilis of the Parliament of the Republic of Kazakhstan",
                            {}}) == std::to_string(mazhilis));
}

TEST_CASE("resolve: a short name needs a shared role, and never merges different people") {
  VectorSource source;
  NodeId kz = source.Add(EntityType::kCountry, "Kazakhstan");
  NodeId ministry = source.Add(EntityType::kBody, "Ministry of Energy of Kazakhstan");
  NodeId bank = source.Add(EntityType::kBody, "Steppe Development Bank");
  NodeId yerlan = source.Add(EntityType::kOfficial, "Yerlan Temirov", {"Temirov"},
                             Evidence{{ministry}, {kz}, {"minister of energy"}});
  Resolver resolver(source);
  Entity initial{EntityType::kOfficial, "Y. Temirov", {"Temirov"}};
  CHECK(Resolved(resolver, initial) == "new");
  CHECK(Resolved(resolver, initial, Evidence{{ministry}, {}, {}}) == std::to_string(yerlan));
  CHECK(Resolved(resolver, initial, Evidence{{}, {kz}, {"minister of energy"}}) ==
        std::to_string(yerlan));
  CHECK(Resolved(resolver, initial, Evidence{{bank}, {}, {}}) == "new");
  Entity other{EntityType::kOfficial, "Aidos Temirov", {"Temirov"}};
  CHECK(Resolved(resolver, other, Evidence{{ministry}, {kz}, {"minister of energy"}}) == "new");

  SUBCASE("two people fit a short name: it stays apart") {
    NodeId yerbol = source.Add(EntityType::kOfficial, "Yerbol Temirov", {"Temirov"},
                               Evidence{{ministry}, {kz}, {"vice minister of energy"}});
    CHECK(yerbol != yerlan);
    CHECK(Resolved(resolver, {EntityType::kOfficial, "Temirov", {}}, Evidence{{ministry}, {}, {}}) ==
          "new");
  }
}

namespace {

using testing::Named;
using testing::Out;
using testing::Prop;

// Loads the first `n` articles of the corpus into `store`.
void LoadCorpus(storage::MemStore& store, size_t n) {
  std::vector<ArticleFacts> corpus = testing::ResolveCorpus();
  for (size_t i = 0; i < n && i < corpus.size(); ++i) REQUIRE(testing::LoadFacts(store, corpus[i]).ok());
}

size_t CountEdges(const storage::GraphReader& store, std::string_view type) {
  size_t n = 0;
  REQUIRE(store.ScanEdges([&](const storage::EdgeRef& ref) {
                 n += ref.type == type;
                 return true;
               }).ok());
  return n;
}

}  // namespace

TEST_CASE("resolve: one article becomes nodes, roles, a meeting and mentions") {
  storage::MemStore store;
  LoadCorpus(store, 1);
  CHECK(Out(store, "Yerlan Temirov", label::kOfficial) ==
        "HOLDS_ROLE->Ministry of Foreign Affairs of Kazakhstan, MET->Jonas Berg, SERVES->Kazakhstan");
  CHECK(Out(store, "Ministry of Foreign Affairs of Kazakhstan", label::kBody) ==
        "BELONGS_TO->Kazakhstan");
  CHECK(Out(store, "Jonas Berg", label::kOfficial) == "SERVES->Norway");
  CHECK(Prop(store, "Yerlan Temirov", label::kOfficial, "aliases") == "Temirov");
  CHECK(Out(store, "Temirov receives the Norwegian ambassador", label::kArticle, rel::kMentions) ==
        "MENTIONS->Jonas Berg, MENTIONS->Kazakhstan, MENTIONS->Ministry of Foreign Affairs of "
        "Kazakhstan, MENTIONS->Norway, MENTIONS->Yerlan Temirov");
}

TEST_CASE("resolve: a later article adds to the nodes it names instead of duplicating them") {
  storage::MemStore store;
  LoadCorpus(store, 2);
  // Erlan = Yerlan, and the Kazakh MFA = the Ministry of Foreign Affairs of Kazakhstan.
  CHECK(Named(store, "Erlan Temirov", label::kOfficial) ==
        Named(store, "Yerlan Temirov", label::kOfficial));
  CHECK(Prop(store, "Yerlan Temirov", label::kOfficial, "aliases") == "Temirov|Erlan Temirov");
  CHECK(Prop(store, "Kazakh MFA", label::kBody, "name") == "Ministry of Foreign Affairs of Kazakhstan");
  CHECK(Prop(store, "Ministry of Foreign Affairs of Kazakhstan", label::kBody, "aliases") ==
        "Kazakh MFA");
  CHECK(Prop(store, "Yerlan Temirov", label::kOfficial, "first_seen") == "2026-03-02");
  CHECK(Prop(store, "Yerlan Temirov", label::kOfficial, "last_seen") == "2026-03-09");
  CHECK(Prop(store, "Kazakhstan", label::kCountry, "last_seen") == "2026-03-09");
  // One role edge, dated by the later article; meetings of both articles.
  CHECK(Out(store, "Erlan Temirov", label::kOfficial) ==
        "HOLDS_ROLE->Ministry of Foreign Affairs of Kazakhstan, MET->Aigerim Sadykova, "
        "MET->Jonas Berg, SERVES->Kazakhstan");
  CHECK(CountEdges(store, rel::kHoldsRole) == 2);
  CHECK(CountEdges(store, rel::kBelongsTo) == 1);
}

TEST_CASE("resolve: people who share a surname stay apart without shared evidence") {
  storage::MemStore store;
  LoadCorpus(store, 4);
  std::string yerlan = Named(store, "Yerlan Temirov", label::kOfficial);
  std::string aidos = Named(store, "Aidos Temirov", label::kOfficial);
  CHECK(yerlan != aidos);
  // "A. Temirov, rector of Steppe University" is Aidos: same initial, same body.
  CHECK(Named(store, "Temirov", label::kOfficial) == yerlan + "," + aidos);
  CHECK(Prop(store, "Aidos Temirov", label::kOfficial, "aliases") == "Temirov|A. Temirov");
  CHECK(Prop(store, "Aidos Temirov", label::kOfficial, "last_seen") == "2026-03-12");
  CHECK(Out(store, "Aidos Temirov", label::kOfficial) == "HOLDS_ROLE->Steppe University");
}

TEST_CASE("resolve: agreements, law actions and body hierarchy") {
  storage::MemStore store;
  LoadCorpus(store, 5);
  const std::string contract =
      "Contract between Steppe Rail JSC and Karachi Port Trust on supply of grain wagons";
  CHECK(Out(store, contract, label::kAgreement) == "CONCERNS->Kazakhstan, CONCERNS->Pakistan");
  CHECK(Prop(store, contract, label::kAgreement, "value") == "USD 40 million");
  CHECK(Out(store, "Steppe Rail", label::kBody) == "PARTY_TO->" + contract);
  CHECK(Out(store, "Mazhilis", label::kBody) ==
        "APPROVED->Law on Beekeeping, BELONGS_TO->Kazakhstan, PART_OF->Parliament of the Republic "
        "of Kazakhstan");
  CHECK(Out(store, "Committee on Agrarian Issues of the Mazhilis", label::kBody) ==
        "PART_OF->Mazhilis of the Parliament of the Republic of Kazakhstan, SUBMITTED->Law on "
        "Beekeeping");
  CHECK(Out(store, "Steppe Rail JSC", label::kBody, rel::kBelongsTo) == "");
  // One Kazakhstan however many articles and forms name it.
  CHECK(Named(store, "Republic of Kazakhstan", label::kCountry).find(',') == std::string::npos);
}

TEST_CASE("resolve: every fact edge carries its article and sentence") {
  storage::MemStore store;
  LoadCorpus(store, 5);
  size_t checked = 0;
  REQUIRE(store.ScanEdges([&](const storage::EdgeRef& ref) {
                 if (ref.type == rel::kMentions) return true;
                 Result<Edge> edge = store.GetEdge(ref.edge);
                 REQUIRE(edge.ok());
                 INFO(edge->type << " " << edge->src << "->" << edge->dst);
                 CHECK(edge->props.count("article") == 1);
                 CHECK(edge->props["article"].is_int());
                 CHECK(edge->props["sentence"].is_string());
                 CHECK_FALSE(edge->props["sentence"].as_string().empty());
                 ++checked;
                 return true;
               }).ok());
  CHECK(checked > 15);
}

TEST_CASE("resolve: a meeting read again from another article is another MET edge") {
  storage::MemStore store;
  std::vector<ArticleFacts> corpus = testing::ResolveCorpus();
  REQUIRE(testing::LoadFacts(store, corpus[0]).ok());
  ArticleFacts reprint = corpus[0];
  reprint.article.id = "reprint#1";
  reprint.meetings.push_back(reprint.meetings.front());  // the article repeats itself
  REQUIRE(testing::LoadFacts(store, reprint).ok());
  CHECK(CountEdges(store, rel::kMet) == 2);
  CHECK(CountEdges(store, rel::kHoldsRole) == 1);
  CHECK(Named(store, "Jonas Berg", label::kOfficial).find(',') == std::string::npos);
}

}  // namespace steppe::resolve
