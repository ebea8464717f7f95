// `steppe extract PATH... --format facts`: prints the facts JSON of
// ../shared/eval/FORMAT.md for every distinct article of the files given
// (folders are searched for *.txt files).

#include <iostream>
#include <memory>
#include <string>
#include <vector>

#include "core/extract/extractor.h"
#include "core/facts_json.h"
#include "core/ingest/reader.h"
#include "server/commands.h"

namespace steppe::server {
namespace {

struct ExtractOptions {
  std::vector<std::string> paths;
  std::string format = "facts";
};

int RunExtract(const ExtractOptions& options) {
  Result<std::vector<std::string>> files = ingest::ListNewsFiles(options.paths);
  if (!files.ok()) {
    std::cerr << "steppe: " << files.status().ToString() << "\n";
    return 1;
  }
  std::vector<ArticleFacts> facts;
  for (const std::string& path : *files) {
    Result<ingest::NewsFile> file = ingest::ReadNewsFile(path);
    if (!file.ok()) {
      std::cerr << "steppe: " << file.status().ToString() << "\n";
      return 1;
    }
    for (const Article& article : file->articles) facts.push_back(extract::ExtractFacts(article));
  }
  std::cout << FactsToJson(facts);
  return 0;
}

}  // namespace

void AddExtractCommand(CLI::App& app) {
  auto options = std::make_shared<ExtractOptions>();
  CLI::App* cmd = app.add_subcommand("extract", "Print the facts (entities, roles, meetings, agreements, law actions) "
                                                "of news files as JSON");
  cmd->add_option("paths", options->paths, "news files or folders of *.txt files")->required();
  cmd->add_option("--format", options->format, "output format")->check(CLI::IsMember({"facts"}));
  cmd->callback([options]() { SetExitCode(RunExtract(*options)); });
}

}  // namespace steppe::server
