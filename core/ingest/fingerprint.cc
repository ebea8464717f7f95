#include "core/ingest/fingerprint.h"

#include <array>
#include <cstdint>

namespace steppe::ingest {
namespace {

// Multi-byte UTF-8 sequences of quotation marks, apostrophes and spaces that
// the normal form drops. All are 2 or 3 bytes long.
constexpr std::array<std::string_view, 22> kDroppedSequences = {
    "\u201C", "\u201D", "\u201E", "\u201F",  // “ ” „ ‟
    "\u2018", "\u2019", "\u201A", "\u201B",  // ‘ ’ ‚ ‛
    "\u2032", "\u2033", "\u2039", "\u203A",  // ′ ″ ‹ ›
    "\u00AB", "\u00BB", "\u00B4", "\u02BC",  // « » ´ ʼ
    "\u00A0", "\u2009", "\u202F", "\u3000",  // no-break, thin, narrow, ideographic spaces
    "\u200B", "\uFEFF",                      // zero-width space, byte-order mark
};

bool IsAsciiDropped(char c) {
  switch (c) {
    case ' ': case '\t': case '\n': case '\r': case '\f': case '\v':
    case '"': case '\'': case '`':
      return true;
    default:
      return false;
  }
}

// The length of the dropped sequence starting at `at`, or 0.
size_t DroppedSequenceAt(std::string_view text, size_t at) {
  for (std::string_view seq : kDroppedSequences) {
    if (text.substr(at, seq.size()) == seq) return seq.size();
  }
  return 0;
}

uint64_t Mix(uint64_t x) {  // splitmix64's finaliser
  x ^= x >> 30;
  x *= 0xBF58476D1CE4E5B9ULL;
  x ^= x >> 27;
  x *= 0x94D049BB133111EBULL;
  x ^= x >> 31;
  return x;
}

// Two independent 64-bit lanes: FNV-1a, and a multiply-rotate hash.
class Hasher128 {
 public:
  void Add(std::string_view bytes) {
    for (unsigned char b : bytes) {
      fnv_ = (fnv_ ^ b) * 0x100000001B3ULL;
      rot_ = ((rot_ ^ b) * 0x9E3779B97F4A7C15ULL);
      rot_ = (rot_ << 23) | (rot_ >> 41);
    }
  }

  std::string Hex() const {
    static constexpr char kDigits[] = "0123456789abcdef";
    std::string out(32, '0');
    const uint64_t lanes[2] = {Mix(fnv_), Mix(rot_ ^ fnv_)};
    for (int lane = 0; lane < 2; ++lane) {
      for (int i = 0; i < 16; ++i) {
        out[lane * 16 + i] = kDigits[(lanes[lane] >> (60 - 4 * i)) & 0xF];
      }
    }
    return out;
  }

 private:
  uint64_t fnv_ = 0xCBF29CE484222325ULL;
  uint64_t rot_ = 0x2545F4914F6CDD1DULL;
};

}  // namespace

std::string NormalizeForFingerprint(std::string_view text) {
  std::string out;
  out.reserve(text.size());
  for (size_t i = 0; i < text.size();) {
    const char c = text[i];
    if (static_cast<unsigned char>(c) < 0x80) {
      if (!IsAsciiDropped(c)) out += (c >= 'A' && c <= 'Z') ? static_cast<char>(c - 'A' + 'a') : c;
      ++i;
    } else if (size_t skip = DroppedSequenceAt(text, i); skip > 0) {
      i += skip;
    } else {
      out += c;
      ++i;
    }
  }
  return out;
}

std::string Fingerprint(const Article& article) {
  Hasher128 hasher;
  hasher.Add(NormalizeForFingerprint(article.title.value_or("")));
  hasher.Add("\x1F");  // keeps "ab"+"c" apart from "a"+"bc"
  hasher.Add(NormalizeForFingerprint(article.body));
  return hasher.Hex();
}

}  // namespace steppe::ingest
