#include "tests/testing/stores.h"

#include <doctest/doctest.h>
#include <stdlib.h>

#include <filesystem>

#include "storage/mem_store.h"

namespace steppe::testing {
namespace {

std::string MakeTempDir() {
  std::string pattern = (std::filesystem::temp_directory_path() / "steppe-store-XXXXXX").string();
  REQUIRE(mkdtemp(pattern.data()) != nullptr);
  return pattern;
}

std::unique_ptr<storage::RocksStore> OpenRocks(const std::string& dir) {
  storage::RocksStoreOptions options;
  options.block_cache_bytes = 8 << 20;  // many stores live at once in a test run
  auto store = storage::RocksStore::Open(dir + "/db", options);
  REQUIRE_MESSAGE(store.ok(), store.status().ToString());
  return std::move(*store);
}

}  // namespace

TestStore::~TestStore() {
  store_.reset();
  if (!dir_.empty()) {
    std::error_code ignored;  // best-effort cleanup of a temporary folder
    std::filesystem::remove_all(dir_, ignored);
  }
}

TestStore::TestStore(TestStore&& other) noexcept
    : name_(std::move(other.name_)),
      dir_(std::exchange(other.dir_, {})),
      store_(std::move(other.store_)),
      rocks_(std::exchange(other.rocks_, nullptr)) {}

TestStore& TestStore::operator=(TestStore&& other) noexcept {
  if (this != &other) {
    TestStore gone(std::move(*this));
    name_ = std::move(other.name_);
    dir_ = std::exchange(other.dir_, {});
    store_ = std::move(other.store_);
    rocks_ = std::exchange(other.rocks_, nullptr);
  }
  return *this;
}

bool TestStore::Reopen() {
  if (rocks_ == nullptr) return false;
  store_.reset();
  auto reopened = OpenRocks(dir_);
  rocks_ = reopened.get();
  store_ = std::move(reopened);
  return true;
}

TestStore NewMemStore() {
  TestStore t;
  t.name_ = "MemStore";
  t.store_ = std::make_unique<storage::MemStore>();
  return t;
}

TestStore NewRocksStore() {
  TestStore t;
  t.name_ = "RocksStore";
  t.dir_ = MakeTempDir();
  auto store = OpenRocks(t.dir_);
  t.rocks_ = store.get();
  t.store_ = std::move(store);
  return t;
}

std::vector<TestStore> AllStores() {
  std::vector<TestStore> stores;
  stores.push_back(NewMemStore());
  stores.push_back(NewRocksStore());
  return stores;
}

}  // namespace steppe::testing
