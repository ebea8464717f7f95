#pragma once

#include <string>
#include <vector>

#include "core/facts.h"

namespace steppe {

// The JSON document of ../shared/eval/FORMAT.md for `facts`, one entry of
// "articles" per element, pretty-printed. Absent optional fields are null.
std::string FactsToJson(const std::vector<ArticleFacts>& facts);

// The name FORMAT.md uses for an entity type ("Official", "Body", ...).
const char* EntityTypeName(EntityType type);

}  // namespace steppe
