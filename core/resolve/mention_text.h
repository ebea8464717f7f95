#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace steppe::resolve {

// An article's text as evidence for its entities: where and how often their
// surface forms occur. Matching is case-insensitive (ASCII) and whole-word;
// a longer form claims its text before a shorter one inside it. Holds a view
// of the body: REQUIRES the body outlives this object.
class MentionText {
 public:
  explicit MentionText(std::string_view body);

  // How often any of `forms` occurs, overlapping occurrences counted once.
  int64_t CountMentions(const std::vector<std::string>& forms) const;

  // The first sentence that names one of `forms` (longest form first),
  // trimmed; "" when none does. The evidence for an edge read from an
  // entity's name rather than from a fact.
  std::string SentenceNaming(const std::vector<std::string>& forms) const;

 private:
  std::string_view body_;
  std::string lower_;
};

}  // namespace steppe::resolve
