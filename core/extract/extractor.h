#pragma once

#include "core/article.h"
#include "core/facts.h"

namespace steppe::extract {

// Reads what one article says: the officials, bodies, countries, laws and
// agreements it names (with aliases, resolved within the article), the roles
// its titles give, and the meetings, agreements and law actions it reports.
// A pure function of the article; safe to call from many threads.
ArticleFacts ExtractFacts(const Article& article);

}  // namespace steppe::extract
