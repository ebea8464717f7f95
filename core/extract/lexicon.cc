#include "core/extract/lexicon.h"

#include <sstream>

#include "core/resolve/country_lexicon.h"

namespace steppe::extract {
namespace {

std::string Lower(std::string_view s) {
  std::string out(s);
  for (char& c : out)
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
  return out;
}

std::vector<std::string> LowerWords(std::string_view phrase) {
  std::vector<std::string> words;
  std::istringstream in{std::string(phrase)};
  std::string w;
  while (in >> w) words.push_back(Lower(w));
  return words;
}

}  // namespace

const Lexicon& Lexicon::Get() {
  static const Lexicon lexicon;
  return lexicon;
}

void Lexicon::AddCountryPhrase(std::string_view phrase, const std::string& name, bool adjective) {
  std::vector<std::string> words = LowerWords(phrase);
  if (words.empty()) return;
  if (words.size() == 1) {
    country_words_.emplace(words[0], name);
    word_bits_[words[0]] |= kCountryWord;
  }
  word_bits_[words[0]] |= kCountryStart;
  CountryNode* node = &countries_;
  for (std::string& w : words) {
    std::unique_ptr<CountryNode>& child = node->next[std::move(w)];
    if (!child) child = std::make_unique<CountryNode>();
    node = child.get();
  }
  // The first phrase added for the words wins.
  if (!node->match) node->match = CountryMatch{name, words.size(), adjective};
}

void Lexicon::AddWords(unsigned bits, std::string_view words) {
  for (std::string& w : LowerWords(words)) word_bits_[std::move(w)] |= bits;
}

void Lexicon::Annotate(Sentence& sentence) const {
  for (Token& t : sentence.tokens)
    if (t.kind == Token::Kind::kWord) t.lexicon = Bits(t.lower);
}

Lexicon::Lexicon() {
  // Countries: every name and demonym of the one country list, each
  // standing for the country's short name, and "Republic of <short name>".
  const resolve::CountryLexicon& countries = resolve::CountryLexicon::Default();
  const std::vector<std::string> codes = countries.Codes();
  for (const std::string& code : codes) {
    const std::string& short_name = countries.ShortName(code);
    for (const std::string& name : countries.Names(code)) AddCountryPhrase(name, short_name, false);
    AddCountryPhrase("Republic of " + short_name, short_name, false);
  }
  for (const std::string& code : codes)
    for (const std::string& adjective : countries.Adjectives(code))
      AddCountryPhrase(adjective, countries.ShortName(code), true);

  static constexpr std::string_view kMonths[] = {"january", "february", "march",     "april",
                                                 "may",     "june",     "july",      "august",
                                                 "september", "october", "november", "december"};
  for (unsigned m = 0; m < 12; ++m) word_bits_[std::string(kMonths[m])] |= (m + 1) << kMonthShift;
  static constexpr std::string_view kDays[] = {"monday", "tuesday", "wednesday", "thursday",
                                               "friday", "saturday", "sunday"};
  for (unsigned d = 0; d < 7; ++d) word_bits_[std::string(kDays[d])] |= (d + 1) << kWeekdayShift;
  AddWords(kMeetingWord,
           "met meet meets held had hold holds spoke talked received receives talks meeting meetings "
           "negotiations conversation");
  AddWords(kAgreementWord,
           "agreement agreements memorandum memoranda memorandums contract contracts treaty treaties "
           "roadmap roadmaps protocol protocols declaration declarations signed concluded inked sign "
           "signs conclude initialed reached ratifying ratified ratify agreed agree");
  AddWords(kLawWord,
           "approved approves approve adopted adopts passed signed signs ratified ratifies submitted "
           "initiated developed drafted prepared amended");
  AddWords(kDiscussWord, "discussed exchanged reviewed");
  AddWords(kReportingVerb,
           "said noted stated stressed emphasized emphasised added informed explained told "
           "expressed highlighted underlined underscored announced reported met held received "
           "discussed visited thanked invited confirmed conveyed signed welcomed presented proposed "
           "reaffirmed pointed recalled spoke participated took attended chaired briefed urged "
           "called believes says notes has was is will also");
  AddWords(kOrgNoun,
           "company companies corporation manufacturer producer operator bank fund agency service "
           "holding group association network broadcaster developer firm provider carrier airline "
           "university institute organization organisation foundation center centre startup "
           "exchange platform investor supplier enterprise plant concern conglomerate venture firms banks "
           "manufacturers producers operators investors suppliers enterprises organizations organisations");
  AddWords(kTitleHead,
         "president vice-president minister prime premier minister-president secretary "
         "secretary-general chairman chairwoman chairperson chair co-chairman co-chair co-chairs "
         "vice-chairman speaker head director director-general ceo cfo coo cto chief "
         "ambassador ambassador-at-large consul consul-general envoy representative "
         "senator deputy member akim governor mayor rector vice-rector vice-chancellor chancellor "
         "king queen emir prince sultan commissioner ombudsman prosecutor judge spokesperson "
         "spokesman spokeswoman adviser advisor counselor counsellor assistant aide manager "
         "officer analyst forecaster coach chargé attaché principal dean lawmaker mp "
         "superintendent administrator inspector auditor treasurer");
  AddWords(kTitleModifier,
         "deputy vice first second acting senior chief executive general regional managing "
         "resident permanent special leading state district group principal lead national "
         "honorary extraordinary plenipotentiary co associate assistant head presidential "
         "former incoming outgoing interim");
  AddWords(kHonorific, "mr mrs ms dr h.e h.e. captain professor prof sir madam his her excellency "
                      "sheikh lord lady colonel general major lieutenant admiral");
  AddWords(kOrgHead,
         "ministry committee agency fund bank university council commission office department "
         "service administration akimat corporation company group holding holdings association "
         "organization organisation union institute center centre academy chamber parliament "
         "senate mazhilis majilis government cabinet court delegation embassy consulate mission "
         "programme bureau authority foundation cooperative alliance exchange railways railway "
         "airlines airways hub port museum hospital clinic school college inspectorate "
         "secretariat assembly kurultai federation partnership directorate enterprise trust "
         "institution league party network corporations companies banks funds agencies "
         "ministries committees councils universities institutes associations eximbank "
         "industries society forces guard police");
  AddWords(kLegalForm, "jsc llp llc ltd limited corp inc plc nc pjsc cjsc ojsc gmbh ag sa co");
  AddWords(kInstitution, "mazhilis majilis senate parliament akorda government kurultai");
  for (std::string_view a :
       {"UN", "EU", "CSTO", "SCO", "CIS", "EAEU", "OSCE", "NATO", "IAEA", "WHO", "WTO", "IMF",
        "ADB", "EBRD", "AIIB", "IsDB", "OTS", "CICA", "UNDP", "UNESCO", "UNICEF", "FAO", "OPEC",
        "ASEAN", "BRICS", "OIC", "ICRC", "UNHCR", "UNCCT", "IFC", "OECD", "UNODC", "WFP",
        "ILO", "IOM", "UNFPA", "UNEP", "WIPO", "ICAO", "ITU", "JICA", "KOICA", "USAID", "GIZ",
        "AIFC", "EDB", "ECO", "GCC", "ESCAP", "UNECE", "IRENA", "IEA", "WB"})
    org_acronyms_.emplace(a);
  for (auto [acronym, expansion] : std::initializer_list<std::pair<std::string_view, std::string_view>>{
           {"UN", "United Nations"}, {"EU", "European Union"},
           {"CSTO", "Collective Security Treaty Organization"}, {"SCO", "Shanghai Cooperation Organisation"},
           {"CIS", "Commonwealth of Independent States"}, {"EAEU", "Eurasian Economic Union"},
           {"OSCE", "Organization for Security and Co-operation in Europe"},
           {"IAEA", "International Atomic Energy Agency"}, {"WHO", "World Health Organization"},
           {"WTO", "World Trade Organization"}, {"IMF", "International Monetary Fund"},
           {"ADB", "Asian Development Bank"}, {"EBRD", "European Bank for Reconstruction and Development"},
           {"AIIB", "Asian Infrastructure Investment Bank"}, {"IsDB", "Islamic Development Bank"},
           {"OTS", "Organization of Turkic States"}, {"UNDP", "United Nations Development Programme"},
           {"FAO", "Food and Agriculture Organization"}, {"ICRC", "International Committee of the Red Cross"},
           {"OIC", "Organisation of Islamic Cooperation"}, {"NATO", "North Atlantic Treaty Organization"}})
    acronym_expansions_.emplace(std::string(acronym), std::string(expansion));
  AddWords(kCommonWord,
         "the a an this that these those during following after before in on at as for with by "
         "from to of and or but also additionally furthermore moreover however meanwhile earlier "
         "later today yesterday tomorrow according among under over since while when where it "
         "he she they we our its their his her both all each every other such particular "
         "special mr mrs ms dr there here then thus therefore hence new old great first second "
         "third next last recent upcoming current future past one two three four five six seven "
         "eight nine ten foreign affairs trade integration energy finance financial economy "
         "economic national development transport agriculture agricultural defense defence "
         "justice health healthcare education science higher culture cultural information sports "
         "sport tourism ecology ecological natural resources industry industrial construction "
         "labor labour social protection population emergency emergencies situations digital "
         "digitalization innovation innovations aerospace communications internal interior water "
         "irrigation investment investments infrastructure management strategic planning reforms "
         "reform statistics international regional public state security cooperation relations "
         "policy competition consumer rights human family youth women children religious civil "
         "legal monitoring market markets regulation supervision customs tax revenue budget "
         "artificial intelligence technology technologies research medical medicine arts art "
         "heritage central eastern western northern southern north south east west asian asia "
         "european europe islamic arab federal republic kingdom region regions district city "
         "oblast sustainable green renewable environmental environment climate mining "
         "metallurgy oil gas petroleum nuclear atomic power electric electricity grid operating "
         "logistics maritime sea river railway air aviation space postal post "
         "telecommunications media news press service services capital entrepreneurship "
         "business businesses export import credit insurance pension savings housing urban rural "
         "agro food chemical chemicals manufacturing machinery engineering general supreme "
         "interstate intergovernmental interparliamentary friendship joint board governors "
         "directors management program project projects strategy concept law code constitution "
         "agreement agreements memorandum treaty protocol roadmap order decree resolution forum "
         "summit conference session exhibition expo week games olympic cup championship "
         "monday tuesday wednesday thursday friday saturday sunday january february march april "
         "may june july august september october november december president minister "
         "prime deputy vice chairman head director ambassador secretary senator akim member "
         "members ministry committee agency fund bank university council commission office "
         "department administration government parliament senate mazhilis majilis akorda "
         "presidential executive chief officer spokesperson representative delegation embassy "
         "mission acting senior managing resident permanent leading group holding company "
         "corporation association organization organisation union institute center centre "
         "academy chamber court bureau authority foundation partnership exchange hub port "
         "museum hospital school college global world united nations people peoples citizens "
         "country countries day year years month months "
         "source photo credit read more news more world society economy politics "
         "specifically additionally notably overall currently previously similarly finally "
         "besides likewise accordingly consequently thereby still yet instead "
         "excellency his her honorable honourable sheikh captain professor colonel "
         "regional roundtable training meeting talks visit forum congress council "
         "astana almaty shymkent bishkek tashkent moscow beijing ankara "
         "islamic development dialogue partnership system systems platform "
         "bilateral multilateral trilateral strategic comprehensive political diplomatic "
         "military humanitarian legislative constitutional parliamentary commercial corporate "
         "operations operation network networks solutions solution office offices "
         "institutes council counter terrorism countering biological chemical "
         "union council cabinet ministers affairs");
  words_.Build(word_bits_);
  word_bits_.clear();
}

void Lexicon::WordTable::Build(const std::unordered_map<std::string, unsigned, StringHash, std::equal_to<>>& words) {
  size_t size = 16;
  while (size < words.size() * 2) size *= 2;
  slots_.assign(size, Slot{});
  mask_ = size - 1;
  for (const auto& [word, bits] : words) {
    size_t i = StringHash{}(word) & mask_;
    while (!slots_[i].word.empty()) i = (i + 1) & mask_;
    slots_[i] = Slot{word, bits};
  }
}

std::optional<Lexicon::CountryMatch> Lexicon::MatchCountry(const std::vector<Token>& tokens,
                                                            size_t i) const {
  // "U.S.", "U.K." and "U.A.E." come as initials.
  if (i + 1 < tokens.size() && tokens[i].kind == Token::Kind::kInitial && tokens[i].text == "U.") {
    const std::string_view second = tokens[i + 1].text;
    // "U.K. Serikbayev" is a person's initials.
    size_t next = i + (second == "A." ? 3 : 2);
    if (next < tokens.size() && tokens[next].IsWord() && tokens[next].capitalized &&
        !(tokens[next].lexicon & (kTitleHead | kTitleModifier | kCommonWord | kOrgHead)))
      return std::nullopt;
    if (second == "S.") return CountryMatch{"United States", 2, false};
    if (second == "K.") return CountryMatch{"United Kingdom", 2, false};
    if (second == "A." && i + 2 < tokens.size() && tokens[i + 2].text == "E.")
      return CountryMatch{"United Arab Emirates", 3, false};
  }
  if (i >= tokens.size() || tokens[i].kind != Token::Kind::kWord || !tokens[i].capitalized ||
      !(tokens[i].lexicon & kCountryStart))
    return std::nullopt;
  if (tokens[i].text == "US" && i + 1 < tokens.size() &&
      (tokens[i + 1].IsPunct("$") || tokens[i + 1].Is("dollars") || tokens[i + 1].Is("dollar")))
    return std::nullopt;  // a currency, not the country
  std::optional<CountryMatch> best;
  const CountryNode* node = &countries_;
  for (size_t k = i; k < tokens.size(); ++k) {
    const Token& t = tokens[k];
    auto next = node->next.find(t.lower);
    if (next == node->next.end()) break;
    if (!(t.capitalized || t.Is("of") || t.Is("the") || t.Is("and"))) break;
    node = next->second.get();
    if (node->match) best = node->match;
  }
  return best;
}

const std::string* Lexicon::CountryOfWord(std::string_view lower) const {
  auto it = country_words_.find(lower);
  return it == country_words_.end() ? nullptr : &it->second;
}

bool Lexicon::IsLegalForm(std::string_view text) const {
  if (!text.empty() && text.back() == '.') text.remove_suffix(1);
  std::string lower = Lower(text);
  // Short legal forms count only when written in capitals ("JSC", "Corp", not "co").
  if (lower == "co" || lower == "sa" || lower == "ag") return text == "Co" || text == "SA" || text == "AG";
  return Bits(lower) & kLegalForm;
}

bool Lexicon::IsLegalForm(const Token& t) const {
  if (t.kind != Token::Kind::kWord) return IsLegalForm(t.text);
  if (!(t.lexicon & kLegalForm)) return false;
  if (t.Is("co") || t.Is("sa") || t.Is("ag")) return t.text == "Co" || t.text == "SA" || t.text == "AG";
  return true;
}

}  // namespace steppe::extract
