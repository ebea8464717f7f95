#pragma once

#include <cstddef>
#include <cstdint>
#include <deque>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "core/result.h"

namespace steppe::server {

// Reads an RFC 4180 CSV file (comma-separated, fields optionally quoted with
// '"', a doubled quote inside quotes standing for one, LF or CRLF line ends)
// from a memory mapping, so that a field costs a scan of its bytes and no
// copy unless it holds an escaped quote.
class CsvReader {
 public:
  // Maps `path`. IOError when it cannot be opened or mapped.
  static Result<std::unique_ptr<CsvReader>> Open(const std::string& path);
  ~CsvReader();
  CsvReader(const CsvReader&) = delete;
  CsvReader& operator=(const CsvReader&) = delete;

  // Reads the next record into `fields`; the views stay valid until the
  // next call. Returns false at the end of the file. InvalidArgument, naming
  // the file and line, for a quote that never closes or stray text after a
  // closing quote.
  Result<bool> Next(std::vector<std::string_view>& fields);

  // 1-based line on which the record last returned starts.
  uint64_t line() const { return record_line_; }
  const std::string& path() const { return path_; }
  size_t size() const { return size_; }

 private:
  CsvReader(std::string path, const char* data, size_t size)
      : path_(std::move(path)), data_(data), size_(size) {}
  Status Error(const std::string& what) const;
  Result<std::string_view> QuotedField();

  std::string path_;
  const char* data_;
  size_t size_;
  size_t pos_ = 0;
  uint64_t next_line_ = 1;
  uint64_t record_line_ = 0;
  std::deque<std::string> unescaped_;  // quoted fields that held "" this record
};

}  // namespace steppe::server
