#include "core/resolve/mention_text.h"

#include <algorithm>
#include <cctype>

namespace steppe::resolve {
namespace {

std::string Lower(std::string_view s) {
  std::string out(s);
  for (char& c : out) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return out;
}

bool IsWordChar(char c) { return std::isalnum(static_cast<unsigned char>(c)) || (c & 0x80); }

// Word-bounded, case-insensitive occurrences of `needle` in `haystack`
// (both already lowercased).
std::vector<size_t> Occurrences(const std::string& haystack, const std::string& needle) {
  std::vector<size_t> at;
  if (needle.empty()) return at;
  for (size_t pos = haystack.find(needle); pos != std::string::npos;
       pos = haystack.find(needle, pos + 1)) {
    size_t end = pos + needle.size();
    bool starts = pos == 0 || !IsWordChar(haystack[pos - 1]);
    bool ends = end == haystack.size() || !IsWordChar(haystack[end]);
    if (starts && ends) at.push_back(pos);
  }
  return at;
}

// Surface forms, longest first, so that a longer form claims its text first.
std::vector<std::string> LongestFirst(std::vector<std::string> forms) {
  std::sort(forms.begin(), forms.end(),
            [](const std::string& a, const std::string& b) { return a.size() > b.size(); });
  return forms;
}

}  // namespace

MentionText::MentionText(std::string_view body) : body_(body), lower_(Lower(body)) {}

int64_t MentionText::CountMentions(const std::vector<std::string>& forms) const {
  const std::string& lower_body = lower_;
  std::vector<bool> taken(lower_body.size(), false);
  int64_t count = 0;
  for (const std::string& form : LongestFirst(forms)) {
    std::string needle = Lower(form);
    for (size_t pos : Occurrences(lower_body, needle)) {
      if (std::any_of(taken.begin() + static_cast<std::ptrdiff_t>(pos),
                      taken.begin() + static_cast<std::ptrdiff_t>(pos + needle.size()),
                      [](bool t) { return t; }))
        continue;
      std::fill(taken.begin() + static_cast<std::ptrdiff_t>(pos),
                taken.begin() + static_cast<std::ptrdiff_t>(pos + needle.size()), true);
      ++count;
    }
  }
  return count;
}

namespace {

bool EndsSentence(std::string_view text, size_t i) {
  if (text[i] == '\n') return true;
  if (text[i] != '.' && text[i] != '!' && text[i] != '?') return false;
  return i + 1 == text.size() || std::isspace(static_cast<unsigned char>(text[i + 1]));
}

}  // namespace

std::string MentionText::SentenceNaming(const std::vector<std::string>& forms) const {
  std::string_view body = body_;
  for (const std::string& form : LongestFirst(forms)) {
    std::vector<size_t> at = Occurrences(lower_, Lower(form));
    if (at.empty()) continue;
    size_t begin = at.front();
    while (begin > 0 && !EndsSentence(body, begin - 1)) --begin;
    size_t end = at.front() + form.size();
    while (end < body.size() && !EndsSentence(body, end)) ++end;
    if (end < body.size() && body[end] != '\n') ++end;
    std::string sentence(body.substr(begin, end - begin));
    size_t first = sentence.find_first_not_of(" \t\r\n");
    size_t last = sentence.find_last_not_of(" \t\r\n");
    return first == std::string::npos ? std::string() : sentence.substr(first, last - first + 1);
  }
  return {};
}

}  // namespace steppe::resolve
