#pragma once

#include <cstdint>
#include <map>
#include <string>
#include <vector>

namespace steppe::storage {

// What RocksStore::Check() found: how many entries it read in each column
// family, and every disagreement between records, indexes and counters.
struct CheckReport {
  std::map<std::string, uint64_t> entries;  // column family name -> entries read
  // One line per fault, naming the family and the key ("out 1/HOLDS_ROLE/2/7:
  // edge 7 does not exist"). Capped at kMaxProblems; `more_problems` counts the rest.
  std::vector<std::string> problems;
  uint64_t more_problems = 0;

  static constexpr size_t kMaxProblems = 1000;
  bool ok() const { return problems.empty(); }
};

}  // namespace steppe::storage
