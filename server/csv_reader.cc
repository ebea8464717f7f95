#include "server/csv_reader.h"

#include <fcntl.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <utility>

namespace steppe::server {

Result<std::unique_ptr<CsvReader>> CsvReader::Open(const std::string& path) {
  int fd = ::open(path.c_str(), O_RDONLY);
  if (fd < 0) return Status::IOError(path + ": cannot open: " + std::strerror(errno));
  struct stat st;
  if (::fstat(fd, &st) != 0) {
    std::string reason = std::strerror(errno);
    ::close(fd);
    return Status::IOError(path + ": cannot stat: " + reason);
  }
  size_t size = static_cast<size_t>(st.st_size);
  const char* data = "";
  if (size > 0) {
    void* mapped = ::mmap(nullptr, size, PROT_READ, MAP_PRIVATE, fd, 0);
    if (mapped == MAP_FAILED) {
      std::string reason = std::strerror(errno);
      ::close(fd);
      return Status::IOError(path + ": cannot map: " + reason);
    }
    // One front-to-back pass: let the kernel read ahead.
    ::madvise(mapped, size, MADV_SEQUENTIAL);
    data = static_cast<const char*>(mapped);
  }
  ::close(fd);  // the mapping keeps the file
  return std::unique_ptr<CsvReader>(new CsvReader(path, data, size));
}

CsvReader::~CsvReader() {
  if (size_ > 0) ::munmap(const_cast<char*>(data_), size_);
}

Status CsvReader::Error(const std::string& what) const {
  return Status::InvalidArgument(path_ + ":" + std::to_string(record_line_) + ": " + what);
}

// REQUIRES: data_[pos_] is the opening quote.
Result<std::string_view> CsvReader::QuotedField() {
  size_t start = ++pos_;
  bool escaped = false;
  while (true) {
    const char* quote =
        static_cast<const char*>(std::memchr(data_ + pos_, '"', size_ - pos_));
    if (quote == nullptr) return Error("a quoted field never closes");
    for (const char* p = data_ + pos_; p < quote; ++p) next_line_ += *p == '\n';
    pos_ = static_cast<size_t>(quote - data_) + 1;
    if (pos_ < size_ && data_[pos_] == '"') {  // "" inside quotes
      escaped = true;
      ++pos_;
      continue;
    }
    break;
  }
  std::string_view raw(data_ + start, pos_ - 1 - start);
  if (!escaped) return raw;
  std::string& out = unescaped_.emplace_back();
  out.reserve(raw.size());
  for (size_t i = 0; i < raw.size(); ++i) {
    out.push_back(raw[i]);
    if (raw[i] == '"') ++i;  // skip the second quote of a pair
  }
  return std::string_view(out);
}

Result<bool> CsvReader::Next(std::vector<std::string_view>& fields) {
  fields.clear();
  unescaped_.clear();
  if (pos_ >= size_) return false;
  record_line_ = next_line_;
  while (true) {
    if (pos_ < size_ && data_[pos_] == '"') {
      Result<std::string_view> field = QuotedField();
      if (!field.ok()) return field.status();
      fields.push_back(*field);
    } else {
      size_t start = pos_;
      while (pos_ < size_ && data_[pos_] != ',' && data_[pos_] != '\n') ++pos_;
      size_t end = pos_;
      if (end > start && data_[end - 1] == '\r' && (pos_ == size_ || data_[pos_] == '\n')) --end;
      fields.emplace_back(data_ + start, end - start);
    }
    if (pos_ >= size_) return true;
    char c = data_[pos_];
    if (c == ',') {
      ++pos_;
      continue;
    }
    if (c == '\r' && pos_ + 1 < size_ && data_[pos_ + 1] == '\n') ++pos_;
    if (pos_ < size_ && data_[pos_] == '\n') {
      ++pos_;
      ++next_line_;
      return true;
    }
    return Error("unexpected text after a closing quote");
  }
}

}  // namespace steppe::server
