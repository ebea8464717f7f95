// steppe serve [--db DIR] [--bind 127.0.0.1] [--port 7474] [--token-file F] [--read-only]
#include <csignal>
#include <fstream>
#include <iostream>
#include <memory>
#include <string>

#include "server/cli_support.h"
#include "server/commands.h"
#include "server/http_server.h"
#include "server/service.h"
#include "storage/graph_loader.h"

namespace steppe::server {
namespace {

struct ServeOptions {
  std::string db;
  std::string bind = "127.0.0.1";
  int port = 7474;
  std::string token_file;
  bool read_only = false;
  int timeout_ms = 10000;
  uint64_t max_rows = 10000;
  size_t max_body_mb = 8;
  size_t threads = 16;
};

// The token is the file's first line, surrounding whitespace removed.
Result<std::string> ReadToken(const std::string& path) {
  std::ifstream in(path);
  if (!in) return Status::InvalidArgument("serve: cannot read the token file " + path);
  std::string token;
  std::getline(in, token);
  size_t begin = token.find_first_not_of(" \t\r");
  size_t end = token.find_last_not_of(" \t\r");
  token = begin == std::string::npos ? "" : token.substr(begin, end - begin + 1);
  if (token.size() < 8)
    return Status::InvalidArgument("serve: the token in " + path + " is shorter than 8 characters");
  return token;
}

HttpServer* running_server = nullptr;

void StopOnSignal(int) {
  if (running_server != nullptr) running_server->Stop();
}

int RunServe(const ServeOptions& options) {
  ServerOptions server_options;
  server_options.bind = options.bind;
  server_options.port = options.port;
  server_options.read_only = options.read_only;
  server_options.max_body_bytes = options.max_body_mb << 20;
  server_options.threads = options.threads;
  if (!options.token_file.empty()) {
    Result<std::string> token = ReadToken(options.token_file);
    if (!token.ok()) return ReportError(token.status());
    server_options.token = *token;
  }
  Result<std::unique_ptr<storage::RocksStore>> store = OpenStore(options.db, /*must_exist=*/false);
  if (!store.ok()) return ReportError(store.status());

  ServiceOptions service_options;
  service_options.query_timeout = std::chrono::milliseconds(options.timeout_ms);
  service_options.max_rows = options.max_rows;
  // POST /articles extracts and resolves facts as `steppe ingest` does.
  storage::GraphLoader loader;
  Service service(**store, &loader, service_options);
  HttpServer server(service, server_options);
  Result<int> port = server.Bind();
  if (!port.ok()) return ReportError(port.status());
  running_server = &server;
  std::signal(SIGINT, StopOnSignal);
  std::signal(SIGTERM, StopOnSignal);
  std::cerr << "steppe: serving " << options.db << " on http://" << options.bind << ":" << *port
            << "/ ("
            << (server_options.token && !options.read_only ? "writes need the token" : "read-only")
            << "; Ctrl-C stops)\n";
  Status served = server.Serve();
  running_server = nullptr;
  return served.ok() ? 0 : ReportError(served);
}

}  // namespace

void AddServeCommand(CLI::App& app) {
  auto options = std::make_shared<ServeOptions>();
  CLI::App* command = app.add_subcommand(
      "serve",
      "Answer HTTP: Cypher (POST /query, Neo4j's POST /db/{name}/tx/commit), ingest (POST "
      "/articles, token required), search, nodes, snapshots, metrics and the explorer page at /.");
  AddDbOption(*command, options->db);
  command->add_option("--bind", options->bind, "the address to listen on")->capture_default_str();
  command->add_option("--port", options->port, "the port (0: any free port)")
      ->capture_default_str();
  command
      ->add_option("--token-file", options->token_file,
                   "a file whose first line is the bearer token writes need; without it the "
                   "server refuses writes")
      ->check(CLI::ExistingFile);
  command->add_flag("--read-only", options->read_only, "refuse every write");
  command->add_option("--timeout-ms", options->timeout_ms, "stop a query after this long")
      ->capture_default_str();
  command->add_option("--max-rows", options->max_rows, "refuse results with more rows")
      ->capture_default_str();
  command->add_option("--max-body-mb", options->max_body_mb, "refuse larger request bodies")
      ->capture_default_str();
  command->add_option("--threads", options->threads, "requests answered at once")
      ->capture_default_str();
  command->callback([options] { SetExitCode(RunServe(*options)); });
}

}  // namespace steppe::server
