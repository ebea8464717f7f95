#include "tests/testing/sample_graph.h"

#include <string>

namespace steppe::testing {
namespace {

Node Entity(NodeId id, std::string_view label, std::string name) {
  Node node;
  node.id = id;
  node.labels = {std::string(label)};
  node.props["name"] = std::move(name);
  node.props["first_seen"] = "2026-03-02";
  node.props["last_seen"] = "2026-03-02";
  return node;
}

Edge Fact(EdgeId id, std::string_view type, NodeId src, NodeId dst, Properties props = {}) {
  props["article"] = static_cast<int64_t>(kSampleArticle);
  return Edge{id, std::string(type), src, dst, std::move(props)};
}

constexpr const char* kMeetingSentence =
    "Minister Daulet Karimov met Uzbek minister Rustam Aliyev in Astana to discuss water sharing.";

}  // namespace

Status WriteSampleGraph(storage::GraphStore& store) {
  Mutation batch;
  batch.put_nodes = {Entity(kKarimov, label::kOfficial, "Daulet Karimov"),
                     Entity(kWaterMinistry, label::kBody, "Ministry of Water Resources"),
                     Entity(kKazakhstan, label::kCountry, "Kazakhstan"),
                     Entity(kUzbekistan, label::kCountry, "Uzbekistan"),
                     Entity(kAliyev, label::kOfficial, "Rustam Aliyev"),
                     Entity(kWaterMemorandum, label::kAgreement, "Memorandum on Water Cooperation"),
                     Entity(kSampleArticle, label::kArticle, "Ministers discuss water sharing"),
                     Entity(kWaterCode, label::kLaw, "Water Code"),
                     Entity(kParliament, label::kBody, "Mazhilis")};
  batch.put_nodes[0].props["aliases"] = Value::List{"D. Karimov"};
  batch.put_nodes[5].props["kind"] = "memorandum";
  batch.put_edges = {
      Fact(1, rel::kHoldsRole, kKarimov, kWaterMinistry, {{"title", "Minister"}}),
      Fact(kMeetingEdge, rel::kMet, kKarimov, kAliyev,
           {{"date", "2026-03-02"},
            {"place", "Astana"},
            {"topics", Value::List{"water sharing"}},
            {"sentence", kMeetingSentence}}),
      Fact(3, rel::kPartyTo, kKazakhstan, kWaterMemorandum),
      Fact(4, rel::kPartyTo, kUzbekistan, kWaterMemorandum),
      Fact(5, rel::kConcerns, kWaterMemorandum, kUzbekistan),
      Fact(6, rel::kServes, kAliyev, kUzbekistan, {{"title", "Minister"}}),
      Fact(7, rel::kBelongsTo, kWaterMinistry, kKazakhstan),
      Fact(8, rel::kApproved, kParliament, kWaterCode, {{"date", "2026-02-10"}}),
      Edge{9, std::string(rel::kMentions), kSampleArticle, kKarimov, {{"count", 2}}},
      Edge{10, std::string(rel::kMentions), kSampleArticle, kAliyev, {{"count", 1}}}};
  StoredArticle article;
  article.node = kSampleArticle;
  article.fingerprint = "sample-fingerprint";
  article.article.id = "sample#1";
  article.article.file = "sample.txt";
  article.article.title = "Ministers discuss water sharing";
  article.article.date = "2026-03-02";
  article.article.body = kMeetingSentence;
  batch.put_articles = {article};
  for (size_t i = 0; i < batch.put_nodes.size(); ++i) store.AllocateNodeId();
  for (size_t i = 0; i < batch.put_edges.size(); ++i) store.AllocateEdgeId();
  return store.Apply(batch);
}

}  // namespace steppe::testing
