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

// What a table holds: its rows are nodes or edges, and start with `leading`.
struct TableKind {
  bool nodes;
  std::vector<std::string_view> leading;
};
const TableKind kNodeTable{true, {"id"}};
const TableKind kEdgeTable{false, {"from", "to"}};

// A property column: its name and the field that holds it. A node's `id`
// comes from field 0 and is stored as an integer.
struct PropertyColumn {
  std::string name;
  size_t field;
  bool is_id;
};

// An open table: its reader and its property columns, sorted by name so
// that a row's properties come out in the order records keep them.
struct OpenedTable {
  std::unique_ptr<CsvReader> csv;
  size_t width = 0;
  std::vector<PropertyColumn> columns;
};

// Opens a table and checks that its header starts with the kind's leading
// columns and names no property twice.
Result<OpenedTable> OpenTable(const CsvTable& table, const TableKind& kind) {
  Result<std::unique_ptr<CsvReader>> csv = CsvReader::Open(table.path);
  if (!csv.ok()) return csv.status();
  std::vector<std::string_view> fields;
  Result<bool> got = (*csv)->Next(fields);
  if (!got.ok()) return got.status();
  const std::vector<std::string_view>& leading = kind.leading;
  bool fits = *got && fields.size() >= leading.size() &&
              std::equal(leading.begin(), leading.end(), fields.begin());
  if (!fits) {
    std::string expected;
    for (std::string_view c : leading) expected += (expected.empty() ? "" : ",") + std::string(c);
    return Status::InvalidArgument(table.path + ":1: the header must start with '" + expected + "'");
  }
  OpenedTable opened{std::move(*csv), fields.size(), {}};
  if (kind.nodes) opened.columns.push_back(PropertyColumn{"id", 0, true});
  for (size_t i = leading.size(); i < fields.size(); ++i)
    opened.columns.push_back(PropertyColumn{std::string(fields[i]), i, false});
  std::sort(opened.columns.begin(), opened.columns.end(),
            [](const PropertyColumn& a, const PropertyColumn& b) { return a.name < b.name; });
  for (size_t i = 1; i < opened.columns.size(); ++i) {
    if (opened.columns[i].name == opened.columns[i - 1].name)
      return Status::InvalidArgument(table.path + ":1: column '" + opened.columns[i].name +
                                     "' appears twice");
  }
  return opened;
}

// A row's properties, in column order; an empty field is an absent property.
void RowProperties(const std::vector<PropertyColumn>& columns,
                   const std::vector<std::string_view>& fields, uint64_t id,
                   std::vector<storage::PropertyView>& props) {
  props.clear();
  for (const PropertyColumn& column : columns) {
    if (column.is_id) {
      props.push_back(storage::PropertyView{column.name, {}, static_cast<int64_t>(id), true});
    } else if (!fields[column.field].empty()) {
      props.push_back(storage::PropertyView{column.name, fields[column.field], 0, false});
    }
  }
}

class Importer {
 public:
  Importer(storage::BulkWriter& writer, const std::function<void(const std::string&)>& progress)
      : writer_(writer), progress_(progress) {}

  // Reads every row of `table` into the writer as a node or an edge.
  Status Load(const CsvTable& table, const TableKind& kind) {
    Result<OpenedTable> opened = OpenTable(table, kind);
    if (!opened.ok()) return opened.status();
    const CsvReader& csv = *opened->csv;
    report_.csv_bytes += csv.size();
    uint64_t count = 0;
    while (true) {
      Result<bool> got = opened->csv->Next(fields_);
      if (!got.ok()) return got.status();
      if (!*got) break;
      if (fields_.size() != opened->width) {
        return RowError(csv, "expected " + std::to_string(opened->width) + " fields, found " +
                                 std::to_string(fields_.size()));
      }
      STEPPE_RETURN_IF_ERROR(kind.nodes ? AddNode(csv, table.name, opened->columns)
                                        : AddEdge(csv, table.name, opened->columns));
      ++count;
    }
    (kind.nodes ? report_.nodes : report_.edges) += count;
    (kind.nodes ? report_.per_label : report_.per_type)[table.name] += count;
    if (progress_) progress_(table.name + ": " + std::to_string(count) + " rows");
    return Status::OK();
  }

  const ImportReport& report() const { return report_; }

 private:
  Status AddNode(const CsvReader& csv, const std::string& label,
                 const std::vector<PropertyColumn>& columns) {
    Result<uint64_t> id = ParseId(csv, fields_[0], "id");
    if (!id.ok()) return id.status();
    if (*id >= seen_.size()) seen_.resize(std::max<size_t>(*id + 1, seen_.size() * 2), false);
    if (seen_[*id]) return RowError(csv, "node id " + std::to_string(*id) + " appears twice");
    seen_[*id] = true;
    RowProperties(columns, fields_, *id, props_);
    return writer_.AddNodeRow(*id + 1, label, props_);
  }

  Status AddEdge(const CsvReader& csv, const std::string& type,
                 const std::vector<PropertyColumn>& columns) {
    Result<uint64_t> from = ParseId(csv, fields_[0], "from");
    if (!from.ok()) return from.status();
    Result<uint64_t> to = ParseId(csv, fields_[1], "to");
    if (!to.ok()) return to.status();
    for (uint64_t end : {*from, *to}) {
      if (end >= seen_.size() || !seen_[end]) {
        return RowError(csv, "node " + std::to_string(end) + " is in no nodes_*.csv file");
      }
    }
    RowProperties(columns, fields_, 0, props_);
    return writer_.AddEdgeRow(next_edge_id_++, type, *from + 1, *to + 1, props_);
  }

  storage::BulkWriter& writer_;
  const std::function<void(const std::string&)>& progress_;
  ImportReport report_;
  std::vector<bool> seen_;  // csv node id -> present
  EdgeId next_edge_id_ = 1;
  std::vector<std::string_view> fields_;      // the current row
  std::vector<storage::PropertyView> props_;  // its properties
};

// Writes the store; on failure the caller removes what it left.
Result<ImportReport> Import(const std::vector<CsvTable>& node_tables,
                            const std::vector<CsvTable>& edge_tables, const std::string& db_dir,
                            const std::function<void(const std::string&)>& progress) {
  storage::BulkWriterOptions options;
  for (const CsvTable& table : node_tables) options.indexes.emplace_back(table.name, "id");
  Result<std::unique_ptr<storage::BulkWriter>> writer =
      storage::BulkWriter::Create(db_dir, options);
  if (!writer.ok()) return writer.status();
  Importer importer(**writer, progress);
  for (const CsvTable& table : node_tables)
    STEPPE_RETURN_IF_ERROR(importer.Load(table, kNodeTable));
  (*writer)->EndNodes();  // the node families are written while the edges load
  for (const CsvTable& table : edge_tables)
    STEPPE_RETURN_IF_ERROR(importer.Load(table, kEdgeTable));
  if (progress) progress("sorting and writing SST files");
  STEPPE_RETURN_IF_ERROR((*writer)->Finish());
  return importer.report();
}

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
  const bool existed = fs::exists(db_dir, error);
  if (existed && !fs::is_empty(db_dir, error)) {
    return Status::InvalidArgument(db_dir + ": already exists and is not empty; import writes a new store");
  }
  Result<ImportReport> report = Import(node_tables, edge_tables, db_dir, progress);
  if (!report.ok()) {
    // Leave `db_dir` as it was: absent, or an empty folder.
    fs::remove_all(db_dir, error);
    if (existed) fs::create_directories(db_dir, error);
  }
  return report;
}

}  // namespace steppe::server
