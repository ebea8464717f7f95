#pragma once

#include "core/extract/article_state.h"

namespace steppe::extract {

// Finds the names of one sentence -- officials (with the roles their titles
// give), bodies, countries -- adds them to `table` and records them in
// `sentence` in order. Runs on the sentences of an article in order, so that
// a surname alone resolves to the full name introduced earlier.
void FindNames(SentenceState& sentence, EntityTable& table);

// Finds laws (Law "On ...", draft laws, codes, the Constitution, concepts,
// strategies, resolutions, acts) and named agreements (treaties, named
// agreements and roadmaps) in one sentence.
void FindDocuments(SentenceState& sentence, EntityTable& table);

}  // namespace steppe::extract
