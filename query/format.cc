#include "query/format.h"

#include <cmath>
#include <cstdio>
#include <sstream>

namespace steppe::query {
namespace {

bool IsPlainName(const std::string& name) {
  if (name.empty()) return false;
  for (char c : name)
    if (!(std::isalnum(static_cast<unsigned char>(c)) || c == '_')) return false;
  return !std::isdigit(static_cast<unsigned char>(name[0]));
}

std::string QuoteName(const std::string& name) {
  return IsPlainName(name) ? name : "`" + name + "`";
}

std::string FormatDouble(double d) {
  if (std::isnan(d)) return "NaN";
  if (std::isinf(d)) return d > 0 ? "Inf" : "-Inf";
  char buffer[40];
  for (int precision = 15; precision <= 17; ++precision) {
    std::snprintf(buffer, sizeof buffer, "%.*g", precision, d);
    if (std::strtod(buffer, nullptr) == d) break;
  }
  std::string text = buffer;
  if (text.find_first_of(".eEn") == std::string::npos) text += ".0";
  return text;
}

void AppendProps(const Properties& props, std::string& out) {
  std::string body;
  for (const auto& [key, value] : props) {
    if (value.is_null()) continue;
    if (!body.empty()) body += ", ";
    body += QuoteName(key) + ": " + FormatValue(Value::FromCore(value));
  }
  if (!body.empty()) out += "{" + body + "}";
}

std::string FormatNode(const NodeValue& node) {
  std::string out = "(";
  for (const auto& label : node.labels) out += ":" + QuoteName(label);
  std::string props;
  AppendProps(node.props, props);
  if (!props.empty()) out += (node.labels.empty() ? "" : " ") + props;
  return out + ")";
}

std::string FormatRel(const RelValue& rel) {
  std::string out = "[:" + QuoteName(rel.type);
  std::string props;
  AppendProps(rel.props, props);
  if (!props.empty()) out += " " + props;
  return out + "]";
}

void AppendJsonString(const std::string& text, std::string& out) {
  out += '"';
  for (unsigned char c : text) {
    switch (c) {
      case '"': out += "\\\""; break;
      case '\\': out += "\\\\"; break;
      case '\n': out += "\\n"; break;
      case '\r': out += "\\r"; break;
      case '\t': out += "\\t"; break;
      default:
        if (c < 0x20) {
          char buffer[8];
          std::snprintf(buffer, sizeof buffer, "\\u%04x", c);
          out += buffer;
        } else {
          out += static_cast<char>(c);
        }
    }
  }
  out += '"';
}

void AppendJson(const Value& value, std::string& out);

void AppendJsonProps(const Properties& props, std::string& out) {
  out += '{';
  bool first = true;
  for (const auto& [key, item] : props) {
    if (!first) out += ',';
    first = false;
    AppendJsonString(key, out);
    out += ':';
    AppendJson(Value::FromCore(item), out);
  }
  out += '}';
}

void AppendJsonNode(const NodeValue& node, std::string& out) {
  out += "{\"id\":" + std::to_string(node.id) + ",\"labels\":[";
  for (size_t i = 0; i < node.labels.size(); ++i) {
    if (i) out += ',';
    AppendJsonString(node.labels[i], out);
  }
  out += "],\"properties\":";
  AppendJsonProps(node.props, out);
  out += '}';
}

void AppendJsonRel(const RelValue& rel, std::string& out) {
  out += "{\"id\":" + std::to_string(rel.id) + ",\"type\":";
  AppendJsonString(rel.type, out);
  out += ",\"src\":" + std::to_string(rel.src) + ",\"dst\":" + std::to_string(rel.dst) +
         ",\"properties\":";
  AppendJsonProps(rel.props, out);
  out += '}';
}

void AppendJson(const Value& value, std::string& out) {
  switch (value.kind()) {
    case Value::Kind::kNull: out += "null"; return;
    case Value::Kind::kBool: out += value.as_bool() ? "true" : "false"; return;
    case Value::Kind::kInt: out += std::to_string(value.as_int()); return;
    case Value::Kind::kDouble: {
      double d = value.as_double();
      out += std::isfinite(d) ? FormatDouble(d) : "null";  // JSON has no NaN or Inf
      return;
    }
    case Value::Kind::kString: AppendJsonString(value.as_string(), out); return;
    case Value::Kind::kList: {
      out += '[';
      for (size_t i = 0; i < value.as_list().size(); ++i) {
        if (i) out += ',';
        AppendJson(value.as_list()[i], out);
      }
      out += ']';
      return;
    }
    case Value::Kind::kMap: {
      out += '{';
      bool first = true;
      for (const auto& [key, item] : value.as_map()) {
        if (!first) out += ',';
        first = false;
        AppendJsonString(key, out);
        out += ':';
        AppendJson(item, out);
      }
      out += '}';
      return;
    }
    case Value::Kind::kNode: AppendJsonNode(value.as_node(), out); return;
    case Value::Kind::kRelationship: AppendJsonRel(value.as_relationship(), out); return;
    case Value::Kind::kPath: {
      out += "{\"nodes\":[";
      const PathValue& path = value.as_path();
      for (size_t i = 0; i < path.nodes.size(); ++i) {
        if (i) out += ',';
        AppendJsonNode(path.nodes[i], out);
      }
      out += "],\"relationships\":[";
      for (size_t i = 0; i < path.rels.size(); ++i) {
        if (i) out += ',';
        AppendJsonRel(path.rels[i], out);
      }
      out += "]}";
      return;
    }
  }
}

// The number of code points, so that UTF-8 cells line up.
size_t DisplayWidth(const std::string& text) {
  size_t width = 0;
  for (unsigned char c : text)
    if ((c & 0xC0) != 0x80) ++width;
  return width;
}

std::string CutToWidth(const std::string& text, size_t max_width) {
  if (DisplayWidth(text) <= max_width) return text;
  std::string out;
  size_t width = 0;
  for (size_t i = 0; i < text.size(); ++i) {
    unsigned char c = static_cast<unsigned char>(text[i]);
    if ((c & 0xC0) != 0x80 && ++width > max_width - 1) break;
    out += text[i];
  }
  return out + "…";
}

std::string CellText(const Value& value) {
  std::string text = FormatValue(value);
  for (char& c : text)
    if (c == '\n' || c == '\t') c = ' ';
  return text;
}

void AppendPlural(uint64_t count, const char* noun, const char* plural, std::string& out) {
  if (count == 0) return;
  if (!out.empty()) out += ", ";
  out += std::to_string(count) + " " + (count == 1 ? noun : plural);
}

}  // namespace

std::string FormatValue(const Value& value) {
  switch (value.kind()) {
    case Value::Kind::kNull: return "null";
    case Value::Kind::kBool: return value.as_bool() ? "true" : "false";
    case Value::Kind::kInt: return std::to_string(value.as_int());
    case Value::Kind::kDouble: return FormatDouble(value.as_double());
    case Value::Kind::kString: {
      std::string out = "'";
      for (char c : value.as_string()) {
        if (c == '\'' || c == '\\') out += '\\';
        out += c;
      }
      return out + "'";
    }
    case Value::Kind::kList: {
      std::string out = "[";
      for (size_t i = 0; i < value.as_list().size(); ++i) {
        if (i) out += ", ";
        out += FormatValue(value.as_list()[i]);
      }
      return out + "]";
    }
    case Value::Kind::kMap: {
      std::string out = "{";
      bool first = true;
      for (const auto& [key, item] : value.as_map()) {
        if (!first) out += ", ";
        first = false;
        out += QuoteName(key) + ": " + FormatValue(item);
      }
      return out + "}";
    }
    case Value::Kind::kNode: return FormatNode(value.as_node());
    case Value::Kind::kRelationship: return FormatRel(value.as_relationship());
    case Value::Kind::kPath: {
      const PathValue& path = value.as_path();
      std::string out = "<";
      if (!path.nodes.empty()) out += FormatNode(path.nodes[0]);
      for (size_t i = 0; i < path.rels.size() && i + 1 < path.nodes.size(); ++i) {
        bool forward = path.rels[i].src == path.nodes[i].id;
        out += forward ? "-" : "<-";
        out += FormatRel(path.rels[i]);
        out += forward ? "->" : "-";
        out += FormatNode(path.nodes[i + 1]);
      }
      return out + ">";
    }
  }
  return "";
}

std::string FormatStats(const WriteStats& stats) {
  std::string out;
  AppendPlural(stats.nodes_created, "node created", "nodes created", out);
  AppendPlural(stats.nodes_deleted, "node deleted", "nodes deleted", out);
  AppendPlural(stats.relationships_created, "relationship created", "relationships created", out);
  AppendPlural(stats.relationships_deleted, "relationship deleted", "relationships deleted", out);
  AppendPlural(stats.properties_set, "property set", "properties set", out);
  AppendPlural(stats.labels_added, "label added", "labels added", out);
  AppendPlural(stats.labels_removed, "label removed", "labels removed", out);
  return out;
}

std::string FormatTable(const QueryResult& result, size_t max_cell_width) {
  std::string out;
  if (!result.plan.empty()) out += result.plan;
  if (result.columns.empty() && !result.plan.empty()) return out;  // EXPLAIN
  if (!result.columns.empty()) {
    std::vector<std::vector<std::string>> cells;
    std::vector<size_t> widths;
    for (const auto& column : result.columns)
      widths.push_back(DisplayWidth(CutToWidth(column, max_cell_width)));
    for (const auto& row : result.rows) {
      std::vector<std::string>& line = cells.emplace_back();
      for (size_t i = 0; i < row.size() && i < widths.size(); ++i) {
        line.push_back(CutToWidth(CellText(row[i]), max_cell_width));
        widths[i] = std::max(widths[i], DisplayWidth(line.back()));
      }
    }
    std::string rule = "+";
    for (size_t width : widths) rule += std::string(width + 2, '-') + "+";
    rule += "\n";
    auto append_line = [&](const std::vector<std::string>& line) {
      out += "|";
      for (size_t i = 0; i < widths.size(); ++i) {
        const std::string text = i < line.size() ? line[i] : "";
        out += " " + text + std::string(widths[i] - DisplayWidth(text), ' ') + " |";
      }
      out += "\n";
    };
    std::vector<std::string> header;
    for (const auto& column : result.columns) header.push_back(CutToWidth(column, max_cell_width));
    out += rule;
    append_line(header);
    out += rule;
    for (const auto& line : cells) append_line(line);
    out += rule;
  }
  out += std::to_string(result.rows.size()) + (result.rows.size() == 1 ? " row" : " rows");
  std::string stats = FormatStats(result.stats);
  if (!stats.empty()) out += "; " + stats;
  return out + "\n";
}

std::string FormatCsv(const QueryResult& result) {
  auto quote = [](const std::string& text) {
    if (text.find_first_of(",\"\n\r") == std::string::npos) return text;
    std::string out = "\"";
    for (char c : text) {
      if (c == '"') out += '"';
      out += c;
    }
    return out + "\"";
  };
  std::string out;
  for (size_t i = 0; i < result.columns.size(); ++i)
    out += (i ? "," : "") + quote(result.columns[i]);
  out += "\n";
  for (const auto& row : result.rows) {
    for (size_t i = 0; i < row.size(); ++i) {
      if (i) out += ",";
      if (row[i].is_null()) continue;
      out += quote(row[i].is_string() ? row[i].as_string() : FormatValue(row[i]));
    }
    out += "\n";
  }
  return out;
}

std::string FormatJson(const QueryResult& result) {
  std::string out = "{\"columns\":[";
  for (size_t i = 0; i < result.columns.size(); ++i) {
    if (i) out += ',';
    AppendJsonString(result.columns[i], out);
  }
  out += "],\"rows\":[";
  for (size_t r = 0; r < result.rows.size(); ++r) {
    if (r) out += ',';
    out += '[';
    for (size_t i = 0; i < result.rows[r].size(); ++i) {
      if (i) out += ',';
      AppendJson(result.rows[r][i], out);
    }
    out += ']';
  }
  const WriteStats& s = result.stats;
  out += "],\"stats\":{\"nodes_created\":" + std::to_string(s.nodes_created) +
         ",\"nodes_deleted\":" + std::to_string(s.nodes_deleted) +
         ",\"relationships_created\":" + std::to_string(s.relationships_created) +
         ",\"relationships_deleted\":" + std::to_string(s.relationships_deleted) +
         ",\"properties_set\":" + std::to_string(s.properties_set) +
         ",\"labels_added\":" + std::to_string(s.labels_added) +
         ",\"labels_removed\":" + std::to_string(s.labels_removed) + "}";
  if (!result.plan.empty()) {
    out += ",\"plan\":";
    AppendJsonString(result.plan, out);
  }
  return out + "}";
}

}  // namespace steppe::query
