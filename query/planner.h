#pragma once

#include "core/result.h"
#include "query/ast.h"
#include "query/plan.h"

namespace steppe::query {

// Binds a parsed query (variables to row slots, aggregates to their groups;
// SemanticError for an undefined variable, a type conflict, an aggregate
// where none may be, ...) and plans it: index seeks where an equality on
// `name` or an indexed property allows, label scans otherwise, expansions by
// type, WHERE conjuncts placed right after the step that binds their last
// variable, top-k for ORDER BY ... LIMIT.
Result<Plan> PlanQuery(ast::Query query, std::string_view text);

}  // namespace steppe::query
