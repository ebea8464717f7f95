#include "server/graph_import.h"

#include <algorithm>
#include <charconv>
#include <filesystem>
#include <memory>
#include <vector>

#include "core/model.h"
#include "server/csv_reader.h"
#include "storage/bulk_writer.h"

namespace steppe::server {
namespace {

namespace fs = std::filesystem;

constexpr std::string_view kNodePrefix = "nodes_";
constexpr std::string_view kEdgePrefix = "edges_";
constexpr std::string_view kCsv = ".csv";

struct CsvTable {
  std::string name;  // the label or type: what sits between prefix and ".csv"
  std::string path;
};

// The files named prefix<name>.csv in `dir`, sorted by name.
std::vector<CsvTable> TablesIn(const fs::path& dir, std::string_view prefix) {
  std::vector<CsvTable> tables;
  for (const fs::directory_entry& entry : fs::directory_iterator(dir)) {
    std::string file = entry.path().filename().string();
    if (!entry.is_regular_file() || !file.starts_with(prefix) || !file.ends_with(kCsv)) continue;
    std::string name = file.substr(prefix.size(), file.size() - prefix.size() - kCsv.size());
    if (!name.empty()) tables.push_back(CsvTable{name, entry.path().string()});
  }
  std::sort(tables.begin(), tables.end(),
            [](const CsvTable& a, const CsvTable& b) { return a.name < b.name; });
  return tables;
}

Status RowError(const CsvReader& csv, const std::string& what) {
  return Status::InvalidArgument(csv.path() + ":" + std::to_string(csv.line()) + ": " + what);
}

Result<uint64_t> ParseId(const CsvReader& csv, std::string_view field, std::string_view column) {
  uint64_t id = 0;
  auto [end, error] = std::from_chars(field.data(), field.data() + field.size(), id);
  if (error != std::errc() || end != field.data() + field.size()) {
    return RowError(csv, "column '" + std::string(column) + "' must be a non-negative integer, not '" +
                             std::string(field) + "'");
  }
  return id;
}

// Opens a table and checks that its header starts with `leading` columns.
Result<std::unique_ptr<CsvReader>> OpenTable(const CsvTable& table,
                                             const std::vector<std::string_view>& leading,
                                             std::vector<std::string>& header) {
  Result<std::unique_ptr<CsvReader>> csv = CsvReader::Open(table.path);
  if (!csv.ok()) return csv.status();
  std::vector<std::string_view> fields;
  Result<bool> got = (*csv)->Next(fields);
  if (!got.ok()) return got.status();
  bool fits = *got && fields.size() >= leading.size() &&
              std::equal(leading.begin(), leading.end(), fields.begin());
  if (!fits) {
    std::string expected;
    for (std::string_view c : leading) expected += (expected.empty() ? "" : ",") + std::string(c);
    return Status::InvalidArgument(table.path + ":1: the header must start with '" + expected + "'");
  }
  header.assign(fields.begin(), fields.end());
  return csv;
}

// Properties from the columns after the first `skip`.
Properties RowProperties(const std::vector<std::string>& header,
                         const std::vector<std::string_view>& fields, size_t skip) {
  Properties props;
  for (size_t i = skip; i < header.size(); ++i) {
    if (!fields[i].empty()) props.emplace(header[i], steppe::Value(fields[i]));
  }
  return props;
}

class Importer {
 public:
  Importer(storage::BulkWriter& writer, const std::function<void(const std::string&)>& progress)
      : writer_(writer), progress_(progress) {}

  Status Nodes(const CsvTable& table) {
    std::vector<std::string> header;
    Result<std::unique_ptr<CsvReader>> csv = OpenTable(table, {"id"}, header);
    if (!csv.ok()) return csv.status();
    report_.csv_bytes += (*csv)->size();
    std::vector<std::string_view> fields;
    uint64_t count = 0;
    while (true) {
      Result<bool> got = (*csv)->Next(fields);
      if (!got.ok()) return got.status();
      if (!*got) break;
      if (fields.size() != header.size()) return WidthError(**csv, header.size(), fields.size());
      Result<uint64_t> id = ParseId(**csv, fields[0], "id");
      if (!id.ok()) return id.status();
      if (*id >= seen_.size()) seen_.resize(std::max<size_t>(*id + 1, seen_.size() * 2), false);
      if (seen_[*id]) return RowError(**csv, "node id " + std::to_string(*id) + " appears twice");
      seen_[*id] = true;
      Node node;
      node.id = *id + 1;
      node.labels = {table.name};
      node.props = RowProperties(header, fields, 1);
      node.props.emplace("id", steppe::Value(static_cast<int64_t>(*id)));
      STEPPE_RETURN_IF_ERROR(writer_.AddNode(node));
      ++count;
    }
    report_.nodes += count;
    report_.per_label[table.name] += count;
    Progress(table, count);
    return Status::OK();
  }

  Status Edges(const CsvTable& table) {
    std::vector<std::string> header;
    Result<std::unique_ptr<CsvReader>> csv = OpenTable(table, {"from", "to"}, header);
    if (!csv.ok()) return csv.status();
    report_.csv_bytes += (*csv)->size();
    std::vector<std::string_view> fields;
    uint64_t count = 0;
    while (true) {
      Result<bool> got = (*csv)->Next(fields);
      if (!got.ok()) return got.status();
      if (!*got) break;
      if (fields.size() != header.size()) return WidthError(**csv, header.size(), fields.size());
      Result<uint64_t> from = ParseId(**csv, fields[0], "from");
      if (!from.ok()) return from.status();
      Result<uint64_t> to = ParseId(**csv, fields[1], "to");
      if (!to.ok()) return to.status();
      for (uint64_t end : {*from, *to}) {
        if (end >= seen_.size() || !seen_[end]) {
          return RowError(**csv, "node " + std::to_string(end) + " is in no nodes_*.csv file");
        }
      }
      STEPPE_RETURN_IF_ERROR(writer_.AddEdge(
          Edge{next_edge_id_++, table.name, *from + 1, *to + 1, RowProperties(header, fields, 2)}));
      ++count;
    }
    report_.edges += count;
    report_.per_type[table.name] += count;
    Progress(table, count);
    return Status::OK();
  }

  const ImportReport& report() const { return report_; }

 private:
  Status WidthError(const CsvReader& csv, size_t want, size_t got) {
    return RowError(csv, "expected " + std::to_string(want) + " fields, found " + std::to_string(got));
  }

  void Progress(const CsvTable& table, uint64_t count) {
    if (progress_) progress_(table.name + ": " + std::to_string(count) + " rows");
  }

  storage::BulkWriter& writer_;
  const std::function<void(const std::string&)>& progress_;
  ImportReport report_;
  std::vector<bool> seen_;  // csv node id -> present
  EdgeId next_edge_id_ = 1;
};

}  // namespace

Result<ImportReport> ImportCsvGraph(const std::string& data_dir, const std::string& db_dir,
                                    const std::function<void(const std::string&)>& progress) {
  std::error_code error;
  if (!fs::is_directory(data_dir, error)) {
    return Status::InvalidArgument(data_dir + ": not a directory of CSV files");
  }
  std::vector<CsvTable> node_tables = TablesIn(data_dir, kNodePrefix);
  std::vector<CsvTable> edge_tables = TablesIn(data_dir, kEdgePrefix);
  if (node_tables.empty()) {
    return Status::InvalidArgument(data_dir + ": holds no nodes_<Label>.csv file");
  }
  if (fs::exists(db_dir, error) && !fs::is_empty(db_dir, error)) {
    return Status::InvalidArgument(db_dir + ": already exists and is not empty; import writes a new store");
  }
  storage::BulkWriterOptions options;
  for (const CsvTable& table : node_tables) options.indexes.emplace_back(table.name, "id");
  Result<std::unique_ptr<storage::BulkWriter>> writer = storage::BulkWriter::Create(db_dir, options);
  if (!writer.ok()) return writer.status();
  Importer importer(**writer, progress);
  for (const CsvTable& table : node_tables) STEPPE_RETURN_IF_ERROR(importer.Nodes(table));
  for (const CsvTable& table : edge_tables) STEPPE_RETURN_IF_ERROR(importer.Edges(table));
  if (progress) progress("sorting and writing SST files");
  STEPPE_RETURN_IF_ERROR((*writer)->Finish());
  return importer.report();
}

}  // namespace steppe::server
