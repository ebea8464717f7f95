#pragma once

#include <optional>
#include <string>
#include <vector>

#include "core/extract/text.h"

namespace steppe::extract {

// Finds the date a sentence gives for its event, as ISO text: "March 12, 2026"
// or "12 March 2026" -> "2026-03-12"; "on March 12" takes the article's year
// when the article is dated; "today" / "on Tuesday" resolve against the
// article date (the weekday is the latest one on or before it); "in 2001"
// -> "2001". `article_date` is ISO "YYYY-MM-DD" or empty.
std::optional<std::string> FindDate(const std::vector<Token>& tokens, const std::string& article_date);

// The ISO date of the latest `weekday` (Monday = 1) on or before `iso_date`.
std::optional<std::string> ResolveWeekday(const std::string& iso_date, int weekday);

}  // namespace steppe::extract
