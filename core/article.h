#pragma once

#include <optional>
#include <string>

namespace steppe {

// One news article as read from a file (core/ingest/ splits files into these).
struct Article {
  std::string id;      // "<file stem>#<1-based index among distinct articles>"
  std::string file;    // the path it was read from
  std::optional<std::string> title;
  std::optional<std::string> date;        // ISO "YYYY-MM-DD"
  std::optional<std::string> time;        // "HH:MM" when the feed gives one
  std::optional<std::string> source_url;  // the "Source :" link
  std::optional<std::string> outlet;      // the outlet or body named as the source
  std::string body;
};

}  // namespace steppe
