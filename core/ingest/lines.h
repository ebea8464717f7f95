#pragma once

// The line shapes the reader tells apart (see reader.h for the layouts).
// Every function takes one line as SplitLines returns it: no line break,
// no whitespace at either end.

#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace steppe::ingest {

// Splits on '\n'; each line loses a trailing '\r' and the whitespace at
// both ends. The views point into `text`.
std::vector<std::string_view> SplitLines(std::string_view text);

// "DD.MM.YYYY" (the whole line, surrounding spaces allowed) as ISO
// "YYYY-MM-DD"; nullopt for anything else or an impossible date.
std::optional<std::string> BareDate(std::string_view line);

// A feed's article stamp "DD.MM.YYYY, HH:MM" with an optional view count at
// the end of the line. `before` holds any words in front of it (a feed's
// header line carries the first stamp).
struct Stamp {
  std::string date;  // ISO
  std::string time;  // "HH:MM"
  std::string_view before;
};
std::optional<Stamp> FeedStamp(std::string_view line);
bool IsPureFeedStamp(std::string_view line);

// An aggregator's title line "Title DD.MM.YYYY".
struct TitleDate {
  std::string_view title;
  std::string date;  // ISO
};
std::optional<TitleDate> TitleWithDate(std::string_view line);

// Site navigation on aggregator pages: "News More", "Society More", or a bare
// section name such as "World".
bool IsNavigationLine(std::string_view line);

// A short line of a few words that does not end a sentence: a site name, a
// crawl header.
bool IsHeaderLine(std::string_view line);

// A line that can be a headline: not too long, no sentence-final full stop.
bool IsHeadline(std::string_view line);

// A line of running text: five words or more, mostly letters.
bool IsProseLine(std::string_view line);

// Text that starts as JSON, XML or HTML does.
bool LooksLikeMarkup(std::string_view text);

// A "Source: ..." mark at the end of a line ("Source : URL" glued to the last
// sentence, after a space, or on a line of its own; "Source: Ministry of ..."
// on a line of its own).
struct SourceMark {
  std::string_view value;        // the link, or the outlet's name
  bool is_url = false;
  std::string_view text_before;  // the line without the mark, right-trimmed
};
std::optional<SourceMark> FindSource(std::string_view line);

}  // namespace steppe::ingest
