#include "query/name_index.h"

#include <algorithm>
#include <map>
#include <unordered_map>
#include <utility>

#include "core/fold.h"

namespace steppe::query {
namespace {

// Quality of a query word matching an indexed word.
constexpr double kExactWord = 1.0;
constexpr double kPrefixBase = 0.5;   // plus up to 0.4 as the prefix covers more of the word
constexpr double kOneEditAway = 0.6;
// Prefixes shorter than this, and fuzzy words shorter than kMinFuzzy, match
// too much to be useful.
constexpr size_t kMinPrefix = 2;
constexpr size_t kMinFuzzy = 4;

std::vector<std::string> SplitWords(std::string_view folded) {
  std::vector<std::string> words;
  size_t start = 0;
  while (start < folded.size()) {
    size_t end = folded.find(' ', start);
    if (end == std::string_view::npos) end = folded.size();
    if (end > start) words.emplace_back(folded.substr(start, end - start));
    start = end + 1;
  }
  return words;
}

// True when `a` and `b` differ by exactly one insertion, deletion or
// substitution.
bool OneEditApart(std::string_view a, std::string_view b) {
  if (a.size() > b.size()) std::swap(a, b);
  if (b.size() - a.size() > 1) return false;
  size_t i = 0;
  while (i < a.size() && a[i] == b[i]) ++i;
  if (i == a.size()) return b.size() == a.size() + 1;
  if (a.size() == b.size()) return a.substr(i + 1) == b.substr(i + 1);
  return a.substr(i) == b.substr(i + 1);
}

std::vector<std::string> NamesOf(const Node& node) {
  std::vector<std::string> names;
  auto name = node.props.find("name");
  if (name != node.props.end() && name->second.is_string()) names.push_back(name->second.as_string());
  auto aliases = node.props.find("aliases");
  if (aliases != node.props.end() && aliases->second.is_list()) {
    for (const Value& alias : aliases->second.as_list()) {
      if (alias.is_string()) names.push_back(alias.as_string());
    }
  }
  return names;
}

}  // namespace

Result<std::shared_ptr<const NameIndex>> NameIndex::Build(const storage::GraphReader& reader) {
  auto index = std::make_shared<NameIndex>();
  index->version_ = reader.Version();
  std::map<std::string, std::vector<uint32_t>, std::less<>> words;
  Status status;
  STEPPE_RETURN_IF_ERROR(reader.ScanNodes([&](NodeId id) {
    Result<Node> node = reader.GetNode(id);
    if (!node.ok()) {
      status = node.status();
      return false;
    }
    if (node->HasLabel(label::kArticle)) return true;
    std::vector<std::string> names = NamesOf(*node);
    if (names.empty()) return true;
    uint32_t entry = static_cast<uint32_t>(index->entries_.size());
    uint32_t fewest_words = UINT32_MAX;
    for (const std::string& name : names) {
      std::vector<std::string> folded = SplitWords(FoldName(name));
      if (folded.empty()) continue;
      fewest_words = std::min(fewest_words, static_cast<uint32_t>(folded.size()));
      for (std::string& word : folded) {
        std::vector<uint32_t>& holders = words[std::move(word)];
        if (holders.empty() || holders.back() != entry) holders.push_back(entry);
      }
    }
    if (fewest_words != UINT32_MAX) index->entries_.push_back(Entry{id, names.front(), fewest_words});
    return true;
  }));
  STEPPE_RETURN_IF_ERROR(status);
  index->words_.reserve(words.size());
  for (auto& [text, holders] : words) index->words_.push_back(Word{text, std::move(holders)});
  return std::shared_ptr<const NameIndex>(std::move(index));
}

std::vector<std::pair<uint32_t, double>> NameIndex::MatchWord(std::string_view query_word) const {
  std::unordered_map<uint32_t, double> best;
  auto credit = [&](const Word& word, double quality) {
    for (uint32_t entry : word.entries) {
      double& q = best[entry];
      q = std::max(q, quality);
    }
  };
  auto by_text = [](const Word& w, std::string_view t) { return w.text < t; };
  auto first = std::lower_bound(words_.begin(), words_.end(), query_word, by_text);
  // Words that start with query_word follow it (or equal it) in sorted order.
  for (auto it = first; it != words_.end() && it->text.starts_with(query_word); ++it) {
    if (it->text.size() == query_word.size()) {
      credit(*it, kExactWord);
    } else if (query_word.size() >= kMinPrefix) {
      double covered = static_cast<double>(query_word.size()) / static_cast<double>(it->text.size());
      credit(*it, kPrefixBase + 0.4 * covered);
    }
  }
  if (query_word.size() >= kMinFuzzy) {
    for (const Word& word : words_) {
      if (word.text != query_word && OneEditApart(word.text, query_word)) credit(word, kOneEditAway);
    }
  }
  return {best.begin(), best.end()};
}

std::vector<NameIndex::Hit> NameIndex::Search(std::string_view text, size_t limit) const {
  std::vector<std::string> query_words = SplitWords(FoldName(text));
  if (query_words.empty() || limit == 0) return {};
  // An entry must match every query word; its score adds up their qualities.
  std::unordered_map<uint32_t, double> total;
  for (size_t i = 0; i < query_words.size(); ++i) {
    std::unordered_map<uint32_t, double> next;
    for (auto [entry, quality] : MatchWord(query_words[i])) {
      if (i == 0) {
        next[entry] = quality;
      } else if (auto it = total.find(entry); it != total.end()) {
        next[entry] = it->second + quality;
      }
    }
    total = std::move(next);
    if (total.empty()) return {};
  }
  const double asked = static_cast<double>(query_words.size());
  std::vector<Hit> hits;
  hits.reserve(total.size());
  for (auto [entry, sum] : total) {
    const Entry& e = entries_[entry];
    // Matching all of a short name beats matching part of a long one.
    double coverage = std::min(1.0, asked / static_cast<double>(e.words));
    hits.push_back(Hit{e.node, e.name, 0.9 * (sum / asked) * (0.6 + 0.4 * coverage)});
  }
  auto better = [](const Hit& a, const Hit& b) {
    return a.score != b.score ? a.score > b.score : a.node < b.node;
  };
  if (hits.size() > limit) {
    std::partial_sort(hits.begin(), hits.begin() + static_cast<std::ptrdiff_t>(limit), hits.end(), better);
    hits.resize(limit);
  } else {
    std::sort(hits.begin(), hits.end(), better);
  }
  return hits;
}

}  // namespace steppe::query
