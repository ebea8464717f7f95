#include "core/extract/text.h"

#include <unicode/uchar.h>
#include <unicode/utf8.h>

#include <array>
#include <string>

namespace steppe::extract {
namespace {

// Decodes the code point at text[i]; sets `len` to its byte length.
UChar32 CodePointAt(std::string_view text, size_t i, size_t* len) {
  unsigned char c = static_cast<unsigned char>(text[i]);
  if (c < 0x80) {
    *len = 1;
    return c;
  }
  int32_t pos = static_cast<int32_t>(i);
  UChar32 cp;
  U8_NEXT(reinterpret_cast<const uint8_t*>(text.data()), pos, static_cast<int32_t>(text.size()), cp);
  *len = static_cast<size_t>(pos) - i;
  return cp;
}

// ASCII character classes by byte, looked up once per character of the text.
enum AsciiClass : unsigned char { kDigit = 1, kUpper = 2, kLower = 4 };
constexpr std::array<unsigned char, 256> kAsciiClasses = [] {
  std::array<unsigned char, 256> classes{};
  for (int c = '0'; c <= '9'; ++c) classes[static_cast<size_t>(c)] = kDigit;
  for (int c = 'A'; c <= 'Z'; ++c) classes[static_cast<size_t>(c)] = kUpper;
  for (int c = 'a'; c <= 'z'; ++c) classes[static_cast<size_t>(c)] = kLower;
  return classes;
}();

bool IsAsciiAlnum(unsigned char c) { return kAsciiClasses[c] != 0; }

bool IsWordCodePoint(UChar32 cp) {
  if (cp < 0x80) return IsAsciiAlnum(static_cast<unsigned char>(cp));
  return u_isalnum(cp) || u_getCombiningClass(cp) != 0 || u_charType(cp) == U_NON_SPACING_MARK;
}

bool IsApostrophe(std::string_view text, size_t i, size_t* len) {
  if (text[i] == '\'') {
    *len = 1;
    return true;
  }
  if (static_cast<unsigned char>(text[i]) == 0xE2 && text.compare(i, 3, "\xE2\x80\x99") == 0) {  // ’
    *len = 3;
    return true;
  }
  return false;
}

// Words after which a period does not end the sentence.
bool IsAbbreviation(std::string_view word) {
  static constexpr std::array<std::string_view, 34> kAbbreviations = {
      "Mr", "Mrs", "Ms", "Dr", "Prof", "No", "Nos", "Corp", "Inc", "Ltd", "Co", "St", "Jr", "Sr",
      "vs", "etc", "e.g", "i.e", "Gen", "Col", "Lt", "Maj", "Capt", "Sen", "Rep", "Gov", "Art",
      "Dept", "Univ", "approx", "H.E", "Rev", "Sept", "Jan"};
  for (std::string_view a : kAbbreviations)
    if (word == a) return true;
  return false;
}

// The word (letters and inner periods) that ends right before `end`.
std::string_view WordBefore(std::string_view text, size_t end) {
  size_t begin = end;
  while (begin > 0) {
    unsigned char c = static_cast<unsigned char>(text[begin - 1]);
    if (IsAsciiAlnum(c) || c == '.' || c >= 0x80) {
      --begin;
    } else {
      break;
    }
  }
  return text.substr(begin, end - begin);
}

bool IsOpeningQuote(std::string_view text, size_t i) {
  return text[i] == '"' || text.compare(i, 3, "\xE2\x80\x9C") == 0 ||
         text.compare(i, 2, "\xC2\xAB") == 0;
}

// Length of a closing quote at text[i], or 0.
size_t ClosingQuoteLength(std::string_view text, size_t i) {
  if (i >= text.size()) return 0;
  if (text[i] == '"' || text[i] == '\'') return 1;
  if (text.compare(i, 3, "\xE2\x80\x9D") == 0 || text.compare(i, 3, "\xE2\x80\x99") == 0) return 3;
  if (text.compare(i, 2, "\xC2\xBB") == 0) return 2;
  return 0;
}

// Whether a sentence may end at the mark text[i] (a '.', '?' or '!').
bool EndsSentenceAt(std::string_view text, size_t i, size_t* end) {
  size_t j = i + 1;
  if (size_t q = ClosingQuoteLength(text, j); q > 0 && (j + q >= text.size() || text[j + q] == ' ')) j += q;
  *end = j;
  if (j >= text.size()) return true;
  if (text[i] == '.') {
    std::string_view before = WordBefore(text, i);
    if (IsAbbreviation(before)) return false;
    // An initial: one capital letter, possibly after other initials ("H.E").
    if (!before.empty() && before.size() <= 3 && StartsUpper(before, before.size() - 1) &&
        (before.size() == 1 || before[before.size() - 2] == '.'))
      return false;
    if (!before.empty() && before.back() >= '0' && before.back() <= '9' && j < text.size() &&
        text[j] >= '0' && text[j] <= '9')
      return false;  // a decimal number
  }
  if (text[j] == ' ' || text[j] == '\t') {
    size_t k = j;
    while (k < text.size() && (text[k] == ' ' || text[k] == '\t')) ++k;
    if (k >= text.size()) return true;
    unsigned char c = static_cast<unsigned char>(text[k]);
    return StartsUpper(text, k) || (c >= '0' && c <= '9') || IsOpeningQuote(text, k) ||
           c == '(' || c == '-' || c >= 0x80;
  }
  // Glued to the next sentence: "talks.The next" (but not "gov.kz" or "U.S.").
  if (text[i] == '.' && StartsUpper(text, j)) {
    size_t len = 0;
    CodePointAt(text, j, &len);
    size_t k = j + len;
    std::string_view before = WordBefore(text, i);
    bool lower_follows = k < text.size() && text[k] >= 'a' && text[k] <= 'z';
    bool word_before = before.size() >= 2 && before.find('.') == std::string_view::npos;
    // "transit.JSC Kazposhta": after a lower-case word, any capital starts a sentence.
    bool lower_word_before = before.size() >= 3;
    for (char c : before) lower_word_before = lower_word_before && c >= 'a' && c <= 'z';
    return (lower_follows && word_before) || lower_word_before;
  }
  return false;
}

}  // namespace

bool StartsUpper(std::string_view text, size_t i) {
  if (i >= text.size()) return false;
  unsigned char c = static_cast<unsigned char>(text[i]);
  if (c < 0x80) return c >= 'A' && c <= 'Z';
  size_t len = 0;
  return u_isupper(CodePointAt(text, i, &len));
}

std::vector<std::string_view> SplitSentences(std::string_view text) {
  std::vector<std::string_view> out;
  size_t start = 0;
  auto emit = [&](size_t end) {
    std::string_view s = text.substr(start, end - start);
    while (!s.empty() && (s.front() == ' ' || s.front() == '\t' || s.front() == '\r')) s.remove_prefix(1);
    while (!s.empty() && (s.back() == ' ' || s.back() == '\t' || s.back() == '\r')) s.remove_suffix(1);
    if (!s.empty()) out.push_back(s);
  };
  // The bytes that may end a sentence; the loop skips every other byte.
  static constexpr std::array<bool, 256> kStops = [] {
    std::array<bool, 256> stops{};
    for (unsigned char c : {'\n', '.', '?', '!'}) stops[c] = true;
    return stops;
  }();
  for (size_t i = 0; i < text.size(); ++i) {
    while (i < text.size() && !kStops[static_cast<unsigned char>(text[i])]) ++i;
    if (i >= text.size()) break;
    char c = text[i];
    if (c == '\n') {
      emit(i);
      start = i + 1;
    } else if (c == '.' || c == '?' || c == '!') {
      size_t end = 0;
      if (EndsSentenceAt(text, i, &end)) {
        emit(end);
        start = end;
        i = end - 1;
      }
    }
  }
  emit(text.size());
  return out;
}

Sentence Tokenize(std::string_view text) {
  Sentence sentence;
  sentence.text = text;
  sentence.tokens.reserve(text.size() / 5 + 4);
  sentence.lowered.assign(text.begin(), text.end());
  for (char& ch : sentence.lowered) ch = static_cast<char>(ch | (kAsciiClasses[static_cast<unsigned char>(ch)] == kUpper ? 0x20 : 0));
  auto lowered = [&sentence](size_t begin, size_t size) {
    return std::string_view(sentence.lowered.data() + begin, size);
  };
  size_t letters = 0, upper_letters = 0;
  size_t i = 0;
  while (i < text.size()) {
    unsigned char c = static_cast<unsigned char>(text[i]);
    if (c == ' ' || c == '\t' || c == '\r' || c == '\n') {
      ++i;
      continue;
    }
    size_t len = 0;
    UChar32 cp = CodePointAt(text, i, &len);
    if (cp == 0xA0 || cp == 0x202F) {  // no-break spaces
      i += len;
      continue;
    }
    size_t apostrophe = 0;
    if (!IsAsciiAlnum(c) && IsApostrophe(text, i, &apostrophe) && i + apostrophe < text.size() &&
        (text[i + apostrophe] == 's' || text[i + apostrophe] == 'S') &&
        (i + apostrophe + 1 >= text.size() ||
         !IsAsciiAlnum(static_cast<unsigned char>(text[i + apostrophe + 1])))) {
      Token& token = sentence.tokens.emplace_back();
      token.kind = Token::Kind::kWord;
      token.text = text.substr(i, apostrophe + 1);
      token.lower = "'s";
      i += apostrophe + 1;
      continue;
    }
    if (!IsWordCodePoint(cp)) {
      Token& token = sentence.tokens.emplace_back();
      token.kind = Token::Kind::kPunct;
      token.text = text.substr(i, len);
      token.lower = lowered(i, len);
      i += len;
      continue;
    }
    // A word: alphanumerics, with inner hyphens, apostrophes (not a possessive)
    // and periods between digits ("4.8", "1,000").
    size_t begin = i;
    bool digits_only = true;
    size_t uppers = 0, lowers = 0;  // ASCII letters
    bool ascii = true;              // no byte beyond ASCII in the word
    while (i < text.size()) {
      unsigned char b = static_cast<unsigned char>(text[i]);
      if (unsigned char cls = kAsciiClasses[b]) {  // the common case, without decoding
        digits_only = digits_only && cls == kDigit;
        uppers += cls == kUpper;
        lowers += cls == kLower;
        ++i;
        continue;
      }
      size_t l = 0;
      UChar32 p = CodePointAt(text, i, &l);
      if (IsWordCodePoint(p)) {
        if (p >= 0x80 || !(p >= '0' && p <= '9')) digits_only = false;
        ascii = ascii && p < 0x80;
        i += l;
        continue;
      }
      size_t a = 0;
      bool inner_next = false;
      if (i + 1 < text.size()) {
        size_t l2 = 0;
        if (p == '-' || p == '.' || p == ',') {
          UChar32 q = CodePointAt(text, i + 1, &l2);
          inner_next = IsWordCodePoint(q);
        }
      }
      if (p == '-' && inner_next) {
        digits_only = false;
        i += 1;
        continue;
      }
      if ((p == '.' || p == ',') && inner_next && digits_only && i + 1 < text.size() &&
          text[i + 1] >= '0' && text[i + 1] <= '9') {
        i += 1;
        continue;
      }
      if (IsApostrophe(text, i, &a) && i + a < text.size()) {
        size_t l2 = 0;
        UChar32 q = CodePointAt(text, i + a, &l2);
        bool possessive = (q == 's' || q == 'S') &&
                          (i + a + 1 >= text.size() ||
                           !IsAsciiAlnum(static_cast<unsigned char>(text[i + a + 1])));
        if (IsWordCodePoint(q) && !possessive && q < 0x80 && q != 's') {
          digits_only = false;
          ascii = ascii && a == 1;
          i += a;
          continue;
        }
      }
      break;
    }
    Token& token = sentence.tokens.emplace_back();
    token.text = text.substr(begin, i - begin);
    token.kind = digits_only ? Token::Kind::kNumber : Token::Kind::kWord;
    token.lower = lowered(begin, i - begin);
    upper_letters += uppers;
    letters += uppers + lowers;
    bool any_lower = lowers > 0, any_upper = uppers > 0;
    if (token.kind == Token::Kind::kWord) {
      token.capitalized = StartsUpper(token.text, 0);
      // Letters beyond ASCII count too: "ÁLMATY" is shouted, "Ёлка" is not.
      for (size_t k = 0; !ascii && k < token.text.size();) {
        size_t l = 0;
        UChar32 p = CodePointAt(token.text, k, &l);
        if (p >= 0x80 && u_islower(p)) any_lower = true;
        if (p >= 0x80 && u_isupper(p)) any_upper = true;
        k += l;
      }
      token.all_upper = any_upper && !any_lower;
      // "E." is an initial; "H.E." stays a word with its periods.
      if (token.capitalized && len == token.text.size() && i < text.size() && text[i] == '.') {
        token.kind = Token::Kind::kInitial;
        ++i;
        token.text = text.substr(begin, i - begin);
      }
    }
  }
  sentence.all_caps = letters >= 12 && upper_letters * 10 >= letters * 8;
  return sentence;
}

}  // namespace steppe::extract
