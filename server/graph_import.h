#pragma once

#include <cstdint>
#include <functional>
#include <map>
#include <string>

#include "core/result.h"

namespace steppe::server {

struct ImportReport {
  uint64_t nodes = 0;
  uint64_t edges = 0;
  uint64_t csv_bytes = 0;
  std::map<std::string, uint64_t> per_label;
  std::map<std::string, uint64_t> per_type;
};

// Loads a graph written as CSV files -- the layout of bench/gen_graph.py and
// of Kùzu's COPY FROM -- into a new store at `db_dir` through
// storage::BulkWriter (sorted SST files, ingested whole):
//   nodes_<Label>.csv  header "id,<prop>,..."   one node per row
//   edges_<TYPE>.csv   header "from,to,<prop>,..."   one edge per row
// Node ids are non-negative integers unique across all node files; node id
// k becomes NodeId k + 1 and keeps k as the indexed integer property `id`
// (so `MATCH (o:Official {id: $id})` finds it). Other columns become string
// properties; an empty field is an absent property.
// InvalidArgument, naming the file and line, for a malformed row, a header
// naming a column twice, a repeated node id or an edge whose end is no node;
// `db_dir` is then left as it was (absent, or an empty folder).
// InvalidArgument when `db_dir` already holds something (nothing in it is
// touched) or `data_dir` holds no nodes_*.csv.
Result<ImportReport> ImportCsvGraph(const std::string& data_dir, const std::string& db_dir,
                                    const std::function<void(const std::string&)>& progress = {});

}  // namespace steppe::server
