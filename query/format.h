#pragma once

#include <string>

#include "query/engine.h"
#include "query/value.h"

namespace steppe::query {

// A value in Cypher's literal notation, as the TCK writes it: 1, 1.5, 'text',
// [1, 2], {k: 1}, (:Label {name: 'x'}), [:TYPE {p: 1}], <(:A)-[:T]->(:B)>.
std::string FormatValue(const Value& value);

// A result as a boxed text table with a header, then a line with the row
// count and any write statistics. Long cells are cut at `max_cell_width`.
std::string FormatTable(const QueryResult& result, size_t max_cell_width = 60);

// A result as RFC 4180 CSV: a header line, then one line per row. Strings
// appear bare (quoted when needed); other values in FormatValue notation.
std::string FormatCsv(const QueryResult& result);

// A result as JSON: {"columns": [...], "rows": [[...], ...], "stats": {...}}.
// Nodes become {"id", "labels", "properties"}, relationships {"id", "type",
// "src", "dst", "properties"}, paths {"nodes": [...], "relationships": [...]}.
std::string FormatJson(const QueryResult& result);

// The write statistics in one line: "2 nodes created, 1 property set".
std::string FormatStats(const WriteStats& stats);

}  // namespace steppe::query
