#include "core/fold.h"

#include <unicode/normalizer2.h>
#include <unicode/uchar.h>
#include <unicode/unistr.h>

#include <array>
#include <vector>

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
  auto alnum = [](char c) { return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9'); };
  std::string out;
  out.reserve(text.size());
  bool pending_space = false;
  for (size_t i = 0; i < text.size(); ++i) {
    char c = text[i];
    if (c == '\'' || c == '`') {
      if (i + 1 < text.size() && (text[i + 1] == 's' || text[i + 1] == 'S') &&
          (i + 2 >= text.size() || !alnum(text[i + 2])))
        ++i;
      continue;
    }
    if (alnum(c)) {
      if (pending_space && !out.empty()) out += ' ';
      pending_space = false;
      out += (c >= 'A' && c <= 'Z') ? static_cast<char>(c - 'A' + 'a') : c;
    } else {
      pending_space = true;
    }
  }
  return out;
}

// FoldText's output: words of letters and digits, one space between them.
std::vector<std::string_view> SplitOnSpaces(std::string_view folded) {
  std::vector<std::string_view> words;
  for (size_t begin = 0; begin < folded.size();) {
    size_t end = folded.find(' ', begin);
    if (end == std::string_view::npos) end = folded.size();
    if (end > begin) words.push_back(folded.substr(begin, end - begin));
    begin = end + 1;
  }
  return words;
}

// Company legal forms that FoldName drops ("Steplink Logistics LLP").
bool IsLegalForm(std::string_view word) {
  static constexpr std::array<std::string_view, 12> kLegalForms = {
      "jsc", "ojsc", "pjsc", "cjsc", "nc", "llp", "llc", "ltd", "limited", "corp", "inc", "plc"};
  for (std::string_view form : kLegalForms)
    if (word == form) return true;
  return false;
}

// Appends FoldTransliteration(word) to `out`: one pass for "zh"/"kh", then
// the endings, then doubled letters.
void AppendTransliteration(std::string_view word, std::string& out) {
  std::string w;
  w.reserve(word.size());
  size_t i = 0;
  if (word.size() > 2 && word.compare(0, 2, "ye") == 0) {
    w += 'e';
    i = 2;
  }
  for (; i < word.size(); ++i) {
    char c = word[i];
    if ((c == 'z' || c == 'k') && i + 1 < word.size() && word[i + 1] == 'h') {
      w += c == 'z' ? 'j' : 'h';
      ++i;
    } else {
      w += c;
    }
  }
  // [yi]e(va?)$ -> e\1, repeated until nothing changes.
  for (bool changed = true; changed;) {
    changed = false;
    for (std::string_view tail : {std::string_view("ev"), std::string_view("eva")}) {
      size_t n = tail.size();
      if (w.size() >= n + 1 && w.compare(w.size() - n, n, tail) == 0) {
        char before = w[w.size() - n - 1];
        if (before == 'y' || before == 'i') {
          w.erase(w.size() - n - 1, 1);
          changed = true;
        }
      }
    }
  }
  if (w.size() > 1 && w.back() == 'y') w.back() = 'i';
  char last = 0;
  for (size_t k = 0; k < w.size(); ++k) {
    if (k > 0 && w[k] == last) continue;
    last = w[k];
    out += last;
  }
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
  std::vector<std::string_view> words = SplitOnSpaces(folded);
  size_t start = 0;
  if (start < words.size() && words[start] == "the") ++start;
  if (words.size() - start > 2 && words[start] == "republic" && words[start + 1] == "of") start += 2;
  bool any_kept = false;
  for (size_t i = start; i < words.size() && !any_kept; ++i) any_kept = !IsLegalForm(words[i]);
  std::string out;
  out.reserve(folded.size());
  for (size_t i = start; i < words.size(); ++i) {
    if (any_kept && IsLegalForm(words[i])) continue;
    if (!out.empty()) out += ' ';
    AppendTransliteration(words[i], out);
  }
  return out;
}

}  // namespace steppe
