// The shared record cache: records and index seeks by id and key, kept per
// store version.
#include <doctest/doctest.h>

#include <vector>

#include "query/record_cache.h"

namespace steppe::query {

TEST_CASE("query record cache: records stay found and in place as the table grows") {
  RecordCache cache(size_t{1} << 30);
  std::shared_ptr<RecordCache::Generation> generation = cache.Pin(1);
  REQUIRE(generation != nullptr);
  // Ids that share their low bits, so that probes run into each other.
  std::vector<const Node*> kept;
  for (NodeId i = 1; i <= 3000; ++i) {
    Node node;
    node.id = i << 20;
    node.labels = {"L" + std::to_string(i)};
    kept.push_back(generation->AddNode(std::move(node)));
    REQUIRE(kept.back() != nullptr);
  }
  for (NodeId i = 1; i <= 3000; ++i) {
    const Node* found = generation->FindNode(i << 20);
    REQUIRE(found == kept[i - 1]);
    CHECK(found->labels == std::vector<std::string>{"L" + std::to_string(i)});
  }
  CHECK(generation->FindNode(5) == nullptr);
  CHECK(generation->FindNode(3001 << 20) == nullptr);
  // Adding a record again returns the one kept.
  Node again;
  again.id = 7 << 20;
  CHECK(generation->AddNode(std::move(again)) == kept[6]);
  CHECK(generation->FindEdge(7 << 20) == nullptr);  // edges are a table of their own
}

TEST_CASE("query record cache: a newer version starts an empty generation; an older one gets none") {
  RecordCache cache(size_t{1} << 30);
  std::shared_ptr<RecordCache::Generation> first = cache.Pin(4);
  Edge edge;
  edge.id = 9;
  edge.type = "MET";
  REQUIRE(first->AddEdge(std::move(edge)) != nullptr);
  first->AddSeek("k", std::vector<NodeId>{1, 2});
  REQUIRE(first->FindSeek("k") != nullptr);
  CHECK(**first->FindSeek("k") == std::vector<NodeId>{1, 2});
  CHECK(cache.Pin(4) == first);
  std::shared_ptr<RecordCache::Generation> second = cache.Pin(5);
  CHECK(second != first);
  CHECK(second->FindEdge(9) == nullptr);
  CHECK(second->FindSeek("k") == nullptr);
  CHECK(first->FindEdge(9) != nullptr);  // still valid for the query that pinned it
  CHECK(cache.Pin(4) == nullptr);
}

TEST_CASE("query record cache: a full cache keeps nothing more") {
  RecordCache cache(300);
  std::shared_ptr<RecordCache::Generation> generation = cache.Pin(1);
  Node small;
  small.id = 1;
  CHECK(generation->AddNode(std::move(small)) != nullptr);
  Node big;
  big.id = 2;
  big.props["text"] = steppe::Value(std::string(1000, 'x'));
  CHECK(generation->AddNode(std::move(big)) == nullptr);
  CHECK(generation->FindNode(2) == nullptr);
  generation->AddSeek(std::string(500, 'k'), std::nullopt);
  CHECK(generation->FindSeek(std::string(500, 'k')) == nullptr);
}

}  // namespace steppe::query
