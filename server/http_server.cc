#include "server/http_server.h"

#include <httplib.h>

#include <charconv>
#include <chrono>

#include "server/neo4j_json.h"
#include "server/value_json.h"
#include "server/web_assets.h"

namespace steppe::server {
namespace {

using httplib::Request;
using httplib::Response;
using Clock = std::chrono::steady_clock;

// The route a request matched and when it arrived, for the metrics logger,
// which runs on the same thread after the handler.
thread_local std::string current_route;
thread_local Clock::time_point request_start;

constexpr int kMaxJsonDepth = 64;
constexpr size_t kDefaultSearchLimit = 10;
constexpr size_t kMaxSearchLimit = 100;

int HttpStatus(const Status& status) {
  switch (status.code()) {
    case Status::Code::kInvalidArgument:
    case Status::Code::kSyntaxError:
    case Status::Code::kSemanticError:
    case Status::Code::kTypeError:
    case Status::Code::kRuntimeError:
      return 400;
    case Status::Code::kUnauthorized:
      return 401;
    case Status::Code::kNotFound:
      return 404;
    case Status::Code::kTimeout:
      return 408;
    case Status::Code::kResourceExhausted:
      return 422;
    default:
      return 500;
  }
}

nlohmann::json ErrorBody(std::string_view code, std::string_view message) {
  return {{"error", {{"code", code}, {"message", message}}}};
}

nlohmann::json ErrorBody(const Status& status) {
  nlohmann::json body = ErrorBody(status.CodeName(), status.message());
  if (status.IsSyntaxError()) {
    body["error"]["line"] = status.line();
    body["error"]["column"] = status.column();
  }
  return body;
}

void WriteJson(Response& res, int status, const nlohmann::json& body) {
  res.status = status;
  res.set_content(body.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace) + "\n",
                  "application/json");
}

void WriteError(Response& res, const Status& status) {
  WriteJson(res, HttpStatus(status), ErrorBody(status));
}

// Who may write. Clients send the token as "Authorization: Bearer <token>",
// or, as Neo4j clients do, as the password of Basic authentication.
enum class Access { kGranted, kMissing, kInvalid, kDisabled };

bool SameSecret(std::string_view a, std::string_view b) {
  unsigned char diff = a.size() == b.size() ? 0 : 1;
  for (size_t i = 0; i < a.size() && i < b.size(); ++i)
    diff |= static_cast<unsigned char>(a[i] ^ b[i]);
  return diff == 0;
}

// Basic authentication's "user:password", decoded; stops at the first
// character outside the base64 alphabet.
std::string DecodeBase64(std::string_view text) {
  static constexpr std::string_view kAlphabet =
      "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
  std::string out;
  uint32_t bits = 0;
  int count = 0;
  for (char c : text) {
    size_t value = kAlphabet.find(c);
    if (value == std::string_view::npos) break;
    bits = (bits << 6) | static_cast<uint32_t>(value);
    count += 6;
    if (count >= 8) {
      count -= 8;
      out += static_cast<char>((bits >> count) & 0xFF);
    }
  }
  return out;
}

Access WriteAccess(const Request& req, const ServerOptions& options) {
  if (options.read_only || !options.token) return Access::kDisabled;
  std::string header = req.get_header_value("Authorization");
  if (header.empty()) return Access::kMissing;
  if (header.rfind("Bearer ", 0) == 0)
    return SameSecret(header.substr(7), *options.token) ? Access::kGranted : Access::kInvalid;
  if (header.rfind("Basic ", 0) == 0) {
    std::string decoded = DecodeBase64(std::string_view(header).substr(6));
    size_t colon = decoded.find(':');
    if (colon != std::string::npos && SameSecret(decoded.substr(colon + 1), *options.token))
      return Access::kGranted;
  }
  return Access::kInvalid;
}

int AccessStatus(Access access) { return access == Access::kDisabled ? 403 : 401; }

std::string AccessMessage(Access access) {
  switch (access) {
    case Access::kMissing:
      return "writes need a token: send Authorization: Bearer <token>";
    case Access::kInvalid:
      return "the token in the Authorization header is not valid";
    case Access::kDisabled:
      return "this server accepts no writes (it runs --read-only or without --token-file)";
    case Access::kGranted:
      break;
  }
  return "";
}

void WriteAccessError(Response& res, Access access, std::string_view detail = "") {
  std::string message = AccessMessage(access);
  if (!detail.empty()) message = std::string(detail) + ": " + message;
  if (access != Access::kDisabled) res.set_header("WWW-Authenticate", "Bearer realm=\"steppe\"");
  WriteJson(res, AccessStatus(access),
            ErrorBody(access == Access::kDisabled ? "Forbidden" : "Unauthorized", message));
}

// The deepest nesting of arrays and objects in `text`, so that a hostile
// body cannot exhaust the stack of the recursive parser.
int JsonDepth(std::string_view text) {
  int depth = 0, deepest = 0;
  bool in_string = false, escaped = false;
  for (char c : text) {
    if (in_string) {
      if (escaped)
        escaped = false;
      else if (c == '\\')
        escaped = true;
      else if (c == '"')
        in_string = false;
      continue;
    }
    if (c == '"')
      in_string = true;
    else if (c == '[' || c == '{')
      deepest = std::max(deepest, ++depth);
    else if (c == ']' || c == '}')
      --depth;
  }
  return deepest;
}

Result<nlohmann::json> ParseJson(std::string_view body) {
  if (JsonDepth(body) > kMaxJsonDepth)
    return Status::InvalidArgument("malformed JSON: nested deeper than " +
                                   std::to_string(kMaxJsonDepth) + " levels");
  try {
    return nlohmann::json::parse(body);
  } catch (const nlohmann::json::parse_error& e) {
    return Status::InvalidArgument(std::string("malformed JSON: ") + e.what());
  }
}

bool LooksLikeJson(const Request& req) {
  if (req.get_header_value("Content-Type").find("json") != std::string::npos) return true;
  size_t first = req.body.find_first_not_of(" \t\r\n");
  return first != std::string::npos && req.body[first] == '{';
}

struct QueryRequest {
  std::string text;
  query::Params params;
};

// POST /query takes the Cypher text as the body, or {"query", "params"}.
Result<QueryRequest> ParseQueryRequest(const Request& req) {
  QueryRequest out;
  if (!LooksLikeJson(req)) {
    out.text = req.body;
  } else {
    Result<nlohmann::json> body = ParseJson(req.body);
    if (!body.ok()) return body.status();
    if (!body->is_object()) return Status::InvalidArgument("the body must be a JSON object");
    auto text = body->find("query");
    if (text == body->end() || !text->is_string())
      return Status::InvalidArgument("the body needs a \"query\" string");
    out.text = text->get<std::string>();
    if (auto params = body->find("params"); params != body->end()) {
      Result<query::Params> parsed = ParamsFromJson(*params);
      if (!parsed.ok()) return parsed.status();
      out.params = std::move(*parsed);
    }
  }
  if (out.text.find_first_not_of(" \t\r\n") == std::string::npos)
    return Status::InvalidArgument("the query is empty");
  return out;
}

Result<uint64_t> ParseNumber(std::string_view name, std::string_view text) {
  uint64_t value = 0;
  auto [end, error] = std::from_chars(text.data(), text.data() + text.size(), value);
  if (error != std::errc() || end != text.data() + text.size())
    return Status::InvalidArgument(std::string(name) + " must be a non-negative integer, got '" +
                                   std::string(text) + "'");
  return value;
}

std::vector<std::string> SplitList(std::string_view text) {
  std::vector<std::string> items;
  size_t start = 0;
  while (start <= text.size()) {
    size_t comma = text.find(',', start);
    if (comma == std::string_view::npos) comma = text.size();
    std::string_view item = text.substr(start, comma - start);
    if (!item.empty()) items.emplace_back(item);
    start = comma + 1;
  }
  return items;
}

// GET /snapshot?query=...|center=NAME|ids=1,2&depth=K&types=A,B&format=svg&limit=N&date=D
Result<SnapshotRequest> ParseSnapshotRequest(const Request& req, const ServiceOptions& options) {
  SnapshotRequest out;
  out.query = req.get_param_value("query");
  out.neighbourhood.center = req.get_param_value("center");
  out.neighbourhood.types = SplitList(req.get_param_value("types"));
  out.neighbourhood.max_nodes = options.snapshot_max_nodes;
  out.date = req.get_param_value("date");
  for (const std::string& id : SplitList(req.get_param_value("ids"))) {
    Result<uint64_t> parsed = ParseNumber("ids", id);
    if (!parsed.ok()) return parsed.status();
    out.neighbourhood.center_ids.push_back(*parsed);
  }
  if (req.has_param("depth")) {
    Result<uint64_t> depth = ParseNumber("depth", req.get_param_value("depth"));
    if (!depth.ok()) return depth.status();
    out.neighbourhood.depth = static_cast<int>(std::min<uint64_t>(*depth, 1000));
  }
  if (req.has_param("limit")) {
    Result<uint64_t> limit = ParseNumber("limit", req.get_param_value("limit"));
    if (!limit.ok()) return limit.status();
    out.neighbourhood.max_nodes = *limit;
  }
  Result<query::SnapshotFormat> format =
      query::ParseSnapshotFormat(req.has_param("format") ? req.get_param_value("format") : "svg");
  if (!format.ok()) return format.status();
  out.format = *format;
  return out;
}

bool WantsJson(const Request& req) {
  std::string accept = req.get_header_value("Accept");
  return accept.find("application/json") != std::string::npos &&
         accept.find("text/html") == std::string::npos;
}

// What GET / answers a Neo4j client (Accept: application/json) instead of the page.
nlohmann::json DiscoveryDocument(const Request& req) {
  std::string host = req.get_header_value("Host");
  return {{"transaction", "http://" + host + "/db/{databaseName}/tx"},
          {"neo4j_version", "5.0.0"},
          {"neo4j_edition", "steppe"}};
}

void WriteAsset(Response& res, const WebAsset& asset) {
  res.set_content(std::string(asset.bytes), std::string(asset.content_type) + "; charset=utf-8");
}

nlohmann::json IngestJson(const IngestSummary& summary) {
  const storage::IngestReport& report = summary.report;
  return {{"format", summary.format},
          {"blocks", report.blocks},
          {"distinct", report.distinct},
          {"repeated_in_input", report.repeated_in_input},
          {"already_stored", report.already_stored},
          {"duplicates", report.duplicates()},
          {"written", report.written},
          {"entities_added", summary.entities_added},
          {"facts_added", summary.facts_added},
          {"nodes_added", summary.nodes_added},
          {"edges_added", summary.edges_added},
          {"seconds", report.seconds}};
}

// The name an upload stands under (article ids are "<name>#<n>"): ?name=,
// kept to letters, digits, '-', '_' and '.'.
Result<std::string> UploadName(const Request& req) {
  std::string name = req.has_param("name") ? req.get_param_value("name") : "http";
  if (name.empty() || name.size() > 100 ||
      name.find_first_not_of("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-_.") !=
          std::string::npos)
    return Status::InvalidArgument(
        "articles: name must be 1 to 100 letters, digits, '-', '_' or '.'");
  return name;
}

nlohmann::json Neo4jBody(nlohmann::json results, nlohmann::json errors) {
  return {{"results", std::move(results)}, {"errors", std::move(errors)}};
}

}  // namespace

HttpServer::HttpServer(Service& service, ServerOptions options)
    : service_(service), options_(std::move(options)), http_(std::make_unique<httplib::Server>()) {
  size_t threads = options_.threads;
  http_->new_task_queue = [threads] { return new httplib::ThreadPool(threads); };
  http_->set_payload_max_length(options_.max_body_bytes);
  http_->set_tcp_nodelay(true);  // small JSON answers must not wait for delayed ACKs
  http_->set_read_timeout(std::chrono::seconds(30));
  http_->set_pre_routing_handler([](const Request&, Response&) {
    current_route = "unmatched";
    request_start = Clock::now();
    return httplib::Server::HandlerResponse::Unhandled;
  });
  http_->set_logger([this](const Request&, const Response& res) {
    std::chrono::duration<double> elapsed = Clock::now() - request_start;
    metrics_.RecordRequest(current_route, res.status, elapsed.count());
  });
  http_->set_error_handler([this](const Request& req, Response& res) {
    if (!res.body.empty()) return;
    switch (res.status) {
      case 404:
        WriteJson(res, 404, ErrorBody("NotFound", "no route for " + req.method + " " + req.path));
        return;
      case 413:
        WriteJson(
            res, 413,
            ErrorBody("PayloadTooLarge", "the request body is larger than the server's limit of " +
                                             std::to_string(options_.max_body_bytes) + " bytes"));
        return;
      default:
        WriteJson(res, res.status,
                  ErrorBody("BadRequest", "the request could not be read (HTTP " +
                                              std::to_string(res.status) + ")"));
    }
  });
  http_->set_exception_handler([](const Request&, Response& res, std::exception_ptr error) {
    std::string message = "unexpected failure";
    try {
      std::rethrow_exception(error);
    } catch (const std::exception& e) {
      message += std::string(": ") + e.what();
    } catch (...) {
    }
    WriteJson(res, 500, ErrorBody("Internal", message));
  });
  AddRoutes();
}

HttpServer::~HttpServer() { Stop(); }

// Wraps a handler so that the metrics name its route.
template <typename Handler>
static httplib::Server::Handler Route(const char* name, Handler handler) {
  return [name, handler](const Request& req, Response& res) {
    current_route = name;
    handler(req, res);
  };
}

void HttpServer::AddRoutes() {
  http_->Get("/health", Route("/health", [this](const Request&, Response& res) {
               Result<nlohmann::json> health = service_.Health();
               health.ok() ? WriteJson(res, 200, *health) : WriteError(res, health.status());
             }));

  http_->Get("/metrics", Route("/metrics", [this](const Request&, Response& res) {
               Result<storage::GraphStats> stats = service_.store().Snapshot()->Stats();
               if (!stats.ok()) return WriteError(res, stats.status());
               res.set_content(metrics_.Render(*stats), "text/plain; version=0.0.4; charset=utf-8");
             }));

  http_->Post(
      "/query", Route("/query", [this](const Request& req, Response& res) {
        Result<QueryRequest> request = ParseQueryRequest(req);
        if (!request.ok()) return WriteError(res, request.status());
        Access access = WriteAccess(req, options_);
        Result<query::QueryResult> result =
            service_.Query(request->text, request->params, access == Access::kGranted);
        // Without write access the engine runs read-only and refuses writes with
        // InvalidArgument; the client needs to hear why.
        if (!result.ok() && access != Access::kGranted && result.status().IsInvalidArgument())
          return WriteAccessError(res, access, result.status().message());
        result.ok() ? WriteJson(res, 200, ResultJson(*result)) : WriteError(res, result.status());
      }));

  http_->Post(
      R"(/db/([^/]+)/tx/commit)",
      Route("/db/{name}/tx/commit", [this](const Request& req, Response& res) {
        Result<nlohmann::json> body =
            req.body.empty() ? Result<nlohmann::json>(nlohmann::json()) : ParseJson(req.body);
        Result<std::vector<Neo4jStatement>> statements =
            body.ok() ? ParseNeo4jRequest(*body)
                      : Result<std::vector<Neo4jStatement>>(body.status());
        if (!statements.ok())
          return WriteJson(res, 400,
                           Neo4jBody(nlohmann::json::array(),
                                     {{{"code", "Neo.ClientError.Request.InvalidFormat"},
                                       {"message", statements.status().message()}}}));
        Access access = WriteAccess(req, options_);
        nlohmann::json results = nlohmann::json::array();
        nlohmann::json errors = nlohmann::json::array();
        // Statements run in order; the first failure ends the request, as in Neo4j.
        for (const Neo4jStatement& statement : *statements) {
          Result<query::QueryResult> result =
              service_.Query(statement.text, statement.params, access == Access::kGranted);
          if (!result.ok() && access != Access::kGranted && result.status().IsInvalidArgument()) {
            errors.push_back(
                {{"code", access == Access::kDisabled ? "Neo.ClientError.Security.Forbidden"
                                                      : "Neo.ClientError.Security.Unauthorized"},
                 {"message", result.status().message() + ": " + AccessMessage(access)}});
            return WriteJson(res, AccessStatus(access), Neo4jBody(results, errors));
          }
          if (!result.ok()) {
            errors.push_back(Neo4jError(result.status()));
            break;
          }
          results.push_back(Neo4jResult(statement, *result));
        }
        WriteJson(res, 200, Neo4jBody(results, errors));
      }));

  http_->Post(R"(/db/([^/]+)/tx(/.*)?)", Route("/db/{name}/tx", [](const Request&, Response& res) {
                WriteJson(
                    res, 501,
                    Neo4jBody(nlohmann::json::array(),
                              {{{"code", "Neo.ClientError.Request.Invalid"},
                                {"message",
                                 "explicit transactions are not supported: send the statements to "
                                 "/db/{name}/tx/commit, which runs them and commits"}}}));
              }));

  http_->Post("/articles", Route("/articles", [this](const Request& req, Response& res) {
                if (Access access = WriteAccess(req, options_); access != Access::kGranted)
                  return WriteAccessError(res, access);
                Result<std::string> name = UploadName(req);
                if (!name.ok()) return WriteError(res, name.status());
                Result<IngestSummary> summary = service_.Ingest(req.body, *name);
                if (!summary.ok()) return WriteError(res, summary.status());
                metrics_.RecordIngest({summary->report.written, summary->report.duplicates(),
                                       summary->nodes_added, summary->edges_added});
                WriteJson(res, 200, IngestJson(*summary));
              }));

  http_->Get("/search", Route("/search", [this](const Request& req, Response& res) {
               size_t limit = kDefaultSearchLimit;
               if (req.has_param("limit")) {
                 Result<uint64_t> parsed = ParseNumber("limit", req.get_param_value("limit"));
                 if (!parsed.ok()) return WriteError(res, parsed.status());
                 limit = std::clamp<size_t>(*parsed, 1, kMaxSearchLimit);
               }
               Result<nlohmann::json> hits = service_.Search(req.get_param_value("q"), limit);
               hits.ok() ? WriteJson(res, 200, *hits) : WriteError(res, hits.status());
             }));

  http_->Get(R"(/nodes/([^/]+))", Route("/nodes/{id}", [this](const Request& req, Response& res) {
               Result<uint64_t> id = ParseNumber("the node id", req.matches[1].str());
               if (!id.ok()) return WriteError(res, id.status());
               Result<nlohmann::json> detail = service_.NodeDetail(*id);
               detail.ok() ? WriteJson(res, 200, *detail) : WriteError(res, detail.status());
             }));

  http_->Get("/snapshot", Route("/snapshot", [this](const Request& req, Response& res) {
               Result<SnapshotRequest> request = ParseSnapshotRequest(req, service_.options());
               if (!request.ok()) return WriteError(res, request.status());
               Result<std::string> picture = service_.Snapshot(*request);
               if (!picture.ok()) return WriteError(res, picture.status());
               res.set_content(*picture, query::SnapshotContentType(request->format));
             }));

  http_->Get("/", Route("/", [](const Request& req, Response& res) {
               if (WantsJson(req)) return WriteJson(res, 200, DiscoveryDocument(req));
               WriteAsset(res, *FindWebAsset("/"));
             }));

  http_->Get(R"(/(explorer\.js|explorer\.css|cytoscape\.min\.js))",
             Route("/assets", [](const Request& req, Response& res) {
               WriteAsset(res, *FindWebAsset(req.path));
             }));
}

Result<int> HttpServer::Bind() {
  if (options_.port == 0) {
    int port = http_->bind_to_any_port(options_.bind);
    if (port < 0) return Status::IOError("serve: cannot bind " + options_.bind);
    return port;
  }
  if (!http_->bind_to_port(options_.bind, options_.port))
    return Status::IOError("serve: cannot bind " + options_.bind + ":" +
                           std::to_string(options_.port) + " (in use, or not an address here?)");
  return options_.port;
}

Status HttpServer::Serve() {
  if (!http_->listen_after_bind()) return Status::IOError("serve: the listening socket failed");
  return Status::OK();
}

void HttpServer::Stop() { http_->stop(); }

bool HttpServer::IsRunning() const { return http_->is_running(); }

}  // namespace steppe::server
