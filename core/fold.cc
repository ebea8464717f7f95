#include "core/fold.h"

#include <unicode/normalizer2.h>
#include <unicode/uchar.h>
#include <unicode/unistr.h>

#include <algorithm>
#include <array>

namespace steppe {
namespace {

// Letters that NFKD does not split into a base letter and a mark.
std::string_view ExtraFold(UChar32 c) {
  switch (c) {
    case 0x0131: return "i";   // ı
    case 0x00F8: return "o";   // ø
    case 0x00D8: return "o";   // Ø
    case 0x00DF: return "ss";  // ß
    case 0x00E6: return "ae";  // æ
    case 0x00C6: return "ae";  // Æ
    case 0x0153: return "oe";  // œ
    case 0x0152: return "oe";  // Œ
    case 0x0111: return "d";   // đ
    case 0x0110: return "d";   // Đ
    case 0x0142: return "l";   // ł
    case 0x0141: return "l";   // Ł
    case 0x00FE: return "th";  // þ
    case 0x00F0: return "d";   // ð
    default: return {};
  }
}

bool IsApostrophe(UChar32 c) {
  return c == '\'' || c == 0x2019 || c == 0x2018 || c == '`' || c == 0x00B4 || c == 0x02BC;
}

// Removes diacritics and lowercases, keeping apostrophes for the next step.
std::string StripMarksLower(std::string_view text) {
  UErrorCode error = U_ZERO_ERROR;
  const icu::Normalizer2* nfkd = icu::Normalizer2::getNFKDInstance(error);
  icu::UnicodeString source = icu::UnicodeString::fromUTF8(
      icu::StringPiece(text.data(), static_cast<int32_t>(text.size())));
  icu::UnicodeString decomposed = U_SUCCESS(error) ? nfkd->normalize(source, error) : source;
  if (U_FAILURE(error)) decomposed = source;
  std::string out;
  out.reserve(text.size());
  for (int32_t i = 0; i < decomposed.length();) {
    UChar32 c = decomposed.char32At(i);
    i += U16_LENGTH(c);
    if (u_charType(c) == U_NON_SPACING_MARK) continue;
    if (std::string_view extra = ExtraFold(c); !extra.empty()) {
      out += extra;
      continue;
    }
    c = u_tolower(c);
    icu::UnicodeString one(c);
    one.toUTF8String(out);
  }
  return out;
}

// FoldText for pure ASCII text, which has no marks to strip: the same
// result without the ICU round trip (the common case on English news).
std::string FoldAsciiText(std::string_view text) {
  // Each byte's folded form: a lower-case letter or digit, or 0 for a separator.
  static constexpr std::array<char, 128> kFolded = [] {
    std::array<char, 128> folded{};
    for (char c = '0'; c <= '9'; ++c) folded[static_cast<size_t>(c)] = c;
    for (char c = 'a'; c <= 'z'; ++c) folded[static_cast<size_t>(c)] = c;
    for (char c = 'A'; c <= 'Z'; ++c) folded[static_cast<size_t>(c)] = static_cast<char>(c - 'A' + 'a');
    return folded;
  }();
  std::string out;
  out.reserve(text.size());
  bool pending_space = false;
  for (size_t i = 0; i < text.size(); ++i) {
    char c = text[i];
    if (char folded = kFolded[static_cast<size_t>(c)]) {
      if (pending_space && !out.empty()) out += ' ';
      pending_space = false;
      out += folded;
    } else if (c == '\'' || c == '`') {
      if (i + 1 < text.size() && (text[i + 1] == 's' || text[i + 1] == 'S') &&
          (i + 2 >= text.size() || !kFolded[static_cast<size_t>(text[i + 2])]))
        ++i;
    } else {
      pending_space = true;
    }
  }
  return out;
}

// Company legal forms that FoldName drops ("Steplink Logistics LLP").
bool IsLegalForm(std::string_view word) {
  static constexpr std::array<std::string_view, 12> kLegalForms = {
      "jsc", "ojsc", "pjsc", "cjsc", "nc", "llp", "llc", "ltd", "limited", "corp", "inc", "plc"};
  for (std::string_view form : kLegalForms)
    if (word == form) return true;
  return false;
}

// Appends FoldTransliteration(word) to `out`, in place: "zh"/"kh" while
// copying, then the endings, then doubled letters.
void AppendTransliteration(std::string_view word, std::string& out) {
  const size_t start = out.size();
  size_t i = 0;
  if (word.size() > 2 && word.compare(0, 2, "ye") == 0) {
    out += 'e';
    i = 2;
  }
  for (; i < word.size(); ++i) {
    char c = word[i];
    if ((c == 'z' || c == 'k') && i + 1 < word.size() && word[i + 1] == 'h') {
      out += c == 'z' ? 'j' : 'h';
      ++i;
    } else {
      out += c;
    }
  }
  auto ends_with = [&out, start](std::string_view tail) {
    return out.size() - start >= tail.size() + 1 && out.compare(out.size() - tail.size(), tail.size(), tail) == 0;
  };
  // [yi]e(va?)$ -> e\1, repeated until nothing changes.
  for (bool changed = true; changed;) {
    changed = false;
    for (std::string_view tail : {std::string_view("ev"), std::string_view("eva")}) {
      if (!ends_with(tail)) continue;
      size_t before = out.size() - tail.size() - 1;
      if (out[before] == 'y' || out[before] == 'i') {
        out.erase(before, 1);
        changed = true;
      }
    }
  }
  if (out.size() - start > 1 && out.back() == 'y') out.back() = 'i';
  // Doubled letters -> one.
  size_t kept = start;
  for (size_t k = start; k < out.size(); ++k)
    if (k == start || out[k] != out[kept - 1]) out[kept++] = out[k];
  out.resize(kept);
}

// The next word of FoldText's output (words of letters and digits, one
// space between them) at `pos`, moving `pos` past it; empty at the end.
std::string_view NextWord(std::string_view folded, size_t& pos) {
  if (pos >= folded.size()) return {};
  size_t end = folded.find(' ', pos);
  if (end == std::string_view::npos) end = folded.size();
  std::string_view word = folded.substr(pos, end - pos);
  pos = end + 1;
  return word;
}

}  // namespace

std::string FoldText(std::string_view text) {
  bool ascii = true;
  for (char c : text) ascii = ascii && static_cast<unsigned char>(c) < 0x80;
  if (ascii) return FoldAsciiText(text);
  std::string lowered = StripMarksLower(text);
  // Walk code points: drop apostrophes (and a possessive "s" after one),
  // keep letters and digits, make everything else a single space.
  icu::UnicodeString u = icu::UnicodeString::fromUTF8(lowered);
  std::string out;
  bool pending_space = false;
  for (int32_t i = 0; i < u.length();) {
    UChar32 c = u.char32At(i);
    i += U16_LENGTH(c);
    if (IsApostrophe(c)) {
      if (i < u.length() && u.char32At(i) == 's') {
        int32_t after = i + 1;
        bool word_ends = after >= u.length() || !u_isalnum(u.char32At(after));
        if (word_ends) i = after;
      }
      continue;
    }
    if (u_isalnum(c)) {
      if (pending_space && !out.empty()) out += ' ';
      pending_space = false;
      icu::UnicodeString one(c);
      one.toUTF8String(out);
    } else {
      pending_space = true;
    }
  }
  return out;
}

std::string FoldTransliteration(std::string_view word) {
  std::string out;
  AppendTransliteration(word, out);
  return out;
}

std::string FoldName(std::string_view name) {
  const std::string folded = FoldText(name);
  std::string_view words = folded;
  // Past a leading "the" and "republic of" when more follows.
  size_t pos = 0;
  if (std::string_view first = NextWord(words, pos); first != "the") pos = 0;
  size_t after_the = pos;
  if (NextWord(words, pos) == "republic" && NextWord(words, pos) == "of" && pos < words.size()) {
    after_the = pos;
  }
  words.remove_prefix(std::min(after_the, words.size()));
  // Legal forms go, unless the name is nothing else.
  bool any_kept = false;
  pos = 0;
  for (std::string_view w = NextWord(words, pos); !w.empty() && !any_kept; w = NextWord(words, pos))
    any_kept = !IsLegalForm(w);
  std::string out;
  out.reserve(words.size());
  pos = 0;
  for (std::string_view w = NextWord(words, pos); !w.empty(); w = NextWord(words, pos)) {
    if (any_kept && IsLegalForm(w)) continue;
    if (!out.empty()) out += ' ';
    AppendTransliteration(w, out);
  }
  return out;
}

}  // namespace steppe
