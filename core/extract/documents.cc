// Laws and named agreements. Grammar, over the tokens of one sentence:
//   quoted law    Law [of the Republic of X] “On ...”
//   law on        [draft] law on <words>            -> "Law on <words>"
//   ratifying     law ratifying the agreement ...   -> "Law ratifying ..."
//   code          <Cap words> Code [of the Republic of X]
//   constitution  [new|draft|...] Constitution [of the Republic of X]  (one per article)
//   concept       Concept|Strategy for|of|on <words>;  <Cap words> Strategy|Act
//   resolution    [<Cap words>] Resolution <id>
//   agreement     <Cap words> Agreement | Agreement|Treaty|Convention|Roadmap|... on|between|to <words>

#include <algorithm>

#include "core/extract/lexicon.h"
#include "core/extract/mentions.h"

namespace steppe::extract {
namespace {

bool IsOpenQuote(const Token& t) {
  return t.IsPunct("\xE2\x80\x9C") || t.IsPunct("\"") || t.IsPunct("\xC2\xAB");
}
bool IsCloseQuote(const Token& t) {
  return t.IsPunct("\xE2\x80\x9D") || t.IsPunct("\"") || t.IsPunct("\xC2\xBB");
}

// Words that end a law's or agreement's name written in running text.
bool EndsName(const Token& t) {
  if (t.kind == Token::Kind::kPunct) return !(t.text == "-" || t.text == "\xE2\x80\x93");
  static constexpr std::string_view kStops[] = {
      "in", "at", "by", "was", "were", "has", "had", "have", "is", "are", "which", "that", "with",
      "during", "from", "will", "would", "worth", "signed", "approved", "adopted", "ratified",
      "its", "their", "as", "being", "been", "be", "after", "before", "following", "amounting",
      "valued", "providing", "aimed", "who", "whose", "within", "under", "through", "into"};
  for (std::string_view s : kStops)
    if (t.lower == s) return true;
  return false;
}

std::string Capitalized(std::string text) {
  if (!text.empty() && text[0] >= 'a' && text[0] <= 'z') text[0] = static_cast<char>(text[0] - 'a' + 'A');
  return text;
}

class DocumentFinder {
 public:
  DocumentFinder(SentenceState& s, EntityTable& table) : s_(s), t_(s.sentence.tokens), table_(table) {}
  void Run();

 private:
  size_t n() const { return t_.size(); }
  bool Cap(size_t i) const { return i < n() && t_[i].IsWord() && t_[i].capitalized; }
  // The end of "of the Republic of X" / "of X" after a law's name, or i.
  size_t CountryQualifierEnd(size_t i) const;
  size_t RunningNameEnd(size_t i, size_t max_words) const;
  void Add(EntityType type, size_t b, size_t e, const std::string& name, const std::string& alias = "");
  size_t QuotedLaw(size_t i);
  size_t LawOn(size_t i);
  size_t Code(size_t i);
  size_t Constitution(size_t i);
  size_t Concept(size_t i);
  size_t NamedAgreement(size_t i);
  size_t Resolution(size_t i);

  SentenceState& s_;
  const std::vector<Token>& t_;
  EntityTable& table_;
};

size_t DocumentFinder::CountryQualifierEnd(size_t i) const {
  if (i + 1 >= n() || !t_[i].Is("of")) return i;
  size_t k = i + 1;
  if (k < n() && t_[k].Is("the")) ++k;
  if (auto c = Lexicon::Get().MatchCountry(t_, k)) return k + c->tokens;
  return i;
}

size_t DocumentFinder::RunningNameEnd(size_t i, size_t max_words) const {
  size_t k = i;
  // A name in Title Case runs on past "in", "under", "with" before a capital
  // ("on Cooperation in the Field of Seed Certification").
  bool title_case = Cap(i) || (i < n() && t_[i].Is("the") && Cap(i + 1));
  const Lexicon& lex = Lexicon::Get();
  while (k < n() && k < i + max_words) {
    // A date ends the name: "... on mass media on Thursday", "... in May 2025".
    if (lex.Weekday(t_[k]) || (lex.Month(t_[k]) && t_[k].capitalized)) {
      if (k > i && (t_[k - 1].Is("on") || t_[k - 1].Is("in"))) --k;
      break;
    }
    if (EndsName(t_[k])) {
      bool inner = title_case && t_[k].IsWord() && (t_[k].Is("in") || t_[k].Is("under") || t_[k].Is("with")) &&
                   (Cap(k + 1) || (k + 2 < n() && t_[k + 1].Is("the") && Cap(k + 2)));
      if (!inner) break;
    }
    ++k;
  }
  while (k > i && (t_[k - 1].Is("and") || t_[k - 1].Is("the") || t_[k - 1].Is("of") || t_[k - 1].Is("on"))) --k;
  return k;
}

void DocumentFinder::Add(EntityType type, size_t b, size_t e, const std::string& name, const std::string& alias) {
  int id = table_.Find(type, name);
  // A headline shortens the body's law or agreement: "draft law on X" is
  // another name of the Law "On ..." the body gives in full.
  if (id < 0 && s_.headline) {
    for (size_t k = 0; k < table_.entities().size() && id < 0; ++k)
      if (table_.entities()[k].type == type && table_.entities()[k].name.rfind("Constitution", 0) != 0)
        id = static_cast<int>(k);
    if (id >= 0) table_.AddAlias(id, alias.empty() ? name : alias);
  }
  if (id < 0) id = table_.Add(type, name);
  if (id < 0) return;
  if (!alias.empty()) table_.AddAlias(id, alias);
  s_.mentions.push_back(Mention{type, b, e, id});
}

size_t DocumentFinder::QuotedLaw(size_t i) {
  // i is at "Law"/"law".
  size_t k = i + 1;
  k = CountryQualifierEnd(k);
  if (k >= n() || !IsOpenQuote(t_[k])) return i;
  size_t close = k + 1;
  while (close < n() && !IsCloseQuote(t_[close])) ++close;
  if (close >= n() || close == k + 1) return i;
  std::string inner = s_.Text(k + 1, close);
  if (!inner.empty() && (inner.back() == '.' || inner.back() == ',')) inner.pop_back();
  std::string name = Capitalized(s_.Text(i, close + 1));
  // Keep the closing quote right after the title, without a final period.
  std::string open = std::string(t_[k].text), shut = std::string(t_[close].text);
  name = Capitalized(s_.Text(i, k)) + " " + open + inner + shut;
  Add(EntityType::kLaw, i, close + 1, name, inner);
  return close + 1;
}

size_t DocumentFinder::LawOn(size_t i) {
  // "[draft] law on artificial intelligence", "law ratifying the agreement ..."
  size_t k = i + 1;
  if (k >= n()) return i;
  if (t_[k].Is("on") && !(k + 1 < n() && IsOpenQuote(t_[k + 1]))) {
    size_t e = RunningNameEnd(k + 1, 14);
    if (e <= k + 1) return i;
    std::string surface = s_.Text(i > 0 && t_[i - 1].Is("draft") ? i - 1 : i, e);
    Add(EntityType::kLaw, i, e, "Law on " + s_.Text(k + 1, e), surface);
    return e;
  }
  if (t_[k].Is("ratifying") || t_[k].Is("introducing") || t_[k].Is("amending")) {
    size_t e = k + 1;
    while (e < n() && e < k + 25 && !(t_[e].kind == Token::Kind::kPunct && t_[e].text != "-")) ++e;
    Add(EntityType::kLaw, i, e, "Law " + s_.Text(k, e));
    // "the law ratifying the agreement between A and B on ...": the agreement too.
    for (size_t a = k + 1; a + 1 < e; ++a)
      if (t_[a].Is("agreement") && (t_[a + 1].Is("between") || t_[a + 1].Is("on") || t_[a + 1].Is("with"))) {
        Add(EntityType::kAgreement, a, e, "Agreement " + s_.Text(a + 1, e));
        break;
      }
    return e;
  }
  return i;
}

size_t DocumentFinder::Code(size_t i) {
  // i at "Code"; the name starts at the capitalised words before it.
  size_t b = i;
  while (b > 0 && Cap(b - 1) && !t_[b - 1].Is("the") && !t_[b - 1].Is("new")) --b;
  if (b == i) return i + 1;
  size_t e = CountryQualifierEnd(i + 1);
  if (e == i + 1) e = i + 1;
  Add(EntityType::kLaw, b, e, s_.Text(b, e));
  return e;
}

size_t DocumentFinder::Constitution(size_t i) {
  size_t b = i;
  while (b > 0 && t_[b - 1].IsWord() && !t_[b - 1].capitalized &&
         (t_[b - 1].Is("new") || t_[b - 1].Is("draft") || t_[b - 1].Is("updated") ||
          t_[b - 1].Is("current") || t_[b - 1].Is("proposed") || t_[b - 1].Is("amended")))
    --b;
  size_t e = CountryQualifierEnd(i + 1);
  std::string full = s_.Text(i, e);
  int id = -1;
  for (size_t k = 0; k < table_.entities().size(); ++k) {
    const Entity& ent = table_.entities()[k];
    if (ent.type == EntityType::kLaw && ent.name.rfind("Constitution", 0) == 0) id = static_cast<int>(k);
  }
  if (id < 0) {
    id = table_.Add(EntityType::kLaw, full);
  } else if (full.size() > table_.at(id).name.size()) {
    table_.Rename(id, full);
  } else {
    table_.AddAlias(id, full);
  }
  if (b < i) table_.AddAlias(id, s_.Text(b, e));
  s_.mentions.push_back(Mention{EntityType::kLaw, b, e, id});
  return e;
}

size_t DocumentFinder::Concept(size_t i) {
  // "Concept for the Development of ... for 2026-2030", "Digital Qazaqstan Strategy".
  const Token& head = t_[i];
  size_t k = i + 1;
  if (k < n() && (t_[k].Is("for") || t_[k].Is("of") || t_[k].Is("on")) && !head.Is("act")) {
    size_t e = RunningNameEnd(k + 1, 18);
    // Years and "until 2030" belong to the name.
    while (e + 1 < n() && (t_[e].Is("for") || t_[e].Is("until") || t_[e].Is("in")) &&
           t_[e + 1].kind == Token::Kind::kNumber)
      e += 2;
    if (e > k + 1) {
      Add(EntityType::kLaw, i, e, s_.Text(i, e));
      return e;
    }
  }
  size_t b = i;
  while (b > 0 && Cap(b - 1) && !t_[b - 1].Is("the")) --b;
  if (b < i && (head.Is("strategy") || head.Is("act"))) {
    Add(EntityType::kLaw, b, i + 1, s_.Text(b, i + 1));
    return i + 1;
  }
  return i + 1;
}

size_t DocumentFinder::Resolution(size_t i) {
  // "General Conference Resolution GC(67)/RES/15", "UN Security Council Resolution 2231".
  size_t b = i;
  while (b > 0 && Cap(b - 1) && !t_[b - 1].Is("the")) --b;
  size_t e = i + 1;
  if (e < n() && (t_[e].kind == Token::Kind::kNumber || (t_[e].IsWord() && t_[e].all_upper))) {
    ++e;
    // The rest of an identifier written without spaces.
    while (e < n() && t_[e].text.data() == t_[e - 1].text.data() + t_[e - 1].text.size() &&
           !t_[e].IsPunct(",") && !t_[e].IsPunct("."))
      ++e;
  }
  if (e == i + 1 && b == i) return i + 1;
  Add(EntityType::kLaw, b, e, s_.Text(b, e));
  return e;
}

size_t DocumentFinder::NamedAgreement(size_t i) {
  size_t b = i;
  while (b > 0 && Cap(b - 1) && !t_[b - 1].Is("the") && b - 1 > 0) --b;
  size_t k = i + 1;
  if (k < n() && (t_[k].Is("on") || t_[k].Is("between") || t_[k].Is("to") || t_[k].Is("of"))) {
    size_t e = RunningNameEnd(k + 1, 40);
    while (e + 1 < n() && (t_[e].Is("for") || t_[e].Is("until")) && t_[e + 1].kind == Token::Kind::kNumber) e += 2;
    if (e > k + 1) {
      Add(EntityType::kAgreement, b, e, s_.Text(b, e));
      return e;
    }
  }
  if (b < i) {
    Add(EntityType::kAgreement, b, i + 1, s_.Text(b, i + 1));
    return i + 1;
  }
  return i + 1;
}

void DocumentFinder::Run() {
  if (s_.sentence.all_caps) return;  // a shouted headline: every word is capitalised
  for (size_t i = 0; i < n();) {
    const Token& t = t_[i];
    size_t next = i + 1;
    if (t.IsWord()) {
      if (t.Is("law")) {
        // A quoted title is read again word by word: it may name an agreement.
        size_t e = QuotedLaw(i);
        if (e == i) e = LawOn(i);
        else e = i + 1;
        next = e > i ? e : i + 1;
      } else if (t.capitalized && t.Is("code")) {
        next = Code(i);
      } else if (t.capitalized && (t.Is("constitution"))) {
        next = Constitution(i);
      } else if (t.capitalized && (t.Is("basic")) && i + 1 < n() && t_[i + 1].Is("law")) {
        size_t e = i + 2;
        for (size_t k = 0; k < table_.entities().size(); ++k) {
          const Entity& ent = table_.entities()[k];
          if (ent.type == EntityType::kLaw && ent.name.rfind("Constitution", 0) == 0) {
            table_.AddAlias(static_cast<int>(k), "Basic Law");
            s_.mentions.push_back(Mention{EntityType::kLaw, i, e, static_cast<int>(k)});
          }
        }
        next = e;
      } else if (t.capitalized && t.Is("resolution")) {
        next = Resolution(i);
      } else if (t.capitalized && (t.Is("concept") || t.Is("strategy") || t.Is("act"))) {
        next = Concept(i);
      } else if (t.capitalized && i > 0 &&
                 (t.Is("agreement") || t.Is("treaty") || t.Is("convention") ||
                  t.Is("roadmap") || t.Is("protocol") || t.Is("declaration") ||
                  t.Is("charter") || t.Is("memorandum"))) {
        next = NamedAgreement(i);
      }
    }
    i = std::max(next, i + 1);
  }
  std::sort(s_.mentions.begin(), s_.mentions.end(),
            [](const Mention& a, const Mention& b) { return a.begin < b.begin || (a.begin == b.begin && a.end > b.end); });
}

}  // namespace

void FindDocuments(SentenceState& sentence, EntityTable& table) { DocumentFinder(sentence, table).Run(); }

}  // namespace steppe::extract
