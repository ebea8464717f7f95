#pragma once

#include "core/article.h"
#include "core/model.h"
#include "core/mutation.h"
#include "core/status.h"
#include "storage/graph_store.h"

namespace steppe::storage {

// The step between reading an article and storing it: extraction and
// resolution add the article's entities and facts to the batch that stores
// the article, so that all of it is applied or none.
//
// The Ingestor calls Enrich once per new article, after `batch` holds the
// `Article` node (id `article_node`) and its StoredArticle, and before
// Apply(). `store` shows the graph as it is before this batch; `ids` is only
// for AllocateNodeId/AllocateEdgeId. Calls never overlap. A non-OK status
// stops the ingest before this article is written.
class ArticleEnricher {
 public:
  virtual ~ArticleEnricher() = default;
  virtual Status Enrich(const storage::GraphReader& store, storage::GraphStore& ids,
                        NodeId article_node, const Article& article, Mutation& batch) = 0;
};

}  // namespace steppe::storage
