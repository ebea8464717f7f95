// Meetings, agreements and law actions, read from the mentions of each
// sentence and the words between them. Each rule names the English
// press-release construction it reads.

#include "core/extract/relations.h"

#include <algorithm>
#include <optional>
#include <set>

#include "core/extract/dates.h"
#include "core/extract/lexicon.h"

namespace steppe::extract {
namespace {

bool AnyOf(std::string_view lower, std::initializer_list<std::string_view> words) {
  if (lower.empty()) return false;
  for (std::string_view w : words)
    if (w.size() == lower.size() && w[0] == lower[0] && lower == w) return true;
  return false;
}

bool IsActor(const Mention& m) { return m.type == EntityType::kOfficial || m.type == EntityType::kBody; }

// Whether mention m stands after "in the presence of" (a witness, not a party).
bool InPresence(const SentenceState& s, const Mention& m) {
  const auto& t = s.sentence.tokens;
  size_t from = m.begin > 14 ? m.begin - 14 : 0;
  for (size_t k = from; k + 1 < m.begin; ++k) {
    if (t[k].Is("presence") && t[k + 1].Is("of")) {
      // The witness clause runs to the next comma or the end.
      for (size_t q = k; q < m.begin; ++q)
        if (t[q].IsPunct(",") || t[q].IsPunct(";")) return false;
      return true;
    }
  }
  return false;
}

// Whether the tokens between two mentions only join them ("A and B", "A, B").
bool Joined(const SentenceState& s, size_t from, size_t to, bool allow_titles) {
  const auto& t = s.sentence.tokens;
  const Lexicon& lex = Lexicon::Get();
  bool joiner = false;
  for (size_t k = from; k < to; ++k) {
    if (t[k].Is("and") || t[k].IsPunct(",")) {
      joiner = true;
      continue;
    }
    // "A and his Latvian counterpart B"
    if (t[k].IsWord() && (t[k].capitalized || AnyOf(t[k].lower, {"the", "of", "a", "an", "for", "to", "at", "his",
                                                                 "her", "their", "counterpart", "counterparts"})))
      continue;
    if (allow_titles && t[k].IsWord() && (lex.IsTitleHead(t[k]) || lex.IsTitleModifier(t[k])))
      continue;
    return false;
  }
  return joiner;
}

// The mentions that head one person or body each: a person's title brings
// bodies and countries that are not participants themselves.
std::vector<const Mention*> Heads(const SentenceState& s, size_t from, size_t to, bool officials_only) {
  std::vector<const Mention*> out;
  for (const Mention& m : s.mentions) {
    if (m.begin < from || m.end > to || m.entity < 0) continue;
    if (officials_only ? m.type != EntityType::kOfficial : !IsActor(m)) continue;
    if (InPresence(s, m)) continue;
    // Nested in a longer mention (an organisation inside another's name).
    bool nested = false;
    for (const Mention& o : s.mentions)
      if (&o != &m && o.begin <= m.begin && o.end >= m.end && (o.end - o.begin) > (m.end - m.begin) &&
          IsActor(o))
        nested = true;
    if (!nested) out.push_back(&m);
  }
  return out;
}

std::vector<std::string> Topics(const SentenceState& s) {
  const auto& t = s.sentence.tokens;
  std::vector<std::string> topics;
  for (size_t i = 0; i < t.size(); ++i) {
    size_t from = 0;
    if (AnyOf(t[i].lower, {"discussed", "discussing", "discuss", "reviewed", "considered"})) {
      from = i + 1;
    } else if (AnyOf(t[i].lower, {"on", "to"}) && i >= 1 &&
               AnyOf(t[i - 1].lower, {"views", "focused", "attention", "emphasis", "opinions"})) {
      from = i + 1;
    } else {
      continue;
    }
    std::string current;
    size_t words = 0;
    auto flush = [&]() {
      while (!current.empty() && current.back() == ' ') current.pop_back();
      if (!current.empty() && words >= 2) topics.push_back(current);
      current.clear();
      words = 0;
    };
    for (size_t k = from; k < t.size(); ++k) {
      const Token& w = t[k];
      if (w.IsPunct(".") || w.IsPunct(";") || w.IsPunct(":")) break;
      if (w.IsPunct(",") || (w.Is("and") && words >= 3) || w.Is("including")) {
        flush();
        continue;
      }
      if (w.Is("as") && k + 2 < t.size() && t[k + 1].Is("well") && t[k + 2].Is("as")) {
        flush();
        k += 2;
        continue;
      }
      if (words == 0 && AnyOf(w.lower, {"the", "a", "an", "issues", "of"})) continue;
      if (words >= 10) continue;
      if (!current.empty() && w.kind != Token::Kind::kPunct) current += ' ';
      current += std::string(w.text);
      ++words;
    }
    flush();
    break;
  }
  if (topics.size() > 6) topics.resize(6);
  return topics;
}

std::optional<std::string> PlaceOf(const SentenceState& s, const EntityTable& table) {
  const auto& t = s.sentence.tokens;
  const Lexicon& lex = Lexicon::Get();
  for (size_t i = 0; i + 1 < t.size(); ++i) {
    if (!(t[i].Is("in") || t[i].Is("at"))) continue;
    size_t k = i + 1;
    if (k < t.size() && t[k].Is("the")) continue;  // "in the field of", "at the invitation"
    if (!(t[k].IsWord() && t[k].capitalized) || lex.Month(t[k]) || lex.Weekday(t[k])) continue;
    size_t e = k;
    while (e < t.size() && t[e].IsWord() && t[e].capitalized) ++e;
    std::string place(t[k].text.data(), static_cast<size_t>(t[e - 1].text.data() + t[e - 1].text.size() - t[k].text.data()));
    // Not a person, and not an organisation that is a party elsewhere.
    if (table.Find(EntityType::kOfficial, place) >= 0) continue;
    return place;
  }
  return std::nullopt;
}

bool MentionsMeeting(const SentenceState& s) {
  for (const Token& w : s.sentence.tokens)
    if ((w.lexicon & Lexicon::kMeetingWord) && AnyOf(w.lower, {"meeting", "talks", "met", "meet", "meets", "negotiations", "received", "receives"}))
      return true;
  return false;
}

struct MeetingTrigger {
  size_t pos = 0;       // the verb or noun
  size_t object = 0;    // where the counterpart's mentions start
  bool between = false;  // "talks between A and B": both sides follow
  bool remote = false;
  bool joint_subject = false;  // "A and B held talks": both sides come before
};

std::optional<MeetingTrigger> FindMeetingTrigger(const SentenceState& s) {
  const auto& t = s.sentence.tokens;
  bool remote = false;
  for (const Token& w : t) remote |= AnyOf(w.lower, {"telephone", "phone", "online", "video", "videoconference"});
  for (size_t i = 0; i < t.size(); ++i) {
    const Token& w = t[i];
    if (!(w.lexicon & Lexicon::kMeetingWord)) continue;  // every trigger below is one
    if (w.Is("met")) {
      size_t k = i + 1;
      for (size_t q = i + 1; q < t.size() && q < i + 5; ++q)
        if (t[q].Is("with")) {
          k = q + 1;
          break;
        }
      return MeetingTrigger{i, k, false, remote};
    }
    if (AnyOf(w.lower, {"held", "had", "hold", "holds"})) {
      if (w.Is("hold") && i >= 1 && t[i - 1].Is("to")) continue;  // "agreed to hold consultations"
      for (size_t q = i + 1; q < t.size() && q < i + 6; ++q) {
        if (AnyOf(t[q].lower, {"talks", "meeting", "negotiations", "conversation", "call", "consultations", "meetings"})) {
          for (size_t r = q + 1; r < t.size() && r < q + 5; ++r)
            if (t[r].Is("with")) return MeetingTrigger{i, r + 1, false, remote};
          // "A and B held a bilateral meeting": both sides are the subject.
          return MeetingTrigger{i, i, false, remote, true};
        }
      }
    }
    if (AnyOf(w.lower, {"spoke", "talked"})) {
      for (size_t r = i + 1; r < t.size() && r < i + 5; ++r)
        if (t[r].Is("with")) return MeetingTrigger{i, r + 1, false, true};
    }
    if (w.Is("received") || w.Is("receives")) {
      if (i + 1 < t.size() && t[i + 1].Is("by")) return MeetingTrigger{i, i + 2, false, remote};
      return MeetingTrigger{i, i + 1, false, remote};
    }
    if (AnyOf(w.lower, {"talks", "meeting", "negotiations", "conversation"}) && i + 1 < t.size() &&
        (t[i + 1].Is("between") || (t[i + 1].Is("of") && w.lower != "talks")))
      return MeetingTrigger{i, i + 2, true, remote};  // "a trilateral meeting of A, B and C"
  }
  return std::nullopt;
}

void AddMeeting(std::vector<Meeting>& out, Meeting m) {
  std::vector<std::string> key = m.participants;
  std::sort(key.begin(), key.end());
  for (Meeting& old : out) {
    std::vector<std::string> k2 = old.participants;
    std::sort(k2.begin(), k2.end());
    if (k2 == key) {
      for (auto& topic : m.topics)
        if (std::find(old.topics.begin(), old.topics.end(), topic) == old.topics.end()) old.topics.push_back(topic);
      return;
    }
  }
  out.push_back(std::move(m));
}

}  // namespace

void FindMeetings(std::vector<SentenceState>& sentences, EntityTable& table, const ArticleContext& context,
                  std::vector<Meeting>& out) {
  int focus = -1;  // the person the last meeting sentence was about
  bool meeting_context = false;
  std::optional<std::string> last_date;
  for (size_t si = 0; si < sentences.size(); ++si) {
    SentenceState& s = sentences[si];
    if (!(s.keywords & (kMeetingWords | kDiscussWords))) continue;
    if (s.headline) {
      meeting_context |= MentionsMeeting(s);
      continue;
    }
    const auto& t = s.sentence.tokens;
    std::vector<int> participants;
    auto add = [&](int id) {
      if (id >= 0 && std::find(participants.begin(), participants.end(), id) == participants.end())
        participants.push_back(id);
    };
    std::optional<MeetingTrigger> trigger = FindMeetingTrigger(s);
    if (trigger) {
      if (trigger->between) {
        std::vector<const Mention*> after = Heads(s, trigger->object, t.size(), true);
        for (size_t k = 0; k < after.size(); ++k) {
          if (k > 0 && !Joined(s, after[k - 1]->end, after[k]->begin, true)) break;
          add(after[k]->entity);
        }
      } else if (trigger->joint_subject) {
        std::vector<const Mention*> before = Heads(s, 0, trigger->pos, true);
        for (size_t k = before.size(); k-- > 0;) {
          add(before[k]->entity);
          if (k == 0 || !Joined(s, before[k - 1]->end, before[k]->begin, true)) break;
        }
      } else {
        std::vector<const Mention*> before = Heads(s, 0, trigger->pos, true);
        if (before.empty()) before = Heads(s, 0, trigger->pos, false);
        if (!before.empty()) {
          add(before.back()->entity);
        } else if (focus >= 0) {
          add(focus);  // "He met with ...", "The Minister received ..."
        }
        std::vector<const Mention*> after = Heads(s, trigger->object, t.size(), true);
        if (after.empty()) {
          std::vector<const Mention*> bodies = Heads(s, trigger->object, t.size(), false);
          if (!bodies.empty() && bodies.front()->begin <= trigger->object + 6) add(bodies.front()->entity);
        } else {
          add(after.front()->entity);
          for (size_t k = 1; k < after.size(); ++k) {
            if (!Joined(s, after[k - 1]->end, after[k]->begin, true)) break;
            add(after[k]->entity);
          }
        }
      }
    } else if (meeting_context) {
      // "A, B and C discussed ...": the participants of a meeting reported before.
      for (size_t i = 0; i < t.size(); ++i) {
        if (!AnyOf(t[i].lower, {"discussed", "exchanged", "reviewed"})) continue;
        std::vector<const Mention*> before = Heads(s, 0, i, true);
        if (before.size() >= 2) {
          bool joined = true;
          for (size_t k = 1; k < before.size(); ++k) joined &= Joined(s, before[k - 1]->end, before[k]->begin, true);
          if (joined)
            for (const Mention* m : before) add(m->entity);
        }
        break;
      }
    }
    meeting_context |= MentionsMeeting(s);
    if (participants.size() < 2) continue;
    focus = participants.front();
    Meeting meeting;
    for (int id : participants) meeting.participants.push_back(table.at(id).name);
    meeting.date = FindDate(t, context.date);
    bool same_day = false;
    for (size_t i = 0; i + 2 < t.size(); ++i)
      same_day |= (t[i].Is("earlier") || t[i].Is("later")) && (t[i + 1].Is("in") || t[i + 1].Is("that")) &&
                  (t[i + 2].Is("the") || t[i + 2].Is("day"));
    if (!meeting.date && same_day) meeting.date = last_date;
    last_date = meeting.date;
    if (!trigger || !trigger->remote) {
      meeting.place = PlaceOf(s, table);
      if (!meeting.place && !context.dateline_place.empty()) meeting.place = context.dateline_place;
    }
    meeting.topics = Topics(s);
    for (size_t k = si + 1; k < sentences.size() && k <= si + 2 && meeting.topics.empty(); ++k)
      if (!sentences[k].headline && (sentences[k].keywords & kDiscussWords) && !FindMeetingTrigger(sentences[k]))
        meeting.topics = Topics(sentences[k]);
    meeting.sentence = std::string(s.sentence.text);
    AddMeeting(out, std::move(meeting));
  }
}

namespace {

std::optional<std::string> AgreementKind(const Token& w) {
  if (!(w.lexicon & Lexicon::kAgreementWord)) return std::nullopt;  // every kind is one
  if (AnyOf(w.lower, {"agreement", "agreements"})) return "agreement";
  if (AnyOf(w.lower, {"memorandum", "memoranda", "memorandums"})) return "memorandum";
  if (AnyOf(w.lower, {"contract", "contracts"})) return "contract";
  if (AnyOf(w.lower, {"treaty", "treaties"})) return "treaty";
  if (AnyOf(w.lower, {"roadmap", "roadmaps"})) return "roadmap";
  if (AnyOf(w.lower, {"protocol", "protocols"})) return "protocol";
  if (AnyOf(w.lower, {"declaration", "declarations"})) return "declaration";
  return std::nullopt;
}

bool IsPlural(const Token& w) {
  return AnyOf(w.lower, {"agreements", "memoranda", "memorandums", "contracts", "treaties", "roadmaps", "protocols"});
}

// "USD 20 million", "$108 million", "KZT 3 billion", with "more than" / "up to" kept.
std::optional<std::string> MoneyIn(const std::vector<Token>& t, size_t from, size_t to) {
  for (size_t i = from; i < to && i < t.size(); ++i) {
    std::string currency;
    size_t num = i + 1;
    if (AnyOf(t[i].text, {"USD", "KZT", "EUR", "US$", "RUB", "CNY", "AED", "GBP", "JPY", "$", "€", "\xE2\x82\xAC"})) {
      currency = t[i].text == "$" || t[i].text == "US$" ? "USD" : (t[i].text == "\xE2\x82\xAC" ? "EUR" : std::string(t[i].text));
      if (t[i].text == "US" && i + 1 < t.size() && t[i + 1].IsPunct("$")) num = i + 2;
    } else if (t[i].text == "US" && i + 2 < t.size() && t[i + 1].IsPunct("$")) {
      currency = "USD";
      num = i + 2;
    } else {
      continue;
    }
    if (num >= t.size() || t[num].kind != Token::Kind::kNumber) continue;
    std::string value = currency + " " + std::string(t[num].text);
    if (num + 1 < t.size() && AnyOf(t[num + 1].lower, {"million", "billion", "trillion", "thousand"}))
      value += " " + std::string(t[num + 1].text);
    std::string qualifier;
    if (i >= 2 && t[i - 2].Is("more") && t[i - 1].Is("than")) qualifier = "more than ";
    if (i >= 2 && t[i - 2].Is("up") && t[i - 1].Is("to")) qualifier = "up to ";
    if (i >= 1 && AnyOf(t[i - 1].lower, {"approximately", "about", "over", "around", "nearly"}))
      qualifier = std::string(t[i - 1].lower) + " ";
    return qualifier + value;
  }
  return std::nullopt;
}

// Mentions usable as parties in [from, to): bodies, officials, and countries
// named as states (not adjectives, not "Kazakhstan's" before a company).
std::vector<int> PartiesIn(SentenceState& s, EntityTable& table, size_t from, size_t to, bool inside_documents) {
  const auto& t = s.sentence.tokens;
  std::vector<int> out;
  auto push = [&](int id) {
    if (id >= 0 && std::find(out.begin(), out.end(), id) == out.end()) out.push_back(id);
  };
  std::vector<std::pair<size_t, int>> found;  // position, entity
  for (const Mention& m : s.mentions) {
    if (m.begin < from || m.end > to || m.entity < 0 || InPresence(s, m)) continue;
    if (m.type == EntityType::kCountry) {
      if (m.adjective) continue;
      if (m.end < t.size() && t[m.end].Is("'s")) continue;
    } else if (!IsActor(m)) {
      continue;
    }
    bool nested = false;
    for (const Mention& o : s.mentions)
      if (&o != &m && o.begin <= m.begin && o.end >= m.end && (o.end - o.begin) > (m.end - m.begin) &&
          (IsActor(o) || (!inside_documents && (o.type == EntityType::kLaw || o.type == EntityType::kAgreement))))
        nested = true;
    if (!nested) found.emplace_back(m.begin, m.entity);
  }
  for (const Unknown& u : s.unknowns) {
    if (u.begin < from || u.end > to) continue;
    bool covered = false;
    for (const Mention& m : s.mentions) covered |= m.begin <= u.begin && m.end >= u.end && m.type != EntityType::kCountry;
    if (covered) continue;
    int id = table.Add(EntityType::kBody, s.Text(u.begin, u.end));
    s.mentions.push_back(Mention{EntityType::kBody, u.begin, u.end, id});
    found.emplace_back(u.begin, id);
  }
  std::sort(found.begin(), found.end());
  // Prefer organisations: a country that is only a place is not a party when
  // organisations are named.
  bool any_body = false;
  for (auto& [pos, id] : found) any_body |= table.at(id).type != EntityType::kCountry;
  for (auto& [pos, id] : found)
    if (!any_body || table.at(id).type != EntityType::kCountry) push(id);
  return out;
}

std::vector<int> CountriesIn(const SentenceState& s, size_t from, size_t to) {
  std::vector<int> out;
  for (const Mention& m : s.mentions)
    if (m.type == EntityType::kCountry && m.begin >= from && m.end <= to && m.entity >= 0 &&
        std::find(out.begin(), out.end(), m.entity) == out.end())
      out.push_back(m.entity);
  return out;
}

bool IsSignVerb(const Token& w) {
  // Every signing verb is an agreement word.
  return (w.lexicon & Lexicon::kAgreementWord) && AnyOf(w.lower, {"signed", "concluded", "inked", "sign", "signs", "conclude", "initialed", "reached", "ratifying", "ratified", "ratify"});
}

}  // namespace

void FindAgreements(std::vector<SentenceState>& sentences, EntityTable& table, const ArticleContext& context,
                    std::vector<AgreementFact>& out) {
  int kazakhstan = table.Find(EntityType::kCountry, "Kazakhstan");
  // The one foreign country the whole article names, if only one.
  int article_foreign = -1, foreign_count = 0;
  for (size_t id = 0; id < table.entities().size(); ++id)
    if (table.entities()[id].type == EntityType::kCountry && table.entities()[id].name != "Kazakhstan")
      article_foreign = static_cast<int>(id), ++foreign_count;
  if (foreign_count != 1) article_foreign = -1;
  bool signing_before = false;  // the previous sentence reported a signing
  std::vector<int> last_subject;  // who signed in the last sentence that said so
  for (SentenceState& s : sentences) {
    bool signing_here = false;  // every signing verb is one of the agreement words
    if (s.keywords & kAgreementWords)
      for (const Token& w : s.sentence.tokens) signing_here |= IsSignVerb(w);
    bool carry = signing_before;
    signing_before = signing_here;
    if (s.headline || !(s.keywords & kAgreementWords)) continue;
    const auto& t = s.sentence.tokens;
    // Clauses: split at ", while", "; " and ", and" before a new subject.
    std::vector<std::pair<size_t, size_t>> clauses;
    size_t start = 0;
    for (size_t i = 0; i < t.size(); ++i) {
      bool cut = t[i].IsPunct(";") || (t[i].IsPunct(",") && i + 1 < t.size() && AnyOf(t[i + 1].lower, {"while", "whereas"})) ||
                 (t[i].Is("while") && i > 0 && !t[i - 1].IsPunct(","));
      if (cut) {
        clauses.emplace_back(start, i);
        start = i + 1;
      }
    }
    clauses.emplace_back(start, t.size());
    for (auto [cb, ce] : clauses) {
      std::optional<std::string> kind;
      bool plural = false, sign = false, agreed = false, passive_by = false;
      size_t verb = ce;
      for (size_t i = cb; i < ce; ++i) {
        if (auto k = AgreementKind(t[i]); k && !kind) {
          kind = k;
          plural = IsPlural(t[i]);
        }
        if (IsSignVerb(t[i]) && verb == ce) {
          sign = true;
          verb = i;
          if (i + 1 < ce && t[i + 1].Is("by")) passive_by = true;
        }
        if ((t[i].Is("agreed") || t[i].Is("agree")) && i + 1 < ce && (t[i + 1].Is("to") || t[i + 1].Is("on"))) {
          bool consult = i + 2 < ce && AnyOf(t[i + 2].lower, {"hold", "continue", "meet", "maintain", "consider", "work", "discuss", "explore", "study"});
          if (!consult) {
            agreed = true;
            if (verb == ce) verb = i;
          }
        }
      }
      // "The largest of them is a contract between A and B", after a sentence
      // that reports the signing.
      bool listed = false;
      if (kind && !sign && carry)
        for (size_t i = cb; i + 1 < ce; ++i) listed |= AgreementKind(t[i]) && !t[i].capitalized && t[i + 1].Is("between");
      if (!((kind && sign) || agreed || listed)) continue;
      if (!kind) kind = "agreement";
      std::vector<std::vector<int>> groups;
      // "between X and Y[, and between Z and W]"
      for (size_t i = cb; i < ce; ++i) {
        if (!t[i].Is("between")) continue;
        size_t e = i + 1;
        while (e < ce && !t[e].Is("between") && !(t[e].IsPunct(",") && e + 2 < ce && t[e + 1].Is("and") && t[e + 2].Is("between")) &&
               !AnyOf(t[e].lower, {"on", "for", "to", "in", "worth", "with", "aimed", "providing", "which", "that"}))
          ++e;
        std::vector<int> parties = PartiesIn(s, table, i + 1, e, true);
        if (!parties.empty()) groups.push_back(parties);
      }
      if (groups.empty() && !passive_by && verb < ce) {
        // "X and Y signed ... [with Z and W]"
        std::vector<int> subject = PartiesIn(s, table, cb, verb, false);
        // The subject is the last run of parties right before the verb.
        std::vector<int> with;
        for (size_t i = verb; i < ce; ++i)
          if (t[i].Is("with")) {
            size_t e = i + 1;
            while (e < ce && !AnyOf(t[e].lower, {"on", "for", "to", "in", "worth", "aimed", "providing", "which", "that"}) &&
                   !(t[e].IsPunct(",") && !(e + 1 < ce && (t[e + 1].IsWord() && t[e + 1].capitalized))))
              ++e;
            with = PartiesIn(s, table, i + 1, e, false);
            break;
          }
        // "An agreement was signed with Z": the signer of the sentence before.
        bool passive_with = verb >= 1 && AnyOf(t[verb - 1].lower, {"was", "were"}) && !with.empty();
        if (subject.empty() && passive_with) subject = last_subject;
        if (!subject.empty()) last_subject = subject;
        if (!subject.empty()) {
          if (with.empty()) {
            groups.push_back(subject);
          } else if (plural && with.size() > 1) {
            for (int w : with) {
              std::vector<int> g = subject;
              g.push_back(w);
              groups.push_back(g);
            }
          } else {
            std::vector<int> g = subject;
            g.insert(g.end(), with.begin(), with.end());
            groups.push_back(g);
          }
        }
      }
      for (std::vector<int>& parties : groups) {
        bool persons_only = true;
        for (int id : parties) persons_only &= table.at(id).type == EntityType::kOfficial;
        if (parties.empty() || (persons_only && parties.size() < 2)) continue;
        AgreementFact fact;
        fact.kind = kind;
        for (int id : parties) fact.parties.push_back(table.at(id).name);
        std::vector<int> countries = CountriesIn(s, 0, t.size());
        for (int id : parties)
          if (table.at(id).type == EntityType::kCountry && std::find(countries.begin(), countries.end(), id) == countries.end())
            countries.push_back(id);
        bool foreign = false;
        for (int id : countries) foreign |= id != kazakhstan;
        if (!foreign)
          for (int id : context.headline_countries)
            if (std::find(countries.begin(), countries.end(), id) == countries.end()) {
              countries.push_back(id);
              foreign |= id != kazakhstan;
            }
        if (!foreign && article_foreign >= 0) countries.push_back(article_foreign);
        if (kazakhstan < 0) kazakhstan = table.Add(EntityType::kCountry, "Kazakhstan");
        if (std::find(countries.begin(), countries.end(), kazakhstan) == countries.end()) countries.push_back(kazakhstan);
        for (int id : countries) fact.countries.push_back(table.at(id).name);
        fact.value = MoneyIn(t, cb, ce);
        if (!fact.value) fact.value = MoneyIn(t, 0, t.size());
        fact.date = FindDate(t, context.date);
        for (const Mention& m : s.mentions)
          if (m.type == EntityType::kAgreement && m.begin >= cb && m.end <= ce) fact.name = table.at(m.entity).name;
        // The topic: "on <words>" or "for the supply of <words>" after the kind.
        for (size_t i = verb; i < ce; ++i) {
          const Lexicon& lex = Lexicon::Get();
          if (AnyOf(t[i].lower, {"on", "for"}) && i + 1 < ce && !t[i + 1].IsPunct(",") &&
              !lex.Weekday(t[i + 1]) && !lex.Month(t[i + 1])) {
            size_t e = i + 1;
            while (e < ce && e < i + 14 && !(t[e].kind == Token::Kind::kPunct && t[e].text != "-") &&
                   !AnyOf(t[e].lower, {"worth", "valued", "with", "between", "while"}))
              ++e;
            if (e > i + 1) fact.topic = s.Text(AnyOf(t[i + 1].lower, {"the"}) ? i + 2 : i + 1, e);
            break;
          }
        }
        fact.sentence = std::string(s.sentence.text);
        bool duplicate = false;
        for (const AgreementFact& old : out) {
          std::set<std::string> a(old.parties.begin(), old.parties.end()), b(fact.parties.begin(), fact.parties.end());
          duplicate |= a == b && old.kind == fact.kind;
        }
        if (!duplicate) out.push_back(std::move(fact));
      }
    }
  }
}

namespace {

std::optional<std::string> LawActionOf(const Token& w) {
  if (!(w.lexicon & Lexicon::kLawWord)) return std::nullopt;  // every action verb is one
  if (AnyOf(w.lower, {"approved", "approves", "approve"})) return "approved";
  if (AnyOf(w.lower, {"adopted", "adopts", "passed"})) return "adopted";
  if (AnyOf(w.lower, {"signed", "signs"})) return "signed";
  if (AnyOf(w.lower, {"ratified", "ratifies"})) return "ratified";
  if (AnyOf(w.lower, {"submitted", "initiated"})) return "submitted";
  if (AnyOf(w.lower, {"developed", "drafted", "prepared"})) return "drafted";
  if (AnyOf(w.lower, {"amended"})) return "amended";
  return std::nullopt;
}

bool IsLawBackReference(const std::vector<Token>& t, size_t i) {
  if (t[i].Is("bill")) return true;
  if (t[i].Is("law") && i >= 1 && AnyOf(t[i - 1].lower, {"the", "draft", "new", "this"})) return true;
  return false;
}

}  // namespace

void FindLawActions(std::vector<SentenceState>& sentences, EntityTable& table, const ArticleContext& context,
                    std::vector<LawAction>& out) {
  int main_law = -1;
  auto nested_in_actor = [](const SentenceState& s, const Mention& m) {
    for (const Mention& o : s.mentions)
      if (&o != &m && o.begin <= m.begin && o.end >= m.end && (o.end - o.begin) > (m.end - m.begin) && IsActor(o))
        return true;
    return false;
  };
  for (SentenceState& s : sentences) {
    if (s.headline) continue;
    const auto& t = s.sentence.tokens;
    for (const Mention& m : s.mentions)
      if (m.type == EntityType::kLaw && main_law < 0) main_law = m.entity;
    if (!(s.keywords & kLawWords)) continue;
    // Each action verb reads its own clause: "The Mazhilis approved the bill on
    // February 11, and the Senate adopted it on March 5."
    std::vector<size_t> verbs;
    for (size_t v = 0; v < t.size(); ++v)
      if (LawActionOf(t[v])) verbs.push_back(v);
    bool last_passive = false;
    int last_law = -1;
    for (size_t vi = 0; vi < verbs.size(); ++vi) {
      size_t v = verbs[vi];
      size_t clause_begin = vi > 0 ? verbs[vi - 1] + 1 : 0;
      size_t clause_end = vi + 1 < verbs.size() ? verbs[vi + 1] : t.size();
      std::string action = *LawActionOf(t[v]);
      // "was developed by the ministry and approved by the Mazhilis": the
      // second verb shares the first one's passive.
      bool coordinated = v >= 1 && t[v - 1].Is("and") && last_passive;
      bool passive = v >= 1 && (AnyOf(t[v - 1].lower, {"was", "were", "been", "is", "be", "being"}) || coordinated);
      last_passive = passive;
      // The law: a law mention after an active verb, before a passive one
      // ("The Law ..., adopted in 2001"), or "the bill" / "it" standing for the article's law.
      int law = -1;
      EntityType law_type = EntityType::kLaw;
      const Mention* law_mention = nullptr;
      auto pick = [&](const Mention& m) {
        law = m.entity;
        law_type = m.type;
        law_mention = &m;
      };
      if (!passive) {
        for (const Mention& m : s.mentions)
          if ((m.type == EntityType::kLaw || m.type == EntityType::kAgreement) && m.begin > v && m.begin <= v + 8 &&
              m.begin < clause_end) {
            pick(m);
            break;
          }
      }
      if (law < 0) {
        for (const Mention& m : s.mentions)
          if (m.type == EntityType::kLaw && m.end <= v && m.end + 6 >= v && m.begin >= clause_begin) pick(m);
      }
      if (law < 0 && main_law >= 0) {
        size_t from = passive ? std::max(clause_begin, v > 8 ? v - 8 : size_t{0}) : v + 1;
        size_t to = passive ? v : std::min(clause_end, v + 6);
        for (size_t k = from; k < to; ++k)
          if (IsLawBackReference(t, k) || (!passive && k == v + 1 && t[k].Is("it"))) law = main_law;
      }
      if (law < 0 && coordinated) law = last_law;
      if (law < 0) continue;
      last_law = law;
      if (law_type == EntityType::kAgreement && action != "ratified") continue;
      // The actor: "by X" after the verb, else the subject: the first person or
      // body of the clause ("Mazhilis, a lower house of the Parliament, has approved").
      int actor = -1;
      if (v + 1 < t.size() && t[v + 1].Is("by")) {
        // "initiated by Kazakhstan": a state acts too.
        for (const Mention& m : s.mentions)
          if ((IsActor(m) || (m.type == EntityType::kCountry && !m.adjective)) && m.begin >= v + 2 && m.begin <= v + 4) {
            actor = m.entity;
            break;
          }
      } else if (!passive) {
        for (const Mention& m : s.mentions) {
          if (!IsActor(m) || m.begin < clause_begin || m.end > v || nested_in_actor(s, m)) continue;
          if (law_mention && m.begin >= law_mention->begin && m.end <= law_mention->end) continue;
          actor = m.entity;
          break;
        }
      } else if (law_mention && law_mention->begin >= 2 && t[law_mention->begin - 1].Is("'s")) {
        for (const Mention& m : s.mentions)
          if (IsActor(m) && m.end + 1 == law_mention->begin) actor = m.entity;
      } else if (t.size() > 4 && t[0].Is("at") && t[1].Is("the") && (t[3].Is("of") || t[4].Is("of"))) {
        // "At the session of the Government ..., the Concept was approved."
        for (const Mention& m : s.mentions)
          if (m.type == EntityType::kBody && m.begin <= 6 && !nested_in_actor(s, m)) {
            actor = m.entity;
            break;
          }
      }
      if (actor < 0 && !passive) {
        // "senators adopted", "deputies approved": the chamber they sit in.
        for (size_t k = clause_begin; k < v; ++k) {
          std::string_view chamber = t[k].Is("senators") ? "Senate" : (t[k].Is("deputies") ? "Mazhilis" : "");
          if (chamber.empty()) continue;
          for (size_t id = 0; id < table.entities().size(); ++id) {
            const Entity& e = table.entities()[id];
            if (e.type == EntityType::kBody && (e.name.rfind(chamber, 0) == 0 ||
                                                (chamber == "Mazhilis" && e.name.rfind("Majilis", 0) == 0)))
              actor = static_cast<int>(id);
          }
        }
      }
      if (actor < 0 && (action == "submitted" || action == "drafted")) continue;
      LawAction la;
      la.law = table.at(law).name;
      if (actor >= 0) la.actor = table.at(actor).name;
      la.action = action;
      std::vector<Token> clause(t.begin() + static_cast<std::ptrdiff_t>(clause_begin),
                                t.begin() + static_cast<std::ptrdiff_t>(clause_end));
      la.date = FindDate(clause, context.date);
      for (size_t k = clause_begin; k + 1 < clause_end; ++k)
        if ((t[k].Is("first") || t[k].Is("second") || t[k].Is("third")) && t[k + 1].Is("reading"))
          la.detail = std::string(t[k].lower) + " reading";
      la.sentence = std::string(s.sentence.text);
      bool duplicate = false;
      for (const LawAction& old : out)
        duplicate |= old.law == la.law && old.action == la.action && old.actor == la.actor && old.date == la.date;
      if (duplicate) continue;
      out.push_back(la);
      // Signing a law that ratifies an agreement ratifies the agreement.
      if (action == "signed" && table.at(law).name.find("atif") != std::string::npos) {
        for (const Mention& m : s.mentions) {
          if (m.type != EntityType::kAgreement) continue;
          int kz = table.Find(EntityType::kCountry, "Kazakhstan");
          if (kz < 0) kz = table.Add(EntityType::kCountry, "Kazakhstan");
          LawAction r;
          r.law = table.at(m.entity).name;
          r.actor = table.at(kz).name;
          r.action = "ratified";
          r.date = la.date;
          r.sentence = la.sentence;
          out.push_back(r);
          break;
        }
      }
    }
  }
}

}  // namespace steppe::extract
