#pragma once

#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace steppe::resolve {

// General knowledge about countries, the one list both extraction and
// resolution read: every name a country goes by (Debian's iso-codes list --
// short, official and common names -- plus usual short forms such as
// "Russia" or "Turkey" and long forms such as "State of Kuwait") and the
// adjectives and demonyms that stand for it ("Kazakh", "Kazakhstani",
// "Pakistani"). Keys are FoldName keys. Immutable after construction; safe to
// share between threads.
class CountryLexicon {
 public:
  // The lexicon built from /usr/share/iso-codes (STEPPE_ISO_CODES_DIR) and
  // the built-in short forms; without the iso-codes file only the built-in
  // forms are known.
  static const CountryLexicon& Default();

  // Builds from the text of iso_3166-1.json; malformed text adds nothing.
  explicit CountryLexicon(std::string_view iso_3166_json);

  // The country a name (or "the Republic of ..." form) denotes, as its
  // alpha-2 code, e.g. "Republic of Kazakhstan" -> "KZ".
  std::optional<std::string> CodeOfName(std::string_view name) const;
  // The country an adjective or demonym denotes: "Kazakh" -> "KZ".
  std::optional<std::string> CodeOfAdjective(std::string_view word) const;
  // The country's usual short name ("Kazakhstan", "Russia"); REQUIRES a code
  // this lexicon returned.
  const std::string& ShortName(const std::string& code) const;
  // Every name the country goes by, short name first.
  const std::vector<std::string>& Names(const std::string& code) const;
  // Every country's alpha-2 code, in code order.
  std::vector<std::string> Codes() const;
  // Adjectives for the country, most usual first ("Kazakh", "Kazakhstani").
  const std::vector<std::string>& Adjectives(const std::string& code) const;

 private:
  void AddName(const std::string& code, const std::string& name);
  void AddAdjective(const std::string& code, const std::string& adjective);

  std::map<std::string, std::string> code_by_name_;       // FoldName key -> code
  std::map<std::string, std::string> code_by_adjective_;  // FoldName key -> code
  std::map<std::string, std::vector<std::string>> names_;
  std::map<std::string, std::vector<std::string>> adjectives_;
};

}  // namespace steppe::resolve
