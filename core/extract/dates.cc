#include "core/extract/dates.h"

#include <chrono>
#include <cstdio>

#include "core/extract/lexicon.h"

namespace steppe::extract {
namespace {

std::optional<std::chrono::year_month_day> ParseIso(const std::string& iso) {
  int y = 0;
  unsigned m = 0, d = 0;
  if (iso.size() != 10 || std::sscanf(iso.c_str(), "%d-%u-%u", &y, &m, &d) != 3) return std::nullopt;
  std::chrono::year_month_day ymd{std::chrono::year{y}, std::chrono::month{m}, std::chrono::day{d}};
  if (!ymd.ok()) return std::nullopt;
  return ymd;
}

std::string Iso(int y, unsigned m, unsigned d) {
  char buf[32];
  std::snprintf(buf, sizeof buf, "%04d-%02u-%02u", y, m, d);
  return buf;
}

int Number(const Token& t) {
  if (t.kind != Token::Kind::kNumber || t.text.size() > 4) return -1;
  int v = 0;
  for (char c : t.text) {
    if (c < '0' || c > '9') return -1;
    v = v * 10 + (c - '0');
  }
  return v;
}

}  // namespace

std::optional<std::string> ResolveWeekday(const std::string& iso_date, int weekday) {
  auto ymd = ParseIso(iso_date);
  if (!ymd) return std::nullopt;
  std::chrono::sys_days day{*ymd};
  unsigned today = std::chrono::weekday{day}.iso_encoding();  // Monday = 1
  int back = (static_cast<int>(today) - weekday + 7) % 7;
  std::chrono::year_month_day r{day - std::chrono::days{back}};
  return Iso(static_cast<int>(r.year()), static_cast<unsigned>(r.month()), static_cast<unsigned>(r.day()));
}

std::optional<std::string> FindDate(const std::vector<Token>& tokens, const std::string& article_date) {
  const Lexicon& lex = Lexicon::Get();
  auto article = ParseIso(article_date);
  std::optional<std::string> year_only;
  for (size_t i = 0; i < tokens.size(); ++i) {
    const Token& t = tokens[i];
    if (int m = lex.Month(t.lower); m > 0 && t.capitalized) {
      // "March 12, 2026" / "March 12"
      if (i + 1 < tokens.size()) {
        int d = Number(tokens[i + 1]);
        if (d >= 1 && d <= 31) {
          size_t k = i + 2;
          if (k < tokens.size() && tokens[k].IsPunct(",")) ++k;
          int y = k < tokens.size() ? Number(tokens[k]) : -1;
          if (y >= 1900 && y <= 2100) return Iso(y, static_cast<unsigned>(m), static_cast<unsigned>(d));
          if (article) return Iso(static_cast<int>(article->year()), static_cast<unsigned>(m),
                                  static_cast<unsigned>(d));
          return std::nullopt;  // the year is not given
        }
      }
      // "12 March 2026"
      if (i >= 1) {
        int d = Number(tokens[i - 1]);
        int y = i + 1 < tokens.size() ? Number(tokens[i + 1]) : -1;
        if (d >= 1 && d <= 31 && y >= 1900 && y <= 2100)
          return Iso(y, static_cast<unsigned>(m), static_cast<unsigned>(d));
      }
    }
    if (!article_date.empty() && (t.Is("today") || (t.Is("this") && i + 1 < tokens.size() &&
                                                         tokens[i + 1].Is("morning"))))
      return article_date;
    if (int wd = lex.Weekday(t.lower); wd > 0 && t.capitalized && i >= 1 &&
        (tokens[i - 1].Is("on") || tokens[i - 1].Is("last"))) {
      if (!article_date.empty()) return ResolveWeekday(article_date, wd);
    }
    if (t.Is("in") && i + 1 < tokens.size()) {
      int y = Number(tokens[i + 1]);
      if (y >= 1900 && y <= 2100 && !year_only) year_only = std::to_string(y);
    }
  }
  return year_only;
}

}  // namespace steppe::extract
