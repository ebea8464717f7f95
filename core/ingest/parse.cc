// ParseNewsText: format detection and the three layouts of reader.h.
#include <algorithm>
#include <array>
#include <filesystem>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "core/ingest/lines.h"
#include "core/ingest/reader.h"

namespace steppe::ingest {
namespace {

// One article as cut from the file, before its Source line is taken off.
struct Block {
  std::optional<std::string> title;
  std::optional<std::string> date;
  std::optional<std::string> time;
  std::vector<std::string_view> lines;  // the body's lines, navigation dropped
};

// What a file's layout gives every article in it.
struct Layout {
  Format format = Format::kSingle;
  std::optional<std::string> outlet;  // a site name above an aggregator page
  std::vector<Block> blocks;
};

size_t NextNonEmpty(const std::vector<std::string_view>& lines, size_t from) {
  while (from < lines.size() && lines[from].empty()) ++from;
  return from;
}

// --- news-agency feed ---------------------------------------------------

// A feed opens with a header line that either ends in the first article's
// stamp or is followed by it.
std::optional<Layout> ReadFeed(const std::vector<std::string_view>& lines) {
  const size_t first = NextNonEmpty(lines, 0);
  if (first == lines.size()) return std::nullopt;
  size_t at = first;
  if (!FeedStamp(lines[first])) {
    const size_t second = NextNonEmpty(lines, first + 1);
    if (second == lines.size() || !IsHeaderLine(lines[first])) return std::nullopt;
    std::optional<Stamp> stamp = FeedStamp(lines[second]);
    if (!stamp || !stamp->before.empty()) return std::nullopt;
    at = second;
  }
  Layout layout;
  layout.format = Format::kFeed;
  for (size_t i = at; i < lines.size();) {
    std::optional<Stamp> stamp = FeedStamp(lines[i]);
    // Only the header line may carry words before its stamp.
    if (!stamp || (i != first && !stamp->before.empty())) {
      if (!layout.blocks.empty()) layout.blocks.back().lines.push_back(lines[i]);
      ++i;
      continue;
    }
    Block block;
    block.date = stamp->date;
    block.time = stamp->time;
    const size_t title = NextNonEmpty(lines, i + 1);
    i = title;
    if (title < lines.size() && !IsPureFeedStamp(lines[title])) {
      block.title = std::string(lines[title]);
      ++i;
    }
    layout.blocks.push_back(std::move(block));
  }
  return layout;
}

// --- aggregator page ----------------------------------------------------

// An aggregator page is one whose first title line comes before any prose:
// only navigation and a site name stand above it.
std::optional<Layout> ReadAggregator(const std::vector<std::string_view>& lines) {
  Layout layout;
  layout.format = Format::kAggregator;
  for (std::string_view line : lines) {
    if (IsNavigationLine(line)) continue;
    if (std::optional<TitleDate> title = TitleWithDate(line)) {
      Block block;
      block.title = std::string(title->title);
      block.date = title->date;
      layout.blocks.push_back(std::move(block));
    } else if (!layout.blocks.empty()) {
      layout.blocks.back().lines.push_back(line);
    } else if (!line.empty()) {
      if (!IsHeaderLine(line)) return std::nullopt;
      if (!layout.outlet) layout.outlet = std::string(line);
    }
  }
  if (layout.blocks.empty()) return std::nullopt;
  return layout;
}

// --- single article -----------------------------------------------------

// A date line, when there is one, is followed by the title. Without it, the
// first line is the title only when it reads as a headline.
std::optional<Layout> ReadSingle(const std::vector<std::string_view>& lines) {
  if (!std::any_of(lines.begin(), lines.end(), IsProseLine)) return std::nullopt;
  Block block;
  size_t at = NextNonEmpty(lines, 0);
  if (std::optional<std::string> date = BareDate(lines[at])) {
    block.date = std::move(date);
    at = NextNonEmpty(lines, at + 1);
    if (at < lines.size()) block.title = std::string(lines[at++]);
  } else if (const size_t next = NextNonEmpty(lines, at + 1);
             next < lines.size() && IsHeadline(lines[at])) {
    block.title = std::string(lines[at]);
    at = next;
    if (std::optional<std::string> date = BareDate(lines[at])) {
      block.date = std::move(date);
      ++at;
    }
  }
  block.lines.assign(lines.begin() + static_cast<std::ptrdiff_t>(std::min(at, lines.size())),
                     lines.end());
  Layout layout;
  layout.blocks.push_back(std::move(block));
  return layout;
}

// --- from blocks to articles ---------------------------------------------

// Takes a trailing "Source: ..." off the block's last line: a link becomes
// the source URL, other words (only on a line of their own) the outlet.
void TakeSource(Block& block, Article& article) {
  while (!block.lines.empty() && block.lines.back().empty()) block.lines.pop_back();
  if (block.lines.empty()) return;
  std::optional<SourceMark> source = FindSource(block.lines.back());
  if (!source) return;
  if (source->is_url) {
    article.source_url = std::string(source->value);
  } else {
    article.outlet = std::string(source->value);
  }
  block.lines.back() = source->text_before;
  if (block.lines.back().empty()) block.lines.pop_back();
}

// Paragraphs are kept apart by one empty line; runs of them are collapsed.
std::string JoinBody(const std::vector<std::string_view>& lines) {
  std::string body;
  bool gap = false;
  for (std::string_view line : lines) {
    if (line.empty()) {
      gap = !body.empty();
      continue;
    }
    if (!body.empty()) body += gap ? "\n\n" : "\n";
    body += line;
    gap = false;
  }
  return body;
}

Article ToArticle(Block& block, const Layout& layout, std::string_view path) {
  Article article;
  article.file = std::string(path);
  article.title = std::move(block.title);
  article.date = std::move(block.date);
  article.time = std::move(block.time);
  article.outlet = layout.outlet;
  TakeSource(block, article);
  article.body = JoinBody(block.lines);
  return article;
}

std::string IdStem(std::string_view path) {
  return std::filesystem::path(path).stem().string();
}

}  // namespace

std::string_view FormatName(Format format) {
  switch (format) {
    case Format::kSingle: return "single";
    case Format::kAggregator: return "aggregator";
    case Format::kFeed: return "feed";
  }
  return "unknown";
}

Result<NewsFile> ParseNewsText(std::string_view text, std::string_view path) {
  const std::vector<std::string_view> lines = SplitLines(text);
  std::optional<Layout> layout = ReadFeed(lines);
  // A file that opens with a bare date line is a single article, whatever
  // its body lines end with.
  const size_t first = NextNonEmpty(lines, 0);
  if (!layout && (first == lines.size() || !BareDate(lines[first]))) layout = ReadAggregator(lines);
  if (!layout && !LooksLikeMarkup(text)) layout = ReadSingle(lines);
  if (!layout) {
    return Status::InvalidArgument(
        std::string(path) +
        ": no known news format (expected a single article, an aggregator page with "
        "'Title DD.MM.YYYY' lines, or a feed with 'DD.MM.YYYY, HH:MM' lines)");
  }

  NewsFile file;
  file.path = std::string(path);
  file.format = layout->format;
  file.bytes = text.size();
  file.blocks = layout->blocks.size();
  const std::string stem = IdStem(path);
  std::unordered_map<std::string, size_t> index_of;  // fingerprint -> article index
  for (Block& block : layout->blocks) {
    Article article = ToArticle(block, *layout, path);
    auto [it, inserted] = index_of.try_emplace(Fingerprint(article), file.articles.size());
    if (!inserted) {
      ++file.repeats[it->second];
      ++file.duplicates;
      continue;
    }
    article.id = stem + "#" + std::to_string(file.articles.size() + 1);
    file.articles.push_back(std::move(article));
    file.repeats.push_back(0);
  }
  return file;
}

}  // namespace steppe::ingest
