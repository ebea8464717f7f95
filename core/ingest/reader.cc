// ReadNewsFile and ListNewsFiles: the checks a file passes before parsing.
#include "core/ingest/reader.h"

#include <algorithm>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <system_error>

namespace steppe::ingest {
namespace {

namespace fs = std::filesystem;

Status Refuse(const std::string& path, const std::string& reason) {
  return Status::InvalidArgument(path + ": " + reason);
}

std::string Hex(unsigned char byte) {
  char buffer[8];
  std::snprintf(buffer, sizeof buffer, "0x%02X", byte);
  return buffer;
}

std::string Place(std::string_view text, size_t offset) {
  const size_t line = 1 + static_cast<size_t>(std::count(text.begin(), text.begin() + offset, '\n'));
  return "line " + std::to_string(line) + ", byte offset " + std::to_string(offset);
}

bool IsAllowedControl(unsigned char c) {
  return c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v';
}

// A NUL or any other control byte means the file is not text.
Status CheckNotBinary(std::string_view text, const std::string& path) {
  for (size_t i = 0; i < text.size(); ++i) {
    const auto c = static_cast<unsigned char>(text[i]);
    if ((c < 0x20 && !IsAllowedControl(c)) || c == 0x7F) {
      return Refuse(path, "binary file, not text (" + std::string(c == 0 ? "NUL" : "control") +
                              " byte " + Hex(c) + " at " + Place(text, i) + ")");
    }
  }
  return Status::OK();
}

// The length of the well-formed UTF-8 sequence at `at` (RFC 3629: no
// overlong forms, no surrogates, nothing above U+10FFFF), or 0.
size_t Utf8SequenceLength(std::string_view text, size_t at) {
  const auto byte = [&](size_t i) { return static_cast<unsigned char>(text[at + i]); };
  const auto continuation = [&](size_t i) {
    return at + i < text.size() && (byte(i) & 0xC0) == 0x80;
  };
  const unsigned char lead = byte(0);
  if (lead < 0x80) return 1;
  if (lead >= 0xC2 && lead <= 0xDF) return continuation(1) ? 2 : 0;
  if (lead >= 0xE0 && lead <= 0xEF) {
    if (!continuation(1) || !continuation(2)) return 0;
    if (lead == 0xE0 && byte(1) < 0xA0) return 0;  // overlong
    if (lead == 0xED && byte(1) > 0x9F) return 0;  // surrogate
    return 3;
  }
  if (lead >= 0xF0 && lead <= 0xF4) {
    if (!continuation(1) || !continuation(2) || !continuation(3)) return 0;
    if (lead == 0xF0 && byte(1) < 0x90) return 0;  // overlong
    if (lead == 0xF4 && byte(1) > 0x8F) return 0;  // above U+10FFFF
    return 4;
  }
  return 0;
}

Status CheckUtf8(std::string_view text, const std::string& path) {
  for (size_t i = 0; i < text.size();) {
    if (static_cast<unsigned char>(text[i]) < 0x80) {
      ++i;
      continue;
    }
    const size_t length = Utf8SequenceLength(text, i);
    if (length == 0) {
      return Refuse(path, "not valid UTF-8 (byte " + Hex(static_cast<unsigned char>(text[i])) +
                              " at " + Place(text, i) + ")");
    }
    i += length;
  }
  return Status::OK();
}

Result<std::string> ReadWhole(const std::string& path) {
  std::error_code error;
  const fs::file_status status = fs::status(path, error);
  if (!fs::exists(status)) return Refuse(path, "no such file");
  if (!fs::is_regular_file(status)) return Refuse(path, "not a regular file");
  const uintmax_t size = fs::file_size(path, error);
  if (error) return Refuse(path, "cannot read (" + error.message() + ")");
  if (size > kMaxNewsFileBytes) {
    return Refuse(path, "file is too large (" + std::to_string(size) + " bytes; the limit is " +
                            std::to_string(kMaxNewsFileBytes >> 20) + " MiB)");
  }
  std::ifstream in(path, std::ios::binary);
  if (!in) return Refuse(path, "cannot open for reading");
  std::string text(size, '\0');
  in.read(text.data(), static_cast<std::streamsize>(size));
  if (static_cast<uintmax_t>(in.gcount()) != size) return Refuse(path, "cannot read the whole file");
  return text;
}

bool IsHidden(const fs::path& path) { return path.filename().string().starts_with("."); }

bool HasTxtExtension(const fs::path& path) {
  std::string extension = path.extension().string();
  std::transform(extension.begin(), extension.end(), extension.begin(),
                 [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  return extension == ".txt";
}

// Every *.txt file below `folder`, hidden files and folders skipped.
Status CollectFolder(const std::string& folder, std::vector<std::string>& files) {
  std::error_code error;
  fs::recursive_directory_iterator it(folder, fs::directory_options::skip_permission_denied, error);
  if (error) return Refuse(folder, "cannot list the folder (" + error.message() + ")");
  size_t found = 0;
  for (; it != fs::recursive_directory_iterator(); it.increment(error)) {
    if (error) return Refuse(folder, "cannot list the folder (" + error.message() + ")");
    if (IsHidden(it->path())) {
      if (it->is_directory(error)) it.disable_recursion_pending();
      continue;
    }
    if (it->is_regular_file(error) && HasTxtExtension(it->path())) {
      files.push_back(it->path().string());
      ++found;
    }
  }
  if (found == 0) return Refuse(folder, "the folder holds no news files (*.txt)");
  return Status::OK();
}

}  // namespace

Result<NewsFile> ReadNewsFile(const std::string& path) {
  Result<std::string> text = ReadWhole(path);
  if (!text.ok()) return text.status();
  std::string_view view = *text;
  if (view.find_first_not_of(" \t\r\n\f\v") == std::string_view::npos) {
    return Refuse(path, view.empty() ? "file is empty" : "file is empty (only whitespace)");
  }
  STEPPE_RETURN_IF_ERROR(CheckNotBinary(view, path));
  STEPPE_RETURN_IF_ERROR(CheckUtf8(view, path));
  if (view.starts_with("\xEF\xBB\xBF")) view.remove_prefix(3);  // a byte-order mark
  Result<NewsFile> file = ParseNewsText(view, path);
  if (file.ok()) file->bytes = text->size();
  return file;
}

Result<std::vector<std::string>> ListNewsFiles(const std::vector<std::string>& paths) {
  std::vector<std::string> files;
  for (const std::string& path : paths) {
    std::error_code error;
    const fs::file_status status = fs::status(path, error);
    if (!fs::exists(status)) return Refuse(path, "no such file or folder");
    if (fs::is_directory(status)) {
      STEPPE_RETURN_IF_ERROR(CollectFolder(path, files));
    } else if (fs::is_regular_file(status)) {
      files.push_back(path);
    } else {
      return Refuse(path, "not a file or folder");
    }
  }
  std::sort(files.begin(), files.end());
  files.erase(std::unique(files.begin(), files.end()), files.end());
  return files;
}

}  // namespace steppe::ingest
