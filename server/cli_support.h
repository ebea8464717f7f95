#pragma once

// What every `steppe` command that opens the store shares: the --db option,
// opening the store, and turning a Status into a message and an exit code.

#include <CLI/CLI.hpp>

#include <memory>
#include <string>

#include "core/result.h"
#include "core/status.h"
#include "storage/rocks_store.h"

namespace steppe::server {

// The store's folder when --db is not given: $STEPPE_DB, else data/steppe.db
// below the working directory.
std::string DefaultDbPath();

// Adds `--db DIR` to `command`, writing into `db`, which starts at DefaultDbPath().
void AddDbOption(CLI::App& command, std::string& db);

// Opens the store at `path`. With `must_exist`, a missing folder is
// InvalidArgument "no store at <path> ..." rather than a new, empty store.
Result<std::unique_ptr<storage::RocksStore>> OpenStore(const std::string& path, bool must_exist);

// Prints "steppe: <message>" on stderr and returns the exit code for it: 1
// for the user's bad input, 2 for anything else.
int ReportError(const Status& status);

}  // namespace steppe::server
