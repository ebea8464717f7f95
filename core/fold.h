#pragma once

#include <string>
#include <string_view>

namespace steppe {

// Folds a string for comparison: Unicode diacritics removed (NFKD, marks
// dropped, "ı" -> "i", "ß" -> "ss" ...), lowercase, apostrophes and
// possessive "'s" dropped, other punctuation made a space, spaces collapsed.
// "Ștefănescu-Țăranu" -> "stefanescu taranu".
std::string FoldText(std::string_view text);

// Folds one lowercase word's transliteration variants: initial "ye" -> "e"
// (Yerlan/Erlan), "zh" -> "j", "kh" -> "h", "-yev"/"-iev" (-yeva) -> "-ev",
// final "y" -> "i", doubled letters -> one.
std::string FoldTransliteration(std::string_view word);

// The key under which a name is indexed and looked up: FoldText, then a
// leading "the" and "republic of" and company legal forms (JSC, LLP, Corp,
// ...) dropped, then FoldTransliteration per word. Variants of one name
// ("Yerlan Tokhtarov", "Erlan Tokhtarov") share a key.
std::string FoldName(std::string_view name);

}  // namespace steppe
