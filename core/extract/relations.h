#pragma once

#include <string>
#include <vector>

#include "core/extract/article_state.h"
#include "core/facts.h"

namespace steppe::extract {

// What the relation rules know about the article as a whole.
struct ArticleContext {
  std::string date;                    // ISO, or empty
  std::string dateline_place;          // "Astana" from "ASTANA. KAZINFORM –", or empty
  std::vector<int> headline_countries;  // entity ids of countries the headline names
};

// Reads meetings, agreements and law actions from the body sentences (in
// order) of one article whose names were already found.
void FindMeetings(std::vector<SentenceState>& sentences, EntityTable& table, const ArticleContext& context,
                  std::vector<Meeting>& out);
void FindAgreements(std::vector<SentenceState>& sentences, EntityTable& table, const ArticleContext& context,
                    std::vector<AgreementFact>& out);
void FindLawActions(std::vector<SentenceState>& sentences, EntityTable& table, const ArticleContext& context,
                    std::vector<LawAction>& out);

}  // namespace steppe::extract
