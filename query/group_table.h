#pragma once

#include <cstddef>
#include <cstdint>
#include <vector>

#include "query/exec_context.h"

namespace steppe::query {

// Open addressing over a vector of groups, for grouping without an
// allocation per lookup: each slot holds a group's index + 1 (0 when empty)
// beside 32 bits of its mixed hash, so that a probe of a big table costs one
// cache miss, not a second one to compare hashes; kept at most half full.
class GroupTable {
 public:
  // The index of the group with `hash` that `same(index)` accepts, or -1;
  // then Add() puts the next group where the search stopped.
  template <typename Same>
  int64_t Find(size_t hash, const Same& same) {
    size_t mask = slots_.size() - 1;
    uint64_t mixed = Mix(hash);
    auto tag = static_cast<uint32_t>(mixed);
    size_t i = mixed >> (64 - bits_);
    for (; slots_[i] != 0; i = (i + 1) & mask) {
      auto g = static_cast<uint32_t>(slots_[i]) - 1;
      if (static_cast<uint32_t>(slots_[i] >> 32) == tag && same(g)) return g;
    }
    free_slot_ = i;
    return -1;
  }
  // Makes room for `groups` groups at once (no rehash while they arrive).
  void Reserve(size_t groups) {
    while ((size_t{1} << bits_) < groups * 2) ++bits_;
    if (slots_.size() < (size_t{1} << bits_)) slots_.assign(size_t{1} << bits_, 0);
    hashes_.reserve(groups);
  }
  // Adds group number size() after a Find() of `hash` that failed.
  void Add(size_t hash) {
    if (hashes_.size() >= UINT32_MAX - 1) ThrowRuntimeError("more than 2^32 groups");
    hashes_.push_back(hash);
    slots_[free_slot_] = SlotValue(Mix(hash), hashes_.size());
    if (hashes_.size() * 2 > slots_.size()) Grow();
  }

 private:
  static uint64_t Mix(size_t hash) { return hash * 0x9E3779B97F4A7C15ULL; }
  static uint64_t SlotValue(uint64_t mixed, size_t group_plus_one) {
    return (mixed << 32) | group_plus_one;
  }
  void Grow() {
    ++bits_;
    slots_.assign(size_t{1} << bits_, 0);
    size_t mask = slots_.size() - 1;
    for (size_t g = 0; g < hashes_.size(); ++g) {
      uint64_t mixed = Mix(hashes_[g]);
      size_t i = mixed >> (64 - bits_);
      while (slots_[i] != 0) i = (i + 1) & mask;
      slots_[i] = SlotValue(mixed, g + 1);
    }
  }

  int bits_ = 4;
  std::vector<uint64_t> slots_ = std::vector<uint64_t>(16, 0);
  std::vector<size_t> hashes_;  // per group, for Grow()
  size_t free_slot_ = 0;
};

}  // namespace steppe::query
