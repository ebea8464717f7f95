#include <doctest/doctest.h>

#include "storage/graph_questions.h"
#include "storage/mem_store.h"
#include "tests/testing/facts_loading.h"
#include "tests/testing/resolve_corpus.h"

namespace steppe::storage {
namespace {

std::string Join(const std::vector<std::string>& items, std::string_view separator) {
  std::string out;
  for (const auto& item : items) out += (out.empty() ? "" : std::string(separator)) + item;
  return out;
}

void LoadCorpus(MemStore& store) {
  for (const ArticleFacts& facts : testing::ResolveCorpus())
    REQUIRE(testing::LoadFacts(store, facts).ok());
}

}  // namespace

TEST_CASE("questions: everyone a named official met, with topics, by date") {
  MemStore store;
  LoadCorpus(store);
  Result<std::vector<MeetingRow>> rows = MeetingsOf(store, "Erlan Temirov");
  REQUIRE(rows.ok());
  std::vector<std::string> rendered;
  for (const MeetingRow& r : *rows)
    rendered.push_back(r.who + " met " + r.other + " on " + r.date.value_or("?") + " in " +
                       r.place.value_or("?") + " about " + Join(r.topics, "; "));
  CHECK(Join(rendered, "\n") ==
        "Yerlan Temirov met Jonas Berg on 2026-03-02 in Astana about renewable energy; student "
        "exchanges\n"
        "Yerlan Temirov met Aigerim Sadykova on 2026-03-09 in ? about irrigation in the south");
  CHECK(rows->front().sentence.find("discussed renewable energy") != std::string::npos);
  Result<std::vector<MeetingRow>> berg = MeetingsOf(store, "Jonas Berg");
  REQUIRE(berg.ok());
  REQUIRE(berg->size() == 1);
  CHECK(berg->front().other == "Yerlan Temirov");
  CHECK(MeetingsOf(store, "Nobody Known")->empty());
}

TEST_CASE("questions: the agreements tied to a country, with their parties") {
  MemStore store;
  LoadCorpus(store);
  Result<std::vector<AgreementRow>> rows = AgreementsConcerning(store, "Pakistan");
  REQUIRE(rows.ok());
  REQUIRE(rows->size() == 1);
  const AgreementRow& row = rows->front();
  CHECK(row.name == "Contract between Steppe Rail JSC and Karachi Port Trust on supply of grain wagons");
  CHECK(row.kind == "contract");
  CHECK(Join(row.parties, ", ") == "Karachi Port Trust, Steppe Rail JSC");
  CHECK(AgreementsConcerning(store, "Norway")->empty());
}

TEST_CASE("questions: the laws a body acted on") {
  MemStore store;
  LoadCorpus(store);
  Result<std::vector<LawActionRow>> rows = LawActionsOf(store, "Mazhilis");
  REQUIRE(rows.ok());
  REQUIRE(rows->size() == 1);
  CHECK(rows->front().law == "Law on Beekeeping");
  CHECK(rows->front().action == "APPROVED");
  CHECK(rows->front().detail == "first reading");
  CHECK(rows->front().date == "2026-03-15");
  Result<std::vector<LawActionRow>> committee =
      LawActionsOf(store, "Committee on Agrarian Issues of the Mazhilis");
  REQUIRE(committee.ok());
  REQUIRE(committee->size() == 1);
  CHECK(committee->front().action == "SUBMITTED");
  CHECK(committee->front().detail == "drafted");
}

}  // namespace steppe::storage
