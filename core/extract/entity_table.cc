#include <algorithm>

#include "core/extract/article_state.h"
#include "core/fold.h"

namespace steppe::extract {
namespace {

std::string_view LastWord(std::string_view key) {
  size_t space = key.rfind(' ');
  return space == std::string_view::npos ? key : key.substr(space + 1);
}

size_t WordCount(std::string_view key) { return static_cast<size_t>(std::count(key.begin(), key.end(), ' ')) + 1; }

}  // namespace

unsigned KeywordsOf(const Sentence& sentence) {
  unsigned bits = 0;
  for (const Token& t : sentence.tokens) {
    if (t.lexicon & Lexicon::kMeetingWord) bits |= kMeetingWords;
    if (t.lexicon & Lexicon::kAgreementWord) bits |= kAgreementWords;
    if (t.lexicon & Lexicon::kLawWord) bits |= kLawWords;
    if (t.lexicon & Lexicon::kDiscussWord) bits |= kDiscussWords;
  }
  return bits;
}

std::string SentenceState::Text(size_t begin, size_t end) const {
  if (begin >= end || end > sentence.tokens.size()) return "";
  const char* first = sentence.tokens[begin].text.data();
  const Token& last = sentence.tokens[end - 1];
  return std::string(first, static_cast<size_t>(last.text.data() + last.text.size() - first));
}

const std::string& EntityTable::Key(std::string_view text) const {
  auto it = keys_.find(text);
  if (it != keys_.end()) return it->second;
  return keys_.emplace(std::string(text), FoldName(text)).first->second;
}

int EntityTable::Find(EntityType type, std::string_view name) const {
  auto it = by_key_.find(Key(name));
  if (it == by_key_.end()) return -1;
  for (int id : it->second)
    if (entities_[static_cast<size_t>(id)].type == type) return id;
  return -1;
}

int EntityTable::FindPersonBySurname(std::string_view surname) const {
  std::string key = Key(surname);
  if (key.empty()) return -1;
  int found = -1;
  for (size_t id = 0; id < entities_.size(); ++id) {
    const Entity& e = entities_[id];
    if (e.type != EntityType::kOfficial) continue;
    const std::string& name_key = name_keys_[id];
    if (WordCount(name_key) >= 2 && LastWord(name_key) == key) {
      if (found >= 0 && found != static_cast<int>(id)) return -1;  // ambiguous
      found = static_cast<int>(id);
    }
  }
  return found;
}

int EntityTable::Add(EntityType type, const std::string& name) {
  std::string key = Key(name);
  if (key.empty()) return -1;
  if (int id = Find(type, name); id >= 0) {
    AddAlias(id, name);
    return id;
  }
  if (type == EntityType::kOfficial) {
    // "Sadykov" after "Timur Sadykov", or "T. Sadykov": one person.
    if (int id = FindPersonBySurname(LastWord(key)); id >= 0) {
      const std::string& known = name_keys_[static_cast<size_t>(id)];
      bool same_initial = WordCount(key) == 1 || key.size() < 2 || known[0] == key[0];
      // "Al Rashid" after "Karim Nabil Al Rashid": the last words of the name.
      bool tail = known.size() > key.size() && known.compare(known.size() - key.size(), key.size(), key) == 0 &&
                  known[known.size() - key.size() - 1] == ' ';
      if ((same_initial || tail) && WordCount(key) <= WordCount(known)) {
        AddAlias(id, name);
        return id;
      }
    }
    // A full name after its surname alone: the full name becomes the name.
    if (WordCount(key) >= 2) {
      int single = Find(type, std::string(LastWord(name)));
      if (single >= 0) {
        Entity& e = entities_[static_cast<size_t>(single)];
        e.aliases.push_back(e.name);
        e.name = name;
        name_keys_[static_cast<size_t>(single)] = key;
        by_key_[key].push_back(single);
        return single;
      }
    }
  }
  if (type == EntityType::kBody) {
    // "Steplink" and "Steplink Logistics LLP", "Mazhilis" and
    // "Mazhilis of the Parliament of ...": the shorter form names the longer
    // one when exactly one body extends it.
    int longer = -1, shorter = -1, longer_count = 0, shorter_count = 0;
    for (size_t id = 0; id < entities_.size(); ++id) {
      if (entities_[id].type != EntityType::kBody) continue;
      const std::string& known = name_keys_[id];
      if (known.size() > key.size() && known.compare(0, key.size(), key) == 0 && known[key.size()] == ' ')
        longer = static_cast<int>(id), ++longer_count;
      if (key.size() > known.size() && key.compare(0, known.size(), known) == 0 && key[known.size()] == ' ')
        shorter = static_cast<int>(id), ++shorter_count;
    }
    if (longer_count == 1) {
      AddAlias(longer, name);
      return longer;
    }
    if (shorter_count == 1 && longer_count == 0) {
      Rename(shorter, name);
      return shorter;
    }
  }
  int id = static_cast<int>(entities_.size());
  entities_.push_back(Entity{type, name, {}});
  name_keys_.push_back(key);
  by_key_[key].push_back(id);
  return id;
}

void EntityTable::AddAlias(int id, const std::string& alias) {
  if (id < 0) return;
  Entity& e = entities_[static_cast<size_t>(id)];
  if (alias == e.name || std::find(e.aliases.begin(), e.aliases.end(), alias) != e.aliases.end()) return;
  std::string key = Key(alias);
  if (key.empty()) return;
  e.aliases.push_back(alias);
  auto& ids = by_key_[key];
  if (std::find(ids.begin(), ids.end(), id) == ids.end()) ids.push_back(id);
}

void EntityTable::Rename(int id, const std::string& name) {
  Entity& e = entities_[static_cast<size_t>(id)];
  if (e.name == name) return;
  std::string old = e.name;
  e.name = name;
  e.aliases.erase(std::remove(e.aliases.begin(), e.aliases.end(), name), e.aliases.end());
  name_keys_[static_cast<size_t>(id)] = Key(name);
  by_key_[name_keys_[static_cast<size_t>(id)]].push_back(id);
  AddAlias(id, old);
}

int EntityTable::FindAcronym(std::string_view acronym) const {
  auto it = acronyms_.find(std::string(acronym));
  return it == acronyms_.end() ? -1 : it->second;
}

void EntityTable::DefineAcronym(std::string_view acronym, int id) {
  acronyms_.emplace(std::string(acronym), id);
  AddAlias(id, std::string(acronym));
}

}  // namespace steppe::extract
