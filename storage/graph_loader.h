#pragma once

#include "core/facts.h"
#include "core/model.h"
#include "core/mutation.h"
#include "core/resolve/country_lexicon.h"
#include "core/status.h"
#include "storage/article_enricher.h"
#include "storage/graph_store.h"

namespace steppe::storage {

// The ArticleEnricher of `steppe ingest`: extracts an article's facts
// (core/extract) and writes them into the article's Mutation, as
// DESIGN.md's graph model has it, resolving each entity to a stored node
// (core/resolve rules) or a new one.
//
// Nodes: Official, Body, Country, Law, Agreement, each with `name` (the
// fullest form seen), `aliases` (every other form, a person's surname among
// them), `first_seen` / `last_seen` (article dates; null while no date is
// known). Agreements also carry `kind`, `topic`, `value`, `date`; one read
// without a proper name is named from its kind, parties and topic
// ("Memorandum between A and B on X"); a generic name ("memorandum of
// understanding") is never used to find another article's agreement.
//
// Edges, each fact edge with `article` (the Article node) and `sentence`:
//   HOLDS_ROLE Official->Body {title, date}, SERVES Official->Country {title}:
//     one edge per (person, body or country, title); a later mention moves
//     `date` (and its evidence) forward instead of adding an edge.
//   BELONGS_TO Body->Country: from the body's name ("X of Kazakhstan",
//     "Kazakh X"), or for a ministry, embassy, parliament or government named
//     without its country, from the roles of its article.
//   PART_OF Body->Body: a body named "X of [the] Y" where Y is another body
//     of the article ("Committee ... of the Ministry ...").
//   MET between Officials/Bodies {date, place, topics}: one edge per pair of
//     participants per meeting; the same meeting read from another article
//     is another edge.
//   PARTY_TO party->Agreement, CONCERNS Agreement/Law->Country: one per pair.
//   APPROVED / ADOPTED / SIGNED / RATIFIED / SUBMITTED actor->Law/Agreement
//     {date, detail}: "amended" is written ADOPTED (a chamber adopting
//     amendments) and "drafted" SUBMITTED (the drafter puts the text
//     forward), their detail starting with the original verb. An action
//     equal in actor, document, type, date and detail to one stored is not
//     repeated.
//   MENTIONS Article->entity {count}: how often its forms occur in the text.
//
// References in facts are resolved to the article's entities by name, alias,
// name variant (core/resolve) or, for a person, a unique surname; a role's
// person, body or country, an agreement's country and a law action's law
// that the entity list lacks become entities of their own; a meeting
// participant or party not found is looked up in the store, and dropped if
// absent there too. Stateless; Load may run on many threads with different
// batches.
class GraphLoader final : public ArticleEnricher {
 public:
  explicit GraphLoader(
      const resolve::CountryLexicon& countries = resolve::CountryLexicon::Default())
      : countries_(countries) {}

  // Adds the facts of the article whose node is `article_node` to `batch`,
  // reading the graph from `store` and taking new ids from `ids`. Errors come
  // from the store; on error `batch` is partly filled and must be dropped.
  Status Load(const ArticleFacts& facts, const GraphReader& store, GraphStore& ids,
              NodeId article_node, Mutation& batch) const;

  // Load(extract::ExtractFacts(article), ...).
  Status Enrich(const GraphReader& store, GraphStore& ids, NodeId article_node,
                const Article& article, Mutation& batch) override;

 private:
  const resolve::CountryLexicon& countries_;
};

}  // namespace steppe::storage
