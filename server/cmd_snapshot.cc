// steppe snapshot (--query Q | --center NAME [--depth K] [--types T,..] | --ids 1,2)
//                 --format svg|png|dot|graphml|json -o FILE [--db DIR] [--date D] [--limit N]
#include <fstream>
#include <iostream>
#include <memory>
#include <string>
#include <vector>

#include "server/cli_support.h"
#include "server/commands.h"
#include "server/service.h"

namespace steppe::server {
namespace {

struct SnapshotOptions {
  std::string query;
  std::string center;
  std::vector<uint64_t> ids;
  int depth = 1;
  std::vector<std::string> types;
  std::string format = "svg";
  std::string output;
  std::string db;
  std::string date;
  size_t limit = ServiceOptions{}.snapshot_max_nodes;
};

Status WriteFile(const std::string& path, const std::string& bytes) {
  std::ofstream out(path, std::ios::binary | std::ios::trunc);
  if (!out) return Status::InvalidArgument("snapshot: cannot write " + path);
  out.write(bytes.data(), static_cast<std::streamsize>(bytes.size()));
  if (!out.flush()) return Status::IOError("snapshot: writing " + path + " failed");
  return Status::OK();
}

int RunSnapshot(const SnapshotOptions& options) {
  Result<query::SnapshotFormat> format = query::ParseSnapshotFormat(options.format);
  if (!format.ok()) return ReportError(format.status());
  Result<std::unique_ptr<storage::RocksStore>> store = OpenStore(options.db, /*must_exist=*/true);
  if (!store.ok()) return ReportError(store.status());
  ServiceOptions service_options;
  service_options.snapshot_max_nodes = std::max(options.limit, service_options.snapshot_max_nodes);
  Service service(**store, nullptr, service_options);

  SnapshotRequest request;
  request.query = options.query;
  request.neighbourhood = {options.center,
                           {options.ids.begin(), options.ids.end()},
                           options.depth,
                           options.types,
                           options.limit};
  request.date = options.date;
  request.format = *format;
  Result<std::string> picture = service.Snapshot(request);
  if (!picture.ok()) return ReportError(picture.status());
  if (Status written = WriteFile(options.output, *picture); !written.ok())
    return ReportError(written);
  std::cerr << "steppe: wrote " << options.output << " (" << picture->size() << " bytes)\n";
  return 0;
}

}  // namespace

void AddSnapshotCommand(CLI::App& app) {
  auto options = std::make_shared<SnapshotOptions>();
  CLI::App* command = app.add_subcommand(
      "snapshot",
      "Draw part of the graph -- what a Cypher query returns, or a node's neighbourhood -- as SVG, "
      "PNG, DOT, GraphML or Cytoscape.js JSON. The same store and options give the same bytes.");
  auto* query = command->add_option("--query", options->query,
                                    "a Cypher query; its nodes, relationships and paths are drawn");
  auto* center = command->add_option(
      "--center", options->center, "the name (or alias) of the node whose neighbourhood is drawn");
  auto* ids = command->add_option("--ids", options->ids, "node ids to draw the neighbourhood of")
                  ->delimiter(',');
  query->excludes(center)->excludes(ids);
  center->excludes(ids);
  command->add_option("--depth", options->depth, "hops from the centre (0..4)")
      ->capture_default_str();
  command
      ->add_option("--types", options->types,
                   "relationship types to follow, comma-separated (default: all but MENTIONS)")
      ->delimiter(',');
  command->add_option("--format", options->format, "svg, png, dot, graphml or json")
      ->capture_default_str();
  command->add_option("-o,--output", options->output, "the file to write")->required();
  command->add_option("--date", options->date,
                      "the date in the caption (default: the latest "
                      "date in the picture)");
  command
      ->add_option("--limit", options->limit,
                   "at most this many nodes; the caption says "
                   "when the picture was cut")
      ->capture_default_str();
  AddDbOption(*command, options->db);
  command->callback([options, query, center, ids] {
    if (query->count() + center->count() + ids->count() == 0) {
      std::cerr << "steppe: snapshot needs --query, --center or --ids\n";
      return SetExitCode(1);
    }
    SetExitCode(RunSnapshot(*options));
  });
}

}  // namespace steppe::server
