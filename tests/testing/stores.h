#pragma once

#include <memory>
#include <string>
#include <vector>

#include "storage/graph_store.h"
#include "storage/rocks_store.h"

namespace steppe::testing {

// A fresh store for one test, with what it needs to live: a RocksStore owns
// a temporary folder, removed with everything in it when the TestStore goes.
class TestStore {
 public:
  ~TestStore();
  TestStore(TestStore&&) noexcept;
  TestStore& operator=(TestStore&&) noexcept;

  storage::GraphStore& operator*() const { return *store_; }
  storage::GraphStore* operator->() const { return store_.get(); }
  // "MemStore" or "RocksStore", for test messages.
  const std::string& name() const { return name_; }
  // The RocksStore, or null for a MemStore.
  storage::RocksStore* rocks() const { return rocks_; }
  // Closes and opens the RocksStore again on the same folder; false (and no
  // change) for a MemStore. Earlier pointers to the store are invalid after it.
  bool Reopen();

 private:
  friend TestStore NewMemStore();
  friend TestStore NewRocksStore();
  TestStore() = default;

  std::string name_;
  std::string dir_;  // empty for a MemStore
  std::unique_ptr<storage::GraphStore> store_;
  storage::RocksStore* rocks_ = nullptr;
};

TestStore NewMemStore();
// A RocksStore in a fresh temporary folder (fails the test if it cannot open).
TestStore NewRocksStore();
// Every kind of store, each fresh: run storage cases on all of them.
std::vector<TestStore> AllStores();

}  // namespace steppe::testing
