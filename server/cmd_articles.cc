// steppe articles [--since DATE] [--db DIR] [--json]
#include <algorithm>
#include <cstdio>
#include <iostream>
#include <memory>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <vector>

#include "server/cli_support.h"
#include "server/commands.h"

namespace steppe::server {
namespace {

struct ArticlesOptions {
  std::string db;
  std::string since;
  bool json = false;
};

// "YYYY-MM-DD" with a possible month and day.
bool IsIsoDate(const std::string& s) {
  if (s.size() != 10 || s[4] != '-' || s[7] != '-') return false;
  for (size_t i : {0, 1, 2, 3, 5, 6, 8, 9}) {
    if (s[i] < '0' || s[i] > '9') return false;
  }
  const int month = std::stoi(s.substr(5, 2));
  const int day = std::stoi(s.substr(8, 2));
  return month >= 1 && month <= 12 && day >= 1 && day <= 31;
}

nlohmann::json ToJson(const StoredArticle& stored) {
  const Article& a = stored.article;
  const auto optional = [](const std::optional<std::string>& v) -> nlohmann::json {
    return v ? nlohmann::json(*v) : nlohmann::json(nullptr);
  };
  return {{"id", a.id},
          {"node", stored.node},
          {"title", optional(a.title)},
          {"date", optional(a.date)},
          {"time", optional(a.time)},
          {"source_url", optional(a.source_url)},
          {"outlet", optional(a.outlet)},
          {"file", a.file},
          {"fingerprint", stored.fingerprint}};
}

// The stored articles dated on or after `since` (all, when empty), by date,
// undated ones last, then in the order they were stored.
Result<std::vector<StoredArticle>> SelectArticles(const storage::GraphReader& store,
                                                  const std::string& since) {
  std::vector<StoredArticle> articles;
  Status scanned = store.ScanArticles([&](const StoredArticle& a) {
    if (since.empty() || (a.article.date && *a.article.date >= since)) articles.push_back(a);
    return true;
  });
  if (!scanned.ok()) return scanned;
  std::stable_sort(articles.begin(), articles.end(), [](const StoredArticle& x, const StoredArticle& y) {
    if (x.article.date.has_value() != y.article.date.has_value()) return x.article.date.has_value();
    return x.article.date.value_or("") < y.article.date.value_or("");
  });
  return articles;
}

int RunArticles(const ArticlesOptions& options) {
  if (!options.since.empty() && !IsIsoDate(options.since)) {
    return ReportError(Status::InvalidArgument("--since: expected a date YYYY-MM-DD, got '" +
                                               options.since + "'"));
  }
  Result<std::unique_ptr<storage::RocksStore>> store = OpenStore(options.db, /*must_exist=*/true);
  if (!store.ok()) return ReportError(store.status());
  Result<std::vector<StoredArticle>> articles = SelectArticles(**store, options.since);
  if (!articles.ok()) return ReportError(articles.status());
  if (options.json) {
    nlohmann::json out = nlohmann::json::array();
    for (const StoredArticle& a : *articles) out.push_back(ToJson(a));
    std::cout << out.dump(1) << "\n";
    return 0;
  }
  for (const StoredArticle& a : *articles) {
    std::printf("%-10s  %-28s  %s\n", a.article.date.value_or("-").c_str(), a.article.id.c_str(),
                a.article.title.value_or("(no title)").c_str());
  }
  return 0;
}

}  // namespace

void AddArticlesCommand(CLI::App& app) {
  auto options = std::make_shared<ArticlesOptions>();
  CLI::App* command = app.add_subcommand(
      "articles", "List the stored articles by date: date, id and title (or JSON with --json).");
  command->add_option("--since", options->since, "only articles dated on or after DATE (YYYY-MM-DD)")
      ->type_name("DATE");
  AddDbOption(*command, options->db);
  command->add_flag("--json", options->json,
                    "print a JSON array: id, node, title, date, time, source_url, outlet, file, "
                    "fingerprint");
  command->callback([options] { SetExitCode(RunArticles(*options)); });
}

}  // namespace steppe::server
