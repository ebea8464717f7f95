#pragma once

#include <string>
#include <vector>

#include "query/exec_context.h"

namespace steppe::query {

// Calls a scalar function by name (case-insensitive) on evaluated arguments:
// id, labels, type, properties, keys, size, length, nodes, relationships,
// startNode, endNode, coalesce, toLower, toUpper, trim, ltrim, rtrim, split,
// substring, left, right, replace, reverse, toString, toInteger, toFloat,
// toBoolean, head, last, tail, range, abs, ceil, floor, round, sign, sqrt,
// exp, log, log10, sin, cos, tan, pi, e, rand, exists.
// Throws QueryError: SemanticError for an unknown function or arity,
// TypeError for an argument of the wrong type.
Value CallFunction(const std::string& name, const std::vector<Value>& args, ExecContext& ctx);

// Checks a function's name and arity before the query runs; false (with
// `why`) when it is unknown or called with the wrong number of arguments.
bool CheckFunction(const std::string& name, size_t arity, std::string* why);

// toString() of a value.
Value ToStringValue(const Value& value);

}  // namespace steppe::query
