#pragma once

#include <string>
#include <string_view>

#include "core/article.h"

namespace steppe::ingest {

// The normal form under which copies of one article compare equal: every
// whitespace character and every quotation mark or apostrophe (ASCII and
// typographic: " ' ` “ ” „ ‘ ’ « » ‹ › ...) removed, ASCII letters lowercased.
// Aggregators repeat articles with their quotes stripped or their lines
// rewrapped; both copies normalise to the same string.
std::string NormalizeForFingerprint(std::string_view text);

// A 128-bit content hash of the article's normalised title and body, as 32
// lowercase hex digits. The source link, date and file do not take part, so
// the same article reprinted elsewhere has the same fingerprint.
std::string Fingerprint(const Article& article);

}  // namespace steppe::ingest
