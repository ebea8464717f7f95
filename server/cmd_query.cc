// `steppe query 'CYPHER' [--param k=v]... [--format table|json|csv] [--db DIR]`
// and `steppe shell [--db DIR]`: openCypher from the command line. Both print
// errors as `steppe: <kind>: <message>`, syntax errors with a caret line.

#include <cstdlib>
#include <fstream>
#include <iostream>
#include <memory>
#include <string>
#include <vector>

#include "query/engine.h"
#include "query/format.h"
#include "query/parser.h"
#include "server/cli_support.h"
#include "server/commands.h"
#include "storage/rocks_store.h"

namespace steppe::server {
namespace {

struct QueryOptions {
  std::string text;
  std::vector<std::string> params;
  std::string format = "table";
  std::string db;
  int timeout_ms = 60000;
};

// k=v, where v is a Cypher literal (42, 'text', [1, 2], true); anything that
// does not read as one is taken as a plain string.
Status AddParam(const std::string& spec, query::Params& params) {
  size_t eq = spec.find('=');
  if (eq == std::string::npos || eq == 0)
    return Status::InvalidArgument("--param expects name=value, got '" + spec + "'");
  std::string name = spec.substr(0, eq);
  std::string text = spec.substr(eq + 1);
  Result<query::Value> value = query::ParseLiteral(text);
  params[name] = value.ok() ? *value : query::Value(text);
  return Status::OK();
}

int ExitCodeFor(const Status& status) {
  switch (status.code()) {
    case Status::Code::kInternal:
    case Status::Code::kCorruption:
    case Status::Code::kIOError: return 2;
    default: return 1;
  }
}

std::string Render(const query::QueryResult& result, const std::string& format) {
  if (format == "json") return query::FormatJson(result) + "\n";
  if (format == "csv") return query::FormatCsv(result);
  return query::FormatTable(result);
}

// Runs one query and prints its result; returns the exit code.
int RunOne(query::Engine& engine, const std::string& text, const query::Params& params,
           const std::string& format, int timeout_ms) {
  query::RunOptions options;
  options.timeout = std::chrono::milliseconds(timeout_ms);
  Result<query::QueryResult> result = engine.Run(text, params, options);
  if (!result.ok()) {
    std::cerr << "steppe: " << result.status().ToString() << "\n";
    return ExitCodeFor(result.status());
  }
  std::cout << Render(*result, format);
  return 0;
}

int RunQuery(const QueryOptions& options) {
  query::Params params;
  for (const auto& spec : options.params) {
    Status s = AddParam(spec, params);
    if (!s.ok()) {
      std::cerr << "steppe: " << s.ToString() << "\n";
      return 1;
    }
  }
  Result<std::unique_ptr<storage::RocksStore>> store = storage::RocksStore::Open(options.db);
  if (!store.ok()) {
    std::cerr << "steppe: " << store.status().ToString() << "\n";
    return ExitCodeFor(store.status());
  }
  query::Engine engine(**store);
  return RunOne(engine, options.text, params, options.format, options.timeout_ms);
}

constexpr const char* kShellHelp =
    "Type a Cypher query and end it with ';' (it may span lines).\n"
    "  :help                 this text\n"
    "  :format table|csv|json\n"
    "  :param name=value     bind $name (a Cypher literal); :params lists them\n"
    "  :history              the queries of this and earlier sessions\n"
    "  :quit                 leave (or Ctrl-D)\n";

std::string HistoryPath() {
  const char* home = std::getenv("HOME");
  return std::string(home && *home ? home : ".") + "/.steppe_history";
}

int RunShell(const QueryOptions& options) {
  Result<std::unique_ptr<storage::RocksStore>> store = storage::RocksStore::Open(options.db);
  if (!store.ok()) {
    std::cerr << "steppe: " << store.status().ToString() << "\n";
    return ExitCodeFor(store.status());
  }
  query::Engine engine(**store);
  query::Params params;
  std::string format = options.format;
  std::vector<std::string> history;
  {
    std::ifstream in(HistoryPath());
    for (std::string line; std::getline(in, line);) history.push_back(line);
  }
  std::ofstream history_out(HistoryPath(), std::ios::app);
  std::cout << "steppe shell on " << options.db << "; :help for help\n";
  std::string buffer;
  std::string line;
  while (true) {
    std::cout << (buffer.empty() ? "steppe> " : "   ...> ") << std::flush;
    if (!std::getline(std::cin, line)) break;
    if (buffer.empty() && !line.empty() && line[0] == ':') {
      if (line == ":quit" || line == ":exit" || line == ":q") break;
      if (line == ":help") std::cout << kShellHelp;
      else if (line == ":history")
        for (size_t i = 0; i < history.size(); ++i) std::cout << i + 1 << "  " << history[i] << "\n";
      else if (line.rfind(":format ", 0) == 0) {
        std::string f = line.substr(8);
        if (f == "table" || f == "csv" || f == "json") format = f;
        else std::cerr << "steppe: unknown format '" << f << "'\n";
      } else if (line.rfind(":param ", 0) == 0) {
        Status s = AddParam(line.substr(7), params);
        if (!s.ok()) std::cerr << "steppe: " << s.ToString() << "\n";
      } else if (line == ":params") {
        for (const auto& [k, v] : params) std::cout << k << " = " << query::FormatValue(v) << "\n";
      } else {
        std::cerr << "steppe: unknown command " << line << " (:help lists them)\n";
      }
      continue;
    }
    buffer += (buffer.empty() ? "" : "\n") + line;
    size_t end = buffer.find_last_not_of(" \t\r");
    if (end == std::string::npos) {
      buffer.clear();
      continue;
    }
    if (buffer[end] != ';') continue;
    std::string text = buffer.substr(0, end);
    buffer.clear();
    std::string one_line = text;
    for (char& c : one_line)
      if (c == '\n') c = ' ';
    history.push_back(one_line);
    history_out << one_line << "\n" << std::flush;
    RunOne(engine, text, params, format, options.timeout_ms);
  }
  std::cout << "\n";
  return 0;
}

}  // namespace

void AddQueryCommands(CLI::App& app) {
  auto options = std::make_shared<QueryOptions>();
  CLI::App* query = app.add_subcommand("query", "Run one openCypher query and print its result");
  query->add_option("cypher", options->text, "the query")->required();
  query->add_option("--param", options->params, "bind $name: --param name=value (a Cypher literal)");
  query->add_option("--format", options->format, "output format")
      ->check(CLI::IsMember({"table", "json", "csv"}));
  AddDbOption(*query, options->db);
  query->add_option("--timeout-ms", options->timeout_ms, "time limit for the query");
  query->callback([options]() { SetExitCode(RunQuery(*options)); });

  CLI::App* shell = app.add_subcommand("shell", "An interactive openCypher shell with history");
  AddDbOption(*shell, options->db);
  shell->add_option("--format", options->format, "output format")
      ->check(CLI::IsMember({"table", "json", "csv"}));
  shell->callback([options]() { SetExitCode(RunShell(*options)); });
}

}  // namespace steppe::server
