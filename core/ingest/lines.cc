#include "core/ingest/lines.h"

#include <array>

namespace steppe::ingest {
namespace {

bool IsDigit(char c) { return c >= '0' && c <= '9'; }
bool IsAsciiLetter(char c) { return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'); }
bool IsSpace(char c) { return c == ' ' || c == '\t' || c == '\r' || c == '\f' || c == '\v'; }

std::string_view Trim(std::string_view s) {
  while (!s.empty() && IsSpace(s.front())) s.remove_prefix(1);
  while (!s.empty() && IsSpace(s.back())) s.remove_suffix(1);
  return s;
}

int TwoDigits(std::string_view s, size_t at) { return (s[at] - '0') * 10 + (s[at + 1] - '0'); }

// "DD.MM.YYYY" exactly -> "YYYY-MM-DD".
std::optional<std::string> ParseDate(std::string_view s) {
  if (s.size() != 10 || s[2] != '.' || s[5] != '.') return std::nullopt;
  for (size_t i : {0, 1, 3, 4, 6, 7, 8, 9}) {
    if (!IsDigit(s[i])) return std::nullopt;
  }
  const int day = TwoDigits(s, 0);
  const int month = TwoDigits(s, 3);
  if (day < 1 || day > 31 || month < 1 || month > 12) return std::nullopt;
  std::string iso;
  iso.reserve(10);
  iso.append(s.substr(6, 4)).append("-").append(s.substr(3, 2)).append("-").append(s.substr(0, 2));
  return iso;
}

// "HH:MM" exactly.
bool IsTime(std::string_view s) {
  return s.size() == 5 && IsDigit(s[0]) && IsDigit(s[1]) && s[2] == ':' && IsDigit(s[3]) &&
         IsDigit(s[4]) && TwoDigits(s, 0) < 24 && TwoDigits(s, 3) < 60;
}

size_t CountWords(std::string_view s) {
  size_t words = 0;
  bool in_word = false;
  for (char c : s) {
    if (IsSpace(c)) {
      in_word = false;
    } else if (!in_word) {
      in_word = true;
      ++words;
    }
  }
  return words;
}

std::string_view LastWord(std::string_view s) {
  const size_t space = s.find_last_of(' ');
  return space == std::string_view::npos ? s : s.substr(space + 1);
}

bool EqualsIgnoringCase(std::string_view a, std::string_view b) {
  if (a.size() != b.size()) return false;
  for (size_t i = 0; i < a.size(); ++i) {
    const char x = (a[i] >= 'A' && a[i] <= 'Z') ? static_cast<char>(a[i] - 'A' + 'a') : a[i];
    if (x != b[i]) return false;
  }
  return true;
}

// Words after which a date continues a sentence rather than closing a title
// ("... the deadline was moved to 01.03.2026").
bool EndsInDateLeadWord(std::string_view title) {
  static constexpr std::array<std::string_view, 14> kLeadWords = {
      "on", "from", "until", "till", "since", "by", "to",
      "of", "at", "before", "after", "dated", "as", "and"};
  const std::string_view last = LastWord(title);
  for (std::string_view word : kLeadWords) {
    if (EqualsIgnoringCase(last, word)) return true;
  }
  return false;
}

// Drops closing quotation marks and brackets from the end: `said."` -> `said.`
std::string_view StripClosers(std::string_view s) {
  static constexpr std::array<std::string_view, 8> kClosers = {
      "\"", "'", ")", "]", "\u201D", "\u2019", "\u00BB", "\u203A"};
  for (bool stripped = true; stripped && !s.empty();) {
    stripped = false;
    for (std::string_view closer : kClosers) {
      if (s.ends_with(closer)) {
        s.remove_suffix(closer.size());
        stripped = true;
      }
    }
  }
  return s;
}

bool EndsSentence(std::string_view line) {
  const std::string_view s = StripClosers(line);
  if (s.empty()) return false;
  const char last = s.back();
  return last == '.' || last == '!' || last == '?' || last == ';' || last == ',' || last == ':';
}

}  // namespace

std::vector<std::string_view> SplitLines(std::string_view text) {
  std::vector<std::string_view> lines;
  size_t start = 0;
  while (start <= text.size()) {
    size_t end = text.find('\n', start);
    if (end == std::string_view::npos) end = text.size();
    lines.push_back(Trim(text.substr(start, end - start)));
    start = end + 1;
  }
  return lines;
}

std::optional<std::string> BareDate(std::string_view line) { return ParseDate(Trim(line)); }

std::optional<Stamp> FeedStamp(std::string_view line) {
  std::string_view rest = Trim(line);
  // An optional view count follows the time after a space.
  size_t digits = rest.size();
  while (digits > 0 && IsDigit(rest[digits - 1])) --digits;
  if (digits < rest.size() && digits > 0 && rest[digits - 1] == ' ') {
    rest = Trim(rest.substr(0, digits - 1));
  }
  constexpr size_t kStampSize = 17;  // "DD.MM.YYYY, HH:MM"
  if (rest.size() < kStampSize) return std::nullopt;
  const std::string_view stamp = rest.substr(rest.size() - kStampSize);
  std::optional<std::string> date = ParseDate(stamp.substr(0, 10));
  if (!date || stamp[10] != ',' || stamp[11] != ' ' || !IsTime(stamp.substr(12))) {
    return std::nullopt;
  }
  const std::string_view before = rest.substr(0, rest.size() - kStampSize);
  if (!before.empty() && !IsSpace(before.back())) return std::nullopt;
  return Stamp{std::move(*date), std::string(stamp.substr(12)), Trim(before)};
}

bool IsPureFeedStamp(std::string_view line) {
  std::optional<Stamp> stamp = FeedStamp(line);
  return stamp && stamp->before.empty();
}

std::optional<TitleDate> TitleWithDate(std::string_view line) {
  constexpr size_t kMaxTitleBytes = 300;
  line = Trim(line);
  if (line.size() < 12 || line[line.size() - 11] != ' ') return std::nullopt;
  std::optional<std::string> date = ParseDate(line.substr(line.size() - 10));
  if (!date) return std::nullopt;
  const std::string_view title = Trim(line.substr(0, line.size() - 11));
  if (title.empty() || title.size() > kMaxTitleBytes || (title[0] >= 'a' && title[0] <= 'z') ||
      title.starts_with("Source") || title.back() == ',' || title.back() == ':' ||
      EndsInDateLeadWord(title)) {
    return std::nullopt;
  }
  return TitleDate{title, std::move(*date)};
}

bool IsNavigationLine(std::string_view line) {
  static constexpr std::array<std::string_view, 18> kSections = {
      "World",     "Economy",  "Society",   "Politics", "Culture",    "Sport",
      "Sports",    "Business", "Science",   "Health",   "Education",  "Technology",
      "Regions",   "News",     "Analytics", "Opinion",  "Incidents",  "Latest news"};
  line = Trim(line);
  if (line.ends_with(" More")) {
    const std::string_view section = line.substr(0, line.size() - 5);
    if (section.empty() || section.size() > 40 || CountWords(section) > 3) return false;
    for (char c : section) {
      if (!IsAsciiLetter(c) && c != ' ' && c != '&' && c != '-') return false;
    }
    return section[0] >= 'A' && section[0] <= 'Z';
  }
  for (std::string_view section : kSections) {
    if (line == section) return true;
  }
  return false;
}

bool IsHeaderLine(std::string_view line) {
  line = Trim(line);
  return !line.empty() && line.size() <= 80 && CountWords(line) <= 8 && !EndsSentence(line);
}

bool IsHeadline(std::string_view line) {
  line = Trim(line);
  return !line.empty() && line.size() <= 300 && !EndsSentence(line);
}

bool IsProseLine(std::string_view line) {
  if (CountWords(line) < 5) return false;
  size_t wordish = 0;  // letters (any non-ASCII byte counts as one) and spaces
  for (char c : line) {
    if (IsAsciiLetter(c) || IsSpace(c) || static_cast<unsigned char>(c) >= 0x80) ++wordish;
  }
  return wordish * 10 >= line.size() * 6;
}

bool LooksLikeMarkup(std::string_view text) {
  if (text.starts_with("\xEF\xBB\xBF")) text.remove_prefix(3);
  const size_t first = text.find_first_not_of(" \t\r\n\f\v");
  if (first == std::string_view::npos) return false;
  const char c = text[first];
  return c == '{' || c == '[' || c == '<';
}

std::optional<SourceMark> FindSource(std::string_view line) {
  constexpr std::string_view kWord = "Source";
  constexpr size_t kMaxOutletBytes = 200;
  const size_t at = line.rfind(kWord);
  if (at == std::string_view::npos) return std::nullopt;
  if (at > 0 && (IsAsciiLetter(line[at - 1]) || IsDigit(line[at - 1]))) return std::nullopt;
  std::string_view rest = line.substr(at + kWord.size());
  while (!rest.empty() && IsSpace(rest.front())) rest.remove_prefix(1);
  if (rest.empty() || rest.front() != ':') return std::nullopt;
  rest = Trim(rest.substr(1));
  if (rest.empty()) return std::nullopt;

  SourceMark mark;
  mark.text_before = Trim(line.substr(0, at));
  if (rest.starts_with("http://") || rest.starts_with("https://")) {
    if (rest.find_first_of(" \t") != std::string_view::npos) return std::nullopt;
    mark.value = rest;
    mark.is_url = true;
    return mark;
  }
  if (at != 0 || rest.size() > kMaxOutletBytes) return std::nullopt;
  mark.value = rest;
  return mark;
}

}  // namespace steppe::ingest
