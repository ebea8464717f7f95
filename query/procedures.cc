#include "query/procedures.h"

#include <algorithm>
#include <cctype>
#include <optional>
#include <set>
#include <utility>

namespace steppe::query {
namespace {

constexpr int64_t kDefaultSearchLimit = 10;

std::string Lower(std::string_view text) {
  std::string out(text);
  for (char& c : out) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return out;
}

const char* KindName(const steppe::Value& v) {
  switch (v.kind()) {
    case steppe::Value::Kind::kNull: return "null";
    case steppe::Value::Kind::kBool: return "a boolean";
    case steppe::Value::Kind::kInt: return "an integer";
    case steppe::Value::Kind::kDouble: return "a float";
    case steppe::Value::Kind::kString: return "a string";
    case steppe::Value::Kind::kList: return "a list";
    case steppe::Value::Kind::kMap: return "a map";
  }
  return "a value";
}

// The options a procedure's last argument may carry: a list of types, or a
// map with any of the keys the procedure accepts.
struct Options {
  std::vector<std::string> types;
  std::optional<int64_t> max_hops;
  std::optional<Direction> direction;
  std::optional<int64_t> iterations;
  std::optional<double> damping;
};

// Reads one call's arguments, naming the procedure and the argument in
// every complaint.
class Arguments {
 public:
  Arguments(const ProcedureSignature& signature, const std::vector<steppe::Value>& args)
      : signature_(signature), args_(args) {}

  Status CheckCount(size_t min, size_t max) const {
    if (args_.size() >= min && args_.size() <= max) return Status::OK();
    return Status::InvalidArgument(signature_.name + signature_.arguments + " takes " +
                                   (min == max ? std::to_string(min)
                                               : std::to_string(min) + " to " + std::to_string(max)) +
                                   " arguments, not " + std::to_string(args_.size()));
  }

  bool Given(size_t i) const { return i < args_.size() && !args_[i].is_null(); }

  Status Error(std::string_view what, std::string_view problem) const {
    return Status::InvalidArgument(signature_.name + ": " + std::string(what) + " " +
                                   std::string(problem));
  }

  // A node given by id or by name (FindByName; it must name exactly one node).
  Result<NodeId> Node(size_t i, std::string_view what, const storage::GraphReader& reader) const {
    const steppe::Value& v = args_[i];
    if (v.is_int()) {
      if (v.as_int() < 0) return Error(what, "must be a node id, not a negative number");
      return static_cast<NodeId>(v.as_int());
    }
    if (!v.is_string()) {
      return Error(what, std::string("must be a node id or a name, not ") + KindName(v));
    }
    std::vector<NodeId> found;
    STEPPE_RETURN_IF_ERROR(reader.FindByName(v.as_string(), [&](NodeId id) {
      found.push_back(id);
      return found.size() < 6;
    }));
    if (found.empty()) return Error(what, "'" + v.as_string() + "' names no node");
    if (found.size() > 1) {
      std::string ids;
      for (NodeId id : found) ids += (ids.empty() ? "" : ", ") + std::to_string(id);
      return Error(what, "'" + v.as_string() + "' names several nodes (ids " + ids +
                             (found.size() > 5 ? ", ..." : "") + "); pass an id");
    }
    return found.front();
  }

  Result<int64_t> Int(size_t i, std::string_view what, int64_t min) const {
    return IntValue(args_[i], what, min);
  }

  Result<std::string> String(size_t i, std::string_view what) const {
    if (!args_[i].is_string()) {
      return Error(what, std::string("must be a string, not ") + KindName(args_[i]));
    }
    return args_[i].as_string();
  }

  // Argument i as options: null or absent (defaults), a list of types, or a
  // map whose keys are among `allowed`.
  Result<Options> OptionsAt(size_t i, const std::set<std::string>& allowed) const {
    Options options;
    if (!Given(i)) return options;
    const steppe::Value& v = args_[i];
    if (v.is_list()) {
      STEPPE_RETURN_IF_ERROR(Types(v, options.types));
      return options;
    }
    if (!v.is_map()) {
      return Error("options", std::string("must be a list of types or a map, not ") + KindName(v));
    }
    for (const auto& [key, value] : v.as_map()) {
      if (allowed.count(key) == 0) {
        std::string known;
        for (const std::string& k : allowed) known += (known.empty() ? "" : ", ") + k;
        return Error("option '" + key + "'", "is unknown (known: " + known + ")");
      }
      if (key == "types") {
        STEPPE_RETURN_IF_ERROR(Types(value, options.types));
      } else if (key == "maxHops") {
        Result<int64_t> hops = IntValue(value, "maxHops", 0);
        if (!hops.ok()) return hops.status();
        options.max_hops = *hops;
      } else if (key == "iterations") {
        Result<int64_t> n = IntValue(value, "iterations", 1);
        if (!n.ok()) return n.status();
        options.iterations = *n;
      } else if (key == "damping") {
        if (!value.is_double() && !value.is_int()) {
          return Error("damping", std::string("must be a number, not ") + KindName(value));
        }
        options.damping = value.is_int() ? static_cast<double>(value.as_int()) : value.as_double();
      } else if (key == "direction") {
        Result<Direction> d = DirectionValue(value);
        if (!d.ok()) return d.status();
        options.direction = *d;
      }
    }
    return options;
  }

 private:
  Result<int64_t> IntValue(const steppe::Value& v, std::string_view what, int64_t min) const {
    if (!v.is_int()) return Error(what, std::string("must be an integer, not ") + KindName(v));
    if (v.as_int() < min) {
      return Error(what, "must be at least " + std::to_string(min) + ", not " +
                             std::to_string(v.as_int()));
    }
    return v.as_int();
  }

  Status Types(const steppe::Value& v, std::vector<std::string>& types) const {
    if (!v.is_list()) return Error("types", std::string("must be a list of strings, not ") + KindName(v));
    for (const steppe::Value& t : v.as_list()) {
      if (!t.is_string()) return Error("types", std::string("must hold strings, not ") + KindName(t));
      types.push_back(t.as_string());
    }
    return Status::OK();
  }

  Result<Direction> DirectionValue(const steppe::Value& v) const {
    if (v.is_string()) {
      std::string d = Lower(v.as_string());
      if (d == "both") return Direction::kBoth;
      if (d == "out" || d == "outgoing") return Direction::kOutgoing;
      if (d == "in" || d == "incoming") return Direction::kIncoming;
    }
    return Error("direction", "must be 'both', 'out' or 'in'");
  }

  const ProcedureSignature& signature_;
  const std::vector<steppe::Value>& args_;
};

Result<std::shared_ptr<const Projection>> ProjectionFor(const ProcedureContext& context,
                                                        const std::vector<std::string>& types) {
  if (context.cache != nullptr) return context.cache->Get(*context.reader, types);
  Result<std::shared_ptr<const Projection>> full = Projection::Build(*context.reader);
  if (!full.ok() || types.empty()) return full;
  return (*full)->Filter(types);
}

// An algorithm's NotFound is about an argument the caller gave.
Status AsArgumentError(const std::string& procedure, const Status& status) {
  if (!status.IsNotFound()) return status;
  return Status::InvalidArgument(procedure + ": " + status.message());
}

Status TooManyHops(const std::string& procedure, int64_t hops) {
  return Status::InvalidArgument(procedure + ": maxHops " + std::to_string(hops) +
                                 " is more than a path can have");
}

ProcedureOutput Output(const ProcedureSignature& signature) {
  ProcedureOutput out;
  out.columns = signature.columns;
  return out;
}

ProcedureRow PathRow(const Path& path) {
  return {PathRef{path.nodes, path.edges}, steppe::Value(static_cast<int64_t>(path.length()))};
}

// algo.shortestPath and algo.allShortestPaths.
ProcedureFunction PathProcedure(ProcedureSignature signature, bool all) {
  return [signature, all](const std::vector<steppe::Value>& args,
                           const ProcedureContext& context) -> Result<ProcedureOutput> {
    Arguments in(signature, args);
    STEPPE_RETURN_IF_ERROR(in.CheckCount(2, 3));
    Result<NodeId> from = in.Node(0, "from", *context.reader);
    if (!from.ok()) return from.status();
    Result<NodeId> to = in.Node(1, "to", *context.reader);
    if (!to.ok()) return to.status();
    Result<Options> options = in.OptionsAt(2, {"types", "maxHops", "direction"});
    if (!options.ok()) return options.status();
    PathOptions path_options;
    if (options->max_hops) {
      if (*options->max_hops > UINT32_MAX) return TooManyHops(signature.name, *options->max_hops);
      path_options.max_hops = static_cast<uint32_t>(*options->max_hops);
    }
    if (options->direction) path_options.direction = *options->direction;
    Result<std::shared_ptr<const Projection>> graph = ProjectionFor(context, options->types);
    if (!graph.ok()) return graph.status();

    ProcedureOutput out = Output(signature);
    if (all) {
      Result<std::vector<Path>> paths =
          AllShortestPaths(**graph, *from, *to, path_options, context.limits);
      if (!paths.ok()) return AsArgumentError(signature.name, paths.status());
      for (const Path& path : *paths) out.rows.push_back(PathRow(path));
    } else {
      Result<std::optional<Path>> path =
          ShortestPath(**graph, *from, *to, path_options, context.limits);
      if (!path.ok()) return AsArgumentError(signature.name, path.status());
      if (path->has_value()) out.rows.push_back(PathRow(**path));
    }
    return out;
  };
}

ProcedureFunction NeighbourhoodProcedure(ProcedureSignature signature) {
  return [signature](const std::vector<steppe::Value>& args,
                      const ProcedureContext& context) -> Result<ProcedureOutput> {
    Arguments in(signature, args);
    STEPPE_RETURN_IF_ERROR(in.CheckCount(2, 3));
    Result<NodeId> node = in.Node(0, "node", *context.reader);
    if (!node.ok()) return node.status();
    Result<int64_t> hops = in.Int(1, "k", 0);
    if (!hops.ok()) return hops.status();
    if (*hops > UINT32_MAX) return TooManyHops(signature.name, *hops);
    Result<Options> options = in.OptionsAt(2, {"types", "direction"});
    if (!options.ok()) return options.status();
    PathOptions path_options;
    path_options.max_hops = static_cast<uint32_t>(*hops);
    if (options->direction) path_options.direction = *options->direction;
    Result<std::shared_ptr<const Projection>> graph = ProjectionFor(context, options->types);
    if (!graph.ok()) return graph.status();
    Result<std::vector<Reached>> reached =
        Neighbourhood(**graph, *node, path_options, context.limits);
    if (!reached.ok()) return AsArgumentError(signature.name, reached.status());
    ProcedureOutput out = Output(signature);
    out.rows.reserve(reached->size());
    for (const Reached& r : *reached) {
      out.rows.push_back({NodeRef{r.node}, steppe::Value(static_cast<int64_t>(r.hops))});
    }
    return out;
  };
}

ProcedureOutput ScoredRows(const ProcedureSignature& signature, const std::vector<Scored>& scored) {
  ProcedureOutput out = Output(signature);
  out.rows.reserve(scored.size());
  for (const Scored& s : scored) out.rows.push_back({NodeRef{s.node}, steppe::Value(s.score)});
  return out;
}

ProcedureFunction PageRankProcedure(ProcedureSignature signature) {
  return [signature](const std::vector<steppe::Value>& args,
                      const ProcedureContext& context) -> Result<ProcedureOutput> {
    Arguments in(signature, args);
    STEPPE_RETURN_IF_ERROR(in.CheckCount(0, 1));
    Result<Options> options = in.OptionsAt(0, {"types", "iterations", "damping", "direction"});
    if (!options.ok()) return options.status();
    PageRankOptions rank_options;
    if (options->iterations) {
      if (*options->iterations > 10'000) {
        return in.Error("iterations", "must be at most 10000");
      }
      rank_options.iterations = static_cast<uint32_t>(*options->iterations);
    }
    if (options->damping) rank_options.damping = *options->damping;
    if (options->direction) rank_options.direction = *options->direction;
    Result<std::shared_ptr<const Projection>> graph = ProjectionFor(context, options->types);
    if (!graph.ok()) return graph.status();
    Result<std::vector<Scored>> ranks = PageRank(**graph, rank_options, context.limits);
    if (!ranks.ok()) return AsArgumentError(signature.name, ranks.status());
    return ScoredRows(signature, *ranks);
  };
}

// The graph of a procedure whose one optional argument is its relationship
// types (a list, or a map with `types`).
Result<std::shared_ptr<const Projection>> TypesOnlyGraph(const ProcedureSignature& signature,
                                                         const std::vector<steppe::Value>& args,
                                                         const ProcedureContext& context) {
  Arguments in(signature, args);
  STEPPE_RETURN_IF_ERROR(in.CheckCount(0, 1));
  Result<Options> options = in.OptionsAt(0, {"types"});
  if (!options.ok()) return options.status();
  return ProjectionFor(context, options->types);
}

ProcedureFunction BetweennessProcedure(ProcedureSignature signature) {
  return [signature](const std::vector<steppe::Value>& args,
                      const ProcedureContext& context) -> Result<ProcedureOutput> {
    Result<std::shared_ptr<const Projection>> graph = TypesOnlyGraph(signature, args, context);
    if (!graph.ok()) return graph.status();
    Result<std::vector<Scored>> scores = Betweenness(**graph, context.limits);
    if (!scores.ok()) return scores.status();
    return ScoredRows(signature, *scores);
  };
}

ProcedureFunction ComponentsProcedure(ProcedureSignature signature) {
  return [signature](const std::vector<steppe::Value>& args,
                      const ProcedureContext& context) -> Result<ProcedureOutput> {
    Result<std::shared_ptr<const Projection>> graph = TypesOnlyGraph(signature, args, context);
    if (!graph.ok()) return graph.status();
    Result<std::vector<Component>> components = ConnectedComponents(**graph, context.limits);
    if (!components.ok()) return components.status();
    ProcedureOutput out = Output(signature);
    out.rows.reserve(components->size());
    for (const Component& c : *components) {
      out.rows.push_back({NodeRef{c.node}, steppe::Value(static_cast<int64_t>(c.component))});
    }
    return out;
  };
}

// db.search: whole-name matches from the store's names index first (score
// 1), then word matches from the NameIndex.
ProcedureFunction SearchProcedure(ProcedureSignature signature) {
  return [signature](const std::vector<steppe::Value>& args,
                      const ProcedureContext& context) -> Result<ProcedureOutput> {
    Arguments in(signature, args);
    STEPPE_RETURN_IF_ERROR(in.CheckCount(1, 2));
    Result<std::string> text = in.String(0, "text");
    if (!text.ok()) return text.status();
    int64_t limit = kDefaultSearchLimit;
    if (in.Given(1)) {
      Result<int64_t> asked = in.Int(1, "limit", 1);
      if (!asked.ok()) return asked.status();
      limit = *asked;
    }
    ProcedureOutput out = Output(signature);
    std::set<NodeId> seen;
    Status status;
    STEPPE_RETURN_IF_ERROR(context.reader->FindByName(*text, [&](NodeId id) {
      Result<Node> node = context.reader->GetNode(id);
      if (!node.ok()) {
        status = node.status();
        return false;
      }
      auto name = node->props.find("name");
      steppe::Value shown = name != node->props.end() ? name->second : steppe::Value();
      out.rows.push_back({NodeRef{id}, shown, steppe::Value(1.0)});
      seen.insert(id);
      return static_cast<int64_t>(out.rows.size()) < limit;
    }));
    STEPPE_RETURN_IF_ERROR(status);
    if (static_cast<int64_t>(out.rows.size()) >= limit) return out;

    std::shared_ptr<const NameIndex> index;
    if (context.cache != nullptr) {
      Result<std::shared_ptr<const NameIndex>> cached = context.cache->Names(*context.reader);
      if (!cached.ok()) return cached.status();
      index = *cached;
    } else {
      Result<std::shared_ptr<const NameIndex>> built = NameIndex::Build(*context.reader);
      if (!built.ok()) return built.status();
      index = *built;
    }
    size_t wanted = static_cast<size_t>(limit) - out.rows.size();
    for (NameIndex::Hit& hit : index->Search(*text, wanted + seen.size())) {
      if (seen.count(hit.node) != 0) continue;
      out.rows.push_back({NodeRef{hit.node}, steppe::Value(std::move(hit.name)), steppe::Value(hit.score)});
      if (--wanted == 0) break;
    }
    return out;
  };
}

}  // namespace

const ProcedureRegistry& ProcedureRegistry::BuiltIn() {
  static const ProcedureRegistry* registry = [] {
    auto* r = new ProcedureRegistry();
    struct Builtin {
      ProcedureSignature signature;
      ProcedureFunction (*make)(ProcedureSignature);
    };
    const Builtin builtins[] = {
        {{"algo.shortestPath", "(from, to [, options])", {"path", "length"}},
         [](ProcedureSignature s) { return PathProcedure(std::move(s), false); }},
        {{"algo.allShortestPaths", "(from, to [, options])", {"path", "length"}},
         [](ProcedureSignature s) { return PathProcedure(std::move(s), true); }},
        {{"algo.neighbourhood", "(node, k [, types])", {"node", "hops"}}, NeighbourhoodProcedure},
        {{"algo.pageRank", "([options])", {"node", "score"}}, PageRankProcedure},
        {{"algo.betweenness", "([types])", {"node", "score"}}, BetweennessProcedure},
        {{"algo.components", "([types])", {"node", "component"}}, ComponentsProcedure},
        {{"db.search", "(text [, limit])", {"node", "name", "score"}}, SearchProcedure},
    };
    for (const Builtin& b : builtins) r->Register(b.signature, b.make(b.signature));
    return r;
  }();
  return *registry;
}

void ProcedureRegistry::Register(ProcedureSignature signature, ProcedureFunction function) {
  std::string name = signature.name;
  entries_.insert_or_assign(std::move(name), Entry{std::move(signature), std::move(function)});
}

const ProcedureSignature* ProcedureRegistry::Find(std::string_view name) const {
  auto it = entries_.find(name);
  return it == entries_.end() ? nullptr : &it->second.signature;
}

std::vector<ProcedureSignature> ProcedureRegistry::List() const {
  std::vector<ProcedureSignature> out;
  for (const auto& [name, entry] : entries_) out.push_back(entry.signature);
  return out;
}

Result<ProcedureOutput> ProcedureRegistry::Call(std::string_view name, const std::vector<steppe::Value>& args,
                                                const ProcedureContext& context) const {
  auto it = entries_.find(name);
  if (it == entries_.end()) {
    return Status::NotFound("there is no procedure named '" + std::string(name) + "'");
  }
  return it->second.function(args, context);
}

}  // namespace steppe::query
