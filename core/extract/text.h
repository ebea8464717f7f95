#pragma once

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

namespace steppe::extract {

// One token of a sentence. Words keep internal hyphens and apostrophes
// ("Anna-Maria", "Al-Rashid"); a possessive "'s" is its own token; a
// single capital letter followed by a period ("E.") is one kInitial token;
// multi-byte quotes and dashes are kPunct tokens.
struct Token {
  enum class Kind { kWord, kNumber, kInitial, kPunct };
  Kind kind = Kind::kWord;
  std::string_view text;  // a view into the sentence's text
  bool capitalized = false;  // first letter is upper case
  bool all_upper = false;    // every letter is upper case (an acronym or a shouted word)
  std::string_view lower;    // ASCII-lowercased text, for lexicon look-ups: a view into Sentence::lowered
  unsigned lexicon = 0;      // what the lexicon knows of `lower` (Lexicon::WordBits), set by Lexicon::Annotate

  bool IsWord() const { return kind == Kind::kWord; }
  bool Is(std::string_view lowered) const { return lower == lowered; }
  bool IsPunct(std::string_view p) const { return kind == Kind::kPunct && text == p; }
};

// Move-only: the tokens' `lower` views point into `lowered`, whose buffer a
// move keeps and a copy would not.
struct Sentence {
  Sentence() = default;
  Sentence(Sentence&&) = default;
  Sentence& operator=(Sentence&&) = default;
  Sentence(const Sentence&) = delete;
  Sentence& operator=(const Sentence&) = delete;

  std::string_view text;
  std::vector<Token> tokens;
  std::vector<char> lowered;  // `text` with ASCII letters lowercased
  bool all_caps = false;      // a shouted headline: capitalisation says nothing
};

// Splits `text` into sentences. A line break always ends one. A period,
// question or exclamation mark ends one when followed by a space and an
// upper-case letter, a digit or an opening quote, or when glued to a
// capitalised word ("talks.The"), unless the word before is an
// abbreviation ("No.", "Corp.", "Mr.") or an initial ("E."). A closing
// quotation mark right after the mark stays with the sentence.
std::vector<std::string_view> SplitSentences(std::string_view text);

// Tokenises one sentence. The tokens' `text` views point into `text`, which
// must outlive them, and their `lower` views into the returned Sentence.
Sentence Tokenize(std::string_view text);

// True for a code point that starts an upper-case letter at `text[i]`.
bool StartsUpper(std::string_view text, size_t i);

}  // namespace steppe::extract
