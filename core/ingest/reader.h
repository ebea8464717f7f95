#pragma once

// Reads news text files and splits them into articles. Three layouts are
// recognised (DESIGN.md, "Input formats"); the reader detects which one a
// file uses:
//
//   single      [DD.MM.YYYY]            optional date line
//               Title                   a headline (taken only after a date line,
//               body ...                or when it ends without a full stop)
//               [Source: URL | outlet]
//
//   aggregator  [outlet / navigation lines]
//               Title DD.MM.YYYY        opens each article; the date is cut off
//               body ... [Source : URL] the link may be glued to the last sentence
//               [Section More]          navigation lines are dropped
//
//   feed        header [DD.MM.YYYY, HH:MM N]   the header's own words are ignored
//               DD.MM.YYYY, HH:MM N     opens each article (N: a view count)
//               Title
//               body ...
//
// Copies of an article within a file (the same text again, perhaps with its
// quotation marks stripped or its whitespace changed) are kept once.

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "core/article.h"
#include "core/ingest/fingerprint.h"
#include "core/result.h"

namespace steppe::ingest {

enum class Format { kSingle, kAggregator, kFeed };

// "single", "aggregator", "feed".
std::string_view FormatName(Format format);

// Files larger than this are refused rather than read into memory.
inline constexpr uint64_t kMaxNewsFileBytes = 64ull << 20;  // 64 MiB

struct NewsFile {
  std::string path;
  Format format = Format::kSingle;
  std::vector<Article> articles;  // distinct within the file, ids "<stem>#<n>", n from 1
  std::vector<size_t> repeats;    // repeats[i]: further copies of articles[i] in the file
  size_t blocks = 0;              // article blocks read, copies included
  size_t duplicates = 0;          // blocks - articles.size()
  uint64_t bytes = 0;             // size of the text
};

// Splits `text` into articles. The id stem is `path`'s file name without its
// extension; `path` is also recorded as each article's `file`. Returns
// InvalidArgument "<path>: ..." when the text is in no known format.
// REQUIRES: `text` is valid UTF-8 (ReadNewsFile checks it).
Result<NewsFile> ParseNewsText(std::string_view text, std::string_view path);

// Reads and parses one file. Returns InvalidArgument, with a message that
// starts with the path and names the reason, when the path is missing or not
// a regular file, the file cannot be read, is empty, is binary (a NUL or other
// control byte), is not valid UTF-8, is over kMaxNewsFileBytes, or is in no
// known format.
Result<NewsFile> ReadNewsFile(const std::string& path);

// The files to read for `paths`: each file as given, and every *.txt file
// below each folder (hidden entries skipped), sorted, each once. Returns
// InvalidArgument for a missing path or a folder that holds no *.txt file.
Result<std::vector<std::string>> ListNewsFiles(const std::vector<std::string>& paths);

}  // namespace steppe::ingest
