#include "server/cli_support.h"

#include <cstdlib>
#include <filesystem>
#include <iostream>

namespace steppe::server {

std::string DefaultDbPath() {
  const char* env = std::getenv("STEPPE_DB");
  return env != nullptr && *env != '\0' ? env : "data/steppe.db";
}

void AddDbOption(CLI::App& command, std::string& db) {
  db = DefaultDbPath();
  command.add_option("--db", db, "the store's folder (default: $STEPPE_DB, else data/steppe.db)")
      ->type_name("DIR");
}

Result<std::unique_ptr<storage::RocksStore>> OpenStore(const std::string& path, bool must_exist) {
  if (must_exist && !std::filesystem::exists(path)) {
    return Status::InvalidArgument("no store at " + path + " (run `steppe ingest PATH --db " + path +
                                   "` first, or give --db)");
  }
  return storage::RocksStore::Open(path);
}

int ReportError(const Status& status) {
  switch (status.code()) {
    case Status::Code::kInvalidArgument:
    case Status::Code::kNotFound:
    case Status::Code::kSyntaxError:
    case Status::Code::kSemanticError:
    case Status::Code::kTypeError:
      std::cerr << "steppe: " << status.message() << "\n";
      return 1;
    default:  // not the user's doing: name the kind of failure too
      std::cerr << "steppe: " << status.ToString() << "\n";
      return 2;
  }
}

}  // namespace steppe::server
