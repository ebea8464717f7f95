#include "storage/graph_loader.h"

#include <algorithm>
#include <cctype>
#include <set>
#include <sstream>

#include "core/extract/extractor.h"
#include "core/fold.h"
#include "core/resolve/mention_text.h"
#include "core/resolve/name_forms.h"
#include "core/resolve/resolver.h"
#include "storage/batch_graph.h"

namespace steppe::storage {
namespace {

using resolve::Candidate;
using resolve::Evidence;
using resolve::PersonMatch;

std::string_view LabelOf(EntityType type) {
  switch (type) {
    case EntityType::kOfficial: return label::kOfficial;
    case EntityType::kBody: return label::kBody;
    case EntityType::kCountry: return label::kCountry;
    case EntityType::kLaw: return label::kLaw;
    case EntityType::kAgreement: return label::kAgreement;
  }
  return label::kBody;
}

std::string StringProp(const Node& node, const std::string& key) {
  auto it = node.props.find(key);
  return it != node.props.end() && it->second.is_string() ? it->second.as_string() : std::string();
}

std::vector<std::string> Aliases(const Node& node) {
  std::vector<std::string> out;
  auto it = node.props.find("aliases");
  if (it == node.props.end() || !it->second.is_list()) return out;
  for (const Value& v : it->second.as_list())
    if (v.is_string()) out.push_back(v.as_string());
  return out;
}

size_t WordCount(std::string_view s) {
  std::istringstream in{std::string(s)};
  size_t n = 0;
  for (std::string w; in >> w;) ++n;
  return n;
}

std::string Surname(const std::string& name) {
  size_t space = name.rfind(' ');
  return space == std::string::npos ? std::string() : name.substr(space + 1);
}

// A law action's verb as the model's relationship type, and the word kept in
// `detail` when the verb is folded into another type.
struct ActionType {
  std::string_view type;
  std::string_view detail_prefix;
};
std::optional<ActionType> TypeOfAction(std::string_view action) {
  std::string verb = FoldText(action);
  if (verb == "approved") return ActionType{rel::kApproved, ""};
  if (verb == "adopted") return ActionType{rel::kAdopted, ""};
  if (verb == "signed") return ActionType{rel::kSigned, ""};
  if (verb == "ratified") return ActionType{rel::kRatified, ""};
  if (verb == "submitted") return ActionType{rel::kSubmitted, ""};
  if (verb == "amended") return ActionType{rel::kAdopted, "amended"};
  if (verb == "drafted") return ActionType{rel::kSubmitted, "drafted"};
  return std::nullopt;
}

// Bodies that always belong to one state, so that a role's country names
// theirs when their name does not ("the Ministry of Energy").
bool IsStateBody(std::string_view name) {
  static const std::set<std::string> kHeads = {"ministry", "embassy", "consulate", "parliament",
                                               "government", "senate"};
  std::istringstream in(FoldText(name));
  std::string first;
  in >> first;
  if (first == "the") in >> first;
  return kHeads.count(first) > 0;
}

std::string Capitalized(std::string s) {
  if (!s.empty()) s[0] = static_cast<char>(std::toupper(static_cast<unsigned char>(s[0])));
  return s;
}

std::string JoinNames(const std::vector<std::string>& names) {
  std::string out;
  for (size_t i = 0; i < names.size(); ++i) {
    if (i > 0) out += i + 1 == names.size() ? " and " : ", ";
    out += names[i];
  }
  return out;
}

// The loader's view of the graph as a CandidateSource for the resolver.
class GraphCandidates : public resolve::CandidateSource {
 public:
  explicit GraphCandidates(const BatchGraph& graph) : graph_(graph) {}

  Status Find(std::string_view surface, EntityType type,
              std::vector<Candidate>& out) const override {
    std::vector<Node> nodes;
    STEPPE_RETURN_IF_ERROR(
        graph_.FindByName(surface, LabelOf(type), [&nodes](const Node& n) { nodes.push_back(n); }));
    for (const Node& node : nodes) {
      Candidate candidate{node.id, StringProp(node, "name"), Aliases(node), {}};
      STEPPE_RETURN_IF_ERROR(CollectEvidence(node.id, type, candidate.evidence));
      out.push_back(std::move(candidate));
    }
    return Status::OK();
  }

 private:
  Status CollectEvidence(NodeId id, EntityType type, Evidence& evidence) const {
    if (type == EntityType::kBody)
      return graph_.ScanOut(id, rel::kBelongsTo, [&evidence](const Edge& e) {
        evidence.countries.insert(e.dst);
        return true;
      });
    if (type != EntityType::kOfficial) return Status::OK();
    STEPPE_RETURN_IF_ERROR(graph_.ScanOut(id, rel::kHoldsRole, [&evidence](const Edge& e) {
      evidence.bodies.insert(e.dst);
      if (auto t = e.props.find("title"); t != e.props.end() && t->second.is_string())
        evidence.titles.insert(FoldText(t->second.as_string()));
      return true;
    }));
    return graph_.ScanOut(id, rel::kServes, [&evidence](const Edge& e) {
      evidence.countries.insert(e.dst);
      if (auto t = e.props.find("title"); t != e.props.end() && t->second.is_string())
        evidence.titles.insert(FoldText(t->second.as_string()));
      return true;
    });
  }

  const BatchGraph& graph_;
};

// An entity of the article and the node it became.
struct LoadedEntity {
  Entity entity;
  NodeId node = 0;
  std::set<std::string> name_keys;  // FoldName of its name and aliases
  std::set<std::string> form_keys;  // FoldName of every lookup form
};

constexpr int kNone = -1;

// One Load call: the article's entities, resolved in an order that lets
// each kind use the ones before as evidence, then the edges.
class ArticleLoader {
 public:
  ArticleLoader(const ArticleFacts& facts, const GraphReader& store, GraphStore& ids,
                NodeId article_node, Mutation& batch, const resolve::CountryLexicon& countries)
      : facts_(facts),
        graph_(store, ids, batch),
        candidates_(graph_),
        resolver_(candidates_, countries),
        countries_(countries),
        article_node_(article_node),
        text_(facts.article.body) {}

  Status Run() {
    CollectEntities();
    for (EntityType type : {EntityType::kCountry, EntityType::kBody, EntityType::kLaw,
                            EntityType::kOfficial})
      for (size_t i = 0; i < entities_.size(); ++i)
        if (entities_[i].entity.type == type) STEPPE_RETURN_IF_ERROR(ResolveEntity(i));
    STEPPE_RETURN_IF_ERROR(LoadAgreements());
    STEPPE_RETURN_IF_ERROR(LoadRoles());
    STEPPE_RETURN_IF_ERROR(LoadBodyLinks());
    STEPPE_RETURN_IF_ERROR(LoadMeetings());
    STEPPE_RETURN_IF_ERROR(LoadLawActions());
    return LoadMentions();
  }

 private:
  // --- entities --------------------------------------------------------

  int AddEntity(Entity entity) {
    LoadedEntity loaded;
    loaded.entity = std::move(entity);
    loaded.name_keys.insert(FoldName(loaded.entity.name));
    for (const auto& alias : loaded.entity.aliases) loaded.name_keys.insert(FoldName(alias));
    for (const auto& form : resolver_.LookupForms(loaded.entity))
      loaded.form_keys.insert(FoldName(form));
    loaded.name_keys.erase("");
    loaded.form_keys.erase("");
    entities_.push_back(std::move(loaded));
    return static_cast<int>(entities_.size()) - 1;
  }

  // The article entity `name` refers to, among `types` (in order of
  // preference): by name or alias, by a variant form, or for a person by a
  // surname only one person of the article has.
  int Ref(std::string_view name, std::initializer_list<EntityType> types) const {
    std::string key = FoldName(name);
    if (key.empty()) return kNone;
    for (EntityType type : types)
      for (size_t i = 0; i < entities_.size(); ++i)
        if (entities_[i].entity.type == type && entities_[i].name_keys.count(key))
          return static_cast<int>(i);
    for (EntityType type : types) {
      Entity probe{type, std::string(name), {}};
      for (const std::string& form : resolver_.LookupForms(probe)) {
        std::string form_key = FoldName(form);
        for (size_t i = 0; i < entities_.size(); ++i)
          if (entities_[i].entity.type == type && entities_[i].form_keys.count(form_key))
            return static_cast<int>(i);
      }
    }
    if (std::find(types.begin(), types.end(), EntityType::kOfficial) == types.end()) return kNone;
    int found = kNone;
    std::string surname = resolve::ParsePersonName(name).surname;
    for (size_t i = 0; i < entities_.size(); ++i) {
      const Entity& e = entities_[i].entity;
      if (e.type != EntityType::kOfficial ||
          resolve::ComparePersonNames(name, e.name) == PersonMatch::kDifferent)
        continue;
      if (found != kNone) return kNone;  // two people fit: do not guess
      found = static_cast<int>(i);
    }
    return surname.empty() ? kNone : found;
  }

  // Ensures a reference names an entity, adding one of `type` if none does.
  void Imply(const std::optional<std::string>& name, EntityType type) {
    if (!name || FoldName(*name).empty()) return;
    if (Ref(*name, {type}) == kNone) AddEntity({type, *name, {}});
  }

  void CollectEntities() {
    for (const Entity& e : facts_.entities)
      if (!FoldName(e.name).empty()) AddEntity(e);
    for (const Role& role : facts_.roles) {
      Imply(role.person, EntityType::kOfficial);
      Imply(role.body, EntityType::kBody);
      Imply(role.country, EntityType::kCountry);
    }
    for (const AgreementFact& a : facts_.agreements)
      for (const std::string& country : a.countries) Imply(country, EntityType::kCountry);
    for (const LawAction& action : facts_.law_actions) {
      if (Ref(action.law, {EntityType::kLaw, EntityType::kAgreement}) == kNone)
        AddEntity({EntityType::kLaw, action.law, {}});
      if (action.actor && Ref(*action.actor, {EntityType::kBody, EntityType::kOfficial,
                                              EntityType::kCountry}) == kNone) {
        bool country = countries_.CodeOfName(*action.actor).has_value();
        Imply(action.actor, country ? EntityType::kCountry : EntityType::kBody);
      }
    }
  }

  Status ResolveEntity(size_t i) {
    Evidence evidence;
    STEPPE_RETURN_IF_ERROR(EvidenceOf(i, evidence));
    const Entity& entity = entities_[i].entity;
    Result<std::optional<NodeId>> found = resolver_.Resolve(entity, evidence);
    if (!found.ok()) return found.status();
    NodeId node = *found ? **found : graph_.NewNode(LabelOf(entity.type));
    entities_[i].node = node;
    return MergeInto(node, entities_[i]);
  }

  // What the article says about entity `i` beyond its names.
  Status EvidenceOf(size_t i, Evidence& evidence) {
    EntityType type = entities_[i].entity.type;  // CountryNode may grow entities_
    if (type == EntityType::kBody) {
      if (auto code = BodyCountry(i)) {
        Result<NodeId> country = CountryNode(*code);
        if (!country.ok()) return country.status();
        evidence.countries.insert(*country);
      }
    }
    if (type != EntityType::kOfficial) return Status::OK();
    for (const Role& role : facts_.roles) {
      if (Ref(role.person, {EntityType::kOfficial}) != static_cast<int>(i)) continue;
      if (role.title) evidence.titles.insert(FoldText(*role.title));
      if (NodeId body = NodeOf(role.body, {EntityType::kBody})) evidence.bodies.insert(body);
      if (NodeId country = NodeOf(role.country, {EntityType::kCountry}))
        evidence.countries.insert(country);
    }
    return Status::OK();
  }

  // The country a body is of: its name's, or for a state body named without
  // one, the single country its article's roles give it.
  std::optional<std::string> BodyCountry(size_t i) const {
    const Entity& body = entities_[i].entity;
    if (auto code = resolver_.CountryOf(body)) return code;
    if (!IsStateBody(body.name)) return std::nullopt;
    std::set<std::string> codes;
    for (const Role& role : facts_.roles) {
      if (!role.body || !role.country || Ref(*role.body, {EntityType::kBody}) != static_cast<int>(i))
        continue;
      int country = Ref(*role.country, {EntityType::kCountry});
      if (country == kNone) continue;
      if (auto code = resolver_.CountryOf(entities_[static_cast<size_t>(country)].entity))
        codes.insert(*code);
    }
    if (codes.size() != 1) return std::nullopt;
    return *codes.begin();
  }

  // The node of the country with alpha-2 `code`, added as an entity of the
  // article when the article did not list it.
  Result<NodeId> CountryNode(const std::string& code) {
    for (size_t i = 0; i < entities_.size(); ++i)
      if (entities_[i].entity.type == EntityType::kCountry && entities_[i].node != 0 &&
          resolver_.CountryOf(entities_[i].entity) == code)
        return entities_[i].node;
    size_t added = static_cast<size_t>(
        AddEntity({EntityType::kCountry, countries_.ShortName(code), {}}));
    STEPPE_RETURN_IF_ERROR(ResolveEntity(added));
    return entities_[added].node;
  }

  NodeId NodeOf(const std::optional<std::string>& name, std::initializer_list<EntityType> types) {
    if (!name) return 0;
    int i = Ref(*name, types);
    return i == kNone ? 0 : entities_[static_cast<size_t>(i)].node;
  }

  // Whether `name` should replace `current` as the node's name: it is a
  // fuller form of the same thing.
  bool IsFuller(const LoadedEntity& loaded, const std::string& current) const {
    const Entity& entity = loaded.entity;
    if (entity.name.size() <= current.size()) return false;
    if (entity.type == EntityType::kOfficial) {
      resolve::PersonName person = resolve::ParsePersonName(current);
      return person.given.empty() || person.given_is_initial();
    }
    if (loaded.name_keys.count(FoldName(current))) return true;
    // "Mazhilis" and "Mazhilis of the Parliament of the Republic of
    // Kazakhstan": one of the forms of the shorter is the longer.
    for (const std::string& form : resolver_.LookupForms({entity.type, current, {}}))
      if (loaded.form_keys.count(FoldName(form))) return true;
    return false;
  }

  Status MergeInto(NodeId id, const LoadedEntity& loaded) {
    const Entity& entity = loaded.entity;
    Result<Node*> found = graph_.NodeAt(id);
    if (!found.ok()) return found.status();
    Node& node = **found;
    if (!node.HasLabel(LabelOf(entity.type))) node.labels.emplace_back(LabelOf(entity.type));
    std::string name = StringProp(node, "name");
    std::vector<std::string> aliases = Aliases(node);
    std::vector<std::string> forms = {entity.name};
    forms.insert(forms.end(), entity.aliases.begin(), entity.aliases.end());
    if (entity.type == EntityType::kOfficial && WordCount(entity.name) > 1)
      forms.push_back(Surname(entity.name));
    if (entity.type == EntityType::kCountry && name.empty()) {
      // A country is named by its usual short name, whatever form came first.
      std::optional<std::string> code = resolver_.CountryOf(entity);
      name = code ? countries_.ShortName(*code) : entity.name;
    }
    if (name.empty()) {
      name = entity.name;
    } else if (IsFuller(loaded, name)) {
      aliases.push_back(name);
      name = entity.name;
    }
    std::set<std::string> seen = {FoldText(name)};
    std::vector<std::string> merged;
    for (const std::string& form : aliases) {
      if (seen.insert(FoldText(form)).second) merged.push_back(form);
    }
    for (const std::string& form : forms) {
      bool generic = entity.type == EntityType::kAgreement && resolve::IsGenericAgreementName(form);
      if (!generic && !FoldText(form).empty() && seen.insert(FoldText(form)).second)
        merged.push_back(form);
    }
    node.props["name"] = name;
    Value::List alias_values(merged.begin(), merged.end());
    node.props["aliases"] = std::move(alias_values);
    MarkSeen(node);
    graph_.IndexNames(id);
    return Status::OK();
  }

  void MarkSeen(Node& node) const {
    const std::optional<std::string>& date = facts_.article.date;
    Value& first = node.props["first_seen"];
    Value& last = node.props["last_seen"];
    if (!date) return;
    if (!first.is_string() || *date < first.as_string()) first = *date;
    if (!last.is_string() || *date > last.as_string()) last = *date;
  }

  // --- agreements ------------------------------------------------------

  // A participant, party or actor the article's entities lack: a node of
  // one of `labels` stored under that name, if there is exactly one.
  Result<NodeId> StoredNode(std::string_view name, std::initializer_list<std::string_view> labels) {
    std::set<NodeId> found;
    for (std::string_view label : labels)
      STEPPE_RETURN_IF_ERROR(
          graph_.FindByName(name, label, [&found](const Node& n) { found.insert(n.id); }));
    return found.size() == 1 ? *found.begin() : NodeId{0};
  }

  Result<NodeId> PartyNode(std::string_view name) {
    int i = Ref(name, {EntityType::kBody, EntityType::kOfficial, EntityType::kCountry});
    if (i != kNone) return entities_[static_cast<size_t>(i)].node;
    return StoredNode(name, {label::kBody, label::kOfficial, label::kCountry});
  }

  Status LoadAgreements() {
    std::set<int> written;
    for (const AgreementFact& fact : facts_.agreements) {
      std::vector<NodeId> parties;
      std::vector<std::string> party_names;
      for (const std::string& party : fact.parties) {
        Result<NodeId> node = PartyNode(party);
        if (!node.ok()) return node.status();
        if (*node == 0 || std::find(parties.begin(), parties.end(), *node) != parties.end())
          continue;
        parties.push_back(*node);
        Result<Node> stored = graph_.ReadNode(*node);
        if (!stored.ok()) return stored.status();
        party_names.push_back(StringProp(*stored, "name"));
      }
      std::vector<NodeId> countries;
      for (const std::string& country : fact.countries)
        if (NodeId node = NodeOf(country, {EntityType::kCountry})) countries.push_back(node);
      int named = fact.name ? Ref(*fact.name, {EntityType::kAgreement}) : kNone;
      std::string name = named != kNone ? entities_[static_cast<size_t>(named)].entity.name
                                        : fact.name.value_or("");
      int index = named;
      if (resolve::IsGenericAgreementName(name)) {
        if (party_names.empty() && countries.empty()) continue;  // nothing tells it apart
        index = AddEntity({EntityType::kAgreement, DescribeAgreement(fact, party_names, countries),
                           {}});
      } else if (named == kNone) {
        index = AddEntity({EntityType::kAgreement, name, {}});
      }
      STEPPE_RETURN_IF_ERROR(ResolveEntity(static_cast<size_t>(index)));
      if (named != kNone) {
        entities_[static_cast<size_t>(named)].node = entities_[static_cast<size_t>(index)].node;
        written.insert(named);
      }
      written.insert(index);
      STEPPE_RETURN_IF_ERROR(
          WriteAgreement(entities_[static_cast<size_t>(index)].node, fact, parties, countries));
    }
    // Agreements the article names without any fact about them.
    for (size_t i = 0; i < entities_.size(); ++i) {
      const Entity& e = entities_[i].entity;
      if (e.type != EntityType::kAgreement || written.count(static_cast<int>(i)) ||
          resolve::IsGenericAgreementName(e.name))
        continue;
      STEPPE_RETURN_IF_ERROR(ResolveEntity(i));
    }
    return Status::OK();
  }

  // "Memorandum between A and B on X": a name for an agreement the text
  // does not name.
  std::string DescribeAgreement(const AgreementFact& fact, const std::vector<std::string>& parties,
                                const std::vector<NodeId>& countries) {
    std::vector<std::string> sides = parties;
    if (sides.empty())
      for (NodeId country : countries)
        if (Result<Node> node = graph_.ReadNode(country); node.ok())
          sides.push_back(StringProp(*node, "name"));
    std::string name = Capitalized(fact.kind.value_or("agreement"));
    if (sides.size() == 1) name += " of " + sides.front();
    if (sides.size() > 1) name += " between " + JoinNames(sides);
    if (fact.topic) name += " on " + *fact.topic;
    return name;
  }

  Status WriteAgreement(NodeId agreement, const AgreementFact& fact,
                        const std::vector<NodeId>& parties, const std::vector<NodeId>& countries) {
    Result<Node*> found = graph_.NodeAt(agreement);
    if (!found.ok()) return found.status();
    Node& node = **found;
    auto set_if = [&node](const char* key, const std::optional<std::string>& value) {
      if (value) node.props[key] = *value;
    };
    set_if("kind", fact.kind);
    set_if("topic", fact.topic);
    set_if("value", fact.value);
    set_if("date", fact.date);
    std::set<NodeId> concerned(countries.begin(), countries.end());
    for (NodeId party : parties) {
      STEPPE_RETURN_IF_ERROR(Once(rel::kPartyTo, party, agreement, fact.sentence));
      Result<Node> party_node = graph_.ReadNode(party);
      if (!party_node.ok()) return party_node.status();
      if (party_node->HasLabel(label::kCountry)) concerned.insert(party);
    }
    for (NodeId country : concerned)
      STEPPE_RETURN_IF_ERROR(Once(rel::kConcerns, agreement, country, fact.sentence));
    return Status::OK();
  }

  // --- edges -----------------------------------------------------------

  Properties FactProps(const std::string& sentence) const {
    return {{"article", Value(article_node_)}, {"sentence", Value(sentence)}};
  }

  // An edge that holds once per (src, type, dst): added unless there.
  Status Once(std::string_view type, NodeId src, NodeId dst, const std::string& sentence) {
    bool exists = false;
    STEPPE_RETURN_IF_ERROR(graph_.ScanOut(src, type, [&](const Edge& e) {
      exists = e.dst == dst;
      return !exists;
    }));
    if (!exists) graph_.AddEdge(type, src, dst, FactProps(sentence));
    return Status::OK();
  }

  // A role edge, one per (person, type, other end, title): a later mention
  // moves its date and evidence forward.
  Status PutRole(std::string_view type, NodeId person, NodeId other,
              const std::optional<std::string>& title, bool dated, const std::string& sentence) {
    std::string title_key = title ? FoldText(*title) : "";
    std::optional<Edge> existing;
    STEPPE_RETURN_IF_ERROR(graph_.ScanOut(person, type, [&](const Edge& e) {
      auto t = e.props.find("title");
      std::string key = t != e.props.end() && t->second.is_string() ? FoldText(t->second.as_string())
                                                                    : "";
      if (e.dst == other && key == title_key) existing = e;
      return !existing;
    }));
    Properties props = FactProps(sentence);
    if (title) props["title"] = *title;
    if (dated) props["date"] = facts_.article.date ? Value(*facts_.article.date) : Value();
    if (!existing) {
      graph_.AddEdge(type, person, other, std::move(props));
      return Status::OK();
    }
    const std::optional<std::string>& date = facts_.article.date;
    auto old = existing->props.find("date");
    bool newer = dated && date && (old == existing->props.end() || !old->second.is_string() ||
                                   *date > old->second.as_string());
    if (newer) {
      for (auto& [key, value] : props) existing->props[key] = value;
      graph_.PutEdge(*existing);
    }
    return Status::OK();
  }

  Status LoadRoles() {
    for (const Role& role : facts_.roles) {
      NodeId person = NodeOf(role.person, {EntityType::kOfficial});
      if (person == 0) continue;
      if (NodeId body = NodeOf(role.body, {EntityType::kBody}))
        STEPPE_RETURN_IF_ERROR(PutRole(rel::kHoldsRole, person, body, role.title, true, role.sentence));
      if (NodeId country = NodeOf(role.country, {EntityType::kCountry}))
        STEPPE_RETURN_IF_ERROR(
            PutRole(rel::kServes, person, country, role.title, false, role.sentence));
    }
    return Status::OK();
  }

  std::vector<std::string> FormsOf(const Entity& e) const {
    std::vector<std::string> forms = {e.name};
    forms.insert(forms.end(), e.aliases.begin(), e.aliases.end());
    return forms;
  }

  // The sentence that shows entity `i`: the first naming it, else that of a
  // role it is the body of (a role may name a ministry through a title
  // only), else the article's title.
  std::string EvidenceSentence(size_t i) const {
    std::string sentence = text_.SentenceNaming(FormsOf(entities_[i].entity));
    for (const Role& role : facts_.roles)
      if (sentence.empty() && role.body && Ref(*role.body, {EntityType::kBody}) == static_cast<int>(i))
        sentence = role.sentence;
    return sentence.empty() ? facts_.article.title.value_or("") : sentence;
  }

  // BELONGS_TO from each body's country, PART_OF from names that contain
  // another body's, CONCERNS from a law's name.
  Status LoadBodyLinks() {
    for (size_t i = 0; i < entities_.size(); ++i) {
      const LoadedEntity e = entities_[i];  // a copy: CountryNode may grow entities_
      std::string sentence = EvidenceSentence(i);
      if (e.entity.type == EntityType::kLaw) {
        if (auto code = resolve::CountryOfDocument(e.entity.name, countries_)) {
          Result<NodeId> country = CountryNode(*code);
          if (!country.ok()) return country.status();
          STEPPE_RETURN_IF_ERROR(Once(rel::kConcerns, e.node, *country, sentence));
        }
      }
      if (e.entity.type != EntityType::kBody) continue;
      if (auto code = BodyCountry(i)) {
        Result<NodeId> country = CountryNode(*code);
        if (!country.ok()) return country.status();
        STEPPE_RETURN_IF_ERROR(Once(rel::kBelongsTo, e.node, *country, sentence));
      }
      for (size_t j = 0; j < entities_.size(); ++j) {
        const LoadedEntity other = entities_[j];
        if (other.entity.type != EntityType::kBody || other.node == e.node) continue;
        if (NamesPartOf(e.entity, other.entity))
          STEPPE_RETURN_IF_ERROR(Once(rel::kPartOf, e.node, other.node, sentence));
      }
    }
    return Status::OK();
  }

  // "Committee on X of the Ministry of Y" is part of "Ministry of Y". A
  // whole named by one word must be an acronym ("CSTO"): "Group of
  // Companies" is no part of a body called "Companies".
  static bool NamesPartOf(const Entity& part, const Entity& whole) {
    bool acronym = std::none_of(whole.name.begin(), whole.name.end(),
                                [](char c) { return std::islower(static_cast<unsigned char>(c)); });
    if (WordCount(whole.name) < 2 && !acronym) return false;
    std::string text = " " + FoldName(part.name) + " ";
    std::vector<std::string> forms = {whole.name};
    forms.insert(forms.end(), whole.aliases.begin(), whole.aliases.end());
    for (const std::string& form : forms) {
      std::string key = FoldName(form);
      if (key.empty()) continue;
      for (std::string_view link : {" of ", " of the ", " under ", " under the ", " at ", " at the "})
        if (text.find(std::string(link) + key + " ") != std::string::npos) return true;
    }
    return false;
  }

  Status LoadMeetings() {
    for (const Meeting& meeting : facts_.meetings) {
      std::vector<NodeId> sides;
      for (const std::string& participant : meeting.participants) {
        int i = Ref(participant, {EntityType::kOfficial, EntityType::kBody});
        NodeId node = i == kNone ? 0 : entities_[static_cast<size_t>(i)].node;
        if (i == kNone) {
          Result<NodeId> stored = StoredNode(participant, {label::kOfficial, label::kBody});
          if (!stored.ok()) return stored.status();
          node = *stored;
        }
        if (node != 0 && std::find(sides.begin(), sides.end(), node) == sides.end())
          sides.push_back(node);
      }
      Properties props = FactProps(meeting.sentence);
      const std::optional<std::string>& date = meeting.date ? meeting.date : facts_.article.date;
      props["date"] = date ? Value(*date) : Value();
      props["place"] = meeting.place ? Value(*meeting.place) : Value();
      Value::List topics(meeting.topics.begin(), meeting.topics.end());
      props["topics"] = std::move(topics);
      for (size_t a = 0; a < sides.size(); ++a)
        for (size_t b = a + 1; b < sides.size(); ++b)
          MeetOnce(sides[a], sides[b], props);
    }
    return Status::OK();
  }

  // One MET edge per pair and meeting: the article repeating a meeting in
  // another sentence of the same date adds nothing. Only this batch can hold
  // an edge of this article, so the store is not read.
  void MeetOnce(NodeId a, NodeId b, const Properties& props) {
    bool repeated = false;
    for (auto [src, dst] : {std::pair{a, b}, std::pair{b, a}}) {
      graph_.ScanBatchOut(src, rel::kMet, [&](const Edge& e) {
        repeated = e.dst == dst && e.props.count("date") && e.props.at("date") == props.at("date");
        return !repeated;
      });
      if (repeated) return;
    }
    graph_.AddEdge(rel::kMet, a, b, props);
  }

  Status LoadLawActions() {
    for (const LawAction& action : facts_.law_actions) {
      std::optional<ActionType> type = TypeOfAction(action.action);
      NodeId law = NodeOf(action.law, {EntityType::kLaw, EntityType::kAgreement});
      NodeId actor =
          NodeOf(action.actor, {EntityType::kBody, EntityType::kOfficial, EntityType::kCountry});
      if (!type || law == 0 || actor == 0) continue;
      std::string detail(type->detail_prefix);
      if (action.detail) detail += (detail.empty() ? "" : "; ") + *action.detail;
      Properties props = FactProps(action.sentence);
      const std::optional<std::string>& date = action.date ? action.date : facts_.article.date;
      props["date"] = date ? Value(*date) : Value();
      props["detail"] = detail.empty() ? Value() : Value(detail);
      bool repeated = false;
      STEPPE_RETURN_IF_ERROR(graph_.ScanOut(actor, type->type, [&](const Edge& e) {
        auto same = [&](const char* key) {
          auto it = e.props.find(key);
          return it != e.props.end() && it->second == props.at(key);
        };
        repeated = e.dst == law && same("date") && same("detail");
        return !repeated;
      }));
      if (!repeated) graph_.AddEdge(type->type, actor, law, std::move(props));
    }
    return Status::OK();
  }

  Status LoadMentions() {
    std::map<NodeId, int64_t> counts;
    for (const LoadedEntity& e : entities_) {
      if (e.node == 0) continue;
      counts[e.node] += text_.CountMentions(FormsOf(e.entity));
    }
    for (const auto& [node, count] : counts)
      graph_.AddEdge(rel::kMentions, article_node_, node,
                     {{"count", Value(std::max<int64_t>(count, 1))}});
    return Status::OK();
  }

  const ArticleFacts& facts_;
  BatchGraph graph_;
  GraphCandidates candidates_;
  resolve::Resolver resolver_;
  const resolve::CountryLexicon& countries_;
  NodeId article_node_;
  resolve::MentionText text_;
  std::vector<LoadedEntity> entities_;
};

}  // namespace

Status GraphLoader::Load(const ArticleFacts& facts, const GraphReader& store, GraphStore& ids,
                         NodeId article_node, Mutation& batch) const {
  return ArticleLoader(facts, store, ids, article_node, batch, countries_).Run();
}

Status GraphLoader::Enrich(const GraphReader& store, GraphStore& ids, NodeId article_node,
                           const Article& article, Mutation& batch) {
  return Load(extract::ExtractFacts(article), store, ids, article_node, batch);
}

}  // namespace steppe::storage
