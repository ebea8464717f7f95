#include <doctest/doctest.h>

#include <algorithm>

#include "core/fold.h"
#include "core/resolve/country_lexicon.h"
#include "core/resolve/name_forms.h"
#include "core/resolve/resolver.h"

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
  CHECK(countries.CodeOfAdjective("Kazakh") == "KZ");
  CHECK(countries.CodeOfAdjective("Kazakhstani") == "KZ");
  CHECK(countries.CodeOfAdjective("Pakistani") == "PK");
  CHECK(countries.CodeOfAdjective("Uzbek") == "UZ");
  CHECK_FALSE(countries.CodeOfAdjective("Pak").has_value());
  CHECK_FALSE(countries.CodeOfName("Ministry").has_value());
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

}  // namespace steppe::resolve
