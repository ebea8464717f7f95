#include "storage/graph_questions.h"

#include <algorithm>
#include <set>
#include <tuple>

#include "core/resolve/resolver.h"

namespace steppe::storage {
namespace {

std::optional<std::string> OptionalString(const Properties& props, const std::string& key) {
  auto it = props.find(key);
  if (it == props.end() || !it->second.is_string()) return std::nullopt;
  return it->second.as_string();
}

std::string NameOf(const Node& node) { return OptionalString(node.props, "name").value_or(""); }

NodeId ArticleOf(const Edge& edge) {
  auto it = edge.props.find("article");
  return it != edge.props.end() && it->second.is_int() ? static_cast<NodeId>(it->second.as_int())
                                                       : 0;
}

// The nodes with `label` the names index holds under `name` or, for a body
// or country, under one of its variant forms ("the Mazhilis", "Mazhilis of
// the Parliament of the Republic of Kazakhstan"); a person by the name only.
Result<std::vector<Node>> NodesNamed(const GraphReader& graph, std::string_view name,
                                     EntityType type) {
  std::string_view label = type == EntityType::kOfficial ? label::kOfficial
                           : type == EntityType::kBody   ? label::kBody
                                                         : label::kCountry;
  std::vector<std::string> forms = {std::string(name)};
  if (type != EntityType::kOfficial) forms = resolve::LookupForms({type, std::string(name), {}});
  std::set<NodeId> ids;
  for (const std::string& form : forms)
    STEPPE_RETURN_IF_ERROR(graph.FindByName(form, [&ids](NodeId id) {
      ids.insert(id);
      return true;
    }));
  std::vector<Node> nodes;
  for (NodeId id : ids) {
    Result<Node> node = graph.GetNode(id);
    if (!node.ok()) return node.status();
    if (node->HasLabel(label)) nodes.push_back(std::move(*node));
  }
  return nodes;
}

// Edges of `type` at `id` in the given direction, read whole.
Result<std::vector<Edge>> EdgesAt(const GraphReader& graph, NodeId id, std::string_view type,
                                  bool outgoing) {
  std::vector<EdgeId> ids;
  auto collect = [&ids](const EdgeRef& ref) {
    ids.push_back(ref.edge);
    return true;
  };
  STEPPE_RETURN_IF_ERROR(outgoing ? graph.ScanOut(id, type, collect)
                                  : graph.ScanIn(id, type, collect));
  std::vector<Edge> edges;
  for (EdgeId edge_id : ids) {
    Result<Edge> edge = graph.GetEdge(edge_id);
    if (!edge.ok()) return edge.status();
    edges.push_back(std::move(*edge));
  }
  return edges;
}

// Dates sort ascending with undated rows last.
bool DateBefore(const std::optional<std::string>& a, const std::optional<std::string>& b) {
  if (a && b) return *a < *b;
  return a.has_value() && !b.has_value();
}

}  // namespace

Result<std::vector<MeetingRow>> MeetingsOf(const GraphReader& graph, std::string_view official) {
  Result<std::vector<Node>> people = NodesNamed(graph, official, EntityType::kOfficial);
  if (!people.ok()) return people.status();
  std::vector<MeetingRow> rows;
  for (const Node& person : *people) {
    for (bool outgoing : {true, false}) {
      Result<std::vector<Edge>> edges = EdgesAt(graph, person.id, rel::kMet, outgoing);
      if (!edges.ok()) return edges.status();
      for (const Edge& edge : *edges) {
        Result<Node> other = graph.GetNode(outgoing ? edge.dst : edge.src);
        if (!other.ok()) return other.status();
        MeetingRow row{NameOf(person), NameOf(*other), OptionalString(edge.props, "date"),
                       OptionalString(edge.props, "place"), {}, ArticleOf(edge),
                       OptionalString(edge.props, "sentence").value_or("")};
        if (auto topics = edge.props.find("topics");
            topics != edge.props.end() && topics->second.is_list())
          for (const Value& topic : topics->second.as_list())
            if (topic.is_string()) row.topics.push_back(topic.as_string());
        rows.push_back(std::move(row));
      }
    }
  }
  std::stable_sort(rows.begin(), rows.end(), [](const MeetingRow& a, const MeetingRow& b) {
    if (a.date != b.date) return DateBefore(a.date, b.date);
    return a.other < b.other;
  });
  return rows;
}

Result<std::vector<AgreementRow>> AgreementsConcerning(const GraphReader& graph,
                                                       std::string_view country) {
  Result<std::vector<Node>> countries = NodesNamed(graph, country, EntityType::kCountry);
  if (!countries.ok()) return countries.status();
  std::vector<AgreementRow> rows;
  for (const Node& c : *countries) {
    Result<std::vector<Edge>> concerns = EdgesAt(graph, c.id, rel::kConcerns, false);
    if (!concerns.ok()) return concerns.status();
    for (const Edge& edge : *concerns) {
      Result<Node> agreement = graph.GetNode(edge.src);
      if (!agreement.ok()) return agreement.status();
      if (!agreement->HasLabel(label::kAgreement)) continue;
      const Properties& p = agreement->props;
      AgreementRow row{NameOf(*agreement), OptionalString(p, "kind"), OptionalString(p, "topic"),
                       OptionalString(p, "value"), OptionalString(p, "date"), {}};
      Result<std::vector<Edge>> parties = EdgesAt(graph, agreement->id, rel::kPartyTo, false);
      if (!parties.ok()) return parties.status();
      for (const Edge& party_edge : *parties) {
        Result<Node> party = graph.GetNode(party_edge.src);
        if (!party.ok()) return party.status();
        row.parties.push_back(NameOf(*party));
      }
      std::sort(row.parties.begin(), row.parties.end());
      rows.push_back(std::move(row));
    }
  }
  std::sort(rows.begin(), rows.end(),
            [](const AgreementRow& a, const AgreementRow& b) { return a.name < b.name; });
  return rows;
}

Result<std::vector<LawActionRow>> LawActionsOf(const GraphReader& graph, std::string_view body) {
  Result<std::vector<Node>> actors = NodesNamed(graph, body, EntityType::kBody);
  if (!actors.ok()) return actors.status();
  std::vector<LawActionRow> rows;
  for (const Node& actor : *actors) {
    for (std::string_view type :
         {rel::kApproved, rel::kAdopted, rel::kSigned, rel::kRatified, rel::kSubmitted}) {
      Result<std::vector<Edge>> edges = EdgesAt(graph, actor.id, type, true);
      if (!edges.ok()) return edges.status();
      for (const Edge& edge : *edges) {
        Result<Node> law = graph.GetNode(edge.dst);
        if (!law.ok()) return law.status();
        rows.push_back({NameOf(*law), std::string(type), OptionalString(edge.props, "date"),
                        OptionalString(edge.props, "detail"), ArticleOf(edge),
                        OptionalString(edge.props, "sentence").value_or("")});
      }
    }
  }
  std::stable_sort(rows.begin(), rows.end(), [](const LawActionRow& a, const LawActionRow& b) {
    if (a.date != b.date) return DateBefore(a.date, b.date);
    return std::tie(a.law, a.action) < std::tie(b.law, b.action);
  });
  return rows;
}

}  // namespace steppe::storage
